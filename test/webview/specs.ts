// Review snapshots to render in the tests and the benchmark: the shipped examples through the
// real engine (when examples/ and the engine exist), the hand-built fixtures, and generated
// designs of any size.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSnapshot, type ReviewSnapshot } from '../../server/src/render/index.js';
import type { AnalysisResult } from '../../server/src/engine/types.js';
import { FIXTURES } from './fixtures.js';

const ROOT = resolve(__dirname, '../..');

type Analyze = (text: string) => AnalysisResult;

export async function loadAnalyze(): Promise<Analyze | undefined> {
  if (!existsSync(join(ROOT, 'server/src/engine/index.ts'))) return undefined;
  const engine = (await import('../../server/src/engine/index.js')) as { analyze?: Analyze };
  return engine.analyze;
}

export function exampleFiles(): string[] {
  const dir = join(ROOT, 'examples');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.l2spec.yaml')).sort().map((f) => join(dir, f));
}

export interface NamedSnapshot {
  name: string;
  snapshot: ReviewSnapshot;
  /** From a shipped example (through the real engine) rather than a fixture. */
  example: boolean;
}

export async function allSnapshots(): Promise<NamedSnapshot[]> {
  const out: NamedSnapshot[] = [];
  const analyze = await loadAnalyze();
  if (analyze) {
    for (const file of exampleFiles()) {
      const name = file.split('/').pop()!.replace(/\.l2spec\.yaml$/, '');
      out.push({ name, snapshot: buildSnapshot(analyze(readFileSync(file, 'utf8'))), example: true });
    }
  }
  for (const [name, make] of Object.entries(FIXTURES)) out.push({ name: `fixture-${name}`, snapshot: buildSnapshot(make()), example: false });
  return out;
}

const KINDS = ['sequencer', 'proposer', 'validators', 'federation', 'signer-set', 'da-committee', 'watchtowers', 'prover', 'challengers', 'security-council', 'operator', 'relayer', 'miners', 'users'];
const DISCLOSURE = ['all', 'partial', 'none'];

/** A valid l2spec (format v1) with exactly `n` components and a few pegs referencing them. */
export function generateComponentsSpec(n: number): string {
  const lines = [
    `# Generated design with ${n} components (rendering scale test).`,
    'l2spec: 1',
    'system:',
    `  name: Generated network with ${n} components`,
    '  family: sidechain',
    '  claims: [sidechain]',
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
    'dataAvailability:',
    '  location: committee',
    '  committee: c5',
    'finality:',
    '  source: federation',
    'governance:',
    '  upgradeable: true',
    '  upgradeDelay: 14 days',
    '  securityCouncil: c9',
    'components:',
  ];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[i % KINDS.length]!;
    const ops = 3 + (i % 13);
    lines.push(
      `  - id: c${i}`,
      `    kind: ${kind}`,
      `    name: ${i % 9 === 0 ? `Component ${i} with a long descriptive name that has to wrap inside its box` : `${kind} ${i}`}`,
      `    operators: ${ops}`,
      `    threshold: ${Math.ceil(ops * 0.67)}-of-${ops}`,
      `    external: ${i % (ops + 1)}`,
      `    publiclyKnown: ${DISCLOSURE[i % 3]}`,
    );
  }
  lines.push('pegs:');
  const pegs = Math.max(1, Math.min(4, Math.floor(n / 50)));
  for (let i = 0; i < pegs; i++) {
    lines.push(
      `  - id: peg-${i}`,
      `    asset: BTC-${i}`,
      '    custody: federation-multisig',
      `    signers: c${Math.min(n - 1, 3 + i * 14)}`,
      '    emergencyRecovery:',
      `      signers: c${Math.min(n - 1, 4)}`,
      '      timelock: 4032 blocks',
      '    upgrade:',
      '      authority: c9',
      '      delay: 7d',
    );
  }
  return `${lines.join('\n')}\n`;
}
