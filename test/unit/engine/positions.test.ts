import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/index.js';
import { federated, only, textAt } from './helpers.js';

describe('engine: exact positions', () => {
  it('the fixture is clean of format findings', () => {
    const result = analyze(federated());
    assert.deepEqual(result.findings.filter((f) => f.ruleId.startsWith('L2S-FMT')), []);
    assert.equal(result.system, 'Test Federation');
  });

  it('points a wrong value at the value node', () => {
    const text = federated().replace('delay: 2d', 'delay: 2 fortnights');
    const [f] = only(analyze(text), 'L2S-FMT-002');
    assert.ok(f);
    assert.equal(textAt(text, f.range), '2 fortnights');
    assert.equal(f.path, 'exits.delay');
  });

  it('points an unknown key at the key, with a suggestion and a fix', () => {
    const text = federated().replace('    hsm: true', '    hsmm: true');
    const [f] = only(analyze(text), 'L2S-FMT-003');
    assert.ok(f);
    assert.equal(textAt(text, f.range), 'hsmm');
    assert.match(f.message, /did you mean "hsm"\?/);
  });

  it('suggests the closest enum value and offers it as a fix', () => {
    const text = federated().replace('custody: federation-multisig', 'custody: federation-multisg');
    const [f] = only(analyze(text), 'L2S-FMT-002');
    assert.ok(f);
    assert.equal(textAt(text, f.range), 'federation-multisg');
    assert.equal(f.fix?.value, 'federation-multisig');
    assert.equal(f.fix?.insert, false);
  });

  it('reports a missing key at its parent key', () => {
    const text = federated().replace('  name: Test Federation\n', '');
    const [f] = only(analyze(text), 'L2S-FMT-002');
    assert.ok(f);
    assert.match(f.message, /Missing required key "name"/);
    assert.equal(textAt(text, f.range), 'system');
  });

  it('counts columns in UTF-16 code units (astral characters take two)', () => {
    const text = federated().replace('name: Functionaries', 'name: "🛡️ Functionaries"').replace('    hsm: true', '    hsmm: true');
    const [f] = only(analyze(text), 'L2S-FMT-003');
    assert.ok(f);
    assert.equal(textAt(text, f.range), 'hsmm');
    const emojiLine = text.split('\n').findIndex((l) => l.includes('🛡️'));
    const dangling = analyze(text.replace('name: "🛡️ Functionaries"', 'name: "🛡️ Functionaries"\n    hashrateShare: "x"'));
    const [typeError] = only(dangling, 'L2S-FMT-002');
    assert.ok(typeError && typeError.range.start.line === emojiLine + 1);
  });

  it('gives the same ranges with CRLF line endings', () => {
    const lf = federated().replace('delay: 2d', 'delay: soon');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = only(analyze(lf), 'L2S-FMT-002');
    const b = only(analyze(crlf), 'L2S-FMT-002');
    assert.deepEqual(b.map((f) => f.range), a.map((f) => f.range));
    assert.equal(textAt(crlf.replace(/\r/g, ''), b[0]!.range), 'soon');
  });

  it('reports a dangling reference on the reference, with a suggestion', () => {
    const text = federated().replace('    signers: fed\n', '    signers: feed\n');
    const [f] = only(analyze(text), 'L2S-FMT-005');
    assert.ok(f);
    assert.equal(textAt(text, f.range), 'feed');
    assert.match(f.message, /did you mean "fed"\?/);
  });

  it('reports a duplicate id with the first definition as related information', () => {
    const text = federated().replace('  - id: recovery', '  - id: fed');
    const [f] = only(analyze(text), 'L2S-FMT-006');
    assert.ok(f);
    assert.equal(f.related?.length, 1);
    assert.equal(textAt(text, f.related![0]!.range), 'fed');
    assert.ok(f.related![0]!.range.start.line < f.range.start.line);
  });

  it('checks a peg threshold against its signer set', () => {
    const text = federated().replace('    threshold: 5-of-7\n    emergencyRecovery', '    threshold: 5-of-9\n    emergencyRecovery');
    const [f] = only(analyze(text), 'L2S-FMT-004');
    assert.ok(f);
    assert.equal(textAt(text, f.range), '5-of-9');
    assert.equal(textAt(text, f.related![0]!.range), '7');
  });

  it('rejects impossible thresholds', () => {
    const text = federated().replace('threshold: 2-of-3\n    external', 'threshold: 4-of-3\n    external');
    const [f] = only(analyze(text), 'L2S-FMT-004');
    assert.ok(f);
    assert.match(f.message, /impossible/);
  });
});
