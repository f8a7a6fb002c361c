// Eclipse ELK (elkjs) run synchronously. elkjs's public API is asynchronous because it hands the
// graph to a Web Worker; in Node (and in our review worker thread, which is already off the
// keystroke path) the layout code runs in-process anyway, behind a `setTimeout(0)`. We call the
// same in-process dispatcher directly, so `buildSnapshot` stays a plain function for the CLI, the
// exports and the review worker alike. The 1.6 MB layout engine is loaded on first use only, so
// `l2spec check` (which never draws) does not pay for it.

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

function elkWorker(): FakeWorker {
  if (worker) return worker;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('elkjs/lib/elk-worker.min.js') as { Worker?: new () => FakeWorker; default?: new () => FakeWorker };
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
 * Lays out `graph` with ELK (in place: ELK writes x/y, edge sections and label positions into
 * it) and returns it. Synchronous; throws when ELK reports an error.
 */
export function elkLayout(graph: ElkNode): ElkNode {
  const w = elkWorker();
  return call(w, { cmd: 'layout', graph, layoutOptions: {}, options: {} }) ?? graph;
}
