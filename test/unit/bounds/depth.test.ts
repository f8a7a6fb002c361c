// Issue 22 item 9: depth and finding counts are bounded whatever the line layout. Nesting written
// one bracket per line passes the per-line bound; the budget counts depth itself, and no rule
// lists more than MAX_FINDINGS_PER_RULE findings.
import assert from 'node:assert/strict';
import { analyze, checkBudget, DEFAULT_BUDGET } from '../../../server/src/engine/index.js';
import { MAX_FINDINGS_PER_RULE } from '../../../server/src/engine/analyze.js';

const HEAD = 'l2spec: 1\nsystem:\n';
const N = 100_000;

/** Analyses a text and checks the result stays small and quick. */
function bounded(text: string): ReturnType<typeof analyze> {
  const start = performance.now();
  const r = analyze(text);
  const ms = performance.now() - start;
  assert.ok(ms < 3_000, `${ms.toFixed(0)} ms`);
  assert.ok(r.findings.length <= 100, `${r.findings.length} findings`);
  return r;
}

describe('depth and finding counts, whatever the line layout (issue 22 item 9)', function () {
  this.timeout(60_000);

  const deep: Record<string, string> = {
    '100,000 "[" one per line, closed': HEAD + '[\n'.repeat(N) + ']\n'.repeat(N),
    '100,000 "{a:" one per line, closed': HEAD + '{a:\n'.repeat(N) + '}\n'.repeat(N),
    '100,000 "[" one per line, never closed': HEAD + '[\n'.repeat(N),
    '"[" and "{" alternating on one line each': HEAD + '[\n{k:\n'.repeat(N / 2),
    'nested "- " on one line': HEAD + '- '.repeat(30_000) + 'x\n',
    'nested "? " on one line': HEAD + '? '.repeat(30_000) + 'x\n',
    'block mappings indented one space deeper per line': HEAD + Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n') + ' x\n',
    'block lists one level deeper per line': HEAD + Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n') + ' x\n',
  };
  for (const [name, text] of Object.entries(deep)) {
    it(`${name}: one budget finding on the depth`, () => {
      const r = bounded(text);
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0]!.ruleId, 'L2S-FMT-008');
      assert.match(r.findings[0]!.message, /nests more than 256 levels deep/);
      assert.equal(checkBudget(text)?.what, 'depth');
    });
  }

  it('100,000 "]" that close nothing: one budget finding', () => {
    const r = bounded(`${HEAD}  name: x\n${']\n'.repeat(N)}`);
    assert.equal(r.findings.length, 1);
    assert.match(r.findings[0]!.message, /more than 1,000 "\]" or "\}" that close nothing/);
  });

  it('nesting a spec can mean stays within the budget', () => {
    const nested = HEAD + '  name: x\n  claims: [[[[[[[[[[{a: [1, {b: [2]}]}]]]]]]]]]]\n' + Array.from({ length: 40 }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n').replace(/^/, 'components:\n  - id: c\n    ') + ' 1\n';
    assert.equal(checkBudget(nested), undefined);
    assert.ok(DEFAULT_BUDGET.maxDepth >= 64, 'deeper than the source walk (MAX_DEPTH) so that its own finding shows');
    assert.equal(checkBudget(`a: [x]\nb: '] ] ]'\nc: "}}"\nd: see [1] and {x}\n`), undefined);
  });

  it(`one rule lists at most ${MAX_FINDINGS_PER_RULE} findings, and then says how many more`, () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `  zz${i}: 1`).join('\n');
    const r = analyze(`${HEAD}  name: X\n${keys}\n`);
    const unknown = r.findings.filter((f) => f.ruleId === 'L2S-FMT-003');
    assert.equal(unknown.length, MAX_FINDINGS_PER_RULE + 1);
    assert.match(unknown.at(-1)!.message, /lists at most 1,000 findings of one rule: 3,999 more L2S-FMT-003 findings follow/);
    assert.ok(unknown.slice(0, -1).every((f) => !/lists at most/.test(f.message)));
  });
});
