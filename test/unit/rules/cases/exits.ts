import { head, yaml, type RuleCase } from '../helpers.js';

const council = yaml`
  components:
    - id: sc
      kind: security-council
      operators: 12
      threshold: 9-of-12
      external: 6
      publiclyKnown: all
`;

export const exitsCases: RuleCase[] = [
  {
    id: 'L2S-EXIT-001', severity: 'high', name: 'a channel with a 40-block to_self_delay',
    spec: head('payment-channel') + yaml`
      exits:
        unilateral: true
        mechanism: force-close
        delay: 40 blocks
    `,
    at: { line: 'delay: 40 blocks', token: '40 blocks' },
    fix: { path: 'exits.delay', value: '144 blocks' },
    negatives: [[['40 blocks', '144 blocks']], [['family: payment-channel', 'family: sidechain'], ['force-close', 'federation-peg-out']]],
  },
  {
    id: 'L2S-EXIT-001', severity: 'high', name: 'a BitVM bridge with a 6-hour challenge period',
    spec: head('bitvm-bridge') + yaml`
      stateValidation:
        mechanism: bitvm
        challengePeriod: 6h
    `,
    at: { line: 'challengePeriod: 6h', token: '6h' },
    fix: { path: 'stateValidation.challengePeriod', value: '144 blocks' },
    negatives: [[['challengePeriod: 6h', 'challengePeriod: 7d']]],
  },
  {
    id: 'L2S-EXIT-002', severity: 'high', name: 'watchtowers required, none provisioned',
    spec: head('payment-channel') + yaml`
      exits:
        unilateral: true
        watchtowers:
          required: true
    `,
    at: { line: 'watchtowers:', token: 'watchtowers' },
    negatives: [[['required: true', 'required: true\n    permissionless: true']], [['required: true', 'required: false']]],
  },
  {
    id: 'L2S-EXIT-003', severity: 'medium', name: 'Ark VTXOs expire after four weeks',
    spec: head('ark') + yaml`
      exits:
        unilateral: true
        mechanism: unilateral-vtxo-exit
        vtxoExpiry: 4 weeks
    `,
    at: { line: 'vtxoExpiry: 4 weeks', token: '4 weeks' },
    negatives: [[['family: ark', 'family: statechain'], ['  vtxoExpiry: 4 weeks\n', '']]],
  },
  {
    id: 'L2S-EXIT-004', severity: 'medium', name: 'out-of-round payments trusted',
    spec: head('ark') + yaml`
      exits:
        vtxoExpiry: 4 weeks
        outOfRoundTrusted: true
    `,
    at: { line: 'outOfRoundTrusted: true', token: 'true' },
    negatives: [[['outOfRoundTrusted: true', 'outOfRoundTrusted: false']]],
  },
  {
    id: 'L2S-EXIT-005', severity: 'high', name: 'upgrade delay 7 days minus exit delay 5 days',
    spec: head('rollup') + yaml`
      exits:
        delay: 5d
      governance:
        upgradeable: true
        upgradeDelay: 7d
    `,
    at: { line: 'upgradeDelay: 7d', token: '7d' },
    related: ['exits.delay'],
    fix: { path: 'governance.upgradeDelay', value: '35d' },
    negatives: [[['upgradeDelay: 7d', 'upgradeDelay: 14d']], [['upgradeable: true', 'upgradeable: false'], ['  upgradeDelay: 7d\n', '']]],
  },
  {
    id: 'L2S-EXIT-005', severity: 'high', name: 'a peg whose signer set can be replaced after 2 days',
    spec: head('bitvm-bridge') + council + yaml`
      pegs:
        - id: bridge
          custody: bitvm
          upgrade:
            authority: sc
            delay: 2d
    `,
    at: { line: 'delay: 2d', token: '2d' },
    fix: { path: 'pegs.0.upgrade.delay', value: '30d' },
    negatives: [[['delay: 2d', 'delay: 10d']], [['authority: sc', 'authority: none']]],
  },
  {
    id: 'L2S-EXIT-006', severity: 'medium', name: 'a 9-day exit window',
    spec: head('rollup') + yaml`
      exits:
        delay: 5d
      governance:
        upgradeable: true
        upgradeDelay: 14d
    `,
    at: { line: 'upgradeDelay: 14d', token: '14d' },
    fix: { path: 'governance.upgradeDelay', value: '35d' },
    negatives: [[['upgradeDelay: 14d', 'upgradeDelay: 35d']], [['upgradeDelay: 14d', 'upgradeDelay: 7d']]],
  },
  {
    id: 'L2S-EXIT-007', severity: 'critical', name: 'instantly upgradeable rollup bridge with no council',
    spec: head('rollup') + council + yaml`
      pegs:
        - id: bridge
          custody: smart-contract
      governance:
        upgradeable: true
        upgradeDelay: instant
    `,
    at: { line: 'upgradeDelay: instant', token: 'instant' },
    fix: { path: 'governance.upgradeDelay', value: '30d' },
    negatives: [[['upgradeDelay: instant', 'upgradeDelay: instant\n  securityCouncil: sc']], [['upgradeDelay: instant', 'upgradeDelay: 45d']]],
  },
  {
    id: 'L2S-EXIT-007', severity: 'medium', name: 'a peg upgradeable by a 2-of-3 multisig with no delay declared',
    spec: head('bitvm-bridge') + yaml`
      components:
        - id: admins
          kind: signer-set
          operators: 3
          threshold: 2-of-3
      pegs:
        - id: bridge
          custody: bitvm
          upgrade:
            authority: admins
    `,
    at: { line: 'upgrade:', token: 'upgrade' },
    related: ['components.0'],
    negatives: [[['authority: admins', 'authority: none']]],
  },
];
