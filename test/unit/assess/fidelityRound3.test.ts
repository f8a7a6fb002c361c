// Framework fidelity, round 3 (issue 18): one case of our own for each kind the issue names, end to
// end through analyze(). Expected values come from the frameworks' criteria (trust-frameworks.md
// §2, §3, §8) as the comments quote, never from what l2spec prints.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/index.js';
import { reason } from './fixtures.js';

/** A rollup on Ethereum that meets every Stage 2 requirement (L2BEAT §3). */
const STAGE2 = `l2spec: 2
system: { name: Heron, family: rollup, claims: [rollup] }
l1:
  host: ethereum
  settlement: direct
  anchoring: { what: [transaction-data, state-roots], bridgeFinalizesOnAnchor: true }
  bitcoin: { relation: none }
components:
  - { id: seq, kind: sequencer, operators: 1, publiclyKnown: all, external: 0, openSource: true }
  - { id: ch, kind: challengers, permissionless: true }
  - { id: council, kind: security-council, operators: 12, threshold: 9-of-12, external: 12, publiclyKnown: all }
  - { id: dao, kind: signer-set, name: Token holders, permissionless: true }
pegs:
  - { id: eth-btc, asset: wBTC, custody: smart-contract }
exits:
  delay: 7d
  forcedInclusion: { mode: force-via-l1, maxDelay: 1d }
  proposerFallback: self-propose
  proposerFallbackTimeout: 1d
dataAvailability: { location: ethereum, nodeOpenSource: true }
stateValidation: { mechanism: fraud-proofs, challengers: ch, challengePeriod: 7d }
finality: { source: host-chain }
governance:
  securityCouncil: council
  councilScope: provable-bugs
  upgradePaths:
    - { id: regular, holder: dao, delay: 40d }
transparency: { nodeSource: open, contractsVerified: true }
`;

function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `the case contains ${from}`);
  return text.replace(from, to);
}

describe('framework fidelity round 3 (issue 18)', () => {
  it('the base case reaches stage 2 (40 d upgrade − (7 d challenge + 1 d forced inclusion + 1 d fallback) = 31 days)', () => {
    const r = analyze(STAGE2);
    assert.equal(r.assessment.stage.value, 'stage-2', r.assessment.stage.reasons.map((x) => x.text).join('\n'));
    assert.equal(r.assessment.ratings.exitWindow.value, 'good');
  });

  describe('item 1: missing facts never turn into a worst verdict', () => {
    it('a finding whose only cause is an undeclared field is not critical', () => {
      const r = analyze(`l2spec: 2
system: { name: Sparse, family: rollup }
l1: { host: bitcoin, settlement: anchored }
components: [{ id: fed, kind: federation }, { id: seq, kind: sequencer, operators: 1 }]
pegs: [{ id: p, custody: federation-multisig, signers: fed }]
`);
      const undeclared = r.findings.filter((f) => f.undeclared);
      assert.ok(undeclared.length >= 4, undeclared.map((f) => f.ruleId).join(', '));
      for (const f of undeclared) assert.notEqual(f.severity, 'critical', `${f.ruleId}: ${f.message}`);
      // Undeclared data location, node source, signer disclosure, forced inclusion: each asked for, none critical.
      for (const id of ['L2S-DA-001', 'L2S-TRN-001', 'L2S-CUST-002', 'L2S-OPS-001']) {
        assert.ok(undeclared.some((f) => f.ruleId === id), `${id} asks for its fact`);
      }
      assert.deepEqual(r.findings.filter((f) => f.severity === 'critical' && !f.suppressed).map((f) => f.ruleId), []);
    });
    it('an unverified rosette slice asks for its fact (L2S-TRN-005) on a rollup', () => {
      const text = STAGE2.replace(/^exits:\n(?: {2}.*\n)+/m, '');
      const asks = analyze(text).findings.filter((f) => f.ruleId === 'L2S-TRN-005');
      const forced = asks.find((f) => /sequencer failure/.test(f.message) && /forcedInclusion/.test(f.message));
      assert.ok(forced, asks.map((f) => f.message).join('\n'));
      assert.equal(forced.severity, 'medium');
    });
    it('a declared shortfall stays critical', () => {
      const r = analyze(`l2spec: 2
system: { name: Sparse, family: sidechain }
l1: { host: bitcoin, settlement: none }
dataAvailability: { location: operator }
`);
      const da = r.findings.find((f) => f.ruleId === 'L2S-DA-001')!;
      assert.equal(da.severity, 'critical');
      assert.equal(da.undeclared, undefined);
    });
    it('deleting the whole exits section does not leave the exit window good: it asks for the exit time', () => {
      const without = STAGE2.replace(/^exits:\n(?: {2}.*\n)+/m, '');
      assert.ok(!without.includes('exits:'));
      const r = analyze(without).assessment;
      // The 7-day challenge period is still known; how a withdrawal gets in is gone, so the window
      // is at most 33 days but no longer known to be: unverified, asking for forced inclusion.
      assert.equal(r.ratings.exitWindow.value, 'unverified');
      assert.deepEqual(r.ratings.exitWindow.missing?.map((m) => m.path), ['exits.forcedInclusion.mode']);
      assert.notEqual(r.stage.value, 'stage-2');
      const withoutAny = without.replace(', challengePeriod: 7d', '');
      const w = analyze(withoutAny).assessment.ratings.exitWindow;
      assert.equal(w.value, 'unverified');
      assert.deepEqual(w.missing?.map((m) => m.path), ['stateValidation.challengePeriod', 'exits.forcedInclusion.mode']);
    });
  });

  describe('item 6: the exit time is forced inclusion + challenge + proposer fallback (L2BEAT)', () => {
    it('a 30-day upgrade with a 20-day forced-inclusion delay does not reach stage 2', () => {
      const text = edit(edit(STAGE2, 'delay: 40d', 'delay: 30d'), 'maxDelay: 1d', 'maxDelay: 20d');
      const r = analyze(text).assessment;
      assert.notEqual(r.stage.value, 'stage-2');
      reason(r.stage, /Stage 1 needs at least 7 days .* forced inclusion of 20d/);
      assert.equal(r.ratings.exitWindow.value, 'bad'); // 30 − (7 + 20 + 1) = 2 days
    });
    it('a proposer fallback that opens late lengthens the exit time', () => {
      const text = edit(STAGE2, 'proposerFallbackTimeout: 1d', 'proposerFallbackTimeout: 14d');
      const r = analyze(text).assessment;
      assert.equal(r.ratings.exitWindow.value, 'warning'); // 40 − (7 + 1 + 14) = 18 days
      assert.notEqual(r.stage.value, 'stage-2');
    });
  });

  describe('item 5: custody, the exit window and the stage read the same upgrade facts', () => {
    it('a declared path with no delay is unverified in the rosette and named by the stage, never "no time at all"', () => {
      const r = analyze(edit(STAGE2, '{ id: regular, holder: dao, delay: 40d }', '{ id: regular, holder: dao }')).assessment;
      assert.equal(r.ratings.exitWindow.value, 'unverified');
      assert.deepEqual(r.ratings.exitWindow.missing?.map((m) => m.path), ['governance.upgradePaths.0.delay']);
      assert.equal(r.stage.value, 'stage-0');
      reason(r.stage, /the spec gives no delay for system upgrades \(path "regular"\), so the window cannot be confirmed/);
      assert.ok(!r.stage.reasons.some((x) => /no time at all/.test(x.text)));
    });
  });

  describe('item 7: validiums and optimiums get stages under L2BEAT\'s alternative-DA rules', () => {
    const validium = (committee: string) => edit(
      edit(STAGE2, 'dataAvailability: { location: ethereum, nodeOpenSource: true }', 'dataAvailability: { location: committee, committee: dac, daBridge: true, nodeOpenSource: true }'),
      '  - { id: ch, kind: challengers, permissionless: true }',
      `  - { id: ch, kind: challengers, permissionless: true }\n  - { id: dac, kind: da-committee, ${committee} }`,
    ).replace('claims: [rollup]', 'claims: [validium]');
    it('a committee of 9 publicly known members, 6 external, threshold 7-of-9 (a third must be honest) keeps a stage', () => {
      const r = analyze(validium('operators: 9, threshold: 7-of-9, external: 6, publiclyKnown: all')).assessment;
      assert.notEqual(r.stage.value, 'not-applicable', r.stage.reasons.map((x) => x.text).join('\n'));
    });
    it('a committee with too few external members is "Others"', () => {
      const r = analyze(validium('operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all')).assessment;
      assert.equal(r.stage.value, 'not-applicable');
      reason(r.stage, /"Others" \(Small DAC\): .*at least 5 members external .* has 3/);
    });
    it('a low committee threshold (more than a third must be honest) is "Others"', () => {
      const r = analyze(validium('operators: 8, threshold: 3-of-8, external: 6, publiclyKnown: all')).assessment;
      assert.equal(r.stage.value, 'not-applicable');
      reason(r.stage, /"Others" \(Low DAC threshold\): .*with 3-of-8, 6 of 8 must be/);
    });
    it('data on an external DA layer without a DA bridge is "Others"; with one it keeps a stage', () => {
      const optimium = edit(STAGE2, 'dataAvailability: { location: ethereum, nodeOpenSource: true }', 'dataAvailability: { location: external-da, nodeOpenSource: true }');
      const r = analyze(optimium).assessment;
      assert.equal(r.stage.value, 'not-applicable');
      reason(r.stage, /DA bridge/);
      const bridged = analyze(optimium.replace('location: external-da,', 'location: external-da, daBridge: true,')).assessment;
      assert.notEqual(bridged.stage.value, 'not-applicable');
    });
  });

  describe('item 8: Bitcoin Layers\' finality and status for chains that only write to Bitcoin', () => {
    it('checkpoints to Bitcoin from a chain that settles on Ethereum: the host chain\'s finality (medium)', () => {
      const text = edit(edit(STAGE2, 'finality: { source: host-chain }', 'finality: { source: bitcoin-checkpoint }'), 'bitcoin: { relation: none }', 'bitcoin: { relation: anchors, what: [state-roots] }');
      const f = analyze(text).assessment.ratings.finality;
      assert.equal(f.value, 'medium');
      reason(f, /writing to Bitcoin is not settling on Bitcoin/);
    });
    it('a proof-of-stake chain with no link to Bitcoin is an "Alternative PoS Network" beside its peg', () => {
      const r = analyze(`l2spec: 2
system: { name: Kestrel, family: pos-sidechain }
l1: { host: bitcoin, settlement: none }
components:
  - { id: vals, kind: validators, permissionless: true, openSource: true }
  - { id: signers, kind: signer-set, operators: 21, publiclyKnown: all, external: 15 }
pegs: [{ id: k, custody: threshold-signature, signers: signers }]
dataAvailability: { location: alt-consensus, nodeOpenSource: true }
finality: { source: alt-consensus }
`).assessment;
      assert.equal(r.ratings.custody.value, 'high');
      for (const axis of ['dataAvailability', 'operators', 'finality'] as const) {
        assert.equal(r.ratings[axis].value, 'not-applicable');
        reason(r.ratings[axis], /Alternative PoS Network/);
      }
    });
  });

  describe('items 3 and 4: statechains and stake', () => {
    it('a statechain peg is low custody; unprovable key deletion is judged once, under finality', () => {
      const r = analyze(`l2spec: 2
system: { name: Plover, family: statechain }
l1: { host: bitcoin, settlement: direct }
components: [{ id: se, kind: operator, operators: 2, publiclyKnown: all, external: 1 }]
pegs: [{ id: s, custody: statechain, signers: se, upgrade: { authority: none } }]
exits: { unilateral: true, mechanism: statechain-backup-tx }
dataAvailability: { location: self-hosted }
finality: { source: federation, provableKeyDeletion: false }
`).assessment;
      assert.equal(r.ratings.custody.value, 'low');
      assert.equal(r.ratings.finality.value, 'very-high');
      assert.ok(!r.ratings.custody.reasons.some((x) => /cannot be proven/.test(x.text)), 'custody does not count key deletion again');
    });
    it('stake slashed only for double-signing does not make a peg medium', () => {
      const pos = (slashed: string) => analyze(`l2spec: 2
system: { name: Auk, family: pos-sidechain }
l1: { host: bitcoin, settlement: anchored, anchoring: { what: [checkpoints] } }
components:
  - { id: vals, kind: validators, operators: 30, publiclyKnown: all, external: 30, stakeBtc: 5000, slashedFor: [${slashed}] }
pegs: [{ id: a, custody: pos-stake, signers: vals, valueAtRiskBtc: 1000, upgrade: { authority: none } }]
`).assessment.ratings.custody;
      assert.equal(pos('double-signing, downtime').value, 'high');
      assert.equal(pos('peg-theft, double-signing').value, 'medium');
    });
  });

  describe('item 2: BitVM bridges', () => {
    const bitvm = (extra: string) => `l2spec: 2
system: { name: Tern, family: bitvm-bridge }
l1: { host: bitcoin, settlement: direct }
components:
${extra}
pegs: [{ id: t, custody: bitvm, signers: cov, upgrade: { authority: none } }]
exits: { unilateral: false, mechanism: bitvm-payout, watchtowers: { required: true, permissionless: true } }
stateValidation: { mechanism: bitvm }
`;
    it('watchtowers anyone may run, but that only report, do not make custody medium', () => {
      const c = analyze(bitvm('  - { id: cov, kind: signer-set, operators: 8, publiclyKnown: all, external: 4 }')).assessment.ratings.custody;
      assert.notEqual(c.value, 'medium');
      reason(c, /not challengers/);
    });
    it('a covenant committee run by the builder alone is custody by the builder', () => {
      const text = bitvm('  - { id: cov, kind: signer-set, operators: 8, publiclyKnown: all, external: 0 }\n  - { id: ch, kind: challengers, permissionless: true }').replace('mechanism: bitvm }', 'mechanism: bitvm, challengers: ch }');
      const c = analyze(text).assessment.ratings.custody;
      assert.equal(c.value, 'very-high');
      reason(c, /run by the builder alone/);
    });
  });
});
