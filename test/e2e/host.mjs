#!/usr/bin/env node
// Runs the extension-host suite (test/e2e/suite, mocha inside VS Code's extension host) through
// @vscode/test-electron's runTests with the project as the extension under development: once on a
// copy of the examples, once on a workspace without specs (activation stays cheap there).
//
// Which VS Code runs it (L2SPEC_E2E_VSCODE):
//   unset / "code-server"  the offline route: code-server + Chromium behind scripts/real-vscode/code-shim.cjs
//   "download"             test-electron downloads desktop VS Code (needs access to update.code.visualstudio.com)
//   /path/to/code          an installed desktop VS Code (Electron) executable
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Plain YAML files for the "no-specs" run: a workspace l2spec has no business in. */
const PLAIN_WORKSPACE = {
  'docker-compose.yml': 'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n',
  '.github/workflows/ci.yml': 'name: ci\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
  'config/other.yaml': '# Keys a spec would use do not make this one.\nsystem:\n  name: not a design\npegs: []\n',
  'README.md': '# A project without l2spec designs\n',
};

/**
 * The extension-host runs, each a fresh VS Code window with its own workspace and suite selection
 * (L2SPEC_E2E_SUITE, read by test/e2e/suite/index.ts). L2SPEC_E2E_HOST_RUNS=examples,no-specs picks some.
 */
const RUNS = [
  // The suite edits documents and settings, so it works on a copy of the examples.
  { name: 'examples', suite: 'examples', workspace: (dir) => cpSync(join(root, 'examples'), dir, { recursive: true }) },
  // Activation stays cheap: no spec and no .l2spec.yaml, so l2spec must stay inactive until one opens.
  { name: 'no-specs', suite: 'no-specs', workspace: (dir) => {
    for (const [file, text] of Object.entries(PLAIN_WORKSPACE)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  } },
];

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
  const artifacts = resolve(process.env.L2SPEC_E2E_ARTIFACTS || join(root, 'test-artifacts', 'e2e'));
  const wanted = process.env.L2SPEC_E2E_HOST_RUNS?.split(',').filter(Boolean);
  let failed = 0;
  for (const run of RUNS) {
    if (wanted && !wanted.includes(run.name)) continue;
    const runStarted = Date.now();
    console.log(`[e2e:host] ${run.name}`);
    const runDir = mkdtempSync(join(runsDir, `host-${run.name}-`));
    const workspace = join(runDir, 'workspace');
    mkdirSync(workspace, { recursive: true });
    run.workspace(workspace);
    // The shim's screenshot and logs of each window go to their own folder (the first run's at the top, as before).
    const shimArtifacts = run.name === 'examples' ? artifacts : join(artifacts, `host-${run.name}`);
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
          L2SPEC_E2E_SUITE: run.suite,
          L2SPEC_E2E_WORKSPACE: workspace,
          L2SPEC_E2E_ARTIFACTS: artifacts,
          L2SPEC_SHIM_ARTIFACTS: shimArtifacts,
          L2SPEC_E2E_GREP: process.env.L2SPEC_E2E_GREP ?? '',
          L2SPEC_E2E_EXAMPLE: process.env.L2SPEC_E2E_EXAMPLE ?? '',
        },
      });
      console.log(`[e2e:host] ${run.name} passed in ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
      // Kept only after a failure, for a post-mortem of the workspace and VS Code's logs.
      rmSync(runDir, { recursive: true, force: true });
    } catch (err) {
      console.error(`[e2e:host] ${run.name}: ${err instanceof Error ? err.message : err} (kept ${runDir})`);
      failed++;
    }
  }
  if (failed) process.exitCode = 1;
  else console.log(`[e2e:host] passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
