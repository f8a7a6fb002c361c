// Entry point of the l2spec extension: starts the language server for l2spec specs and wires
// the status bar, the preview, "Explain Rule" and the restart command to it.
import * as vscode from 'vscode';
import { ClientHost } from './clientHost.js';
import { describe } from './describe.js';
import { Commands, ContextKeys, REPO_CONFIG_GLOB } from './constants.js';
import { registerExplain } from './explain.js';
import { registerNewDesign } from './newDesign.js';
import { BaseRevisionTracker } from './review/baseRevisions.js';
import { registerPreview } from './preview/previewManager.js';
import { LanguageClientReviewSource, type ReviewSource } from './reviewSource.js';
import { VisibleDocumentsTracker } from './review/visibleDocuments.js';
import { affectsServerSettings } from './settings.js';
import { buildDocumentSelector, repoConfigGlobs, settingGlobs } from './specFiles.js';
import { TierStatusBar } from './statusBar.js';
import { showStartLayout } from './startLayout.js';
import { ServerInfoRequest, type ServerInfoResult } from '../../server/src/protocol.js';

/** How long activation waits for the workspace's `.l2spec.yaml` files before starting anyway. */
const REPO_CONFIG_SCAN_TIMEOUT_MS = 3000;
/** Coalesces bursts of config-file events (a branch switch touches many at once). */
const SELECTOR_REFRESH_DELAY_MS = 250;

/** What `activate` returns, for the extension-host tests and other extensions. */
export interface L2specApi {
  /** Resolves once the language server runs (starting it again if it stopped). */
  ready(): Promise<void>;
  readonly reviews: ReviewSource;
  /** The status bar text, or undefined while the item is hidden. */
  statusBarText(): string | undefined;
  /** The status bar hover (Markdown), or undefined while the item is hidden. */
  statusBarTooltip(): string | undefined;
  /** True when l2spec reviews this document as a design (what the status bar and preview follow). */
  isSpecDocument(document: vscode.TextDocument): boolean;
  /** The running server's process id (starting the server if none runs). */
  serverPid(): Promise<number>;
  /** The URIs of the documents the running server holds open (what the client synced to it). */
  serverDocuments(): Promise<string[]>;
  /** The open preview panels: which spec each shows, whether it is locked, its title. */
  previewPanels(): readonly { resource: vscode.Uri; locked: boolean; title: string }[];
}

let host: ClientHost | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<L2specApi> {
  const output = vscode.window.createOutputChannel('l2spec', { log: true });
  context.subscriptions.push(output);

  const selector = buildDocumentSelector([...settingGlobs(), ...(await scanRepoConfigs(output))]);
  const clientHost = new ClientHost(context, output, selector);
  host = clientHost;
  // YAML files named by `files:` globs become l2spec documents as they open.
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((document) => void clientHost.claim(document)));
  for (const document of vscode.workspace.textDocuments) void clientHost.claim(document);
  const reviews = new LanguageClientReviewSource(clientHost);
  const statusBar = new TierStatusBar(clientHost, reviews);
  // Each open spec's git HEAD text goes to the server, which then reviews the change since HEAD.
  const baseRevisions = new BaseRevisionTracker(clientHost, output);
  context.subscriptions.push(reviews, statusBar, baseRevisions, registerExplain(clientHost), registerNewDesign());

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      output.info('Restarting the l2spec language server.');
      try {
        await clientHost.restart();
      } catch (error) {
        void vscode.window.showErrorMessage(`l2spec: the language server did not restart: ${describe(error)}`);
      }
    }),
  );
  // The preview follows the same documents as the status bar, from the same reviews.
  const preview = registerPreview(context, reviews, { isSpecDocument: (document) => clientHost.isSpec(document) });
  context.subscriptions.push(preview.disposable);
  statusBar.followPreview(() => preview.manager.focusedResource(), preview.manager.onDidChangeFocus);
  // The server builds the shown documents' analyses and previews first.
  context.subscriptions.push(new VisibleDocumentsTracker(clientHost, { resource: () => preview.manager.focusedResource(), onDidChange: preview.manager.onDidChangeFocus }));

  // The reviewed set of files depends on settings, repository configs and workspace folders.
  let refreshTimer: NodeJS.Timeout | undefined;
  const refreshSelector = (): void => {
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void (async () => {
        const globs = [...settingGlobs(), ...(await scanRepoConfigs(output))];
        await clientHost.updateSelector(buildDocumentSelector(globs));
      })().catch((error) => output.error(`Updating the set of l2spec files: ${describe(error)}`));
    }, SELECTOR_REFRESH_DELAY_MS);
  };
  const repoConfigWatcher = vscode.workspace.createFileSystemWatcher(REPO_CONFIG_GLOB);
  context.subscriptions.push(
    repoConfigWatcher,
    repoConfigWatcher.onDidCreate(refreshSelector),
    repoConfigWatcher.onDidChange(refreshSelector),
    repoConfigWatcher.onDidDelete(refreshSelector),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      refreshSelector();
      // Per-folder rules follow the folders.
      void clientHost.sendSettings().catch((error) => output.warn(`Sending settings: ${describe(error)}`));
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('l2spec.files')) refreshSelector();
      if (affectsServerSettings(event)) void clientHost.sendSettings().catch((error) => output.warn(`Sending settings: ${describe(error)}`));
    }),
    { dispose: () => refreshTimer && clearTimeout(refreshTimer) },
  );

  void vscode.commands.executeCommand('setContext', ContextKeys.active, true);
  // `npm start` asks for a spec, its preview and the walkthrough (scripts/start.mjs).
  void showStartLayout(context, output);
  // Activation does not wait for the server: the editor stays responsive, and failures are logged.
  clientHost.start().catch((error) => {
    void vscode.window.showErrorMessage(`l2spec: the language server did not start: ${describe(error)}`, 'Show Log').then((choice) => {
      if (choice) output.show(true);
    });
  });

  return {
    ready: async () => {
      await clientHost.ready();
    },
    reviews,
    statusBarText: () => statusBar.text,
    statusBarTooltip: () => statusBar.tooltip,
    isSpecDocument: (document) => clientHost.isSpec(document),
    serverPid: async () => {
      const client = await clientHost.ready();
      return (await client.sendRequest<ServerInfoResult>(ServerInfoRequest)).pid;
    },
    serverDocuments: async () => {
      const client = await clientHost.ready();
      return (await client.sendRequest<ServerInfoResult>(ServerInfoRequest)).documents ?? [];
    },
    previewPanels: () => preview.manager.openPanels,
  };
}

export async function deactivate(): Promise<void> {
  const current = host;
  host = undefined;
  await current?.dispose();
}

/** Globs from the workspace's `.l2spec.yaml` files; a slow or failing scan never blocks the server. */
async function scanRepoConfigs(output: vscode.LogOutputChannel) {
  const cancel = new vscode.CancellationTokenSource();
  const timer = setTimeout(() => cancel.cancel(), REPO_CONFIG_SCAN_TIMEOUT_MS);
  try {
    return await repoConfigGlobs(cancel.token);
  } catch (error) {
    output.warn(`Reading .l2spec.yaml files: ${describe(error)}`);
    return [];
  } finally {
    clearTimeout(timer);
    cancel.dispose();
  }
}

