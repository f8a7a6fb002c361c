import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, diffAnalyses, quorumDirection, regressions } from '../../../server/src/engine/index.js';
import { countQuorum, weightedQuorum } from '../../../server/src/engine/rules/quorum.js';

// Issue 22, item 1: a threshold is one notion however it is written. The custody rules read a share
// of stake or voting power like m-of-n, and `diff` reports any weaker threshold as a regression.

/** A proof-of-stake-style peg whose validator set has `members` members and signs with `threshold`. */
const spec = (threshold: string, members = 20, where: 'peg' | 'set' = 'peg') => `l2spec: 2
system:
  name: Stake peg
  family: pos-sidechain
components:
  - id: val
    kind: validators
    operators: ${members}
    external: ${members}
    publiclyKnown: all
${where === 'set' ? `    threshold: ${threshold}\n` : ''}pegs:
  - id: main
    custody: threshold-signature
    signers: val
${where === 'peg' ? `    threshold: ${threshold}\n` : ''}`;

const CUSTODY_THRESHOLD_RULES = ['L2S-CUST-001', 'L2S-CUST-005', 'L2S-CUST-006'];
const thresholdRules = (text: string) => analyze(text).findings.filter((f) => CUSTODY_THRESHOLD_RULES.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.severity}`);

describe('thresholds in any notation', () => {
  describe('rules', () => {
    it('1% of stake among 20 validators is a single signer, as 1-of-20 is (critical)', () => {
      assert.deepEqual(thresholdRules(spec('1% of stake')), ['L2S-CUST-001 critical']);
      assert.deepEqual(thresholdRules(spec('1-of-20')), ['L2S-CUST-001 critical']);
      const f = analyze(spec('1% of stake')).findings.find((x) => x.ruleId === 'L2S-CUST-001')!;
      assert.match(f.message, /1% of stake among 20 members.*at least 5%/);
    });

    it('a minority share with no declared set size is a minority finding (high), never silence', () => {
      const text = spec('1% of stake').replace('    operators: 20\n', '');
      assert.deepEqual(thresholdRules(text), ['L2S-CUST-005 high']);
    });

    it('property: m-of-n and m/n of stake (or voting power) on an n-member set raise the same custody rules', () => {
      fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom('stake', 'voting power'), fc.constantFrom('peg' as const, 'set' as const), (a, b, basis, where) => {
        const n = Math.max(a, b);
        const m = Math.min(a, b);
        const count = thresholdRules(spec(`${m}-of-${n}`, n, where));
        assert.deepEqual(thresholdRules(spec(`${m}/${n} of ${basis}`, n, where)), count, `${m}/${n} of ${basis} vs ${m}-of-${n}`);
        assert.deepEqual(thresholdRules(spec(`${(100 * m / n).toFixed(4).replace(/\.?0+$/, '')}% of ${basis}`, n, where)).length > 0, count.length > 0, `percentage of ${m}/${n}`);
      }), { numRuns: 60 });
    });
  });

  describe('quorumDirection', () => {
    it('orders by share and by the signers certainly enough, across notations', () => {
      assert.equal(quorumDirection(weightedQuorum({ text: '67% of stake', fraction: 0.67, basis: 'stake' }), weightedQuorum({ text: '1% of stake', fraction: 0.01, basis: 'stake' })), 'worse');
      assert.equal(quorumDirection(countQuorum({ text: '7-of-10', m: 7, n: 10 }), weightedQuorum({ text: '70% of stake', fraction: 0.7, basis: 'stake' }, 10)), undefined);
      assert.equal(quorumDirection(countQuorum({ text: '7-of-10', m: 7, n: 10 }), weightedQuorum({ text: '2/3 of voting power', fraction: 2 / 3, basis: 'voting-power' }, 10)), 'worse');
      // Same share, fewer validators: fewer of them are enough.
      assert.equal(quorumDirection(weightedQuorum({ text: '2/3 of stake', fraction: 2 / 3, basis: 'stake' }, 100), weightedQuorum({ text: '2/3 of stake', fraction: 2 / 3, basis: 'stake' }, 10)), 'worse');
      // A trade-off (a larger share, fewer signers) is worse both ways: a person must look.
      assert.equal(quorumDirection(countQuorum({ text: '7-of-10', m: 7, n: 10 }), countQuorum({ text: '6-of-8', m: 6, n: 8 })), 'worse');
      assert.equal(quorumDirection(countQuorum({ text: '6-of-8', m: 6, n: 8 }), countQuorum({ text: '7-of-10', m: 7, n: 10 })), 'worse');
      assert.equal(quorumDirection(countQuorum({ text: '5-of-9', m: 5, n: 9 }), countQuorum({ text: '7-of-9', m: 7, n: 9 })), 'better');
    });
  });

  describe('diff', () => {
    it('lowering 67% of stake to 1% of stake is a regression: a weaker threshold and a new critical finding', () => {
      const d = diffAnalyses(analyze(spec('67% of stake')), analyze(spec('1% of stake')));
      assert.equal(d.regressed, true);
      assert.deepEqual(d.thresholds, [{ stablePath: 'pegs[main].threshold', old: '67% of stake', new: '1% of stake', direction: 'worse' }]);
      const regs = regressions(d, 'never');
      assert.ok(regs.includes('weaker threshold at pegs[main].threshold: 67% of stake → 1% of stake'), regs.join('\n'));
      assert.ok(d.findings.added.some((f) => f.ruleId === 'L2S-CUST-001' && f.severity === 'critical'));
    });

    it('80% → 70% of stake changes no rating and no finding, and is still a regression (and a smaller steal coalition)', () => {
      const d = diffAnalyses(analyze(spec('80% of stake', 20, 'set')), analyze(spec('70% of stake', 20, 'set')));
      assert.deepEqual([d.ratings, d.pegs, d.findings.added, d.findings.changedSeverity], [[], [], [], []]);
      assert.equal(d.changed, true);
      assert.equal(d.regressed, true);
      assert.deepEqual(d.thresholds.map((t) => [t.stablePath, t.direction]), [['components[val].threshold', 'worse']]);
      // ⌈0.8 × 20⌉ = 16 validators could steal before, ⌈0.7 × 20⌉ = 14 now (who must collude).
      assert.deepEqual(regressions(d, 'never'), ['steal: 16 → 14 entities', 'weaker threshold at components[val].threshold: 80% of stake → 70% of stake']);
    });

    it('the same strength written another way is a change, not a regression; a removed threshold is worse, its return better', () => {
      const same = diffAnalyses(analyze(spec('14-of-20', 20)), analyze(spec('70% of voting power', 20)));
      assert.deepEqual(same.thresholds.map((t) => t.direction), ['changed']);
      assert.equal(same.thresholds.some((t) => t.direction === 'worse'), false);
      const gone = diffAnalyses(analyze(spec('14-of-20')), analyze(spec('14-of-20').replace('    threshold: 14-of-20\n', '')));
      assert.deepEqual(gone.thresholds, [{ stablePath: 'pegs[main].threshold', old: '14-of-20', direction: 'worse' }]);
      assert.equal(gone.regressed, true);
      const back = diffAnalyses(analyze(spec('14-of-20').replace('    threshold: 14-of-20\n', '')), analyze(spec('14-of-20')));
      assert.deepEqual(back.thresholds, [{ stablePath: 'pegs[main].threshold', new: '14-of-20', direction: 'better' }]);
    });

    // Every notation of a share of an n-member set: m-of-n, a percentage of stake, a fraction of voting power.
    const FORMS = ['count', 'percent-stake', 'fraction-voting'] as const;
    const write = (m: number, n: number, form: (typeof FORMS)[number]) =>
      form === 'count' ? `${m}-of-${n}` : form === 'percent-stake' ? `${Math.round((10000 * m) / n) / 100}% of stake` : `${m}/${n} of voting power`;
    const pair = fc.integer({ min: 2, max: 30 }).chain((n) => fc.record({
      n: fc.constant(n), a: fc.integer({ min: 2, max: n }), drop: fc.integer({ min: 1, max: n - 1 }),
      fa: fc.constantFrom(...FORMS), fb: fc.constantFrom(...FORMS), where: fc.constantFrom('peg' as const, 'set' as const),
    })).map(({ n, a, drop, fa, fb, where }) => ({ n, old: write(a, n, fa), new: write(Math.max(1, a - drop), n, fb), where }));

    it('property: a weaker threshold in any notation is never reported as no change, and always as a regression', () => {
      fc.assert(fc.property(pair, (p) => {
        const d = diffAnalyses(analyze(spec(p.old, p.n, p.where)), analyze(spec(p.new, p.n, p.where)));
        assert.equal(d.changed, true, `${p.old} → ${p.new}`);
        assert.equal(d.regressed, true, `${p.old} → ${p.new}`);
        assert.ok(d.thresholds.some((t) => t.direction === 'worse'), JSON.stringify(d.thresholds));
        assert.ok(regressions(d, 'never').some((r) => r.startsWith('weaker threshold at ')));
      }), { numRuns: 80 });
    });
  });
});
