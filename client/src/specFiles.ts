// Which documents l2spec reviews: every document in the l2spec language (`*.l2spec.yaml|yml` by name),
// and the YAML files named by the `l2spec.files` setting or a repository's `.l2spec.yaml`, which it claims.
import * as vscode from 'vscode';
import type { DocumentSelector, TextDocumentFilter } from 'vscode-languageclient/node';
import { REPO_CONFIG_GLOB } from './constants.js';
import { readFileGlobs } from './settings.js';
import { filesFromRepoConfig, resolveGlobs, type SpecGlob } from './specGlobs.js';

export { buildDocumentSelector, selectorKey, SPEC_SELECTOR, type SpecGlob } from './specGlobs.js';

const MAX_REPO_CONFIGS = 50;
const MAX_REPO_CONFIG_BYTES = 256 * 1024;

/** The selector in VS Code's own terms, for `vscode.languages.match`. */
export function toVscodeSelector(selector: DocumentSelector): vscode.DocumentFilter[] {
  return selector.map((filter) => {
    if (typeof filter === 'string') return { language: filter };
    const text = filter as TextDocumentFilter;
    const pattern = text.pattern;
    let glob: vscode.GlobPattern | undefined;
    if (typeof pattern === 'string') glob = pattern;
    else if (pattern) {
      const base = typeof pattern.baseUri === 'string' ? pattern.baseUri : pattern.baseUri.uri;
      glob = new vscode.RelativePattern(vscode.Uri.parse(base), pattern.pattern);
    }
    return { language: text.language, scheme: text.scheme, pattern: glob };
  });
}

/**
 * Globs from the resource-scoped `l2spec.files` setting: each folder's value, relative globs inside
 * that folder; without a folder, the window's anchored globs.
 */
export function settingGlobs(): SpecGlob[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return resolveGlobs(readFileGlobs(), []);
  return folders.flatMap((folder) => resolveGlobs(readFileGlobs(folder.uri), [folder.uri.toString()]));
}

/** Globs of every `.l2spec.yaml` in the workspace, each relative to the folder holding the config. */
export async function repoConfigGlobs(token?: vscode.CancellationToken): Promise<SpecGlob[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const configs = await vscode.workspace.findFiles(REPO_CONFIG_GLOB, '**/node_modules/**', MAX_REPO_CONFIGS, token);
  configs.sort((a, b) => a.toString().localeCompare(b.toString()));
  const result: SpecGlob[] = [];
  for (const uri of configs) {
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_REPO_CONFIG_BYTES) continue;
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      continue; // deleted or unreadable between findFiles and here
    }
    result.push(...resolveGlobs(filesFromRepoConfig(text), [vscode.Uri.joinPath(uri, '..').toString()]));
  }
  return result;
}
