// Bundles every face of l2spec with esbuild, and enforces the engine's purity (scripts/purity.mjs):
// server/src/engine and server/src/render must not import vscode, LSP, or Node built-ins.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, cpSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
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

// node:child_process, loaded on first use in the CLI: loading it pulls in net, dgram and the
// streams at every start (commander imports it for executable subcommands, which l2spec has none
// of; `diff --base` runs git with it), ~1-4 ms of `l2spec check`'s cold start (issue 21).
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace === 'lazy-child-process' ? { path: 'node:child_process', external: true } : { path: 'child_process', namespace: 'lazy-child-process' });
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      loader: 'js',
      contents: `let m;\nconst load = () => (m ??= require('node:child_process'));\n${['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']
        .map((f) => `export function ${f}(...args) { return load().${f}(...args); }`).join('\n')}\n`,
    }));
  },
};

// picocolors decides its default colours at load by reading process.stdout.isTTY, which creates the
// stream (for a pipe: net and the stream modules, ~2.4 ms of a cold start). The CLI always passes
// createColors an explicit choice (useColour) and writes pipes without the stream (cli/stdout.ts),
// so in the CLI bundle that default reads false instead.
const quietPicocolors = {
  name: 'quiet-picocolors',
  setup(build) {
    build.onLoad({ filter: /[\\/]picocolors[\\/]picocolors\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const probe = '(p.stdout || {}).isTTY';
      if (!source.includes(probe)) console.warn(`[build] picocolors no longer reads ${probe}: it may create process.stdout at load`);
      return { contents: source.replace(probe, 'false'), loader: 'js' };
    });
  },
};

const nodeEntries = [
  // Without comments and indentation even in development (the source map keeps them): the CLI reads
  // its whole bundle at every start, and comments hold the only non-ASCII text (bin/l2spec.js reads
  // an ASCII bundle as Latin-1, skipping the UTF-8 decoder); ~4 ms of `l2spec check`'s cold start.
  // One function expression, as Node wraps a CommonJS module: bin/l2spec.js compiles it as it is.
  {
    in: 'server/src/cli/main.ts', out: 'dist/cli.js', plugins: [lazyChildProcess, quietPicocolors],
    options: { minifyWhitespace: true, banner: { js: '(function (exports, require, module, __filename, __dirname) {' }, footer: { js: '})' } },
  },
  { in: 'server/src/lsp/main.ts', out: 'dist/server.js' },
  { in: 'client/src/extension.ts', out: 'dist/client/extension.js', external: ['vscode'] },
];
const browserEntries = [{ in: 'client/webview/main.ts', out: 'dist/webview/preview.js' }];

// The spec schema's validator, generated once here (ajv standalone code) instead of compiled by
// every process at start: it is most of the CLI's cold start. Replaces
// server/src/engine/parse/schemaValidator.ts in the bundles; the options must match that file's.
const precompiledSchema = {
  name: 'precompiled-schema-validator',
  setup(build) {
    build.onLoad({ filter: /[\\/]engine[\\/]parse[\\/]schemaValidator\.ts$/ }, () => {
      const require = createRequire(import.meta.url);
      const Ajv = require('ajv').default;
      const standaloneCode = require('ajv/dist/standalone').default;
      const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { source: true } });
      const validate = ajv.compile(JSON.parse(readFileSync('schemas/l2spec.schema.json', 'utf8')));
      const code = standaloneCode(ajv, validate);
      return {
        contents: `${code}\nmodule.exports.createValidator = () => module.exports;\n`,
        loader: 'js',
        resolveDir: resolve('.'),
      };
    });
  },
};

const builds = [];
builds.push(checkPurity(pureModules.filter(existsSync)));
for (const e of nodeEntries) {
  if (!existsSync(e.in)) { console.warn(`[build] skipping ${e.in} (not present yet)`); continue; }
  builds.push(esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, platform: 'node', format: 'cjs', target: 'node20', external: e.external ?? [], plugins: [precompiledSchema, ...(e.plugins ?? [])], ...e.options }));
}
for (const e of browserEntries) {
  if (!existsSync(e.in)) { console.warn(`[build] skipping ${e.in} (not present yet)`); continue; }
  builds.push(esbuild.build({ ...common, entryPoints: [e.in], outfile: e.out, platform: 'browser', format: 'iife' }));
}
await Promise.all(builds);
// elkjs's layout engine ships beside the bundles and is read on first use (render/elk.ts).
{
  const require = createRequire(import.meta.url);
  mkdirSync('dist', { recursive: true });
  cpSync(require.resolve('elkjs/lib/elk-worker.min.js'), 'dist/elk-worker.min.js');
}
if (existsSync('client/webview/preview.css')) {
  mkdirSync('dist/webview', { recursive: true });
  cpSync('client/webview/preview.css', 'dist/webview/preview.css');
}
