// Typed LSP extensions shared by the language server and the extension client.
// Plain method names + payload types (no runtime imports), so both sides stay in sync.
import type { ReviewSnapshot } from './render/snapshot.js';

/** Server → client notification after every analysis of an open l2spec document. */
export const ReviewNotification = 'l2spec/review' as const;
export interface ReviewParams {
  uri: string;
  /** Document version the review was computed for; a stale one must be ignored. */
  version: number;
  snapshot: ReviewSnapshot;
}

/** Client → server request: review of a document (open or not), e.g. for export without a preview. */
export const ReviewRequest = 'l2spec/reviewDocument' as const;
export interface ReviewRequestParams {
  uri: string;
}
export type ReviewResult = ReviewParams | null;

/**
 * Client → server request: which server process answers (its pid and engine version) and which
 * documents it holds open, for the output channel and for tests (that kill the server to check the
 * client brings it back, or check that a plain YAML file never reaches it).
 */
export const ServerInfoRequest = 'l2spec/serverInfo' as const;
export interface ServerInfoResult {
  pid: number;
  version: string;
  /** URIs of the documents the client has opened on this server (it reviews these and no others). */
  documents?: string[];
}

/**
 * Client → server notification: the text of an open document at a base revision (the client
 * reads it from git, `HEAD`), or `text: null` to forget it. While a base is known, every review
 * snapshot of that document carries `compare` (the design diff base → current text), which the
 * preview and the status bar show. Without git nothing is sent and nothing is compared.
 *
 * The server keeps one base per open document (a base for a document that is not open is
 * ignored; it is forgotten when the document closes), publishes the review again at once, and
 * compares only a base within `l2spec.maxFileSize` that reads as a spec: otherwise
 * `compare.baseError` says why and its lists are empty (see buildCompare in render/compare.ts).
 */
export const BaseRevisionNotification = 'l2spec/baseRevision' as const;
export interface BaseRevisionParams {
  uri: string;
  /** Short name of the revision, shown as "<label> → working copy" (e.g. `HEAD`). */
  label: string;
  /** The document's text at that revision; null when there is none (untracked, outside git). */
  text: string | null;
}

/** Client → server request: rule metadata and docs for "Explain <ID>". */
export const ExplainRequest = 'l2spec/explain' as const;
export interface ExplainParams {
  /** Rule ID or glossary term. */
  topic: string;
}
export interface ExplainResult {
  title: string;
  /** Markdown. */
  markdown: string;
}

/** Settings the client forwards as initializationOptions and on change (workspace/didChangeConfiguration). */
export interface L2specSettings {
  rules?: Record<string, string>;
  maxFileSize?: number;
  /** Delay after the last edit before analysing, in milliseconds (0 analyses at once). */
  debounceMs?: number;
  /** When Red Hat YAML validates the schema, l2spec does not report schema errors a second time. */
  suppressSchemaDiagnostics?: boolean;
  /** Inlay hints beside durations and thresholds (default true). */
  inlayHints?: boolean;
  /** Per workspace folder `l2spec.rules` (a resource-scoped setting): they replace `rules` inside the folder. */
  folders?: { uri: string; rules?: Record<string, string> }[];
}

/**
 * Client → server notification: the documents the user sees, most important first (the active
 * editor, the other visible editors, the document the focused preview shows). The server analyses
 * and reviews these before the other open documents, and may pause a long job on a document not
 * shown for one that is (issue 22, item 8). Sent whenever the set changes; a server that never
 * gets it ranks the document edited last first.
 */
export const VisibleDocumentsNotification = 'l2spec/visibleDocuments' as const;
export interface VisibleDocumentsParams {
  uris: string[];
}
