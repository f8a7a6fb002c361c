// Render-time benchmark for the stack diagram at 20, 200 and 1,000 components.
//  - layout: buildSnapshot (diagram layout + ratings + finding mapping) from an analysis result;
//  - svg: renderSvg of that snapshot (what the exports and the CLI write);
//  - webview: from posting the snapshot to the preview until the browser has laid it out
//    (headless Chromium, the same bundle and CSP as in VS Code), when Chromium is available:
//    `webviewFirstMs` opens a document, `webviewUpdateMs` is a live update after an edit (one
//    component renamed), which redraws only what changed.
// Targets: ≤ 50 ms at 20 components, ≤ 200 ms at 200 and ≤ 1 s at 1,000, for what a keystroke triggers:
// layout (server) + webview update. First open is reported too, against the same targets.
import { existsSync } from 'node:fs';
import { buildSnapshot, renderSvg, type ReviewSnapshot } from '../server/src/render/index.js';
import { layoutDiagram } from '../server/src/render/layout.js';
import { clearElkCache } from '../server/src/render/elk.js';
import * as elk from '../server/src/render/elk.js';
import { analyze } from '../server/src/engine/index.js';
import { generateComponentsSpec } from './generate.js';
import { CHROMIUM, startHarness } from '../test/webview/harness.js';
import { median, medianMs } from './stats.js';

export interface RenderFigures {
  components: number;
  /** Median milliseconds. */
  layoutMs: number;
  /** The diagram layout alone (elkjs), median ms: as an edit that keeps the boxes' sizes and edges costs (ELK's layout cached). */
  diagramMs: number;
  /** The diagram layout of a graph ELK has not laid out before (first open, or an edit that adds a box or an edge). */
  diagramNewMs: number;
  svgMs: number;
  /**
   * Edits that change the diagram's graph, at 20 components only: buildSnapshot of the edited spec
   * while the layout of the spec before the edit is cached (as in the review worker), and the
   * webview's update to it; median ms. `relayoutMs` is the same edit with ELK's cache cleared (a
   * full ELK run), measured interleaved in the same run, for the ratio.
   */
  graphEdits?: { name: string; layoutMs: number; relayoutMs: number; webviewMs?: number; how: string }[];
  /** Webview: opening a document (message → laid-out DOM), median ms; undefined without Chromium. */
  webviewFirstMs?: number;
  /** Webview: a live update after an edit, median ms; undefined without Chromium. */
  webviewUpdateMs?: number;
  /** layout + webview update (or layout + svg without Chromium): what a keystroke costs. */
  totalMs: number;
  /** layout + webview first render. */
  firstOpenMs?: number;
  targetMs: number;
  withinTarget: boolean;
  nodes: number;
  edges: number;
  svgBytes: number;
}

export interface RenderBenchResult {
  figures: RenderFigures[];
  browser: string;
  runs: number;
  /** A "## Render" section for bench/RESULTS.md. */
  markdown: string;
}

const TARGETS: Record<number, number> = { 20: 50, 200: 200, 1000: 1000 };
/** An edit that adds a box or an edge at 20 components, before issue 19's second round: ELK ran again (bench of 2026-12-07T03:37). */
export const GRAPH_EDIT_BASELINE_MS = 173.0;

/** Edits of the 20-component spec that change the diagram's graph: [name, text before, text after]. */
function graphEdits(spec: string): [string, string, string][] {
  const box = '  - id: c-new\n    kind: watchtowers\n    name: new watchtowers\n    operators: 3\n';
  const at = spec.indexOf('pegs:');
  return [
    // A component without relations: a new box in its band's strip.
    ['adds a box', spec, spec.slice(0, at) + box + spec.slice(at)],
    // The security council named in governance: a new edge (and the council's box moves into ELK's graph).
    ['adds an edge', spec.replace('  securityCouncil: c9\n', ''), spec],
  ];
}
/** Fewer runs on the largest design: each one analyses and lays out 1,000 components. */
const runsFor = (n: number, runs: number) => (n >= 1000 ? Math.min(runs, 5) : runs);

export async function benchRender(runs = 15): Promise<RenderBenchResult> {
  const sizes = [20, 200, 1000];
  const prepared = sizes.map((n) => ({ n, result: analyze(generateComponentsSpec(n)) }));
  const snapshots = new Map<number, ReviewSnapshot>();
  // Edited versions of each spec (one component renamed per version), as while typing.
  const edits = new Map<number, ReviewSnapshot[]>(sizes.map((n) => [n, Array.from({ length: runsFor(n, runs) + 3 }, (_, i) =>
    buildSnapshot(analyze(generateComponentsSpec(n).replace('name: proposer 1\n', `name: proposer 1 (edit ${i})\n`))))]));
  const figures: RenderFigures[] = [];
  for (const { n, result } of prepared) {
    for (let i = 0; i < 3; i++) buildSnapshot(result); // warm up the JIT
    const layoutMs = medianMs(() => { snapshots.set(n, buildSnapshot(result)); }, runsFor(n, runs));
    const input = { model: result.model!, assessment: result.assessment, findings: result.findings.filter((f) => !f.suppressed), rangeOf: (p: string, k?: boolean) => result.rangeOf(p, k) };
    const diagramMs = medianMs(() => { layoutDiagram(input); }, runsFor(n, runs));
    const diagramNewMs = medianMs(() => { clearElkCache(); layoutDiagram(input); }, runsFor(n, runs));
    let graphEditFigures: RenderFigures['graphEdits'];
    if (n === 20) {
      graphEditFigures = graphEdits(generateComponentsSpec(n)).map(([name, before, after]) => {
        const a = analyze(before);
        const b = analyze(after);
        const inc: number[] = [];
        const full: number[] = [];
        let how = '';
        for (let i = 0; i < runs + 3; i++) {
          // The layout before the edit is cached, as in the review worker while typing.
          clearElkCache(); buildSnapshot(a);
          let t0 = performance.now(); buildSnapshot(b); const ms = performance.now() - t0;
          how = elk.lastElkLayout;
          clearElkCache();
          t0 = performance.now(); buildSnapshot(b); const fullMs = performance.now() - t0;
          if (i >= 3) { inc.push(ms); full.push(fullMs); }
        }
        return { name, layoutMs: median(inc), relayoutMs: median(full), how, before: buildSnapshot(a), after: buildSnapshot(b) };
      });
    }
    const snapshot = snapshots.get(n)!;
    let svg = '';
    const svgMs = medianMs(() => { svg = renderSvg(snapshot); }, runs);
    figures.push({
      components: n, layoutMs, diagramMs, diagramNewMs, svgMs, graphEdits: graphEditFigures, totalMs: layoutMs + svgMs, targetMs: TARGETS[n]!, withinTarget: false,
      nodes: snapshot.diagram.nodes.length, edges: snapshot.diagram.edges.length, svgBytes: svg.length,
    });
  }

  let browser = 'not available';
  if (existsSync(CHROMIUM) && existsSync('dist/webview/preview.js')) {
    const harness = await startHarness();
    try {
      browser = harness.context.browser()?.version() ?? 'Chromium';
      const page = await harness.open();
      const measure = (message: unknown) => page.evaluate((m) => new Promise<number>((resolve) => {
            const t0 = performance.now();
            // Registered after the preview's own listener, so it runs once the preview has drawn.
        window.addEventListener('message', () => {
              void document.querySelector('.viewport')!.getBoundingClientRect();
              void document.body.offsetHeight;
              resolve(performance.now() - t0);
            }, { once: true });
            window.postMessage(m, '*');
          }), message as object);
      for (const f of figures) {
        const snapshot = snapshots.get(f.components)!;
        const first: number[] = [];
        const update: number[] = [];
        for (let i = 0; i < runsFor(f.components, runs) + 3; i++) {
          // A new document each time: everything is drawn from scratch.
          const ms = await measure({ type: 'snapshot', uri: `file:///bench/${f.components}-${i}.l2spec.yaml`, version: 1, snapshot });
          if (i >= 3) first.push(ms);
        }
        const uri = `file:///bench/${f.components}-live.l2spec.yaml`;
        await measure({ type: 'snapshot', uri, version: 0, snapshot });
        let i = 0;
        for (const edited of edits.get(f.components)!) {
          const ms = await measure({ type: 'snapshot', uri, version: ++i, snapshot: edited });
          if (i > 3) update.push(ms);
        }
        // Graph-changing edits: the snapshot before, then the one after, on the same open document.
        for (const g of (f.graphEdits ?? []) as (NonNullable<RenderFigures['graphEdits']>[number] & { before?: ReviewSnapshot; after?: ReviewSnapshot })[]) {
          const times: number[] = [];
          for (let k = 0; k < runs + 3; k++) {
            const guri = `file:///bench/${f.components}-${g.name.replace(/ /g, '-')}-${k}.l2spec.yaml`;
            await measure({ type: 'snapshot', uri: guri, version: 1, snapshot: g.before });
            const ms = await measure({ type: 'snapshot', uri: guri, version: 2, snapshot: g.after });
            if (k >= 3) times.push(ms);
          }
          g.webviewMs = median(times);
        }
        f.webviewFirstMs = median(first);
        f.webviewUpdateMs = median(update);
      }
      await page.close();
    } finally {
      await harness.close();
    }
  }
  for (const f of figures) {
    for (const g of f.graphEdits ?? []) { delete (g as { before?: unknown }).before; delete (g as { after?: unknown }).after; }
    f.totalMs = f.layoutMs + (f.webviewUpdateMs ?? f.svgMs);
    if (f.webviewFirstMs !== undefined) f.firstOpenMs = f.layoutMs - f.diagramMs + f.diagramNewMs + f.webviewFirstMs;
    f.withinTarget = f.totalMs <= f.targetMs;
  }
  return { figures, browser, runs, markdown: markdown(figures, browser, runs) };
}

function markdown(figures: RenderFigures[], browser: string, runs: number): string {
  const f1 = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(1));
  const rows = figures.map((f) =>
    `| ${f.components} | ${f.nodes} / ${f.edges} | ${f1(f.layoutMs)} | ${f1(f.diagramMs)} / ${f1(f.diagramNewMs)} | ${f1(f.svgMs)} | ${f1(f.webviewUpdateMs)} | ${f1(f.webviewFirstMs)} | **${f1(f.totalMs)}** (≤ ${f.targetMs}) ${f.withinTarget ? '✅' : '❌'} | ${f1(f.firstOpenMs)} |`);
  return [
    '## Render: stack diagram preview',
    '',
    `Median of ${runs} runs on generated specs (\`bench/generate.ts\`), analysed once by the engine.`,
    'Layout is `buildSnapshot` (diagram layout, ratings, finding mapping); SVG is `renderSvg` (what the exports',
    `and \`l2spec render\` write); webview times are measured in headless Chromium (${browser}) with the shipped`,
    'bundle and CSP, from posting the snapshot until the page is laid out. "Update" is a live edit (one component',
    'renamed) on the open document; "first" opens a document. Target: layout + webview update ≤ 50 ms at 20',
    'components, ≤ 200 ms at 200 and ≤ 1 s at 1,000 (what each keystroke costs; the snapshot is built in the review',
    "worker, off the diagnostics' path). The diagram layout is elkjs for the boxes with edges, the others in a grid. ELK costs 20 ms",
    'or more even on a tiny graph, so its layouts are cached by graph (boxes, widths, edges, label sizes): an edit that changes only',
    'text reuses it, stretched where a box grew ("same graph", what layout ms includes); "new graph" is a first open or a full',
    'ELK run (ELK\'s cache cleared), which the first open total uses.',
    `1,000 components: median of ${Math.min(runs, 5)} runs.`,
    '',
    '| components | boxes / edges | layout ms | diagram layout ms (same graph / new graph) | SVG ms | webview update ms | webview first ms | keystroke total ms | first open total ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    ...graphEditSection(figures),
  ].join('\n');
}

function graphEditSection(figures: RenderFigures[]): string[] {
  const edits = figures.flatMap((f) => (f.graphEdits ?? []).map((g) => ({ f, g })));
  if (!edits.length) return [];
  const f1 = (x: number | undefined) => (x === undefined ? 'n/a' : x.toFixed(1));
  return [
    '',
    'Edits that change the graph, at 20 components (median of the same runs): buildSnapshot of the edited spec while the',
    'layout before the edit is cached, as in the review worker, plus the webview update to it. ELK runs only on a graph it has',
    'not laid out; a box added without relations goes to its band\'s strip, and boxes that only grew or shrank reuse the',
    'cached layout, stretched (`regrow` in `render/elk.ts`). "Full relayout" is the same edit with ELK\'s cache cleared, timed',
    'interleaved in the same run (the machine is shared: compare the ratio, not the absolute times). Target ≤ 50 ms;',
    `baseline ${GRAPH_EDIT_BASELINE_MS} ms (an edit that adds a box or an edge, bench of 2026-12-07, before this round).`,
    '',
    '| edit | layout ms (how) | full relayout ms | ratio | webview update ms | total ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...edits.map(({ g }) => {
      const total = g.layoutMs + (g.webviewMs ?? 0);
      return `| ${g.name} | ${f1(g.layoutMs)} (${g.how === 'elk' ? 'ELK ran' : g.how === 'regrown' ? 'cached, regrown' : 'cached'}) | ${f1(g.relayoutMs)} | ${(g.layoutMs / g.relayoutMs).toFixed(2)}× | ${f1(g.webviewMs)} | **${f1(total)}** (≤ 50) ${total <= 50 ? '✅' : '❌'} |`;
    }),
  ];
}

// `tsx bench/render.ts` prints the figures on its own.
if (require.main === module) {
  benchRender().then((r) => {
    console.log(`Render benchmark (median of ${r.runs}; browser: ${r.browser})`);
    for (const f of r.figures) {
      console.log(`${String(f.components).padStart(4)} components (${f.nodes} boxes, ${f.edges} edges): layout ${f.layoutMs.toFixed(1)} ms, svg ${f.svgMs.toFixed(1)} ms, webview update ${f.webviewUpdateMs?.toFixed(1) ?? 'n/a'} ms, first open ${f.webviewFirstMs?.toFixed(1) ?? 'n/a'} ms`);
      console.log(`      keystroke total ${f.totalMs.toFixed(1)} ms (target ≤ ${f.targetMs} ms: ${f.withinTarget ? 'met' : 'MISSED'}); first open total ${f.firstOpenMs?.toFixed(1) ?? 'n/a'} ms`);
    }
  }, (e) => { console.error(e); process.exitCode = 1; });
}
