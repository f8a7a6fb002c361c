// Bundles every face of l2spec with esbuild, and enforces the engine's purity:
// server/src/engine and server/src/render must not import vscode, LSP, or Node built-ins.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, cpSync } from 'node:fs';
import { builtinModules } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const forbidden = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const pureModules = ['server/src/engine/index.ts', 'server/src/render/index.ts'];

/** Fails the build when a pure module (or anything it imports) reaches for vscode, LSP or Node built-ins. */
const purityGuard = {
  name: 'purity-guard',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const p = args.path;
      if (p === 'vscode' || p.startsWith('vscode-languageserver') || p.startsWith('vscode-languageclient') || p.startsWith('vscode-jsonrpc') || forbidden.has(p)) {
        return { errors: [{ text: `pure module imports "${p}" (from ${args.importer}); the engine must not depend on vscode, LSP or Node built-ins` }] };
      }
      return undefined;
    });
  },
};

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
for (const entry of pureModules.filter(existsSync)) {
  builds.push(esbuild.build({ ...common, entryPoints: [entry], platform: 'neutral', mainFields: ['module', 'main'], write: false, plugins: [purityGuard] }));
}
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
if (watch) console.log('[build] --watch is not supported; rerun npm run build');
