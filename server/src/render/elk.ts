// Eclipse ELK (elkjs) run synchronously. elkjs's public API is asynchronous because it hands the
// graph to a Web Worker; in Node (and in our review worker thread, which is already off the
// keystroke path) the layout code runs in-process anyway, behind a `setTimeout(0)`. We call the
// same in-process dispatcher directly, so `buildSnapshot` stays a plain function for the CLI, the
// exports and the review worker alike. The 1.6 MB layout engine is loaded on first use only (see
// loadElkModule), so `l2spec check` and the extension host (which never lay out) do not pay for it.

/** The ELK JSON graph subset we use (see https://eclipse.dev/elk/documentation/tooldevelopers/graphdatastructure/jsonformat.html). */
export interface ElkLabel { id?: string; text?: string; width: number; height: number; x?: number; y?: number }
export interface ElkNode {
  id: string;
  width?: number;
  height?: number;
  x?: number;
  y?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkNode[];
  edges?: ElkEdge[];
}
export interface ElkPoint { x: number; y: number }
export interface ElkSection { startPoint: ElkPoint; endPoint: ElkPoint; bendPoints?: ElkPoint[] }
export interface ElkEdge { id: string; sources: string[]; targets: string[]; labels?: ElkLabel[]; sections?: ElkSection[] }

interface FakeWorker {
  onmessage: (m: { data: { id: number; data?: ElkNode; error?: unknown } }) => void;
  dispatcher: { saveDispatch(event: { data: unknown }): void };
}

let worker: FakeWorker | undefined;
let reply: { id: number; data?: ElkNode; error?: unknown } | undefined;
let nextId = 1;

type ElkModule = { Worker?: new () => FakeWorker; default?: new () => FakeWorker };

/**
 * elkjs's in-process worker. The bundles (dist/server.js, dist/cli.js) do not contain it: the
 * build copies it beside them as dist/elk-worker.min.js, read only when a diagram is laid out, so
 * the CLI's and the extension's start-up do not parse 1.6 MB they rarely need. From sources
 * (tests, benchmarks) it comes from node_modules. The require is indirect so that esbuild leaves it.
 */
function loadElkModule(): ElkModule {
  const load = require as (id: string) => unknown;
  if (typeof __dirname === 'string') {
    try {
      return load(`${__dirname}/elk-worker.min.js`) as ElkModule;
    } catch {
      // Not a bundle: fall through to the package.
    }
  }
  return load('elkjs/lib/elk-worker.min.js') as ElkModule;
}

function elkWorker(): FakeWorker {
  if (worker) return worker;
  const mod = loadElkModule();
  const Ctor = mod.Worker ?? mod.default;
  if (!Ctor) throw new Error('elkjs: no in-process worker found');
  const w = new Ctor();
  w.onmessage = (m) => { reply = m.data; };
  call(w, { cmd: 'register', algorithms: ['layered'] });
  worker = w;
  return w;
}

function call(w: FakeWorker, message: Record<string, unknown>): ElkNode | undefined {
  const id = nextId++;
  reply = undefined;
  w.dispatcher.saveDispatch({ data: { ...message, id } });
  const r = reply as { id: number; data?: ElkNode; error?: unknown } | undefined;
  if (!r || r.id !== id) throw new Error('elkjs did not answer synchronously');
  if (r.error) throw new Error(`elkjs: ${String((r.error as Error)?.message ?? r.error)}`);
  return r.data;
}

/**
 * Layouts of the last few graphs, by the graph's JSON without the boxes' heights (ids, widths,
 * edges, label sizes, options), with the heights they were laid out at. ELK costs 20 ms or more
 * even for a tiny graph, while most edits change only text inside boxes: the boxes and edges stay
 * the same and at most a box grows or shrinks by a line (a findings count appears, a title wraps).
 * Such a graph reuses the cached layout, stretched where a box grew (see regrow).
 */
const cache = new Map<string, { heights: number[]; text: string }>();
const CACHE_SIZE = 8;

/** Forgets the cached layouts (the benchmark times ELK on new graphs with it). */
export function clearElkCache(): void {
  cache.clear();
}

/** How the last elkLayout call was answered (for the benchmark and tests). */
export let lastElkLayout: 'elk' | 'cached' | 'regrown' = 'elk';

/**
 * Lays out `graph` with ELK and returns the laid-out graph (x/y of the children, edge sections,
 * label positions); `graph` itself is not changed. Synchronous and deterministic (ELK's fixed
 * seed). The same graph again comes from a small cache; the same graph with some boxes taller or
 * shorter comes from the cache too, regrown (no ELK run). Throws when ELK reports an error.
 */
export function elkLayout(graph: ElkNode): ElkNode {
  const children = graph.children ?? [];
  const heights = children.map((c) => c.height ?? 0);
  const key = JSON.stringify({ ...graph, children: children.map((c) => ({ ...c, height: undefined })) });
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    const out = JSON.parse(hit.text) as ElkNode;
    if (hit.heights.every((h, i) => h === heights[i])) { lastElkLayout = 'cached'; return out; }
    lastElkLayout = 'regrown';
    return regrow(out, new Map(children.map((c, i) => [c.id, heights[i]!])));
  }
  const w = elkWorker();
  const out = call(w, { cmd: 'layout', graph: JSON.parse(JSON.stringify(graph)), layoutOptions: {}, options: {} });
  if (!out) throw new Error('elkjs returned no graph');
  const text = JSON.stringify(out);
  cache.set(key, { heights, text });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  lastElkLayout = 'elk';
  return JSON.parse(text) as ElkNode;
}

/**
 * A laid-out graph with some boxes given new heights, without running ELK again. Boxes keep their
 * top. Below a box that grew by d, a strip d px high is inserted across the drawing (everything
 * whose top is at or below the box's old bottom moves down by d, so vertical lines crossing the
 * strip just get longer and horizontal stretches stay where nothing else is); a box that shrank
 * leaves its space. Edge ends that sat on a box's top or bottom are put back on it, which only
 * lengthens or shortens their first or last (vertical) stretch: the drawing stays orthogonal, with
 * the same order, no new crossing and no line through a box.
 */
function regrow(out: ElkNode, heights: ReadonlyMap<string, number>): ElkNode {
  const kids = out.children ?? [];
  const old = new Map(kids.map((c) => [c.id, { y: c.y ?? 0, h: c.height ?? 0 }]));
  // One strip per box that grew (boxes side by side that grew leave a little slack, never an overlap).
  const cuts: { at: number; d: number }[] = [];
  for (const c of kids) {
    const h = heights.get(c.id) ?? c.height ?? 0;
    if (h > (c.height ?? 0)) cuts.push({ at: (c.y ?? 0) + (c.height ?? 0), d: h - (c.height ?? 0) });
  }
  const merged = cuts;
  const shift = (y: number): number => {
    let s = 0;
    for (const c of merged) if (y >= c.at - 0.01) s += c.d;
    return y + s;
  };
  // Which box top or bottom each edge end sat on, before moving anything.
  const ends = (out.edges ?? []).map((e) => {
    const at = (id: string | undefined, y: number): { id: string; side: 'top' | 'bottom' } | undefined => {
      const o = id !== undefined ? old.get(id) : undefined;
      if (!o) return undefined;
      if (Math.abs(y - o.y) < 0.5) return { id: id!, side: 'top' };
      if (Math.abs(y - (o.y + o.h)) < 0.5) return { id: id!, side: 'bottom' };
      return undefined;
    };
    const s = e.sections?.[0];
    const t = e.sections?.[e.sections.length - 1];
    return { start: s ? at(e.sources[0], s.startPoint.y) : undefined, end: t ? at(e.targets[0], t.endPoint.y) : undefined };
  });
  for (const c of kids) {
    c.y = shift(c.y ?? 0);
    c.height = heights.get(c.id) ?? c.height;
  }
  const byId = new Map(kids.map((c) => [c.id, c]));
  const snap = (p: ElkPoint, end: { id: string; side: 'top' | 'bottom' } | undefined): void => {
    const c = end && byId.get(end.id);
    if (c) p.y = end!.side === 'top' ? c.y! : c.y! + c.height!;
  };
  (out.edges ?? []).forEach((e, i) => {
    for (const s of e.sections ?? []) {
      s.startPoint.y = shift(s.startPoint.y);
      s.endPoint.y = shift(s.endPoint.y);
      for (const b of s.bendPoints ?? []) b.y = shift(b.y);
    }
    for (const l of e.labels ?? []) if (l.y !== undefined) l.y = shift(l.y);
    const first = e.sections?.[0];
    const last = e.sections?.[e.sections.length - 1];
    if (first) snap(first.startPoint, ends[i]!.start);
    if (last) snap(last.endPoint, ends[i]!.end);
  });
  out.height = (out.height ?? 0) + merged.reduce((sum, c) => sum + c.d, 0);
  return out;
}
