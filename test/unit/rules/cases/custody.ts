import { head, yaml, type RuleCase } from '../helpers.js';

const fed = (operators: number, threshold: string, external: number, publiclyKnown = 'all') => yaml`
  components:
    - id: fed
      kind: federation
      operators: ${operators}
      threshold: ${threshold}
      external: ${external}
      publiclyKnown: ${publiclyKnown}
`;

/** The spec header in format 2 (shares of stake or voting power are a format 2 notation). */
const head2 = (family?: string) => head(family).replace('l2spec: 1', 'l2spec: 2');

export const custodyCases: RuleCase[] = [
  {
    id: 'L2S-CUST-001', severity: 'critical', name: 'a single custodian holds the peg',
    spec: head('wrapped-btc') + yaml`
      pegs:
        - id: wbtc
          custody: single-custodian
    `,
    at: { line: 'custody: single-custodian', token: 'single-custodian' },
    negatives: [[['single-custodian', 'federation-multisig']]],
  },
  {
    id: 'L2S-CUST-001', severity: 'critical', name: 'a 1-of-3 threshold lets any key move the funds',
    spec: head('sidechain') + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          threshold: 1-of-3
    `,
    at: { line: 'threshold: 1-of-3', token: '1-of-3' },
    fix: { path: 'pegs.0.threshold', value: '2-of-3' },
    negatives: [[['1-of-3', '2-of-3']], [['federation-multisig', 'unilateral']]],
  },
  {
    id: 'L2S-CUST-002', severity: 'critical', name: 'peg signers only partly disclosed',
    spec: head('sidechain') + fed(9, '7-of-9', 9, 'partial') + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          signers: fed
    `,
    at: { line: 'signers: fed', token: 'fed' },
    related: ['components.0.publiclyKnown'],
    negatives: [[['publiclyKnown: partial', 'publiclyKnown: all']], [['federation-multisig', 'bitvm']]],
  },
  {
    id: 'L2S-CUST-002', severity: 'medium', name: 'an inline signer set that does not declare disclosure',
    spec: head('sidechain') + yaml`
      pegs:
        - id: main
          custody: threshold-signature
          signers:
            operators: 7
            threshold: 5-of-7
    `,
    at: { line: 'signers:', token: 'signers' },
    negatives: [[['threshold: 5-of-7', 'threshold: 5-of-7\n      publiclyKnown: all']]],
  },
  {
    id: 'L2S-CUST-003', severity: 'critical', name: 'three signers, below the floor of five',
    spec: head('sidechain') + fed(3, '3-of-3', 3) + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          signers: fed
    `,
    at: { line: 'signers: fed', token: 'fed' },
    related: ['components.0.operators'],
    negatives: [[['operators: 3', 'operators: 5'], ['threshold: 3-of-3', 'threshold: 4-of-5'], ['external: 3', 'external: 4']]],
  },
  {
    id: 'L2S-CUST-003', severity: 'critical', name: 'seven signers but only two external',
    spec: head('sidechain') + fed(7, '5-of-7', 2) + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          signers: fed
    `,
    at: { line: 'signers: fed', token: 'fed' },
    related: ['components.0.external'],
    negatives: [[['external: 2', 'external: 4']]],
  },
  {
    id: 'L2S-CUST-004', severity: 'medium', name: 'users cannot exit unilaterally',
    spec: head('sidechain') + yaml`
      exits:
        unilateral: false
        mechanism: federation-peg-out
    `,
    at: { line: 'unilateral: false', token: 'false' },
    negatives: [[['unilateral: false', 'unilateral: true']], [['  unilateral: false\n', ''], ['federation-peg-out', 'force-close']]],
  },
  {
    id: 'L2S-CUST-005', severity: 'high', name: '2-of-5 lets a minority move the funds',
    spec: head('sidechain') + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          threshold: 2-of-5
    `,
    at: { line: 'threshold: 2-of-5', token: '2-of-5' },
    fix: { path: 'pegs.0.threshold', value: '4-of-5' },
    negatives: [[['2-of-5', '3-of-5']]],
  },
  {
    id: 'L2S-CUST-006', severity: 'medium', name: '5-of-9 is a majority but under two thirds',
    spec: head('merge-mined-sidechain') + fed(9, '5-of-9', 9) + yaml`
      pegs:
        - id: rbtc
          custody: federation-multisig
          signers: fed
    `,
    at: { line: 'signers: fed', token: 'fed' },
    related: ['components.0.threshold'],
    fix: { path: 'components.0.threshold', value: '6-of-9' },
    negatives: [[['5-of-9', '6-of-9']], [['5-of-9', '4-of-9']]],
  },
  // A threshold is one notion however it is written (issue 22, item 1): shares of stake or voting
  // power are read by the same rules as m-of-n.
  {
    id: 'L2S-CUST-001', severity: 'critical', name: '1% of stake among 20 validators: the largest holds at least 5%, so one signs alone',
    spec: head2('pos-sidechain') + yaml`
      components:
        - id: val
          kind: validators
          operators: 20
          external: 20
          publiclyKnown: all
      pegs:
        - id: main
          custody: threshold-signature
          signers: val
          threshold: 1% of stake
    `,
    at: { line: 'threshold: 1% of stake', token: '1% of stake' },
    fix: { path: 'pegs.0.threshold', value: '2/3 of stake' },
    negatives: [[['1% of stake', '67% of stake']], [['operators: 20', 'operators: 5'], ['external: 20', 'external: 5'], ['1% of stake', '21% of stake']]],
  },
  {
    id: 'L2S-CUST-001', severity: 'critical', name: 'a proof-of-stake peg released by 1/25 of the voting power of 25 validators',
    spec: head2('pos-sidechain') + yaml`
      components:
        - id: val
          kind: validators
          operators: 25
          threshold: 1/25 of voting power
          external: 25
          publiclyKnown: all
          stakeBtc: 5000
      pegs:
        - id: main
          custody: pos-stake
          signers: val
          valueAtRiskBtc: 100
    `,
    at: { line: 'signers: val', token: 'val' },
    related: ['components.0.threshold'],
    fix: { path: 'components.0.threshold', value: '2/3 of voting power' },
    negatives: [[['1/25 of voting power', '2/3 of voting power']], [['1/25 of voting power', '2/25 of voting power']]],
  },
  {
    id: 'L2S-CUST-005', severity: 'high', name: '10% of voting power is a minority, whatever the set size',
    spec: head2('sidechain') + yaml`
      pegs:
        - id: main
          custody: threshold-signature
          threshold: 10% of voting power
    `,
    at: { line: 'threshold: 10% of voting power', token: '10% of voting power' },
    fix: { path: 'pegs.0.threshold', value: '2/3 of voting power' },
    negatives: [[['10% of voting power', '50% of voting power']], [['10% of voting power', '5-of-9']]],
  },
  {
    id: 'L2S-CUST-005', severity: 'high', name: '1/3 of stake on a set of 12 signers is a minority (at most 4 of them)',
    spec: head2('sidechain') + fed(12, '1/3 of stake', 12) + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          signers: fed
    `,
    at: { line: 'signers: fed', token: 'fed' },
    related: ['components.0.threshold'],
    fix: { path: 'components.0.threshold', value: '2/3 of stake' },
    negatives: [[['1/3 of stake', '8-of-12']], [['1/3 of stake', '1/12 of stake']]],
  },
  {
    id: 'L2S-CUST-006', severity: 'medium', name: '55% of stake is a majority but under two thirds',
    spec: head2('sidechain') + yaml`
      pegs:
        - id: main
          custody: threshold-signature
          threshold: 55% of stake
    `,
    at: { line: 'threshold: 55% of stake', token: '55% of stake' },
    fix: { path: 'pegs.0.threshold', value: '2/3 of stake' },
    negatives: [[['55% of stake', '2/3 of stake']], [['55% of stake', '66.7% of stake']], [['55% of stake', '45% of stake']]],
  },
  {
    id: 'L2S-CUST-007', severity: 'high', name: 'a federation peg without emergency recovery',
    spec: head('sidechain') + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          threshold: 11-of-15
          emergencyRecovery: none
    `,
    at: { line: 'emergencyRecovery: none', token: 'none' },
    negatives: [[['emergencyRecovery: none', 'emergencyRecovery:\n      threshold: 11-of-15\n      timelock: 4032 blocks']], [['federation-multisig', 'unilateral']], [['federation-multisig', 'single-custodian']]],
  },
  {
    id: 'L2S-CUST-008', severity: 'high', name: 'a 2-of-3 emergency path behind 67% of the stake of 20 validators (14 of them at most)',
    spec: head2('pos-sidechain') + yaml`
      components:
        - id: val
          kind: validators
          operators: 20
      pegs:
        - id: main
          custody: threshold-signature
          signers: val
          threshold: 67% of stake
          emergencyRecovery:
            threshold: 2-of-3
            timelock: 4032 blocks
    `,
    at: { line: 'threshold: 2-of-3', token: '2-of-3' },
    related: ['pegs.0.threshold'],
    negatives: [[['2-of-3', '14-of-15']], [['    operators: 20\n', '']]],
  },
  {
    id: 'L2S-CUST-008', severity: 'high', name: 'a 2-of-3 emergency path behind an 11-of-15 federation',
    spec: head('sidechain') + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          threshold: 11-of-15
          emergencyRecovery:
            threshold: 2-of-3
            timelock: 4032 blocks
    `,
    at: { line: 'threshold: 2-of-3', token: '2-of-3' },
    related: ['pegs.0.threshold'],
    negatives: [[['2-of-3', '11-of-15']]],
  },
  {
    id: 'L2S-CUST-009', severity: 'high', name: 'emergency keys usable after one day',
    spec: head('sidechain') + yaml`
      pegs:
        - id: main
          custody: federation-multisig
          threshold: 11-of-15
          emergencyRecovery:
            threshold: 11-of-15
            timelock: 144 blocks
    `,
    at: { line: 'timelock: 144 blocks', token: '144 blocks' },
    fix: { path: 'pegs.0.emergencyRecovery.timelock', value: '1008 blocks' },
    negatives: [[['144 blocks', '4032 blocks']]],
  },
  {
    id: 'L2S-CUST-010', severity: 'high', name: 'three permissioned BitVM challengers',
    spec: head('bitvm-bridge') + yaml`
      components:
        - id: watchers
          kind: challengers
          operators: 3
          external: 3
          publiclyKnown: all
      stateValidation:
        mechanism: bitvm
        challengers: watchers
    `,
    at: { line: 'challengers: watchers', token: 'watchers' },
    related: ['components.0.operators'],
    negatives: [[['kind: challengers', 'kind: challengers\n    permissionless: true']], [['family: bitvm-bridge', 'family: sidechain']]],
  },
  {
    id: 'L2S-CUST-011', severity: 'medium', name: 'seven admitted BitVM challengers, six external',
    spec: head('bitvm-bridge') + yaml`
      components:
        - id: watchers
          kind: challengers
          operators: 7
          external: 6
          publiclyKnown: all
      stateValidation:
        mechanism: bitvm
        challengers: watchers
    `,
    at: { line: 'challengers: watchers', token: 'watchers' },
    related: ['components.0.permissionless'],
    negatives: [[['kind: challengers', 'kind: challengers\n    permissionless: true']], [['operators: 7', 'operators: 4']]],
  },
  {
    id: 'L2S-CUST-012', severity: 'high', name: 'stake worth less than the BTC it guards',
    spec: head('pos-sidechain') + yaml`
      pegs:
        - id: main
          custody: pos-stake
          collateralBtc: 100
          valueAtRiskBtc: 500
    `,
    at: { line: 'collateralBtc: 100', token: '100' },
    related: ['pegs.0.valueAtRiskBtc'],
    negatives: [[['collateralBtc: 100', 'collateralBtc: 600']]],
  },
  {
    id: 'L2S-CUST-014', severity: 'high', name: 'one party mints the token (format 2 controls)',
    spec: head('wrapped-btc') + yaml`
      pegs:
        - id: w
          custody: federation-multisig
          mintTrigger: light-client
          controls:
            mint: single-party
    `,
    at: { line: 'mint: single-party', token: 'single-party' },
    negatives: [[['mint: single-party', 'mint: multisig']]],
  },
  {
    id: 'L2S-CUST-013', severity: 'critical', name: 'undisclosed mint trigger',
    spec: head('wrapped-btc') + yaml`
      pegs:
        - id: wbtc
          mintTrigger: undisclosed
    `,
    at: { line: 'mintTrigger: undisclosed', token: 'undisclosed' },
    negatives: [[['undisclosed', 'light-client']]],
  },
  {
    id: 'L2S-CUST-014', severity: 'high', name: 'a single relayer mints',
    spec: head('wrapped-btc') + yaml`
      pegs:
        - id: wbtc
          mintTrigger: single-relayer
    `,
    at: { line: 'mintTrigger: single-relayer', token: 'single-relayer' },
    negatives: [[['single-relayer', 'light-client']]],
  },
  {
    id: 'L2S-CUST-015', severity: 'medium', name: 'a federation relay mints',
    spec: head('wrapped-btc') + yaml`
      pegs:
        - id: wbtc
          mintTrigger: federation
    `,
    at: { line: 'mintTrigger: federation', token: 'federation' },
    negatives: [[['mintTrigger: federation', 'mintTrigger: user-proof']]],
  },
  {
    id: 'L2S-CUST-016', severity: 'medium', name: 'peg-outs only to whitelisted addresses',
    spec: head('sidechain') + yaml`
      pegs:
        - id: lbtc
          custody: federation-multisig
          withdrawalsPermissioned: true
    `,
    at: { line: 'withdrawalsPermissioned: true', token: 'true' },
    negatives: [[['withdrawalsPermissioned: true', 'withdrawalsPermissioned: false']]],
  },
];
