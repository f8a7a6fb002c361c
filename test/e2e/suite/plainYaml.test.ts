// Issue 10, item 5: other YAML files stay cheap while l2spec is active. A plain YAML file (no spec
// name, no `l2spec.files` glob, no `.l2spec.yaml` naming it) keeps the YAML language, never reaches
// the language server, gets no l2spec diagnostics or review; the time from asking VS Code to open
// it to its editor being ready is measured, written to the artifacts (activation-cost.json) and
// bounded. A spec opened in the same way is the positive control: the same probes see it.
import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import {
  activateExtension, closeAllEditors, l2specDiagnostics, median, recordFigures, round, timedOpen, waitForDiagnostics,
  workspaceSpecs, type L2specTestApi,
} from './helpers';

/** Generous: opening a small file in a busy 2-core machine's VS Code takes tens of milliseconds. */
const PLAIN_OPEN_BOUND_MS = 5_000;
const RUNS = 5;

const plainYaml = (i: number) => `# A CI workflow, nothing to do with l2spec (${i})
name: build-${i}
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci && npm test
# Words a spec would use must not make it one.
system: not-a-design
pegs: []
`;

describe('plain YAML files while l2spec is active (extension host)', function () {
  let api: L2specTestApi;
  let folder: vscode.Uri;
  const reviewed = new Set<string>();
  /** Resolves once a review of `uri` has arrived (the review of a document no longer on screen may come after the visible ones). */
  const reviewOf = (uri: string) => new Promise<void>((resolve) => {
    if (reviewed.has(uri)) return resolve();
    const wait = api.reviews.onDidReview((review) => { if (review.uri === uri) { (wait as vscode.Disposable).dispose(); resolve(); } }) as vscode.Disposable;
  });
  let sub: vscode.Disposable | undefined;

  before(async function () {
    api = await activateExtension();
    folder = vscode.workspace.workspaceFolders![0].uri;
    sub = api.reviews.onDidReview((review) => { reviewed.add(review.uri); }) as vscode.Disposable;
    // Nothing in this workspace names plain YAML files as specs.
    assert.deepEqual(vscode.workspace.getConfiguration('l2spec').get('files') ?? [], []);
    assert.deepEqual(await vscode.workspace.findFiles('**/.l2spec.yaml'), []);
  });

  after(async function () {
    sub?.dispose();
    await closeAllEditors();
  });

  it('opens plain YAML files as YAML, never sent to the server, with the time to a ready editor recorded', async function () {
    // The positive control first: a spec opened the same way reaches the server and is reviewed.
    // A fresh copy of an example, so neither VS Code nor the server has seen it yet.
    const [example] = await workspaceSpecs();
    const specUri = vscode.Uri.joinPath(folder, 'plain-yaml-control.l2spec.yaml');
    await vscode.workspace.fs.writeFile(specUri, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, example!)));
    const specStarted = performance.now();
    const { ms: specOpenMs } = await timedOpen(specUri);
    await waitForDiagnostics(specUri, (d) => d.length > 0, 'findings on the control spec');
    const specDiagnosticsMs = performance.now() - specStarted;

    const plain: vscode.Uri[] = [];
    const openMs: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const uri = vscode.Uri.joinPath(folder, `plain-${i}.yaml`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(plainYaml(i)));
      const { editor, ms } = await timedOpen(uri);
      assert.equal(editor.document.languageId, 'yaml', `${uri.path} was claimed as ${editor.document.languageId}`);
      assert.equal(api.isSpecDocument(editor.document), false);
      plain.push(uri);
      openMs.push(ms);
    }
    // One request to the server after every didOpen the client could have sent (LSP messages keep
    // their order): it holds the spec, and none of the plain files.
    const held = new Set(await api.serverDocuments());
    assert.ok(held.has(specUri.toString()), `the server does not hold the spec; it holds ${[...held].join(', ')}`);
    for (const uri of plain) {
      assert.ok(!held.has(uri.toString()), `${uri.path} was sent to the language server`);
      assert.deepEqual(l2specDiagnostics(uri).map((d) => d.message), [], `l2spec reported on ${uri.path}`);
      assert.ok(!reviewed.has(uri.toString()), `l2spec reviewed ${uri.path}`);
      // Still YAML after the round trip: a late claim would have switched it.
      assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId, 'yaml');
    }
    // The positive control: the spec is reviewed (once the visible documents' reviews are done; the
    // server serves what is on screen first), so the probe would have seen a review of a plain file.
    await reviewOf(specUri.toString());
    assert.ok(reviewed.has(specUri.toString()), 'no review event for the spec: the probe would not see one for a plain file either');

    const figures = {
      description: 'l2spec active (a workspace with specs): plain YAML files opened one after another; ms from openTextDocument to the active editor showing the document',
      plainYamlOpenToReadyMs: openMs.map(round),
      plainYamlOpenToReadyMedianMs: round(median(openMs)),
      plainYamlOpenToReadyMaxMs: round(Math.max(...openMs)),
      boundMs: PLAIN_OPEN_BOUND_MS,
      plainYamlSentToServer: plain.filter((u) => held.has(u.toString())).length,
      plainYamlWithL2specDiagnostics: plain.filter((u) => l2specDiagnostics(u).length > 0).length,
      specOpenToReadyMs: round(specOpenMs),
      specOpenToFirstDiagnosticsMs: round(specDiagnosticsMs),
    };
    const file = recordFigures('l2specActive', figures);
    console.log(`  plain YAML open→ready with l2spec active: median ${figures.plainYamlOpenToReadyMedianMs} ms, max ${figures.plainYamlOpenToReadyMaxMs} ms (${file ?? 'no artifacts folder'})`);
    for (const ms of openMs) assert.ok(ms < PLAIN_OPEN_BOUND_MS, `a plain YAML file took ${round(ms)} ms to open (bound ${PLAIN_OPEN_BOUND_MS} ms)`);
  });
});
