// The language server's reviews, as the preview and the status bar consume them: the
// `l2spec/review` notification becomes an event plus a per-document cache of the newest
// snapshot, and `getSnapshot` asks the server (`l2spec/reviewDocument`) when the cache is stale.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ReviewNotification, ReviewRequest,
  type ReviewParams, type ReviewRequestParams, type ReviewResult,
} from '../../server/src/protocol.js';
import type { ClientHost } from './clientHost.js';

export type ReviewSnapshot = ReviewParams['snapshot'];

/** What the preview needs from the language client. */
export interface ReviewSource {
  /** The newest review of a document: open or not, current as of the call. */
  getSnapshot(uri: vscode.Uri | string): Promise<{ version: number; snapshot: ReviewSnapshot } | undefined>;
  /** Fires for every fresh review (stale, out-of-order ones are dropped). */
  onDidReview(listener: (review: ReviewParams) => unknown, thisArgs?: unknown, disposables?: vscode.Disposable[]): vscode.Disposable;
}

export class LanguageClientReviewSource implements ReviewSource, vscode.Disposable {
  private readonly cache = new Map<string, ReviewParams>();
  private readonly emitter = new vscode.EventEmitter<ReviewParams>();
  private readonly disposables: vscode.Disposable[] = [];

  readonly onDidReview = this.emitter.event;

  constructor(private readonly host: ClientHost) {
    this.disposables.push(
      host.onDidCreateClient((client) => this.attach(client)),
      // Versions restart when a document is reopened, so its cached review must go.
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(key(document.uri))),
      this.emitter,
    );
  }

  /** The cached review of a document, if any (no server round trip). */
  latest(uri: vscode.Uri | string): ReviewParams | undefined {
    return this.cache.get(key(uri));
  }

  async getSnapshot(uri: vscode.Uri | string): Promise<{ version: number; snapshot: ReviewSnapshot } | undefined> {
    const id = key(uri);
    const open = openDocument(id);
    const cached = this.cache.get(id);
    if (cached && open && cached.version === open.version) return { version: cached.version, snapshot: cached.snapshot };
    const client = await this.host.ready();
    const params: ReviewRequestParams = { uri: id };
    const result = await client.sendRequest<ReviewResult>(ReviewRequest, params);
    if (!result) return undefined;
    // Open documents share the notification's cache; closed files are read from disk every time.
    if (open) {
      const accepted = this.accept(result);
      if (accepted) this.emitter.fire(accepted);
    }
    const best = open ? (this.cache.get(id) ?? result) : result;
    return { version: best.version, snapshot: best.snapshot };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.cache.clear();
  }

  private attach(client: LanguageClient): void {
    // Registered before the client starts; vscode-languageclient keeps it across its own restarts.
    client.onNotification(ReviewNotification, (params: ReviewParams) => {
      if (!isReviewParams(params)) return;
      if (!openDocument(key(params.uri))) return; // closed meanwhile: its version is meaningless now
      const accepted = this.accept(params);
      if (accepted) this.emitter.fire(accepted);
    });
  }

  /**
   * Caches a review unless a newer version is cached already, and returns it with its URI in
   * VS Code's normal form. The same version may be reviewed again (e.g. after a settings change).
   */
  private accept(review: ReviewParams): ReviewParams | undefined {
    const id = key(review.uri);
    const cached = this.cache.get(id);
    if (cached && cached.version > review.version) return undefined;
    const normalised = review.uri === id ? review : { ...review, uri: id };
    this.cache.set(id, normalised);
    return normalised;
  }
}

/** URIs are compared in VS Code's normalised string form (the server may encode differently). */
function key(uri: vscode.Uri | string): string {
  return (typeof uri === 'string' ? vscode.Uri.parse(uri) : uri).toString();
}

function openDocument(id: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
}

function isReviewParams(value: unknown): value is ReviewParams {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ReviewParams>;
  return typeof v.uri === 'string' && typeof v.version === 'number' && typeof v.snapshot === 'object' && v.snapshot !== null;
}
