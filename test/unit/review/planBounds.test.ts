// Issue 22, item 7: the plan search's time bound holds per spec and per run, whatever one
// analysis of the spec costs. No wall-clock assertion here (timing stays in `npm run bench`):
// the bounds are checked through what the search reports and how many re-analyses it made.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAnalyzer, planImprovements } from '../../../server/src/engine/index.js';
import { RunPlanner } from '../../../server/src/cli/plan.js';
import { generateSpec } from '../../../bench/generate.js';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const example = (name: string) => readFileSync(join(EXAMPLES, `${name}.l2spec.yaml`), 'utf8');

describe('plan search bounds (issue 22, item 7)', () => {
  it('a deadline already past starts no re-analysis: every goal is cut off by time', () => {
    const text = example('weak-multisig-bridge');
    const p = planImprovements(text, { deadline: performance.now() - 1 });
    assert.ok(p.goals.length > 0);
    assert.equal(p.search.analyses, 0);
    assert.equal(p.search.cutOff, true);
    assert.equal(p.search.bound, 'time');
    assert.ok(p.goals.every((g) => g.status === 'cut-off'));
  });

  it('a step expected to overrun the budget is not started: a spec whose analysis is longer than the budget gets none', () => {
    const text = example('liquid');
    const analyzer = createAnalyzer();
    const base = analyzer.analyze(text);
    // The base analysis "took" 10 s: even half of that (the first step's estimate) is past a 1 s budget.
    const p = planImprovements(text, { budgetMs: 1000, baseMs: 10_000, analyzer }, base);
    assert.equal(p.search.analyses, 0);
    assert.equal(p.search.bound, 'time');
  });

  it('the re-analysis bound is reported as such', () => {
    const p = planImprovements(example('weak-multisig-bridge'), { maxAnalyses: 3 });
    assert.equal(p.search.analyses, 3);
    assert.equal(p.search.bound, 'analyses');
  });

  it('a warm analyzer (the one that analysed the text) gives the same plan as a cold one', () => {
    for (const text of [example('citrea-bitvm'), generateSpec(600)]) {
      const analyzer = createAnalyzer();
      const base = analyzer.analyze(text);
      const warm = planImprovements(text, { analyzer }, base);
      const cold = planImprovements(text);
      assert.deepEqual(warm, cold);
    }
  });

  it('a run whose plan budget is spent plans no further spec (check of many specs is not many full searches)', () => {
    const text = example('weak-multisig-bridge');
    const planner = new RunPlanner(20, 0);
    const analyzer = planner.analyzer();
    const p = planner.plan(text, analyzer.analyze(text), {}, analyzer, 1);
    assert.equal(p.search.analyses, 0);
    assert.equal(p.search.bound, 'time');
  });

  it('without a time bound the plan is unchanged by the new options (deterministic)', () => {
    const text = example('liquid');
    assert.deepEqual(planImprovements(text, { baseMs: 5 }), planImprovements(text));
  });
});
