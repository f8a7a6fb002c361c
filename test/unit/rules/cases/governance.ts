import { head, yaml, type RuleCase } from '../helpers.js';

const council = (operators: number, threshold: string, external: number) => yaml`
  components:
    - id: sc
      kind: security-council
      operators: ${operators}
      threshold: ${threshold}
      external: ${external}
      publiclyKnown: all
`;

export const governanceCases: RuleCase[] = [
  {
    id: 'L2S-GOV-001', severity: 'high', name: 'a 3-of-5 council with one outsider',
    spec: head('rollup') + council(5, '3-of-5', 1) + yaml`
      governance:
        securityCouncil: sc
        councilScope: provable-bugs
    `,
    at: { line: 'securityCouncil: sc', token: 'sc' },
    related: ['components.0.operators'],
    negatives: [[['operators: 5', 'operators: 12'], ['3-of-5', '9-of-12'], ['external: 1', 'external: 4']]],
  },
  {
    id: 'L2S-GOV-001', severity: 'high', name: 'a twelve-member council signing with 8-of-12 (67%)',
    spec: head('rollup') + council(12, '8-of-12', 6) + yaml`
      governance:
        securityCouncil: sc
    `,
    at: { line: 'securityCouncil: sc', token: 'sc' },
    related: ['components.0.threshold'],
    fix: { path: 'components.0.threshold', value: '9-of-12' },
    negatives: [[['8-of-12', '9-of-12']]],
  },
  {
    id: 'L2S-GOV-002', severity: 'medium', name: 'a council that may do anything',
    spec: head('rollup') + council(12, '9-of-12', 6) + yaml`
      governance:
        securityCouncil: sc
        councilScope: unlimited
    `,
    at: { line: 'councilScope: unlimited', token: 'unlimited' },
    fix: { path: 'governance.councilScope', value: 'provable-bugs' },
    negatives: [[['councilScope: unlimited', 'councilScope: provable-bugs']]],
  },
  {
    id: 'L2S-GOV-003', severity: 'medium', name: 'token upgradeable after 24 hours',
    spec: head('wrapped-btc') + yaml`
      governance:
        tokenUpgradeDelay: 24h
    `,
    at: { line: 'tokenUpgradeDelay: 24h', token: '24h' },
    fix: { path: 'governance.tokenUpgradeDelay', value: '48h' },
    negatives: [[['tokenUpgradeDelay: 24h', 'tokenUpgradeDelay: 48h']]],
  },
  {
    id: 'L2S-GOV-004', severity: 'high', name: 'one party can pause',
    spec: head('wrapped-btc') + yaml`
      governance:
        pause: single-party
    `,
    at: { line: 'pause: single-party', token: 'single-party' },
    negatives: [[['pause: single-party', 'pause: multisig']]],
  },
  {
    id: 'L2S-GOV-004', severity: 'high', name: 'one party can pause one token (format 2 controls)',
    spec: head('sidechain') + yaml`
      pegs:
        - id: w
          asset: wBTC
          custody: single-custodian
          controls:
            pause: single-party
    `,
    at: { line: 'pause: single-party', token: 'single-party' },
    negatives: [[['pause: single-party', 'pause: multisig']], [['pause: single-party', 'pause: { operators: 5, threshold: 3-of-5 }']]],
  },
  {
    id: 'L2S-GOV-005', severity: 'high', name: 'a one-member set can blacklist one token (format 2 controls)',
    spec: head('sidechain') + yaml`
      pegs:
        - id: w
          custody: single-custodian
          controls:
            blacklist: { name: Issuer, operators: 1 }
    `,
    at: { line: 'blacklist: { name: Issuer, operators: 1 }', token: '{ name: Issuer, operators: 1 }' },
    negatives: [[['operators: 1', 'operators: 4']], [['blacklist: { name: Issuer, operators: 1 }', 'blacklist: none']]],
  },
  {
    id: 'L2S-GOV-005', severity: 'high', name: 'one party can blacklist',
    spec: head('wrapped-btc') + yaml`
      governance:
        blacklist: single-party
    `,
    at: { line: 'blacklist: single-party', token: 'single-party' },
    negatives: [[['blacklist: single-party', 'blacklist: none']]],
  },
  {
    id: 'L2S-GOV-006', severity: 'medium', name: 'a rollup that does not say whether it is upgradeable',
    spec: head('rollup') + yaml`
      governance:
        pause: multisig
    `,
    at: { line: 'governance:', token: 'governance' },
    negatives: [[['pause: multisig', 'pause: multisig\n  upgradeable: false']], [['family: rollup', 'family: payment-channel']]],
  },
];
