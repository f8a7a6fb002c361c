import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, applyEdits, applyPath, planImprovements, type ImprovementPlan, type Stage, type Tier } from '../../../server/src/engine/index.js';
import { candidateChanges } from '../../../server/src/engine/review/levers.js';
import { coalitionEffect } from '../../../server/src/engine/review/goals.js';
import { trustModel } from '../../../server/src/engine/trust/index.js';

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

  // Citrea, by hand (docs/assessment.md, the tier from the trust model): its covenant committee
  // is 10 publicly known signers, 5 external, and all 10 must sign to steal: the builder's 5 (one
  // organisation) and 5 others, 6 organisations at the sidesystem floor; the council's upgrade
  // waits 60 days, longer than users need to leave: Moderate. Strong is out of reach within the
  // format: an N-of-N covenant committee can always steal together. Run by the builder alone
  // (external: 0) the committee is one organisation: Weak, and making 5 of its members external is
  // the one change back ("stealing needs 6 entities (was 1)"). Forced inclusion is liveness.
  it('citrea-style rollup: strong is out of reach (the covenant committee can always steal); builder-run, one change makes it moderate again', () => {
    const p = plan('citrea-bitvm');
    assert.equal(p.current.tier, 'moderate');
    const strong = p.goals.find((x) => x.kind === 'tier' && x.target === 'strong')!;
    assert.equal(strong.status, 'none');
    assert.ok(strong.blockers.some((b) => b.includes('6 entities can') && b.includes('10 of 10 of "covenant-signers"')), strong.blockers.join(' | '));
    const weakText = example('citrea-bitvm').replace('    publiclyKnown: all\n    external: 5\n', '    publiclyKnown: all\n    external: 0\n');
    const w = planImprovements(weakText);
    assert.equal(w.current.tier, 'weak');
    const moderate = w.goals.find((x) => x.kind === 'tier' && x.target === 'moderate')!;
    assert.equal(moderate.status, 'found');
    const [step, ...rest] = moderate.paths[0]!.steps;
    assert.deepEqual(rest, []);
    assert.deepEqual(step!.edits.map((e) => [e.path, e.value]), [['components.1.external', '5']]);
    assert.equal(step!.effect, 'stealing needs 6 entities (was 1)');
    assert.ok(!w.goals.filter((g) => g.kind === 'tier').some((g) => g.paths.some((x) => x.steps.some((st) => st.edits.some((e) => e.path.startsWith('exits.forcedInclusion'))))), 'liveness is never a step to a tier');
  });

  it('federated pegs (Liquid, Rootstock) have no path to strong within the format: key-held custody is never a unilateral or 1-of-N exit', () => {
    for (const name of ['liquid', 'rootstock']) {
      const g = plan(name).goals.find((x) => x.kind === 'tier' && x.target === 'strong')!;
      assert.equal(g.status, 'none', name);
      assert.deepEqual(g.paths, []);
      assert.ok(g.blockers.some((b) => b.includes('unilateral or 1-of-N exit')), `${name}: ${g.blockers.join(' | ')}`);
      // The federation's signing threshold is a steal coalition whatever else changes.
      assert.ok(g.blockers.some((b) => /no coalition of others can steal/.test(b) && b.includes(name === 'liquid' ? '"functionaries"' : '"powpeg"')), `${name}: ${g.blockers.join(' | ')}`);
    }
  });

  it('an Ethereum-hosted design has no path at all: l2spec does not move a system to another host chain', () => {
    const text = 'l2spec: 1\nsystem:\n  name: Bridged BTC on Ethereum\n  family: wrapped-btc\nl1:\n  host: ethereum\n  settlement: direct\n';
    const p = planImprovements(text);
    assert.deepEqual(p.goals.map((g) => [g.target, g.status]), [['moderate', 'none'], ['strong', 'none']]);
    assert.ok(p.goals[0]!.blockers.some((b) => /settles on Ethereum/.test(b)));
  });

  // A federation of 8 publicly known external signers with a 3-of-8 threshold, anchored: 3
  // independent organisations can steal through it; the emergency path's 2 builder-held keys are
  // one entity (the builder), the smallest coalition: Weak. Two thirds of 8 is ⌈16/3⌉ = 6:
  // requiring 6 of 8 makes the federation's coalition 6 entities (the smallest stays the builder's
  // 1) and freezing easier: 8 − 6 + 1 = 3 signers plus 1 entity blocking the 2-of-2 emergency
  // path, 4, where it was 8 − 3 + 1 = 6 plus 1, 7. Removing the emergency path leaves the 3.
  const FED = readFileSync(join(__dirname, '..', '..', 'fixtures', 'eight-signer-federation.l2spec.yaml'), 'utf8');

  it('levers read the steal coalitions: raising a threshold and removing an emergency path, each with what it does to the coalition', () => {
    const base = analyze(FED);
    const cands = candidateChanges(base);
    const raise = cands.find((c) => c.edits.some((e) => e.path === 'pegs.0.threshold'))!;
    assert.ok(raise, cands.map((c) => c.title).join(' | '));
    assert.deepEqual(raise.edits.map((e) => [e.path, e.value]), [['pegs.0.threshold', '6-of-8']], 'the threshold the coalition reads: the peg\'s own');
    assert.match(raise.title, /Require 6 of 8/);
    const raised = analyze(applyEdits(FED, base, raise.edits)!);
    assert.equal(coalitionEffect(base, raised), 'stealing through "fed" needs 6 entities (was 3); freeze: 7 → 4 entities');
    const drop = cands.find((c) => c.edits.some((e) => e.path === 'pegs.0.emergencyRecovery' && e.value === 'none'))!;
    assert.ok(drop, cands.map((c) => c.title).join(' | '));
    const dropped = analyze(applyEdits(FED, base, drop.edits)!);
    assert.equal(coalitionEffect(base, dropped), 'stealing needs 3 entities (was 1)');
    // No candidate writes l1.settlement: it is a claim the model checks, not a lever.
    assert.ok(!cands.some((c) => c.edits.some((e) => e.path === 'l1.settlement')));
  });

  it('the plan to moderate for the federation removes the builder-held emergency path (or grows it to the floor), and the step says so', () => {
    const p = planImprovements(FED);
    assert.equal(p.current.tier, 'weak');
    const g = p.goals.find((x) => x.target === 'moderate')!;
    assert.equal(g.status, 'found');
    const steps = g.paths[0]!.steps;
    assert.ok(steps.some((s) => s.edits.some((e) => e.path.startsWith('pegs.0.emergencyRecovery') || e.path.startsWith('components.1.'))), steps.map((s) => s.title).join(' | '));
    assert.ok(steps.some((s) => /stealing needs \d+ entities/.test(s.effect ?? '')), steps.map((s) => `${s.title} → ${s.effect}`).join(' | '));
    const strong = p.goals.find((x) => x.target === 'strong')!;
    assert.equal(strong.status, 'none');
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

describe('review: candidate changes against the trust model', () => {
  const min = (n: number | null) => (n === null ? Infinity : n);
  // A change l2spec proposes must never make stealing easier: every candidate, applied alone to
  // each example, leaves the smallest steal coalition at least as large (none counts as the largest).
  for (const name of NAMES) {
    it(`${name}: no candidate change shrinks the smallest coalition that can steal`, () => {
      const text = example(name);
      const base = analyze(text);
      const before = trustModel(base.model!).coalitions.steal.minEntities;
      for (const c of candidateChanges(base)) {
        const changed = applyEdits(text, base, c.edits);
        if (changed === undefined) continue;
        const after = analyze(changed);
        if (!after.model) continue;
        assert.ok(min(trustModel(after.model).coalitions.steal.minEntities) >= min(before), `${name}: "${c.title}" shrinks stealing from ${before} to ${trustModel(after.model).coalitions.steal.minEntities}`);
      }
    });
  }
});
