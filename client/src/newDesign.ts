// "l2spec: New Design…" (also under File › New File…): a quick pick of one template per design
// family, from the same design snippets completion offers, opened as an untitled l2spec document
// with the snippet's placeholders to fill in. The document is named after the template's system
// (`my-federated-sidechain.l2spec.yaml`, in the folder of the active spec or the workspace root),
// so its tab reads that name, Save writes it there, and the saved file stays an l2spec spec.
import * as vscode from 'vscode';
import { designSnippets, expandSnippet } from '../../server/src/service/snippets.js';
import { Commands, SPEC_LANGUAGE } from './constants.js';
import { designFileName, templateSystemName } from './designName.js';

/** Files of that name tried before giving up on a free one (`name-2`, `name-3`, …). */
const MAX_NAME_TRIES = 50;

/** The folder a new design goes in: the active spec's, else the first workspace folder's; undefined without either. */
function targetFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.languageId === SPEC_LANGUAGE && !active.isUntitled) return vscode.Uri.joinPath(active.uri, '..');
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * The untitled URI of a new design: a path in `folder` that neither a file nor an open document
 * uses yet (VS Code saves an untitled document with a path there without asking). Without a
 * folder, a plain untitled document (VS Code then names it from its first line).
 */
async function untitledUri(folder: vscode.Uri | undefined, fileName: string): Promise<vscode.Uri | undefined> {
  if (!folder) return undefined;
  const stem = fileName.replace(/\.l2spec\.yaml$/, '');
  for (let i = 1; i <= MAX_NAME_TRIES; i++) {
    const file = vscode.Uri.joinPath(folder, i === 1 ? fileName : `${stem}-${i}.l2spec.yaml`);
    const untitled = file.with({ scheme: 'untitled' });
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === untitled.toString() || d.uri.toString() === file.toString());
    if (!open && !(await exists(file))) return untitled;
  }
  return undefined;
}

/** Registers the New Design command. */
export function registerNewDesign(): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.newDesign, async (label?: unknown) => {
    const items = designSnippets.map((d) => ({ label: d.label.replace(/^design: /, ''), description: d.detail, snippet: d }));
    // An argument picks the template directly (tests, walkthrough links).
    const picked = typeof label === 'string' ? items.find((i) => i.label === label) : await vscode.window.showQuickPick(items, {
      title: 'New l2spec design',
      placeHolder: 'The family of the design: each template is a complete spec to adapt',
      matchOnDescription: true,
    });
    if (!picked) return undefined;
    // The document opens with the template's default text (so its first review is of a whole spec,
    // not of an empty file), then the snippet replaces it to add the placeholders to fill in.
    const content = expandSnippet(picked.snippet.body);
    const uri = await untitledUri(targetFolder(), designFileName(templateSystemName(content)));
    let document: vscode.TextDocument;
    if (uri) {
      document = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), content);
      await vscode.workspace.applyEdit(edit);
      // The name already makes it a spec; say so in case another extension claimed the language.
      if (document.languageId !== SPEC_LANGUAGE) document = await vscode.languages.setTextDocumentLanguage(document, SPEC_LANGUAGE);
    } else {
      document = await vscode.workspace.openTextDocument({ language: SPEC_LANGUAGE, content });
    }
    const editor = await vscode.window.showTextDocument(document);
    const all = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
    await editor.insertSnippet(new vscode.SnippetString(picked.snippet.body), all);
    return document.uri;
  });
}
