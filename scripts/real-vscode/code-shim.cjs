#!/usr/bin/env node
// An Electron-style "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) on
// machines where desktop VS Code cannot be downloaded. It accepts the same command line, starts code-server
// (the real VS Code server + workbench), opens the workbench in headless Chromium with the extension-test
// payload, and exits with the exit code the extension host's test runner reports.
//
// Environment: L2SPEC_SHIM_TIMEOUT_MS (default 600000), L2SPEC_SHIM_ARTIFACTS (folder for a screenshot and
// browser log when the run fails or times out).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const util = require('node:util');
const { pathToFileURL } = require('node:url');

function parseArgs(argv) {
  const opt = { dev: [], tests: null, extensionsDir: null, userDataDir: null, folder: null, ignored: [] };
  const valued = new Map([
    ['--extensionDevelopmentPath', (v) => opt.dev.push(path.resolve(v))],
    ['--extensionTestsPath', (v) => { opt.tests = path.resolve(v); }],
    ['--extensions-dir', (v) => { opt.extensionsDir = path.resolve(v); }],
    ['--user-data-dir', (v) => { opt.userDataDir = path.resolve(v); }],
  ]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(0, eq) : a;
    if (valued.has(key)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new Error(`${key} needs a value`);
      valued.get(key)(value);
    } else if (!a.startsWith('-')) {
      opt.folder = path.resolve(a);
    } else {
      // Electron/desktop-only switches (--no-sandbox, --disable-updates, --skip-welcome, ...) have no meaning here.
      opt.ignored.push(a);
    }
  }
  return opt;
}

let runDirToRemove = null;

// Workbench chatter that says nothing about the tests.
const noise = /Resolving connection|Resolved connection token|Creating a socket|open-vsx|Service Worker|\[File Watcher|Extension host .* started|marketplace|authentication provider|AccountPolicyGate|AgentHost|reconnection-grace-time|builtin extensions cache|workbench contribution/i;

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  if (!opt.tests) throw new Error('--extensionTestsPath is required (this shim only runs extension tests)');
  const { ensureRealVSCode } = await import(pathToFileURL(path.join(__dirname, 'setup.mjs')).href);
  const h = await import(pathToFileURL(path.join(__dirname, 'harness.mjs')).href);
  const paths = ensureRealVSCode();
  fs.mkdirSync(paths.runsDir, { recursive: true });
  const runDir = fs.mkdtempSync(path.join(paths.runsDir, 'shim-'));
  runDirToRemove = runDir;
  const userDataDir = opt.userDataDir || path.join(runDir, 'user-data');
  const extensionsDir = opt.extensionsDir || path.join(runDir, 'extensions');
  const timeoutMs = Number(process.env.L2SPEC_SHIM_TIMEOUT_MS || 600_000);
  const artifacts = process.env.L2SPEC_SHIM_ARTIFACTS;

  let server = null;
  let browser = null;
  let cleaning = null;
  const cleanup = () => (cleaning ??= (async () => {
    if (browser) await browser.close();
    if (server) await server.stop();
  })());
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => { cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143)); });
  }

  const browserLog = [];
  let page = null;
  try {
    server = await h.startCodeServer(paths, { runDir, userDataDir, extensionsDir, smokeTestDriver: true });
    console.log(`[code-shim] code-server on ${server.base} (log: ${server.logFile})`);
    const payload = opt.dev.map((d) => ['extensionDevelopmentPath', server.remote(d)]);
    payload.push(['extensionTestsPath', server.remote(opt.tests)]);
    browser = await h.launchChromium(paths, { profileDir: path.join(runDir, 'chromium') });
    page = browser.page;
    page.on('console', (m) => browserLog.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => browserLog.push(`[pageerror] ${e.message}`));

    let finish;
    const exited = new Promise((resolve) => { finish = resolve; });
    // The workbench's smoke-test driver reports extension-host test output and the final exit code
    // through these two window functions.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      if (noise.test(text)) return;
      (type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    await page.goto(server.workbenchUrl({ folder: opt.folder, payload }));

    let timer;
    const code = await Promise.race([
      exited,
      new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); }),
    ]);
    clearTimeout(timer);
    if (code === 'timeout') {
      console.error(`[code-shim] no exit code from the extension host after ${timeoutMs} ms`);
      return 124;
    }
    return Number.isInteger(code) ? code : 1;
  } catch (err) {
    console.error(`[code-shim] ${err && err.stack ? err.stack : err}`);
    return 2;
  } finally {
    if (artifacts && page) {
      fs.mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'extension-host-run.png') }).catch(() => {});
      fs.writeFileSync(path.join(artifacts, 'extension-host-browser.log'), browserLog.join('\n') + '\n');
      // VS Code's own logs (extension host, the extension's output channels) for post-mortems in CI.
      const logs = path.join(userDataDir, 'logs');
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifacts, 'extension-host-logs'), { recursive: true });
      if (server) fs.copyFileSync(server.logFile, path.join(artifacts, 'extension-host-code-server.log'));
    }
    await cleanup();
  }
}

main().then((code) => {
  // A passing run's server data is of no further use (its logs are in the artifacts when asked for).
  if (code === 0 && runDirToRemove) fs.rmSync(runDirToRemove, { recursive: true, force: true });
  process.exit(code);
}, (err) => {
  console.error(`[code-shim] ${err && err.stack ? err.stack : err}`);
  process.exit(2);
});
