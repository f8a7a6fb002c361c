import { head, yaml, type RuleCase } from '../helpers.js';

export const transparencyCases: RuleCase[] = [
  {
    id: 'L2S-TRN-001', severity: 'critical', name: 'closed-source node',
    spec: head('sidechain') + yaml`
      transparency:
        nodeSource: closed
    `,
    at: { line: 'nodeSource: closed', token: 'closed' },
    negatives: [[['nodeSource: closed', 'nodeSource: open']], [['nodeSource: closed', 'nodeSource: source-available']]],
  },
  {
    id: 'L2S-TRN-001', severity: 'critical', name: 'closed signer software on a component',
    spec: head('sidechain') + yaml`
      components:
        - id: fed
          kind: federation
          openSource: false
      transparency:
        nodeSource: open
    `,
    at: { line: 'openSource: false', token: 'false' },
    negatives: [[['openSource: false', 'openSource: true']]],
  },
  {
    id: 'L2S-TRN-001', severity: 'medium', name: 'node software openness not declared',
    spec: head('sidechain') + yaml`
      transparency:
        audits: [Example audit 2025]
    `,
    at: { line: 'transparency:', token: 'transparency' },
    negatives: [[['audits: [Example audit 2025]', 'nodeSource: source-available']], [['family: sidechain', 'family: wrapped-btc']]],
  },
  {
    id: 'L2S-TRN-002', severity: 'critical', name: 'unverified contracts',
    spec: head('wrapped-btc') + yaml`
      l1:
        host: ethereum
      transparency:
        contractsVerified: false
    `,
    at: { line: 'contractsVerified: false', token: 'false' },
    negatives: [[['contractsVerified: false', 'contractsVerified: true']]],
  },
  {
    id: 'L2S-TRN-003', severity: 'low', name: 'a "zk-rollup" that only anchors',
    spec: head('sidechain', ['l2', 'zk-rollup']) + yaml`
      l1:
        settlement: anchored
      stateValidation:
        mechanism: validity-proofs
    `,
    at: { line: 'claims: [l2, zk-rollup]', token: 'zk-rollup' },
    negatives: [[['settlement: anchored', 'settlement: direct']], [['claims: [l2, zk-rollup]', 'claims: [l2, sidechain]']]],
  },
  {
    id: 'L2S-TRN-004', severity: 'low', name: 'a "trustless" federation peg',
    spec: head('sidechain', ['trustless']) + yaml`
      pegs:
        - id: main
          custody: federation-multisig
      exits:
        unilateral: false
    `,
    at: { line: 'claims: [trustless]', token: 'trustless' },
    negatives: [[['claims: [trustless]', 'claims: [sidechain]']], [['custody: federation-multisig', 'custody: bitvm']]],
  },
  {
    id: 'L2S-TRN-005', severity: 'medium', name: 'data held by another consensus, node openness not declared',
    // The other axes are declared, so the only fact a rating waits for is the node's openness.
    spec: head('sidechain') + yaml`
      components:
        - id: u
          kind: users
      exits:
        unilateral: true
      finality:
        source: federation
      dataAvailability:
        location: alt-consensus
    `,
    at: { line: 'dataAvailability:', token: 'dataAvailability' },
    negatives: [[['location: alt-consensus', 'location: bitcoin']], [['location: alt-consensus', 'location: alt-consensus\n  nodeOpenSource: true']]],
  },
  {
    id: 'L2S-TRN-010', severity: 'medium', name: 'a federation peg declared as direct settlement',
    spec: head('sidechain') + yaml`
      l1:
        host: bitcoin
        settlement: direct
      pegs:
        - id: main
          custody: federation-multisig
      exits:
        unilateral: false
    `,
    at: { line: 'settlement: direct', token: 'direct' },
    // Anchoring what the design gives is no overclaim; a peg users leave with Bitcoin transactions alone is direct.
    negatives: [[['settlement: direct', 'settlement: none']], [['custody: federation-multisig', 'custody: unilateral'], ['unilateral: false', 'unilateral: true\n  mechanism: force-close']]],
  },
  // Issue 18 item 9: a contradiction inside one spec is a finding on both places.
  ...((): RuleCase[] => {
    const spec = head('sidechain') + yaml`
      components:
        - id: fed
          kind: federation
          operators: 9
          threshold: 7-of-9
          publiclyKnown: all
          external: 9
      pegs:
        - id: p
          custody: federation-multisig
          signers: fed
          threshold: 6-of-9
    `;
    const negatives: Array<Array<[string, string]>> = [[['threshold: 6-of-9', 'threshold: 7-of-9']], [['    threshold: 6-of-9\n', '']]];
    return [
      { id: 'L2S-TRN-006', severity: 'high', name: 'a peg threshold that differs from its signer set\'s (on the peg)', spec, at: { line: 'threshold: 6-of-9', token: '6-of-9' }, related: ['components.0.threshold'], negatives },
      { id: 'L2S-TRN-006', severity: 'high', name: 'a peg threshold that differs from its signer set\'s (on the set)', spec, at: { line: 'threshold: 7-of-9', token: '7-of-9' }, related: ['pegs.0.threshold'], negatives },
    ];
  })(),
  ...((): RuleCase[] => {
    const spec = head('sidechain') + yaml`
      components:
        - id: fed
          kind: federation
          operators: 15
          publiclyKnown: all
      transparency:
        operatorsDisclosed: false
    `;
    const negatives: Array<Array<[string, string]>> = [[['operatorsDisclosed: false', 'operatorsDisclosed: true']], [['publiclyKnown: all', 'publiclyKnown: partial']]];
    return [
      { id: 'L2S-TRN-006', severity: 'high', name: 'operators declared undisclosed while the set says all are known (on the flag; the federated template did this)', spec, at: { line: 'operatorsDisclosed: false', token: 'false' }, related: ['components.0.publiclyKnown'], negatives },
      { id: 'L2S-TRN-006', severity: 'high', name: 'operators declared undisclosed while the set says all are known (on the set)', spec, at: { line: 'publiclyKnown: all', token: 'all' }, related: ['transparency.operatorsDisclosed'], negatives },
    ];
  })(),
  {
    id: 'L2S-TRN-006', severity: 'high', name: 'more external members than members',
    spec: head('sidechain') + yaml`
      components:
        - id: fed
          kind: federation
          operators: 4
          external: 6
    `,
    at: { line: 'external: 6', token: '6' },
    related: ['components.0.operators'],
    negatives: [[['external: 6', 'external: 4']]],
  },
  {
    id: 'L2S-TRN-006', severity: 'high', name: 'a unilateral exit mechanism on exits declared not unilateral',
    spec: head('payment-channel') + yaml`
      exits:
        unilateral: false
        mechanism: force-close
    `,
    at: { line: 'mechanism: force-close', token: 'force-close' },
    related: ['exits.unilateral'],
    negatives: [[['unilateral: false', 'unilateral: true']], [['mechanism: force-close', 'mechanism: federation-peg-out']]],
  },
  {
    id: 'L2S-TRN-006', severity: 'high', name: 'operatedBy: builder beside an external count (trial 2026-12-07b item 5)',
    spec: head('rollup') + yaml`
      components:
        - id: council
          kind: security-council
          operators: 8
          operatedBy: builder
          external: 3
    `,
    at: { line: 'external: 3', token: '3' },
    related: ['components.0.operatedBy'],
    negatives: [[['external: 3', 'external: 0']], [['    operatedBy: builder\n', '']]],
  },
  ...((): RuleCase[] => {
    const spec = head('rollup') + yaml`
      components:
        - id: council
          kind: security-council
          operators: 8
        - id: foundation
          kind: signer-set
          operators: 3
      governance:
        securityCouncil: council
        councilScope: provable-bugs
        upgradePaths:
          - id: emergency
            holder: council
            delay: instant
            scope: any
    `;
    const negatives: Array<Array<[string, string]>> = [[['scope: any', 'scope: provable-bugs']], [['councilScope: provable-bugs', 'councilScope: emergency-only']], [['holder: council', 'holder: foundation']]];
    return [
      { id: 'L2S-TRN-006', severity: 'high', name: 'councilScope: provable-bugs beside a council path with scope: any (on the council scope; trial 2026-12-07b item 4)', spec, at: { line: 'councilScope: provable-bugs', token: 'provable-bugs' }, related: ['governance.upgradePaths.0.scope'], negatives },
      { id: 'L2S-TRN-006', severity: 'high', name: 'councilScope: provable-bugs beside a council path with scope: any (on the path)', spec, at: { line: 'scope: any', token: 'any' }, related: ['governance.councilScope'], negatives },
    ];
  })(),
];
