// Owns the language client: starts the bundled server on VS Code's own Node over IPC, restarts
// it on demand or when the set of reviewed files changes, and forwards settings.
import * as vscode from 'vscode';
import {
  LanguageClient, State, TransportKind, DidChangeConfigurationNotification,
  type DocumentSelector, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, CONFIG_SECTION, REPO_CONFIG_GLOB, SPEC_LANGUAGE } from './constants.js';
import { describe } from './describe.js';
import { readServerSettings } from './settings.js';
import { selectorKey, SPEC_SELECTOR, toVscodeSelector } from './specFiles.js';


/** Port of the server's inspector in the debug launch; overridable for parallel debug sessions. */
const DEBUG_PORT = Number(process.env.L2SPEC_SERVER_INSPECT_PORT) || 6009;

export class ClientHost implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private selector: DocumentSelector;
  private vscodeSelector: vscode.DocumentFilter[];
  private starting: Promise<LanguageClient> | undefined;
  /** Serialises start/stop/restart so a burst of triggers never races two clients. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly onDidCreateEmitter = new vscode.EventEmitter<LanguageClient>();
  private readonly onDidChangeSelectorEmitter = new vscode.EventEmitter<void>();
  private readonly onDidStartServerEmitter = new vscode.EventEmitter<void>();

  /**
   * Fires synchronously with every new client before it starts, so notification handlers are in
   * place before the server's first message.
   */
  readonly onDidCreateClient = this.onDidCreateEmitter.event;
  /** Fires when the set of reviewed documents changes. */
  readonly onDidChangeSelector = this.onDidChangeSelectorEmitter.event;
  /**
   * Fires each time a server runs: after the first start, a restart, or the client's own
   * recovery from a crash. A new server knows nothing the old one was told outside document sync.
   */
  readonly onDidStartServer = this.onDidStartServerEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.LogOutputChannel,
    selector: DocumentSelector,
  ) {
    this.selector = selector;
    this.vscodeSelector = toVscodeSelector(selector);
    // The server re-reads repository configs when they change; one watcher serves every client
    // (events it also watches through dynamic registration are batched into one notification).
    this.watcher = vscode.workspace.createFileSystemWatcher(REPO_CONFIG_GLOB);
  }

  /** YAML documents l2spec claims (see claim()). */
  get documentSelector(): readonly vscode.DocumentFilter[] {
    return this.vscodeSelector;
  }

  /** The running client, or undefined while it starts, restarts or after a failure. */
  get runningClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** True when the language client syncs this document to the server: it is in the l2spec language. */
  matches(document: vscode.TextDocument): boolean {
    return document.languageId === SPEC_LANGUAGE;
  }

  /** True when the document is an l2spec design (what the status bar and preview follow). */
  isSpec(document: vscode.TextDocument): boolean {
    return this.matches(document);
  }

  /**
   * Moves a YAML document that a `files:` glob names into the l2spec language, so l2spec alone
   * serves it (another YAML extension would otherwise hover, complete and validate it too).
   */
  async claim(document: vscode.TextDocument): Promise<void> {
    if (document.languageId !== 'yaml' || this.vscodeSelector.length === 0) return;
    if (vscode.languages.match(this.vscodeSelector, document) === 0) return;
    try {
      await vscode.languages.setTextDocumentLanguage(document, SPEC_LANGUAGE);
    } catch (error) {
      this.output.warn(`Reviewing ${document.uri.toString(true)} as an l2spec design: ${describe(error)}`);
    }
  }

  start(): Promise<LanguageClient> {
    return this.enqueue(() => this.startNow());
  }

  /** Resolves with a running client, starting one if none runs (e.g. after a crash gave up). */
  async ready(): Promise<LanguageClient> {
    if (this.disposed) throw new Error('l2spec: the extension is shutting down');
    const running = this.runningClient;
    if (running) return running;
    if (this.starting) return this.starting;
    return this.start();
  }

  restart(): Promise<LanguageClient> {
    return this.enqueue(async () => {
      await this.stopNow();
      return this.startNow();
    });
  }

  /** Sends a notification to the server, starting it if none runs. */
  async sendNotification(method: string, params: unknown): Promise<void> {
    const client = await this.ready();
    await client.sendNotification(method, params);
  }

  /** Takes new claim globs and claims the open YAML documents they name (the server keeps running). */
  updateSelector(selector: DocumentSelector): Promise<void> {
    if (selectorKey(selector) === selectorKey(this.selector)) return Promise.resolve();
    this.selector = selector;
    this.vscodeSelector = toVscodeSelector(selector);
    this.onDidChangeSelectorEmitter.fire();
    return Promise.all(vscode.workspace.textDocuments.map((d) => this.claim(d))).then(() => undefined);
  }

  /** Pushes the current settings to the running server. */
  async sendSettings(): Promise<void> {
    const client = this.runningClient;
    if (!client) return; // a starting client receives them as initializationOptions
    await client.sendNotification(DidChangeConfigurationNotification.type, { settings: readServerSettings() });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.watcher.dispose();
    this.onDidCreateEmitter.dispose();
    this.onDidChangeSelectorEmitter.dispose();
    this.onDidStartServerEmitter.dispose();
    await this.queue.catch(() => undefined);
    await this.stopNow();
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.catch(() => undefined).then(task);
    this.queue = next;
    return next;
  }

  private async startNow(): Promise<LanguageClient> {
    if (this.disposed) throw new Error('l2spec: the extension is shutting down');
    if (this.client?.state === State.Running) return this.client;
    if (this.client) await this.stopNow();
    const client = this.createClient();
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running && this.client === client) this.onDidStartServerEmitter.fire();
    });
    this.onDidCreateEmitter.fire(client);
    const started = (async () => {
      try {
        await client.start();
      } catch (error) {
        this.output.error(`The l2spec language server failed to start: ${describe(error)}`);
        throw error;
      }
      return client;
    })();
    this.starting = started;
    try {
      return await started;
    } finally {
      if (this.starting === started) this.starting = undefined;
    }
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      if (client.needsStop()) await client.stop(2000);
    } catch (error) {
      this.output.warn(`Stopping the l2spec language server: ${describe(error)}`);
    }
    await client.dispose().catch(() => undefined);
  }

  private createClient(): LanguageClient {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      // Node IPC: over stdio the server would write the diagnostics its analysis worker serialised
      // as they are (server/src/lsp/transport.ts), but with stdio a server killed mid-session was
      // not always restarted (write errors to the dead process shut the client down first).
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${DEBUG_PORT}`] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SPEC_SELECTOR,
      outputChannel: this.output,
      traceOutputChannel: this.output,
      // Evaluated on every (re)start, so a restarted server sees the current settings.
      initializationOptions: () => readServerSettings(),
      synchronize: { fileEvents: this.watcher },
      middleware: {
        workspace: {
          // The generic push would send the raw `l2spec` section, without the Red Hat YAML flag and
          // with `diagnostics.debounceMs` nested; `sendSettings` pushes the server's own shape instead.
          didChangeConfiguration: async () => undefined,
          // A server that pulls `l2spec` settings gets the same shape as initializationOptions.
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return params.items.map((item, index) => (item.section === CONFIG_SECTION ? readServerSettings() : result[index]));
          },
        },
      },
    };
    // The client's ID makes vscode-languageclient honour the `l2spec.trace.server` setting.
    return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  }
}
