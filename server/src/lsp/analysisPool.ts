// Runs the engine's analysis off the language server's main thread, so a large or hostile spec
// never delays hover, completion or diagnostics of another document. Two worker threads ("lanes"):
// texts from LARGE_TEXT on are analysed in one, smaller texts in the other, so a big spec queues
// behind big specs only. Each lane runs one job at a time and keeps, per document, only the newest
// waiting job; a running job whose document changed is cancelled by ending its worker (a fresh one
// starts with the next job) when the text is large enough for that to pay. Visible documents go
// first (`setPriority`).
//
// The worker is the same bundle (dist/server.js) started with `workerData.l2specAnalysisWorker`.
// What crosses the thread boundary after an edit is what the diagnostics need: the findings, by
// structured clone. The rest (the parse, `source`, which every editor feature reads; the model;
// the assessment) stays in the worker until a request needs it (`withDetails`): copying the whole
// result cost a third of an edit's latency on a 5,000-line spec, the parse alone half of that
// (issue 21). Until then the main-thread result has no `source`, `model` or `assessment`: read
// them only after withDetails. `rangeOf` cannot cross; it answers from the loaded source. Over
// stdio the worker goes one step further (PublishRequest): it serialises the diagnostics
// notification itself and the main thread writes that text as it is, so not even the findings
// cross until a feature asks for them.
import { parentPort } from 'node:worker_threads';
import { lowerThreadPriority } from './threadPriority.js';
import { WorkerLane, type LaneJob } from './workerLane.js';
import { createAnalyzer, SourceMap, type AnalysisResult, type Analyzer, type AnalyzeOptions } from '../engine/index.js';
import { toDiagnostics } from '../service/diagnostics.js';
import { boundDiagnostics } from './bounds.js';

export const ANALYSIS_WORKER_FLAG = 'l2specAnalysisWorker';
/** Texts from this size on go to the large lane, and a stale job on them may be stopped by ending the worker. */
export const LARGE_TEXT = 64 * 1024;
/**
 * Young generation of the large lane's worker, MB (Node's default is about 48). An edit of a
 * 10,000-line spec allocates about 13 MB; with the default, one scavenge per edit copied the
 * analysis in progress (7–11 ms each). A larger young generation collects every few edits instead
 * (issue 21). Small texts allocate little and keep the default.
 */
const LARGE_LANE_YOUNG_MB = 96;

/**
 * A stale job is stopped only after running this long: a restarted worker starts cold (no cached
 * fragments), so stopping an incremental re-analysis that is about to finish would cost more than it saves.
 */
export const STOP_AFTER_MS = 250;

/**
 * What an analysis sends back: the result's findings (the rest on request: Details), or, when the
 * job asked for it (PublishRequest), the document's diagnostics notification serialised to JSON
 * and no findings (they come with the details).
 */
type Portable = Pick<AnalysisResult, 'version' | 'system'> & ({ findings: AnalysisResult['findings'] } | { notification: string });
/** The rest of a result, sent when a feature needs it. */
type Details = Pick<AnalysisResult, 'source' | 'model' | 'assessment'> & { findings?: AnalysisResult['findings'] };

/**
 * What the worker needs to serialise the diagnostics notification of an analysis itself (the
 * main thread then writes it as it is: transport.ts), so that the findings of an edit are neither
 * copied between threads nor encoded on the main thread (issue 21).
 */
export interface PublishRequest {
  uri: string;
  /** The document version the notification carries. */
  version: number;
  /** Drop the schema findings (another YAML extension reports them). */
  suppressSchemaDiagnostics: boolean;
  /** The link of each rule's doc, by rule ID (rules without a bundled doc are absent). */
  ruleDocs: Record<string, string>;
}

/** workerData of an analysis worker: which lane it serves. */
interface WorkerFlags {
  [ANALYSIS_WORKER_FLAG]: true;
  lane: 'small' | 'large';
}

type JobMessage =
  | { kind: 'analyze'; id: number; key: string; text: string; options: AnalyzeOptions; publish?: PublishRequest }
  /** The details of the analysis job `of` for `key`, if it is still the document's latest. */
  | { kind: 'details'; id: number; key: string; of: number }
  | { kind: 'forget'; key: string };
type ResultMessage = { id: number; result: Portable } | { id: number; details: Details | null } | { id: number; error: string };

/**
 * Entry of an analysis worker thread: one incremental analyzer per document key, and the details
 * of each document's latest analysis until they are replaced. The large lane runs at a
 * lower priority, so that a big or hostile spec yields the CPU to the main thread (hover,
 * completion) and to the small lane (the specs being typed in); small jobs are short and keep
 * normal priority, or a busy machine would delay their diagnostics.
 */
export function runAnalysisWorker(flags: Partial<WorkerFlags>): void {
  if (flags.lane === 'large') lowerThreadPriority();
  const analyzers = new Map<string, Analyzer>();
  /** Each document's latest result, whose details (the assessment computed on first read) are sent on request. */
  const details = new Map<string, { of: number; result: AnalysisResult; published: boolean }>();
  parentPort?.on('message', (job: JobMessage) => {
    if (job.kind === 'forget') {
      analyzers.delete(job.key);
      details.delete(job.key);
      return;
    }
    let reply: ResultMessage;
    try {
      if (job.kind === 'details') {
        const kept = details.get(job.key);
        // The findings go with the details only when the main thread has not had them (published).
        reply = { id: job.id, details: kept && kept.of === job.of ? { source: kept.result.source, model: kept.result.model, assessment: kept.result.assessment, ...(kept.published ? { findings: kept.result.findings } : {}) } : null };
      } else {
        let analyzer = analyzers.get(job.key);
        if (!analyzer) analyzers.set(job.key, (analyzer = createAnalyzer()));
        const result = analyzer.analyze(job.text, job.options);
        details.set(job.key, { of: job.id, result, published: job.publish !== undefined });
        reply = { id: job.id, result: job.publish ? { version: result.version, system: result.system, notification: diagnosticsNotification(result, job.publish) } : { version: result.version, system: result.system, findings: result.findings } };
      }
    } catch (error) {
      reply = { id: job.id, error: String((error as Error)?.stack ?? error) };
    }
    parentPort!.postMessage(reply);
  });
}

/** The JSON of the textDocument/publishDiagnostics notification of `result`, as the server would send it. */
function diagnosticsNotification(result: AnalysisResult, publish: PublishRequest): string {
  const { uri, version, suppressSchemaDiagnostics, ruleDocs } = publish;
  const diagnostics = boundDiagnostics(toDiagnostics(result, { uri, suppressSchemaDiagnostics, ruleDocUri: (id) => ruleDocs[id] }));
  return JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } });
}

/** How to load the details of a result that came from a worker. */
interface DetailsHandle {
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
    resourceLimits: lane === 'large' ? { maxYoungGenerationSizeMb: LARGE_LANE_YOUNG_MB } : undefined,
    words: { job: 'analysis', worker: 'analysis worker', inProcess: 'analysing in-process' },
    toMessage: (job) => job.message,
    fromReply: (reply) => ('result' in reply ? reply.result : (reply as unknown as { details: unknown }).details),
    runInProcess: (job) => {
      const m = job.message;
      // In-process results are whole: nothing to load later.
      if (m.kind !== 'analyze') return null;
      let analyzer = fallback.get(m.key);
      if (!analyzer) fallback.set(m.key, (analyzer = createAnalyzer()));
      return analyzer.analyze(m.text, m.options);
    },
    // Small texts finish sooner than a new worker starts (cold, without cached fragments).
    worthStopping: (job, ranMs) => job.length >= LARGE_TEXT && ranMs >= STOP_AFTER_MS,
    stoppedMessage: (job, ranMs) => `l2spec: stopped the analysis of ${job.key} after ${ranMs.toFixed(0)} ms: a newer version arrived.`,
    // A request for details is answered at once (a user waits on it); then visible documents.
    priority: (job) => (job.message.kind === 'details' ? -1 : rank(job.message.key)),
    // A request for details reads what the worker holds: stopping the worker would lose them.
    preempts: (job) => job.message.kind === 'analyze',
  });
}

const DETAILS_KEY = '\u0000details';

/**
 * Analyses documents on worker threads. `analyze` resolves with the result, or undefined when the
 * job was superseded by a newer one for the same key, cancelled, or failed (the failure is logged).
 * A result from a worker comes with its findings only: `withDetails` loads the rest.
 */
export class AnalysisPool {
  private readonly small: Lane;
  private readonly large: Lane;
  private readonly fallback = new Map<string, Analyzer>();
  private readonly handles = new WeakMap<AnalysisResult, DetailsHandle>();
  private readonly notifications = new WeakMap<AnalysisResult, string>();
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

  /**
   * Analyses `text` for document `key`. With `publish`, a worker also serialises the document's
   * diagnostics notification (take it with `notificationOf`), and the result's findings are read
   * only after `withDetails` (reading them before throws).
   */
  analyze(key: string, text: string, options: AnalyzeOptions, publish?: PublishRequest): Promise<AnalysisResult | undefined> {
    return new Promise((resolve) => {
      const lane = text.length >= LARGE_TEXT ? this.large : this.small;
      // A document that changed lanes must not also wait in the other one.
      (lane === this.large ? this.small : this.large).cancel(key);
      const id = this.nextId++;
      lane.submit({
        id, key, length: text.length, message: { kind: 'analyze', id, key, text, options, publish },
        resolve: (reply) => {
          if (reply === undefined || reply === null) return resolve(undefined);
          if ('rangeOf' in (reply as object)) return resolve(reply as AnalysisResult); // analysed in-process
          // Findings only until withDetails: see the note at the top of this file.
          const portable = reply as Portable;
          const result = { version: portable.version, system: portable.system, rangeOf: () => undefined } as unknown as AnalysisResult;
          if ('notification' in portable) {
            this.notifications.set(result, portable.notification);
            Object.defineProperty(result, 'findings', {
              configurable: true, enumerable: true,
              get: () => {
                throw new Error('l2spec: the findings of a published analysis are loaded by withDetails');
              },
            });
          } else result.findings = portable.findings;
          this.handles.set(result, { lane, key, of: id });
          resolve(result);
        },
      });
    });
  }

  /** The diagnostics notification a worker serialised for `result` (analyze with `publish`), if any. */
  notificationOf(result: AnalysisResult): string | undefined {
    return this.notifications.get(result);
  }

  /**
   * `result` (from `analyze`) made whole: `source` (with a working `rangeOf`), `model`,
   * `assessment` (and the findings of a published analysis) loaded from the worker on first use
   * and kept on the result. Undefined when the
   * worker no longer has them (it was restarted, or the document was analysed again since): the
   * result stays findings-only.
   */
  async withDetails(result: AnalysisResult): Promise<AnalysisResult | undefined> {
    const handle = this.handles.get(result);
    // Nothing to load: analysed in-process, or loaded already.
    if (!handle) return result;
    handle.loading ??= new Promise<void>((done) => {
      const id = this.nextId++;
      handle.lane.submit({
        id, key: handle.key + DETAILS_KEY, length: 0, message: { kind: 'details', id, key: handle.key, of: handle.of },
        resolve: (reply) => {
          if (reply && typeof reply === 'object' && this.handles.get(result) === handle) {
            const details = reply as Details;
            const map = details.source ? SourceMap.revive(details.source) : undefined;
            Object.assign(result, { source: map, model: details.model, assessment: details.assessment, rangeOf: (path: string, key?: boolean) => map?.rangeOf(path, key) });
            if (details.findings) Object.defineProperty(result, 'findings', { value: details.findings, writable: true, enumerable: true, configurable: true });
            this.handles.delete(result);
          }
          done();
        },
      });
    });
    await handle.loading;
    if (!this.handles.has(result)) return result;
    handle.loading = undefined;
    return undefined;
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
