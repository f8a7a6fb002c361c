// One worker thread and its queue of keyed jobs, shared by the analysis pool (analysisPool.ts)
// and the review snapshot builder (reviewWorker.ts):
//   - one job runs at a time; per key only the newest waiting job is kept (an older one is
//     answered with undefined);
//   - a running job whose key went stale may be stopped by ending the worker, when the owner
//     says that pays (a fresh worker starts with the next job);
//   - the next job is the one of the highest priority (the owner's `priority`: the document the
//     user looks at first), the oldest among equals; a job of higher priority may stop a running
//     job the owner says is worth stopping, which then waits again (issue 22, item 8);
//   - a worker that keeps dying, or cannot start, gives way to running jobs on this thread.
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** A job: `resolve` gets the result, or undefined when superseded, cancelled or failed. */
export interface LaneJob<R> {
  id: number;
  key: string;
  resolve(result: R | undefined): void;
  /** performance.now() when the job was handed to the worker. */
  started?: number;
}

/** What the worker posts back for a job: its result fields, or an error. */
export type LaneReply = { id: number; error: string } | { id: number; [field: string]: unknown };

export interface LaneSpec<J extends LaneJob<R>, R> {
  /** The bundle the worker runs, and the workerData that selects its entry point. */
  script: string;
  workerData: unknown;
  /** V8 heap limits of the worker (default: Node's). */
  resourceLimits?: ResourceLimits;
  /** Words for the log: a job ("analysis"), the worker ("analysis worker"), the fallback ("analysing in-process"). */
  words: { job: string; worker: string; inProcess: string };
  log(message: string): void;
  /** The message the worker gets for a job. */
  toMessage(job: J): unknown;
  /** The result carried by a successful reply. */
  fromReply(reply: LaneReply): R;
  /** Runs a job on this thread when no worker can run. */
  runInProcess(job: J): R;
  /** Whether a running job whose key went stale is worth ending the worker for, after `ranMs`. */
  worthStopping(job: J, ranMs: number): boolean;
  /** A log line for a stopped job, if the owner wants one. */
  stoppedMessage?(job: J, ranMs: number): string;
  /**
   * Rank of a job, lower first (default 0 for all: first come, first served). Read when the next
   * job is chosen, so a change of rank (another document became visible) applies to waiting jobs.
   */
  priority?(job: J): number;
  /**
   * Whether a waiting job of higher rank may stop the running one (default: yes). A job that
   * reads what the worker holds must not: stopping the worker loses it.
   */
  preempts?(waiting: J): boolean;
}

/** Workers that die before answering anything this many times in a row are given up on. */
const MAX_DEATHS = 3;

export class WorkerLane<J extends LaneJob<R>, R> {
  private worker?: Worker;
  private running?: J;
  private readonly queue = new Map<string, J>();
  /** Workers that died before answering anything; after MAX_DEATHS, jobs run in-process. */
  private deaths = 0;
  private broken = false;

  constructor(private readonly spec: LaneSpec<J, R>) {}

  /** Queues a job, answering the key's previous waiting job with undefined. */
  submit(job: J): void {
    // The newer job takes the older one's place in line (a document typed in is not sent to the back).
    this.queue.get(job.key)?.resolve(undefined);
    this.queue.set(job.key, job);
    this.pump();
    this.preempt();
  }

  /**
   * Stops the running job when a waiting job ranks above it and the owner says the running one is
   * worth stopping (a long job on a large text): the stopped job waits again, unless a newer job of
   * its key already does. Call it when ranks change.
   */
  preempt(): void {
    const job = this.running;
    const rank = this.spec.priority;
    if (!job || !this.worker || !rank) return;
    const best = this.next();
    if (!best || rank.call(this.spec, best) >= rank.call(this.spec, job)) return;
    if (this.spec.preempts && !this.spec.preempts(best)) return;
    const ranMs = job.started === undefined ? 0 : performance.now() - job.started;
    if (!this.spec.worthStopping(job, ranMs)) return;
    this.spec.log(`l2spec: paused the ${this.spec.words.job} of ${job.key} after ${ranMs.toFixed(0)} ms for ${best.key}, which is shown.`);
    const worker = this.worker;
    this.worker = undefined;
    this.running = undefined;
    void worker.terminate();
    if (this.queue.has(job.key)) job.resolve(undefined);
    else {
      job.started = undefined;
      this.queue.set(job.key, job);
    }
    this.pump();
  }

  /** The waiting job to run next: the lowest rank, the oldest among equals. */
  private next(): J | undefined {
    const rank = this.spec.priority;
    let best: J | undefined;
    let bestRank = Infinity;
    for (const job of this.queue.values()) {
      if (!rank) return job;
      const r = rank.call(this.spec, job);
      if (best === undefined || r < bestRank) {
        best = job;
        bestRank = r;
      }
    }
    return best;
  }

  /** Drops the waiting job of a key, and stops its running job when the owner says that pays. */
  cancel(key: string): void {
    const queued = this.queue.get(key);
    if (queued) {
      this.queue.delete(key);
      queued.resolve(undefined);
    }
    const job = this.running;
    if (!job || job.key !== key || !this.worker) return;
    const ranMs = job.started === undefined ? 0 : performance.now() - job.started;
    if (!this.spec.worthStopping(job, ranMs)) return;
    const message = this.spec.stoppedMessage?.(job, ranMs);
    if (message) this.spec.log(message);
    const worker = this.worker;
    this.worker = undefined;
    this.running = undefined;
    void worker.terminate();
    job.resolve(undefined);
    this.pump();
  }

  /** Posts a message to the running worker, if there is one (e.g. to drop a document's cache). */
  post(message: unknown): void {
    this.worker?.postMessage(message);
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
    const job = this.next();
    if (!job) return;
    this.queue.delete(job.key);
    this.running = job;
    const worker = this.ensureWorker();
    if (!worker) {
      // No worker thread here: run the job on this thread, after the current message has been handled.
      setImmediate(() => {
        this.running = undefined;
        try {
          job.resolve(this.spec.runInProcess(job));
        } catch (error) {
          this.spec.log(`l2spec: ${this.spec.words.job} failed: ${String((error as Error)?.stack ?? error)}`);
          job.resolve(undefined);
        }
        this.pump();
      });
      return;
    }
    job.started = performance.now();
    worker.postMessage(this.spec.toMessage(job));
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.broken) return this.worker;
    const { words, log } = this.spec;
    try {
      const worker = new Worker(this.spec.script, { workerData: this.spec.workerData, resourceLimits: this.spec.resourceLimits });
      worker.unref();
      worker.on('message', (reply: LaneReply) => {
        const job = this.running;
        if (!job || job.id !== reply.id) return;
        this.running = undefined;
        this.deaths = 0;
        if ('error' in reply && typeof reply.error === 'string') {
          log(`l2spec: ${words.job} failed: ${reply.error}`);
          job.resolve(undefined);
        } else job.resolve(this.spec.fromReply(reply));
        this.pump();
      });
      worker.on('error', (error) => log(`l2spec: ${words.worker} error: ${String(error?.stack ?? error)}`));
      worker.on('exit', () => {
        if (this.worker !== worker) return;
        // A dead worker is replaced on the next job; its job is answered with nothing.
        this.worker = undefined;
        if (++this.deaths >= MAX_DEATHS) {
          this.broken = true;
          log(`l2spec: the ${words.worker} keeps exiting; ${words.inProcess} from now on.`);
        }
        const job = this.running;
        this.running = undefined;
        job?.resolve(undefined);
        this.pump();
      });
      this.worker = worker;
    } catch (error) {
      this.broken = true;
      log(`l2spec: ${words.worker} unavailable, ${words.inProcess}: ${String(error)}`);
    }
    return this.worker;
  }
}
