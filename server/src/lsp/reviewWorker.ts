// Builds review snapshots (analysis + diagram layout for the preview) on worker threads, so a
// large spec's snapshot never delays the diagnostics of the next edit. The worker is the same
// bundle (dist/server.js) started with `workerData.l2specReviewWorker`; it analyses the text
// itself (the parse and layout need the whole result), with one incremental analyzer per
// document, so a keystroke re-parses only the part of the spec it touched, and the plan search
// starts from that analyzer's cache. Two lanes, as for the analysis (analysisPool.ts): texts from
// LARGE_TEXT on are reviewed in their own worker, so a big spec never holds up the previews of
// the others, and in each lane the documents shown go first (issue 22, item 8).
import { parentPort } from 'node:worker_threads';
import { analyze, createAnalyzer, planImprovements, PLAN_ANALYZER, THOROUGH_MAX_ANALYSES, type Analyzer, type AnalyzeOptions } from '../engine/index.js';
import { LARGE_TEXT } from './analysisPool.js';
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
 * analysis comes from `cache`. `analyzer`: the document's incremental analyzer (see createAnalyzer).
 */
export function reviewSnapshot(text: string, options: AnalyzeOptions, base?: CompareBase, cache: BaseAnalysisCache = baseAnalyses, analyzer: Analyzer = createAnalyzer(PLAN_ANALYZER)): ReviewSnapshot {
  const t0 = performance.now();
  const result = analyzer.analyze(text, options);
  const plan = planImprovements(text, { ...options, budgetMs: PREVIEW_PLAN_BUDGET_MS, analyzer, baseMs: performance.now() - t0 }, result);
  const snapshot = buildSnapshot(result, { plan });
  if (base) snapshot.compare = buildCompare(base, result, snapshot.findings, { ...options, analyzeBase: (t, o) => cache.analyze(t, o) });
  return snapshot;
}

/**
 * `previous` (the snapshot of this same text) with its plan searched again within
 * SETTLE_PLAN_BUDGET_MS and THOROUGH_MAX_ANALYSES, so goals the first search cut off can settle.
 * Only the plan is recomputed: the diagram, findings and compare stay as they were.
 */
export function settledSnapshot(previous: ReviewSnapshot, text: string, options: AnalyzeOptions, analyzer: Analyzer = createAnalyzer(PLAN_ANALYZER)): ReviewSnapshot {
  const t0 = performance.now();
  const result = analyzer.analyze(text, options);
  return { ...previous, plan: snapshotPlan(planImprovements(text, { ...options, budgetMs: SETTLE_PLAN_BUDGET_MS, maxAnalyses: THOROUGH_MAX_ANALYSES, analyzer, baseMs: performance.now() - t0 }, result)) };
}

/** A job runs reviewSnapshot, or settledSnapshot when it carries the snapshot to settle. */
interface JobMessage {
  kind?: 'review';
  id: number;
  /** The document: its analyzer is kept between jobs (none for one-off requests). */
  key?: string;
  text: string;
  options: AnalyzeOptions;
  base?: CompareBase;
  settle?: ReviewSnapshot;
}

type ForgetMessage = { kind: 'forget'; key: string };

/** Incremental analyzers of this thread's documents, by key. */
const analyzers = new Map<string, Analyzer>();

function analyzerFor(key: string | undefined): Analyzer {
  // Fragments at any size: the plan search re-analyses variants of the text with this analyzer.
  if (key === undefined) return createAnalyzer(PLAN_ANALYZER);
  let analyzer = analyzers.get(key);
  if (!analyzer) analyzers.set(key, (analyzer = createAnalyzer(PLAN_ANALYZER)));
  return analyzer;
}

const runJob = (job: Omit<JobMessage, 'id'>): ReviewSnapshot =>
  job.settle ? settledSnapshot(job.settle, job.text, job.options, analyzerFor(job.key)) : reviewSnapshot(job.text, job.options, job.base, baseAnalyses, analyzerFor(job.key));

type ResultMessage = { id: number; snapshot: ReviewSnapshot } | { id: number; error: string };

/** Entry of the worker thread. */
export function runReviewWorker(): void {
  lowerThreadPriority();
  parentPort?.on('message', (job: JobMessage | ForgetMessage) => {
    if (job.kind === 'forget') {
      analyzers.delete(job.key);
      return;
    }
    let reply: ResultMessage;
    try {
      reply = { id: job.id, snapshot: runJob(job) };
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
}

interface Pending extends LaneJob<ReviewSnapshot>, Omit<JobMessage, 'id'> {
  /** The lane's key: the document, or a one-off request's own key. */
  key: string;
  /** Whether the worker keeps an analyzer for the key (documents, not one-off requests). */
  keep: boolean;
}

type Lane = WorkerLane<Pending, ReviewSnapshot>;

/**
 * Builds review snapshots on two worker threads (small and large texts; see workerLane.ts: per key
 * only the newest job waits, an older one is answered with undefined; documents shown first);
 * builds them in-process when a worker cannot run.
 */
export class ReviewBuilder {
  private readonly small: Lane;
  private readonly large: Lane;
  private nextId = 1;
  private ranks = new Map<string, number>();

  constructor(script: string, log: (message: string) => void) {
    const lane = (): Lane => new WorkerLane<Pending, ReviewSnapshot>({
      script, workerData: { [WORKER_FLAG]: true }, log,
      words: { job: 'review snapshot', worker: 'review worker', inProcess: 'building snapshots in-process' },
      toMessage: (job) => ({ id: job.id, key: job.keep ? job.key : undefined, text: job.text, options: job.options, base: job.base, settle: job.settle } satisfies JobMessage),
      fromReply: (reply) => (reply as Extract<ResultMessage, { snapshot: ReviewSnapshot }>).snapshot,
      runInProcess: (job) => runJob({ ...job, key: job.keep ? job.key : undefined }),
      // Small specs finish sooner than a new worker would start: let them run and drop the answer;
      // a large text, or a long plan search (settling), is stopped at once.
      worthStopping: (job) => job.text.length >= RESTART_WORTHY_LENGTH || job.settle !== undefined,
      // One-off requests (someone waits on them) first, then the documents shown, then the rest.
      priority: (job) => (job.keep ? (this.ranks.get(job.key) ?? Number.MAX_SAFE_INTEGER) : -1),
    });
    this.small = lane();
    this.large = lane();
  }

  private laneFor(text: string): Lane {
    return text.length >= LARGE_TEXT ? this.large : this.small;
  }

  /** The documents shown to the user, most important first: their snapshots are built first. */
  setPriority(keys: readonly string[]): void {
    this.ranks = new Map(keys.map((k, i) => [k, i]));
    this.small.preempt();
    this.large.preempt();
  }

  private submit(job: Omit<Pending, 'id' | 'resolve'>): Promise<ReviewSnapshot | undefined> {
    const lane = this.laneFor(job.text);
    // A document that changed lanes must not also wait in the other one.
    if (job.keep) (lane === this.large ? this.small : this.large).cancel(job.key);
    return new Promise((resolve) => lane.submit({ ...job, id: this.nextId++, resolve }));
  }

  /**
   * Builds the snapshot of `text` (with `compare` when a `base` is given); undefined when
   * superseded, cancelled or failed. `oneOff`: a request for a text that is not an open
   * document's (no analyzer is kept for it; it goes before the documents' snapshots).
   */
  build(key: string, text: string, options: AnalyzeOptions, base?: CompareBase, oneOff = false): Promise<ReviewSnapshot | undefined> {
    return this.submit({ key, keep: !oneOff, text, options, base });
  }

  /** `previous`, the snapshot of `text`, with its plan searched longer (settledSnapshot); same outcomes as build. */
  settle(key: string, previous: ReviewSnapshot, text: string, options: AnalyzeOptions): Promise<ReviewSnapshot | undefined> {
    return this.submit({ key, keep: true, text, options, settle: previous });
  }

  /**
   * Drops the waiting and running jobs for a key whose text is outdated. A running job on a
   * large text is stopped by ending the worker (a fresh one starts with the next job), so a big
   * spec's stale snapshot does not keep a core busy while the user types.
   */
  cancel(key: string): void {
    this.small.cancel(key);
    this.large.cancel(key);
  }

  /** The document closed: cancel its work and drop its analyzer. */
  forget(key: string): void {
    for (const lane of [this.small, this.large]) {
      lane.cancel(key);
      lane.post({ kind: 'forget', key } satisfies ForgetMessage);
    }
    analyzers.delete(key);
  }

  dispose(): void {
    this.small.dispose();
    this.large.dispose();
  }
}
