import assert from 'node:assert/strict';
import { assess } from '../../../server/src/engine/assess/index.js';
import { expectRated, finding, model, reason } from './fixtures.js';

// A channel-style design that meets every Strong requirement. Tests break one thing at a time.
const STRONG = `
system: { family: payment-channel }
l1: { host: bitcoin, settlement: direct }
components: [{ id: peers, kind: users }]
pegs: [{ id: ch, custody: unilateral, upgrade: { authority: none } }]
exits: { unilateral: true, mechanism: force-close, delay: 144 blocks }
dataAvailability: { location: self-hosted }
finality: { source: user-held }
transparency: { nodeSource: open }
`;

// A BitVM rollup with permissionless challengers: direct settlement with a 1-of-N exit.
const BITVM = `
system: { family: bitvm-rollup }
l1: { host: bitcoin, settlement: direct, anchoring: { what: [validity-proofs, state-diffs], bridgeFinalizesOnAnchor: true } }
components:
  - { id: vals, kind: validators, permissionless: true, openSource: true }
  - { id: ch, kind: challengers, permissionless: true }
  - { id: cov, kind: signer-set, operators: 7, external: 4, publiclyKnown: all }
pegs: [{ id: p, custody: bitvm, signers: cov, upgrade: { authority: none } }]
exits: { unilateral: false, mechanism: bitvm-payout }
dataAvailability: { location: bitcoin }
stateValidation: { mechanism: bitvm, challengers: ch }
finality: { source: bitcoin }
transparency: { nodeSource: open }
`;

const tier = (yaml: string, findings = [] as ReturnType<typeof finding>[]) => assess(model(yaml), findings).tier;

describe('assess: security tier', () => {
  describe('step 1: settlement mode', () => {
    it('direct settlement meeting every requirement is strong', () => {
      const t = tier(STRONG);
      expectRated(t, 'strong', /base tier strong/, 'l1.settlement');
      reason(t, /Meets every requirement of Strong/);
    });
    it('anchored settlement is moderate', () => {
      expectRated(tier('l1: { settlement: anchored }'), 'moderate', /base tier moderate/, 'l1.settlement');
    });
    it('no settlement is weak', () => {
      expectRated(tier('l1: { settlement: none }'), 'weak', /base tier weak/, 'l1.settlement');
    });
    it('an undeclared settlement is weak', () => {
      expectRated(tier('l1: { host: bitcoin }'), 'weak', /does not declare how the system settles/, 'l1');
    });
    it('settling on another chain is weak', () => {
      expectRated(tier(STRONG.replace('host: bitcoin', 'host: ethereum')), 'weak', /settles on Ethereum/, 'l1.host');
    });
    it('a BitVM bridge with permissionless challengers can be strong', () => {
      expectRated(tier(BITVM), 'strong', /Meets every requirement of Strong/);
    });
  });

  describe('step 2: caps to weak', () => {
    it('any critical finding caps at weak, naming the rule', () => {
      const t = tier(STRONG, [finding('L2S-TEST-001', 'critical', 'governance', 'governance')]);
      expectRated(t, 'weak', /Capped at weak: critical finding L2S-TEST-001/, 'governance');
      assert.equal(reason(t, /L2S-TEST-001/).ruleId, 'L2S-TEST-001');
    });
    it('a high finding does not cap', () => {
      assert.equal(tier(STRONG, [finding('L2S-TEST-002', 'high', 'custody')]).value, 'strong');
    });
    it('very-high custody caps at weak', () => {
      expectRated(tier('l1: { settlement: anchored }\npegs: [{ id: p, custody: single-custodian }]'), 'weak', /Capped at weak: BTC custody .* very high/, 'pegs.0.custody');
    });
    it('operator-only data caps at weak', () => {
      expectRated(tier('l1: { settlement: anchored }\ndataAvailability: { location: operator }'), 'weak', /Capped at weak: the data is available only from the operator/, 'dataAvailability.location');
    });
    it('no data availability at all caps at weak', () => {
      expectRated(tier('l1: { settlement: anchored }\ndataAvailability: { location: none }'), 'weak', /nothing guarantees the data/);
    });
    it('reports a cap that does not lower an already weak tier', () => {
      expectRated(tier('l1: { settlement: none }\ndataAvailability: { location: operator }'), 'weak', /Also caps at weak: the data is available only from the operator/);
    });
  });

  describe('step 2: what strong needs', () => {
    it('data elsewhere than Bitcoin or the users caps at moderate', () => {
      const t = tier(STRONG.replace('location: self-hosted', 'location: alt-consensus, nodeOpenSource: true'));
      expectRated(t, 'moderate', /Capped at moderate: Strong needs data on Bitcoin or self-hosted/, 'dataAvailability.location');
    });
    it('a very-high axis other than custody caps at moderate', () => {
      const t = tier(STRONG.replace('source: user-held', 'source: single-operator'));
      expectRated(t, 'moderate', /no axis rated very high or unverified; finality is very high/, 'finality.source');
    });
    it('a single operator caps at moderate even when an earlier cap decided', () => {
      const yaml = STRONG.replace('family: payment-channel', 'family: ark').replace('[{ id: peers, kind: users }]', '[{ id: asp, kind: operator, operators: 1 }]');
      expectRated(tier(yaml), 'moderate', /network operators is very high/, 'components.0.operators');
      expectRated(tier(yaml, [finding('L2S-TEST-003', 'critical', 'operators')]), 'weak', /Also caps at moderate: Strong needs no axis rated very high or unverified; network operators/);
    });
    it('an exit through signers caps at moderate', () => {
      const yaml = `
l1: { settlement: direct }
components: [{ id: fed, kind: federation, operators: 7, threshold: 5-of-7, external: 5, publiclyKnown: all }]
pegs: [{ id: p, custody: federation-multisig, signers: fed }]
exits: { unilateral: false, mechanism: federation-peg-out }
dataAvailability: { location: bitcoin }
finality: { source: bitcoin }`;
      expectRated(tier(yaml), 'moderate', /unilateral or 1-of-N exit; users exit by "federation-peg-out"/, 'exits.mechanism');
    });
    it('a claimed unilateral exit does not count while someone controls the BTC', () => {
      const yaml = STRONG.replace('custody: unilateral, upgrade: { authority: none }', 'custody: federation-multisig');
      const t = tier(yaml);
      assert.equal(t.value, 'weak'); // no signers named: custody unverified, which the tier counts as the worst
      expectRated(t, 'weak', /BTC custody of the system's own peg is unverified/);
      expectRated(t, 'weak', /exits are unilateral, but custody is rated unverified/, 'exits.unilateral');
    });
    it('a BitVM payout is 1-of-N only with permissionless challengers', () => {
      const yaml = BITVM.replace('{ id: ch, kind: challengers, permissionless: true }', '{ id: ch, kind: challengers, operators: 9, external: 9, publiclyKnown: all }');
      expectRated(tier(yaml), 'moderate', /1-of-N only if anyone may challenge/);
    });
  });

  it('anchoring the bridge does not finalise on caps at moderate', () => {
    const t = tier(BITVM.replace('bridgeFinalizesOnAnchor: true', 'bridgeFinalizesOnAnchor: false'));
    expectRated(t, 'moderate', /Capped at moderate: the bridge does not finalise/, 'l1.anchoring.bridgeFinalizesOnAnchor');
  });

  it('an unreadable spec is weak and rates nothing', () => {
    const a = assess(undefined, []);
    expectRated(a.tier, 'weak', /could not be read/);
    for (const axis of ['custody', 'dataAvailability', 'operators', 'finality'] as const) assert.equal(a.ratings[axis].value, 'under-review');
    for (const axis of ['exitWindow', 'stateValidation', 'sequencerFailure', 'proposerFailure'] as const) assert.equal(a.ratings[axis].value, 'not-applicable');
    assert.equal(a.stage.value, 'not-applicable');
  });
});
