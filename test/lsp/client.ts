// A real LSP client for the tests and the benchmark: spawns a language server over stdio and
// drives it with vscode-languageserver-protocol. Waiting is event-based: every notification is
// recorded, and waiters resolve when the one they want (e.g. diagnostics for version N) arrives.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ProtocolConnection, type PublishDiagnosticsParams, type InitializeResult, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

interface Waiter<T> {
  match: (value: T) => boolean;
  resolve: (value: T) => void;
}

class Channel<T> {
  readonly received: T[] = [];
  private waiters: Waiter<T>[] = [];

  push(value: T): void {
    this.received.push(value);
    const ready = this.waiters.filter((w) => w.match(value));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(value);
  }

  /** Resolves with the first value (already received or future) that matches. */
  wait(match: (value: T) => boolean, label: string, timeoutMs: number, fromIndex = 0): Promise<T> {
    const seen = this.received.slice(fromIndex).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${label}`));
      }, timeoutMs);
      const waiter: Waiter<T> = { match, resolve: (v) => { clearTimeout(timer); resolve(v); } };
      this.waiters.push(waiter);
    });
  }

  /** Resolves with the next matching value that arrives after now. */
  next(match: (value: T) => boolean, label: string, timeoutMs: number): Promise<T> {
    return this.wait(match, label, timeoutMs, this.received.length);
  }
}

export interface ReviewMessage {
  uri: string;
  version: number;
  snapshot: { format: number; system: string; findings: unknown[]; tier: { value: string } };
}

export interface StartOptions {
  command?: string;
  args?: string[];
  initializationOptions?: unknown;
  rootUri?: string | null;
  workspaceFolders?: { uri: string; name: string }[] | null;
  capabilities?: Record<string, unknown>;
  /** Answer workspace/configuration requests (yaml-language-server asks for its settings). */
  configuration?: (section: string | undefined) => unknown;
}

export class LspClient {
  readonly diagnostics = new Channel<PublishDiagnosticsParams>();
  readonly reviews = new Channel<ReviewMessage>();
  readonly logs: string[] = [];
  initializeResult?: InitializeResult;
  private exitCode: Promise<number | null>;

  private constructor(readonly proc: ChildProcess, readonly conn: ProtocolConnection) {
    this.exitCode = new Promise((resolve) => proc.once('exit', (code) => resolve(code)));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.diagnostics.push(p));
    conn.onNotification('l2spec/review', (p: ReviewMessage) => this.reviews.push(p));
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const proc = spawn(options.command ?? process.execPath, options.args ?? [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.stderr!.on('data', () => undefined);
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const client = new LspClient(proc, conn);
    conn.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => options.configuration?.(item.section) ?? null));
    // Servers that register capabilities dynamically or ask for the folders (yaml-language-server) need answers.
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('client/unregisterCapability', () => null);
    conn.onRequest('workspace/workspaceFolders', () => options.workspaceFolders ?? null);
    conn.listen();
    client.initializeResult = await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities: options.capabilities ?? {
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true } },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      initializationOptions: options.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  open(uri: string, text: string, version = 1, languageId = 'l2spec'): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  replaceAll(uri: string, version: number, text: string): Promise<void> {
    return this.change(uri, version, [{ text }]);
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** Diagnostics published for exactly this version (already received or future). */
  diagnosticsFor(uri: string, version: number, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.wait((d) => d.uri === uri && d.version === version, `diagnostics for ${uri} v${version}`, timeoutMs);
  }

  /** The next diagnostics for a document, whatever the version. */
  nextDiagnostics(uri: string, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.next((d) => d.uri === uri, `diagnostics for ${uri}`, timeoutMs);
  }

  reviewFor(uri: string, version: number, timeoutMs = 20000): Promise<ReviewMessage> {
    return this.reviews.wait((r) => r.uri === uri && r.version === version, `review for ${uri} v${version}`, timeoutMs);
  }

  /** shutdown + exit; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      this.proc.kill();
    }
    const code = await this.exitCode;
    this.conn.dispose();
    return code;
  }

  kill(): void {
    if (this.proc.exitCode === null) this.proc.kill();
  }
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/** Applies LSP text edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => (p.line >= starts.length ? text.length : Math.min(starts[p.line]! + p.character, text.length));
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** Position of the n-th occurrence of `needle` (plus an offset inside it). */
export function positionOf(text: string, needle: string, inside = 0, occurrence = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  const offset = at + inside;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
