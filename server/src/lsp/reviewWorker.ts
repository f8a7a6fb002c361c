// Builds review snapshots (analysis + diagram layout for the preview) on a worker thread, so a
// large spec's snapshot never delays the diagnostics of the next edit. The worker is the same
// bundle (dist/server.js) started with `workerData.l2specReviewWorker`; it analyses the text
// itself, because an AnalysisResult (with functions and Maps) cannot cross threads.
import { parentPort } from 'node:worker_threads';
import { analyze, planImprovements, THOROUGH_MAX_ANALYSES, type AnalyzeOptions } from '../engine/index.js';
import { lowerThreadPriority } from './threadPriority.js';
import { WorkerLane, type LaneJob } from './workerLane.js';
import { buildSnapshot, snapshotPlan, type ReviewSnapshot } from '../render/snapshot.js';
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
 * Analyses the text and plans its improvements (within PREVIEW_PLAN_BUDGET_MS), as the preview
 * shows them. With a `base` (the document at its git HEAD, from l2spec/baseRevision) the snapshot
 * also carries `compare`, the design diff base → text (buildCompare: a base over
 * `options.maxSize`, or one that is not a readable spec, gives `baseError` instead). The base's
 * analysis comes from `cache`.
 */
export function reviewSnapshot(text: string, options: AnalyzeOptions, base?: CompareBase, cache: BaseAnalysisCache = baseAnalyses): ReviewSnapshot {
  const result = analyze(text, options);
  const snapshot = buildSnapshot(result, { plan: planImprovements(text, { ...options, budgetMs: PREVIEW_PLAN_BUDGET_MS }, result) });
  if (base) snapshot.compare = buildCompare(base, result, snapshot.findings, { ...options, analyzeBase: (t, o) => cache.analyze(t, o) });
  return snapshot;
}

/**
 * `previous` (the snapshot of this same text) with its plan searched again within
 * SETTLE_PLAN_BUDGET_MS and THOROUGH_MAX_ANALYSES, so goals the first search cut off can settle.
 * Only the plan is recomputed: the diagram, findings and compare stay as they were.
 */
export function settledSnapshot(previous: ReviewSnapshot, text: string, options: AnalyzeOptions): ReviewSnapshot {
  return { ...previous, plan: snapshotPlan(planImprovements(text, { ...options, budgetMs: SETTLE_PLAN_BUDGET_MS, maxAnalyses: THOROUGH_MAX_ANALYSES })) };
}

/** A job runs reviewSnapshot, or settledSnapshot when it carries the snapshot to settle. */
interface JobMessage {
  id: number;
  text: string;
  options: AnalyzeOptions;
  base?: CompareBase;
  settle?: ReviewSnapshot;
}

const runJob = (job: Omit<JobMessage, 'id'>): ReviewSnapshot =>
  job.settle ? settledSnapshot(job.settle, job.text, job.options) : reviewSnapshot(job.text, job.options, job.base);

type ResultMessage = { id: number; snapshot: ReviewSnapshot } | { id: number; error: string };

/** Entry of the worker thread. */
export function runReviewWorker(): void {
  lowerThreadPriority();
  parentPort?.on('message', (job: JobMessage) => {
    let reply: ResultMessage;
    try {
      reply = { id: job.id, snapshot: runJob(job) };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
}

interface Pending extends LaneJob<ReviewSnapshot>, Omit<JobMessage, 'id'> {}

/**
 * Builds review snapshots on one worker thread (see workerLane.ts: per key only the newest job
 * waits, an older one is answered with undefined); builds them in-process when a worker cannot run.
 */
export class ReviewBuilder {
  private readonly lane: WorkerLane<Pending, ReviewSnapshot>;
  private nextId = 1;

  constructor(script: string, log: (message: string) => void) {
    this.lane = new WorkerLane<Pending, ReviewSnapshot>({
      script, workerData: { [WORKER_FLAG]: true }, log,
      words: { job: 'review snapshot', worker: 'review worker', inProcess: 'building snapshots in-process' },
      toMessage: (job) => ({ id: job.id, text: job.text, options: job.options, base: job.base, settle: job.settle } satisfies JobMessage),
      fromReply: (reply) => (reply as Extract<ResultMessage, { snapshot: ReviewSnapshot }>).snapshot,
      runInProcess: runJob,
      // Small specs finish sooner than a new worker would start: let them run and drop the answer;
      // a large text, or a long plan search (settling), is stopped at once.
      worthStopping: (job) => job.text.length >= RESTART_WORTHY_LENGTH || job.settle !== undefined,
    });
  }

  /**
   * Builds the snapshot of `text` (with `compare` when a `base` is given); undefined when
   * superseded, cancelled or failed.
   */
  build(key: string, text: string, options: AnalyzeOptions, base?: CompareBase): Promise<ReviewSnapshot | undefined> {
    return new Promise((resolve) => this.lane.submit({ id: this.nextId++, key, text, options, base, resolve }));
  }

  /** `previous`, the snapshot of `text`, with its plan searched longer (settledSnapshot); same outcomes as build. */
  settle(key: string, previous: ReviewSnapshot, text: string, options: AnalyzeOptions): Promise<ReviewSnapshot | undefined> {
    return new Promise((resolve) => this.lane.submit({ id: this.nextId++, key, text, options, settle: previous, resolve }));
  }

  /**
   * Drops the waiting and running jobs for a key whose text is outdated. A running job on a
   * large text is stopped by ending the worker (a fresh one starts with the next job), so a big
   * spec's stale snapshot does not keep a core busy while the user types.
   */
  cancel(key: string): void {
    this.lane.cancel(key);
  }

  dispose(): void {
    this.lane.dispose();
  }
}
