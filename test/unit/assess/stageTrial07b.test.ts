// Trial 2026-12-07b (items 4–13, stage and format parts). Every expected value is worked out by
// hand from L2BEAT's criteria (docs/assessment.md, "L2BEAT stage"), never copied from l2spec:
// - a proper council: ≥ 8 members, m/n ≥ 75%, publicly known, external ≥ n − m + 1 and > 25%
//   of the members (so the external members needed are max(n − m + 1, ⌊n/4⌋ + 1));
// - a share of voting power over n members is ⌈share × n⌉-of-n (docs: "Shares of stake are
//   read as head counts");
// - Stage 2: ≥ 30 days to exit for every upgrade not limited to provable bugs;
// - "Others": no DA bridge (a missing daBridge is not a bridge), (n − m + 1) / n > 1/3.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, planImprovements } from '../../../server/src/engine/index.js';
import { expectRated, reason } from './fixtures.js';

// One sequencer with forced inclusion (1 day) and self-propose after 7 days, a proper council
// (8 members, 6-of-8, 3 external, all known); the regular path leaves 60 − (7 + 1 + 7) = 45 days.
const BASE = `l2spec: 2
system: { name: Trial, family: rollup, claims: [optimistic-rollup] }
l1:
  host: bitcoin
  settlement: direct
  anchoring: { what: [state-roots, transaction-data], bridgeFinalizesOnAnchor: true }
components:
  - { id: seq, kind: sequencer, operators: 1, external: 0, publiclyKnown: all, openSource: true }
  - { id: council, kind: security-council, operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all }
  - { id: challengers, kind: challengers, permissionless: true, openSource: true }
pegs:
  - { id: rbtc, custody: smart-contract }
exits:
  unilateral: false
  mechanism: escape-hatch
  delay: 7d
  forcedInclusion: { mode: force-via-l1, maxDelay: 1d }
  proposerFallback: self-propose
  proposerFallbackTimeout: 7d
dataAvailability: { location: bitcoin, nodeOpenSource: true }
stateValidation: { mechanism: fraud-proofs, challengers: challengers, challengePeriod: 7d, proverSource: open }
finality: { source: bitcoin }
governance:
  securityCouncil: council
  councilScope: emergency-only
  upgradePaths:
    - { id: regular, holder: council, delay: 60d, kind: regular }
    - { id: emergency, holder: council, delay: instant, kind: emergency }
transparency: { nodeSource: open, contractsVerified: true }
`;

function run(...edits: [string, string][]) {
  let text = BASE;
  for (const [from, to] of edits) {
    assert.ok(text.includes(from), `fixture has no "${from}"`);
    text = text.replace(from, to);
  }
  return analyze(text);
}
const COUNCIL = '{ id: council, kind: security-council, operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all }';
const council = (fields: string): [string, string] => [COUNCIL, `{ id: council, kind: security-council, ${fields} }`];
const ids = (r: ReturnType<typeof analyze>, id: string) => r.findings.filter((f) => f.ruleId === id);

describe('trial 2026-12-07b: L2BEAT stage', () => {
  it('baseline: proper council, council-held emergency path, scope not limited: Stage 1', () => {
    expectRated(run().assessment.stage, 'stage-1', /every Stage 1 requirement/);
  });

  describe('item 4: councilScope: provable-bugs does not cover a path that says scope: any', () => {
    const bugsOnly: [string, string] = ['councilScope: emergency-only', 'councilScope: provable-bugs'];
    it('without a path scope, the council\'s instant path is limited to provable bugs: Stage 2', () => {
      assert.equal(run(bugsOnly).assessment.stage.value, 'stage-2');
    });
    it('the emergency path declares scope: any: it needs 30 days, Stage 1, and L2S-TRN-006 on both places', () => {
      const r = run(bugsOnly, ['kind: emergency }', 'kind: emergency, scope: any }']);
      expectRated(r.assessment.stage, 'stage-1', /30 days to exit before upgrades not limited to provable bugs; .*path "emergency"/);
      const paths = ids(r, 'L2S-TRN-006').map((f) => f.path).sort();
      assert.deepEqual(paths, ['governance.councilScope', 'governance.upgradePaths.1.scope']);
    });
    it('the plan does not offer councilScope: provable-bugs alone as the route to Stage 2 when a council path says scope: any', () => {
      // councilScope emergency-only, emergency path scope: any: limiting the council leaves the
      // instant scope-any path, so Stage 2 also needs that path's 30 days.
      let text = BASE.replace('kind: emergency }', 'kind: emergency, scope: any }');
      const stage2 = planImprovements(text, { maxAnalyses: 60 }).goals.find((g) => g.kind === 'stage' && g.target === 'stage-2');
      for (const p of stage2?.paths ?? []) {
        const edited = p.steps.flatMap((st) => st.edits.map((e) => e.path));
        assert.ok(!(edited.length === 1 && edited[0] === 'governance.councilScope'), `councilScope alone offered: ${JSON.stringify(p.steps.map((st) => st.title))}`);
      }
      text = text.replace('councilScope: emergency-only', 'councilScope: provable-bugs');
      assert.equal(analyze(text).assessment.stage.value, 'stage-1', 'councilScope: provable-bugs alone does not reach Stage 2');
    });
  });

  describe('item 5: operatedBy: builder means no external member', () => {
    it('operatedBy: builder with external: 3: not a proper council (Stage 0), L2S-TRN-006 on both facts', () => {
      const r = run(council('operators: 8, threshold: 6-of-8, operatedBy: builder, external: 3, publiclyKnown: all'));
      expectRated(r.assessment.stage, 'stage-0', /block a quorum \(3 of 8.*run by the builder \(operatedBy: builder\), so none of its members is external/, 'components.1.operatedBy');
      assert.deepEqual(ids(r, 'L2S-TRN-006').map((f) => f.path).sort(), ['components.1.external', 'components.1.operatedBy']);
    });
    it('operatedBy: builder without external: the reason does not say the count is missing', () => {
      const r = run(council('operators: 8, threshold: 6-of-8, operatedBy: builder, publiclyKnown: all'));
      assert.equal(r.assessment.stage.value, 'stage-0');
      assert.ok(!r.assessment.stage.reasons.some((x) => /does not say how many members are external/.test(x.text)));
      assert.equal(ids(r, 'L2S-TRN-006').length, 0);
    });
  });

  describe('item 6: a council threshold written as a share of voting power', () => {
    it('80% of 8 members is ⌈6.4⌉ = 7-of-8 (87.5%): proper, Stage 1; no "not declared" finding', () => {
      const r = run(council('operators: 8, threshold: 80% of voting power, external: 3, publiclyKnown: all'));
      expectRated(r.assessment.stage, 'stage-1', /every Stage 1 requirement/);
      assert.equal(ids(r, 'L2S-GOV-001').length, 0);
      assert.equal(ids(r, 'L2S-EXIT-007').length, 0);
    });
    it('60% of 8 members is ⌈4.8⌉ = 5-of-8 (62.5%): under 75%, Stage 0 naming the share', () => {
      const r = run(council('operators: 8, threshold: 60% of voting power, external: 4, publiclyKnown: all'));
      expectRated(r.assessment.stage, 'stage-0', /threshold of at least 75%; "council" needs 60% of voting power \(5 of 8 members\) \(63%\)/, 'components.1.threshold');
      assert.match(ids(r, 'L2S-GOV-001')[0]!.message, /60% of voting power is 62.5%/);
    });
    it('forced inclusion by 25% of the council\'s voting power (⌈2⌉ = 2 of 8, at most the 3 that block 6-of-8): Stage 1', () => {
      const r = run(['forcedInclusion: { mode: force-via-l1, maxDelay: 1d }', 'forcedInclusion: { mode: security-council, councilThreshold: 25% of voting power }']);
      expectRated(r.assessment.stage, 'stage-1', /every Stage 1 requirement/);
    });
    it('forced inclusion by 50% (4 of 8, more than 3): Stage 0', () => {
      const r = run(['forcedInclusion: { mode: force-via-l1, maxDelay: 1d }', 'forcedInclusion: { mode: security-council, councilThreshold: 50% of voting power }']);
      expectRated(r.assessment.stage, 'stage-0', /needs 50% of voting power \(4 of 8 members\) of "council", more than the quorum-blocking minority \(3 of 8\)/);
    });
  });

  describe('item 8: the external members a council needs', () => {
    it('10-of-12 with 3 external: 4 are needed (3 block, but 3 of 12 is only 25%)', () => {
      const r = run(council('operators: 12, threshold: 10-of-12, external: 3, publiclyKnown: all'));
      expectRated(r.assessment.stage, 'stage-0', /block a quorum \(4 of 12: 3 can block 10-of-12, and more than 25% of the members\); "council" has 3 external/);
    });
    it('8-of-8 with 1 external: 3 are needed (1 blocks, but more than 25% of 8 is 3)', () => {
      const r = run(council('operators: 8, threshold: 8-of-8, external: 1, publiclyKnown: all'));
      expectRated(r.assessment.stage, 'stage-0', /block a quorum \(3 of 8: 1 can block 8-of-8/);
    });
  });

  describe('item 9: the forced-inclusion threshold is counted over the council', () => {
    const via = (t: string): [string, string] => ['forcedInclusion: { mode: force-via-l1, maxDelay: 1d }', `forcedInclusion: { mode: security-council, councilThreshold: ${t} }`];
    it('3-of-9 on an 8-member council: L2S-FMT-004, and the escape cannot be confirmed (Stage 0)', () => {
      const r = run(via('3-of-9'));
      assert.ok(ids(r, 'L2S-FMT-004').some((f) => f.path === 'exits.forcedInclusion.councilThreshold'));
      expectRated(r.assessment.stage, 'stage-0', /3-of-9, counted over 9 members while "council" has 8/);
    });
    it('0-of-8 is unreadable, not left out', () => {
      const r = run(via('0-of-8'));
      const why = reason(r.assessment.stage, /exits\.forcedInclusion\.councilThreshold/);
      assert.match(why.text, /L2S-FMT-004.*cannot read/);
      assert.ok(!/does not say/.test(why.text));
    });
  });

  describe('item 13: a council under review, and an 8-member holder that is not a council', () => {
    it('underReview on the council: its setup is not rated, so the Stage 1 council item is not met', () => {
      const r = run(council('operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all, underReview: setup not yet checked'));
      expectRated(r.assessment.stage, 'stage-0', /"council" is marked under review/, 'components.1.underReview');
    });
    it('an inline 8-member holder without kind: security-council is not a council, and the reason says so', () => {
      const r = run(['{ id: emergency, holder: council, delay: instant, kind: emergency }', '{ id: emergency, holder: { operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all }, delay: instant, kind: emergency }']);
      expectRated(r.assessment.stage, 'stage-0', /path "emergency".*not a security council: only governance\.securityCouncil or a set with kind: security-council/);
    });
  });
});

describe('trial 2026-12-07b: validium "Others" reasons', () => {
  const validium = (dac: string, da: string) => run(
    ['claims: [optimistic-rollup]', 'claims: [validium]'],
    ['  - { id: challengers,', `  - { id: dac, kind: da-committee, publiclyKnown: all, ${dac} }\n  - { id: challengers,`],
    ['dataAvailability: { location: bitcoin, nodeOpenSource: true }', `dataAvailability: { location: committee, committee: dac, nodeOpenSource: true, economicSecurity: true${da} }`],
    ['councilScope: emergency-only', 'councilScope: provable-bugs'],
  );
  const NINE = 'operators: 9, threshold: 7-of-9, external: 6';
  it('control: 7-of-9, 6 external, a DA bridge, economic security: Stage 2', () => {
    assert.equal(validium(NINE, ', daBridge: true').assessment.stage.value, 'stage-2');
  });
  it('item 7: the same committee with daBridge left out is not bridged: "Others" (No DA bridge) naming daBridge', () => {
    const s = validium(NINE, '').assessment.stage;
    expectRated(s, 'not-applicable', /"Others" \(No DA bridge\): .*dataAvailability\.daBridge/, 'dataAvailability');
  });
  it('item 12: 6-of-8 with daBridge: false lists both "No DA bridge" and "Low DAC threshold" ((8 − 6 + 1) / 8 = 3/8 > 1/3)', () => {
    const s = validium('operators: 8, threshold: 6-of-8, external: 5', ', daBridge: false').assessment.stage;
    expectRated(s, 'not-applicable', /its reasons: "No DA bridge", "Low DAC threshold"\)/);
    reason(s, /"Others" \(Low DAC threshold\): .*with 6-of-8, 3 of 8 must be/);
  });
});

describe('trial 2026-12-07b: findings', () => {
  it('item 10: a single sequencer with forced inclusion and self-propose gets no L2S-OPS-006', () => {
    assert.equal(ids(run(), 'L2S-OPS-006').length, 0);
  });
  it('item 10: L2S-OPS-006 that only asks for a missing external count is undeclared and at most medium', () => {
    const r = run(['{ id: seq, kind: sequencer, operators: 1, external: 0,', '{ id: seq, kind: sequencer, operators: 6,']);
    const [f] = ids(r, 'L2S-OPS-006');
    assert.ok(f, 'L2S-OPS-006 asks for external');
    assert.equal(f.undeclared, true);
    assert.equal(f.severity, 'medium');
  });
  it('item 10: L2S-CUST-004 does not say an escape hatch needs the operators\' cooperation', () => {
    const [f] = ids(run(), 'L2S-CUST-004');
    assert.ok(f);
    assert.ok(!/cooperation/.test(f.message), f.message);
    assert.match(f.message, /escape hatch lets them leave without the operators/);
  });
  it('item 11: the Liquid example marks DA under review: no L2S-DA-001, and the halt coalition lists no unknown location', () => {
    const r = analyze(readFileSync('examples/liquid.l2spec.yaml', 'utf8'));
    assert.equal(ids(r, 'L2S-DA-001').length, 0);
    for (const c of r.assessment.coalitions!.halt.coalitions) assert.ok(!(c.unknown ?? []).includes('dataAvailability.location'), c.how);
  });

  describe('item 3 (stage part): a stage never rises on a claimed fact', () => {
    const bugsOnly: [string, string] = ['councilScope: emergency-only', 'councilScope: provable-bugs'];
    it('the council\'s external members and disclosure only claimed: Stage 1 cannot be confirmed (stage-0, the claim named)', () => {
      const r = run(council('operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all, claimed: [external, publiclyKnown]'));
      expectRated(r.assessment.stage, 'stage-0', /components\.1\.external is only claimed/);
      assert.ok(r.assessment.stage.reasons.some((x) => /components\.1\.publiclyKnown is only claimed/.test(x.text)));
    });
    it('forced inclusion only claimed: users\' own way out is not checkable, so no Stage 1', () => {
      expectRated(run(['proposerFallbackTimeout: 7d', 'proposerFallbackTimeout: 7d\n  claimed: [forcedInclusion]']).assessment.stage, 'stage-0', /exits\.forcedInclusion is only claimed/);
    });
    it('an upgrade path whose delay is only claimed: no Stage 1 (the window rests on the claim)', () => {
      expectRated(run(['{ id: regular, holder: council, delay: 60d, kind: regular }', '{ id: regular, holder: council, delay: 60d, kind: regular, claimed: [delay] }']).assessment.stage, 'stage-0', /governance\.upgradePaths\.0\.delay is only claimed/);
    });
    it('a validium whose DA committee facts are only claimed does not reach Stage 2', () => {
      const validium: [string, string][] = [
        ['dataAvailability: { location: bitcoin, nodeOpenSource: true }', 'dataAvailability: { location: committee, committee: dac, daBridge: true, economicSecurity: true, nodeOpenSource: true, claimed: [economicSecurity] }'],
        ['  - { id: challengers,', '  - { id: dac, kind: da-committee, operators: 9, threshold: 7-of-9, external: 6, publiclyKnown: all }\n  - { id: challengers,'],
        ['claims: [optimistic-rollup]', 'claims: [optimistic-rollup, validium]'],
        bugsOnly,
      ];
      const unclaimed = run(...validium.map(([a, b]): [string, string] => [a, b.replace(', claimed: [economicSecurity]', '')]));
      assert.equal(unclaimed.assessment.stage.value, 'stage-2', unclaimed.assessment.stage.reasons.map((x) => x.text).join('\n'));
      expectRated(run(...validium).assessment.stage, 'stage-0', /dataAvailability\.economicSecurity is only claimed/);
    });
  });
});
