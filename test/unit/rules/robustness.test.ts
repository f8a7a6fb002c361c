// No trust rule may throw, whatever mix of plausible, partial and wrongly typed values a spec
// holds: a thrown rule becomes L2S-FMT-009 and its check silently disappears from the assessment.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyze } from '../../../server/src/engine/index.js';

const word = fc.constantFrom(
  'none', 'all', 'partial', 'fed', 'sc', 'dac', 'ghost', 'single-party', 'multisig', 'security-council', 'bitcoin', 'committee',
  'operator', 'self-hosted', 'alt-consensus', 'external-da', 'federation', 'single-operator', 'fraud-proofs', 'validity-proofs',
  'bitvm', 'snark', 'closed', 'open', 'enqueue', 'force-via-l1', 'governance', 'force-close', 'federation-multisig', 'pos-stake',
  'smart-contract', 'n-of-n-covenant', 'single-custodian', 'unlimited', 'state-roots',
);
const scalar = fc.oneof(
  word,
  fc.boolean(),
  fc.integer({ min: -2, max: 40 }),
  fc.double({ min: 0, max: 2, noNaN: true }),
  fc.constantFrom('144 blocks', '0', 'instant', '48h', '7d', '30 days', '4 weeks', 'soon', '11-of-15', '0-of-3', '5-of-3', '1-of-1', '2-of-3'),
  fc.constant(null),
);
const set = fc.oneof(
  word,
  fc.record({ operators: scalar, threshold: scalar, external: scalar, publiclyKnown: scalar, permissionless: scalar, stakeBtc: scalar }, { requiredKeys: [] }),
);
const component = fc.record({
  id: fc.constantFrom('fed', 'sc', 'dac', 'seq', 'ch', 'op', 'miners'),
  kind: fc.constantFrom('sequencer', 'proposer', 'validators', 'federation', 'signer-set', 'da-committee', 'watchtowers', 'challengers', 'security-council', 'operator', 'miners', 'users'),
  operators: scalar, threshold: scalar, external: scalar, publiclyKnown: scalar, permissionless: scalar, openSource: scalar, hashrateShare: scalar, stakeBtc: scalar,
}, { requiredKeys: ['id', 'kind'] });
const peg = fc.record({
  id: fc.constantFrom('main', 'bridge'),
  custody: scalar, signers: set, threshold: scalar, mintTrigger: scalar, collateralBtc: scalar, valueAtRiskBtc: scalar, withdrawalsPermissioned: scalar,
  emergencyRecovery: fc.oneof(fc.constant('none'), fc.record({ signers: set, threshold: scalar, timelock: scalar }, { requiredKeys: [] }), scalar),
  upgrade: fc.oneof(fc.record({ authority: set, delay: scalar }, { requiredKeys: [] }), scalar),
}, { requiredKeys: [] });
const spec = fc.record({
  l2spec: fc.constant(1),
  system: fc.record({
    name: fc.constant('Fuzz'),
    family: fc.constantFrom('payment-channel', 'sidechain', 'merge-mined-sidechain', 'pos-sidechain', 'rollup', 'bitvm-rollup', 'bitvm-bridge', 'statechain', 'ark', 'ecash-mint', 'wrapped-btc', 'other'),
    claims: fc.array(fc.constantFrom('l2', 'bitcoin-l2', 'rollup', 'zk-rollup', 'optimistic-rollup', 'trustless', 'sidechain'), { maxLength: 3 }),
  }, { requiredKeys: ['name'] }),
  l1: fc.record({ host: scalar, settlement: scalar, anchoring: fc.oneof(scalar, fc.record({ what: fc.oneof(scalar, fc.array(word, { maxLength: 3 })), interval: scalar, bridgeFinalizesOnAnchor: scalar }, { requiredKeys: [] })) }, { requiredKeys: [] }),
  components: fc.oneof(fc.array(fc.oneof(component, scalar), { maxLength: 5 }), scalar),
  pegs: fc.oneof(fc.array(fc.oneof(peg, scalar), { maxLength: 3 }), scalar),
  exits: fc.oneof(scalar, fc.record({
    unilateral: scalar, mechanism: scalar, delay: scalar, vtxoExpiry: scalar, outOfRoundTrusted: scalar, proposerFallback: scalar,
    forcedInclusion: fc.oneof(scalar, fc.record({ mode: scalar, maxDelay: scalar }, { requiredKeys: [] })),
    watchtowers: fc.oneof(scalar, fc.record({ required: scalar, set, permissionless: scalar }, { requiredKeys: [] })),
  }, { requiredKeys: [] })),
  dataAvailability: fc.oneof(scalar, fc.record({ location: scalar, committee: set, daBridge: scalar, nodeOpenSource: scalar, permissionedAccess: scalar, backup: scalar }, { requiredKeys: [] })),
  stateValidation: fc.oneof(scalar, fc.record({ mechanism: scalar, challengers: set, challengePeriod: scalar, proofSystem: scalar, proverSource: scalar }, { requiredKeys: [] })),
  finality: fc.oneof(scalar, fc.record({ source: scalar, provableKeyDeletion: scalar }, { requiredKeys: [] })),
  governance: fc.oneof(scalar, fc.record({ upgradeDelay: scalar, upgradeable: scalar, securityCouncil: set, councilScope: scalar, pause: scalar, blacklist: scalar, tokenUpgradeDelay: scalar }, { requiredKeys: [] })),
  transparency: fc.oneof(scalar, fc.record({ nodeSource: scalar, contractsVerified: scalar, operatorsDisclosed: scalar }, { requiredKeys: [] })),
}, { requiredKeys: ['l2spec', 'system'] });

describe('trust rules on arbitrary specs', () => {
  it('never fail internally', () => {
    fc.assert(fc.property(spec, (value) => {
      const text = stringify(value);
      const crashed = analyze(text).findings.filter((f) => f.ruleId === 'L2S-FMT-009');
      assert.deepEqual(crashed.map((f) => f.message), [], text);
    }), { numRuns: 400 });
  });
});
