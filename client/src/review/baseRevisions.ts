// Sends the language server each open spec's text at git HEAD (l2spec/baseRevision), so every
// review snapshot carries the design diff against the last commit: the preview shows it as
// before → after and the status bar says when the tier changed. Reads git only through the
// built-in git extension's API; without git (extension missing or disabled, no repository, an
// untracked file, a virtual workspace) nothing is sent and nothing is compared, silently.
import * as vscode from 'vscode';
import { BaseRevisionNotification, type BaseRevisionParams } from '../../../server/src/protocol.js';
import { CONFIG_SECTION } from '../constants.js';
import { describe } from '../describe.js';
import { GIT_EXTENSION_ID, type GitApi, type GitExtension, type GitRepository } from './gitApi.js';

/** The revision compared against, as the preview and the status bar name it. */
export const BASE_LABEL = 'HEAD';
/** Base texts above this size are not sent (the server would not compare them either). */
const MAX_BASE_CHARS = 5 * 1024 * 1024;

/** What was last sent for one document: the HEAD commit it was read at and whether a text went. */
interface Sent {
  commit: string | undefined;
  hasText: boolean;
}

/** Reads `l2spec.compareWithHead` (default on). */
export function compareEnabled(): boolean {
  return vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>('compareWithHead') !== false;
}

/** What the tracker needs from the language client (ClientHost in the extension; a fake in tests). */
export interface BaseRevisionHost {
  /** True for documents l2spec reviews. */
  isSpec(document: vscode.TextDocument): boolean;
  /** Fires when the set of reviewed documents changes. */
  readonly onDidChangeSelector: vscode.Event<void>;
  /** Fires each time a language server starts running (first start and every restart). */
  readonly onDidStartServer: vscode.Event<void>;
  /** Sends a notification to the server, starting it if needed; rejects when it cannot. */
  sendNotification(method: string, params: unknown): Promise<void>;
}


export class BaseRevisionTracker implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sent = new Map<string, Sent>();
  /** Texts sent, kept to resend them to a restarted server (its state is gone). */
  private readonly texts = new Map<string, string | null>();
  private git: GitApi | undefined;
  /**
   * Root URIs of the repositories followed. The git API hands out a new wrapper object for the
   * same repository on every call (`repositories`, `getRepository`, `onDidOpenRepository`), so
   * repositories are told apart by their root, never by identity.
   */
  private readonly watchedRepos = new Set<string>();
  private disposed = false;

  constructor(private readonly host: BaseRevisionHost, private readonly output: Pick<vscode.LogOutputChannel, 'info' | 'warn'>) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => void this.update(d)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.sent.delete(d.uri.toString());
        this.texts.delete(d.uri.toString());
      }),
      host.onDidChangeSelector(() => this.updateAll()),
      // A (re)started server knows no base: send every one again.
      host.onDidStartServer(() => {
        for (const [uri, text] of this.texts) if (text !== null) void this.send({ uri, label: BASE_LABEL, text });
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CONFIG_SECTION}.compareWithHead`)) this.onSettingChanged();
      }),
    );
    void this.connectGit();
  }

  /** Finds the git extension's API and follows its repositories; without it, does nothing. */
  private async connectGit(): Promise<void> {
    const extension = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION_ID);
    if (!extension) return;
    try {
      const exports = extension.isActive ? extension.exports : await extension.activate();
      if (this.disposed || !exports) return;
      const connect = () => {
        if (this.disposed || !exports.enabled || this.git) return;
        let api: GitApi;
        try {
          api = exports.getAPI(1);
        } catch (error) {
          this.output.info(`Comparing with git HEAD is off: ${describe(error)}`);
          return;
        }
        this.git = api;
        this.disposables.push(
          api.onDidOpenRepository((repo) => { this.watch(repo); this.updateAll(); }),
          api.onDidChangeState(() => this.updateAll()),
        );
        for (const repo of api.repositories) this.watch(repo);
        this.updateAll();
      };
      // When git is turned on after start-up, the git extension announces it from inside the
      // assignment of its model, before it has set its clone manager, and getAPI throws until then
      // (VS Code 1.139's git main.js: `u.model = f, u.cloneManager = m`): connect once that returned.
      this.disposables.push(exports.onDidChangeEnablement(() => queueMicrotask(connect)));
      connect();
    } catch (error) {
      // A broken or disabled git extension only means no comparison.
      this.output.info(`Comparing with git HEAD is off: ${describe(error)}`);
    }
  }

  /** A commit, checkout or reset moves HEAD: the specs in that repository get a new base. */
  private watch(repo: GitRepository): void {
    const root = repo.rootUri.toString();
    if (this.watchedRepos.has(root)) return;
    this.watchedRepos.add(root);
    this.disposables.push(repo.state.onDidChange(() => {
      const commit = repo.state.HEAD?.commit;
      for (const document of vscode.workspace.textDocuments) {
        const sent = this.sent.get(document.uri.toString());
        if (sent && sent.commit !== commit && this.git?.getRepository(document.uri)?.rootUri.toString() === root) void this.update(document);
      }
    }));
  }

  private updateAll(): void {
    for (const document of vscode.workspace.textDocuments) void this.update(document);
  }

  /** Reads the document's HEAD text and sends it when it differs from what the server has. */
  private async update(document: vscode.TextDocument): Promise<void> {
    if (this.disposed || !this.git || !compareEnabled()) return;
    if (document.uri.scheme !== 'file' || !this.host.isSpec(document)) return;
    const repo = this.git.getRepository(document.uri);
    if (!repo) return;
    const key = document.uri.toString();
    const commit = repo.state.HEAD?.commit;
    const previous = this.sent.get(key);
    if (previous && previous.commit === commit) return;
    this.sent.set(key, { commit, hasText: previous?.hasText ?? false });
    let text: string | null = null;
    if (commit) {
      try {
        text = await repo.show(commit, document.uri.fsPath);
      } catch {
        text = null; // not in HEAD: a new, untracked or ignored file
      }
    }
    if (text !== null && text.length > MAX_BASE_CHARS) text = null;
    if (this.disposed || document.isClosed || this.sent.get(key)?.commit !== commit) return;
    if (text === null && !previous?.hasText) {
      this.sent.set(key, { commit, hasText: false });
      return; // nothing to compare, and the server has nothing to forget
    }
    this.sent.set(key, { commit, hasText: text !== null });
    this.texts.set(key, text);
    await this.send({ uri: key, label: BASE_LABEL, text });
  }

  private onSettingChanged(): void {
    if (compareEnabled()) {
      this.updateAll();
      return;
    }
    for (const [uri, sent] of this.sent) if (sent.hasText) void this.send({ uri, label: BASE_LABEL, text: null });
    this.sent.clear();
    this.texts.clear();
  }

  private async send(params: BaseRevisionParams): Promise<void> {
    try {
      await this.host.sendNotification(BaseRevisionNotification, params);
    } catch (error) {
      this.output.warn(`Sending the ${BASE_LABEL} version of ${params.uri}: ${describe(error)}`);
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
