#!/usr/bin/env node
// `npm start`: builds and packages the extension, then opens examples/ in a real VS Code with it,
// showing one spec (Liquid) with its preview to the side and the walkthrough beside the spec
// (the extension opens them once per start when L2SPEC_START names the spec; client/src/startLayout.ts).
//   - With a desktop VS Code on PATH (`code`), the .vsix goes into a separate "l2spec" profile (your own
//     profile and extensions stay untouched) and a window opens on examples/.
//   - Otherwise (or with --code-server) the offline route: code-server, set up on first use in
//     .vscode-test/real-vscode, serves VS Code on 127.0.0.1; open the printed URL in a browser.
//     Ctrl+C stops the server and everything it started.
// Options: --code-server  force the offline route     --port=N  port for code-server (default 8765 or a free one)
//          --skip-package  reuse the existing dist/l2spec.vsix
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { packageExtension, vsixPath } from './package.mjs';
import { ensureRealVSCode } from './real-vscode/setup.mjs';
import { installVsix, runMarker, startCodeServer, sweepRun } from './real-vscode/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const args = process.argv.slice(2);
const forceCodeServer = args.includes('--code-server');
const requestedPort = Number(args.find((a) => a.startsWith('--port='))?.slice('--port='.length) || process.env.L2SPEC_PORT || 0);
const PROFILE = 'l2spec';
/** The spec the window opens on, with its preview to the side. */
const START_SPEC = join(examples, 'liquid.l2spec.yaml');
// Read by the extension (client/src/startLayout.ts) in the VS Code that this process starts; a new
// id per start, so a reload of the window does not open the layout again.
process.env.L2SPEC_START = JSON.stringify({ spec: START_SPEC, id: `${Date.now()}-${process.pid}` });

function findOnPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try { accessSync(candidate, constants.X_OK); return candidate; } catch { /* keep looking */ }
  }
  return undefined;
}

/** True when `code` answers like desktop VS Code (a version line), not some other tool of that name. */
function isVSCode(code) {
  const r = spawnSync(code, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 && /^\d+\.\d+\.\d+/m.test(r.stdout);
}

function portIsFree(port) {
  return new Promise((resolvePort) => {
    const srv = createServer();
    srv.once('error', () => resolvePort(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolvePort(true)));
  });
}

function openInDesktop(code) {
  console.log(`[start] installing ${vsixPath} into the "${PROFILE}" profile of ${code}`);
  const install = spawnSync(code, ['--profile', PROFILE, '--install-extension', vsixPath, '--force'], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error(`code --install-extension failed (${install.status})`);
  // The spec as an argument too: it opens even where VS Code does not pass this environment on.
  const open = spawnSync(code, ['--profile', PROFILE, '--new-window', examples, START_SPEC], { stdio: 'inherit' });
  if (open.status !== 0) throw new Error(`code could not open ${examples} (${open.status})`);
  console.log(`[start] VS Code opened ${examples} with l2spec (profile "${PROFILE}"; switch profiles from the gear menu).`);
}

async function serveCodeServer() {
  runMarker();
  const paths = ensureRealVSCode();
  // A fixed run folder keeps the user's window layout and settings between starts (the e2e test of
  // `npm start` gives its own in L2SPEC_START_RUN_DIR).
  const runDir = process.env.L2SPEC_START_RUN_DIR ? resolve(process.env.L2SPEC_START_RUN_DIR) : join(paths.cacheRoot, 'start');
  const extensionsDir = join(runDir, 'extensions');
  mkdirSync(runDir, { recursive: true });
  installVsix(paths, runDir, extensionsDir, vsixPath);
  let port = requestedPort;
  if (!port) port = (await portIsFree(8765)) ? 8765 : 0;
  const server = await startCodeServer(paths, { runDir, userDataDir: join(runDir, 'user-data'), extensionsDir, port: port || undefined });
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\n[start] stopping code-server');
    await server.stop();
    await sweepRun();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGHUP', () => void stop(0));
  console.log('');
  console.log(`  VS Code (code-server) is serving l2spec with examples/ open (Liquid's spec, its preview and the walkthrough):`);
  console.log('');
  console.log(`    ${server.workbenchUrl({ folder: examples })}`);
  console.log('');
  console.log(`  It listens on 127.0.0.1 only (from another machine: ssh -L ${server.port}:127.0.0.1:${server.port} <host>).`);
  console.log(`  Log: ${server.logFile}. Press Ctrl+C to stop.`);
  // Stay up while the server does; if it dies on its own, say so and leave.
  const result = await server.exited;
  if (!stopping) {
    console.error(`[start] code-server exited (${result}); see ${server.logFile}`);
    await stop(1);
  }
}

async function main() {
  if (!existsSync(examples)) throw new Error(`${examples} is missing`);
  if (!args.includes('--skip-package') || !existsSync(vsixPath)) packageExtension();
  const code = forceCodeServer ? undefined : findOnPath('code');
  if (code && isVSCode(code)) {
    openInDesktop(code);
    return;
  }
  if (!forceCodeServer) console.log('[start] no desktop VS Code (`code`) on PATH; using the offline code-server route');
  await serveCodeServer();
}

main().catch(async (err) => {
  console.error(`[start] ${err instanceof Error ? err.message : err}`);
  await sweepRun();
  process.exit(1);
});
