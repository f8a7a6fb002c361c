// L2BEAT's stage rules as its own code and configs apply them (issue 18 item 7). Every expected
// value is worked out by hand from L2BEAT's criteria (docs/assessment.md, "L2BEAT stage"), never
// copied from what l2spec prints:
// - a properly set-up council: ≥ 8 members, m/n ≥ 75%, members publicly known, external ≥ n − m + 1
//   and external / n > 25%;
// - nested approvals: a path every holder must sign is the council's when a proper council is
//   among the holders; a party that can act alone is a path of its own;
// - forced inclusion through a council minority: counts for Stage 1 when the council is proper and
//   the members needed are at most n − m + 1; never for Stage 2;
// - validiums and optimiums (getAltDaStage.ts): "Others" for no DA bridge, < 5 external DAC
//   members, or (n − m + 1) / n > 1/3; Stage 1 needs the DAC's members known; Stage 2 needs
//   economic security.
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { rateStage } from '../../../server/src/engine/assess/stage.js';
import { expectRated, modelOf, reason } from './fixtures.js';

// Meets every Stage 2 requirement except that the council may upgrade the peg instantly in an
// emergency: with a proper council that is Stage 1, with an improper one Stage 0.
const BASE = `
system: { family: rollup }
l1:
  host: bitcoin
  settlement: direct
  anchoring: { what: [state-roots, transaction-data], bridgeFinalizesOnAnchor: true }
components:
  - { id: ch, kind: challengers, permissionless: true }
  - { id: council, kind: security-council, operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all }
  - { id: foundation, kind: signer-set, operators: 3, threshold: 2-of-3, external: 0, publiclyKnown: all }
pegs:
  - { id: p, custody: bitvm, upgrade: { authority: council, delay: instant } }
exits:
  unilateral: false
  delay: 7d
  forcedInclusion: { mode: force-via-l1, maxDelay: 1d }
  proposerFallback: self-propose
dataAvailability: { location: bitcoin }
stateValidation: { mechanism: fraud-proofs, challengers: ch }
governance: { upgradeable: true, upgradeDelay: 40d, securityCouncil: council, councilScope: emergency-only }
transparency: { nodeSource: open }
`;

type Spec = Record<string, any>;
function stageOf(edit: (s: Spec) => void) {
  const spec = parse(BASE) as Spec;
  edit(spec);
  return rateStage(modelOf(spec));
}
function council(fields: Record<string, unknown>) {
  return (s: Spec) => { Object.assign(s.components[1], fields); };
}

describe('assess: L2BEAT stage as L2BEAT\'s code computes it', () => {
  describe('a properly set-up Security Council (boundaries)', () => {
    it('8 members, 6-of-8 (exactly 75%), 3 external (= 8 − 6 + 1, 37.5%): proper, Stage 1', () => {
      expectRated(stageOf(() => {}), 'stage-1', /every Stage 1 requirement/);
    });
    it('8 members, 6-of-8, 2 external (one short of the 3 that block a quorum): Stage 0', () => {
      expectRated(stageOf(council({ external: 2 })), 'stage-0', /block a quorum \(3 of 8.*has 2 external/, 'components.1.external');
    });
    it('9 members, 7-of-9 (77.8%), 3 external (= 9 − 7 + 1, 33%): proper', () => {
      assert.equal(stageOf(council({ operators: 9, threshold: '7-of-9', external: 3 })).value, 'stage-1');
    });
    it('10 members, 7-of-10 (70%, under 75%): Stage 0', () => {
      expectRated(stageOf(council({ operators: 10, threshold: '7-of-10', external: 4 })), 'stage-0', /threshold of at least 75%; "council" needs 7-of-10 \(70%\)/, 'components.1.threshold');
    });
    it('7 members, 6-of-7 (86%), 2 external: too few members, Stage 0', () => {
      expectRated(stageOf(council({ operators: 7, threshold: '6-of-7', external: 2 })), 'stage-0', /at least 8 members; "council" has 7/, 'components.1.operators');
    });
    it('12 members, 10-of-12: 3 external can block (12 − 10 + 1) but are exactly 25%, not more: Stage 0', () => {
      expectRated(stageOf(council({ operators: 12, threshold: '10-of-12', external: 3 })), 'stage-0', /more than 25% of the members\); "council" has 3 external/);
    });
    it('12 members, 10-of-12, 4 external (33%): proper', () => {
      assert.equal(stageOf(council({ operators: 12, threshold: '10-of-12', external: 4 })).value, 'stage-1');
    });
    it('12 members, 9-of-12 (exactly 75%): 4 external (= 12 − 9 + 1) proper, 3 external not', () => {
      assert.equal(stageOf(council({ operators: 12, threshold: '9-of-12', external: 4 })).value, 'stage-1');
      expectRated(stageOf(council({ operators: 12, threshold: '9-of-12', external: 3 })), 'stage-0', /block a quorum \(4 of 12/);
    });
    it('members not all publicly known: not proper (L2BEAT: "Security Council members are not publicly known")', () => {
      expectRated(stageOf(council({ publiclyKnown: 'partial' })), 'stage-0', /members are publicly known; "council" declares publiclyKnown: partial/, 'components.1.publiclyKnown');
    });
  });

  describe('nested approvals', () => {
    const paths = (upgradePaths: unknown[]) => (s: Spec) => {
      delete s.pegs[0].upgrade;
      s.governance = { upgradeable: true, securityCouncil: 'council', councilScope: 'emergency-only', upgradePaths };
    };
    it('a foundation and a proper council must both sign an instant upgrade (2-of-2 of two Safes): the council\'s path, Stage 1', () => {
      assert.equal(stageOf(paths([{ id: 'op', holders: ['foundation', 'council'], delay: 'instant' }])).value, 'stage-1');
    });
    it('either the foundation or the council can sign (1-of-2): the foundation alone can upgrade instantly, Stage 0', () => {
      const r = stageOf(paths([{ id: 'fnd', holder: 'foundation', delay: 'instant' }, { id: 'sc', holder: 'council', delay: 'instant' }]));
      expectRated(r, 'stage-0', /at least 7 days to exit .*\(path "fnd"\) leave no time at all/, 'governance.upgradePaths.0.delay');
      assert.ok(!r.reasons.some((x) => /path "sc"/.test(x.text)), 'the council\'s own path needs no exit window');
    });
    it('a foundation with an improper council (7 members) signing together: not a proper council\'s path, Stage 0', () => {
      const r = stageOf((s) => { council({ operators: 7, threshold: '6-of-7', external: 2 })(s); paths([{ id: 'op', holders: ['foundation', 'council'], delay: 'instant' }])(s); });
      expectRated(r, 'stage-0', /path "op"/);
    });
    it('a second, proper security-council component among the holders also makes it a council\'s path', () => {
      const r = stageOf((s) => {
        s.components.push({ id: 'sc2', kind: 'security-council', operators: 9, threshold: '7-of-9', external: 3, publiclyKnown: 'all' });
        paths([{ id: 'op', holders: ['foundation', 'sc2'], delay: 'instant' }])(s);
      });
      assert.equal(r.value, 'stage-1');
    });
  });

  describe('forced inclusion through a Security Council minority', () => {
    const minority = (councilThreshold?: string) => (s: Spec) => {
      s.exits.forcedInclusion = councilThreshold ? { mode: 'security-council', councilThreshold } : { mode: 'security-council' };
    };
    it('3 of a proper 6-of-8 council (= the quorum-blocking 8 − 6 + 1) can include: users can exit, Stage 1', () => {
      expectRated(stageOf(minority('3-of-8')), 'stage-1', /every Stage 1 requirement/);
    });
    it('never Stage 2: a council that includes transactions acts on more than provable bugs', () => {
      const r = stageOf((s) => { minority('3-of-8')(s); s.pegs[0].upgrade.delay = '40d'; s.governance.councilScope = 'provable-bugs'; });
      expectRated(r, 'stage-1', /it also includes censored transactions/, 'exits.forcedInclusion.mode');
    });
    it('4 of 8 needed (more than the 3 that block a quorum): Stage 0', () => {
      expectRated(stageOf(minority('4-of-8')), 'stage-0', /needs 4-of-8 of "council", more than the quorum-blocking minority \(3 of 8\)/, 'exits.forcedInclusion');
    });
    it('how many must act is not written: the escape cannot be confirmed, Stage 0 naming the fact', () => {
      expectRated(stageOf(minority()), 'stage-0', /exits\.forcedInclusion\.councilThreshold/);
    });
    it('a minority of an improper council (2 external of 8) does not count', () => {
      const r = stageOf((s) => { minority('3-of-8')(s); council({ external: 2 })(s); });
      expectRated(r, 'stage-0', /a minority of "council", which is not a properly set-up council/);
    });
  });

  describe('validiums and optimiums (alternative-DA stages)', () => {
    // A validium on Bitcoin that meets every Stage 2 requirement of the rollup rules.
    const validium = (dac: Record<string, unknown>, da: Record<string, unknown> = {}) => (s: Spec) => {
      s.pegs[0].upgrade.delay = '40d';
      s.governance.councilScope = 'provable-bugs';
      s.system.claims = ['validium'];
      s.components.push({ id: 'dac', kind: 'da-committee', publiclyKnown: 'all', ...dac });
      s.dataAvailability = { location: 'committee', committee: 'dac', daBridge: true, ...da };
    };
    const NINE = { operators: 9, threshold: '7-of-9', external: 5 };
    it('9 members, 7-of-9 ((9 − 7 + 1) / 9 = exactly 1/3 must be honest), 5 external: a stage; Stage 2 waits for economic security', () => {
      expectRated(stageOf(validium(NINE)), 'stage-1', /economic security.* does not say \(dataAvailability\.economicSecurity\)/, 'dataAvailability');
      assert.equal(stageOf(validium(NINE, { economicSecurity: true })).value, 'stage-2');
    });
    it('6-of-9 (4 of 9 must be honest, more than a third): "Others", Low DAC threshold', () => {
      expectRated(stageOf(validium({ ...NINE, threshold: '6-of-9' })), 'not-applicable', /"Others" \(Low DAC threshold\): .*with 6-of-9, 4 of 9 must be/, 'components.3.threshold');
    });
    it('4 external members: "Others", Small DAC', () => {
      expectRated(stageOf(validium({ ...NINE, external: 4 })), 'not-applicable', /"Others" \(Small DAC\): .*"dac" has 4/, 'components.3.external');
    });
    it('a committee whose attestations the settlement chain does not check: "Others", No DA bridge', () => {
      expectRated(stageOf(validium(NINE, { daBridge: false })), 'not-applicable', /"Others" \(No DA bridge\)/, 'dataAvailability.daBridge');
    });
    it('committee members not all publicly known: Stage 0 (Stage 1 needs a decentralised, known committee)', () => {
      expectRated(stageOf(validium({ ...NINE, publiclyKnown: 'partial' })), 'stage-0', /Stage 1 needs a decentralised DA committee whose members are publicly known/, 'components.3.publiclyKnown');
    });
    it('an optimium on an external DA layer with a DA bridge: a stage; economic security lifts it to Stage 2', () => {
      const optimium = (es?: boolean) => (s: Spec) => {
        s.pegs[0].upgrade.delay = '40d';
        s.governance.councilScope = 'provable-bugs';
        s.dataAvailability = { location: 'external-da', daBridge: true, ...(es === undefined ? {} : { economicSecurity: es }) };
      };
      expectRated(stageOf(optimium(false)), 'stage-1', /economic security.*the spec says it has none/, 'dataAvailability.economicSecurity');
      assert.equal(stageOf(optimium(true)).value, 'stage-2');
    });
    it('several "Others" reasons are all named, each with L2BEAT\'s label', () => {
      const r = stageOf((s) => { validium({ ...NINE, external: 3, threshold: '3-of-9' })(s); s.stateValidation.mechanism = 'none'; });
      expectRated(r, 'not-applicable', /its reasons: "No proofs", "Small DAC", "Low DAC threshold"/);
      reason(r, /"Others" \(Low DAC threshold\): .*7 of 9 must be/);
    });
  });
});
