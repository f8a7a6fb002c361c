// The extension side of the preview against a recorded fake of the vscode API: panel options and
// CSP, snapshot delivery, reveal and highlight mapping, validation of webview messages, reload
// restore and SVG/PNG export without an open preview.
import assert from 'node:assert/strict';
import { buildSnapshot, renderReport, renderSvg, type ReviewSnapshot } from '../../server/src/render/index.js';
import type * as FakeApi from './fakeVscode.js';
import { federatedSidechain, rollup } from './fixtures.js';
import { vscode } from './useFakeVscode.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerPreview, pngScale } = require('../../client/src/preview/previewManager.ts') as typeof import('../../client/src/preview/previewManager.js');

const SPEC = vscode.Uri.file('/work/designs/rollup.l2spec.yaml');
const OTHER = vscode.Uri.file('/work/designs/sidechain.l2spec.yaml');
const EXT = vscode.Uri.file('/ext');
const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

class FakeSource {
  readonly reviews = new Map<string, { version: number; snapshot: ReviewSnapshot }>();
  readonly emitter = new vscode.EventEmitter<{ uri: string; version: number; snapshot: ReviewSnapshot }>();
  readonly asked: string[] = [];
  async getSnapshot(uri: string) { this.asked.push(uri); return this.reviews.get(uri); }
  onDidReview(l: (e: { uri: string; version: number; snapshot: ReviewSnapshot }) => unknown) { return this.emitter.event(l); }
}

/** Resolves when `check` holds; re-checks after every microtask/macrotask turn the code under test takes. */
async function until<T>(check: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = check();
    if (v) return v;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('preview manager (vscode API fake)', function () {
  let source: FakeSource;
  let registration: { dispose(): void };
  let manager: ReturnType<typeof registerPreview>['manager'];
  const snapshot = buildSnapshot(rollup());
  const context = { extensionUri: EXT, subscriptions: [] as unknown[] };

  beforeEach(function () {
    vscode.resetFake();
    source = new FakeSource();
    source.reviews.set(SPEC.toString(), { version: 3, snapshot });
    source.reviews.set(OTHER.toString(), { version: 1, snapshot: buildSnapshot(federatedSidechain()) });
    ({ disposable: registration, manager } = registerPreview(context as never, source));
    const editor = vscode.makeEditor(SPEC);
    vscode.state.activeEditor = editor;
    vscode.state.visibleEditors = [editor];
  });
  afterEach(function () {
    registration.dispose();
  });

  async function openPreview(): Promise<FakeApi.FakePanel> {
    await vscode.commands.executeCommand('l2spec.openPreviewToSide');
    const panel = vscode.state.panels[0]!;
    panel.webview.receive.fire({ type: 'ready' });
    await until(() => panel.webview.posted.find((m) => m.type === 'snapshot'), 'the snapshot');
    return panel;
  }

  it('registers the commands and the reload serializer', function () {
    for (const id of ['l2spec.openPreview', 'l2spec.openPreviewToSide', 'l2spec.exportSvg', 'l2spec.exportPng']) assert.ok(vscode.state.commands.has(id), id);
    assert.ok(vscode.state.serializers.has('l2spec.preview'));
  });

  it('opens a locked-down webview and sends the snapshot once it is ready', async function () {
    const panel = await openPreview();
    assert.equal(panel.viewType, 'l2spec.preview');
    assert.deepEqual(panel.showOptions, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    const o = panel.webview.options;
    assert.equal(o.enableScripts, true);
    assert.equal(o.enableCommandUris, false);
    assert.deepEqual(o.localResourceRoots.map(String), ['file:///ext/dist/webview']);
    const html = panel.webview.html;
    const nonce = /script-src 'nonce-([^']+)'/.exec(html.replace(/&#39;/g, "'"))![1]!;
    assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://fake.vscode-cdn.net/ext/dist/webview/preview.js">`));
    assert.ok(!html.includes(snapshot.system), 'no spec text in the HTML');
    const msg = panel.webview.posted.find((m) => m.type === 'snapshot');
    assert.equal(msg.uri, SPEC.toString());
    assert.equal(msg.version, 3);
    assert.equal(msg.snapshot.system, 'Validity rollup');
    assert.equal(panel.title, 'Preview rollup.l2spec.yaml');
  });

  it('maps reveal messages (ids and finding indexes) to editor selections, ignoring anything else', async function () {
    const panel = await openPreview();
    const peg = snapshot.diagram.nodes.find((n) => n.kind === 'peg')!;
    panel.webview.receive.fire({ type: 'reveal', elementId: peg.id });
    const editor = await until(() => vscode.state.shown[0], 'the editor');
    await until(() => editor.revealed.length === 1, 'the reveal');
    assert.deepEqual({ ...editor.selection.start }, peg.range!.start);
    const finding = snapshot.findings[1]!;
    panel.webview.receive.fire({ type: 'revealFinding', index: finding.index });
    await until(() => editor.revealed.length === 2, 'the second reveal');
    assert.deepEqual([{ ...editor.selection.start }, { ...editor.selection.end }], [finding.range.start, finding.range.end]);
    // Invalid or unknown requests do nothing.
    for (const bad of [{ type: 'reveal', elementId: 'c:nope' }, { type: 'reveal', elementId: peg.id, path: 'pegs.0' }, { type: 'revealFinding', index: 999 }, { type: 'open', path: '/etc/passwd' }, 'reveal']) {
      panel.webview.receive.fire(bad);
    }
    await new Promise((r) => setImmediate(r));
    assert.equal(vscode.state.shown.length, 2);
  });

  it('pushes new reviews of its document and highlights the element under the cursor', async function () {
    const panel = await openPreview();
    const updated = buildSnapshot(rollup());
    updated.system = 'Validity rollup (edited)';
    source.emitter.fire({ uri: OTHER.toString(), version: 9, snapshot: updated });
    source.emitter.fire({ uri: SPEC.toString(), version: 4, snapshot: updated });
    const sent = panel.webview.posted.filter((m) => m.type === 'snapshot');
    assert.equal(sent.length, 2);
    assert.equal(sent[1].version, 4);
    assert.equal(sent[1].snapshot.system, 'Validity rollup (edited)');
    source.emitter.fire({ uri: SPEC.toString(), version: 2, snapshot }); // stale
    assert.equal(panel.webview.posted.filter((m) => m.type === 'snapshot').length, 2);

    const upgrade = updated.diagram.nodes.find((n) => n.kind === 'upgrade')!;
    const pos = upgrade.range!.start;
    vscode.state.selectionChanged.fire({ textEditor: vscode.state.activeEditor!, selections: [new vscode.Selection(pos.line, pos.character + 1, pos.line, pos.character + 1)] });
    assert.deepEqual(panel.webview.posted.at(-1), { type: 'highlight', elementId: upgrade.id });
    vscode.state.selectionChanged.fire({ textEditor: vscode.state.activeEditor!, selections: [new vscode.Selection(pos.line, pos.character + 2, pos.line, pos.character + 2)] });
    assert.equal(panel.webview.posted.filter((m) => m.type === 'highlight').length, 1, 'no repeat for the same element');
  });

  it('follows the active l2spec editor', async function () {
    const panel = await openPreview();
    vscode.state.activeEditorChanged.fire(vscode.makeEditor(vscode.Uri.file('/work/notes.md')));
    vscode.state.activeEditorChanged.fire(vscode.makeEditor(OTHER));
    const msg = await until(() => panel.webview.posted.find((m) => m.type === 'snapshot' && m.uri === OTHER.toString()), 'the other snapshot');
    assert.equal(msg.snapshot.system, 'Federated sidechain');
    assert.equal(panel.title, 'Preview sidechain.l2spec.yaml');
    assert.deepEqual(source.asked, [SPEC.toString(), OTHER.toString()]);
  });

  it('restores a preview after a reload from the webview state, refusing odd URIs', async function () {
    const serializer = vscode.state.serializers.get('l2spec.preview')!;
    const panel = new vscode.FakePanel('l2spec.preview', 'old', {}, {});
    await serializer.deserializeWebviewPanel(panel, { uri: OTHER.toString(), zoom: 2 });
    assert.equal(panel.webview.options.enableCommandUris, false);
    panel.webview.receive.fire({ type: 'ready' });
    const msg = await until(() => panel.webview.posted.find((m) => m.type === 'snapshot'), 'the snapshot');
    assert.equal(msg.uri, OTHER.toString());

    registration.dispose();
    vscode.resetFake();
    registration = registerPreview(context as never, source).disposable;
    const odd = new vscode.FakePanel('l2spec.preview', 'old', {}, {});
    await vscode.state.serializers.get('l2spec.preview')!.deserializeWebviewPanel(odd, { uri: 'command:workbench.action.quit' });
    assert.equal(odd.disposed, true, 'nothing to show: no active spec editor and no valid saved URI');
  });

  describe('locked previews (Markdown preview conventions)', function () {
    async function ready(panel: FakeApi.FakePanel, uri: string): Promise<void> {
      panel.webview.receive.fire({ type: 'ready' });
      await until(() => panel.webview.posted.find((m) => m.type === 'snapshot' && m.uri === uri), `the snapshot of ${uri}`);
    }

    it('opens a locked preview beside that keeps its spec while the dynamic one follows the editor', async function () {
      const dynamic = await openPreview();
      vscode.state.activeEditor = vscode.makeEditor(OTHER);
      await vscode.commands.executeCommand('l2spec.openLockedPreviewToSide');
      const locked = vscode.state.panels[1]!;
      assert.equal(locked.title, '[Preview] sidechain.l2spec.yaml');
      assert.equal(locked.showOptions.viewColumn, vscode.ViewColumn.Beside);
      await ready(locked, OTHER.toString());
      assert.deepEqual(locked.webview.posted.find((m) => m.type === 'panel'), { type: 'panel', locked: true }, 'the webview keeps the lock in its saved state');

      // Switching editors moves only the dynamic preview.
      vscode.state.activeEditorChanged.fire(vscode.makeEditor(SPEC));
      vscode.state.activeEditorChanged.fire(vscode.makeEditor(OTHER));
      await until(() => dynamic.webview.posted.find((m) => m.type === 'snapshot' && m.uri === OTHER.toString()), 'the dynamic preview following');
      vscode.state.activeEditorChanged.fire(vscode.makeEditor(SPEC));
      await until(() => dynamic.title === 'Preview rollup.l2spec.yaml', 'the dynamic title');
      assert.equal(locked.title, '[Preview] sidechain.l2spec.yaml');
      assert.ok(locked.webview.posted.filter((m) => m.type === 'snapshot').every((m) => m.uri === OTHER.toString()), 'the locked preview never switched');

      // A second locked preview of the same spec reveals the first; another spec gets its own.
      vscode.state.activeEditor = vscode.makeEditor(OTHER);
      await vscode.commands.executeCommand('l2spec.openLockedPreviewToSide');
      assert.equal(vscode.state.panels.length, 2);
      assert.equal(locked.revealed.length, 1);
      await vscode.commands.executeCommand('l2spec.openLockedPreviewToSide', SPEC);
      assert.equal(vscode.state.panels.length, 3);
      assert.equal(vscode.state.panels[2]!.title, '[Preview] rollup.l2spec.yaml');
    });

    it('highlights the cursor element in every panel that shows the spec', async function () {
      const dynamic = await openPreview();
      await vscode.commands.executeCommand('l2spec.openLockedPreviewToSide', SPEC);
      const locked = vscode.state.panels[1]!;
      await ready(locked, SPEC.toString());
      const upgrade = snapshot.diagram.nodes.find((n) => n.kind === 'upgrade')!;
      const pos = upgrade.range!.start;
      vscode.state.selectionChanged.fire({ textEditor: vscode.state.activeEditor!, selections: [new vscode.Selection(pos.line, pos.character + 1, pos.line, pos.character + 1)] });
      for (const p of [dynamic, locked]) assert.deepEqual(p.webview.posted.at(-1), { type: 'highlight', elementId: upgrade.id });
    });

    it('toggles the lock of the focused preview; unlocking replaces the other dynamic preview', async function () {
      const first = await openPreview();
      first.setActive(true);
      await vscode.commands.executeCommand('l2spec.togglePreviewLock');
      assert.equal(first.title, '[Preview] rollup.l2spec.yaml');
      assert.deepEqual(first.webview.posted.at(-1), { type: 'panel', locked: true });
      assert.equal(vscode.state.contexts.get('l2spec.previewLocked'), true);
      vscode.state.activeEditorChanged.fire(vscode.makeEditor(OTHER));
      await new Promise((r) => setImmediate(r));
      assert.equal(first.title, '[Preview] rollup.l2spec.yaml', 'a locked preview does not follow');

      // With the first locked, Open Preview makes a new dynamic panel.
      first.setActive(false);
      vscode.state.activeEditor = vscode.makeEditor(OTHER);
      await vscode.commands.executeCommand('l2spec.openPreviewToSide');
      const second = vscode.state.panels[1]!;
      assert.equal(second.title, 'Preview sidechain.l2spec.yaml');
      assert.equal(vscode.state.contexts.get('l2spec.previewLocked'), false);

      // Unlocking the first: it follows the editor again, and the second dynamic panel closes.
      first.setActive(true);
      await vscode.commands.executeCommand('l2spec.togglePreviewLock');
      assert.equal(first.title, 'Preview rollup.l2spec.yaml');
      assert.equal(second.disposed, true);
      assert.equal(vscode.state.contexts.get('l2spec.previewLocked'), false);
      vscode.state.activeEditorChanged.fire(vscode.makeEditor(OTHER));
      await until(() => first.title === 'Preview sidechain.l2spec.yaml', 'the unlocked preview following');
    });

    it('Show Source and exports act on the focused preview', async function () {
      await openPreview();
      await vscode.commands.executeCommand('l2spec.openLockedPreviewToSide', OTHER);
      const locked = vscode.state.panels[1]!;
      locked.setActive(true);
      vscode.state.activeEditor = undefined; // a focused webview means no active text editor
      await vscode.commands.executeCommand('l2spec.showSource');
      assert.equal(vscode.state.shown.at(-1)!.document.uri.toString(), OTHER.toString());
      vscode.state.saveAs = vscode.Uri.file('/out/side.svg');
      await vscode.commands.executeCommand('l2spec.exportSvg');
      const svg = Buffer.from(vscode.state.written.get('file:///out/side.svg')!).toString('utf8');
      assert.equal(svg, renderSvg(source.reviews.get(OTHER.toString())!.snapshot, { theme: 'light' }));
    });

    it('title-bar exports (SVG, PNG, HTML) act on the spec the preview shows, locked or not, though VS Code passes the webview\'s URI (issue 19)', async function () {
      await openPreview();
      await vscode.commands.executeCommand('l2spec.openLockedPreviewToSide', OTHER);
      const [dynamic, locked] = [vscode.state.panels[0]!, vscode.state.panels[1]!];
      const webviewUri = vscode.Uri.parse('webview-panel:/webview-panel/webview-1234');
      for (const [panel, spec, name] of [[locked, OTHER, 'side'], [dynamic, SPEC, 'dyn']] as const) {
        dynamic.setActive(panel === dynamic);
        locked.setActive(panel === locked);
        vscode.state.activeEditor = undefined;
        vscode.state.saveAs = vscode.Uri.file(`/out/${name}.svg`);
        await vscode.commands.executeCommand('l2spec.exportSvg', webviewUri);
        const expected = source.reviews.get(spec.toString())!.snapshot;
        assert.equal(Buffer.from(vscode.state.written.get(`file:///out/${name}.svg`)!).toString('utf8'), renderSvg(expected, { theme: 'light' }), `${name}: SVG of its own spec`);
        vscode.state.saveAs = vscode.Uri.file(`/out/${name}.html`);
        await vscode.commands.executeCommand('l2spec.exportHtml', webviewUri);
        const html = Buffer.from(vscode.state.written.get(`file:///out/${name}.html`)!).toString('utf8');
        assert.equal(html, renderReport(expected, { source: spec.path.split('/').pop(), theme: 'light' }), `${name}: HTML report of its own spec`);
      }
      // Dark when the user chooses it.
      vscode.setConfig('l2spec.export.theme', 'dark');
      vscode.state.saveAs = vscode.Uri.file('/out/dark.svg');
      await vscode.commands.executeCommand('l2spec.exportSvg', webviewUri);
      assert.ok(vscode.state.written.has('file:///out/dark.svg'), vscode.state.messages.join('\n'));
      assert.equal(Buffer.from(vscode.state.written.get('file:///out/dark.svg')!).toString('utf8'), renderSvg(source.reviews.get(SPEC.toString())!.snapshot, { theme: 'dark' }));
    });

    it('marks a set of elements in the previews of a spec (the "Who must collude" hook)', async function () {
      const panel = await openPreview();
      manager.highlightElements(OTHER as never, ['c:functionaries']);
      manager.highlightElements(SPEC as never, ['c:sequencer', 'c:prover']);
      manager.highlightElements(SPEC as never, []);
      assert.deepEqual(panel.webview.posted.filter((m) => m.type === 'highlight' && 'ids' in m), [
        { type: 'highlight', ids: ['c:sequencer', 'c:prover'] },
        { type: 'highlight', ids: [] },
      ], 'only the previews of that spec, in order');
    });

    it('restores locked and dynamic previews after a reload, each as it was', async function () {
      const serializer = vscode.state.serializers.get('l2spec.preview')!;
      const a = new vscode.FakePanel('l2spec.preview', 'old', {}, {});
      const b = new vscode.FakePanel('l2spec.preview', 'old', {}, {});
      const c = new vscode.FakePanel('l2spec.preview', 'old', {}, {});
      const d = new vscode.FakePanel('l2spec.preview', 'old', {}, {});
      await serializer.deserializeWebviewPanel(a, { uri: SPEC.toString() });
      await serializer.deserializeWebviewPanel(b, { uri: OTHER.toString(), locked: true });
      await serializer.deserializeWebviewPanel(c, { uri: SPEC.toString(), locked: true });
      await serializer.deserializeWebviewPanel(d, { uri: OTHER.toString(), locked: 'yes' });
      assert.deepEqual([a, b, c, d].map((p) => [p.title, p.disposed]), [
        ['Preview rollup.l2spec.yaml', false],
        ['[Preview] sidechain.l2spec.yaml', false],
        ['[Preview] rollup.l2spec.yaml', false],
        ['old', true], // a second dynamic preview (a non-boolean lock is not a lock)
      ]);
    });
  });

  it('exports SVG without an open preview', async function () {
    vscode.state.saveAs = vscode.Uri.file('/out/rollup.svg');
    await vscode.commands.executeCommand('l2spec.exportSvg');
    const svg = Buffer.from(vscode.state.written.get('file:///out/rollup.svg')!).toString('utf8');
    assert.equal(svg, renderSvg(snapshot, { theme: 'light' }));
    assert.equal(vscode.state.panels.length, 0);
  });

  it('exports PNG without an open preview through a short-lived webview', async function () {
    vscode.state.saveAs = vscode.Uri.file('/out/rollup.png');
    await exportPngWithHelperView();
    const png = vscode.state.written.get('file:///out/rollup.png')!;
    assert.deepEqual(Buffer.from(png), Buffer.from(PNG_1x1, 'base64'));
    const helper = vscode.state.panels[0]!;
    assert.equal(helper.viewType, 'l2spec.pngExporter');
    assert.equal(helper.showOptions.preserveFocus, true);
    assert.equal(helper.disposed, true, 'the helper view closes again');
    const request = helper.webview.posted.find((m) => m.type === 'exportRequest');
    assert.equal(request.svg, renderSvg(snapshot, { theme: 'light' }));
    assert.ok(request.scale > 0 && request.scale <= 2);
  });

  it('exports PNG through a short-lived webview when the open preview is hidden (a hidden webview never answers)', async function () {
    const preview = await openPreview();
    preview.visible = false;
    vscode.state.saveAs = vscode.Uri.file('/out/hidden.png');
    await exportPngWithHelperView();
    assert.deepEqual(Buffer.from(vscode.state.written.get('file:///out/hidden.png')!), Buffer.from(PNG_1x1, 'base64'));
    assert.ok(vscode.state.panels.some((p) => p.viewType === 'l2spec.pngExporter'), 'the helper webview did the work');
    assert.equal(preview.webview.posted.filter((m) => m.type === 'exportRequest').length, 0, 'the hidden preview was not asked');
  });

  it('keeps PNG bitmaps inside canvas limits', function () {
    assert.equal(pngScale(1000, 800), 2);
    assert.ok(pngScale(3000, 20000) * 20000 <= 16000);
    assert.ok(pngScale(9000, 9000) ** 2 * 81e6 <= 100e6 * 1.000001);
  });
});

/** Runs l2spec.exportPng while every new webview (the short-lived exporter) answers with a 1×1 PNG. */
async function exportPngWithHelperView(): Promise<void> {
  const orig = vscode.window.createWebviewPanel;
  vscode.window.createWebviewPanel = (...args: Parameters<typeof orig>) => {
    const p = orig(...args);
    p.webview.responder = (m) => (m.type === 'exportRequest' ? { type: 'exportResult', requestId: m.requestId, ok: true, data: PNG_1x1 } : undefined);
    queueMicrotask(() => p.webview.receive.fire({ type: 'ready' }));
    return p;
  };
  try {
    await vscode.commands.executeCommand('l2spec.exportPng');
  } finally {
    vscode.window.createWebviewPanel = orig;
  }
}
