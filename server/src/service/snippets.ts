// Whole-design snippets offered at the top of an empty spec, and the conversion of the schema's
// `defaultSnippets` (JSON bodies with ${…} placeholders) into YAML snippet text.

export interface DesignSnippet {
  label: string;
  detail: string;
  /** Snippet text (VS Code snippet syntax), starting with `l2spec: 1`. */
  body: string;
}

const lines = (...l: string[]): string => l.join('\n');

export const designSnippets: DesignSnippet[] = [
  {
    label: 'design: payment channel',
    detail: 'Two-party channels with force-close, penalty and watchtowers (Lightning-style)',
    body: lines(
      'l2spec: 1',
      'system:',
      '  name: ${1:My payment channel network}',
      '  family: payment-channel',
      '  claims: [bitcoin-l2]',
      '  description: Two parties lock BTC in a 2-of-2 output and update balances off-chain.',
      'l1:',
      '  host: bitcoin',
      '  settlement: direct',
      'components:',
      '  - id: channel-peers',
      '    kind: users',
      '    name: Channel counterparties',
      '    operators: 2',
      '    threshold: 2-of-2',
      '  - id: watchtowers',
      '    kind: watchtowers',
      '    permissionless: true',
      '    openSource: true',
      'pegs:',
      '  - id: funding-output',
      '    asset: BTC',
      '    custody: unilateral',
      '    signers: channel-peers',
      '    threshold: 2-of-2',
      'exits:',
      '  unilateral: true',
      '  mechanism: force-close',
      '  delay: ${2:144 blocks}',
      '  watchtowers:',
      '    required: true',
      '    set: watchtowers',
      '    permissionless: true',
      'dataAvailability:',
      '  location: self-hosted',
      '  backup: ${3|true,false|}',
      'stateValidation:',
      '  mechanism: penalty',
      'finality:',
      '  source: user-held',
      'governance:',
      '  upgradeable: false',
      'transparency:',
      '  nodeSource: open',
      '$0',
    ),
  },
  {
    label: 'design: federated sidechain',
    detail: 'A federation runs the chain and holds the peg in an m-of-n multisig (Liquid-style)',
    body: lines(
      'l2spec: 1',
      'system:',
      '  name: ${1:My federated sidechain}',
      '  family: sidechain',
      '  claims: [sidechain]',
      'l1:',
      '  host: bitcoin',
      '  settlement: none',
      'components:',
      '  - id: functionaries',
      '    kind: federation',
      '    name: Federation members',
      '    operators: ${2:15}',
      '    threshold: ${3:11-of-15}',
      '    external: ${4:15}',
      '    publiclyKnown: ${5|all,partial,none|}',
      '    hsm: true',
      '    openSource: true',
      '  - id: emergency-keys',
      '    kind: signer-set',
      '    operators: 3',
      '    threshold: 2-of-3',
      '    publiclyKnown: partial',
      'pegs:',
      '  - id: btc-peg',
      '    asset: ${6:L-BTC}',
      '    custody: federation-multisig',
      '    signers: functionaries',
      '    pegInConfirmations: 102',
      '    withdrawalsPermissioned: true',
      '    emergencyRecovery:',
      '      signers: emergency-keys',
      '      threshold: 2-of-3',
      '      timelock: ${7:4032 blocks}',
      'exits:',
      '  unilateral: false',
      '  mechanism: federation-peg-out',
      'dataAvailability:',
      '  location: alt-consensus',
      '  nodeOpenSource: true',
      '  permissionedAccess: true',
      'stateValidation:',
      '  mechanism: consensus',
      'finality:',
      '  source: federation',
      'governance:',
      '  upgradeable: true',
      '  upgradeDelay: ${8:30 days}',
      'transparency:',
      '  nodeSource: open',
      '$0',
    ),
  },
  {
    label: 'design: BitVM rollup',
    detail: 'A ZK rollup posting proofs and state diffs to Bitcoin, with a BitVM bridge (Citrea/Clementine-style)',
    body: lines(
      'l2spec: 1',
      'system:',
      '  name: ${1:My BitVM rollup}',
      '  family: bitvm-rollup',
      '  claims: [zk-rollup, bitcoin-l2]',
      'l1:',
      '  host: bitcoin',
      '  settlement: direct',
      '  anchoring:',
      '    what: [validity-proofs, state-diffs]',
      '    interval: 6 blocks',
      '    bridgeFinalizesOnAnchor: true',
      'components:',
      '  - id: sequencer',
      '    kind: sequencer',
      '    operators: 1',
      '    openSource: true',
      '  - id: bridge-signers',
      '    kind: signer-set',
      '    name: Key-deletion covenant signers',
      '    operators: ${2:10}',
      '    threshold: ${3:10-of-10}',
      '    external: 5',
      '    publiclyKnown: all',
      '  - id: challengers',
      '    kind: challengers',
      '    permissionless: ${4|true,false|}',
      '  - id: council',
      '    kind: security-council',
      '    operators: 8',
      '    threshold: 6-of-8',
      '    external: 5',
      '    publiclyKnown: all',
      'pegs:',
      '  - id: bitvm-bridge',
      '    asset: ${5:cBTC}',
      '    custody: bitvm',
      '    signers: bridge-signers',
      '    depositSizeBtc: 10',
      '    mintTrigger: light-client',
      '    upgrade:',
      '      authority: council',
      '      delay: ${6:30 days}',
      'exits:',
      '  unilateral: false',
      '  mechanism: bitvm-payout',
      '  delay: 2 weeks',
      '  forcedInclusion:',
      '    mode: force-via-l1',
      '    maxDelay: 1d',
      '  proposerFallback: escape-hatch',
      '  watchtowers:',
      '    required: true',
      '    permissionless: true',
      'dataAvailability:',
      '  location: bitcoin',
      '  nodeOpenSource: true',
      'stateValidation:',
      '  mechanism: bitvm',
      '  challengers: challengers',
      '  challengePeriod: 2 weeks',
      '  proofSystem: snark',
      '  proverSource: open',
      'finality:',
      '  source: bitcoin',
      'governance:',
      '  upgradeable: true',
      '  upgradeDelay: ${6}',
      '  securityCouncil: council',
      '  councilScope: emergency-only',
      'transparency:',
      '  nodeSource: open',
      '  contractsVerified: true',
      '$0',
    ),
  },
  {
    label: 'design: Ark',
    detail: 'An operator batches users into shared outputs; users hold VTXOs with a unilateral exit',
    body: lines(
      'l2spec: 1',
      'system:',
      '  name: ${1:My Ark}',
      '  family: ark',
      '  claims: [bitcoin-l2]',
      'l1:',
      '  host: bitcoin',
      '  settlement: direct',
      'components:',
      '  - id: ark-operator',
      '    kind: operator',
      '    name: Ark service provider',
      '    operators: 1',
      '    publiclyKnown: all',
      '    openSource: true',
      'pegs:',
      '  - id: vtxo-batches',
      '    asset: BTC',
      '    custody: unilateral',
      '    signers: ark-operator',
      'exits:',
      '  unilateral: true',
      '  mechanism: unilateral-vtxo-exit',
      '  delay: ${2:144 blocks}',
      '  vtxoExpiry: ${3:4 weeks}',
      '  outOfRoundTrusted: ${4|true,false|}',
      'dataAvailability:',
      '  location: self-hosted',
      '  backup: true',
      'stateValidation:',
      '  mechanism: client-side',
      'finality:',
      '  source: user-held',
      'governance:',
      '  upgradeable: false',
      'transparency:',
      '  nodeSource: open',
      '$0',
    ),
  },
  {
    label: 'design: statechain',
    detail: 'A statechain entity co-signs UTXOs transferred off-chain; owners hold backup transactions',
    body: lines(
      'l2spec: 1',
      'system:',
      '  name: ${1:My statechain}',
      '  family: statechain',
      '  claims: [bitcoin-l2]',
      'l1:',
      '  host: bitcoin',
      '  settlement: direct',
      'components:',
      '  - id: statechain-entity',
      '    kind: operator',
      '    name: Statechain entity',
      '    operators: ${2:1}',
      '    publiclyKnown: all',
      '    hsm: true',
      '    openSource: true',
      'pegs:',
      '  - id: statecoins',
      '    asset: BTC',
      '    custody: unilateral',
      '    signers: statechain-entity',
      'exits:',
      '  unilateral: true',
      '  mechanism: statechain-backup-tx',
      '  delay: ${3:144 blocks}',
      'dataAvailability:',
      '  location: self-hosted',
      '  backup: true',
      'stateValidation:',
      '  mechanism: client-side',
      'finality:',
      '  source: single-operator',
      '  provableKeyDeletion: ${4|false,true|}',
      'governance:',
      '  upgradeable: false',
      'transparency:',
      '  nodeSource: open',
      '$0',
    ),
  },
];

/** The snippet text with every placeholder replaced by its default (first choice): what a user gets by pressing Tab through it. */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  let text = body.replace(/\$\{(\d+)\|([^,|}]*)[^}]*\|\}/g, (_m, n: string, first: string) => {
    defaults.set(n, first);
    return first;
  });
  for (let i = 0; i < 4; i++) {
    text = text.replace(/\$\{(\d+):([^${}]*)\}/g, (_m, n: string, value: string) => {
      defaults.set(n, value);
      return value;
    });
  }
  return text.replace(/\$\{(\d+)\}/g, (_m, n: string) => defaults.get(n) ?? '').replace(/\$(\d+)/g, '');
}

/** Turns a schema defaultSnippet body (JSON; strings starting with ^ are raw) into YAML snippet lines. */
export function snippetBodyToYaml(body: unknown, indent = ''): string[] {
  if (body === null || typeof body !== 'object') return [indent + scalar(body)];
  if (Array.isArray(body)) {
    if (body.length === 0) return [indent + '[]'];
    const out: string[] = [];
    for (const item of body) {
      const inner = snippetBodyToYaml(item, '');
      out.push(`${indent}- ${inner[0]!.trimStart()}`);
      for (const rest of inner.slice(1)) out.push(`${indent}  ${rest}`);
    }
    return out;
  }
  const out: string[] = [];
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object' && !(Array.isArray(value) && value.length === 0) && Object.keys(value).length > 0) {
      out.push(`${indent}${key}:`);
      out.push(...snippetBodyToYaml(value, `${indent}  `));
    } else {
      out.push(`${indent}${key}: ${Array.isArray(value) ? '[]' : value !== null && typeof value === 'object' ? '{}' : scalar(value)}`);
    }
  }
  return out;
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return value.startsWith('^') ? value.slice(1) : value;
  return String(value);
}
