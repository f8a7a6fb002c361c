// Issue 10, item 5: activation stays cheap for other YAML files. This suite runs in its own
// extension host (test/e2e/host.mjs, the "no specs" run) on a workspace with YAML files but no
// `*.l2spec.yaml` and no `.l2spec.yaml`: l2spec is installed and stays inactive while plain YAML
// files open, and activates only when a spec is opened (the positive control). The times are
// written to the artifacts (activation-cost.json).
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, closeAllEditors, median, recordFigures, round, timedOpen, waitForDiagnostics } from './helpers';

const PLAIN_OPEN_BOUND_MS = 5_000;
/** First spec in a fresh window: activation, the server's start and the first analysis. */
const FIRST_SPEC_BOUND_MS = 30_000;

describe('a workspace without specs (extension host)', function () {
  let folder: vscode.Uri;
  let ext: vscode.Extension<unknown>;
  const figures: Record<string, unknown> = {
    description: 'workspace with YAML files and no spec: ms from openTextDocument to the active editor showing the document; then the first spec opened there',
  };

  before(function () {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in this host`);
    ext = found;
    folder = vscode.workspace.workspaceFolders![0].uri;
  });

  after(async function () {
    recordFigures('noSpecWorkspace', figures);
    await closeAllEditors();
  });

  it('has no spec and no .l2spec.yaml, and l2spec is not active after start-up', async function () {
    // The extension tests start after VS Code has handled the start-up activation events
    // (`workspaceContains:` included), so this is the state a user gets.
    assert.deepEqual(await vscode.workspace.findFiles('**/*.l2spec.{yaml,yml}'), []);
    assert.deepEqual(await vscode.workspace.findFiles('**/.l2spec.yaml'), []);
    assert.ok((await vscode.workspace.findFiles('**/*.{yaml,yml}')).length >= 2, 'the workspace has no plain YAML files to open');
    assert.equal(ext.isActive, false, 'l2spec activated in a workspace without specs');
  });

  it('declares no activation event that a plain YAML file or start-up would fire', function () {
    const events: string[] = ext.packageJSON.activationEvents ?? [];
    const broad = events.filter((e) => e === '*' || e === 'onStartupFinished' || /^onLanguage:(yaml|dockercompose|github-actions-workflow)$/.test(e) ||
      (e.startsWith('workspaceContains:') && !/l2spec/.test(e)) || (e.startsWith('onFileSystem:')));
    assert.deepEqual(broad, [], `activation events: ${events.join(', ')}`);
  });

  it('stays inactive while plain YAML files open (time to a ready editor recorded)', async function () {
    const files = (await vscode.workspace.findFiles('**/*.{yaml,yml}')).sort((a, b) => a.path.localeCompare(b.path));
    const openMs: number[] = [];
    for (const uri of files) {
      const { editor, ms } = await timedOpen(uri);
      // YAML or a YAML dialect (VS Code's own `dockercompose` for docker-compose.yml), never l2spec.
      assert.match(editor.document.languageId, /yaml|compose/, `${uri.path} opened as ${editor.document.languageId}`);
      openMs.push(ms);
      // The editor is up, so every activation event its document fires has been sent by now.
      assert.equal(ext.isActive, false, `opening ${uri.path} activated l2spec`);
    }
    // A round trip through the workbench after the last open: still inactive.
    await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', files[files.length - 1]);
    assert.equal(ext.isActive, false, 'l2spec activated after a plain YAML file was opened');
    Object.assign(figures, {
      plainYamlFiles: files.length,
      plainYamlOpenToReadyMs: openMs.map(round),
      plainYamlOpenToReadyMedianMs: round(median(openMs)),
      plainYamlOpenToReadyMaxMs: round(Math.max(...openMs)),
      boundMs: PLAIN_OPEN_BOUND_MS,
      l2specActiveAfterPlainYaml: ext.isActive,
    });
    console.log(`  plain YAML open→ready, l2spec inactive: median ${figures.plainYamlOpenToReadyMedianMs} ms, max ${figures.plainYamlOpenToReadyMaxMs} ms`);
    for (const ms of openMs) assert.ok(ms < PLAIN_OPEN_BOUND_MS, `a plain YAML file took ${round(ms)} ms to open (bound ${PLAIN_OPEN_BOUND_MS} ms)`);
  });

  it('activates when a spec is opened there, and reviews it (the positive control)', async function () {
    const uri = vscode.Uri.joinPath(folder, 'design.l2spec.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(SPEC));
    assert.equal(ext.isActive, false);
    const started = performance.now();
    const { editor, ms } = await timedOpen(uri);
    assert.equal(editor.document.languageId, 'l2spec');
    await waitForDiagnostics(uri, (d) => d.length > 0, 'findings on the first spec');
    const firstDiagnosticsMs = performance.now() - started;
    assert.equal(ext.isActive, true);
    const api = await activateExtension();
    assert.equal(api.isSpecDocument(editor.document), true);
    Object.assign(figures, { firstSpecOpenToReadyMs: round(ms), firstSpecOpenToFirstDiagnosticsMs: round(firstDiagnosticsMs), firstSpecBoundMs: FIRST_SPEC_BOUND_MS });
    console.log(`  first spec: editor ready in ${round(ms)} ms, activation + server start + first findings in ${round(firstDiagnosticsMs)} ms`);
    assert.ok(firstDiagnosticsMs < FIRST_SPEC_BOUND_MS, `first findings after ${round(firstDiagnosticsMs)} ms`);
  });
});

/** A small weak design: a 2-of-3 multisig bridge, which has findings. */
const SPEC = `l2spec: 1
system:
  name: Lone bridge
  family: sidechain
components:
  - id: signers
    kind: federation
    operators: 3
    threshold: 2-of-3
    publiclyKnown: none
pegs:
  - id: btc
    custody: federation-multisig
    signers: signers
`;
