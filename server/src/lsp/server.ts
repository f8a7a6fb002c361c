// The l2spec language server: document sync, debounced and versioned analysis, and the handlers
// that route LSP requests to the language service (server/src/service). Every handler is wrapped:
// a bug in one feature answers with nothing, it never takes the server down.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionKind, DidChangeWatchedFilesNotification, ResponseError, ErrorCodes, TextDocumentSyncKind, TextDocuments,
  type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, catalogue, checkBudget, CONFIG_FILE_NAME, DEFAULT_MAX_SIZE, ENGINE_VERSION, type AnalysisResult, type AnalyzeOptions } from '../engine/index.js';
import {
  BaseRevisionNotification, ExplainRequest, ReviewNotification, ReviewRequest, ServerInfoRequest, VisibleDocumentsNotification, type ServerInfoResult,
  type BaseRevisionParams, type VisibleDocumentsParams, type ExplainParams, type ExplainResult, type ReviewParams, type ReviewRequestParams, type ReviewResult,
} from '../protocol.js';
import type { CompareBase } from '../render/compare.js';
import type { ReviewSnapshot } from '../render/snapshot.js';
import {
  codeActions, completion, definition, documentSymbols, explain, hover, indexOf, inlayHints, prepareRename, references, rename, toDiagnostics,
} from '../service/index.js';
import { mergeRules, normaliseSettings, RepoConfig, uriToPath, type EffectiveSettings } from './config.js';
import { AnalysisPool } from './analysisPool.js';
import type { RawMessageWriter } from './transport.js';
import { ReviewBuilder } from './reviewWorker.js';
import { boundDiagnostics, boundResult, boundReview, boundSnapshot } from './bounds.js';

interface Analysis {
  version: number;
  result: AnalysisResult;
}

/** Rest after a snapshot with cut-off goals before the plan search gets its longer bound, in ms. */
const SETTLE_DELAY_MS = 400;
/** Delay before the preview snapshot is built, so a burst of edits builds it once. */
const REVIEW_DELAY_MS = 25;

/** How the server talks to the client beyond `connection`. */
export interface ServerTransport {
  /** Writes messages serialised elsewhere (stdio only): the analysis worker's diagnostics notifications. */
  raw?: RawMessageWriter;
}

export function startServer(connection: Connection, transport: ServerTransport = {}): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, Analysis>();
  /** Requests waiting for the analysis of the current version. */
  const waiting = new Map<string, (() => void)[]>();
  const timers = new Map<string, NodeJS.Timeout>();
  const reviewTimers = new Map<string, NodeJS.Timeout>();
  const log = (message: string): void => connection.console.warn(message);
  const repoConfig = new RepoConfig(log);
  let settings: EffectiveSettings = normaliseSettings(undefined);
  let pullConfiguration = false;
  let dynamicWatch = false;
  /** The client applies snippet edits inside workspace edits ("Declare <key>" quick fixes need them). */
  let snippetEdits = false;
  let inlayHintRefresh = false;
  const docExists = new Map<string, string | undefined>();
  /**
   * Base revisions (l2spec/baseRevision) of open documents: label and text, or only the size of a
   * text above l2spec.maxFileSize (never compared, so not kept). Replaced as a whole on every
   * notification, so a snapshot built against an older base can be recognised and dropped.
   */
  const bases = new Map<string, CompareBase>();
  /** The latest review snapshot sent per document and its version: code actions offer its plan. */
  const snapshots = new Map<string, { version: number; snapshot: ReviewSnapshot }>();
  // The bundle itself is the worker script (see main.ts).
  const reviews = new ReviewBuilder(__filename, log);
  // Analyses run on worker threads: the main thread stays free to answer every other document.
  const pool = new AnalysisPool(__filename, log);
  /** Documents whose analysis is on its way: the version being analysed and how many runs are out. */
  const running = new Map<string, { version: number; runs: number }>();
  let requestId = 0;

  /** file: URI of a rule's doc bundled beside the server (dist/../docs/rules/<ID>.md). */
  const ruleDocPath = (id: string): string => path.join(__dirname, '..', 'docs', 'rules', `${id}.md`);
  const ruleDocUri = (id: string): string | undefined => {
    if (!docExists.has(id)) docExists.set(id, existsSync(ruleDocPath(id)) ? pathToFileURL(ruleDocPath(id)).href : undefined);
    return docExists.get(id);
  };
  let ruleDocLinkTable: Record<string, string> | undefined;
  /** The link of every rule's bundled doc, by rule ID (for the analysis worker). */
  const ruleDocLinks = (): Record<string, string> => {
    if (!ruleDocLinkTable) {
      ruleDocLinkTable = {};
      for (const id of catalogue.keys()) {
        const href = ruleDocUri(id);
        if (href) ruleDocLinkTable[id] = href;
      }
    }
    return ruleDocLinkTable;
  };
  const readRuleDoc = (id: string): string | undefined => {
    try {
      return readFileSync(ruleDocPath(id), 'utf8');
    } catch {
      return undefined;
    }
  };

  function guard<P, R>(name: string, fallback: R, handler: (params: P) => R): (params: P) => R {
    return (params: P) => {
      try {
        // Every answer is bounded in size (bounds.ts): an oversized one is logged and answered with nothing.
        return boundResult(name, handler(params), fallback, log);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(`l2spec: ${name} failed: ${(error as Error)?.stack ?? String(error)}`);
        return fallback;
      }
    };
  }

  function guardAsync<P, R>(name: string, fallback: R, handler: (params: P) => Promise<R>): (params: P) => Promise<R> {
    return async (params: P) => {
      try {
        return boundResult(name, await handler(params), fallback, log);
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        log(`l2spec: ${name} failed: ${(error as Error)?.stack ?? String(error)}`);
        return fallback;
      }
    };
  }

  function analyzeOptions(uri: string): AnalyzeOptions {
    return { config: mergeRules(repoConfig.forDocument(uri).config, settings, uri), maxSize: settings.maxFileSize };
  }

  /**
   * Analyses the current version of a document (on a worker; the pool keeps one incremental
   * analyzer per document there) and publishes it, unless a newer version exists by then.
   */
  async function run(uri: string): Promise<Analysis | undefined> {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    const doc = documents.get(uri);
    if (!doc) {
      wake(uri);
      return undefined;
    }
    const version = doc.version;
    const entry = running.get(uri);
    running.set(uri, { version, runs: (entry?.runs ?? 0) + 1 });
    let result: AnalysisResult | undefined;
    // Over stdio the worker serialises the diagnostics notification itself (see analysisPool.ts).
    const publish = transport.raw ? { uri, version, suppressSchemaDiagnostics: settings.suppressSchemaDiagnostics === true, ruleDocs: ruleDocLinks() } : undefined;
    try {
      result = await pool.analyze(uri, doc.getText(), analyzeOptions(uri), publish);
    } catch (error) {
      log(`l2spec: analysis of ${uri} failed: ${(error as Error)?.stack ?? String(error)}`);
    }
    const after = running.get(uri);
    if (after && --after.runs === 0) running.delete(uri);
    // Never publish a stale result: the document may have moved on while we worked.
    const current = documents.get(uri);
    if (!current || current.version !== version) return undefined;
    if (!result) {
      // Failed (logged by the pool) or superseded: unless another run for this version is out,
      // whoever waits gets nothing rather than waiting forever.
      if (!running.has(uri)) wake(uri);
      return undefined;
    }
    const analysis: Analysis = { version, result };
    analyses.set(uri, analysis);
    const notification = pool.notificationOf(result);
    if (notification && transport.raw) void transport.raw.writeRaw(notification).catch(() => undefined);
    else void connection.sendDiagnostics({ uri, version, diagnostics: boundDiagnostics(toDiagnostics(result, { uri, suppressSchemaDiagnostics: settings.suppressSchemaDiagnostics, ruleDocUri })) });
    scheduleReview(uri, version);
    wake(uri);
    return analysis;
  }

  /**
   * Sends l2spec/review for a version once its snapshot is built (off the main thread), unless the
   * document moved on. "What it would take" is searched within PREVIEW_PLAN_BUDGET_MS so the
   * preview follows typing; when that cuts goals off and the document then rests for
   * SETTLE_DELAY_MS, the plan alone is searched again with the CLI's bound (settledSnapshot) and
   * the snapshot sent again, so a design whose path takes longer to find still gets it, and its
   * code actions.
   */
  function scheduleReview(uri: string, version: number, settle?: ReviewSnapshot): void {
    clearTimeout(reviewTimers.get(uri));
    reviewTimers.set(uri, setTimeout(() => {
      reviewTimers.delete(uri);
      const doc = documents.get(uri);
      if (!doc || doc.version !== version) return;
      const base = bases.get(uri);
      const built = settle ? reviews.settle(uri, settle, doc.getText(), analyzeOptions(uri)) : reviews.build(uri, doc.getText(), analyzeOptions(uri), base);
      void built.then((built) => {
        // Bounded before it is kept: code actions read the plan of the snapshot that was sent.
        const snapshot = built && boundSnapshot(built);
        // Stale when the document moved on or its base changed (or was forgotten) meanwhile.
        if (!snapshot || documents.get(uri)?.version !== version || bases.get(uri) !== base) return;
        snapshots.set(uri, { version, snapshot });
        const params: ReviewParams = { uri, version, snapshot };
        void connection.sendNotification(ReviewNotification, params);
        if (!settle && snapshot.plan?.goals.some((g) => g.status === 'cut-off')) scheduleReview(uri, version, snapshot);
      });
    }, settle ? SETTLE_DELAY_MS : REVIEW_DELAY_MS));
  }

  function schedule(uri: string, immediate = false): void {
    clearTimeout(timers.get(uri));
    const delay = immediate ? 0 : settings.debounceMs;
    // No delay means now: a zero timer still waits a millisecond or more for the next timers phase,
    // a fifth of an edit's latency on a 1,000-line spec (issue 21).
    if (delay <= 0) {
      timers.delete(uri);
      void run(uri);
      return;
    }
    timers.set(uri, setTimeout(() => void run(uri), delay));
  }

  /**
   * The analysis of the document's current version. While an edit waits for its debounce, the
   * request waits with it (the debounce still decides when to analyse); with nothing pending,
   * it analyses now.
   */
  function fresh(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | undefined> {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const analysis = analyses.get(uri);
    if (analysis && analysis.version === doc.version) return Promise.resolve({ doc, analysis });
    // Nothing pending for this version: start it; either way, wait for the run that publishes it.
    if (!timers.has(uri) && running.get(uri)?.version !== doc.version) void run(uri);
    return new Promise((resolve) => {
      const list = waiting.get(uri) ?? [];
      list.push(() => {
        const current = documents.get(uri);
        const latest = analyses.get(uri);
        resolve(current && latest && latest.version === current.version ? { doc: current, analysis: latest } : undefined);
      });
      waiting.set(uri, list);
    });
  }

  function wake(uri: string): void {
    const list = waiting.get(uri);
    if (!list) return;
    waiting.delete(uri);
    for (const w of list) w();
  }

  /**
   * The analysis of the current version, for features that read its parse (hover, navigation): a
   * request made while an edit waits for its debounce starts the analysis at once rather than
   * waiting out the delay, so one parse of that version serves both the request and the diagnostics.
   * A text over size or over the cost budget has no parse (its one finding says why): features
   * answer from the findings alone, at once.
   */
  async function forRequest(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | undefined> {
    const doc = documents.get(uri);
    if (doc && timers.has(uri) && analyses.get(uri)?.version !== doc.version) schedule(uri, true);
    const f = await fresh(uri);
    // An analysis from a worker comes with its findings only (all the diagnostics need): load the
    // rest (parse, model, assessment) once, now that a feature needs it.
    if (!f || (await pool.withDetails(f.analysis.result))) return f;
    // The worker no longer holds them (it was restarted meanwhile): analyse this version again
    // there (never on this thread: the text may be large), and only if that fails too, here.
    const version = f.analysis.version;
    const again = await pool.analyze(uri, f.doc.getText(), analyzeOptions(uri));
    if (documents.get(uri)?.version !== version) return undefined;
    const whole = again && (await pool.withDetails(again));
    f.analysis.result = whole ?? analyze(f.doc.getText(), analyzeOptions(uri));
    return f;
  }

  /**
   * The documents whose work goes first: those the client says are shown (active editor first),
   * or, from a client that does not say, the document edited or opened last.
   */
  let shown: string[] | undefined;
  let lastTouched: string | undefined;
  function updatePriority(): void {
    const keys = shown ?? (lastTouched ? [lastTouched] : []);
    pool.setPriority(keys);
    reviews.setPriority(keys);
  }
  function touched(uri: string): void {
    if (shown || lastTouched === uri) return;
    lastTouched = uri;
    updatePriority();
  }

  function reanalyzeAll(): void {
    for (const doc of documents.all()) schedule(doc.uri, true);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    settings = normaliseSettings(params.initializationOptions, log);
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    repoConfig.setWorkspaceRoots(roots);
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    dynamicWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    snippetEdits = (params.capabilities.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [':', ' ', '-'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        documentSymbolProvider: { label: 'l2spec' },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        inlayHintProvider: true,
        executeCommandProvider: undefined,
      },
      serverInfo: { name: 'l2spec-language-server', version: ENGINE_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (dynamicWatch) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }).catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    try {
      let raw: unknown = change.settings;
      const empty = raw === null || raw === undefined || (typeof raw === 'object' && Object.keys(raw as object).length === 0);
      if (empty && pullConfiguration) raw = await connection.workspace.getConfiguration('l2spec');
      const previous = settings;
      settings = normaliseSettings(raw, log);
      if (previous.debounceMs !== settings.debounceMs && raw && typeof raw === 'object' && !('debounceMs' in (raw as object)) && !('debounce' in (raw as object))) {
        settings.debounceMs = previous.debounceMs;
      }
      reanalyzeAll();
      if (previous.inlayHints !== settings.inlayHints && inlayHintRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    } catch (error) {
      log(`l2spec: configuration change failed: ${String(error)}`);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE_NAME}`))) {
      repoConfig.invalidate();
      reanalyzeAll();
    }
  });

  // TextDocuments fires onDidChangeContent right after onDidOpen: an open is analysed at once,
  // edits after the debounce.
  const opening = new Set<string>();
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    touched(e.document.uri);
    schedule(e.document.uri, true);
  });
  documents.onDidChangeContent((e) => {
    if (opening.delete(e.document.uri)) return;
    touched(e.document.uri);
    // The snapshot of the previous text is no longer worth building.
    clearTimeout(reviewTimers.get(e.document.uri));
    reviewTimers.delete(e.document.uri);
    reviews.cancel(e.document.uri);
    pool.cancel(e.document.uri);
    schedule(e.document.uri);
  });
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    opening.delete(uri);
    clearTimeout(timers.get(uri));
    clearTimeout(reviewTimers.get(uri));
    timers.delete(uri);
    reviewTimers.delete(uri);
    analyses.delete(uri);
    running.delete(uri);
    bases.delete(uri);
    snapshots.delete(uri);
    pool.forget(uri);
    reviews.forget(uri);
    if (lastTouched === uri) lastTouched = undefined;
    wake(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  // Hover, navigation and code actions answer from the analysis of the document's current version:
  // its findings and its parse (the engine's source map) describe the same text, so every position
  // agrees. Completion alone parses, the text with a marker at the cursor (see completion.ts).
  connection.onHover(guardAsync('hover', null, async (params) => {
    const f = await forRequest(params.textDocument.uri);
    if (!f) return null;
    const { result } = f.analysis;
    return hover(f.doc, indexOf(result.source), result, params.position, { suppressSchemaDiagnostics: settings.suppressSchemaDiagnostics });
  }));

  connection.onCompletion(guardAsync('completion', null, async (params) => {
    const doc = documents.get(params.textDocument.uri);
    // Completion parses the text with a marker (no document version has that text): the same size
    // and cost limits as the analysis keep a hostile text from being parsed here.
    if (!doc || doc.getText().length > (settings.maxFileSize ?? DEFAULT_MAX_SIZE) || checkBudget(doc.getText())) return null;
    // The model only adds detail to component ids; a slightly older one is fine while typing. Its
    // details are loaded once per version, ahead of any waiting analysis (at most after the one
    // running in that lane).
    const latest = analyses.get(doc.uri)?.result;
    const result = latest && (await pool.withDetails(latest));
    const current = documents.get(params.textDocument.uri);
    return current ? completion(current, result, params.position) : null;
  }));

  connection.onCodeAction(guardAsync('codeAction', [], async (params) => {
    const f = await forRequest(params.textDocument.uri);
    if (!f) return [];
    // The plan's actions need the snapshot of exactly this version (codeActions checks it): one of
    // an older text is stale, and no plan action is offered until the current one is sent.
    const review = snapshots.get(f.doc.uri);
    return codeActions(f.doc, indexOf(f.analysis.result.source), f.analysis.result, params.range, {
      uri: f.doc.uri, suppressSchemaDiagnostics: settings.suppressSchemaDiagnostics, ruleDocUri, snippetEdits, version: f.analysis.version,
      review: review && review.version === f.analysis.version ? review : undefined,
      context: { diagnostics: params.context?.diagnostics, only: params.context?.only },
    });
  }));

  connection.languages.inlayHint.on(guardAsync('inlayHint', [], async (params) => {
    if (!settings.inlayHints) return [];
    const f = await forRequest(params.textDocument.uri);
    return f ? inlayHints(indexOf(f.analysis.result.source), params.range) : [];
  }));

  connection.onDocumentSymbol(guardAsync('documentSymbol', [], async (params) => {
    const f = await forRequest(params.textDocument.uri);
    return f ? documentSymbols(indexOf(f.analysis.result.source)) : [];
  }));

  connection.onDefinition(guardAsync('definition', [], async (params) => {
    const f = await forRequest(params.textDocument.uri);
    return f ? definition(f.doc, indexOf(f.analysis.result.source), params.position) : [];
  }));

  connection.onReferences(guardAsync('references', [], async (params) => {
    const f = await forRequest(params.textDocument.uri);
    return f ? references(f.doc, indexOf(f.analysis.result.source), params.position, params.context.includeDeclaration) : [];
  }));

  connection.onPrepareRename(guardAsync('prepareRename', null, async (params) => {
    const f = await forRequest(params.textDocument.uri);
    if (!f) return null;
    const prepared = prepareRename(f.doc, indexOf(f.analysis.result.source), params.position);
    if ('error' in prepared) throw new ResponseError(ErrorCodes.InvalidRequest, prepared.error);
    return prepared;
  }));

  connection.onRenameRequest(guardAsync('rename', null, async (params) => {
    const f = await forRequest(params.textDocument.uri);
    if (!f) return null;
    const renamed = rename(f.doc, indexOf(f.analysis.result.source), params.position, params.newName);
    if ('error' in renamed) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.error);
    return renamed.edit;
  }));

  // The client sends the text of an open document at a base revision (git HEAD), or null to forget
  // it; the document's review is published again, now with (or without) `compare`.
  connection.onNotification(BaseRevisionNotification, guard('baseRevision', undefined, (params: BaseRevisionParams) => {
    const uri = typeof params?.uri === 'string' ? params.uri : undefined;
    if (!uri) return;
    const text = params.text;
    if (text === null || text === undefined) {
      if (!bases.delete(uri)) return;
    } else {
      if (typeof text !== 'string') return;
      // Only open documents have a base: it is forgotten when they close.
      if (!documents.get(uri)) return;
      const label = typeof params.label === 'string' ? params.label : '';
      const max = settings.maxFileSize ?? DEFAULT_MAX_SIZE;
      bases.set(uri, text.length > max ? { label, size: text.length } : { label, text });
    }
    const doc = documents.get(uri);
    if (doc && analyses.get(uri)?.version === doc.version) scheduleReview(uri, doc.version);
    // Otherwise the analysis on its way schedules the review, with the base as it is by then.
  }));

  connection.onNotification(VisibleDocumentsNotification, guard('visibleDocuments', undefined, (params: VisibleDocumentsParams) => {
    if (!Array.isArray(params?.uris)) return;
    shown = params.uris.filter((u): u is string => typeof u === 'string').slice(0, 64);
    updatePriority();
  }));

  connection.onRequest(ServerInfoRequest, (): ServerInfoResult => ({ pid: process.pid, version: ENGINE_VERSION, documents: documents.keys() }));
  connection.onRequest(ExplainRequest, guard('explain', { title: '', markdown: '' }, (params: ExplainParams): ExplainResult => explain(String(params?.topic ?? ''), readRuleDoc)));

  connection.onRequest(ReviewRequest, guardAsync('reviewDocument', null, boundReview(async (params: ReviewRequestParams): Promise<ReviewResult> => {
    const uri = String(params?.uri ?? '');
    const open = documents.get(uri);
    let text: string;
    let version = 0;
    const base = open ? bases.get(uri) : undefined;
    if (open) {
      text = open.getText();
      version = open.version;
    } else {
      const file = uriToPath(uri);
      if (!file) return null;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    }
    const snapshot = await reviews.build(`request:${++requestId}`, text, analyzeOptions(uri), base, true);
    return snapshot ? { uri, version, snapshot } : null;
  })));

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    for (const t of reviewTimers.values()) clearTimeout(t);
    timers.clear();
    reviewTimers.clear();
    reviews.dispose();
    pool.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
