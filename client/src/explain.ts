// "Explain Rule": asks the server for a rule's (or glossary term's) documentation and shows it
// as a read-only markdown preview of a virtual document (scheme `l2spec-explain`).
import * as vscode from 'vscode';
import { ExplainRequest, type ExplainParams, type ExplainResult } from '../../server/src/protocol.js';
import { catalogue } from '../../server/src/engine/rules/index.js';
import { glossary } from '../../server/src/engine/glossary.js';
import type { ClientHost } from './clientHost.js';
import { describe } from './describe.js';
import { Commands, RULE_ID } from './constants.js';

export const EXPLAIN_SCHEME = 'l2spec-explain';
const MAX_TOPIC_LENGTH = 100;

export function explainUri(topic: string): vscode.Uri {
  // The `.md` suffix makes VS Code treat the document as markdown, which the preview requires.
  return vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${topic}.md` });
}

function topicOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

export class ExplainProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly host: ClientHost) {}

  /** Fetches a topic's page from the server; throws with a readable message when it has none. */
  async fetch(topic: string): Promise<vscode.Uri> {
    const client = await this.host.ready();
    const params: ExplainParams = { topic };
    const result = await client.sendRequest<ExplainResult | null>(ExplainRequest, params);
    // The server answers an empty page when it failed; unknown topics get a page with suggestions.
    if (!result || typeof result.markdown !== 'string' || !result.markdown.trim()) throw new Error(`l2spec has no explanation for "${topic}" (see the l2spec output for details).`);
    const uri = explainUri(topic);
    const previous = this.pages.get(uri.toString());
    this.pages.set(uri.toString(), result.markdown);
    if (previous !== undefined && previous !== result.markdown) this.changed.fire(uri);
    return uri;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const cached = this.pages.get(uri.toString());
    if (cached !== undefined) return cached;
    // A page restored after a reload is not cached yet: fetch it now.
    try {
      await this.fetch(topicOf(uri));
      return this.pages.get(uri.toString()) ?? '';
    } catch (error) {
      return `# ${topicOf(uri)}\n\nThe explanation could not be loaded: ${describe(error)}\n`;
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.pages.clear();
  }
}

interface TopicItem extends vscode.QuickPickItem {
  topic: string;
}

/** Registers the provider and the `l2spec.explainRule` command (argument: rule ID or term). */
export function registerExplain(host: ClientHost): vscode.Disposable {
  const provider = new ExplainProvider(host);
  const command = vscode.commands.registerCommand(Commands.explainRule, async (arg?: unknown): Promise<vscode.Uri | undefined> => {
    // From the editor's context menu (argument: the document's URI) the rule under the cursor
    // is explained at once; from the palette it is only preselected.
    const atCursor = ruleIdAtCursor();
    const topic = topicFromArgument(arg) ?? (arg instanceof vscode.Uri ? atCursor : undefined) ?? (await pickTopic(atCursor));
    if (!topic) return undefined;
    let uri: vscode.Uri;
    try {
      uri = await provider.fetch(topic);
    } catch (error) {
      void vscode.window.showWarningMessage(describe(error));
      return undefined;
    }
    await showMarkdown(uri);
    return uri;
  });
  return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, provider), provider, command);
}

/** Accepts a topic string, or `{ ruleId }` / `{ topic }` objects (e.g. from a diagnostic's code). */
function topicFromArgument(arg: unknown): string | undefined {
  let value: unknown = arg;
  if (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri)) {
    const record = arg as Record<string, unknown>;
    value = record.ruleId ?? record.topic ?? record.value;
  }
  if (typeof value !== 'string') return undefined; // a Uri comes from the editor context menu
  const topic = value.trim();
  return topic && topic.length <= MAX_TOPIC_LENGTH ? topic : undefined;
}

/** The rule ID under the cursor: written there (a suppression comment) or of a finding there. */
function ruleIdAtCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const { document, selection } = editor;
  const range = document.getWordRangeAtPosition(selection.active, /L2S-[A-Za-z]+-\d{3}/);
  const word = range ? document.getText(range).toUpperCase() : undefined;
  if (word && RULE_ID.test(word)) return word;
  const selected = document.getText(selection).trim().toUpperCase();
  if (RULE_ID.test(selected)) return selected;
  for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
    if (diagnostic.source !== 'l2spec' || !diagnostic.range.contains(selection.active)) continue;
    const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
    if (typeof code === 'string' && RULE_ID.test(code)) return code;
  }
  return undefined;
}

/** Rule IDs and glossary terms to pick from; typing anything else offers it as a free topic. */
function pickTopic(preselect: string | undefined): Promise<string | undefined> {
  const ruleItems: TopicItem[] = [...catalogue.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((meta) => ({ label: meta.id, description: meta.title, detail: `${meta.severity} · ${meta.axis}`, topic: meta.id }));
  const termItems: TopicItem[] = [...glossary]
    .sort((a, b) => a.term.localeCompare(b.term))
    .map((entry) => ({ label: entry.term, description: entry.aliases.slice(0, 3).join(', '), topic: entry.term }));
  const rules: TopicItem[] = [
    { label: 'Rules', kind: vscode.QuickPickItemKind.Separator, topic: '' },
    ...ruleItems,
    { label: 'Glossary', kind: vscode.QuickPickItemKind.Separator, topic: '' },
    ...termItems,
  ];
  const quickPick = vscode.window.createQuickPick<TopicItem>();
  quickPick.title = 'l2spec: Explain Rule';
  quickPick.placeholder = 'Pick a rule or a glossary term, or type any term (e.g. "exit window")';
  quickPick.matchOnDescription = true;
  quickPick.matchOnDetail = true;
  quickPick.items = rules;
  const preselected = preselect ? rules.find((r) => r.topic === preselect) : undefined;
  if (preselected) quickPick.activeItems = [preselected];
  return new Promise<string | undefined>((resolve) => {
    let result: string | undefined;
    const disposables: vscode.Disposable[] = [
      quickPick.onDidChangeValue((value) => {
        const typed = value.trim();
        const exact = rules.some((r) => r.topic && r.label.toLowerCase() === typed.toLowerCase());
        quickPick.items = typed && !exact && typed.length <= MAX_TOPIC_LENGTH
          ? [...rules, { label: `$(question) Explain "${typed}"`, description: 'term or rule ID', alwaysShow: true, topic: typed }]
          : rules;
      }),
      quickPick.onDidAccept(() => {
        const picked = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
        const typed = quickPick.value.trim();
        result = picked?.topic || (typed && typed.length <= MAX_TOPIC_LENGTH ? typed : undefined);
        quickPick.hide();
      }),
      quickPick.onDidHide(() => {
        for (const d of disposables) d.dispose();
        quickPick.dispose();
        resolve(result);
      }),
    ];
    quickPick.show();
  });
}

async function showMarkdown(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // The built-in markdown extension is disabled: show the read-only source instead.
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
  }
}
