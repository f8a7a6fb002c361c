#!/usr/bin/env node
// Provisions a real VS Code for offline machines: code-server (the VS Code server plus its web
// workbench) running on Node 24, driven by Debian's Chromium through playwright-core.
// Everything lands in .vscode-test/real-vscode/ inside the project and is reused on later runs;
// only the npm registry and Debian apt are contacted, and only when something is missing.
// The cache may be shared between checkouts (`.vscode-test` a symlink to another checkout's, or
// L2SPEC_REAL_VSCODE_DIR): it only holds what every checkout runs alike (Node 24, code-server, the
// run folders); the launcher that names this checkout's shim lives in this checkout (out/).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync, chmodSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const projectRoot = resolve(here, '..', '..');
/**
 * A shared cache is used by its real path: workspaces under its runs/ folder then have one path,
 * the one git and VS Code's file watchers report (a document under a symlinked path would not
 * belong to the git repository VS Code finds for it).
 */
function realPathOf(path) {
  try { return realpathSync(path); } catch { return path; } // not created yet
}
export const cacheRoot = realPathOf(process.env.L2SPEC_REAL_VSCODE_DIR
  ? resolve(process.env.L2SPEC_REAL_VSCODE_DIR)
  : join(projectRoot, '.vscode-test', 'real-vscode'));

// Pinned so a fresh machine gets exactly what was tested; override through the environment.
const NODE24_VERSION = process.env.L2SPEC_NODE24_VERSION || '24.21.0';
const CODE_SERVER_VERSION = process.env.L2SPEC_CODE_SERVER_VERSION || '4.139.1';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config', 'build-essential', 'python3'];
const STAMP = join(cacheRoot, 'ready.json');

const log = (msg) => console.log(`[real-vscode] ${msg}`);

/** Absolute paths of everything the harness needs, whether or not it is installed yet. */
export function realVSCodePaths() {
  const node24Dir = join(cacheRoot, 'node24');
  return {
    cacheRoot,
    node24Dir,
    node24Bin: join(node24Dir, 'bin'),
    codeServerDir: join(cacheRoot, 'code-server'),
    codeServer: join(cacheRoot, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.CHROMIUM || findChromium(),
    shim: join(here, 'code-shim.cjs'),
    // In the checkout, not the cache: it names this checkout's shim, and a shared cache must not
    // send another checkout's test runs to it.
    shimLauncher: join(projectRoot, 'out', 'real-vscode', 'code'),
    runsDir: join(cacheRoot, 'runs'),
  };
}

function findChromium() {
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(p)) return p;
  return '/usr/bin/chromium';
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function ensureSystemPackages(needBuildTools) {
  const wanted = needBuildTools ? APT_PACKAGES : ['chromium'];
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) {
    if (!existsSync(findChromium())) throw new Error('Chromium not found; install it or set CHROMIUM=/path/to/chromium');
    return;
  }
  const missing = wanted.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    if (missing.includes('chromium') && !existsSync(findChromium())) {
      throw new Error(`missing system packages: ${missing.join(' ')}; run: sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`);
    }
    log(`not root, continuing without: ${missing.join(' ')}`);
    return;
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Wait for a concurrent apt/dpkg (another setup, unattended upgrades) instead of failing on its lock.
  const lock = ['-o', 'DPkg::Lock::Timeout=600'];
  execFileSync('apt-get', [...lock, 'update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', [...lock, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

function ensureNode24(paths) {
  const nodeExe = join(paths.node24Bin, 'node');
  if (existsSync(nodeExe) && existsSync(join(paths.node24Dir, 'include', 'node', 'node.h'))) return;
  // The node-<os>-<arch> npm package ships the official binary and headers, so no nodejs.org download.
  const pkg = `node-${process.platform}-${process.arch}@${NODE24_VERSION}`;
  log(`npm pack ${pkg}`);
  const tmp = join(cacheRoot, 'tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp, pkg], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error(`npm pack ${pkg} produced no tarball`);
  rmSync(paths.node24Dir, { recursive: true, force: true });
  mkdirSync(paths.node24Dir, { recursive: true });
  execFileSync('tar', ['xzf', join(tmp, tgz), '-C', paths.node24Dir, '--strip-components=1']);
  rmSync(tmp, { recursive: true, force: true });
  chmodSync(nodeExe, 0o755);
}

function ensureCodeServer(paths) {
  if (existsSync(paths.codeServer) && existsSync(join(paths.codeServerDir, 'installed-version')) &&
      readFileSync(join(paths.codeServerDir, 'installed-version'), 'utf8').trim() === CODE_SERVER_VERSION) return;
  log(`npm install code-server@${CODE_SERVER_VERSION} (compiles native modules, ~2 min)`);
  mkdirSync(paths.codeServerDir, { recursive: true });
  writeFileSync(join(paths.codeServerDir, 'package.json'), JSON.stringify({ name: 'l2spec-real-vscode-host', private: true }) + '\n');
  const logFile = join(cacheRoot, 'code-server-install.log');
  // Node 24 first on PATH (code-server requires it) and node-gyp pointed at its headers, overriding any
  // nodedir in the user's npmrc, so native modules build locally without fetching headers.
  // When this runs under `npm test`, the outer npm's own variables (npm_config_user_agent says
  // node/v20, NODE, npm_node_execpath…) would leak into the nested install and fail code-server's
  // Node 24 check: drop them all.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== 'NODE'));
  const env = {
    ...inherited,
    PATH: `${paths.node24Bin}:${process.env.PATH}`,
    npm_config_nodedir: paths.node24Dir,
    npm_config_update_notifier: 'false',
  };
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: paths.codeServerDir, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  writeFileSync(logFile, `${r.stdout ?? ''}\n${r.stderr ?? ''}`);
  if (r.status !== 0 || !existsSync(paths.codeServer)) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n');
    throw new Error(`code-server install failed (full log: ${logFile}):\n${tail}`);
  }
  writeFileSync(join(paths.codeServerDir, 'installed-version'), CODE_SERVER_VERSION + '\n');
}

/** Records a finished install; its presence is what makes later runs skip the installation. */
function writeStamp(paths) {
  // --config /dev/null keeps code-server from writing a default config file anywhere.
  const out = execFileSync(join(paths.node24Bin, 'node'), [paths.codeServer, '--config', '/dev/null', '--version'], {
    encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(cacheRoot, 'xdg-config'), XDG_DATA_HOME: join(cacheRoot, 'xdg-data') },
  });
  const version = out.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? 'unknown';
  writeFileSync(STAMP, JSON.stringify({ node24: NODE24_VERSION, codeServer: CODE_SERVER_VERSION, version, at: new Date().toISOString() }, null, 2) + '\n');
}

/** Writes the executable that @vscode/test-electron launches as "VS Code" (regenerated each run: it embeds this Node). */
function writeShimLauncher(paths) {
  mkdirSync(dirname(paths.shimLauncher), { recursive: true });
  const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `#!/bin/sh\n# Generated by scripts/real-vscode/setup.mjs: Electron-style VS Code CLI backed by code-server.\nexec ${q(process.execPath)} ${q(paths.shim)} "$@"\n`;
  try {
    if (readFileSync(paths.shimLauncher, 'utf8') === script) return;
  } catch { /* not written yet */ }
  // Written aside and renamed, so a concurrent run never executes a half-written launcher.
  const tmp = `${paths.shimLauncher}.${process.pid}.tmp`;
  writeFileSync(tmp, script, { mode: 0o755 });
  renameSync(tmp, paths.shimLauncher);
}

const isAlive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };

/**
 * Runs `fn` while holding an exclusive lock on the cache (a directory created atomically), so two
 * test runs starting on a cold cache do not install into the same folders at once. A lock whose
 * owner died is taken over.
 */
function withInstallLock(fn) {
  const lock = join(cacheRoot, '.install-lock');
  const deadline = Date.now() + 20 * 60 * 1000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = 0;
      try { owner = Number(readFileSync(join(lock, 'pid'), 'utf8')); } catch { /* being written or removed */ }
      if (owner && !isAlive(owner)) { rmSync(lock, { recursive: true, force: true }); continue; }
      if (Date.now() > deadline) throw new Error(`${lock} is still held by process ${owner}`);
      if (!announced) { log(`waiting for another setup (process ${owner}) to finish`); announced = true; }
      Atomics.wait(pause, 0, 0, 1000); // synchronous one-second wait; the caller is synchronous too
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs whatever is missing and returns the paths; a no-op apart from checks when the cache is warm. */
export function ensureRealVSCode() {
  const started = Date.now();
  const paths = realVSCodePaths();
  mkdirSync(cacheRoot, { recursive: true });
  const isWarm = () => existsSync(STAMP) && existsSync(paths.codeServer) && existsSync(join(paths.node24Bin, 'node'));
  const warm = isWarm();
  if (!warm) {
    withInstallLock(() => {
      if (isWarm()) return; // another run finished the install while this one waited
      ensureSystemPackages(true);
      ensureNode24(paths);
      ensureCodeServer(paths);
      writeStamp(paths);
    });
  } else {
    ensureSystemPackages(false);
  }
  paths.chromium = process.env.CHROMIUM || findChromium();
  if (!existsSync(paths.chromium)) throw new Error(`Chromium not found at ${paths.chromium}`);
  writeShimLauncher(paths);
  mkdirSync(paths.runsDir, { recursive: true });
  const info = JSON.parse(readFileSync(STAMP, 'utf8'));
  log(`${warm ? 'reused' : 'installed'} code-server ${info.version} in ${((Date.now() - started) / 1000).toFixed(1)} s (${cacheRoot})`);
  return paths;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureRealVSCode();
  } catch (err) {
    console.error(`[real-vscode] setup failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
