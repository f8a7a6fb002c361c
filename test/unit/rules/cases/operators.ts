import { head, yaml, type RuleCase } from '../helpers.js';

const validators = (operators: number, external: number, publiclyKnown: string) => yaml`
  components:
    - id: validators
      kind: validators
      operators: ${operators}
      external: ${external}
      publiclyKnown: ${publiclyKnown}
`;

export const operatorsCases: RuleCase[] = [
  {
    id: 'L2S-OPS-001', severity: 'critical', name: 'one sequencer, no forced inclusion',
    spec: head('rollup') + yaml`
      components:
        - id: seq
          kind: sequencer
          operators: 1
      exits:
        forcedInclusion:
          mode: none
    `,
    at: { line: 'mode: none', token: 'none' },
    related: ['components.0'],
    negatives: [[['mode: none', 'mode: force-via-l1']], [['operators: 1', 'operators: 3']]],
  },
  {
    id: 'L2S-OPS-002', severity: 'high', name: 'a rollup with three sequencers and no forced inclusion',
    spec: head('rollup') + yaml`
      components:
        - id: seqs
          kind: sequencer
          operators: 3
      exits:
        forcedInclusion:
          mode: none
    `,
    at: { line: 'mode: none', token: 'none' },
    negatives: [[['mode: none', 'mode: self-sequence']], [['family: rollup', 'family: pos-sidechain']]],
  },
  {
    id: 'L2S-OPS-003', severity: 'medium', name: 'forced inclusion only enqueues',
    spec: head('rollup') + yaml`
      exits:
        forcedInclusion:
          mode: enqueue
    `,
    at: { line: 'mode: enqueue', token: 'enqueue' },
    negatives: [[['mode: enqueue', 'mode: force-via-l1']]],
  },
  {
    id: 'L2S-OPS-004', severity: 'medium', name: 'forced inclusion without a maximum delay',
    spec: head('rollup') + yaml`
      exits:
        forcedInclusion:
          mode: force-via-l1
    `,
    at: { line: 'forcedInclusion:', token: 'forcedInclusion' },
    negatives: [[['mode: force-via-l1', 'mode: force-via-l1\n    maxDelay: 1d']]],
  },
  {
    id: 'L2S-OPS-005', severity: 'high', name: 'validators only partly disclosed',
    spec: head('pos-sidechain') + validators(7, 7, 'partial'),
    at: { line: 'publiclyKnown: partial', token: 'partial' },
    negatives: [[['publiclyKnown: partial', 'publiclyKnown: all']], [['publiclyKnown: partial', 'publiclyKnown: partial\n    permissionless: true']]],
  },
  {
    id: 'L2S-OPS-006', severity: 'high', name: 'three validators',
    spec: head('pos-sidechain') + validators(3, 3, 'all'),
    at: { line: 'operators: 3', token: '3' },
    negatives: [[['operators: 3', 'operators: 7'], ['external: 3', 'external: 6']]],
  },
  {
    id: 'L2S-OPS-006', severity: 'high', name: 'seven validators, four external',
    spec: head('pos-sidechain') + validators(7, 4, 'all'),
    at: { line: 'external: 4', token: '4' },
    negatives: [[['external: 4', 'external: 5']]],
  },
  {
    id: 'L2S-OPS-007', severity: 'high', name: 'merge-mined by 40% of the hashrate',
    spec: head('merge-mined-sidechain') + yaml`
      components:
        - id: miners
          kind: miners
          hashrateShare: 0.4
    `,
    at: { line: 'hashrateShare: 0.4', token: '0.4' },
    negatives: [[['hashrateShare: 0.4', 'hashrateShare: 0.6']]],
  },
  {
    id: 'L2S-OPS-008', severity: 'high', name: 'whitelisted proposer without a fallback',
    spec: head('rollup') + yaml`
      components:
        - id: proposer
          kind: proposer
          operators: 1
      exits:
        proposerFallback: none
    `,
    at: { line: 'proposerFallback: none', token: 'none' },
    related: ['components.0'],
    negatives: [[['proposerFallback: none', 'proposerFallback: self-propose']], [['operators: 1', 'operators: 1\n    permissionless: true']]],
  },
  {
    id: 'L2S-OPS-009', severity: 'medium', name: 'proposer replaced only by governance',
    spec: head('rollup') + yaml`
      exits:
        proposerFallback: governance
    `,
    at: { line: 'proposerFallback: governance', token: 'governance' },
    negatives: [[['proposerFallback: governance', 'proposerFallback: escape-hatch']]],
  },
];
