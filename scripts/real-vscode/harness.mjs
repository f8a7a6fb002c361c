// Shared pieces for driving a real VS Code (code-server + headless Chromium): starting the server in its
// own process group, opening the workbench in Chromium, installing a .vsix, and tearing all of it down.
// Every process started here carries L2SPEC_RUN_MARKER in its environment so a final sweep can find
// (by pid) anything that escaped its process group, e.g. after the parent was killed mid-run.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { projectRoot } from './setup.mjs';

export const RUN_MARKER_VAR = 'L2SPEC_RUN_MARKER';

/** This run's marker, created once per process tree (children inherit it). */
export function runMarker() {
  if (!process.env[RUN_MARKER_VAR]) process.env[RUN_MARKER_VAR] = randomUUID();
  return process.env[RUN_MARKER_VAR];
}

export const delay = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep the workbench quiet and offline; callers may add their own. */
export const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Environment for code-server: Node 24 first, config/data kept inside the run directory, never in ~. */
export function codeServerEnv(paths, runDir) {
  runMarker();
  return {
    ...process.env,
    PATH: `${paths.node24Bin}:${process.env.PATH}`,
    XDG_CONFIG_HOME: join(runDir, 'xdg-config'),
    XDG_DATA_HOME: join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: join(runDir, 'xdg-cache'),
    // Node options from the caller (e.g. tsx loaders) must not leak into VS Code's own processes.
    NODE_OPTIONS: '',
  };
}

/** Runs the code-server CLI for a one-shot command such as --install-extension. */
export function codeServerCli(paths, runDir, args) {
  const r = spawnSync(join(paths.node24Bin, 'node'), [paths.codeServer, '--config', join(runDir, 'code-server.yaml'), ...args], {
    env: codeServerEnv(paths, runDir), encoding: 'utf8', timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function installVsix(paths, runDir, extensionsDir, vsix) {
  return codeServerCli(paths, runDir, ['--extensions-dir', extensionsDir, '--install-extension', vsix, '--force']);
}

/**
 * Starts code-server on 127.0.0.1 in a new session/process group and waits for /healthz.
 * `smokeTestDriver` enables the URL payload that carries extensionDevelopmentPath/extensionTestsPath.
 */
export async function startCodeServer(paths, { runDir, userDataDir, extensionsDir, settings = {}, smokeTestDriver = false, port, host = '127.0.0.1' }) {
  for (const d of [runDir, userDataDir, extensionsDir, join(userDataDir, 'User')]) mkdirSync(d, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  let existing = {};
  if (existsSync(settingsFile)) {
    try { existing = JSON.parse(readFileSync(settingsFile, 'utf8')); } catch { existing = {}; }
  }
  writeFileSync(settingsFile, JSON.stringify({ ...baseSettings, ...existing, ...settings }, null, 2));
  const config = join(runDir, 'code-server.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  port ??= await freePort();
  const args = [
    paths.codeServer,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--config', config,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // Without a short grace time, extension hosts outlive a closed browser for hours.
    '--reconnection-grace-time', '10',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  const logFile = join(runDir, 'code-server.log');
  const out = createWriteStream(logFile);
  const proc = spawn(join(paths.node24Bin, 'node'), args, { env: codeServerEnv(paths, runDir), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.pipe(out);
  proc.stderr.pipe(out);
  let exited = null;
  const exitPromise = new Promise((resolveExit) => proc.on('exit', (code, signal) => { exited = code ?? signal; resolveExit(exited); }));
  const base = `http://${host}:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`code-server exited early (${exited}); see ${logFile}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await killTree(proc.pid);
      throw new Error(`code-server did not answer /healthz within 60 s; see ${logFile}`);
    }
    await delay(150);
  }
  return {
    port,
    base,
    pid: proc.pid,
    logFile,
    /** URI the workbench resolves on the server side (file:// URIs are not served to the browser). */
    remote: (absPath) => `vscode-remote://${host}:${port}${absPath}`,
    /**
     * The workbench's address: a folder, or an empty window (`ew`, no folder at all); `payload` is
     * VS Code web's list of [key, value] pairs, e.g. [['openFile', remote(file)]] opens a file in the
     * window, as `code <file>` does when it opens a new window.
     */
    workbenchUrl: ({ folder, payload, emptyWindow = false } = {}) => {
      const q = new URLSearchParams();
      if (folder) q.set('folder', folder);
      else if (emptyWindow) q.set('ew', 'true');
      if (payload) q.set('payload', JSON.stringify(payload));
      const qs = q.toString();
      return `${base}/${qs ? `?${qs}` : ''}`;
    },
    /** Resolves with the exit code (or signal) when the server process ends. */
    exited: exitPromise,
    stop: () => killTree(proc.pid),
  };
}

const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--no-default-browser-check',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/** Launches Debian's Chromium headless with a throwaway profile; never downloads a browser. */
export async function launchChromium(paths, { profileDir, viewport = { width: 1440, height: 900 } }) {
  const require = createRequire(join(projectRoot, 'package.json'));
  const { chromium } = require('playwright-core');
  runMarker();
  mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: paths.chromium,
    headless: true,
    args: chromiumArgs,
    viewport,
    // Chromium's crash handler and caches would otherwise write into ~/.config and ~/.cache.
    env: { ...process.env, XDG_CONFIG_HOME: join(profileDir, 'xdg-config'), XDG_CACHE_HOME: join(profileDir, 'xdg-cache') },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page, close: () => context.close().catch(() => {}) };
}

// ---------------------------------------------------------------------------------------------
// Process clean-up (Linux /proc based; falls back to the process group elsewhere).

function readProcTable() {
  const table = [];
  let entries;
  try { entries = readdirSync('/proc'); } catch { return table; }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      // Fields after the parenthesised command: state ppid pgrp ...
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.push({ pid: Number(e), ppid: Number(rest[1]), pgid: Number(rest[2]) });
    } catch { /* process vanished */ }
  }
  return table;
}

function descendantsOf(rootPid, table = readProcTable()) {
  const found = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of table) if (!found.has(p.pid) && (found.has(p.ppid) || p.pgid === rootPid)) { found.add(p.pid); grew = true; }
  }
  return [...found];
}

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

async function terminate(pids, graceMs) {
  pids = pids.filter((p) => p !== process.pid);
  for (const p of pids) { try { process.kill(p, 'SIGTERM'); } catch { /* gone */ } }
  const deadline = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < deadline) await delay(100);
  for (const p of pids.filter(alive)) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
}

/** Stops a process, its process group and every descendant (TERM, then KILL after a grace period). */
export async function killTree(pid, graceMs = 5000) {
  if (!pid) return;
  const pids = descendantsOf(pid);
  try { process.kill(-pid, 'SIGTERM'); } catch { /* not a group leader or already gone */ }
  await terminate(pids, graceMs);
  try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
}

/** Pids of live processes (other than this one) whose environment carries the given run marker. */
export function markedProcesses(marker = process.env[RUN_MARKER_VAR]) {
  if (!marker) return [];
  const needle = `${RUN_MARKER_VAR}=${marker}\0`;
  const table = readProcTable();
  // Never the caller or its ancestors (an orchestrator sweeping from inside the marked tree).
  const spared = new Set();
  for (let pid = process.pid; pid > 1 && !spared.has(pid);) {
    spared.add(pid);
    pid = table.find((p) => p.pid === pid)?.ppid ?? 0;
  }
  const pids = [];
  for (const { pid } of table) {
    if (spared.has(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').includes(needle)) pids.push(pid);
    } catch { /* gone or not ours */ }
  }
  return pids;
}

/** Last line of defence: stops anything this run started that is still alive. Returns what it had to stop. */
export async function sweepRun(marker = process.env[RUN_MARKER_VAR], graceMs = 3000) {
  const stray = markedProcesses(marker);
  if (stray.length) await terminate(stray, graceMs);
  return stray;
}
