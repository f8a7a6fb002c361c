// Runs the engine's analysis off the language server's main thread, so a large or hostile spec
// never delays hover, completion or diagnostics of another document. Two worker threads ("lanes"):
// texts from LARGE_TEXT on are analysed in one, smaller texts in the other, so a big spec queues
// behind big specs only. Each lane runs one job at a time and keeps, per document, only the newest
// waiting job; a running job whose document changed is cancelled by ending its worker (a fresh one
// starts with the next job) when the text is large enough for that to pay. Visible documents go
// first (`setPriority`).
//
// The worker is the same bundle (dist/server.js) started with `workerData.l2specAnalysisWorker`.
// What crosses the thread boundary after an edit is what the diagnostics need: the findings, the
// assessment and the model, by structured clone. The parse (`source`, the SourceMap every editor
// feature reads) stays in the worker until a request needs it (`withSource`): copying it with
// every result was half the cost of the copy, and the copy a third of an edit's latency on a
// 5,000-line spec (issue 21). `rangeOf` cannot cross; the main-thread copy answers from the
// source once it is loaded.
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from './threadPriority.js';
import { WorkerLane, type LaneJob } from './workerLane.js';
import { createAnalyzer, SourceMap, type AnalysisResult, type Analyzer, type AnalyzeOptions } from '../engine/index.js';

export const ANALYSIS_WORKER_FLAG = 'l2specAnalysisWorker';
/** Texts from this size on go to the large lane, and a stale job on them may be stopped by ending the worker. */
export const LARGE_TEXT = 64 * 1024;
/**
 * A stale job is stopped only after running this long: a restarted worker starts cold (no cached
 * fragments), so stopping an incremental re-analysis that is about to finish would cost more than it saves.
 */
export const STOP_AFTER_MS = 250;

/** What an analysis sends back: the result without its parse (see withSource) and its function. */
type Portable = Omit<AnalysisResult, 'rangeOf' | 'source'> & { hasSource: boolean };

/** workerData of an analysis worker: which lane it serves. */
interface WorkerFlags {
  [ANALYSIS_WORKER_FLAG]: true;
  lane: 'small' | 'large';
}

type JobMessage =
  | { kind: 'analyze'; id: number; key: string; text: string; options: AnalyzeOptions }
  /** The parse of the analysis job `of` for `key`, if it is still the document's latest. */
  | { kind: 'source'; id: number; key: string; of: number }
  | { kind: 'forget'; key: string };
type ResultMessage = { id: number; result: Portable } | { id: number; source: SourceMap | null } | { id: number; error: string };

/**
 * Entry of an analysis worker thread: one incremental analyzer per document key, and the parse of
 * each document's latest analysis until it is asked for or replaced. The large lane runs at a
 * lower priority, so that a big or hostile spec yields the CPU to the main thread (hover,
 * completion) and to the small lane (the specs being typed in); small jobs are short and keep
 * normal priority, or a busy machine would delay their diagnostics.
 */
export function runAnalysisWorker(flags: Partial<WorkerFlags>): void {
  if (flags.lane === 'large') lowerThreadPriority();
  const analyzers = new Map<string, Analyzer>();
  const sources = new Map<string, { of: number; source: SourceMap | undefined }>();
  parentPort?.on('message', (job: JobMessage) => {
    if (job.kind === 'forget') {
      analyzers.delete(job.key);
      sources.delete(job.key);
      return;
    }
    let reply: ResultMessage;
    try {
      if (job.kind === 'source') {
        const kept = sources.get(job.key);
        reply = { id: job.id, source: kept && kept.of === job.of ? (kept.source ?? null) : null };
      } else {
        let analyzer = analyzers.get(job.key);
        if (!analyzer) analyzers.set(job.key, (analyzer = createAnalyzer()));
        const { rangeOf: _unused, source, ...result } = analyzer.analyze(job.text, job.options);
        sources.set(job.key, { of: job.id, source });
        reply = { id: job.id, result: { ...result, hasSource: source !== undefined } };
      }
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
}

/** How to load the parse of a result that came from a worker. */
interface SourceHandle {
  lane: Lane;
  key: string;
  of: number;
  loading?: Promise<void>;
}

interface Job extends LaneJob<unknown> {
  message: JobMessage;
  /** Texts in the analyze jobs (for the lane's stopping rule). */
  length: number;
}

type Lane = WorkerLane<Job, unknown>;

/** One lane: its worker thread (see workerLane.ts), in-process analyzers shared with the other lane as fallback. */
function createLane(script: string, log: (message: string) => void, fallback: Map<string, Analyzer>, lane: 'small' | 'large', rank: (key: string) => number): Lane {
  const workerData: WorkerFlags = { [ANALYSIS_WORKER_FLAG]: true, lane };
  return new WorkerLane<Job, unknown>({
    script, workerData, log,
    words: { job: 'analysis', worker: 'analysis worker', inProcess: 'analysing in-process' },
    toMessage: (job) => job.message,
    fromReply: (reply) => ('result' in reply ? reply.result : (reply as unknown as { source: unknown }).source),
    runInProcess: (job) => {
      const m = job.message;
      // In-process results keep their parse: nothing to load later.
      if (m.kind !== 'analyze') return null;
      let analyzer = fallback.get(m.key);
      if (!analyzer) fallback.set(m.key, (analyzer = createAnalyzer()));
      return analyzer.analyze(m.text, m.options);
    },
    // Small texts finish sooner than a new worker starts (cold, without cached fragments).
    worthStopping: (job, ranMs) => job.length >= LARGE_TEXT && ranMs >= STOP_AFTER_MS,
    stoppedMessage: (job, ranMs) => `l2spec: stopped the analysis of ${job.key} after ${ranMs.toFixed(0)} ms: a newer version arrived.`,
    // A request for a parse is answered at once (a user waits on it); then visible documents.
    priority: (job) => (job.message.kind === 'source' ? -1 : rank(job.message.key)),
  });
}

const SOURCE_KEY = '\u0000source';

/**
 * Analyses documents on worker threads. `analyze` resolves with the result, or undefined when the
 * job was superseded by a newer one for the same key, cancelled, or failed (the failure is logged).
 * A result from a worker comes without its parse: `withSource` loads it.
 */
export class AnalysisPool {
  private readonly small: Lane;
  private readonly large: Lane;
  private readonly fallback = new Map<string, Analyzer>();
  private readonly handles = new WeakMap<AnalysisResult, SourceHandle>();
  private nextId = 1;
  /** Rank per document key (lower first); documents not listed rank last. */
  private ranks = new Map<string, number>();

  constructor(script: string, log: (message: string) => void) {
    const rank = (key: string) => this.ranks.get(key) ?? Number.MAX_SAFE_INTEGER;
    this.small = createLane(script, log, this.fallback, 'small', rank);
    this.large = createLane(script, log, this.fallback, 'large', rank);
  }

  /** The documents shown to the user, most important first: their jobs run before the others'. */
  setPriority(keys: readonly string[]): void {
    this.ranks = new Map(keys.map((k, i) => [k, i]));
    this.small.preempt();
    this.large.preempt();
  }

  analyze(key: string, text: string, options: AnalyzeOptions): Promise<AnalysisResult | undefined> {
    return new Promise((resolve) => {
      const lane = text.length >= LARGE_TEXT ? this.large : this.small;
      // A document that changed lanes must not also wait in the other one.
      (lane === this.large ? this.small : this.large).cancel(key);
      const id = this.nextId++;
      lane.submit({
        id, key, length: text.length, message: { kind: 'analyze', id, key, text, options },
        resolve: (reply) => {
          if (reply === undefined || reply === null) return resolve(undefined);
          if ('rangeOf' in (reply as object)) return resolve(reply as AnalysisResult); // analysed in-process
          const { hasSource, ...rest } = reply as Portable;
          const result: AnalysisResult = { ...rest, rangeOf: () => undefined };
          if (hasSource) this.handles.set(result, { lane, key, of: id });
          resolve(result);
        },
      });
    });
  }

  /**
   * `result` (from `analyze`) with its parse: `source` and a working `rangeOf`, loaded from the
   * worker on first use and kept on the result. When the worker no longer has it (the worker was
   * restarted, or the document was analysed again since), `result` stays without and undefined
   * is returned.
   */
  async withSource(result: AnalysisResult): Promise<AnalysisResult | undefined> {
    if (result.source) return result;
    const handle = this.handles.get(result);
    // Nothing to load: analysed in-process, or a text with no parse (over size or budget).
    if (!handle) return result;
    handle.loading ??= new Promise<void>((done) => {
      const id = this.nextId++;
      handle.lane.submit({
        id, key: handle.key + SOURCE_KEY, length: 0, message: { kind: 'source', id, key: handle.key, of: handle.of },
        resolve: (reply) => {
          if (reply && typeof reply === 'object') {
            const map = SourceMap.revive(reply as SourceMap);
            result.source = map;
            result.rangeOf = (path, key) => map.rangeOf(path, key);
          }
          done();
        },
      });
    });
    await handle.loading;
    if (!result.source) handle.loading = undefined;
    return result.source ? result : undefined;
  }

  /** A newer version of the document exists: what is queued or running for it is no longer wanted. */
  cancel(key: string): void {
    this.small.cancel(key);
    this.large.cancel(key);
  }

  /** The document closed: cancel its work and drop its cached fragments. */
  forget(key: string): void {
    for (const lane of [this.small, this.large]) {
      lane.cancel(key);
      lane.post({ kind: 'forget', key } satisfies JobMessage);
    }
    this.fallback.delete(key);
  }

  dispose(): void {
    this.small.dispose();
    this.large.dispose();
  }
}
