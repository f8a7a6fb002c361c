// Generates a large, valid l2spec (format v1) of about `lines` lines for benchmarks and stress
// tests: a federated-peg design with many signer sets, committees and pegs that reference them,
// deterministic for a given size.

const KINDS = ['federation', 'signer-set', 'da-committee', 'watchtowers', 'challengers', 'security-council', 'validators', 'relayer'] as const;
const CUSTODY = ['federation-multisig', 'threshold-signature', 'bitvm', 'n-of-n-covenant'] as const;
const DISCLOSURE = ['all', 'partial', 'none'] as const;

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same text. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADER = [
  '# Generated l2spec benchmark design: a federated peg with many signer sets.',
  'l2spec: 1',
  'system:',
  '  name: Generated federated network',
  '  family: sidechain',
  '  claims: [sidechain, bitcoin-l2]',
  '  description: A large synthetic design used to measure analysis and editor latency.',
  'l1:',
  '  host: bitcoin',
  '  settlement: anchored',
  '  anchoring:',
  '    what: [checkpoints, state-roots]',
  '    interval: 6 blocks',
  '    bridgeFinalizesOnAnchor: false',
  'exits:',
  '  unilateral: false',
  '  mechanism: federation-peg-out',
  '  delay: 288 blocks',
  '  forcedInclusion:',
  '    mode: enqueue',
  '    maxDelay: 2d',
  '  proposerFallback: governance',
  'dataAvailability:',
  '  location: committee',
  '  committee: component-2',
  '  nodeOpenSource: true',
  'stateValidation:',
  '  mechanism: fraud-proofs',
  '  challengers: component-4',
  '  challengePeriod: 7d',
  '  proofSystem: interactive',
  'finality:',
  '  source: federation',
  'governance:',
  '  upgradeable: true',
  '  upgradeDelay: 14 days',
  '  securityCouncil: component-5',
  '  councilScope: emergency-only',
  '  pause: security-council',
  '  blacklist: none',
  'transparency:',
  '  nodeSource: open',
  '  contractsVerified: true',
  '  operatorsDisclosed: true',
  '  audits: [Example audit 2025]',
];

function component(i: number, rnd: () => number): string[] {
  const kind = KINDS[i % KINDS.length]!;
  const n = 3 + Math.floor(rnd() * 13);
  const m = Math.max(1, Math.ceil(n * (0.5 + rnd() * 0.4)));
  return [
    `  - id: component-${i}`,
    `    kind: ${kind}`,
    `    name: Generated ${kind} ${i}`,
    `    operators: ${n}`,
    `    threshold: ${m}-of-${n}`,
    `    external: ${Math.floor(rnd() * (n + 1))}`,
    `    publiclyKnown: ${DISCLOSURE[Math.floor(rnd() * DISCLOSURE.length)]}`,
    `    openSource: ${rnd() > 0.2}`,
    `    hsm: ${rnd() > 0.5}`,
  ];
}

function peg(i: number, components: number, rnd: () => number): string[] {
  const signer = Math.floor(rnd() * components);
  const recovery = Math.floor(rnd() * components);
  return [
    `  - id: peg-${i}`,
    `    asset: BTC-${i}`,
    `    custody: ${CUSTODY[i % CUSTODY.length]}`,
    `    signers: component-${signer}`,
    `    pegInConfirmations: ${6 + Math.floor(rnd() * 100)}`,
    '    emergencyRecovery:',
    `      signers: component-${recovery}`,
    `      timelock: ${1008 + Math.floor(rnd() * 4032)} blocks`,
    '    upgrade:',
    '      authority: component-5',
    `      delay: ${7 + Math.floor(rnd() * 30)}d`,
    `    withdrawalsPermissioned: ${rnd() > 0.5}`,
  ];
}

/** A valid spec of roughly `lines` lines (never fewer than the fixed sections, ~50 lines). */
export function generateSpec(lines: number): string {
  const rnd = prng(lines);
  const body = lines - HEADER.length - 2;
  // About 40% of the lines in components (9 lines each), the rest in pegs (12 lines each).
  const components = Math.max(8, Math.floor((body * 0.4) / 9));
  const pegs = Math.max(1, Math.floor((body - components * 9) / 12));
  const out = [...HEADER, 'components:'];
  for (let i = 0; i < components; i++) out.push(...component(i, rnd));
  out.push('pegs:');
  for (let i = 0; i < pegs; i++) out.push(...peg(i, components, rnd));
  return `${out.join('\n')}\n`;
}

/** A spec with exactly `components` components (and about 1.1 pegs per component), e.g. 200. */
export function generateSpecWithComponents(components: number): string {
  // generateSpec puts 40% of the body lines into 9-line components.
  return generateSpec(HEADER.length + 2 + Math.ceil((components * 9) / 0.4));
}

/**
 * A valid spec with exactly `n` components (a few pegs, council, committee) for the render and
 * layout benchmarks: the same generator the webview tests draw, so benchmark and tests agree.
 */
export { generateComponentsSpec } from '../test/webview/specs.js';
