// CLI cold start: one typical spec checked with the default options (text output, with "What it
// would take") by a fresh `l2spec` process, as a ratio to a fresh `node -e 0` measured interleaved
// in the same run (so machine load affects both alike). Every measured check must print the
// spec's tier and its plan, so a fast figure cannot come from skipping the work.
// The full run also checks 20 large specs in one process, against the same run with --no-plan:
// the plan searches of a run are bounded by the run's budget, not one full search per spec.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECK_RUN_PLAN_BUDGET_MS } from '../server/src/cli/plan.js';
import { generateSpec } from './generate.js';
import { median } from './stats.js';

export interface CliFigure {
  nodeMs: number;
  checkMs: number;
  ratio: number;
  runs: number;
  met: boolean;
  /** 20 large specs: with the plan and with --no-plan, ms (full run only). */
  many?: { specs: number; bytes: number; planMs: number; noPlanMs: number; met: boolean };
  markdown: string;
}

const ROOT = join(__dirname, '..');
const SPEC = 'examples/liquid.l2spec.yaml';
export const CLI_RATIO_TARGET = 2;

function timed(args: string[], proof?: RegExp[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`bench: ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  for (const p of proof ?? []) if (!p.test(r.stdout)) throw new Error(`bench: ${args.join(' ')} printed no ${p} (it did not do the work)`);
  return ms;
}

export function benchCli(runs = 21, many = true): CliFigure {
  const node: number[] = [];
  const check: number[] = [];
  const proof = [/tier: \w+/i, /What it would take/];
  for (let i = 0; i < runs + 2; i++) {
    const n = timed(['-e', '0']);
    const c = timed([join(ROOT, 'bin', 'l2spec.js'), 'check', SPEC], proof);
    if (i >= 2) { node.push(n); check.push(c); } // the first runs warm the file cache
  }
  const nodeMs = median(node);
  const checkMs = median(check);
  const ratio = Math.round((checkMs / nodeMs) * 100) / 100;
  const met = ratio <= CLI_RATIO_TARGET;
  const lines = [
    '## CLI cold start',
    '',
    `Median of ${runs} interleaved fresh processes: \`node bin/l2spec.js check ${SPEC}\` (default options: text output with`,
    '"What it would take"; every run must print the tier and the plan) against `node -e 0`.',
    `Target (issue 21): at most ${CLI_RATIO_TARGET}× \`node -e 0\`.`,
    '',
    '| node -e 0 ms | l2spec check ms | ratio |',
    '|---:|---:|---:|',
    `| ${nodeMs.toFixed(1)} | ${checkMs.toFixed(1)} | **${ratio.toFixed(2)}×** ${met ? '✅' : '❌'} |`,
  ];
  let manyFigure: CliFigure['many'];
  if (many) {
    const dir = mkdtempSync(join(tmpdir(), 'l2spec-bench-cli-'));
    try {
      const text = generateSpec(10300);
      const specs = 20;
      for (let i = 0; i < specs; i++) writeFileSync(join(dir, `s${i}.l2spec.yaml`), text.replace('Generated federated network', `Generated federated network ${i}`));
      const cli = join(ROOT, 'bin', 'l2spec.js');
      const planMs = timed([cli, 'check', dir], [/What it would take/]);
      const noPlanMs = timed([cli, 'check', dir, '--no-plan']);
      // The plans may add at most the run's budget, plus one step's overrun per spec (a second each at most).
      const ok = planMs - noPlanMs <= CHECK_RUN_PLAN_BUDGET_MS + specs * 1000;
      manyFigure = { specs, bytes: text.length, planMs, noPlanMs, met: ok };
      lines.push('', `Twenty generated specs of ${(text.length / 1024).toFixed(0)} KiB in one \`check\` (issue 22, item 7): the plan searches share a run budget of`,
        `${CHECK_RUN_PLAN_BUDGET_MS / 1000} s (at most 2 s per spec), so they add at most that much (and one step's overrun per spec) to the same run with \`--no-plan\`.`,
        '', '| specs | check ms | check --no-plan ms | added by the plans ms |', '|---:|---:|---:|---:|',
        `| ${specs} | ${planMs.toFixed(0)} | ${noPlanMs.toFixed(0)} | **${(planMs - noPlanMs).toFixed(0)}** ${ok ? '✅' : '❌'} |`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { nodeMs, checkMs, ratio, runs, met: met && (manyFigure?.met ?? true), many: manyFigure, markdown: lines.join('\n') };
}

if (require.main === module) console.log(benchCli().markdown);
