// Builds review snapshots (analysis + diagram layout for the preview) on a worker thread, so a
// large spec's snapshot never delays the diagnostics of the next edit. The worker is the same
// bundle (dist/server.js) started with `workerData.l2specReviewWorker`; it analyses the text
// itself, because an AnalysisResult (with functions and Maps) cannot cross threads.
import { parentPort, Worker } from 'node:worker_threads';
import { analyze, planImprovements, THOROUGH_MAX_ANALYSES, type AnalyzeOptions } from '../engine/index.js';
import { lowerThreadPriority } from './threadPriority.js';
import { buildSnapshot, type ReviewSnapshot } from '../render/snapshot.js';
import { buildCompare, type CompareBase } from '../render/compare.js';
import type { AnalysisResult } from '../engine/index.js';

export const WORKER_FLAG = 'l2specReviewWorker';
/** Texts from this size on take longer to review than a fresh worker takes to start. */
const RESTART_WORTHY_LENGTH = 64 * 1024;

/** Wall-clock bound for "What it would take" per snapshot: goals not settled by then show as cut off. */
export const PREVIEW_PLAN_BUDGET_MS = 250;
/**
 * Bound of the follow-up build that settles goals the first one cut off, once the document rests
 * (the same bound as `l2spec check`). A newer version stops it.
 */
export const SETTLE_PLAN_BUDGET_MS = 2000;

/**
 * Analyses of base texts, by text and options. The base of a document (its git HEAD) stays the
 * same while its current text changes with every keystroke, so each snapshot re-analyses only
 * the current text. Bounded by entries and by the total length of the texts kept (the newest
 * entry always stays); least recently used entries go first.
 */
export class BaseAnalysisCache {
  private readonly entries = new Map<string, { optionsKey: string; result: AnalysisResult }>();
  private chars = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly capacity = 4, private readonly maxChars = 8 * 1024 * 1024) {}

  analyze(text: string, options: AnalyzeOptions): AnalysisResult {
    const optionsKey = JSON.stringify(options);
    const cached = this.entries.get(text);
    if (cached && cached.optionsKey === optionsKey) {
      this.hits++;
      // Refresh its place (a Map keeps insertion order: the first key is the least recently used).
      this.entries.delete(text);
      this.entries.set(text, cached);
      return cached.result;
    }
    this.misses++;
    const result = analyze(text, options);
    if (this.entries.delete(text)) this.chars -= text.length;
    this.entries.set(text, { optionsKey, result });
    this.chars += text.length;
    while (this.entries.size > 1 && (this.entries.size > this.capacity || this.chars > this.maxChars)) {
      const oldest = this.entries.keys().next().value!;
      this.entries.delete(oldest);
      this.chars -= oldest.length;
    }
    return result;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The cache of this thread (the worker's, or the server's own when snapshots are built in-process). */
const baseAnalyses = new BaseAnalysisCache();

/**
 * Analyses the text and plans its improvements (bounded), as the preview shows them. With a
 * `base` (the document at its git HEAD, from l2spec/baseRevision) the snapshot also carries
 * `compare`, the design diff base → text (buildCompare: a base over `options.maxSize`, or one
 * that is not a readable spec, gives `baseError` instead). The base's analysis comes from `cache`.
 */
export function reviewSnapshot(text: string, options: AnalyzeOptions, base?: CompareBase, cache: BaseAnalysisCache = baseAnalyses, planBudgetMs = PREVIEW_PLAN_BUDGET_MS): ReviewSnapshot {
  const result = analyze(text, options);
  // The settling build (a larger time budget) may also re-analyse more often.
  const maxAnalyses = planBudgetMs > PREVIEW_PLAN_BUDGET_MS ? THOROUGH_MAX_ANALYSES : undefined;
  const snapshot = buildSnapshot(result, { plan: planImprovements(text, { ...options, budgetMs: planBudgetMs, ...(maxAnalyses ? { maxAnalyses } : {}) }, result) });
  if (base) snapshot.compare = buildCompare(base, result, snapshot.findings, { ...options, analyzeBase: (t, o) => cache.analyze(t, o) });
  return snapshot;
}

interface JobMessage {
  id: number;
  text: string;
  options: AnalyzeOptions;
  base?: CompareBase;
  planBudgetMs: number;
}

type ResultMessage = { id: number; snapshot: ReviewSnapshot } | { id: number; error: string };

/** Entry of the worker thread. */
export function runReviewWorker(): void {
  lowerThreadPriority();
  parentPort?.on('message', (job: JobMessage) => {
    let reply: ResultMessage;
    try {
      reply = { id: job.id, snapshot: reviewSnapshot(job.text, job.options, job.base, baseAnalyses, job.planBudgetMs) };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
}

interface Pending {
  id: number;
  text: string;
  options: AnalyzeOptions;
  base?: CompareBase;
  planBudgetMs: number;
  resolve: (snapshot: ReviewSnapshot | undefined) => void;
}

/**
 * One worker, one job at a time; per key only the newest job waits (an older one is answered
 * with undefined). Falls back to building in-process when a worker cannot run.
 */
export class ReviewBuilder {
  private worker?: Worker;
  private broken = false;
  /** Workers that died before answering anything; after a few, snapshots are built in-process. */
  private deaths = 0;
  private inFlight?: Pending;
  private inFlightKey?: string;
  private readonly queue = new Map<string, Pending>();
  private nextId = 1;

  constructor(private readonly script: string, private readonly log: (message: string) => void) {}

  /**
   * Builds the snapshot of `text` (with `compare` when a `base` is given, its plan bounded by
   * `planBudgetMs`); undefined when superseded, cancelled or failed.
   */
  build(key: string, text: string, options: AnalyzeOptions, base?: CompareBase, planBudgetMs = PREVIEW_PLAN_BUDGET_MS): Promise<ReviewSnapshot | undefined> {
    return new Promise((resolve) => {
      const previous = this.queue.get(key);
      if (previous) previous.resolve(undefined);
      this.queue.set(key, { id: this.nextId++, text, options, base, planBudgetMs, resolve });
      this.pump();
    });
  }

  /**
   * Drops the waiting and running jobs for a key whose text is outdated. A running job on a
   * large text is stopped by ending the worker (a fresh one starts with the next job), so a big
   * spec's stale snapshot does not keep a core busy while the user types.
   */
  cancel(key: string): void {
    const queued = this.queue.get(key);
    if (queued) {
      this.queue.delete(key);
      queued.resolve(undefined);
    }
    // Small specs finish sooner than a new worker would start: let them run and drop the answer;
    // a long plan search (the settling build) is stopped whatever the size.
    const long = this.inFlight && (this.inFlight.text.length >= RESTART_WORTHY_LENGTH || this.inFlight.planBudgetMs > PREVIEW_PLAN_BUDGET_MS);
    if (this.inFlight && this.inFlightKey === key && this.worker && long) {
      const worker = this.worker;
      const job = this.inFlight;
      this.worker = undefined;
      this.inFlight = undefined;
      this.inFlightKey = undefined;
      void worker.terminate();
      job.resolve(undefined);
      this.pump();
    }
  }

  dispose(): void {
    for (const p of this.queue.values()) p.resolve(undefined);
    this.queue.clear();
    this.inFlight?.resolve(undefined);
    this.inFlight = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.inFlight) return;
    const next = this.queue.entries().next();
    if (next.done) return;
    const [key, job] = next.value;
    this.queue.delete(key);
    const worker = this.ensureWorker();
    if (!worker) {
      // No worker: build here, after the current message has been handled.
      setImmediate(() => {
        try {
          job.resolve(reviewSnapshot(job.text, job.options, job.base, baseAnalyses, job.planBudgetMs));
        } catch (error) {
          this.log(`l2spec: review snapshot failed: ${String((error as Error)?.stack ?? error)}`);
          job.resolve(undefined);
        }
        this.pump();
      });
      return;
    }
    this.inFlight = job;
    this.inFlightKey = key;
    worker.postMessage({ id: job.id, text: job.text, options: job.options, base: job.base, planBudgetMs: job.planBudgetMs } satisfies JobMessage);
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(this.script, { workerData: { [WORKER_FLAG]: true } });
      worker.unref();
      worker.on('message', (reply: ResultMessage) => {
        const job = this.inFlight;
        if (!job || job.id !== reply.id) return;
        this.inFlight = undefined;
        this.inFlightKey = undefined;
        this.deaths = 0;
        if ('error' in reply) {
          this.log(`l2spec: review snapshot failed: ${reply.error}`);
          job.resolve(undefined);
        } else job.resolve(reply.snapshot);
        this.pump();
      });
      worker.on('error', (error) => this.log(`l2spec: review worker error: ${String(error?.stack ?? error)}`));
      worker.on('exit', () => {
        if (this.worker !== worker) return;
        // A dead worker is replaced on the next job; its job is answered with nothing.
        this.worker = undefined;
        if (++this.deaths >= 3) {
          this.broken = true;
          this.log('l2spec: the review worker keeps exiting; building snapshots in-process from now on.');
        }
        const job = this.inFlight;
        this.inFlight = undefined;
        this.inFlightKey = undefined;
        job?.resolve(undefined);
        this.pump();
      });
      this.worker = worker;
    } catch (error) {
      this.broken = true;
      this.log(`l2spec: review worker unavailable, building snapshots in-process: ${String(error)}`);
    }
    return this.worker;
  }
}
