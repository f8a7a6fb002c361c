import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyze, type AnalysisResult } from '../../../server/src/engine/index.js';
import { federated, inside } from './helpers.js';

// Properties that must hold for any input: the engine never throws, every range lies inside
// the document, and the same text always gives the same result.
function checkProperties(text: string): void {
  let first: AnalysisResult;
  try {
    first = analyze(text);
  } catch (error) {
    assert.fail(`analyze threw ${String(error)} on ${JSON.stringify(text.slice(0, 200))}`);
  }
  const normalised = text.replace(/\r\n?/g, '\n');
  for (const f of first.findings) {
    assert.ok(inside(normalised, f.range), `${f.ruleId} range ${JSON.stringify(f.range)} outside the document`);
    for (const r of f.related ?? []) assert.ok(inside(normalised, r.range), `${f.ruleId} related range outside the document`);
    if (f.fix) assert.ok(inside(normalised, f.fix.range), `${f.ruleId} fix range outside the document`);
  }
  const again = analyze(text);
  assert.deepEqual(snapshot(again), snapshot(first));
}

const snapshot = (r: AnalysisResult) => JSON.stringify({ findings: r.findings, assessment: r.assessment, system: r.system });

const yamlish = fc.constantFrom(':', '-', ' ', '\n', '\r\n', '\t', '[', ']', '{', '}', '#', '&a', '*a', '"', "'", '|', '>', '?', ',', '!', '%', '@', '`', '—', '🛡️', 'é', 'l2spec-disable-next-line ', 'L2S-FMT-003', ' -- ', '144 blocks', '11-of-15', 'fed');

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(yamlish, { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), at: fc.nat(), with: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'duplicateLine': {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const i = m.at % lines.length;
      const j = m.with % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
  }
}

const scalar = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('144 blocks', '7d', 'instant', '11-of-15', '0-of-3', 'fed', 'none'));
const keys = fc.constantFrom('l2spec', 'system', 'name', 'family', 'components', 'id', 'kind', 'operators', 'threshold', 'pegs', 'signers', 'custody', 'exits', 'delay', 'unilateral', 'dataAvailability', 'location', 'governance', 'upgradeDelay', 'emergencyRecovery', 'timelock', 'publiclyKnown', 'x');
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(keys, tie('node'), { maxKeys: 5 })),
})).node;

describe('engine: properties', () => {
  it('holds for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), checkProperties), { numRuns: 300 });
  });

  it('holds for YAML-like noise', () => {
    fc.assert(fc.property(fc.array(yamlish, { maxLength: 80 }).map((a) => a.join('')), checkProperties), { numRuns: 300 });
  });

  it('holds for mutated specs (LF and CRLF)', () => {
    const base = federated();
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (mutations, crlf) => {
        let text = mutations.reduce(mutate, base);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        checkProperties(text);
      }),
      { numRuns: 300 },
    );
  });

  it('holds for random spec-shaped documents', () => {
    fc.assert(
      fc.property(fc.dictionary(keys, value, { maxKeys: 8 }), (doc) => checkProperties(stringify({ l2spec: 1, ...doc }))),
      { numRuns: 200 },
    );
  });
});
