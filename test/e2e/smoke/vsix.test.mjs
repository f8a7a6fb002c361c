// Smoke test of the packaged extension: unpacks dist/l2spec.vsix outside the project (so nothing can be
// borrowed from its node_modules), checks the contents are self-contained and complete, then starts the
// packaged language server over stdio and has it analyse an example.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractZip } from '../lib/zip.mjs';
import { StdioLspClient } from '../lib/lsp-stdio.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vsix = resolve(process.env.L2SPEC_VSIX || join(root, 'dist', 'l2spec.vsix'));
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Local files a manifest points at (grammars, language configurations, schemas, icons, snippets). */
function manifestFiles(manifest) {
  const c = manifest.contributes ?? {};
  const files = [manifest.main, manifest.icon];
  for (const l of c.languages ?? []) files.push(l.configuration, l.icon?.light, l.icon?.dark);
  for (const g of c.grammars ?? []) files.push(g.path);
  for (const s of c.snippets ?? []) files.push(s.path);
  for (const v of [...(c.jsonValidation ?? []), ...(c.yamlValidation ?? [])]) if (v.url && !/^[a-z]+:/i.test(v.url)) files.push(v.url);
  for (const cmd of c.commands ?? []) for (const i of [cmd.icon?.light, cmd.icon?.dark, typeof cmd.icon === 'string' ? cmd.icon : undefined]) files.push(i);
  return files.filter((f) => typeof f === 'string' && f.length > 0 && !f.startsWith('$(')).map((f) => f.replace(/^\.\//, ''));
}

describe('packaged .vsix', function () {
  let dir;
  let entries;
  let ext;
  let manifest;

  before(function () {
    assert.ok(existsSync(vsix), `${vsix} is missing; run npm run package`);
    dir = mkdtempSync(join(tmpdir(), 'l2spec-vsix-'));
    entries = extractZip(vsix, dir).map((e) => e.name);
    ext = join(dir, 'extension');
    manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is under 2 MiB and carries no node_modules, sources, tests or source maps', function () {
    const size = readFileSync(vsix).length;
    assert.ok(size < 2 * 1024 * 1024, `vsix is ${size} bytes`);
    const offenders = entries.filter((n) => /(^|\/)node_modules\/|\.map$|\.tsx?$|^extension\/(test|src|server\/src|client\/src|bench|scripts|\.vscode-test)\//.test(n));
    assert.deepEqual(offenders, []);
  });

  it('contains the bundles and every file its manifest refers to', function () {
    // elkjs's layout engine ships beside the server bundle, which reads it when it lays out a diagram.
    const wanted = ['dist/server.js', 'dist/elk-worker.min.js', ...manifestFiles(manifest)];
    if (existsSync(join(root, 'client', 'webview'))) wanted.push('dist/webview/preview.js');
    // The server links each diagnostic to its rule's page, read from docs/rules beside dist/.
    const ruleDocs = join(root, 'docs', 'rules');
    if (existsSync(ruleDocs)) wanted.push(...readdirSync(ruleDocs).filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f}`));
    const missing = [...new Set(wanted)].filter((f) => !existsSync(join(ext, f)));
    assert.deepEqual(missing, [], 'files referenced by the manifest or the client are missing from the vsix');
  });

  it('bundles load nothing but Node built-ins and the vscode API', function () {
    for (const bundle of ['dist/server.js', manifest.main.replace(/^\.\//, '')]) {
      const text = readFileSync(join(ext, bundle), 'utf8');
      // A require( that opens a string literal is code-generation text (ajv's standalone mode), not a call.
      const required = [...text.matchAll(/(?<!['"`])\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      const foreign = [...new Set(required)].filter((m) => !builtins.has(m) && m !== 'vscode' && !m.startsWith('.'));
      assert.deepEqual(foreign, [], `${bundle} requires modules that are not in the package`);
    }
  });

  it('starts the packaged language server over stdio and analyses an example', async function () {
    this.timeout(30_000);
    const exampleDir = join(root, 'examples');
    const example = readdirSync(exampleDir).filter((f) => f.endsWith('.l2spec.yaml')).sort()
      .find((f) => /multisig|bridge|weak/i.test(f)) ?? readdirSync(exampleDir).find((f) => f.endsWith('.l2spec.yaml'));
    assert.ok(example, 'no example spec found in examples/');
    const text = readFileSync(join(exampleDir, example), 'utf8');
    const uri = pathToFileURL(join(dir, example)).href;
    // cwd outside the project: module resolution cannot fall back to the repository's node_modules.
    const client = new StdioLspClient(process.execPath, [join(ext, 'dist', 'server.js'), '--stdio'], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: '' } });
    try {
      const init = await client.request('initialize', {
        processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: null,
        capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, diagnostic: {}, hover: { contentFormat: ['markdown', 'plaintext'] } }, workspace: { configuration: true } },
      });
      assert.ok(init && init.capabilities, 'initialize returned no capabilities');
      assert.ok(init.capabilities.textDocumentSync !== undefined, 'server does not declare textDocumentSync');
      client.notify('initialized', {});
      const pushed = client.waitForNotification('textDocument/publishDiagnostics', (p) => p.uri === uri && p.diagnostics.length > 0, 20_000);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      let diagnostics;
      if (init.capabilities.diagnosticProvider) {
        pushed.catch(() => {});
        const report = await client.request('textDocument/diagnostic', { textDocument: { uri } }, 20_000);
        diagnostics = report.items;
      } else {
        diagnostics = (await pushed).diagnostics;
      }
      assert.ok(diagnostics.length > 0, `${example} produced no diagnostics`);
      for (const d of diagnostics) {
        assert.equal(d.source, 'l2spec');
        assert.match(String(d.code), /^L2S-[A-Z]+-\d{3}$/);
      }
      await client.request('shutdown', null);
      client.notify('exit', null);
      const { code } = await Promise.race([client.exit, new Promise((_, rej) => setTimeout(() => rej(new Error('server ignored exit')), 5000))]);
      assert.equal(code, 0, `server exit code ${code}; stderr:\n${client.stderr}`);
    } finally {
      client.kill();
    }
  });
});
