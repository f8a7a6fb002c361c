#!/usr/bin/env node
// `npm run test:e2e`: the whole real-VS-Code pipeline, in order:
//   package  production build + dist/l2spec.vsix (scripts/package.mjs)
//   setup    code-server + Node 24 + Chromium in .vscode-test/real-vscode (reused when present)
//   grammar  the injection grammar tokenised by that VS Code's TextMate engine and YAML grammar
//            (test/e2e/grammar; here rather than in the unit suite, which runs before setup)
//   smoke    the .vsix unpacked outside the project; its language server started over stdio
//   host     mocha inside the extension host via @vscode/test-electron (test/e2e/suite): one window on
//            the examples, one on a workspace without specs (figures in activation-cost.json)
//   ui       the .vsix installed into the workbench, checked with Playwright (test/e2e/ui): a window
//            on the examples, and a window without a folder that opens one spec
// Each step runs in its own process group, which is killed when the step ends; a final sweep stops
// anything of this run that is still alive, even after a failure or Ctrl+C.
//
// Options: --only=grammar,host run just these steps (package and setup still run unless --skip-package)
//          --skip-package      reuse the existing dist/l2spec.vsix and dist/ bundles
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { killTree, markedProcesses, runMarker, sweepRun } from '../../scripts/real-vscode/harness.mjs';
import { realVSCodePaths } from '../../scripts/real-vscode/setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test-artifacts', 'e2e');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',').filter(Boolean);
const skipPackage = args.includes('--skip-package');

// --no-config/--no-package: the project's own .mocharc.json is for the unit tests (tsx, test/unit).
const mochaArgs = (files, timeout) => [mocha, '--no-config', '--no-package', '--reporter', 'spec', '--timeout', String(timeout), ...files];

const steps = [
  { name: 'package', required: true, skip: skipPackage, cmd: [join(root, 'scripts', 'package.mjs')] },
  { name: 'setup', required: true, cmd: [join(root, 'scripts', 'real-vscode', 'setup.mjs')] },
  // TypeScript through tsx, in mocha's own process (no worker), so the loader applies.
  { name: 'grammar', cmd: ['--import', 'tsx', ...mochaArgs([join(root, 'test', 'e2e', 'grammar', 'yamlGrammar.test.ts')], 60_000)] },
  { name: 'smoke', cmd: mochaArgs([join(root, 'test', 'e2e', 'smoke', 'vsix.test.mjs')], 30_000) },
  { name: 'host', cmd: [join(root, 'test', 'e2e', 'host.mjs')] },
  { name: 'ui', cmd: mochaArgs(readdirSync(join(root, 'test', 'e2e', 'ui')).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(root, 'test', 'e2e', 'ui', f)), 120_000) },
];

const marker = runMarker();
let current = null;
let interrupted = false;

function runStep(step) {
  return new Promise((resolveStep) => {
    const started = Date.now();
    const child = spawn(process.execPath, step.cmd, {
      cwd: root,
      stdio: 'inherit',
      detached: true, // own process group, so the whole step can be stopped at once
      env: { ...process.env, L2SPEC_E2E_ARTIFACTS: artifacts, NODE_OPTIONS: '' },
    });
    current = child;
    child.on('exit', async (code, signal) => {
      current = null;
      // Anything the step left in its group (a server, a browser) goes now, not at the end.
      await killTree(child.pid, 3000);
      resolveStep({ code: code ?? (signal ? 128 : 1), seconds: (Date.now() - started) / 1000 });
    });
    child.on('error', (err) => {
      console.error(`[e2e] could not start ${step.name}: ${err.message}`);
    });
  });
}

/**
 * Each server keeps its data and logs in runs/<step>-XXXX (removed when its step passes, kept for a
 * post-mortem when it fails). Runs can overlap, so only folders untouched for a day are removed here.
 */
function pruneOldRuns() {
  const { runsDir } = realVSCodePaths();
  if (!existsSync(runsDir)) return;
  const dayAgo = Date.now() - 24 * 3600 * 1000;
  for (const name of readdirSync(runsDir)) {
    const dir = join(runsDir, name);
    try {
      if (statSync(dir).mtimeMs < dayAgo) rmSync(dir, { recursive: true, force: true });
    } catch { /* removed concurrently */ }
  }
}

async function shutdown(signal) {
  if (interrupted) return;
  interrupted = true;
  console.error(`\n[e2e] ${signal}: stopping`);
  if (current) await killTree(current.pid, 3000);
  await sweepRun(marker);
  process.exit(130);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

async function main() {
  const started = Date.now();
  rmSync(artifacts, { recursive: true, force: true });
  pruneOldRuns();
  mkdirSync(artifacts, { recursive: true });
  const results = [];
  for (const step of steps) {
    const selected = step.required || !only || only.includes(step.name);
    if (step.skip || !selected) continue;
    console.log(`\n[e2e] ── ${step.name} ──`);
    const r = await runStep(step);
    results.push({ name: step.name, ...r });
    if (r.code !== 0 && step.required) {
      console.error(`[e2e] ${step.name} failed; later steps need it`);
      break;
    }
  }
  const stray = await sweepRun(marker);
  const left = markedProcesses(marker);
  console.log('\n[e2e] summary');
  for (const r of results) console.log(`  ${r.code === 0 ? 'pass' : 'FAIL'}  ${r.name.padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s`);
  console.log(`  total ${((Date.now() - started) / 1000).toFixed(1)} s; artifacts in ${artifacts}`);
  if (stray.length) console.warn(`  note: stopped ${stray.length} leftover process(es) of this run: ${stray.join(' ')}`);
  if (left.length) console.error(`  processes of this run still alive: ${left.join(' ')}`);
  const ok = results.length > 0 && results.every((r) => r.code === 0) && left.length === 0;
  process.exit(ok ? 0 : 1);
}

main().catch(async (err) => {
  console.error(`[e2e] ${err instanceof Error ? err.stack : err}`);
  await sweepRun(marker);
  process.exit(1);
});
