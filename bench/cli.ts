// CLI cold start: one typical spec checked by a fresh `l2spec` process, as a ratio to a fresh
// `node -e 0` measured interleaved in the same run (so machine load affects both alike).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { median } from './stats.js';

export interface CliFigure {
  nodeMs: number;
  checkMs: number;
  ratio: number;
  runs: number;
  markdown: string;
}

const ROOT = join(__dirname, '..');
const SPEC = 'examples/liquid.l2spec.yaml';

function timed(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`bench: ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}


export function benchCli(runs = 21): CliFigure {
  const node: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const n = timed(['-e', '0']);
    const c = timed([join(ROOT, 'bin', 'l2spec.js'), 'check', SPEC, '--format', 'json']);
    if (i >= 2) { node.push(n); check.push(c); } // the first runs warm the file cache
  }
  const nodeMs = median(node);
  const checkMs = median(check);
  const ratio = Math.round((checkMs / nodeMs) * 100) / 100;
  const markdown = [
    '## CLI cold start',
    '',
    `Median of ${runs} interleaved fresh processes: \`node bin/l2spec.js check ${SPEC} --format json\` against \`node -e 0\`.`,
    'Target: at most 2× `node -e 0`.',
    '',
    '| node -e 0 ms | l2spec check ms | ratio |',
    '|---:|---:|---:|',
    `| ${nodeMs.toFixed(1)} | ${checkMs.toFixed(1)} | **${ratio.toFixed(2)}×** ${ratio <= 2 ? '✅' : '❌'} |`,
  ].join('\n');
  return { nodeMs, checkMs, ratio, runs, markdown };
}

if (require.main === module) console.log(benchCli().markdown);
