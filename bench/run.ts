// npm run bench: every benchmark in one run, written to bench/RESULTS.md with the machine described.
// Each target is a ratio against a baseline measured in the same run, or an absolute figure
// the issue names; nothing here is asserted by unit tests.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchCli } from './cli.js';
import { benchEngine, type EngineFigure } from './engine.js';
import { benchHostile } from './hostile.js';
import { benchLsp } from './lsp.js';
import { benchRender } from './render.js';
import { benchLayout } from './layout.js';
import { benchReview, reviewMarkdown } from './review.js';

const ms = (x: number) => x.toFixed(1);

function machine(): string {
  const cpu = cpus();
  return [
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} cores`,
    `- Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${platform()} ${release()}`,
    `- Node.js: ${process.version}`,
    `- Load average at start (1/5/15 min): ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`,
    ...(loadavg()[0]! > cpu.length
      ? ['', `The machine was busy (load ${loadavg()[0]!.toFixed(1)} on ${cpu.length} cores): absolute times are inflated and p95s noisy; ratios against a baseline measured in the same run hold better.`]
      : []),
  ].join('\n');
}

function engineSection(figures: EngineFigure[]): string {
  const rows = figures.map((f) =>
    `| ${f.lines.toLocaleString('en')} | ${(f.bytes / 1024).toFixed(0)} KiB | ${f.findings} | ${ms(f.parseMs)} | ${ms(f.analyzeMs)} | **${f.ratio.toFixed(2)}×** ${f.ratio <= 1.5 ? '✅' : '❌'} | ${f.peakRssBaselineMb.toFixed(0)} / ${f.peakRssParseMb.toFixed(0)} / ${f.peakRssAnalyzeMb.toFixed(0)} |`);
  return [
    '## Engine: analyze() vs yaml parseDocument',
    '',
    'Median of interleaved runs on generated specs (`bench/generate.ts`). `analyze()` is the whole',
    'pipeline: parse with positions, schema check, model, every rule, suppressions, ratings, stage and',
    'tier. Target: at most 1.5× `parseDocument` alone on the same text. Peak RSS is measured in fresh',
    'processes: baseline (code loaded, text generated) / + parseDocument / + analyze.',
    '',
    '| lines | size | findings | parseDocument ms | analyze ms | ratio | peak RSS MiB (baseline / parse / analyze) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

/**
 * `npm run bench -- hostile|render|layout`: only that section, spliced into the existing RESULTS.md
 * (with its own date and machine line), since the full run takes long on a shared machine.
 */
async function sectionOnly(heading: string, run: () => Promise<{ markdown: string }>): Promise<void> {
  const file = join(__dirname, 'RESULTS.md');
  const result = await run();
  const stamp = `Measured on its own on ${new Date().toISOString()} (${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node.js ${process.version}, load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}; the machine was shared with other jobs, so absolute times are inflated).`;
  const section = result.markdown.trim().replace('\n\n', `\n\n${stamp}\n\n`);
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# l2spec benchmarks\n';
  const start = old.indexOf(heading);
  const next = start < 0 ? -1 : old.indexOf('\n## ', start + 1);
  const text = start < 0 ? `${old.trimEnd()}\n\n${section}\n` : `${old.slice(0, start)}${section}\n${next < 0 ? '' : old.slice(next)}`;
  writeFileSync(file, text);
  console.log(section);
}

async function main(): Promise<void> {
  if (process.argv.includes('hostile')) return sectionOnly('## Hostile input', () => benchHostile());
  if (process.argv.includes('render')) return sectionOnly('## Render', () => benchRender());
  if (process.argv.includes('layout')) return sectionOnly('## Layout', () => benchLayout());
  const started = new Date().toISOString();
  console.log('[bench] engine…');
  const engine = benchEngine();
  console.log('[bench] language servers…');
  const lsp = await benchLsp();
  console.log('[bench] render…');
  const render = await benchRender();
  console.log('[bench] CLI cold start…');
  const cli = benchCli();
  console.log('[bench] layout quality…');
  const layout = await benchLayout();
  console.log('[bench] hostile input…');
  const hostile = await benchHostile();
  console.log('[bench] review (path to a better tier)…');
  const review = benchReview();
  const text = [
    '# l2spec benchmarks',
    '',
    `Written by \`npm run bench\` on ${started}. Re-run it to refresh; figures depend on the machine and its load.`,
    '',
    '## Machine',
    '',
    machine(),
    '',
    engineSection(engine),
    '',
    lsp.markdown.trim(),
    '',
    render.markdown.trim(),
    '',
    cli.markdown.trim(),
    '',
    layout.markdown.trim(),
    '',
    hostile.markdown.trim(),
    '',
    reviewMarkdown(review),
    '',
  ].join('\n');
  writeFileSync(join(__dirname, 'RESULTS.md'), text);
  console.log(text);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
