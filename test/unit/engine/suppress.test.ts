import assert from 'node:assert/strict';
import { analyze, parseConfig } from '../../../server/src/engine/index.js';
import { federated, only, textAt } from './helpers.js';

const withUnknownKey = () => federated().replace('    hsm: true', '    hsmm: true');

describe('engine: suppressions', () => {
  it('disable-next-line suppresses the finding on the next line and keeps it with its reason', () => {
    const text = withUnknownKey().replace('    hsmm: true', '    # l2spec-disable-next-line L2S-FMT-003 -- vendor extension, reviewed in #12\n    hsmm: true');
    const [f] = only(analyze(text), 'L2S-FMT-003');
    assert.ok(f);
    assert.deepEqual(f.suppressed, { kind: 'line', justification: 'vendor extension, reviewed in #12' });
  });

  it('does not suppress other rules or other lines', () => {
    const text = withUnknownKey().replace('    hsmm: true', '    # l2spec-disable-next-line L2S-FMT-002 -- wrong rule\n    hsmm: true');
    const [f] = only(analyze(text), 'L2S-FMT-003');
    assert.equal(f!.suppressed, undefined);
    const elsewhere = withUnknownKey().replace('  - id: recovery', '  # l2spec-disable-next-line L2S-FMT-003 -- other line\n  - id: recovery');
    assert.equal(only(analyze(elsewhere), 'L2S-FMT-003')[0]!.suppressed, undefined);
  });

  it('stacked comments all apply to the next content line', () => {
    const text = withUnknownKey().replace('    hsmm: true', '    # l2spec-disable-next-line L2S-FMT-002 -- a\n    # l2spec-disable-next-line L2S-FMT-003 -- b\n    hsmm: true');
    assert.equal(only(analyze(text), 'L2S-FMT-003')[0]!.suppressed?.justification, 'b');
  });

  it('disable-file suppresses everywhere; several IDs may be listed', () => {
    const text = `# l2spec-disable-file L2S-FMT-002, L2S-FMT-003 -- draft spec\n${withUnknownKey().replace('delay: 2d', 'delay: soon')}`;
    const result = analyze(text);
    assert.equal(only(result, 'L2S-FMT-003')[0]!.suppressed?.kind, 'file');
    assert.equal(only(result, 'L2S-FMT-002')[0]!.suppressed?.kind, 'file');
  });

  it('a missing reason is a finding and suppresses nothing', () => {
    const text = withUnknownKey().replace('    hsmm: true', '    # l2spec-disable-next-line L2S-FMT-003\n    hsmm: true');
    const result = analyze(text);
    assert.equal(only(result, 'L2S-FMT-003')[0]!.suppressed, undefined);
    const [p] = only(result, 'L2S-FMT-007');
    assert.match(p!.message, /no reason/);
    assert.equal(textAt(text, p!.range), '# l2spec-disable-next-line L2S-FMT-003');
  });

  it('a placeholder reason (as the quick fix inserts it) is a finding and suppresses nothing', () => {
    for (const reason of ['<reason>', 'TODO']) {
      const text = withUnknownKey().replace('    hsmm: true', `    # l2spec-disable-next-line L2S-FMT-003 -- ${reason}\n    hsmm: true`);
      const result = analyze(text);
      assert.equal(only(result, 'L2S-FMT-003')[0]!.suppressed, undefined);
      assert.match(only(result, 'L2S-FMT-007')[0]!.message, /placeholder reason/);
    }
  });

  it('a directive must sit on the comment line itself (found by the property tests)', () => {
    // Not a directive: the "#" ends its line. (The old pattern read across the line break.)
    const text = `#\nl2spec-disable-next-line L2S-FMT-003\n${withUnknownKey()}`;
    const result = analyze(text);
    assert.equal(only(result, 'L2S-FMT-007').length, 0);
    assert.ok(result.findings.length > 0 && result.findings.every((f) => !f.suppressed));
  });

  it('an unknown rule ID is a finding pointing at the ID', () => {
    const text = withUnknownKey().replace('    hsmm: true', '    # l2spec-disable-next-line L2S-NOPE-999 -- typo\n    hsmm: true');
    const [p] = only(analyze(text), 'L2S-FMT-007');
    assert.match(p!.message, /unknown rule "L2S-NOPE-999"/);
    assert.equal(textAt(text, p!.range), 'L2S-NOPE-999');
  });
});

describe('engine: config', () => {
  it('sets severities and turns rules off', () => {
    const { config, problems } = parseConfig('rules:\n  L2S-FMT-003: low\n  L2S-FMT-002: off\n');
    assert.deepEqual(problems, []);
    const result = analyze(withUnknownKey().replace('delay: 2d', 'delay: soon'), { config });
    assert.equal(only(result, 'L2S-FMT-003')[0]!.severity, 'low');
    assert.equal(only(result, 'L2S-FMT-002').length, 0);
  });

  it('reports unknown rules, bad severities and unknown keys', () => {
    const { config, problems } = parseConfig('rules:\n  L2S-XX-001: low\n  L2S-FMT-003: loud\nfiels: []\n');
    assert.deepEqual(config.rules, {});
    assert.equal(problems.length, 3);
    assert.match(problems.join('\n'), /unknown rule "L2S-XX-001"/);
    assert.match(problems.join('\n'), /"loud" is not one of/);
    assert.match(problems.join('\n'), /unknown key "fiels"/);
  });

  it('survives broken config text', () => {
    assert.match(parseConfig('rules: [').problems[0]!, /invalid YAML/);
    assert.deepEqual(parseConfig('').config, {});
  });
});
