// File-system side of the CLI: finding spec files and the repository config.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type ParsedConfig } from '../engine/index.js';

// The repository config `.l2spec.yaml` is not a spec: a spec name needs a stem before the suffix.
export const SPEC_FILE = /^.+\.l2spec\.ya?ml$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

export class UsageError extends Error {}

/** Expands the arguments into spec files: files as given, directories searched recursively. */
export function collectSpecFiles(args: readonly string[]): string[] {
  const files: string[] = [];
  for (const arg of args) {
    let stat;
    try {
      stat = statSync(arg);
    } catch {
      throw new UsageError(`cannot read "${arg}": no such file or directory`);
    }
    if (stat.isDirectory()) walk(arg, files);
    else files.push(arg);
  }
  return [...new Set(files)];
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(full, out);
    } else if (entry.isFile() && SPEC_FILE.test(entry.name)) out.push(full);
  }
}

/** Reads a config file; a missing or unparsable explicit config is a usage error. */
export function loadConfig(path: string): ParsedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read config "${path}"`);
  }
  return parseConfig(text);
}

/** The nearest `.l2spec.yaml` from the spec's folder up to the repository root (a folder with .git). */
export function findConfig(specPath: string): string | undefined {
  let dir = dirname(resolve(specPath));
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = dirname(dir);
    if (parent === dir || existsSync(join(dir, '.git'))) return undefined;
    dir = parent;
  }
}
