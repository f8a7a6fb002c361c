// Issue 22 items 10 and 11: numbers no spec can mean, flow-mapping keys, and the low items
// (one finding per token, the basis of a share, unreadable thresholds, duplicate path ids).
import assert from 'node:assert/strict';
import { analyze, parseThreshold, parseWeightedThreshold, type AnalysisResult } from '../../../server/src/engine/index.js';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { findExtremeNumbers, mayHoldExtremeNumbers } from '../../../server/src/engine/parse/numbers.js';
import { join } from 'node:path';

const BIG = '9'.repeat(309);

function spec(fed: string, peg = '', tail = ''): string {
  return `l2spec: 2
system: { name: N, family: sidechain }
components:
  - { id: fed, kind: federation, external: 7, publiclyKnown: all, ${fed} }
pegs:
  - { id: p, custody: federation-multisig, signers: fed${peg} }
${tail}`;
}
const texts = (r: AnalysisResult): string => JSON.stringify([r.findings.map((f) => f.message), r.assessment]);
const onPath = (r: AnalysisResult, path: string) => r.findings.filter((f) => f.path === path);

describe('numbers no spec can mean (issue 22 item 10)', () => {
  for (const [name, threshold] of [['1-of-<309 digits>', `1-of-${BIG}`], ['<309 digits>-of-<309 digits>', `${BIG}-of-${BIG}`], ['1/<309 digits> of stake', `"1/${BIG} of stake"`], ['<309 digits>/<309 digits> of voting power', `"${BIG}/${BIG} of voting power"`]]) {
    it(`a threshold ${name} is one format finding, never Infinity and never a minority finding`, () => {
      const r = analyze(spec('operators: 7', `, threshold: ${threshold}`));
      const at = onPath(r, 'pegs.0.threshold').filter((f) => f.axis === 'format');
      assert.equal(at.length, 1, at.map((f) => f.ruleId).join());
      assert.equal(at[0]!.ruleId, 'L2S-FMT-002');
      assert.match(at[0]!.message, /beyond 2\^53/);
      assert.doesNotMatch(texts(r), /Infinity|e\+\d/);
      assert.equal(r.findings.filter((f) => /^L2S-CUST-00[125]$/.test(f.ruleId)).length, 0, 'no single-signer or minority finding from a number l2spec cannot read');
      assert.equal(r.assessment.pegs![0]!.value, 'unverified');
    });
  }

  it('parseThreshold and parseWeightedThreshold refuse counts beyond 2^53', () => {
    assert.equal(parseThreshold(`1-of-${BIG}`), undefined);
    assert.equal(parseThreshold('9007199254740993-of-9007199254740993'), undefined);
    assert.deepEqual(parseThreshold('5-of-7'), { text: '5-of-7', m: 5, n: 7 });
    assert.equal(parseWeightedThreshold(`${BIG}/${BIG} of stake`), undefined);
    assert.equal(parseWeightedThreshold('2/3 of stake')?.basis, 'stake');
  });

  it('operators: 1e400 is unreadable, not undeclared', () => {
    const r = analyze(spec('operators: 1e400, threshold: 5-of-7'));
    assert.equal(onPath(r, 'components.0.operators')[0]?.ruleId, 'L2S-FMT-002');
    assert.doesNotMatch(texts(r), /does not (declare|say) how many (operators|signers)/);
    const seq = analyze(`l2spec: 1\nsystem: { name: S, family: rollup }\ncomponents:\n  - { id: seq, kind: sequencer, operators: 1e400 }\n`);
    assert.doesNotMatch(texts(seq), /does not declare how many operators/);
    assert.ok(seq.findings.some((f) => /cannot read \(L2S-FMT-002/.test(f.message) || /written in a form l2spec cannot read/.test(f.message)));
  });

  it('valid flow-mapping keys read like block keys, without a YAML error', () => {
    const block = analyze(readFileSync(join(__dirname, '..', 'fixtures', 'federated.l2spec.yaml'), 'utf8'));
    const forms = [
      'system: {name: X, family: sidechain}',
      'system: {"name": X, \'family\': sidechain}',
      'system: {"name":X, "family":sidechain}',
      'system: {? name : X, ? family : sidechain}',
      'system: {name: X,\n    family: sidechain}',
      'system: {\n    name: X,\n    family: sidechain\n  }',
      'system: {name\n    : X, family: sidechain}',
      'system: {name: X, family: sidechain,}',
    ];
    for (const form of forms) {
      const r = analyze(`l2spec: 1\n${form}\n`);
      assert.deepEqual(r.findings.filter((f) => f.axis === 'format').map((f) => `${f.ruleId} ${f.message}`), [], form);
      assert.equal(r.model?.system.name, 'X', form);
      assert.equal(r.model?.system.family, 'sidechain', form);
    }
    assert.ok(block.model);
  });
});

describe('low items (issue 22 item 11)', () => {
  for (const value of ['"0/0 of stake"', '"0/0 of voting power"', '"0% of stake"', '"3/2 of voting power"']) {
    it(`${value}: one finding on its token`, () => {
      const r = analyze(spec('operators: 7', `, threshold: ${value}`));
      assert.equal(onPath(r, 'pegs.0.threshold').filter((f) => f.axis === 'format').length, 1);
    });
  }

  it('a share of voting power is called voting power', () => {
    const r = analyze(spec('operators: 7', ', threshold: "3/2 of voting power"'));
    const f = onPath(r, 'pegs.0.threshold')[0]!;
    assert.match(f.message, /share of voting power/);
    assert.doesNotMatch(f.message, /of stake/);
  });

  for (const value of ['"five of seven"', '"0/0 of stake"', '"3/2 of voting power"', '8-of-7']) {
    it(`a peg whose threshold ${value} cannot be read is unverified, not high`, () => {
      const r = analyze(spec('operators: 7', `, threshold: ${value}`));
      assert.equal(r.assessment.pegs![0]!.value, 'unverified');
      assert.ok(r.assessment.ratings.custody.missing?.some((m) => m.path === 'pegs.0.threshold' && m.unreadable));
    });
  }

  it('an unreadable threshold on the signer set leaves custody unverified too', () => {
    const r = analyze(spec('operators: 7, threshold: "most of them"'));
    assert.equal(r.assessment.pegs![0]!.value, 'unverified');
  });

  it('an upgrade delay rejected as too large is not "not declared"', () => {
    const text = `l2spec: 2\nsystem: { name: R, family: rollup }\ncomponents:\n  - { id: fed, kind: federation, operators: 7, external: 7, publiclyKnown: all }\npegs:\n  - { id: p, custody: smart-contract }\nexits: { delay: 7d, unilateral: true }\ngovernance:\n  upgradePaths:\n    - { id: r, holder: fed, delay: 99999999999999999999 days }\n`;
    const r = analyze(text);
    assert.doesNotMatch(texts(r), /no upgrade delay is declared|does not say whether that logic can be upgraded/);
    assert.ok(onPath(r, 'governance.upgradePaths.0.delay').some((f) => f.ruleId === 'L2S-FMT-002'));
    const legacy = analyze(text.replace(/ {2}upgradePaths:\n.*\n/, '  upgradeDelay: 99999999999999999999 days\n'));
    assert.doesNotMatch(texts(legacy), /no upgrade delay is declared|does not say whether that logic can be upgraded|does not say how long upgrades wait/);
    // The fact belongs at governance.upgradeDelay (upgradeable is a boolean and has no "delay").
    assert.ok(legacy.assessment.ratings.custody.missing?.some((m) => m.path === 'governance.upgradeDelay' && m.unreadable));
  });

  it('months are in the units table of the spec format', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'spec-format.md'), 'utf8');
    assert.match(doc, /^\| months[^|]*\| `mo`, `month`, `months` \|/m);
  });

  it('two upgrade paths with one id are flagged', () => {
    const r = analyze(spec('operators: 7, threshold: 5-of-7', '', 'governance:\n  upgradePaths:\n    - { id: r, holder: fed, delay: 30 days }\n    - { id: r, holder: fed, delay: 1d }\n    - { id: s, holder: fed, delay: 1d }\n'));
    const dup = r.findings.filter((f) => f.ruleId === 'L2S-FMT-006');
    assert.deepEqual(dup.map((f) => f.path), ['governance.upgradePaths.1.id']);
    assert.equal(dup[0]!.related?.[0]?.range.start.line, 8);
  });
});

describe('the quick test for extreme numbers (issue 21: the walk is skipped when the text cannot hold one)', () => {
  // Number tokens of every form YAML 1.2 reads, and the forms l2spec reads inside strings.
  const digits = fc.stringMatching(/^[0-9]{1,40}$/);
  const token = fc.oneof(
    digits, digits.map((d) => `-${d}`), digits.map((d) => `+${d}`),
    fc.tuple(digits, digits).map(([a, b]) => `${a}.${b}`),
    fc.tuple(digits, fc.constantFrom('e', 'E', 'e+', 'e-', 'E+'), fc.stringMatching(/^[0-9]{1,4}$/)).map(([a, e, b]) => `${a}${e}${b}`),
    fc.stringMatching(/^[0-9]{1,3}$/).map((b) => `.5e${b}`),
    fc.stringMatching(/^[0-9a-fA-F]{1,20}$/).map((h) => `0x${h}`),
    fc.stringMatching(/^[0-7]{1,24}$/).map((o) => `0o${o}`),
    fc.constantFrom('.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN'),
    fc.tuple(digits, digits).map(([m, n]) => `${m}-of-${n}`),
    fc.tuple(digits, digits).map(([m, n]) => `"${m}/${n} of voting power"`),
    fc.tuple(digits, fc.constantFrom('days', 'blocks', 'd', 'h')).map(([d, u]) => `${d} ${u}`),
  );
  it('a text without the tokens gives no extreme number (property)', () => {
    fc.assert(fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), (tokens) => {
      const text = `l2spec: 2\nsystem:\n  name: N\nvalues:\n${tokens.map((t, i) => `  k${i}: ${t}`).join('\n')}\nlist: [${tokens.join(', ')}]\n`;
      const found = findExtremeNumbers(parseDocument(text).toJS());
      if (found.length > 0) assert.ok(mayHoldExtremeNumbers(text), `${found[0]!.message} in ${text}`);
    }), { numRuns: 2000 });
  });

  it('analysis reports the same extreme numbers whether or not the walk could be skipped', () => {
    for (const text of [spec('operators: 1e400'), spec('operators: 9007199254740993'), spec('operators: 0x20000000000000'), spec('operators: .inf'), spec(`threshold: 1-of-${BIG}`)]) {
      assert.ok(mayHoldExtremeNumbers(text));
      assert.ok(analyze(text).findings.some((f) => f.ruleId === 'L2S-FMT-002'), text);
    }
    assert.equal(mayHoldExtremeNumbers(spec('operators: 7, threshold: 5-of-7')), false);
  });
});
