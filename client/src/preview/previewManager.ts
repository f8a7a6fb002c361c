// The VS Code side of the l2spec preview, with Markdown's preview conventions: one *dynamic*
// panel follows the active spec editor, any number of *locked* panels each keep showing one spec
// (so two designs can be compared side by side), every panel is restored after a window reload,
// fed by the language server's reviews, plus SVG/PNG export. The webview is untrusted: it can only name element ids and
// finding indexes, which are resolved here against the snapshot it was sent.
import * as vscode from 'vscode';
import { elementTable, nodeAtPosition, renderReport, renderSvg, svgTree, type ReviewSnapshot } from '../../../server/src/render/index.js';
import { buildPreviewHtml, createNonce } from './html.js';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './protocol.js';

export const PREVIEW_VIEW_TYPE = 'l2spec.preview';
/** Scheme of the URI VS Code passes to editor-title commands run on a webview panel. */
const WEBVIEW_PANEL_SCHEME = 'webview-panel';
/** Context key: the focused (or last focused) preview is locked. */
export const PREVIEW_LOCKED_CONTEXT = 'l2spec.previewLocked';
const EXPORTER_VIEW_TYPE = 'l2spec.pngExporter';
const PNG_TIMEOUT_MS = 30_000;
/** Canvas limits in Chromium: keep both sides and the area well inside them. */
const PNG_MAX_SIDE = 16_000;
const PNG_MAX_AREA = 100_000_000;

export interface Review {
  uri: string;
  version: number;
  snapshot: ReviewSnapshot;
}

/** Where reviews come from (implemented on top of the language client). */
export interface ReviewSource {
  getSnapshot(uri: string): Promise<{ version: number; snapshot: ReviewSnapshot } | undefined>;
  onDidReview(listener: (e: Review) => unknown): vscode.Disposable;
}

export interface PreviewOptions {
  /** Which documents the preview follows; defaults to `*.l2spec.yaml|yml`. */
  isSpecDocument?(document: vscode.TextDocument): boolean;
}

export function defaultIsSpecDocument(document: vscode.TextDocument): boolean {
  return document.languageId === 'l2spec' || /\.l2spec\.ya?ml$/i.test(document.uri.path);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Only documents we could have previewed are restored from a (webview-controlled) saved state. */
function restorableUri(state: unknown): vscode.Uri | undefined {
  if (!isRecord(state) || typeof state.uri !== 'string' || state.uri.length > 4096) return undefined;
  try {
    const uri = vscode.Uri.parse(state.uri, true);
    return ['file', 'untitled', 'vscode-remote', 'vscode-vfs'].includes(uri.scheme) ? uri : undefined;
  } catch {
    return undefined;
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
    // State lives in the webview's setState; no need to keep a hidden page alive.
    retainContextWhenHidden: false,
    enableFindWidget: true,
  };
}

function shellHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', name)).toString();
  return buildPreviewHtml({ cspSource: webview.cspSource, nonce: createNonce(), scriptUri: asset('preview.js'), styleUri: asset('preview.css'), title });
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.toString();
}

function sameRange(a: vscode.Range | undefined, b: vscode.Range | undefined): boolean {
  return !!a && !!b && a.isEqual(b);
}

/** Whether a restored panel was locked (the webview keeps `locked` in its saved state). */
function restorableLocked(state: unknown): boolean {
  return isRecord(state) && state.locked === true;
}

/** One preview panel and the document it shows; a locked panel never follows the active editor. */
class PreviewPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private review: Review | undefined;
  private ready = false;
  private lastHighlight: string | undefined;
  private readonly pendingPng = new Map<number, (r: { ok: true; data: string } | { ok: false; error: string }) => void>();
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public resource: vscode.Uri,
    private _locked: boolean,
    private readonly extensionUri: vscode.Uri,
    private readonly source: ReviewSource,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'images', 'icon.png');
    panel.webview.html = shellHtml(panel.webview, extensionUri, 'l2spec preview');
    this.updateTitle();
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      source.onDidReview((e) => {
        if (e.uri === this.resource.toString() && (!this.review || this.review.uri !== e.uri || e.version >= this.review.version)) this.show(e);
      }),
      // A hidden webview is torn down; it re-sends `ready` when visible again.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
    );
    void this.refresh();
  }

  /** Switches to another document (the panel and its zoom stay; the webview resets zoom per document). */
  async setResource(resource: vscode.Uri): Promise<void> {
    if (resource.toString() === this.resource.toString()) return;
    this.resource = resource;
    this.review = undefined;
    this.lastHighlight = undefined;
    this.updateTitle();
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const uri = this.resource.toString();
    try {
      const r = await this.source.getSnapshot(uri);
      if (this.disposed || uri !== this.resource.toString()) return;
      if (r) this.show({ uri, version: r.version, snapshot: r.snapshot });
      else this.post({ type: 'clear', reason: `${baseName(this.resource)} has not been reviewed yet. Is the l2spec language server running?` });
    } catch (error) {
      if (!this.disposed) this.post({ type: 'clear', reason: `Could not review ${baseName(this.resource)}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  get currentReview(): Review | undefined {
    return this.review;
  }

  get locked(): boolean {
    return this._locked;
  }

  /** Locks the panel on its spec (it stops following the editor) or unlocks it. */
  setLocked(locked: boolean): void {
    if (locked === this._locked) return;
    this._locked = locked;
    this.updateTitle();
    this.post({ type: 'panel', locked });
  }

  private show(review: Review): void {
    this.review = review;
    this.updateTitle();
    if (this.ready) this.post({ type: 'snapshot', uri: review.uri, version: review.version, snapshot: review.snapshot });
  }

  /** Markdown's convention: "Preview x" follows the editor, "[Preview] x" is locked on x. */
  private updateTitle(): void {
    this.panel.title = this._locked ? `[Preview] ${baseName(this.resource)}` : `Preview ${baseName(this.resource)}`;
  }

  post(message: HostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }

  /** Highlights the element under the editor's cursor. */
  highlightAt(position: vscode.Position): void {
    if (!this.review?.snapshot.parsed) return;
    const node = nodeAtPosition(this.review.snapshot.diagram.nodes, { line: position.line, character: position.character });
    const id = node?.id;
    if (id === this.lastHighlight) return;
    this.lastHighlight = id;
    this.post({ type: 'highlight', elementId: id });
  }

  rasterise(svg: string, width: number, height: number, scale: number): Promise<Uint8Array> {
    return rasteriseIn(this, svg, width, height, scale);
  }

  registerPng(id: number, resolve: (r: { ok: true; data: string } | { ok: false; error: string }) => void): vscode.Disposable {
    this.pendingPng.set(id, resolve);
    return new vscode.Disposable(() => this.pendingPng.delete(id));
  }

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { sub.dispose(); reject(new Error('the preview did not start')); }, PNG_TIMEOUT_MS);
      const sub = this.panel.webview.onDidReceiveMessage((raw: unknown) => {
        if (parseWebviewMessage(raw)?.type === 'ready') { clearTimeout(timer); sub.dispose(); resolve(); }
      });
    });
  }

  private onMessage(raw: unknown): void {
    const msg: WebviewMessage | undefined = parseWebviewMessage(raw);
    if (!msg) return; // anything else is ignored, never acted on
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.lastHighlight = undefined;
        this.post({ type: 'panel', locked: this._locked });
        if (this.review) this.post({ type: 'snapshot', uri: this.review.uri, version: this.review.version, snapshot: this.review.snapshot });
        break;
      case 'reveal': {
        const target = this.review && elementTable(this.review.snapshot).get(msg.elementId);
        if (target?.range) void this.reveal(target.range, false);
        break;
      }
      case 'revealFinding': {
        const f = this.review?.snapshot.findings[msg.index];
        if (f) void this.reveal(f.range, true);
        break;
      }
      case 'exportResult': {
        const resolve = this.pendingPng.get(msg.requestId);
        if (!resolve) break;
        this.pendingPng.delete(msg.requestId);
        resolve(msg.ok ? { ok: true, data: msg.data } : { ok: false, error: msg.error });
        break;
      }
    }
  }

  private async reveal(r: { start: { line: number; character: number }; end: { line: number; character: number } }, select: boolean): Promise<void> {
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.resource.toString());
    const document = visible?.document ?? await vscode.workspace.openTextDocument(this.resource);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One),
      preserveFocus: false,
      preview: false,
    });
    const selection = select ? new vscode.Selection(range.start, range.end) : new vscode.Selection(range.start, range.start);
    if (!sameRange(editor.selection, selection)) editor.selection = selection;
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const resolve of this.pendingPng.values()) resolve({ ok: false, error: 'the preview was closed' });
    this.pendingPng.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
  }
}

let nextRequestId = 1;

async function rasteriseIn(target: { post(m: HostMessage): void; registerPng: PreviewPanel['registerPng']; whenReady(): Promise<void> }, svg: string, width: number, height: number, scale: number): Promise<Uint8Array> {
  await target.whenReady();
  const requestId = nextRequestId++;
  const result = await new Promise<{ ok: true; data: string } | { ok: false; error: string }>((resolve) => {
    const reg = target.registerPng(requestId, (r) => { clearTimeout(timer); reg.dispose(); resolve(r); });
    const timer = setTimeout(() => { reg.dispose(); resolve({ ok: false, error: 'timed out while rasterising' }); }, PNG_TIMEOUT_MS);
    target.post({ type: 'exportRequest', requestId, format: 'png', svg, width, height, scale });
  });
  if (!result.ok) throw new Error(result.error);
  const bytes = Buffer.from(result.data, 'base64');
  if (bytes.length < 8 || bytes.readUInt32BE(0) !== 0x89504e47) throw new Error('the preview returned something that is not a PNG');
  return bytes;
}

/** Largest scale ≤ 2 that keeps the bitmap within Chromium's canvas limits. */
export function pngScale(width: number, height: number): number {
  return Math.max(0.1, Math.min(2, PNG_MAX_SIDE / Math.max(width, height), Math.sqrt(PNG_MAX_AREA / Math.max(1, width * height))));
}

export class PreviewManager implements vscode.Disposable {
  /** Every open preview panel; at most one of them is unlocked (the dynamic one). */
  private readonly panels = new Set<PreviewPanel>();
  /** The panel that has focus, else the one that had it last (what Show Source and exports act on). */
  private activePanel: PreviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly isSpec: (d: vscode.TextDocument) => boolean;
  private readonly onDidChangeFocusEmitter = new vscode.EventEmitter<void>();
  /** Fires when a preview panel gains or loses focus, or closes (the status bar follows the focused one). */
  readonly onDidChangeFocus = this.onDidChangeFocusEmitter.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly source: ReviewSource, options: PreviewOptions = {}) {
    this.isSpec = options.isSpecDocument ?? defaultIsSpecDocument;
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        const dynamic = this.dynamic;
        if (editor && dynamic && this.isSpec(editor.document)) void dynamic.setResource(editor.document.uri);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const uri = e.textEditor.document.uri.toString();
        for (const p of this.panels) if (p.resource.toString() === uri) p.highlightAt(e.selections[0]!.active);
      }),
    );
  }

  /** The unlocked panel that follows the active spec editor, if one is open. */
  private get dynamic(): PreviewPanel | undefined {
    for (const p of this.panels) if (!p.locked) return p;
    return undefined;
  }

  /** The panels open now (for tests and the lock command). */
  get openPanels(): readonly { resource: vscode.Uri; locked: boolean; title: string }[] {
    return [...this.panels].map((p) => ({ resource: p.resource, locked: p.locked, title: p.panel.title }));
  }

  /**
   * The spec a command should act on: its argument, else the focused preview's, else the active
   * spec editor. A command run from a preview's title bar (or its `…` menu) receives the
   * *webview's* URI (scheme `webview-panel`), never a spec: that means "the spec this preview
   * shows", locked or not.
   */
  private target(arg?: unknown): vscode.Uri | undefined {
    if (arg instanceof vscode.Uri && arg.scheme !== WEBVIEW_PANEL_SCHEME) return arg;
    if (arg instanceof vscode.Uri) {
      const shown = this.focusedPanel() ?? this.activePanel;
      if (shown) return shown.resource;
    }
    const focused = this.focusedPanel();
    if (focused) return focused.resource;
    const doc = vscode.window.activeTextEditor?.document;
    if (doc && this.isSpec(doc)) return doc.uri;
    return this.activePanel?.resource ?? this.dynamic?.resource;
  }

  /** The spec the focused preview panel shows, if a preview has focus (the status bar follows it). */
  focusedResource(): vscode.Uri | undefined {
    return this.focusedPanel()?.resource;
  }

  private focusedPanel(): PreviewPanel | undefined {
    for (const p of this.panels) if (p.panel.active) return p;
    return undefined;
  }

  /** Opens (or moves) the dynamic preview, which follows the active spec editor. */
  async open(arg: unknown, toSide: boolean): Promise<void> {
    const resource = this.target(arg);
    if (!resource) {
      void vscode.window.showInformationMessage('Open an l2spec design (*.l2spec.yaml) to preview it.');
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
    const dynamic = this.dynamic;
    if (dynamic) {
      dynamic.panel.reveal(column, toSide);
      await dynamic.setResource(resource);
      return;
    }
    this.create(resource, column, toSide, false);
  }

  /**
   * "Open Locked Preview to the Side": a panel that keeps showing this spec whatever editor is
   * active. A spec already shown by a locked panel gets that panel revealed instead of a second one.
   */
  async openLocked(arg: unknown): Promise<void> {
    const resource = this.target(arg);
    if (!resource) {
      void vscode.window.showInformationMessage('Open an l2spec design (*.l2spec.yaml) to preview it.');
      return;
    }
    const existing = [...this.panels].find((p) => p.locked && p.resource.toString() === resource.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, true);
      return;
    }
    this.create(resource, vscode.ViewColumn.Beside, true, true);
  }

  /**
   * Locks the focused preview on its spec, or unlocks it so it follows the editor again. As in
   * Markdown, unlocking replaces the dynamic preview that was open (one follows the editor).
   */
  toggleLock(): void {
    const p = this.focusedPanel() ?? this.activePanel;
    if (!p) return;
    if (p.locked) {
      const previous = this.dynamic;
      p.setLocked(false);
      if (previous && previous !== p) previous.dispose();
    } else {
      p.setLocked(true);
    }
    this.updateContext();
  }

  private create(resource: vscode.Uri, column: vscode.ViewColumn, preserveFocus: boolean, locked: boolean): void {
    const title = locked ? `[Preview] ${baseName(resource)}` : `Preview ${baseName(resource)}`;
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, title, { viewColumn: column, preserveFocus }, webviewOptions(this.context.extensionUri));
    this.adopt(panel, resource, locked);
  }

  /**
   * Shows the previewed spec's source, as Markdown's "Show Source": in the column where it is
   * already visible, else beside the preview.
   */
  async showSource(): Promise<void> {
    const resource = (this.focusedPanel() ?? this.activePanel)?.resource;
    if (!resource) return;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === resource.toString());
    await vscode.window.showTextDocument(resource, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside });
  }

  /** Restores a preview after a window reload (WebviewPanelSerializer), locked or dynamic as it was. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const resource = restorableUri(state) ?? this.target();
    if (!resource) {
      panel.dispose();
      return;
    }
    const locked = restorableLocked(state);
    if (!locked && this.dynamic) {
      // Only one preview follows the editor; a second restored dynamic panel is redundant.
      panel.dispose();
      return;
    }
    this.adopt(panel, resource, locked);
  }

  private adopt(panel: vscode.WebviewPanel, resource: vscode.Uri, locked: boolean): void {
    const p = new PreviewPanel(panel, resource, locked, this.context.extensionUri, this.source);
    this.panels.add(p);
    this.activePanel = p;
    const viewState = panel.onDidChangeViewState(() => {
      if (panel.active) this.activePanel = p;
      this.updateContext();
      this.onDidChangeFocusEmitter.fire();
    });
    p.onDidDispose(() => {
      viewState.dispose();
      this.panels.delete(p);
      if (this.activePanel === p) this.activePanel = undefined;
      this.updateContext();
      this.onDidChangeFocusEmitter.fire();
    });
    this.updateContext();
  }

  /** `l2spec.previewLocked`: whether the focused preview is locked. A locked preview shows the lock in its title bar (click to unlock); an unlocked one offers Toggle Preview Locking in its `…` menu. */
  private updateContext(): void {
    const focused = this.focusedPanel() ?? this.activePanel;
    void vscode.commands.executeCommand('setContext', PREVIEW_LOCKED_CONTEXT, focused?.locked === true);
  }

  private async snapshotFor(arg: unknown): Promise<{ resource: vscode.Uri; snapshot: ReviewSnapshot } | undefined> {
    const resource = this.target(arg);
    if (!resource) {
      void vscode.window.showInformationMessage('Open an l2spec design (*.l2spec.yaml) to export its diagram.');
      return undefined;
    }
    const r = await this.source.getSnapshot(resource.toString());
    if (!r) {
      void vscode.window.showErrorMessage(`l2spec could not review ${baseName(resource)}; is the language server running?`);
      return undefined;
    }
    if (!r.snapshot.parsed) {
      void vscode.window.showErrorMessage(`${baseName(resource)} could not be read; fix its errors before exporting the diagram.`);
      return undefined;
    }
    return { resource, snapshot: r.snapshot };
  }

  private async saveTarget(resource: vscode.Uri, ext: 'svg' | 'png' | 'html'): Promise<vscode.Uri | undefined> {
    const name = baseName(resource).replace(/\.l2spec\.ya?ml$/i, '').replace(/\.ya?ml$/i, '') || 'diagram';
    const defaultUri = resource.scheme === 'file' ? vscode.Uri.joinPath(resource, '..', `${name}.${ext}`) : undefined;
    const what = ext === 'html' ? 'review report as HTML' : `diagram as ${ext.toUpperCase()}`;
    return vscode.window.showSaveDialog({
      defaultUri, saveLabel: `Export ${ext.toUpperCase()}`, title: `Export the l2spec ${what}`,
      filters: ext === 'svg' ? { 'SVG image': ['svg'] } : ext === 'png' ? { 'PNG image': ['png'] } : { 'HTML page': ['html'] },
    });
  }

  /** `l2spec.export.theme`: light or dark as the user chooses; `auto` follows VS Code's theme. */
  private exportTheme(): 'light' | 'dark' {
    const chosen = vscode.workspace.getConfiguration('l2spec').get<string>('export.theme', 'auto');
    if (chosen === 'light' || chosen === 'dark') return chosen;
    const kind = vscode.window.activeColorTheme.kind;
    return kind === vscode.ColorThemeKind.Dark || kind === vscode.ColorThemeKind.HighContrast ? 'dark' : 'light';
  }

  /** The standalone HTML review report (what `l2spec render -o x.html` writes), in the export theme. */
  async exportHtml(arg: unknown): Promise<vscode.Uri | undefined> {
    const found = await this.snapshotFor(arg);
    if (!found) return undefined;
    const out = await this.saveTarget(found.resource, 'html');
    if (!out) return undefined;
    const html = renderReport(found.snapshot, { source: baseName(found.resource), theme: this.exportTheme() });
    await vscode.workspace.fs.writeFile(out, Buffer.from(html, 'utf8'));
    void vscode.window.showInformationMessage(`Review report exported to ${baseName(out)}.`);
    return out;
  }

  /**
   * Marks a set of diagram elements in every preview of `resource` (e.g. the parties of a
   * coalition in "Who must collude"); `[]` clears it. Ids are the snapshot's element ids.
   */
  highlightElements(resource: vscode.Uri, ids: readonly string[]): void {
    for (const p of this.panels) if (p.resource.toString() === resource.toString()) p.post({ type: 'highlight', ids: [...ids] });
  }

  async exportSvg(arg: unknown): Promise<vscode.Uri | undefined> {
    const found = await this.snapshotFor(arg);
    if (!found) return undefined;
    const out = await this.saveTarget(found.resource, 'svg');
    if (!out) return undefined;
    await vscode.workspace.fs.writeFile(out, Buffer.from(renderSvg(found.snapshot, { theme: this.exportTheme() }), 'utf8'));
    void vscode.window.showInformationMessage(`Diagram exported to ${baseName(out)}.`);
    return out;
  }

  /**
   * PNG needs a browser to rasterise the SVG. The preview does it when it is open and visible
   * (a hidden webview is torn down and would never answer); otherwise a short-lived webview (same assets and CSP) opens beside the editor without
   * taking focus, rasterises, and closes again. So export works with no preview open.
   */
  async exportPng(arg: unknown): Promise<vscode.Uri | undefined> {
    const found = await this.snapshotFor(arg);
    if (!found) return undefined;
    const out = await this.saveTarget(found.resource, 'png');
    if (!out) return undefined;
    const { width, height } = svgTree(found.snapshot, { theme: this.exportTheme() });
    const svg = renderSvg(found.snapshot, { theme: this.exportTheme() });
    const scale = pngScale(width, height);
    const bytes = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Exporting the l2spec diagram as PNG…' }, async () => {
      const visible = [...this.panels].find((p) => p.panel.visible && p.resource.toString() === found.resource.toString())
        ?? [...this.panels].find((p) => p.panel.visible);
      if (visible) return visible.rasterise(svg, width, height, scale);
      const temp = vscode.window.createWebviewPanel(EXPORTER_VIEW_TYPE, 'Exporting PNG…', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.context.extensionUri));
      const helper = new PngHelper(temp, this.context.extensionUri);
      try {
        return await rasteriseIn(helper, svg, width, height, scale);
      } finally {
        helper.dispose();
      }
    });
    await vscode.workspace.fs.writeFile(out, bytes);
    void vscode.window.showInformationMessage(`Diagram exported to ${baseName(out)}.`);
    return out;
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.onDidChangeFocusEmitter.dispose();
  }
}

/** The short-lived webview that rasterises a PNG when no preview is open. */
class PngHelper implements vscode.Disposable {
  private ready = false;
  private readonly pending = new Map<number, (r: { ok: true; data: string } | { ok: false; error: string }) => void>();
  private readonly readyWaiters: (() => void)[] = [];
  private readonly sub: vscode.Disposable;

  constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    panel.webview.html = shellHtml(panel.webview, extensionUri, 'l2spec PNG export');
    this.sub = panel.webview.onDidReceiveMessage((raw: unknown) => {
      const msg = parseWebviewMessage(raw);
      if (msg?.type === 'ready') {
        this.ready = true;
        for (const w of this.readyWaiters.splice(0)) w();
      } else if (msg?.type === 'exportResult') {
        const resolve = this.pending.get(msg.requestId);
        this.pending.delete(msg.requestId);
        resolve?.(msg.ok ? { ok: true, data: msg.data } : { ok: false, error: msg.error });
      }
    });
  }

  post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  registerPng(id: number, resolve: (r: { ok: true; data: string } | { ok: false; error: string }) => void): vscode.Disposable {
    this.pending.set(id, resolve);
    return new vscode.Disposable(() => this.pending.delete(id));
  }

  whenReady(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the export view did not start')), PNG_TIMEOUT_MS);
      this.readyWaiters.push(() => { clearTimeout(timer); resolve(); });
    });
  }

  dispose(): void {
    this.sub.dispose();
    this.panel.dispose();
  }
}

/**
 * Registers the preview: commands l2spec.openPreview, l2spec.openPreviewToSide,
 * l2spec.openLockedPreviewToSide, l2spec.togglePreviewLock, l2spec.showSource, l2spec.exportSvg,
 * l2spec.exportPng, l2spec.exportHtml and the serializer for reload restore. Returns the manager (its `openPanels`
 * serve the extension-host tests) with everything to dispose.
 */
export function registerPreview(context: vscode.ExtensionContext, source: ReviewSource, options: PreviewOptions = {}): { manager: PreviewManager; disposable: vscode.Disposable } {
  const manager = new PreviewManager(context, source, options);
  const report = (what: string) => (error: unknown) => {
    void vscode.window.showErrorMessage(`l2spec: ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  };
  const disposable = vscode.Disposable.from(
    manager,
    vscode.commands.registerCommand('l2spec.openPreview', (uri?: unknown) => manager.open(uri, false).catch(report('Open Preview'))),
    vscode.commands.registerCommand('l2spec.openPreviewToSide', (uri?: unknown) => manager.open(uri, true).catch(report('Open Preview to the Side'))),
    vscode.commands.registerCommand('l2spec.openLockedPreviewToSide', (uri?: unknown) => manager.openLocked(uri).catch(report('Open Locked Preview to the Side'))),
    vscode.commands.registerCommand('l2spec.togglePreviewLock', () => manager.toggleLock()),
    vscode.commands.registerCommand('l2spec.showSource', () => manager.showSource().catch(report('Show Source'))),
    vscode.commands.registerCommand('l2spec.exportSvg', (uri?: unknown) => manager.exportSvg(uri).catch(report('SVG export'))),
    vscode.commands.registerCommand('l2spec.exportPng', (uri?: unknown) => manager.exportPng(uri).catch(report('PNG export'))),
    vscode.commands.registerCommand('l2spec.exportHtml', (uri?: unknown) => manager.exportHtml(uri).catch(report('HTML export'))),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => manager.restore(panel, state),
    }),
  );
  return { manager, disposable };
}
