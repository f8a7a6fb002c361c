// Where the repository config `.l2spec.yaml` is found: one rule for the language server and the
// command line, so a spec gets the same severities in the editor and in CI.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from './engine/index.js';

/**
 * The nearest `.l2spec.yaml` from `folder` upwards: the first folder that holds one as a regular
 * file wins. The walk stops at the repository root (a folder holding `.git`, a directory or the
 * file of a worktree) or at the file-system root.
 */
export function findConfigFrom(folder: string): string | undefined {
  let dir = resolve(folder);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isRegularFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir || exists(join(dir, '.git'))) return undefined;
    dir = parent;
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
