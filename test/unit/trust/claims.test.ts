// Claimed facts in the trust model, the tier and L2BEAT's rosette slices (trial 2026-12-07b, items
// 1, 2, 3, 13, 14). Every expectation is derived by hand from the criteria, not from output:
// - A claim (`claimed: [field]`) is the project's word: a coalition, the Bitcoin link or a slice
//   that rests on one is treated like one resting on a missing fact, so the tier cannot rise on it
//   (docs/assessment.md, "Security tier": Strong/Moderate need every fact of the count given).
// - A claimed shortfall counts at its word (a claim never lifts a verdict).
// - L2BEAT's good/warning slice resting on a claim is unverified; bad stays bad.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/index.js';
import type { AnalysisResult, Rated } from '../../../server/src/engine/types.js';

/** An Ark-like design: users exit alone; the operator can upgrade the peg with a 40-day delay. */
const ARK = (exits: string) => `l2spec: 2
system: { name: Ark probe, family: ark }
l1: { host: bitcoin, settlement: direct }
components:
  - { id: asp, kind: operator, operators: 1, external: 0, publiclyKnown: all, openSource: true }
pegs:
  - id: vtxo
    custody: unilateral
    upgrade: { authority: asp, delay: 40d }
exits: { unilateral: true, mechanism: unilateral-vtxo-exit, vtxoExpiry: 30d, ${exits} }
dataAvailability: { location: self-hosted, backup: true }
finality: { source: user-held }
transparency: { nodeSource: open }
`;

/** A federation sidechain at Bitcoin Layers' floor: 9 members, 7-of-9, 7 external, all known. */
const FED = (claim: string) => `l2spec: 2
system: { name: Fed probe, family: sidechain }
l1: { host: bitcoin, anchoring: { what: [checkpoints] } }
components:
  - { id: fed, kind: federation, operators: 9, threshold: 7-of-9, external: 7, publiclyKnown: all${claim} }
pegs:
  - { id: fbtc, custody: federation-multisig, signers: fed, threshold: 7-of-9, emergencyRecovery: none, upgrade: { authority: none } }
exits: { unilateral: false, mechanism: federation-peg-out, delay: 1d }
dataAvailability: { location: alt-consensus, nodeOpenSource: true }
finality: { source: federation }
transparency: { nodeSource: open, operatorsDisclosed: true }
`;

/**
 * A fraud-proof rollup on Bitcoin: one sequencer, forced inclusion in 1 day, self-propose after
 * 7 days, exit delay 7 days, one regular upgrade path held by an 8-member council with a 60-day
 * delay. Exit time = 7d + 1d + 7d = 15 days; window = 60 − 15 = 45 days ≥ 30: good.
 */
const ROLLUP = (opts: { exits?: string; council?: string; challengers?: string; fi?: string; sv?: string } = {}) => `l2spec: 2
system: { name: Rollup probe, family: rollup }
l1: { host: bitcoin, settlement: direct, anchoring: { what: [state-roots, transaction-data], bridgeFinalizesOnAnchor: true } }
components:
  - { id: seq, kind: sequencer, operators: 1, external: 0, publiclyKnown: all, openSource: true }
  - { id: council, kind: security-council, operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all${opts.council ?? ''} }
  - { id: challengers, kind: challengers, permissionless: true, openSource: true${opts.challengers ?? ''} }
pegs:
  - { id: rbtc, custody: smart-contract }
exits:
  unilateral: false
  mechanism: escape-hatch
  delay: 7d
  forcedInclusion: ${opts.fi ?? '{ mode: force-via-l1, maxDelay: 1d }'}
  proposerFallback: self-propose
  proposerFallbackTimeout: 7d${opts.exits ?? ''}
dataAvailability: { location: bitcoin, nodeOpenSource: true }
stateValidation: { mechanism: fraud-proofs, challengers: challengers, challengePeriod: 7d, proverSource: open${opts.sv ?? ''} }
finality: { source: bitcoin }
governance:
  securityCouncil: council
  upgradePaths:
    - { id: regular, holder: council, delay: 60d, kind: regular }
transparency: { nodeSource: open, contractsVerified: true }
`;

function trn005(r: AnalysisResult, path: string): string | undefined {
  return r.findings.find((f) => f.ruleId === 'L2S-TRN-005' && f.path === path)?.message;
}

function text(rated: Rated<string>): string {
  return rated.reasons.map((x) => x.text).join('\n');
}

describe('claimed facts: the tier cannot rise on a claim (item 1)', () => {
  it('unclaimed, the Ark design is Strong: users exit alone and outrun the 40-day upgrade (31 days to spare)', () => {
    const r = analyze(ARK('delay: 9d'));
    assert.equal(r.assessment.tier.value, 'strong', text(r.assessment.tier));
  });

  it('a claimed unilateral exit holds the tier at Weak, names the claim, and L2S-TRN-005 asks for evidence', () => {
    const r = analyze(ARK('delay: 9d, claimed: [unilateral]'));
    assert.equal(r.assessment.tier.value, 'weak');
    assert.match(text(r.assessment.tier), /exits\.unilateral \(claimed\)/);
    assert.deepEqual(r.assessment.link?.claimed, ['exits.unilateral']);
    assert.deepEqual(r.assessment.tier.claimed?.map((c) => c.path), ['exits.unilateral']);
    assert.match(trn005(r, 'exits.claimed.0') ?? '', /security tier cannot rise above Weak/);
    assert.doesNotMatch(text(r.assessment.tier), /^Strong:/m);
  });

  it('with no upgrade path, only the link rests on the claim: Weak, with the would-be Strong as "Otherwise strong" context', () => {
    const noUpgrade = (e: string) => ARK(e).replace('    upgrade: { authority: asp, delay: 40d }\n', '');
    assert.equal(analyze(noUpgrade('delay: 9d')).assessment.tier.value, 'strong');
    const r = analyze(noUpgrade('delay: 9d, claimed: [unilateral]'));
    assert.equal(r.assessment.tier.value, 'weak');
    assert.match(text(r.assessment.tier), /Weak: the link to Bitcoin rests on exits\.unilateral \(claimed\)/);
    assert.match(text(r.assessment.tier), /Otherwise strong: Bitcoin script enforces/);
    assert.doesNotMatch(text(r.assessment.tier), /^Strong:/m);
  });

  it('a claimed shortfall counts at its word: a council claimed to have 3 external members is below the floor, not "held by a claim"', () => {
    // 8 members at 6-of-8 with 3 external: builder (5) + 1 external = 2 organisations, 3 < 4 external → Weak at its word.
    const r = analyze(FED(', claimed: [external]').replace('operators: 9, threshold: 7-of-9, external: 7', 'operators: 8, threshold: 6-of-8, external: 3').replace(/threshold: 7-of-9, emergencyRecovery/, 'threshold: 6-of-8, emergencyRecovery'));
    assert.equal(r.assessment.tier.value, 'weak');
    assert.match(text(r.assessment.tier), /has 3 external members, below the sidesystem floor of 4/);
    assert.equal(r.assessment.tier.claimed, undefined);
    assert.doesNotMatch(trn005(r, 'components.0.claimed.0') ?? '', /security tier/);
  });

  it('a claimed exit delay gives users no checked time to leave: the 40-day upgrader becomes a coalition, custody unverified', () => {
    const r = analyze(ARK('delay: 9d, claimed: [delay]'));
    assert.equal(r.assessment.tier.value, 'weak');
    const steal = r.assessment.coalitions!.steal.coalitions[0]!;
    assert.equal(steal.via, 'upgrade');
    assert.ok(steal.unknown?.includes('exits.delay (claimed)'), JSON.stringify(steal));
    const custody = r.assessment.ratings.custody;
    assert.equal(custody.value, 'unverified');
    assert.deepEqual(custody.claimed?.map((c) => c.path), ['exits.delay']);
    // The overridden would-be level is framed as context.
    assert.match(text(custody), /Otherwise low: Peg "vtxo": upgrades take effect after 40d/);
    assert.ok(trn005(r, 'exits.claimed.0'), 'L2S-TRN-005 asks for evidence of the delay');
  });

  it('a claimed shortfall counts at its word: a claimed 20-day exit leaves 20 < 30 days, so the single upgrader is a custodian (very high)', () => {
    const r = analyze(ARK('delay: 20d, claimed: [delay]'));
    assert.equal(r.assessment.ratings.custody.value, 'very-high');
  });

  it('claimed signer counts hold a federation at Weak (it would be Moderate), with the claims in the coalition', () => {
    assert.equal(analyze(FED('')).assessment.tier.value, 'moderate');
    const r = analyze(FED(', claimed: [operators, external]'));
    assert.equal(r.assessment.tier.value, 'weak');
    const steal = r.assessment.coalitions!.steal.coalitions[0]!;
    assert.deepEqual(steal.unknown?.filter((u) => u.endsWith('(claimed)')).sort(), ['components.0.external (claimed)', 'components.0.operators (claimed)']);
    assert.match(text(r.assessment.tier), /rests on components\.0\.operators \(claimed\), components\.0\.external \(claimed\)/);
  });

  it('a claimed disclosure (publiclyKnown) also keeps the federation from Moderate', () => {
    assert.equal(analyze(FED(', claimed: [publiclyKnown]')).assessment.tier.value, 'weak');
  });

  it('custody reasons: the would-be level follows "Otherwise high:" (item 2 text)', () => {
    const custody = analyze(FED(', claimed: [operators, external]')).assessment.ratings.custody;
    assert.equal(custody.value, 'unverified');
    assert.match(text(custody), /Otherwise high: Peg "fbtc" is held by "fed", with 7 publicly known members/);
    assert.doesNotMatch(text(custody), /^Peg "fbtc" is held by "fed", with 7/m);
  });
});

describe('claimed facts: L2BEAT rosette slices (item 3)', () => {
  it('unclaimed, the rollup rates good on all four slices', () => {
    const R = analyze(ROLLUP()).assessment.ratings;
    assert.deepEqual([R.exitWindow.value, R.stateValidation.value, R.sequencerFailure.value, R.proposerFailure.value], ['good', 'good', 'good', 'good']);
  });

  it('a claimed forced inclusion makes sequencer failure unverified (would be good), and L2S-TRN-005 names the slice', () => {
    const r = analyze(ROLLUP({ exits: '\n  claimed: [forcedInclusion]' }));
    const s = r.assessment.ratings.sequencerFailure;
    assert.equal(s.value, 'unverified');
    assert.deepEqual(s.claimed?.map((c) => c.path), ['exits.forcedInclusion']);
    assert.match(text(s), /Otherwise good: Users can force a transaction in through L1/);
    assert.match(trn005(r, 'exits.claimed.0') ?? '', /sequencer failure/);
  });

  it('a claimed exit delay makes the exit window unverified (45 days would be good)', () => {
    const r = analyze(ROLLUP({ exits: '\n  claimed: [delay]' }));
    assert.equal(r.assessment.ratings.exitWindow.value, 'unverified');
    assert.deepEqual(r.assessment.ratings.exitWindow.claimed?.map((c) => c.path), ['exits.delay']);
    assert.match(trn005(r, 'exits.claimed.0') ?? '', /the exit window/);
  });

  it('a claimed upgrade-path delay makes the exit window unverified (45 days would be good)', () => {
    const r = analyze(ROLLUP().replace('delay: 60d, kind: regular }', 'delay: 60d, kind: regular, claimed: [delay] }'));
    assert.deepEqual(r.findings.filter((f) => f.axis === 'format').map((f) => f.path), []);
    assert.equal(r.assessment.ratings.exitWindow.value, 'unverified');
    assert.deepEqual(r.assessment.ratings.exitWindow.claimed?.map((c) => c.path), ['governance.upgradePaths.0.delay']);
  });

  it('a claimed proposer fallback makes proposer failure unverified', () => {
    const r = analyze(ROLLUP({ exits: '\n  claimed: [proposerFallback]' }));
    assert.equal(r.assessment.ratings.proposerFailure.value, 'unverified');
  });

  it('claimed permissionless challengers make state validation unverified; a claimed "none" stays bad', () => {
    assert.equal(analyze(ROLLUP({ challengers: ', claimed: [permissionless]' })).assessment.ratings.stateValidation.value, 'unverified');
    assert.equal(analyze(ROLLUP({ sv: ', claimed: [challengers]' })).assessment.ratings.stateValidation.value, 'unverified');
    const none = analyze(ROLLUP({ sv: ', claimed: [mechanism]' }).replace('mechanism: fraud-proofs', 'mechanism: none'));
    assert.equal(none.assessment.ratings.stateValidation.value, 'bad');
  });

  it('council inclusion: 6-of-8 is not "a minority"; 3-of-8 is', () => {
    const six = analyze(ROLLUP({ fi: '{ mode: security-council, councilThreshold: 6-of-8 }' })).assessment.ratings.sequencerFailure;
    assert.equal(six.value, 'warning');
    assert.doesNotMatch(text(six), /minority/);
    assert.match(text(six), /6 of the 8 members of the security council/);
    const three = analyze(ROLLUP({ fi: '{ mode: security-council, councilThreshold: 3-of-8 }' })).assessment.ratings.sequencerFailure;
    assert.match(text(three), /A minority of the security council "council" \(3 of 8\)/);
  });

  it('a claimed council size keeps council inclusion from warning', () => {
    const r = analyze(ROLLUP({ fi: '{ mode: security-council, councilThreshold: 3-of-8 }', council: ', claimed: [operators]' }));
    // The claim decides the forced-inclusion escape only through the forcedInclusion section; the council's own claims feed the stage (lead wiring).
    assert.equal(r.assessment.ratings.sequencerFailure.value, 'warning');
    const claimedFi = analyze(ROLLUP({ fi: '{ mode: security-council, councilThreshold: 3-of-8 }', exits: '\n  claimed: [forcedInclusion]' }));
    assert.equal(claimedFi.assessment.ratings.sequencerFailure.value, 'unverified');
  });
});

describe('claimed facts: what claimed accepts and how it is read (items 13, 14)', () => {
  it('claimed may name daBridge and economicSecurity, exits.mechanism, and stateValidation fields without a schema finding', () => {
    const r = analyze(ROLLUP({ exits: '\n  claimed: [mechanism, delay]', sv: ', claimed: [mechanism, challengePeriod, proverSource, challengers]' })
      .replace('dataAvailability: { location: bitcoin, nodeOpenSource: true }', 'dataAvailability: { location: external-da, nodeOpenSource: true, daBridge: true, economicSecurity: true, claimed: [daBridge, economicSecurity] }'));
    assert.deepEqual(r.findings.filter((f) => f.axis === 'format').map((f) => `${f.ruleId} ${f.path}`), []);
    for (const p of ['dataAvailability.daBridge', 'dataAvailability.economicSecurity', 'exits.mechanism', 'stateValidation.challengePeriod', 'stateValidation.proverSource']) {
      assert.ok(r.model?.claimed?.has(p), p);
    }
  });

  it('claimed as a single string keeps the claim (custody stays unverified) and the format finding asks for the list', () => {
    const r = analyze(FED(', claimed: external'));
    assert.equal(r.assessment.ratings.custody.value, 'unverified');
    assert.ok(r.findings.some((f) => f.ruleId === 'L2S-FMT-002' && f.path.startsWith('components.0.claimed')));
    assert.ok(trn005(r, 'components.0.claimed'), 'the claim is asked about at the string');
  });

  it('a claim of an unwritten field is a format finding, and the fact is asked for only as missing', () => {
    const r = analyze(FED(', claimed: [external]').replace('external: 7, ', ''));
    const fmt = r.findings.find((f) => f.ruleId === 'L2S-FMT-002' && f.path === 'components.0.claimed.0');
    assert.ok(fmt, r.findings.map((f) => `${f.ruleId} ${f.path}`).join('\n'));
    assert.match(fmt.message, /does not write external/);
    assert.equal(trn005(r, 'components.0.claimed.0'), undefined);
    // The missing fact is asked for where it belongs (the component, since the key is absent).
    assert.match(trn005(r, 'components.0') ?? '', /does not say how many members of "fed" are external/);
    assert.doesNotMatch(text(r.assessment.ratings.custody), /claimed/);
  });

  it('underReview: true and underReview: "" are format findings and leave the axis as it would be unmarked', () => {
    const plain = analyze(ROLLUP()).assessment.ratings.dataAvailability.value;
    for (const v of ['true', "''", "'  '"]) {
      const r = analyze(ROLLUP().replace('dataAvailability: { location: bitcoin, nodeOpenSource: true }', `dataAvailability: { location: bitcoin, nodeOpenSource: true, underReview: ${v} }`));
      assert.equal(r.assessment.ratings.dataAvailability.value, plain, v);
      assert.ok(r.findings.some((f) => f.ruleId === 'L2S-FMT-002' && f.path.startsWith('dataAvailability.underReview')), v);
    }
  });

  it('"an ark design", not "a ark design"', () => {
    const r = analyze(ARK('delay: 9d'));
    assert.match(text(r.assessment.ratings.sequencerFailure), /In an ark design/);
  });
});
