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
 * Layouts of the last few graphs, by the graph's JSON (ids, sizes, edges, options). ELK costs
 * 20 ms or more even for a tiny graph, while most edits change only text inside boxes: the boxes,
 * edges and label sizes stay the same, and so does the layout.
 */
const cache = new Map<string, string>();
const CACHE_SIZE = 8;

/** Forgets the cached layouts (the benchmark times ELK on new graphs with it). */
export function clearElkCache(): void {
  cache.clear();
}

/**
 * Lays out `graph` with ELK and returns the laid-out graph (x/y of the children, edge sections,
 * label positions); `graph` itself is not changed. Synchronous and deterministic (ELK's fixed
 * seed); the same graph again comes from a small cache. Throws when ELK reports an error.
 */
export function elkLayout(graph: ElkNode): ElkNode {
  const key = JSON.stringify(graph);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return JSON.parse(hit) as ElkNode;
  }
  const w = elkWorker();
  const out = call(w, { cmd: 'layout', graph: JSON.parse(key), layoutOptions: {}, options: {} });
  if (!out) throw new Error('elkjs returned no graph');
  const text = JSON.stringify(out);
  cache.set(key, text);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return JSON.parse(text) as ElkNode;
}
