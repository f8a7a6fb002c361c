// A small in-process stand-in for the `vscode` API: just what the preview manager uses, with
// every call recorded, so its behaviour (panel options, message handling, reveal, highlight,
// export) is tested without launching VS Code. The real-editor run belongs to test/e2e.
/* eslint-disable @typescript-eslint/no-explicit-any */

export class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => { for (const i of items) i.dispose(); });
  }
  dispose(): void { this.fn(); }
}

export class EventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  event = (listener: (e: T) => unknown): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => { this.listeners = this.listeners.filter((l) => l !== listener); });
  };
  fire(e: T): void { for (const l of [...this.listeners]) l(e); }
  dispose(): void { this.listeners = []; }
}

export class Uri {
  private constructor(readonly scheme: string, readonly path: string, readonly authority = '') {}
  static parse(value: string, strict = false): Uri {
    const m = /^([a-zA-Z][\w+.-]*):(?:\/\/([^/]*))?(\/.*)?$/.exec(value);
    if (!m) { if (strict) throw new Error(`bad uri ${value}`); return new Uri('file', value); }
    return new Uri(m[1]!, m[3] ?? '', m[2] ?? '');
  }
  static file(path: string): Uri { return new Uri('file', path); }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    const segs = base.path.split('/');
    for (const p of parts) for (const s of p.split('/')) { if (s === '..') segs.pop(); else if (s && s !== '.') segs.push(s); }
    return new Uri(base.scheme, segs.join('/') || '/', base.authority);
  }
  get fsPath(): string { return this.path; }
  toString(): string { return `${this.scheme}://${this.authority}${this.path}`; }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}
export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    if (typeof a === 'number') { this.start = new Position(a, b as number); this.end = new Position(c!, d!); }
    else { this.start = a; this.end = b as Position; }
  }
  isEqual(o: Range): boolean {
    return this.start.line === o.start.line && this.start.character === o.start.character && this.end.line === o.end.line && this.end.character === o.end.character;
  }
}
export class Selection extends Range {
  get active(): Position { return this.end; }
  get anchor(): Position { return this.start; }
}

export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 } as const;
export const TextEditorRevealType = { InCenterIfOutsideViewport: 2 } as const;
export const ColorThemeKind = { Light: 1, Dark: 2, HighContrast: 3, HighContrastLight: 4 } as const;
export const ProgressLocation = { Notification: 15 } as const;

export class FakeWebview {
  options: any = {};
  html = '';
  readonly cspSource = 'https://fake.vscode-cdn.net';
  readonly posted: any[] = [];
  readonly receive = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.receive.event;
  /** Test hook: answers the extension's messages (e.g. an exportRequest). */
  responder?: (m: any) => unknown;
  asWebviewUri(uri: Uri): Uri { return Uri.parse(`https://fake.vscode-cdn.net${uri.path}`); }
  async postMessage(m: unknown): Promise<boolean> {
    this.posted.push(JSON.parse(JSON.stringify(m)));
    const answer = this.responder?.(m);
    if (answer !== undefined) queueMicrotask(() => this.receive.fire(answer));
    return true;
  }
}

export class FakePanel {
  readonly webview = new FakeWebview();
  title: string;
  iconPath: unknown;
  visible = true;
  /** Has focus (VS Code's WebviewPanel.active); change it with setActive to fire the view-state event. */
  active = false;
  disposed = false;
  readonly revealed: unknown[] = [];
  private readonly disposeEmitter = new EventEmitter<void>();
  private readonly viewState = new EventEmitter<unknown>();
  readonly onDidDispose = this.disposeEmitter.event;
  readonly onDidChangeViewState = this.viewState.event;
  constructor(readonly viewType: string, title: string, readonly showOptions: any, options: any) {
    this.title = title;
    this.webview.options = options;
  }
  get viewColumn(): number { return 2; }
  setActive(active: boolean): void {
    this.active = active;
    this.viewState.fire({ webviewPanel: this });
  }
  reveal(column?: unknown, preserveFocus?: boolean): void { this.revealed.push({ column, preserveFocus }); }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
  }
}

export interface FakeDocument { uri: Uri; languageId: string; version: number; isClosed?: boolean }
export interface FakeEditor { document: FakeDocument; selection: Selection; viewColumn: number; revealed: Range[]; revealRange(r: Range): void }

export function makeEditor(uri: Uri, viewColumn = 1): FakeEditor {
  return {
    document: { uri, languageId: 'yaml', version: 1 }, selection: new Selection(0, 0, 0, 0), viewColumn, revealed: [],
    revealRange(r: Range) { this.revealed.push(r); },
  };
}

export const state = {
  panels: [] as FakePanel[],
  commands: new Map<string, (...args: any[]) => unknown>(),
  serializers: new Map<string, { deserializeWebviewPanel(panel: any, state: unknown): Promise<void> }>(),
  written: new Map<string, Uint8Array>(),
  messages: [] as string[],
  saveAs: undefined as Uri | undefined,
  shown: [] as FakeEditor[],
  activeEditor: undefined as FakeEditor | undefined,
  visibleEditors: [] as FakeEditor[],
  activeEditorChanged: new EventEmitter<FakeEditor | undefined>(),
  selectionChanged: new EventEmitter<{ textEditor: FakeEditor; selections: Selection[] }>(),
  theme: ColorThemeKind.Light as number,
  /** Context keys set with `setContext`. */
  contexts: new Map<string, unknown>(),
  /** Open documents (workspace.textDocuments) and their open/close events. */
  documents: [] as FakeDocument[],
  documentOpened: new EventEmitter<FakeDocument>(),
  documentClosed: new EventEmitter<FakeDocument>(),
  /** Settings by full key (e.g. `l2spec.compareWithHead`), and their change event. */
  config: new Map<string, unknown>(),
  configChanged: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  /** Other extensions by id (extensions.getExtension). */
  extensions: new Map<string, { isActive: boolean; exports: unknown; activate(): Promise<unknown> }>(),
};

export function resetFake(): void {
  state.panels = [];
  state.commands.clear();
  state.serializers.clear();
  state.written.clear();
  state.messages = [];
  state.saveAs = undefined;
  state.shown = [];
  state.activeEditor = undefined;
  state.visibleEditors = [];
  state.activeEditorChanged = new EventEmitter();
  state.selectionChanged = new EventEmitter();
  state.contexts.clear();
  state.documents = [];
  state.documentOpened = new EventEmitter();
  state.documentClosed = new EventEmitter();
  state.config.clear();
  state.configChanged = new EventEmitter();
  state.extensions.clear();
}

/** Sets a setting and fires the configuration change event for it. */
export function setConfig(key: string, value: unknown): void {
  state.config.set(key, value);
  state.configChanged.fire({ affectsConfiguration: (section: string) => key === section || key.startsWith(`${section}.`) });
}

export const window = {
  get activeTextEditor() { return state.activeEditor; },
  get visibleTextEditors() { return state.visibleEditors; },
  get activeColorTheme() { return { kind: state.theme }; },
  onDidChangeActiveTextEditor: (l: (e: FakeEditor | undefined) => unknown) => state.activeEditorChanged.event(l),
  onDidChangeTextEditorSelection: (l: (e: { textEditor: FakeEditor; selections: Selection[] }) => unknown) => state.selectionChanged.event(l),
  createWebviewPanel(viewType: string, title: string, showOptions: unknown, options: unknown): FakePanel {
    const p = new FakePanel(viewType, title, showOptions, options);
    state.panels.push(p);
    return p;
  },
  registerWebviewPanelSerializer(viewType: string, s: { deserializeWebviewPanel(panel: any, state: unknown): Promise<void> }): Disposable {
    state.serializers.set(viewType, s);
    return new Disposable(() => state.serializers.delete(viewType));
  },
  async showTextDocument(docOrUri: FakeDocument | Uri, options: { viewColumn?: number }): Promise<FakeEditor> {
    const doc: FakeDocument = docOrUri instanceof Uri ? { uri: docOrUri, languageId: 'yaml', version: 1 } : docOrUri;
    let editor = state.visibleEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    if (!editor) { editor = makeEditor(doc.uri, options.viewColumn ?? 1); state.visibleEditors.push(editor); }
    state.shown.push(editor);
    return editor;
  },
  async showSaveDialog(): Promise<Uri | undefined> { return state.saveAs; },
  async showInformationMessage(m: string) { state.messages.push(`info: ${m}`); return undefined; },
  async showErrorMessage(m: string) { state.messages.push(`error: ${m}`); return undefined; },
  async withProgress<T>(_o: unknown, task: () => Promise<T>): Promise<T> { return task(); },
};

export const workspace = {
  get textDocuments() { return state.documents; },
  onDidOpenTextDocument: (l: (d: FakeDocument) => unknown) => state.documentOpened.event(l),
  onDidCloseTextDocument: (l: (d: FakeDocument) => unknown) => state.documentClosed.event(l),
  onDidChangeConfiguration: (l: (e: { affectsConfiguration(section: string): boolean }) => unknown) => state.configChanged.event(l),
  getConfiguration(section: string) {
    return { get: (key: string) => state.config.get(`${section}.${key}`) };
  },
  async openTextDocument(uri: Uri): Promise<FakeDocument> { return { uri, languageId: 'yaml', version: 1 }; },
  fs: { async writeFile(uri: Uri, bytes: Uint8Array) { state.written.set(uri.toString(), bytes); } },
};

export const extensions = {
  getExtension(id: string) { return state.extensions.get(id); },
};

export const commands = {
  registerCommand(id: string, fn: (...args: any[]) => unknown): Disposable {
    state.commands.set(id, fn);
    return new Disposable(() => state.commands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    if (id === 'setContext') { state.contexts.set(args[0] as string, args[1]); return undefined; }
    return state.commands.get(id)!(...args);
  },
};
