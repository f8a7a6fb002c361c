import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, applyEdits, applyPath, planImprovements, type ImprovementPlan, type Stage, type Tier } from '../../../server/src/engine/index.js';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const example = (name: string) => readFileSync(join(EXAMPLES, `${name}.l2spec.yaml`), 'utf8');
const NAMES = ['weak-multisig-bridge', 'citrea-bitvm', 'liquid', 'ark', 'lightning', 'rootstock'];
const TIERS: Tier[] = ['weak', 'moderate', 'strong'];
const STAGES: Stage[] = ['not-applicable', 'stage-0', 'stage-1', 'stage-2'];

const plans = new Map<string, ImprovementPlan>();
function plan(name: string): ImprovementPlan {
  let p = plans.get(name);
  if (!p) plans.set(name, (p = planImprovements(example(name))));
  return p;
}

function reaches(text: string, kind: 'tier' | 'stage', target: string): boolean {
  const r = analyze(text);
  return kind === 'tier' ? TIERS.indexOf(r.assessment.tier.value) >= TIERS.indexOf(target as Tier) : STAGES.indexOf(r.assessment.stage.value) >= STAGES.indexOf(target as Stage);
}

describe('review: path to a better tier and stage', () => {
  for (const name of NAMES) {
    it(`${name}: every suggested path, applied to the text, reaches its goal, and no step can be dropped`, () => {
      const text = example(name);
      const base = analyze(text);
      const p = plan(name);
      for (const goal of p.goals) {
        for (const [i, path] of goal.paths.entries()) {
          const changed = applyPath(text, base, path);
          assert.ok(changed !== undefined, `${goal.target}: the path applies`);
          assert.ok(reaches(changed!, goal.kind, goal.target), `${name} ${goal.kind} ${goal.target}: applied, the spec reaches it`);
          const r = analyze(changed!);
          assert.deepEqual({ tier: r.assessment.tier.value, stage: r.assessment.stage.value }, path.verified, 'the verified outcome is what a fresh analysis gives');
          if (i === 0 && path.steps.length > 1) {
            for (const [j] of path.steps.entries()) {
              const fewer = { ...path, steps: path.steps.filter((_, k) => k !== j) };
              assert.equal(reaches(applyPath(text, base, fewer)!, goal.kind, goal.target), false, `${name} ${goal.target}: step "${path.steps[j]!.title}" is needed`);
            }
          }
        }
      }
      assert.ok(p.search.analyses <= p.search.maxAnalyses);
    });
  }

  it('property: on variants of a weak design, every found path, applied, reaches its goal as verified', () => {
    const weak = example('weak-multisig-bridge');
    const EDITS: [string, string][] = [
      ['publiclyKnown: none           # undisclosed signers', 'publiclyKnown: all'],
      ['    external: 0\n\n  - id: sequencer', '    external: 5\n\n  - id: sequencer'],
      ['      delay: instant              # the bridge', '      delay: 60d              # the bridge'],
      ['  upgradeDelay: instant', '  upgradeDelay: 45d'],
      ['    mode: none                    # the sequencer can censor indefinitely', '    mode: force-via-l1\n    maxDelay: 1d'],
      ['  location: operator              # only the sequencer has the data', '  location: bitcoin'],
      ['  source: single-operator', '  source: bitcoin'],
      ['  nodeSource: closed', '  nodeSource: open'],
      ['  mechanism: none                 # nothing stops an invalid state', '  mechanism: validity-proofs'],
    ];
    for (const [from] of EDITS) assert.ok(weak.includes(from), `edit anchor exists: ${from}`);
    const variant = fc.array(fc.boolean(), { minLength: EDITS.length, maxLength: EDITS.length }).map((bits) => EDITS.reduce((t, [from, to], i) => (bits[i] ? t.replace(from, to) : t), weak));
    let found = 0;
    fc.assert(fc.property(variant, (text) => {
      const base = analyze(text);
      const p = planImprovements(text, { maxAnalyses: 40 }, base);
      assert.deepEqual(p.current, { tier: base.assessment.tier.value, stage: base.assessment.stage.value });
      for (const goal of p.goals) {
        for (const path of goal.paths) {
          found++;
          const r = analyze(applyPath(text, base, path)!);
          assert.deepEqual({ tier: r.assessment.tier.value, stage: r.assessment.stage.value }, path.verified);
          assert.ok(reaches(applyPath(text, base, path)!, goal.kind, goal.target), `${goal.kind} ${goal.target}`);
        }
      }
    }), { numRuns: 12, seed: 12 });
    assert.ok(found > 0, 'the variants produced paths to check');
  });

  it('citrea-style rollup: one change, forced inclusion through L1, lifts it to strong (its only cap is the critical L2S-OPS-001)', () => {
    const p = plan('citrea-bitvm');
    for (const target of ['moderate', 'strong']) {
      const g = p.goals.find((x) => x.kind === 'tier' && x.target === target)!;
      assert.equal(g.status, 'found');
      assert.equal(g.paths[0]!.steps.length, 1);
      assert.ok(g.paths[0]!.steps[0]!.edits.some((e) => e.path === 'exits.forcedInclusion.mode' && (e.value === 'force-via-l1' || e.value === 'self-sequence')));
      assert.ok(g.paths[0]!.steps[0]!.clears.some((f) => f.ruleId === 'L2S-OPS-001'));
    }
  });

  it('federated pegs (Liquid, Rootstock) have no path to strong within the format: key-held custody is never a unilateral or 1-of-N exit', () => {
    for (const name of ['liquid', 'rootstock']) {
      const g = plan(name).goals.find((x) => x.kind === 'tier' && x.target === 'strong')!;
      assert.equal(g.status, 'none', name);
      assert.deepEqual(g.paths, []);
      assert.ok(g.blockers.some((b) => b.includes('unilateral or 1-of-N exit')), `${name}: ${g.blockers.join(' | ')}`);
    }
  });

  it('an Ethereum-hosted design has no path at all: l2spec does not move a system to another host chain', () => {
    const text = 'l2spec: 1\nsystem:\n  name: Bridged BTC on Ethereum\n  family: wrapped-btc\nl1:\n  host: ethereum\n  settlement: direct\n';
    const p = planImprovements(text);
    assert.deepEqual(p.goals.map((g) => [g.target, g.status]), [['moderate', 'none'], ['strong', 'none']]);
    assert.ok(p.goals[0]!.blockers.some((b) => /settles on Ethereum/.test(b)));
  });

  it('a strong non-rollup design has nothing to plan and says stages do not apply', () => {
    const p = plan('lightning');
    assert.equal(p.current.tier, 'strong');
    assert.deepEqual(p.goals, []);
    assert.match(p.stageNote ?? '', /rollup-style/);
  });

  it('applies edits precisely: comments and untouched lines stay, values are replaced and keys inserted in flow and block maps', () => {
    const text = example('citrea-bitvm');
    const base = analyze(text);
    const out = applyEdits(text, base, [
      { path: 'exits.forcedInclusion.mode', value: 'force-via-l1' },
      { path: 'exits.forcedInclusion.maxDelay', value: '1d' },
      { path: 'components.4.operators', value: '8' },
      { path: 'governance.councilScope', value: 'provable-bugs' },
    ])!;
    const r = analyze(out);
    assert.equal(r.model!.exits!.forcedInclusion!.mode, 'force-via-l1');
    assert.equal(r.model!.exits!.forcedInclusion!.maxDelay!.seconds, 86400);
    assert.equal(r.model!.components[4]!.operators, 8);
    assert.equal(r.model!.governance!.councilScope, 'provable-bugs');
    const before = text.split('\n');
    const after = new Set(out.split('\n'));
    const lost = before.filter((l) => !after.has(l));
    assert.deepEqual(lost, ['  forcedInclusion: { mode: none }'], 'only the edited line changed; every comment is kept');
    assert.equal(out.split('\n').length, before.length + 2, 'two keys inserted on lines of their own');
  });
});
