#!/usr/bin/env node
// Runs the extension-host suite (test/e2e/suite, mocha inside VS Code's extension host) through
// @vscode/test-electron's runTests with the project as the extension under development.
//
// Which VS Code runs it (L2SPEC_E2E_VSCODE):
//   unset / "code-server"  the offline route: code-server + Chromium behind scripts/real-vscode/code-shim.cjs
//   "download"             test-electron downloads desktop VS Code (needs access to update.code.visualstudio.com)
//   /path/to/code          an installed desktop VS Code (Electron) executable
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { ensureRealVSCode } from '../../scripts/real-vscode/setup.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const suiteBundle = join(root, 'out', 'e2e-suite', 'index.js');

/** Bundles the suite (mocha included) into one CommonJS file the extension host can require. */
export async function bundleSuite() {
  await esbuild.build({
    entryPoints: [join(root, 'test', 'e2e', 'suite', 'index.ts')],
    outfile: suiteBundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's optional ESM/file-loading paths are never used when tests are required in-bundle.
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
}

async function main() {
  const started = Date.now();
  await bundleSuite();
  const choice = process.env.L2SPEC_E2E_VSCODE || 'code-server';
  let vscodeExecutablePath;
  let runsDir;
  if (choice === 'code-server') {
    const paths = ensureRealVSCode();
    vscodeExecutablePath = paths.shimLauncher;
    runsDir = paths.runsDir;
  } else {
    vscodeExecutablePath = choice === 'download' ? undefined : resolve(choice);
    runsDir = join(root, '.vscode-test', 'runs');
  }
  mkdirSync(runsDir, { recursive: true });
  const runDir = mkdtempSync(join(runsDir, 'host-'));
  // The suite edits documents and settings, so it works on a copy of the examples.
  const workspace = join(runDir, 'workspace');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  const artifacts = resolve(process.env.L2SPEC_E2E_ARTIFACTS || join(root, 'test-artifacts', 'e2e'));
  try {
    await runTests({
      vscodeExecutablePath,
      version: choice === 'download' ? 'stable' : undefined,
      extensionDevelopmentPath: root,
      extensionTestsPath: suiteBundle,
      launchArgs: [
        workspace,
        `--user-data-dir=${join(runDir, 'user-data')}`,
        `--extensions-dir=${join(runDir, 'extensions')}`,
        '--disable-extensions',
      ],
      extensionTestsEnv: {
        L2SPEC_E2E_WORKSPACE: workspace,
        L2SPEC_E2E_ARTIFACTS: artifacts,
        L2SPEC_SHIM_ARTIFACTS: artifacts,
        L2SPEC_E2E_GREP: process.env.L2SPEC_E2E_GREP ?? '',
        L2SPEC_E2E_EXAMPLE: process.env.L2SPEC_E2E_EXAMPLE ?? '',
      },
    });
    console.log(`[e2e:host] passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Kept only after a failure, for a post-mortem of the workspace and VS Code's logs.
    rmSync(runDir, { recursive: true, force: true });
  } catch (err) {
    console.error(`[e2e:host] ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
