// Tells the language server which spec documents the user sees (l2spec/visibleDocuments), so
// their analyses and previews are built before those of specs open in the background.
import * as vscode from 'vscode';
import { VisibleDocumentsNotification, type VisibleDocumentsParams } from '../../../server/src/protocol.js';

/** What the tracker needs from the language client (ClientHost in the extension). */
export interface VisibleDocumentsHost {
  isSpec(document: vscode.TextDocument): boolean;
  /** Fires each time a language server starts running: it is told again. */
  readonly onDidStartServer: vscode.Event<void>;
  sendNotification(method: string, params: unknown): Promise<void>;
}

export class VisibleDocumentsTracker implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private last = '';

  /** `previewed`: the document the focused preview shows, with the event that says it changed. */
  constructor(private readonly host: VisibleDocumentsHost, private readonly previewed?: { resource(): vscode.Uri | undefined; onDidChange: vscode.Event<void> }) {
    const update = () => this.update();
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(update),
      vscode.window.onDidChangeVisibleTextEditors(update),
      host.onDidStartServer(() => this.update(true)),
    );
    if (previewed) this.disposables.push(previewed.onDidChange(update));
    this.update();
  }

  /** The URIs shown, most important first: active editor, other visible editors, the previewed document. */
  visible(): string[] {
    const uris: string[] = [];
    const add = (uri: string | undefined) => {
      if (uri && !uris.includes(uri)) uris.push(uri);
    };
    const active = vscode.window.activeTextEditor?.document;
    if (active && this.host.isSpec(active)) add(active.uri.toString());
    for (const editor of vscode.window.visibleTextEditors) if (this.host.isSpec(editor.document)) add(editor.document.uri.toString());
    add(this.previewed?.resource()?.toString());
    return uris;
  }

  private update(force = false): void {
    const uris = this.visible();
    const key = uris.join('\n');
    if (!force && key === this.last) return;
    this.last = key;
    const params: VisibleDocumentsParams = { uris };
    // A server that is not running yet is told when it starts (onDidStartServer).
    void this.host.sendNotification(VisibleDocumentsNotification, params).catch(() => undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
