// "l2spec: New Design…" (also under File › New File…): a quick pick of one template per design
// family, from the same design snippets completion offers, opened as an untitled l2spec document
// with the snippet's placeholders to fill in.
import * as vscode from 'vscode';
import { designSnippets, expandSnippet } from '../../server/src/service/snippets.js';
import { Commands, SPEC_LANGUAGE } from './constants.js';

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
    const document = await vscode.workspace.openTextDocument({ language: SPEC_LANGUAGE, content: expandSnippet(picked.snippet.body) });
    const editor = await vscode.window.showTextDocument(document);
    const all = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
    await editor.insertSnippet(new vscode.SnippetString(picked.snippet.body), all);
    return document.uri;
  });
}
