import { head, yaml, type RuleCase } from '../helpers.js';

const challengers = (operators: number, external: number) => yaml`
  components:
    - id: ch
      kind: challengers
      operators: ${operators}
      external: ${external}
      publiclyKnown: all
  stateValidation:
    mechanism: fraud-proofs
    challengers: ch
`;

export const validationCases: RuleCase[] = [
  {
    id: 'L2S-PROOF-001', severity: 'critical', name: 'a contract bridge paying out on unvalidated state',
    spec: head('rollup') + yaml`
      pegs:
        - id: bridge
          custody: smart-contract
      stateValidation:
        mechanism: none
    `,
    at: { line: 'mechanism: none', token: 'none' },
    negatives: [[['mechanism: none', 'mechanism: validity-proofs']], [['custody: smart-contract', 'custody: bitvm'], ['mechanism: none', 'challengePeriod: 7d']], [['custody: smart-contract', 'custody: federation-multisig'], ['family: rollup', 'family: sidechain']]],
  },
  {
    id: 'L2S-PROOF-002', severity: 'high', name: 'three permissioned fraud-proof challengers',
    spec: head('rollup') + challengers(3, 3),
    at: { line: 'challengers: ch', token: 'ch' },
    related: ['components.0.operators'],
    negatives: [[['kind: challengers', 'kind: challengers\n    permissionless: true']], [['operators: 3', 'operators: 6'], ['external: 3', 'external: 5']]],
  },
  {
    id: 'L2S-PROOF-003', severity: 'medium', name: 'six admitted challengers, five external',
    spec: head('rollup') + challengers(6, 5),
    at: { line: 'challengers: ch', token: 'ch' },
    related: ['components.0.permissionless'],
    negatives: [[['kind: challengers', 'kind: challengers\n    permissionless: true']]],
  },
  {
    id: 'L2S-PROOF-004', severity: 'critical', name: 'closed-source prover',
    spec: head('rollup') + yaml`
      stateValidation:
        mechanism: validity-proofs
        proverSource: closed
    `,
    at: { line: 'proverSource: closed', token: 'closed' },
    negatives: [[['proverSource: closed', 'proverSource: open']]],
  },
  {
    id: 'L2S-PROOF-005', severity: 'info', name: 'SNARK validity proofs',
    spec: head('rollup') + yaml`
      stateValidation:
        mechanism: validity-proofs
        proofSystem: snark
    `,
    at: { line: 'proofSystem: snark', token: 'snark' },
    negatives: [[['proofSystem: snark', 'proofSystem: stark']]],
  },
];
