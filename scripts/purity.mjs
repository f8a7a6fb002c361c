// The engine and renderer are pure modules: they must not import vscode, LSP/JSON-RPC packages or
// Node built-ins, so the CLI, the language server, the preview and the tests can all run them.
import * as esbuild from 'esbuild';
import { builtinModules } from 'node:module';

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const impure = (p) => p === 'vscode' || /^vscode-(languageserver|languageclient|jsonrpc)/.test(p) || builtins.has(p);

export const purityGuard = {
  name: 'purity-guard',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      impure(args.path)
        ? { errors: [{ text: `pure module imports "${args.path}" (from ${args.importer}); the engine must not depend on vscode, LSP or Node built-ins` }] }
        : undefined);
  },
};

/** Bundles each entry in memory with the guard; rejects (esbuild error) on the first impure import. */
export async function checkPurity(entries) {
  await Promise.all(entries.map((entry) => esbuild.build({
    entryPoints: [entry], bundle: true, write: false, platform: 'neutral', mainFields: ['module', 'main'], logLevel: 'silent', plugins: [purityGuard],
  })));
}
