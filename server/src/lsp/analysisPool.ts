// Runs the engine's analysis off the language server's main thread, so a large or hostile spec
// never delays hover, completion or diagnostics of another document. Two worker threads ("lanes"):
// texts from LARGE_TEXT on are analysed in one, smaller texts in the other, so a big spec queues
// behind big specs only. Each lane runs one job at a time and keeps, per document, only the newest
// waiting job; a running job whose document changed is cancelled by ending its worker (a fresh one
// starts with the next job) when the text is large enough for that to pay.
//
// The worker is the same bundle (dist/server.js) started with `workerData.l2specAnalysisWorker`.
// An AnalysisResult crosses the thread boundary by structured clone (Maps and shared references
// survive); only its `rangeOf` function cannot, so the main-thread copy answers undefined there
// (nothing on the main thread uses it: review snapshots are built in their own worker).
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from './threadPriority.js';
import { WorkerLane, type LaneJob } from './workerLane.js';
import { createAnalyzer, type AnalysisResult, type Analyzer, type AnalyzeOptions } from '../engine/index.js';

export const ANALYSIS_WORKER_FLAG = 'l2specAnalysisWorker';
/** Texts from this size on go to the large lane, and a stale job on them may be stopped by ending the worker. */
export const LARGE_TEXT = 64 * 1024;
/**
 * A stale job is stopped only after running this long: a restarted worker starts cold (no cached
 * fragments), so stopping an incremental re-analysis that is about to finish would cost more than it saves.
 */
export const STOP_AFTER_MS = 250;

type Portable = Omit<AnalysisResult, 'rangeOf'>;

/** workerData of an analysis worker: which lane it serves. */
interface WorkerFlags {
  [ANALYSIS_WORKER_FLAG]: true;
  lane: 'small' | 'large';
}

type JobMessage = { kind: 'analyze'; id: number; key: string; text: string; options: AnalyzeOptions } | { kind: 'forget'; key: string };
type ResultMessage = { id: number; result: Portable } | { id: number; error: string };

/**
 * Entry of an analysis worker thread: one incremental analyzer per document key. The large lane
 * runs at a lower priority, so that a big or hostile spec yields the CPU to the main thread (hover,
 * completion) and to the small lane (the specs being typed in); small jobs are short and keep
 * normal priority, or a busy machine would delay their diagnostics.
 */
export function runAnalysisWorker(flags: Partial<WorkerFlags>): void {
  if (flags.lane === 'large') lowerThreadPriority();
  const analyzers = new Map<string, Analyzer>();
  parentPort?.on('message', (job: JobMessage) => {
    if (job.kind === 'forget') {
      analyzers.delete(job.key);
      return;
    }
    let reply: ResultMessage;
    try {
      let analyzer = analyzers.get(job.key);
      if (!analyzer) analyzers.set(job.key, (analyzer = createAnalyzer()));
      const { rangeOf: _unused, ...result } = analyzer.analyze(job.text, job.options);
      reply = { id: job.id, result };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
}

function portableToResult(result: Portable): AnalysisResult {
  return { ...result, rangeOf: () => undefined };
}

interface Job extends LaneJob<AnalysisResult> {
  text: string;
  options: AnalyzeOptions;
}

type Lane = WorkerLane<Job, AnalysisResult>;

/** One lane: its worker thread (see workerLane.ts), in-process analyzers shared with the other lane as fallback. */
function createLane(script: string, log: (message: string) => void, fallback: Map<string, Analyzer>, lane: 'small' | 'large'): Lane {
  const workerData: WorkerFlags = { [ANALYSIS_WORKER_FLAG]: true, lane };
  return new WorkerLane<Job, AnalysisResult>({
    script, workerData, log,
    words: { job: 'analysis', worker: 'analysis worker', inProcess: 'analysing in-process' },
    toMessage: (job) => ({ kind: 'analyze', id: job.id, key: job.key, text: job.text, options: job.options } satisfies JobMessage),
    fromReply: (reply) => portableToResult((reply as Extract<ResultMessage, { result: Portable }>).result),
    runInProcess: (job) => {
      let analyzer = fallback.get(job.key);
      if (!analyzer) fallback.set(job.key, (analyzer = createAnalyzer()));
      return analyzer.analyze(job.text, job.options);
    },
    // Small texts finish sooner than a new worker starts (cold, without cached fragments).
    worthStopping: (job, ranMs) => job.text.length >= LARGE_TEXT && ranMs >= STOP_AFTER_MS,
    stoppedMessage: (job, ranMs) => `l2spec: stopped the analysis of ${job.key} after ${ranMs.toFixed(0)} ms: a newer version arrived.`,
  });
}

/**
 * Analyses documents on worker threads. `analyze` resolves with the result, or undefined when the
 * job was superseded by a newer one for the same key, cancelled, or failed (the failure is logged).
 */
export class AnalysisPool {
  private readonly small: Lane;
  private readonly large: Lane;
  private readonly fallback = new Map<string, Analyzer>();
  private nextId = 1;

  constructor(script: string, log: (message: string) => void) {
    this.small = createLane(script, log, this.fallback, 'small');
    this.large = createLane(script, log, this.fallback, 'large');
  }

  analyze(key: string, text: string, options: AnalyzeOptions): Promise<AnalysisResult | undefined> {
    return new Promise((resolve) => {
      const lane = text.length >= LARGE_TEXT ? this.large : this.small;
      // A document that changed lanes must not also wait in the other one.
      (lane === this.large ? this.small : this.large).cancel(key);
      lane.submit({ id: this.nextId++, key, text, options, resolve });
    });
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
