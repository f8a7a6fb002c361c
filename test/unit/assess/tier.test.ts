import assert from 'node:assert/strict';
import { assess } from '../../../server/src/engine/assess/index.js';
import { analyze } from '../../../server/src/engine/index.js';
import { expectRated, finding, model, reason } from './fixtures.js';

// The tier follows from the trust model (docs/assessment.md "The security tier"; trust-frameworks.md
// §6): how users' claims reach Bitcoin, and who must collude to steal. Every expectation below is
// derived by hand from the design written beside it, never from the output.

// A channel-style design: each side force-closes alone; no one else holds the BTC.
const CHANNEL = `
system: { family: payment-channel }
l1: { host: bitcoin, settlement: direct }
components: [{ id: peers, kind: users }]
pegs: [{ id: ch, custody: unilateral, upgrade: { authority: none } }]
exits: { unilateral: true, mechanism: force-close, delay: 144 blocks, watchtowers: { required: true } }
dataAvailability: { location: self-hosted }
finality: { source: user-held }
transparency: { nodeSource: open }
`;

// An Ark design: one operator, users exit unilaterally, VTXOs expire.
const ARK = `
system: { family: ark }
l1: { host: bitcoin, settlement: direct }
components: [{ id: asp, kind: operator, operators: 1, publiclyKnown: all, external: 0 }]
pegs: [{ id: vtxos, custody: unilateral, upgrade: { authority: none } }]
exits: { unilateral: true, mechanism: unilateral-vtxo-exit, delay: 144 blocks, vtxoExpiry: 4 weeks }
dataAvailability: { location: self-hosted }
governance: { upgradeable: false }
`;

// A federation anchored to Bitcoin: 7 of 9 disclosed signers, 7 external.
const FEDERATION = `
system: { family: merge-mined-sidechain }
l1: { host: bitcoin, settlement: anchored, anchoring: { what: [merge-mining] } }
components:
  - { id: fed, kind: federation, operators: 9, threshold: 7-of-9, publiclyKnown: all, external: 7 }
  - { id: miners, kind: miners, permissionless: true }
pegs: [{ id: p, custody: federation-multisig, signers: fed, threshold: 7-of-9, upgrade: { authority: none }, emergencyRecovery: none }]
exits: { unilateral: false, mechanism: federation-peg-out, forcedInclusion: { mode: self-sequence } }
dataAvailability: { location: alt-consensus, nodeOpenSource: true }
transparency: { nodeSource: open, operatorsDisclosed: true }
`;

// A BitVM bridge with a disclosed 7-member covenant committee (6 external) and challengers anyone may join.
const BITVM = `
system: { family: bitvm-bridge }
l1: { host: bitcoin, settlement: direct }
components:
  - { id: committee, kind: signer-set, operators: 7, publiclyKnown: all, external: 6 }
  - { id: ops, kind: operator, operators: 5, publiclyKnown: all, external: 4 }
  - { id: ch, kind: challengers, permissionless: true }
pegs: [{ id: p, custody: bitvm, signers: committee, upgrade: { authority: none } }]
exits: { unilateral: false, mechanism: bitvm-payout }
dataAvailability: { location: bitcoin }
stateValidation: { mechanism: bitvm, challengers: ch }
transparency: { nodeSource: open }
`;

const tierOf = (yaml: string, findings = [] as ReturnType<typeof finding>[]) => assess(model(yaml), findings).tier;

describe('assess: security tier (from who must collude)', () => {
  describe('Strong: script-enforced and no coalition of others can steal', () => {
    it('a payment channel is strong, with the watching condition named', () => {
      const t = tierOf(CHANNEL);
      expectRated(t, 'strong', /Strong: Bitcoin script enforces every user's claim/);
      reason(t, /Users must: each user \(or a watchtower for them\) watches Bitcoin/);
    });

    it('an Ark design with unilateral exits is strong; its single operator only censors and halts, beside the tier', () => {
      const t = tierOf(ARK);
      expectRated(t, 'strong', /no coalition of others can steal/);
      reason(t, /renews their VTXOs before they expire/);
      reason(t, /Beside the tier \(liveness\): To censor a user takes 1 organisation/);
    });

    it('findings never cap the tier (what they describe either changes a coalition or is liveness)', () => {
      expectRated(tierOf(CHANNEL, [finding('L2S-OPS-001', 'critical', 'operators')]), 'strong', /Strong/);
    });
  });

  describe('declared settlement is a claim, never the source of the tier', () => {
    it('six lines declaring direct settlement, a unilateral exit and self-hosted data are not strong', () => {
      const t = tierOf(`
l1: { host: bitcoin, settlement: direct }
exits: { unilateral: true }
dataAvailability: { location: self-hosted }
`);
      assert.notEqual(t.value, 'strong');
      reason(t, /declares l1\.settlement: direct, but its structure gives no link to Bitcoin/);
    });

    it('a federation that declares direct settlement is judged by its structure, and the claim gets a finding', () => {
      const text = `l2spec: 2\nsystem: { name: F, family: sidechain }\n${FEDERATION.replace('settlement: anchored', 'settlement: direct').replace(/^system:.*$/m, '')}`;
      const result = analyze(text);
      assert.equal(result.assessment.tier.value, 'moderate');
      const f = result.findings.find((x) => x.ruleId === 'L2S-TRN-010');
      assert.ok(f, 'L2S-TRN-010 reports the claim');
      assert.equal(f.path, 'l1.settlement');
    });

    it('settling on another chain gives no link: weak', () => {
      expectRated(tierOf(`l1: { host: ethereum }\npegs: [{ id: p, custody: smart-contract }]`), 'weak', /Weak: Bitcoin enforces nothing/);
    });
  });

  describe('Moderate: stealing needs the system\'s own disclosed operators at the sidesystem floor', () => {
    it('7 of 9 disclosed signers, 7 external, anchored by merge-mining: moderate', () => {
      const t = tierOf(FEDERATION);
      expectRated(t, 'moderate', /Moderate: every coalition that can steal is the system's own disclosed operators/);
      // The 2 builder members are one organisation: 2 of theirs + 5 external = 6 organisations.
      reason(t, /Stealing needs 6 independent organisations/);
    });

    it('the same federation with undisclosed members is weak', () => {
      expectRated(tierOf(FEDERATION.replace('publiclyKnown: all', 'publiclyKnown: partial')), 'weak', /not all publicly known/);
    });

    it('a federation below the floor (3 of 4) is weak', () => {
      const small = FEDERATION.replace('operators: 9, threshold: 7-of-9', 'operators: 4, threshold: 3-of-4').replace('external: 7', 'external: 4').replace('threshold: 7-of-9, upgrade', 'threshold: 3-of-4, upgrade');
      expectRated(tierOf(small), 'weak', /below the sidesystem floor of 5/);
    });

    it('members the spec gives as the builder\'s are one organisation: 5 of 9 with 8 of the builder\'s is one entity', () => {
      const builder = FEDERATION.replace('threshold: 7-of-9, publiclyKnown: all, external: 7', 'threshold: 5-of-9, publiclyKnown: all, external: 1').replace('threshold: 7-of-9, upgrade', 'threshold: 5-of-9, upgrade');
      expectRated(tierOf(builder), 'weak', /a single organisation can steal/);
    });

    it('a BitVM bridge is never strong: its fixed covenant committee is a steal coalition (7 members, 6 external + the builder = 7 entities)', () => {
      const t = tierOf(BITVM);
      expectRated(t, 'moderate', /Stealing needs 7 independent organisations/);
    });

    it('a BitVM bridge run by the builder (committee, operators, watchtowers) can be stolen by the builder alone', () => {
      const builderRun = BITVM.replace('operators: 7, publiclyKnown: all, external: 6', 'operators: 7, publiclyKnown: all, external: 0');
      expectRated(tierOf(builderRun), 'weak', /a single organisation can steal/);
    });

    it('a fact the count needs that the spec leaves out keeps the tier where the spec establishes it, and names the fact', () => {
      const t = tierOf(FEDERATION.replace(', external: 7', ''));
      assert.equal(t.value, 'weak');
      reason(t, /cannot count this coalition without components\.0\.external/);
      assert.deepEqual(t.missing?.map((m) => m.path), ['components.0.external']);
    });
  });

  it('a peg the chain only hosts that rates worse is named, but does not set the tier', () => {
    const result = analyze(`l2spec: 2
system: { name: T, family: payment-channel }
l1: { host: bitcoin, settlement: direct }
pegs:
  - { id: ch, custody: unilateral, upgrade: { authority: none } }
  - { id: wrapped, asset: WBTC, custody: single-custodian }
exits: { unilateral: true, mechanism: force-close, delay: 144 blocks }
dataAvailability: { location: self-hosted }
`);
    expectRated(result.assessment.tier, 'strong', /Peg "wrapped" \(WBTC\) is rated very high/);
  });

  it('an unreadable spec is weak and rates nothing', () => {
    const a = assess(undefined, []);
    expectRated(a.tier, 'weak', /could not be read/);
  });
});
