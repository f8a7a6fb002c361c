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
import { parentPort, Worker } from 'node:worker_threads';
import { lowerThreadPriority } from './threadPriority.js';
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

interface Job {
  id: number;
  /** When the job was handed to a worker. */
  started?: number;
  key: string;
  text: string;
  options: AnalyzeOptions;
  resolve: (result: AnalysisResult | undefined) => void;
}

/** One worker thread and its queue. */
class Lane {
  private worker?: Worker;
  private running?: Job;
  private readonly queue = new Map<string, Job>();
  private deaths = 0;
  broken = false;

  constructor(private readonly script: string, private readonly log: (message: string) => void, private readonly fallback: Map<string, Analyzer>, private readonly name: 'small' | 'large') {}

  submit(job: Job): void {
    this.queue.get(job.key)?.resolve(undefined);
    this.queue.set(job.key, job);
    this.pump();
  }

  /** Drops the waiting job of a key, and stops its running job if that is worth a worker restart. */
  cancel(key: string): void {
    const queued = this.queue.get(key);
    if (queued) {
      this.queue.delete(key);
      queued.resolve(undefined);
    }
    const job = this.running;
    const ranMs = job?.started === undefined ? 0 : performance.now() - job.started;
    if (job?.key === key && this.worker && job.text.length >= LARGE_TEXT && ranMs >= STOP_AFTER_MS) {
      this.log(`l2spec: stopped the analysis of ${key} after ${ranMs.toFixed(0)} ms: a newer version arrived.`);
      const worker = this.worker;
      this.worker = undefined;
      this.running = undefined;
      void worker.terminate();
      job.resolve(undefined);
      this.pump();
    }
  }

  forget(key: string): void {
    this.cancel(key);
    this.worker?.postMessage({ kind: 'forget', key } satisfies JobMessage);
  }

  get busyWith(): string | undefined {
    return this.running?.key;
  }

  dispose(): void {
    for (const job of this.queue.values()) job.resolve(undefined);
    this.queue.clear();
    this.running?.resolve(undefined);
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running) return;
    const next = this.queue.values().next();
    if (next.done) return;
    const job = next.value;
    this.queue.delete(job.key);
    const worker = this.ensureWorker();
    if (!worker) {
      // No worker threads here: analyse in-process, after the current message has been handled.
      this.running = job;
      setImmediate(() => {
        this.running = undefined;
        try {
          let analyzer = this.fallback.get(job.key);
          if (!analyzer) this.fallback.set(job.key, (analyzer = createAnalyzer()));
          job.resolve(analyzer.analyze(job.text, job.options));
        } catch (error) {
          this.log(`l2spec: analysis failed: ${String((error as Error)?.stack ?? error)}`);
          job.resolve(undefined);
        }
        this.pump();
      });
      return;
    }
    this.running = job;
    job.started = performance.now();
    worker.postMessage({ kind: 'analyze', id: job.id, key: job.key, text: job.text, options: job.options } satisfies JobMessage);
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      const workerData: WorkerFlags = { [ANALYSIS_WORKER_FLAG]: true, lane: this.name };
      const worker = new Worker(this.script, { workerData });
      worker.unref();
      worker.on('message', (reply: ResultMessage) => {
        const job = this.running;
        if (!job || job.id !== reply.id) return;
        this.running = undefined;
        this.deaths = 0;
        if ('error' in reply) {
          this.log(`l2spec: analysis failed: ${reply.error}`);
          job.resolve(undefined);
        } else job.resolve(portableToResult(reply.result));
        this.pump();
      });
      worker.on('error', (error) => this.log(`l2spec: analysis worker error: ${String(error?.stack ?? error)}`));
      worker.on('exit', () => {
        if (this.worker !== worker) return;
        this.worker = undefined;
        if (++this.deaths >= 3) {
          this.broken = true;
          this.log('l2spec: the analysis worker keeps exiting; analysing in-process from now on.');
        }
        const job = this.running;
        this.running = undefined;
        job?.resolve(undefined);
        this.pump();
      });
      this.worker = worker;
    } catch (error) {
      this.broken = true;
      this.log(`l2spec: analysis worker unavailable, analysing in-process: ${String(error)}`);
    }
    return this.worker;
  }
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
    this.small = new Lane(script, log, this.fallback, 'small');
    this.large = new Lane(script, log, this.fallback, 'large');
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
    this.small.forget(key);
    this.large.forget(key);
    this.fallback.delete(key);
  }

  dispose(): void {
    this.small.dispose();
    this.large.dispose();
  }
}
