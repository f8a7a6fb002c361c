// File-system side of the CLI: finding spec files and the repository config, and reading them
// safely (only regular files, never more than a bounded number of bytes).
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME, compareText, DEFAULT_MAX_SIZE, parseConfig, type ParsedConfig } from '../engine/index.js';
import { findConfigFrom } from '../configFile.js';
import { terminalSafe } from './escape.js';

// The repository config `.l2spec.yaml` is not a spec: a spec name needs a stem before the suffix.
// The stem may hold any character, a line break too (`s`): such a file is still a spec to check.
export const SPEC_FILE = /^.+\.l2spec\.ya?ml$/is;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.vscode-test']);

/**
 * The most bytes read from one input. The engine reports specs above DEFAULT_MAX_SIZE characters
 * as one finding; UTF-8 needs at most 4 bytes a character, so anything larger cannot be a spec it
 * would analyse, and reading it (e.g. /dev/zero through a symlink) must stop early.
 */
export const MAX_READ_BYTES = DEFAULT_MAX_SIZE * 4;
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A usage error or unreadable input: one plain line on stderr, exit code 2. */
export class UsageError extends Error {}

/** `path` quoted for a message on the terminal. */
export function quote(path: string): string {
  return `"${terminalSafe(path)}"`;
}

/** Reads a regular file (or standard input for "-") as UTF-8 text, without a byte-order mark. */
export function readInput(path: string, limit = MAX_READ_BYTES): string {
  if (path === '-') return decode(readBounded(0, limit, 'standard input'), 'standard input');
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new UsageError(`cannot read ${quote(path)}: ${reason(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new UsageError(`cannot read ${quote(path)}: not a regular file (${kind(stat)})`);
    if (stat.size > limit) throw new UsageError(`cannot read ${quote(path)}: ${mib(stat.size)} is larger than l2spec reads (${mib(limit)})`);
    return decode(readBounded(fd, limit, quote(path)), quote(path));
  } finally {
    closeSync(fd);
  }
}

function readBounded(fd: number, limit: number, label: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // non-blocking standard input with nothing yet: poll again
      if (code === 'EOF') break;
      throw new UsageError(`cannot read ${label}: ${reason(error)}`);
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw new UsageError(`cannot read ${label}: more than ${mib(limit)}, larger than l2spec reads`);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

function decode(bytes: Buffer, label: string): string {
  try {
    // TextDecoder drops a leading byte-order mark, as editors do: columns then agree with the editor's.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`cannot read ${label}: not UTF-8 text`);
  }
}

function kind(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'a directory';
    case 'ENOTDIR': return 'a path component is not a directory';
    default: return code ?? terminalSafe(String((error as Error)?.message ?? error));
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** A config file as read by the CLI: its problems are printed, a fatal one stops the run. */
export interface LoadedConfig extends ParsedConfig {
  path: string;
}

/** Reads and parses a config file; unreadable or unusable (not YAML, not a mapping) is a usage error. */
export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readInput(path, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new UsageError(`config ${(error as Error).message.replace(/^cannot read /, 'cannot be read: ')}`);
  }
  const parsed = parseConfig(text);
  if (parsed.fatal) throw new UsageError(`config ${quote(path)} is unusable: ${terminalSafe(parsed.problems.join('; '))}`);
  return { ...parsed, path };
}

/** The nearest `.l2spec.yaml` for a spec (same rule as the editor, see ../configFile.ts). */
export function findConfig(specPath: string): string | undefined {
  return findConfigFrom(dirname(resolve(specPath)));
}

/** Reads each config once. */
export class ConfigCache {
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly byFolder = new Map<string, LoadedConfig | undefined>();

  constructor(private readonly onLoad: (config: LoadedConfig) => void = () => {}) {}

  /** The config that governs files in `folder`, or undefined when there is none. */
  forFolder(folder: string): LoadedConfig | undefined {
    const key = resolve(folder);
    if (this.byFolder.has(key)) return this.byFolder.get(key);
    const path = findConfigFrom(key);
    const config = path ? this.load(path) : undefined;
    this.byFolder.set(key, config);
    return config;
  }

  load(path: string): LoadedConfig {
    let config = this.byPath.get(path);
    if (!config) {
      config = loadConfig(path);
      this.byPath.set(path, config);
      this.onLoad(config);
    }
    return config;
  }
}

/** Something a directory search found but could not search or read: reported, and the run fails. */
export interface Unreadable {
  path: string;
  /** One line, already terminal-safe: `cannot read "x": permission denied`. */
  error: string;
}

/**
 * Expands the arguments into spec files: files as given, directories searched recursively for
 * `*.l2spec.yaml|yml` and for the `files:` globs of the `.l2spec.yaml` that governs each folder
 * (relative to that config's folder, as in the editor). "-" stands for standard input.
 * Every entry with a spec's name is returned whatever it is (a symlink, a FIFO…) so that reading
 * it checks it or reports it; a folder that cannot be listed goes to `unreadable` (when given;
 * otherwise it is a UsageError), never silently skipped.
 */
export function collectSpecFiles(args: readonly string[], configs: ConfigCache, unreadable?: Unreadable[]): string[] {
  const files: string[] = [];
  const cannot = (path: string, why: string) => {
    const problem = { path, error: `cannot read ${quote(path)}: ${why}` };
    if (!unreadable) throw new UsageError(problem.error);
    unreadable.push(problem);
  };
  const cwd = physical(process.cwd());
  for (const arg of args) {
    if (arg === '-') {
      files.push(arg);
      continue;
    }
    let entries;
    try {
      entries = readdirSync(arg, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        files.push(arg); // a file (or something that is not one: readInput refuses it precisely)
        continue;
      }
      throw new UsageError(`cannot read ${quote(arg)}: ${reason(error)}`);
    }
    const root = physical(arg);
    const roots = [root, cwd].filter((r): r is string => r !== undefined);
    walk(arg, entries, files, configs, { roots, cannot, links: 0 }, new Set(root ? [root] : []));
  }
  return [...new Set(files)];
}

const matchers = new WeakMap<LoadedConfig, (file: string) => boolean>();

/** True when a `files:` glob of `config` matches `file`. */
export function matchesConfigGlobs(config: LoadedConfig, file: string): boolean {
  let match = matchers.get(config);
  if (!match) {
    const base = dirname(resolve(config.path));
    const patterns = (config.config.files ?? []).map((p) => p.trim().replace(/\\/g, '/').replace(/^(\.\/)+/, '')).filter(Boolean);
    const test = patterns.length ? picomatch(patterns) : () => false;
    match = (f: string) => {
      const abs = resolve(f);
      const rel = relative(base, abs);
      if (rel.startsWith('..') || isAbsolute(rel)) return test(abs.split(sep).join('/'));
      return test(rel.split(sep).join('/')) || test(abs.split(sep).join('/'));
    };
    matchers.set(config, match);
  }
  return match(file);
}

/** The real path of `path`, or undefined when it cannot be resolved. */
function physical(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

interface WalkContext {
  /** A symbolic link found by the search is followed only to a file or folder under one of these (real paths). */
  roots: string[];
  cannot: (path: string, why: string) => void;
  /** Symbolic links to folders followed so far in this search (at most MAX_FOLDER_LINKS). */
  links: number;
}

/** A search follows at most this many symbolic links to folders: nested links could otherwise multiply the work. */
const MAX_FOLDER_LINKS = 256;

/** `ancestors`: real paths of `dir` and the folders above it in this search (a link back to one is a cycle). */
function walk(dir: string, entries: import('node:fs').Dirent[], out: string[], configs: ConfigCache, context: WalkContext, ancestors: ReadonlySet<string>): void {
  const config = configs.forFolder(dir);
  for (const entry of entries.sort((a, b) => compareText(a.name, b.name))) {
    const full = join(dir, entry.name);
    // A symbolic link to a folder is searched like a folder when it stays inside the folder searched
    // (or the working directory), and reported when it leads elsewhere: replacing a folder of specs
    // by a link must not make them vanish from the gate.
    const linkedFolder = entry.isSymbolicLink() && !SPEC_FILE.test(entry.name) && isFolder(full);
    if (entry.isDirectory() || linkedFolder) {
      if (SKIP_DIRS.has(entry.name)) continue;
      const real = physical(full);
      if (linkedFolder) {
        if (real === undefined || !context.roots.some((r) => within(r, real))) {
          context.cannot(full, 'a symbolic link to a folder outside the folder searched');
          continue;
        }
        if (ancestors.has(real)) continue; // a link back up: its specs are being searched already
        if (++context.links > MAX_FOLDER_LINKS) {
          context.cannot(full, `more than ${MAX_FOLDER_LINKS} symbolic links to folders`);
          continue;
        }
      }
      let inner;
      try {
        inner = readdirSync(full, { withFileTypes: true });
      } catch (error) {
        context.cannot(full, reason(error));
        continue;
      }
      walk(full, inner, out, configs, context, real === undefined ? ancestors : new Set([...ancestors, real]));
    } else if (entry.name !== CONFIG_FILE_NAME && (SPEC_FILE.test(entry.name) || (config !== undefined && matchesConfigGlobs(config, full)))) {
      // Not only regular files: anything else with a spec's name is refused by readInput and
      // reported, so nothing passes unseen. A symbolic link is read through when it stays in the
      // folder searched (or the working directory); one that leads elsewhere (/proc, a home
      // directory) could make a spec's error messages quote a file that is not a spec: refused.
      if (entry.isSymbolicLink()) {
        const target = physical(full);
        if (target !== undefined && !context.roots.some((r) => within(r, target))) {
          context.cannot(full, 'a symbolic link to a file outside the folder searched');
          continue;
        }
      }
      out.push(full);
    }
  }
}
