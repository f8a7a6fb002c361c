import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

  it('offers to rename a misspelt key to the key it most likely meant, unless that key is there too', () => {
    const text = federated().replace('    hsm: true', '    hsmm: true');
    const [f] = only(analyze(text), 'L2S-FMT-003');
    assert.deepEqual({ title: f!.fix?.title, value: f!.fix?.value, key: f!.fix?.key, insert: f!.fix?.insert }, { title: 'Change to hsm', value: 'hsm', key: true, insert: false });
    assert.equal(textAt(text, f!.fix!.range), 'hsmm');
    // Renaming would make a duplicate key: no fix, the message still suggests it.
    const both = federated().replace('    hsm: true', '    hsm: true\n    hsmm: true');
    const [g] = only(analyze(both), 'L2S-FMT-003');
    assert.ok(g && !g.fix);
    // An unknown key with nothing near it gets no fix either.
    const [h] = only(analyze(federated().replace('    hsm: true', '    zzzzzzzz: true')), 'L2S-FMT-003');
    assert.ok(h && !h.fix);
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

  describe('findings where the edit is (issue 20)', () => {
    const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
    const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.l2spec.yaml')).sort();

    it('a missing key of a section that exists lands on that section, for every key deleted from every example', function () {
      this.timeout(120_000);
      let checked = 0;
      for (const file of examples) {
        const lines = readFileSync(join(EXAMPLES, file), 'utf8').split('\n');
        for (let i = 0; i < lines.length; i++) {
          // A key with its value on the same line, inside a top-level section (system's own keys excepted).
          if (!/^\s+(- )?[A-Za-z]\w*:\s*[^\s#]/.test(lines[i]!)) continue;
          let sectionLine = i;
          while (sectionLine > 0 && !/^[A-Za-z]/.test(lines[sectionLine]!)) sectionLine--;
          const section = /^([A-Za-z]\w*):/.exec(lines[sectionLine]!)?.[1];
          if (!section || section === 'system') continue;
          let sectionEnd = i + 1;
          while (sectionEnd < lines.length && !/^[A-Za-z]/.test(lines[sectionEnd]!)) sectionEnd++;
          const edited = lines.filter((_, j) => j !== i);
          for (const f of analyze(edited.join('\n')).findings) {
            if (!f.missing?.startsWith(`${section}.`)) continue;
            checked++;
            // The section's lines, one fewer after the deletion.
            assert.ok(f.range.start.line >= sectionLine && f.range.start.line < sectionEnd - 1,
              `${file}: deleting line ${i + 1} put ${f.ruleId} (missing ${f.missing}) on line ${f.range.start.line + 1}, outside ${section} (lines ${sectionLine + 1}–${sectionEnd - 1})`);
          }
        }
      }
      assert.ok(checked >= 5, `only ${checked} findings about missing keys were checked`);
    });

    it('the missing key itself: deleting exits.unilateral puts the finding on exits:, a missing section stays on system:', () => {
      const text = readFileSync(join(EXAMPLES, 'liquid.l2spec.yaml'), 'utf8');
      const withoutKey = text.replace(/\n  unilateral: false[^\n]*/, '');
      const f = analyze(withoutKey).findings.find((x) => x.missing === 'exits.unilateral')!;
      assert.equal(textAt(withoutKey, f.range), 'exits');
      const withoutSection = text.replace(/\nexits:\n(  [^\n]*\n)+/, '\n');
      const g = analyze(withoutSection).findings.find((x) => x.missing?.startsWith('exits.'));
      assert.ok(g, 'a finding about the missing exits section');
      assert.equal(textAt(withoutSection, g.range), 'system');
    });
  });
});
