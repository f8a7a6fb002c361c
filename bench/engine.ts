// Engine benchmark: analyze() versus yaml's parseDocument alone on the same text, in the same run.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { analyze } from '../server/src/engine/index.js';
import { generateSpec } from './generate.js';
import { median } from './stats.js';

export interface EngineFigure {
  lines: number;
  bytes: number;
  findings: number;
  parseMs: number;
  analyzeMs: number;
  ratio: number;
  /** Peak RSS of a process that only loads the code and generates the text: subtract it to compare. */
  peakRssBaselineMb: number;
  peakRssParseMb: number;
  peakRssAnalyzeMb: number;
}

/** Peak resident memory of a fresh process that runs one operation on the text. */
function peakRss(mode: 'baseline' | 'parse' | 'analyze', lines: number): number {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--peak', mode, String(lines)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`peak-memory child failed: ${r.stderr}`);
  return Number(r.stdout.trim()) / 1024;
}

/** `quick`: fewer runs and no peak-memory processes (npm run bench -- --quick). */
/** analyze() with its assessment read (computed on first read): the whole pipeline, ratings, stage and tier included. */
function whole(text: string): ReturnType<typeof analyze> {
  const result = analyze(text);
  if (!result.assessment.tier) throw new Error('bench: analyze() gave no tier');
  return result;
}

export function benchEngine(sizes = [1000, 10000, 50000], quick = false): EngineFigure[] {
  const figures: EngineFigure[] = [];
  for (const lines of sizes) {
    const text = generateSpec(lines);
    const runs = Math.ceil((lines >= 50000 ? 7 : lines >= 10000 ? 15 : 40) / (quick ? 3 : 1));
    for (let i = 0; i < 3; i++) {
      parseDocument(text);
      whole(text);
    }
    const parse: number[] = [];
    const full: number[] = [];
    let findings = 0;
    // Interleaved so both see the same machine state (GC, JIT, other load).
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      parseDocument(text);
      parse.push(performance.now() - t);
      t = performance.now();
      findings = whole(text).findings.length;
      full.push(performance.now() - t);
    }
    const parseMs = median(parse);
    const analyzeMs = median(full);
    figures.push({
      lines: text.split('\n').length, bytes: Buffer.byteLength(text), findings,
      parseMs, analyzeMs, ratio: analyzeMs / parseMs,
      peakRssBaselineMb: quick ? NaN : peakRss('baseline', lines), peakRssParseMb: quick ? NaN : peakRss('parse', lines), peakRssAnalyzeMb: quick ? NaN : peakRss('analyze', lines),
    });
  }
  return figures;
}

if (process.argv[2] === '--peak') {
  const text = generateSpec(Number(process.argv[4]));
  if (process.argv[3] === 'parse') parseDocument(text);
  else if (process.argv[3] === 'analyze') whole(text);
  process.stdout.write(`${process.resourceUsage().maxRSS}\n`);
}
