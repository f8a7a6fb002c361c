// The part of the built-in git extension's API (`vscode.git`, API version 1) that l2spec reads.
// VS Code does not publish it as a package; these declarations follow its `git.d.ts`
// (extensions/git/src/api/git.d.ts) and name only what l2spec uses, so a newer git extension with
// more members stays compatible.
import type * as vscode from 'vscode';

/** The extension's exports (`vscode.extensions.getExtension('vscode.git').exports`). */
export interface GitExtension {
  /** False when the user turned git off (`git.enabled: false`). */
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  /** Throws when git is disabled. */
  getAPI(version: 1): GitApi;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly repositories: readonly GitRepository[];
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  /** The repository that contains `uri`, or null (outside every open repository). */
  getRepository(uri: vscode.Uri): GitRepository | null;
}

export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    /** The checked-out branch or detached commit; undefined in a repository without commits. */
    readonly HEAD: { readonly name?: string; readonly commit?: string } | undefined;
    /** Fires on every status refresh (saves included), not only when HEAD moves. */
    readonly onDidChange: vscode.Event<void>;
  };
  /** `git show <ref>:<path>` as text; rejects when the file is not in that revision. */
  show(ref: string, path: string): Promise<string>;
}

/** The git extension's id. */
export const GIT_EXTENSION_ID = 'vscode.git';
