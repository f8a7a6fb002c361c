// Bundles every face of l2spec with esbuild, and enforces the engine's purity (scripts/purity.mjs):
// server/src/engine and server/src/render must not import vscode, LSP, or Node built-ins.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, cpSync } from 'node:fs';
import { checkPurity } from './purity.mjs';

const production = process.argv.includes('--production');

const pureModules = ['server/src/engine/index.ts', 'server/src/render/index.ts'];

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  target: 'es2022',
  legalComments: 'none',
};

const nodeEntries = [
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/client/extension.js', external: ['vscode'] },
];
const browserEntries = [{ in: 'client/webview/main.ts', out: 'dist/webview/preview.js' }];

const builds = [];
builds.push(checkPurity(pureModules.filter(existsSync)));
for (const e of nodeEntries) {
  if (!existsSync(e.in)) { console.warn(`[build] skipping ${e.in} (not present yet)`); continue; }
  builds.push(esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, platform: 'node', format: 'cjs', target: 'node20', external: e.external ?? [] }));
}
for (const e of browserEntries) {
  if (!existsSync(e.in)) { console.warn(`[build] skipping ${e.in} (not present yet)`); continue; }
  builds.push(esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, platform: 'browser', format: 'iife' }));
}
await Promise.all(builds);
if (existsSync('client/webview/preview.css')) {
  mkdirSync('dist/webview', { recursive: true });
  cpSync('client/webview/preview.css', 'dist/webview/preview.css');
}
