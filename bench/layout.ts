// Layout quality and time of the stack diagram, for every shipped example and generated 20- and
// 200-component specs (bench/generate.ts), side by side:
//  - old: the grid-and-spine layout before issue 13 (bench/legacy/layout-v1.ts, unchanged);
//  - new: the layered layout that ships (server/src/render/layout.ts + layered.ts);
//  - elkjs: Eclipse ELK's layered algorithm (elkjs, the library the issue suggests) on the same
//    boxes, edges and labels, with the bands as partitions and orthogonal routing.
// Every figure comes from render/metrics.ts on the resulting geometry. Times are medians of
// layout alone (boxes, text and routes; not the engine's analysis); elkjs is given the boxes and
// label sizes ready-made, so its time leaves out the text work the other two do.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import ELKModule from 'elkjs/lib/elk.bundled.js';
import type { ElkNode, ELK as ElkApi } from 'elkjs/lib/elk-api.js';
import { analyze } from '../server/src/engine/index.js';
import type { AnalysisResult } from '../server/src/engine/types.js';
import { layoutDiagram, type Diagram, type LayoutInput } from '../server/src/render/layout.js';
import { measureDiagram, type DiagramMetrics } from '../server/src/render/metrics.js';
import { layoutDiagram as legacyLayout } from './legacy/layout-v1.js';
import { generateComponentsSpec } from './generate.js';
import { exampleFiles } from '../test/webview/specs.js';
import { median, medianMs } from './stats.js';

const ELK = ELKModule as unknown as new () => ElkApi;

export interface LayoutRow {
  name: string;
  boxes: number;
  edges: number;
  old: DiagramMetrics & { ms: number; width: number; height: number };
  new: DiagramMetrics & { ms: number; width: number; height: number };
  elk: DiagramMetrics & { ms: number; width: number; height: number };
}

export interface LayoutBenchResult {
  rows: LayoutRow[];
  /** Sums over the six examples (the bar). */
  examples: { old: Totals; new: Totals; elk: Totals };
  markdown: string;
}

interface Totals { edges: number; crossings: number; bends: number; length: number; labelOverlaps: number; ms: number }

function inputOf(result: AnalysisResult): LayoutInput {
  return { model: result.model!, assessment: result.assessment, findings: result.findings.filter((f) => !f.suppressed), rangeOf: (p, k) => result.rangeOf(p, k) };
}

/** The old layout's diagram in today's shape (one title line, one label line). */
function legacyDiagram(input: LayoutInput): Diagram {
  const d = legacyLayout(input as Parameters<typeof legacyLayout>[0]);
  return {
    ...d,
    bands: d.bands.map((b) => ({ ...b, titleLines: [b.titleLine] })),
    edges: d.edges.map((e) => ({ ...e, labelLines: [e.labelLine] })),
  } as unknown as Diagram;
}

/** The same boxes, edges and label sizes laid out by ELK layered, bands as partitions. */
function elkGraph(d: Diagram): ElkNode {
  const band = { l2: 0, peg: 1, l1: 2 } as const;
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered', 'elk.direction': 'DOWN', 'elk.edgeRouting': 'ORTHOGONAL',
      'elk.partitioning.activate': 'true', 'elk.spacing.nodeNode': '28', 'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.spacing.edgeNode': '14', 'elk.spacing.edgeEdge': '10', 'elk.spacing.edgeLabel': '4', 'elk.edgeLabels.inline': 'true',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF', 'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
    },
    children: d.nodes.map((n) => ({ id: n.id, width: n.w, height: n.h, layoutOptions: { 'elk.partitioning.partition': String(band[n.band]) } })),
    edges: d.edges.map((e) => ({
      id: e.id, sources: [e.from], targets: [e.to],
      labels: [{ id: `${e.id}#label`, text: e.label, width: e.labelBox.w, height: e.labelBox.h }],
    })),
  };
}

function fromElk(out: ElkNode, d: Diagram): Diagram {
  const nodes = d.nodes.map((n) => {
    const c = out.children!.find((x) => x.id === n.id)!;
    return { ...n, x: c.x!, y: c.y! };
  });
  const edges = d.edges.map((e) => {
    const oe = (out.edges ?? []).find((x) => x.id === e.id) as unknown as { sections?: { startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: { x: number; y: number }[] }[]; labels?: { x?: number; y?: number; width?: number; height?: number }[] };
    const points: [number, number][] = [];
    for (const s of oe?.sections ?? []) {
      points.push([s.startPoint.x, s.startPoint.y], ...(s.bendPoints ?? []).map((p): [number, number] => [p.x, p.y]), [s.endPoint.x, s.endPoint.y]);
    }
    const l = oe?.labels?.[0];
    const labelBox = { x: l?.x ?? 0, y: l?.y ?? 0, w: l?.width ?? e.labelBox.w, h: l?.height ?? e.labelBox.h };
    return { ...e, points, labelBox };
  });
  return { width: out.width ?? 0, height: out.height ?? 0, bands: [], nodes, edges };
}

async function timeAsync(fn: () => Promise<void>, runs: number): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function benchLayout(runs = 9): Promise<LayoutBenchResult> {
  const specs: [string, string, boolean][] = exampleFiles().map((f) => [basename(f).replace(/\.l2spec\.yaml$/, ''), readFileSync(f, 'utf8'), true]);
  specs.push(['generated 20 components', generateComponentsSpec(20), false], ['generated 200 components', generateComponentsSpec(200), false]);
  const elk = new ELK();
  const rows: LayoutRow[] = [];
  const zero = (): Totals => ({ edges: 0, crossings: 0, bends: 0, length: 0, labelOverlaps: 0, ms: 0 });
  const examples = { old: zero(), new: zero(), elk: zero() };
  for (const [name, text, example] of specs) {
    const input = inputOf(analyze(text));
    // Warm up each, then time it; the geometry of the last run is measured.
    let oldD = legacyDiagram(input);
    let newD = layoutDiagram(input);
    for (let i = 0; i < 2; i++) { legacyDiagram(input); layoutDiagram(input); }
    const oldMs = medianMs(() => { oldD = legacyDiagram(input); }, runs);
    const newMs = medianMs(() => { newD = layoutDiagram(input); }, runs);
    const graph = () => elkGraph(newD);
    let elkOut = await elk.layout(graph());
    await elk.layout(graph());
    const elkMs = await timeAsync(async () => { elkOut = await elk.layout(graph()); }, runs);
    const elkD = fromElk(elkOut, newD);
    const row: LayoutRow = {
      name, boxes: newD.nodes.length, edges: newD.edges.length,
      old: { ...measureDiagram(oldD), ms: oldMs, width: oldD.width, height: oldD.height },
      new: { ...measureDiagram(newD), ms: newMs, width: newD.width, height: newD.height },
      elk: { ...measureDiagram(elkD), ms: elkMs, width: elkD.width, height: elkD.height },
    };
    rows.push(row);
    if (example) {
      for (const k of ['old', 'new', 'elk'] as const) {
        const t = examples[k];
        const m = row[k];
        t.edges += m.edges; t.crossings += m.crossings; t.bends += m.bends; t.length += m.length; t.ms += m.ms;
        t.labelOverlaps += m.labelLine + m.labelBox + m.labelLabel;
      }
    }
  }
  return { rows, examples, markdown: markdown(rows, examples, runs) };
}

function markdown(rows: LayoutRow[], ex: LayoutBenchResult['examples'], runs: number): string {
  const f1 = (x: number) => x.toFixed(1);
  const f2 = (x: number) => x.toFixed(2);
  const cell = (m: LayoutRow['old']) => `${m.crossings} | ${f2(m.bendsPerEdge)} | ${m.length.toLocaleString('en')} | ${m.labelLine} / ${m.labelBox} / ${m.labelLabel} | ${m.lineBox} / ${m.boxBox} | ${m.width}×${m.height} | ${f1(m.ms)}`;
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.boxes} / ${r.edges} | old | ${cell(r.old)} |`);
    lines.push(`| | | **new** | ${cell(r.new)} |`);
    lines.push(`| | | elkjs | ${cell(r.elk)} |`);
  }
  const total = (t: Totals, label: string) => `| ${label} | ${t.crossings} | ${f2(t.bends / Math.max(1, t.edges))} | ${t.length.toLocaleString('en')} | ${t.labelOverlaps} | ${f1(t.ms)} |`;
  const met = ex.new.crossings <= 15 && ex.new.bends / Math.max(1, ex.new.edges) <= 2 && ex.new.labelOverlaps === 0;
  return [
    '## Layout: stack diagram readability (old vs new vs elkjs)',
    '',
    'For every example in `examples/` and generated 20- and 200-component specs (`bench/generate.ts`), the same',
    'boxes, edges and labels laid out three ways: **old** is the grid-and-spine layout before issue 13',
    '(`bench/legacy/layout-v1.ts`), **new** is the layered layout that ships (`server/src/render/layered.ts`),',
    '**elkjs** is ELK layered (bands as partitions, orthogonal routing, inline labels) on the new layout\'s boxes and',
    'label sizes. Measured by `server/src/render/metrics.ts`: crossings between different edges; bends per edge;',
    'total edge length (px); edge labels crossed by another edge\'s line / overlapping a box or band title /',
    'overlapping another label; edge segments through a box or band title / overlapping boxes; drawing size (px);',
    `layout time (median of ${runs} runs, ms; elkjs gets ready-made sizes, the others also measure and wrap text).`,
    '',
    '| spec | boxes / edges | layout | crossings | bends / edge | length px | label on line / box / label | line through box / box on box | size px | ms |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
    '',
    'Over the six examples:',
    '',
    '| layout | crossings | bends / edge | length px | label overlaps | ms (sum) |',
    '|---|---:|---:|---:|---:|---:|',
    total(ex.old, 'old'),
    total(ex.new, '**new**'),
    total(ex.elk, 'elkjs'),
    '',
    `Issue 13's bar over the six examples (≤ 15 crossings, ≤ 2 bends per edge, no label on a line, a box or a label): ${met ? '**met** ✅' : '**missed** ❌'}.`,
  ].join('\n');
}

// `tsx bench/layout.ts` prints the section on its own.
if (require.main === module) {
  benchLayout().then((r) => console.log(r.markdown), (e) => { console.error(e); process.exitCode = 1; });
}
