// npm run bench: every benchmark in one run, written to bench/RESULTS.md with the machine described.
// Each target is a ratio against a baseline measured in the same run, or an absolute figure
// the issue names; nothing here is asserted by unit tests (timing stays out of the test suite).
//
// Exit status (issue 21): non-zero when a target is missed on a quiet machine (1-minute load
// average below 1 at the start, and at the end below the core count, since the bench's own
// processes keep the cores busy); on a busy machine misses are reported, not failed.
// `npm run bench -- --quick` (about a minute): the speed targets only (engine, language server,
// preview, CLI, plan, trust model), fewer runs, printed and not written to RESULTS.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform, loadavg } from 'node:os';
import { join } from 'node:path';
import { benchCli } from './cli.js';
import { benchEngine, type EngineFigure } from './engine.js';
import { benchHostile } from './hostile.js';
import { benchLsp } from './lsp.js';
import { benchRender } from './render.js';
import { benchLayout } from './layout.js';
import { benchReview, reviewMarkdown, reviewTargetMet } from './review.js';
import { benchTrust } from './trust.js';
import { EDIT_P95_TARGET_MS, EDIT_RATIO_TARGET } from './lsp.js';

/** One target of the run: met, missed, or pending (nothing to measure yet). */
interface Target {
  name: string;
  status: 'met' | 'missed' | 'pending';
  figure: string;
}

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
    `| ${f.lines.toLocaleString('en')} | ${(f.bytes / 1024).toFixed(0)} KiB | ${f.findings} | ${ms(f.parseMs)} | ${ms(f.analyzeMs)} | **${f.ratio.toFixed(2)}×** ${f.ratio <= 1.5 ? '✅' : '❌'} | ${Number.isNaN(f.peakRssBaselineMb) ? 'not measured (--quick)' : `${f.peakRssBaselineMb.toFixed(0)} / ${f.peakRssParseMb.toFixed(0)} / ${f.peakRssAnalyzeMb.toFixed(0)}`} |`);
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

/**
 * Whether the run had the machine to itself: 1-minute load below 1 at the start, and at the end
 * below the core count (the bench itself keeps the cores busy: a language server and its client,
 * CLI processes), so only a load above it says other work ran meanwhile.
 */
function isQuiet(loadStart: number, loadEnd: number): boolean {
  return loadStart < 1 && loadEnd < cpus().length;
}

function targetsSection(targets: Target[], loadStart: number, loadEnd: number): string {
  const quiet = isQuiet(loadStart, loadEnd);
  const missed = targets.filter((t) => t.status === 'missed');
  const icon = { met: '✅', missed: '❌', pending: '⏳ pending' } as const;
  return [
    '## Targets',
    '',
    `Load average (1 min) at start / end: ${loadStart.toFixed(2)} / ${loadEnd.toFixed(2)} (quiet: below 1 at the start, and at the end below the ${cpus().length} cores the bench itself keeps busy): ${quiet ? 'a quiet machine, so a missed target fails the run (exit status 1).' : 'a busy machine, so misses are reported but do not fail the run (figures are inflated and noisy; ratios hold better).'}`,
    '',
    '| target | figure | |',
    '|---|---|---|',
    ...targets.map((t) => `| ${t.name} | ${t.figure} | ${icon[t.status]} |`),
    '',
    missed.length ? `**${missed.length} missed.**` : 'Every measured target met.',
  ].join('\n');
}

async function main(): Promise<void> {
  if (process.argv.includes('hostile')) return sectionOnly('## Hostile input', () => benchHostile());
  if (process.argv.includes('render')) return sectionOnly('## Render', () => benchRender());
  if (process.argv.includes('layout')) return sectionOnly('## Layout', () => benchLayout());
  const quick = process.argv.includes('--quick');
  const started = new Date().toISOString();
  const loadStart = loadavg()[0]!;
  const targets: Target[] = [];
  const status = (ok: boolean): Target['status'] => (ok ? 'met' : 'missed');
  console.log('[bench] engine…');
  const engine = benchEngine(quick ? [1000, 10000] : undefined, quick);
  for (const f of engine) targets.push({ name: `analyze() ≤ 1.5× parseDocument at ${f.lines.toLocaleString('en')} lines`, status: status(f.ratio <= 1.5), figure: `${f.ratio.toFixed(2)}×` });
  console.log('[bench] language servers…');
  const lsp = await benchLsp(quick ? { opens: 3, changes: 12 } : {});
  for (const s of lsp.sizes) targets.push({ name: `edit latency ≤ ${EDIT_RATIO_TARGET}× yaml-language-server at ${s.lines.toLocaleString('en')} lines`, status: status(s.changeRatio <= EDIT_RATIO_TARGET), figure: `${s.changeRatio.toFixed(2)}× (${s.l2spec.change.p50} / ${s.yamlLanguageServer.change.p50} ms)` });
  targets.push({ name: `edit p95 ≤ ${EDIT_P95_TARGET_MS} ms at 5,000 lines`, status: status(lsp.targets.changeP95At5k <= EDIT_P95_TARGET_MS), figure: `${lsp.targets.changeP95At5k} ms` });
  console.log('[bench] render…');
  const render = await benchRender(quick ? 5 : undefined);
  for (const f of render.figures) targets.push({ name: `preview keystroke ≤ ${f.targetMs} ms at ${f.components} components`, status: status(f.withinTarget), figure: `${f.totalMs.toFixed(1)} ms` });
  console.log('[bench] CLI cold start…');
  const cli = benchCli(quick ? 7 : undefined, !quick);
  targets.push({ name: '`l2spec check <one spec>` ≤ 2× `node -e 0`', status: status(cli.ratio <= 2), figure: `${cli.ratio.toFixed(2)}× (${cli.checkMs.toFixed(0)} / ${cli.nodeMs.toFixed(0)} ms)` });
  if (cli.many) targets.push({ name: `check of ${cli.many.specs} large specs: plans within the run budget`, status: status(cli.many.met), figure: `+${(cli.many.planMs - cli.many.noPlanMs).toFixed(0)} ms` });
  console.log('[bench] review (path to a better tier)…');
  const review = benchReview(quick);
  for (const f of review) {
    const met = reviewTargetMet(f);
    if (met !== undefined) targets.push({ name: 'plan search on the 200-component spec complete within 250 ms', status: status(met), figure: `${f.planMs.toFixed(1)} ms, ${f.goals}` });
  }
  console.log('[bench] trust model…');
  const trust = benchTrust(quick ? 5 : undefined);
  if (!trust.available) targets.push({ name: 'trust model ≤ 5 ms typical, ≤ 100 ms at 200 components', status: 'pending', figure: 'server/src/engine/trust not on this branch yet' });
  else targets.push({ name: 'trust model ≤ 5 ms typical, ≤ 100 ms at 200 components', status: status(trust.met!), figure: `${trust.typicalMs!.toFixed(2)} / ${trust.at200Ms!.toFixed(1)} ms` });
  let layout: Awaited<ReturnType<typeof benchLayout>> | undefined;
  let hostile: Awaited<ReturnType<typeof benchHostile>> | undefined;
  if (!quick) {
    console.log('[bench] layout quality…');
    layout = await benchLayout();
    console.log('[bench] hostile input…');
    hostile = await benchHostile();
    for (const f of hostile.figures) targets.push({ name: `hover on another document ≤ 100 ms (p95) with: ${f.label}`, status: status(f.hover.p95 <= 100), figure: `${f.hover.p95.toFixed(1)} ms` });
  }
  const loadEnd = loadavg()[0]!;
  const text = [
    '# l2spec benchmarks',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${started}. Re-run it to refresh; figures depend on the machine and its load.`,
    '',
    '## Machine',
    '',
    machine(),
    '',
    targetsSection(targets, loadStart, loadEnd),
    '',
    engineSection(engine),
    '',
    lsp.markdown.trim(),
    '',
    render.markdown.trim(),
    '',
    cli.markdown.trim(),
    '',
    reviewMarkdown(review),
    '',
    trust.markdown.trim(),
    '',
    ...(layout ? [layout.markdown.trim(), ''] : []),
    ...(hostile ? [hostile.markdown.trim(), ''] : []),
  ].join('\n');
  if (!quick) writeFileSync(join(__dirname, 'RESULTS.md'), text);
  console.log(text);
  const missed = targets.filter((t) => t.status === 'missed');
  if (missed.length && isQuiet(loadStart, loadEnd)) {
    console.error(`[bench] ${missed.length} target(s) missed on a quiet machine: ${missed.map((t) => t.name).join('; ')}`);
    process.exitCode = 1;
  } else if (missed.length) {
    console.error(`[bench] ${missed.length} target(s) missed, on a busy machine (load ${loadStart.toFixed(1)} at the start, ${loadEnd.toFixed(1)} at the end on ${cpus().length} cores): reported, not failed.`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
