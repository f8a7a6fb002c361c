// Whole designs: a well-built channel network and rollup trigger no trust rule at all, and a
// Liquid-like federation is reported at literal positions (independent of the case locator).
import assert from 'node:assert/strict';
import { analyzeClean, yaml } from './helpers.js';

const channel = yaml`
  l2spec: 1
  system:
    name: Channel network
    family: payment-channel
    claims: [l2]
  l1:
    host: bitcoin
    settlement: direct
  components:
    - id: peers
      kind: users
  pegs:
    - id: channel
      custody: unilateral
  exits:
    unilateral: true
    mechanism: force-close
    delay: 144 blocks
    watchtowers:
      required: false
      permissionless: true
  dataAvailability:
    location: self-hosted
    backup: true
  stateValidation:
    mechanism: penalty
  finality:
    source: user-held
  transparency:
    nodeSource: open
`;

const rollup = yaml`
  l2spec: 1
  system:
    name: Careful rollup
    family: rollup
    claims: [zk-rollup, bitcoin-l2]
  l1:
    host: bitcoin
    settlement: direct
    anchoring:
      what: [validity-proofs, state-diffs]
      bridgeFinalizesOnAnchor: true
  components:
    - id: seq
      kind: sequencer
      permissionless: true
    - id: sc
      kind: security-council
      operators: 12
      threshold: 9-of-12
      external: 6
      publiclyKnown: all
  pegs:
    - id: bridge
      custody: bitvm
  exits:
    unilateral: true
    mechanism: escape-hatch
    delay: 7d
    forcedInclusion:
      mode: force-via-l1
      maxDelay: 1d
    proposerFallback: self-propose
  dataAvailability:
    location: bitcoin
  stateValidation:
    mechanism: validity-proofs
    proofSystem: stark
    proverSource: open
    challengePeriod: 7d
    challengers:
      permissionless: true
  finality:
    source: bitcoin
  governance:
    upgradeable: true
    upgradeDelay: 45d
    securityCouncil: sc
    councilScope: provable-bugs
    pause: security-council
  transparency:
    nodeSource: open
`;

const liquidLike = yaml`
  l2spec: 1
  system:
    name: Federated sidechain
    family: sidechain
  components:
    - id: functionaries
      kind: federation
      operators: 15
      threshold: 11-of-15
      external: 15
      publiclyKnown: partial
  pegs:
    - id: lbtc
      custody: federation-multisig
      signers: functionaries
      emergencyRecovery:
        threshold: 2-of-3
        timelock: 4032 blocks
  finality:
    source: federation
`;

describe('trust rules on whole designs', () => {
  it('find nothing in a well-built channel network', () => {
    assert.deepEqual(analyzeClean(channel).map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  it('find nothing in a rollup that meets every criterion', () => {
    assert.deepEqual(analyzeClean(rollup).map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  it('report a federated sidechain at the exact spec positions', () => {
    const findings = analyzeClean(liquidLike);
    const at = (id: string) => findings.filter((f) => f.ruleId === id).map((f) => [f.severity, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character]);
    assert.deepEqual(at('L2S-CUST-002'), [['critical', 14, 13, 14, 26]]); // signers: functionaries
    assert.deepEqual(at('L2S-OPS-005'), [['high', 10, 19, 10, 26]]); // publiclyKnown: partial
    assert.deepEqual(at('L2S-CUST-008'), [['high', 16, 17, 16, 23]]); // emergency threshold 2-of-3
    assert.deepEqual(at('L2S-FIN-002'), [['high', 19, 10, 19, 20]]); // source: federation
    const weaker = findings.find((f) => f.ruleId === 'L2S-CUST-008')!;
    assert.match(weaker.message, /2-of-3.*11-of-15/);
    assert.deepEqual(weaker.related?.map((r) => [r.path, r.range.start.line, r.range.start.character]), [['components.0.threshold', 8, 15]]);
  });
});
