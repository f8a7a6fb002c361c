import { head, yaml, type RuleCase } from '../helpers.js';

const dac = (operators: number, threshold: string, external: number, publiclyKnown: string) => yaml`
  components:
    - id: dac
      kind: da-committee
      operators: ${operators}
      threshold: ${threshold}
      external: ${external}
      publiclyKnown: ${publiclyKnown}
  dataAvailability:
    location: committee
    committee: dac
`;

export const daCases: RuleCase[] = [
  {
    id: 'L2S-DA-001', severity: 'critical', name: 'only the operator holds the data',
    spec: head('rollup') + yaml`
      dataAvailability:
        location: operator
    `,
    at: { line: 'location: operator', token: 'operator' },
    negatives: [[['location: operator', 'location: bitcoin']]],
  },
  {
    id: 'L2S-DA-001', severity: 'medium', name: 'data location not declared',
    spec: head('rollup') + yaml`
      dataAvailability:
        nodeOpenSource: true
    `,
    at: { line: 'dataAvailability:', token: 'dataAvailability' },
    negatives: [[['nodeOpenSource: true', 'location: self-hosted']], [['family: rollup', 'family: wrapped-btc']]],
  },
  {
    id: 'L2S-DA-002', severity: 'critical', name: 'committee members not publicly known',
    spec: head('rollup') + dac(7, '6-of-7', 6, 'none'),
    at: { line: 'committee: dac', token: 'dac' },
    related: ['components.0.publiclyKnown'],
    negatives: [[['publiclyKnown: none', 'publiclyKnown: all']]],
  },
  {
    id: 'L2S-DA-002', severity: 'critical', name: 'committee with three external members',
    spec: head('rollup') + dac(7, '6-of-7', 3, 'all'),
    at: { line: 'committee: dac', token: 'dac' },
    related: ['components.0.external'],
    negatives: [[['external: 3', 'external: 5']]],
  },
  {
    id: 'L2S-DA-003', severity: 'high', name: '5-of-7 committee: three of seven must be honest',
    spec: head('rollup') + dac(7, '5-of-7', 6, 'all'),
    at: { line: 'committee: dac', token: 'dac' },
    related: ['components.0.threshold'],
    fix: { path: 'components.0.threshold', value: '6-of-7' },
    negatives: [[['5-of-7', '6-of-7']]],
  },
  {
    id: 'L2S-DA-003', severity: 'high', name: 'committee of five members',
    spec: head('rollup') + dac(5, '5-of-5', 5, 'all'),
    at: { line: 'committee: dac', token: 'dac' },
    related: ['components.0.operators'],
    negatives: [[['operators: 5', 'operators: 6'], ['5-of-5', '5-of-6']]],
  },
  {
    id: 'L2S-DA-004', severity: 'high', name: 'external DA without a DA bridge',
    spec: head('rollup') + yaml`
      dataAvailability:
        location: external-da
        daBridge: false
    `,
    at: { line: 'daBridge: false', token: 'false' },
    negatives: [[['daBridge: false', 'daBridge: true']]],
  },
  {
    id: 'L2S-DA-005', severity: 'medium', name: 'a "Bitcoin L2" keeping data on its own consensus',
    spec: head('pos-sidechain', ['bitcoin-l2']) + yaml`
      dataAvailability:
        location: alt-consensus
        nodeOpenSource: true
    `,
    at: { line: 'location: alt-consensus', token: 'alt-consensus' },
    related: ['system.claims'],
    negatives: [[['claims: [bitcoin-l2]', 'claims: [sidechain]']], [['alt-consensus', 'bitcoin']]],
  },
  {
    id: 'L2S-DA-006', severity: 'high', name: 'alternative consensus with a closed full node',
    spec: head('pos-sidechain') + yaml`
      dataAvailability:
        location: alt-consensus
        nodeOpenSource: false
    `,
    at: { line: 'nodeOpenSource: false', token: 'false' },
    negatives: [[['nodeOpenSource: false', 'nodeOpenSource: true']]],
  },
  {
    id: 'L2S-DA-007', severity: 'medium', name: 'data only through operator-run nodes',
    spec: head('sidechain') + yaml`
      dataAvailability:
        location: alt-consensus
        permissionedAccess: true
    `,
    at: { line: 'permissionedAccess: true', token: 'true' },
    negatives: [[['permissionedAccess: true', 'permissionedAccess: false']]],
  },
  {
    id: 'L2S-DA-008', severity: 'medium', name: 'self-hosted channel state without backups',
    spec: head('payment-channel') + yaml`
      dataAvailability:
        location: self-hosted
        backup: false
    `,
    at: { line: 'backup: false', token: 'false' },
    negatives: [[['backup: false', 'backup: true']]],
  },
];
