// Layout quality and time of the stack diagram (elkjs since issue 19), for every shipped example
// and generated 20-, 200- and 1,000-component specs (bench/generate.ts). Every figure comes from
// render/metrics.ts on the geometry that ships; the export size is the SVG the exports write.
// The two layouts before issue 19 (the grid-and-spine layout of issue 13's time and the
// hand-written layered layout) are gone; their figures were recorded once and are repeated below
// as they were measured (bench run of 2026-11-29), so the comparison stays in bench/RESULTS.md.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { analyze } from '../server/src/engine/index.js';
import type { AnalysisResult } from '../server/src/engine/types.js';
import { layoutDiagram, type Diagram, type LayoutInput } from '../server/src/render/layout.js';
import { clearElkCache } from '../server/src/render/elk.js';
import { measureDiagram, type DiagramMetrics } from '../server/src/render/metrics.js';
import { buildSnapshot, svgTree } from '../server/src/render/index.js';
import { generateComponentsSpec } from './generate.js';
import { exampleFiles } from '../test/webview/specs.js';
import { medianMs } from './stats.js';

export interface LayoutRow {
  name: string;
  example: boolean;
  boxes: number;
  edges: number;
  metrics: DiagramMetrics & { ms: number; width: number; height: number };
  /** Size of the SVG export (header, diagram, chart), px. */
  svg: { width: number; height: number };
}

export interface LayoutBenchResult {
  rows: LayoutRow[];
  /** Sums over the six examples (the issue's bar). */
  examples: Totals;
  markdown: string;
}

interface Totals { edges: number; crossings: number; bends: number; length: number; labelLine: number; labelOverlaps: number; lineBox: number; ms: number }

/** Total edge length over the six examples of the layered layout that shipped before issue 19 (px). */
export const PREVIOUS_TOTAL_LENGTH = 13_648;
/** Issue 19: every example's SVG export fits 1400×900 at 75 % or more. */
const EXPORT_MAX = { width: 1870, height: 1200 };

function inputOf(result: AnalysisResult): LayoutInput {
  return { model: result.model!, assessment: result.assessment, findings: result.findings.filter((f) => !f.suppressed), rangeOf: (p, k) => result.rangeOf(p, k) };
}

export async function benchLayout(runs = 9): Promise<LayoutBenchResult> {
  const specs: [string, string, boolean][] = exampleFiles().map((f) => [basename(f).replace(/\.l2spec\.yaml$/, ''), readFileSync(f, 'utf8'), true]);
  for (const n of [20, 200, 1000]) specs.push([`generated ${n.toLocaleString('en')} components`, generateComponentsSpec(n), false]);
  const rows: LayoutRow[] = [];
  const examples: Totals = { edges: 0, crossings: 0, bends: 0, length: 0, labelLine: 0, labelOverlaps: 0, lineBox: 0, ms: 0 };
  for (const [name, text, example] of specs) {
    const result = analyze(text);
    const input = inputOf(result);
    // Warm up, then time; the geometry of the last run is measured.
    let d: Diagram = layoutDiagram(input);
    for (let i = 0; i < 2; i++) layoutDiagram(input);
    const ms = medianMs(() => { clearElkCache(); d = layoutDiagram(input); }, d.nodes.length > 500 ? 3 : runs);
    const m = measureDiagram(d);
    const { width, height } = svgTree(buildSnapshot(result));
    rows.push({ name, example, boxes: d.nodes.length, edges: d.edges.length, metrics: { ...m, ms, width: d.width, height: d.height }, svg: { width, height } });
    if (example) {
      examples.edges += m.edges; examples.crossings += m.crossings; examples.bends += m.bends; examples.length += m.length; examples.ms += ms;
      examples.labelLine += m.labelLine; examples.labelOverlaps += m.labelLine + m.labelBox + m.labelLabel; examples.lineBox += m.lineBox + m.boxBox;
    }
  }
  return { rows, examples, markdown: markdown(rows, examples, runs) };
}

/** The figures of the layouts before issue 19, as measured once (bench run of 2026-11-29T18:47Z). */
const BEFORE_ISSUE_19 = [
  '| spec | boxes / edges | layout | crossings | bends / edge | length px | label on line / box / label | line through box / box on box | size px | ms |',
  '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  '| ark | 13 / 4 | grid | 6 | 4.50 | 3,006 | 1 / 0 / 0 | 1 / 0 | 988×838 | 0.5 |',
  '| | | layered | 0 | 1.00 | 1,643 | 0 / 0 / 0 | 0 / 0 | 986×1189 | 1.7 |',
  '| citrea-bitvm | 17 / 7 | grid | 33 | 4.86 | 7,164 | 2 / 0 / 0 | 1 / 0 | 1218×1070 | 0.6 |',
  '| | | layered | 0 | 0.86 | 3,804 | 0 / 0 / 0 | 0 / 0 | 927×1582 | 1.8 |',
  '| lightning | 12 / 3 | grid | 1 | 4.00 | 2,028 | 0 / 0 / 0 | 1 / 0 | 982×794 | 0.2 |',
  '| | | layered | 0 | 0.00 | 793 | 0 / 0 / 0 | 0 / 0 | 986×1041 | 0.8 |',
  '| liquid | 10 / 5 | grid | 12 | 4.40 | 3,772 | 1 / 0 / 0 | 2 / 0 | 982×838 | 0.5 |',
  '| | | layered | 0 | 0.80 | 1,736 | 0 / 0 / 0 | 0 / 0 | 885×1041 | 1.0 |',
  '| rootstock | 14 / 6 | grid | 14 | 4.67 | 4,698 | 3 / 0 / 0 | 2 / 0 | 988×882 | 0.3 |',
  '| | | layered | 0 | 1.67 | 2,934 | 0 / 0 / 0 | 0 / 0 | 774×1242 | 1.0 |',
  '| weak-multisig-bridge | 15 / 6 | grid | 17 | 4.67 | 6,090 | 3 / 0 / 0 | 1 / 0 | 988×1026 | 0.6 |',
  '| | | layered | 0 | 0.33 | 2,738 | 0 / 0 / 0 | 0 / 0 | 914×1407 | 1.1 |',
  '| generated 20 components | 30 / 9 | grid | 38 | 4.44 | 12,502 | 6 / 0 / 0 | 2 / 0 | 1660×1236 | 1.1 |',
  '| | | layered | 0 | 2.44 | 4,371 | 0 / 0 / 0 | 0 / 0 | 1106×2016 | 2.2 |',
  '| generated 200 components | 219 / 21 | grid | 161 | 4.19 | 61,408 | 18 / 0 / 0 | 11 / 0 | 2332×4380 | 4.9 |',
  '| | | layered | 1 | 3.43 | 20,626 | 0 / 0 / 0 | 0 / 0 | 1594×6862 | 14.8 |',
  '',
  'Over the six examples: grid 83 crossings, 4.58 bends per edge, 26,758 px, 10 label overlaps; layered 0 crossings,',
  `0.84 bends per edge, ${PREVIOUS_TOTAL_LENGTH.toLocaleString('en')} px, no label overlap. The exported SVGs were up to 1407×1674 (citrea-bitvm).`,
].join('\n');

function markdown(rows: LayoutRow[], ex: Totals, runs: number): string {
  const f1 = (x: number) => x.toFixed(1);
  const f2 = (x: number) => x.toFixed(2);
  const lines = rows.map((r) => {
    const m = r.metrics;
    const fits = r.svg.width <= EXPORT_MAX.width && r.svg.height <= EXPORT_MAX.height;
    return `| ${r.name} | ${r.boxes} / ${r.edges} | ${m.crossings} | ${f2(m.bendsPerEdge)} | ${m.length.toLocaleString('en')} | ${m.labelLine} / ${m.labelBox} / ${m.labelLabel} | ${m.lineBox} / ${m.boxBox} | ${m.width}×${m.height} | ${r.svg.width}×${r.svg.height}${r.example ? (fits ? ' ✅' : ' ❌') : ''} | ${f1(m.ms)} |`;
  });
  const half = PREVIOUS_TOTAL_LENGTH / 2;
  const exportsFit = rows.filter((r) => r.example).every((r) => r.svg.width <= EXPORT_MAX.width && r.svg.height <= EXPORT_MAX.height);
  const met = ex.crossings === 0 && ex.length <= half && ex.labelLine === 0 && ex.lineBox === 0 && exportsFit;
  return [
    '## Layout: stack diagram readability (elkjs)',
    '',
    'The diagram is laid out by Eclipse ELK\'s layered algorithm (elkjs, `server/src/render/elk.ts`, run synchronously in the',
    'review worker) for the boxes with edges: bands as partitions, orthogonal edges, labels inline. Boxes without edges',
    'and band titles go into strips of their band where no line passes. For every example in `examples/` and generated',
    '20-, 200- and 1,000-component specs',
    '(`bench/generate.ts`), measured by `server/src/render/metrics.ts`: crossings between different edges; bends per edge;',
    'total edge length (px); edge labels crossed by another edge\'s line / overlapping a box or band title / overlapping',
    'another label; edge segments through a box or band title / overlapping boxes; drawing size; size of the SVG export',
    `(✅ within ${EXPORT_MAX.width}×${EXPORT_MAX.height}, i.e. 1400×900 at 75 %); layout time of a graph ELK has not seen (median of ${runs} runs, 3 at 1,000 components).`,
    '',
    '| spec | boxes / edges | crossings | bends / edge | length px | label on line / box / label | line through box / box on box | drawing px | SVG export px | ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    `Over the six examples: ${ex.crossings} crossings, ${f2(ex.bends / Math.max(1, ex.edges))} bends per edge, **${ex.length.toLocaleString('en')} px** of edges`,
    `(${Math.round((100 * ex.length) / PREVIOUS_TOTAL_LENGTH)} % of the ${PREVIOUS_TOTAL_LENGTH.toLocaleString('en')} px before), ${ex.labelOverlaps} label overlaps, ${ex.lineBox} lines through boxes; ${f1(ex.ms)} ms in all.`,
    '',
    `Issue 19's bar over the six examples (no crossing, at most half the previous total edge length, no label on another edge's line, no edge through a box, every SVG export within ${EXPORT_MAX.width}×${EXPORT_MAX.height}): ${met ? '**met** ✅' : '**missed** ❌'}.`,
    '',
    '### Before issue 19 (recorded once)',
    '',
    '**grid** is the grid-and-spine layout before issue 13; **layered** is the hand-written layered layout that shipped',
    'from issue 13 to issue 19 (`render/layered.ts`, about 1,450 lines with its row logic). Both are deleted.',
    '',
    BEFORE_ISSUE_19,
  ].join('\n');
}

// `tsx bench/layout.ts` prints the section on its own.
if (require.main === module) {
  benchLayout().then((r) => console.log(r.markdown), (e) => { console.error(e); process.exitCode = 1; });
}
