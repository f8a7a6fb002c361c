import { head, yaml, type RuleCase } from '../helpers.js';

const statechain = (operators: number, threshold: string) => yaml`
  components:
    - id: op
      kind: operator
      operators: ${operators}
      threshold: ${threshold}
  pegs:
    - id: coins
      custody: n-of-n-covenant
      signers: op
  finality:
    provableKeyDeletion: false
`;

export const finalityCases: RuleCase[] = [
  {
    id: 'L2S-FIN-001', severity: 'medium', name: 'state roots anchored, bridge does not finalise on them',
    spec: head('sidechain') + yaml`
      l1:
        settlement: anchored
        anchoring:
          what: [state-roots]
          interval: 1h
          bridgeFinalizesOnAnchor: false
      pegs:
        - id: main
          custody: federation-multisig
    `,
    at: { line: 'bridgeFinalizesOnAnchor: false', token: 'false' },
    negatives: [
      [['bridgeFinalizesOnAnchor: false', 'bridgeFinalizesOnAnchor: true']],
      [['what: [state-roots]', 'what: [merge-mining]']],
      // Users who exit with their own transaction (Ark, channels) wait for no bridge to pay out.
      [['custody: federation-multisig', 'custody: unilateral']],
    ],
  },
  {
    id: 'L2S-FIN-002', severity: 'high', name: 'federation finality',
    spec: head('sidechain') + yaml`
      finality:
        source: federation
    `,
    at: { line: 'source: federation', token: 'federation' },
    negatives: [[['source: federation', 'source: alt-consensus']]],
  },
  {
    id: 'L2S-FIN-003', severity: 'critical', name: 'single-operator finality',
    spec: head('rollup') + yaml`
      finality:
        source: single-operator
    `,
    at: { line: 'source: single-operator', token: 'single-operator' },
    negatives: [[['source: single-operator', 'source: bitcoin']]],
  },
  {
    id: 'L2S-FIN-004', severity: 'critical', name: 'one statechain operator, unprovable deletion',
    spec: head('statechain') + statechain(1, '1-of-1'),
    at: { line: 'provableKeyDeletion: false', token: 'false' },
    related: ['components.0'],
    negatives: [[['provableKeyDeletion: false', 'provableKeyDeletion: true']], [['operators: 1', 'operators: 3'], ['1-of-1', '2-of-3']]],
  },
  {
    id: 'L2S-FIN-005', severity: 'high', name: 'a 2-of-3 statechain operator, unprovable deletion',
    spec: head('statechain') + statechain(3, '2-of-3'),
    at: { line: 'provableKeyDeletion: false', token: 'false' },
    related: ['components.0'],
    negatives: [[['provableKeyDeletion: false', 'provableKeyDeletion: true']], [['operators: 3', 'operators: 1'], ['2-of-3', '1-of-1']]],
  },
];
