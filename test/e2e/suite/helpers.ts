// Helpers for the extension-host suite. Every wait is driven by a VS Code event with a deadline;
// nothing sleeps for a fixed time.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'l2spec.l2spec';
export const RULE_ID = /^L2S-[A-Z]+-\d{3}$/;
export const TIER = /\b(Strong|Moderate|Weak)\b/;

/** The public API `activate` returns (client/src/extension.ts, L2specApi); only what the tests use. */
export interface L2specTestApi {
  ready(): Promise<void>;
  statusBarText(): string | undefined;
  isSpecDocument(document: vscode.TextDocument): boolean;
  serverPid(): Promise<number>;
  serverDocuments(): Promise<string[]>;
  reviews: {
    onDidReview(listener: (review: { uri: string; version: number; snapshot: { tier: { label: string } } }) => unknown): vscode.Disposable;
  };
}

export async function activateExtension(): Promise<L2specTestApi> {
  const ext = vscode.extensions.getExtension<L2specTestApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  const api = await ext.activate();
  await api.ready();
  return api;
}

/**
 * Resolves with `check()`'s first defined result, evaluated now and after every firing of any of
 * `events`; rejects with `what` and the last observed state after `timeoutMs`.
 */
export function waitFor<T>(
  events: vscode.Event<unknown> | vscode.Event<unknown>[],
  check: () => T | undefined,
  what: string,
  timeoutMs = 30_000,
  describeState?: () => string,
): Promise<T> {
  const first = check();
  if (first !== undefined) return Promise.resolve(first);
  return new Promise<T>((resolve, reject) => {
    const subs: vscode.Disposable[] = [];
    const done = () => { clearTimeout(timer); for (const s of subs) s.dispose(); };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describeState ? `; last state: ${describeState()}` : ''}`));
    }, timeoutMs);
    for (const event of Array.isArray(events) ? events : [events]) {
      subs.push(event(() => {
        let value: T | undefined;
        try { value = check(); } catch (err) { done(); reject(err); return; }
        if (value !== undefined) { done(); resolve(value); }
      }));
    }
  });
}

export function l2specDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'l2spec');
}

export function ruleCode(d: vscode.Diagnostic): string {
  const code = typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
  return String(code);
}

const describeDiagnostics = (uri: vscode.Uri) => () =>
  JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${d.source}:${ruleCode(d)}@${d.range.start.line}`));

/** Waits until the document's l2spec diagnostics satisfy `accept` (checked on every diagnostics change). */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  const check = () => {
    const current = l2specDiagnostics(uri);
    return accept(current) ? current : undefined;
  };
  const changedForUri: vscode.Event<unknown> = (listener) =>
    vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) listener(e);
    });
  return waitFor(changedForUri, check, what, timeoutMs, describeDiagnostics(uri));
}

/**
 * Opens a spec and resolves with its diagnostics once the server has reported on it: at once if
 * it already has findings, otherwise at the next diagnostics change for it (a clean spec's report
 * is an empty set, which only the change event reveals).
 */
export async function openAndWaitForReport(relativePath: string, timeoutMs = 30_000): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, relativePath);
  let sub: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Promise<void>((resolve, reject) => {
    sub = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) resolve(); });
    timer = setTimeout(() => reject(new Error(`no diagnostics report for ${relativePath} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const editor = await openInEditor(relativePath);
    if (l2specDiagnostics(uri).length === 0) await changed;
    return { editor, diagnostics: l2specDiagnostics(uri) };
  } finally {
    sub?.dispose();
    clearTimeout(timer);
    changed.catch(() => undefined);
  }
}

/** Opens a workspace file in an editor (the file must exist in the test workspace). */
export async function openInEditor(relativePath: string, column = vscode.ViewColumn.One): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host was started without a workspace folder');
  const uri = vscode.Uri.joinPath(folder.uri, relativePath);
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { viewColumn: column, preview: false });
}

export async function workspaceSpecs(): Promise<string[]> {
  const files = await vscode.workspace.findFiles('**/*.l2spec.yaml', '**/node_modules/**');
  const folder = vscode.workspace.workspaceFolders![0].uri.path;
  return files.map((f) => f.path.slice(folder.length + 1)).sort();
}

/** Webview tabs of a given view type (substring match: VS Code prefixes extension view types). */
export function webviewTabs(viewTypePart: string): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes(viewTypePart));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Updates an `l2spec.*` setting in the workspace and waits until the configuration reports it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  const config = () => vscode.workspace.getConfiguration('l2spec');
  await config().update(key, value, vscode.ConfigurationTarget.Workspace);
  await waitFor(vscode.workspace.onDidChangeConfiguration, () => (JSON.stringify(config().get(key)) === JSON.stringify(value) ? true : undefined),
    `setting l2spec.${key} to take effect`, 10_000);
}

export function markdownText(contents: readonly (vscode.MarkdownString | vscode.MarkedString)[]): string {
  return contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : String(c))).join('\n');
}

/**
 * Opens a file in an editor and measures the time from the request to the document being ready:
 * its editor is the active one, with the document's final language. Resolves with the editor and
 * the milliseconds that took.
 */
export async function timedOpen(uri: vscode.Uri): Promise<{ editor: vscode.TextEditor; ms: number }> {
  const started = performance.now();
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  await waitFor(vscode.window.onDidChangeActiveTextEditor,
    () => (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString() ? true : undefined), `${uri.path} in the active editor`, 10_000);
  return { editor, ms: performance.now() - started };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round = (ms: number): number => Math.round(ms * 10) / 10;

/** File of measured figures in the artifacts folder; each host run merges its section into it. */
export const ACTIVATION_FIGURES = 'activation-cost.json';

export function recordFigures(section: string, figures: unknown): string | undefined {
  const dir = process.env.L2SPEC_E2E_ARTIFACTS;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, ACTIVATION_FIGURES);
  let all: Record<string, unknown> = {};
  if (existsSync(file)) {
    try { all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>; } catch { all = {}; }
  }
  all[section] = { ...(figures as object), vscode: vscode.version, recordedAt: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
  return file;
}
