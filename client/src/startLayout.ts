// The layout `npm start` opens the examples in (issue 20): one spec with its preview to the side,
// and the walkthrough in a tab beside the spec, instead of an empty editor. scripts/start.mjs asks
// for it through L2SPEC_START in the environment VS Code (code-server, or a desktop window opened
// from the command line) passes to the extension host; nothing else sets it.
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from './constants.js';

/** The environment variable scripts/start.mjs sets: JSON `{ "spec": "<absolute path>", "id": "<one per start>" }`. */
export const START_ENV = 'L2SPEC_START';
/** The walkthrough contributed in package.json. */
export const WALKTHROUGH = `${EXTENSION_ID}#l2spec.gettingStarted`;
const SHOWN_KEY = 'l2spec.startLayoutShown';

export interface StartRequest {
  spec: string;
  id: string;
}

/** The request in `value` (the variable's text), or undefined when it is absent or malformed. */
export function parseStartRequest(value: string | undefined): StartRequest | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<StartRequest>;
    if (typeof parsed.spec !== 'string' || typeof parsed.id !== 'string' || !/\.l2spec\.ya?ml$/.test(parsed.spec)) return undefined;
    return { spec: parsed.spec, id: parsed.id };
  } catch {
    return undefined;
  }
}

/**
 * Opens the start layout once per start (`id`, kept in the window's workspace state, so a reload
 * of the same start does not open it again): the walkthrough, then the spec in the same group,
 * then the spec's preview to the side. Failures are logged, never shown: this is a courtesy.
 */
export async function showStartLayout(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const request = parseStartRequest(env[START_ENV]);
  if (!request || context.workspaceState.get<string>(SHOWN_KEY) === request.id) return false;
  await context.workspaceState.update(SHOWN_KEY, request.id);
  try {
    const spec = vscode.Uri.file(request.spec);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
    const editor = await vscode.window.showTextDocument(spec, { viewColumn: vscode.ViewColumn.One, preview: false });
    await vscode.commands.executeCommand(Commands.openPreviewToSide, editor.document.uri);
    return true;
  } catch (error) {
    output.warn(`Opening the start layout: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
