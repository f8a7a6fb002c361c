// UI end to end: the packaged .vsix installed into a real VS Code (code-server's workbench in headless
// Chromium), an example opened from the explorer's workspace, and what a user sees checked on screen:
// squiggles and Problems rows carrying l2spec rule IDs, the tier in the status bar, and the preview
// webview rendering the diagram and the tier, and SVG/PNG export through the save dialog.
// Then a lone spec (issue 10, item 5): a window without any folder that opens one
// design.l2spec.yaml, as `code design.l2spec.yaml` does, with the same checks.
// Screenshots of every step (and VS Code's logs) go to test-artifacts/e2e/.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRealVSCode } from '../../../scripts/real-vscode/setup.mjs';
import { installVsix, launchChromium, startCodeServer } from '../../../scripts/real-vscode/harness.mjs';
import { openLoneFile, openWorkbench, quickOpen, runCommand, screenshotter, waitForFrameWith } from '../lib/workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vsix = resolve(process.env.L2SPEC_VSIX || join(root, 'dist', 'l2spec.vsix'));
const artifacts = resolve(process.env.L2SPEC_E2E_ARTIFACTS || join(root, 'test-artifacts', 'e2e'));
const RULE_ID = /L2S-[A-Z]+-\d{3}/;
const TIER = /\b(Strong|Moderate|Weak)\b/;

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
/** The Command Palette label of a contributed command ("Category: Title"). */
function commandLabel(id) {
  const c = (manifest.contributes?.commands ?? []).find((x) => x.command === id);
  assert.ok(c, `package.json contributes no command ${id}`);
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

/** The deliberately weak example, so errors, warnings and the Weak tier are all on screen. */
function pickExample(dir) {
  if (process.env.L2SPEC_E2E_EXAMPLE) return process.env.L2SPEC_E2E_EXAMPLE;
  const specs = readdirSync(dir).filter((f) => f.endsWith('.l2spec.yaml')).sort();
  const found = specs.find((f) => /multisig|bridge/i.test(f)) ?? specs[0];
  assert.ok(found, `no *.l2spec.yaml in ${dir}`);
  return found;
}

describe('l2spec in the VS Code workbench (packaged .vsix)', function () {
  this.timeout(120_000);
  let server;
  let browser;
  let page;
  let shot;
  let example;
  let workspace;
  let userDataDir;
  let runDir;
  let failed = false;
  const consoleErrors = [];

  before(async function () {
    this.timeout(180_000);
    failed = true; // until the workbench is up
    assert.ok(existsSync(vsix), `${vsix} is missing; run npm run package`);
    const paths = ensureRealVSCode();
    runDir = mkdtempSync(join(paths.runsDir, 'ui-'));
    workspace = join(runDir, 'workspace');
    cpSync(join(root, 'examples'), workspace, { recursive: true });
    example = pickExample(workspace);
    const extensionsDir = join(runDir, 'extensions');
    const out = installVsix(paths, runDir, extensionsDir, vsix);
    assert.match(out, /successfully installed/i);
    userDataDir = join(runDir, 'user-data');
    server = await startCodeServer(paths, { runDir, userDataDir, extensionsDir });
    browser = await launchChromium(paths, { profileDir: join(runDir, 'chromium') });
    page = browser.page;
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    shot = screenshotter(page, artifacts);
    await openWorkbench(page, server.workbenchUrl({ folder: workspace }));
    await shot('workbench');
    failed = false;
  });

  after(async function () {
    if (browser) await browser.close();
    if (server) await server.stop();
    // VS Code's logs (the extension's output channel included) stay with the screenshots.
    if (userDataDir && existsSync(join(userDataDir, 'logs'))) cpSync(join(userDataDir, 'logs'), join(artifacts, 'ui-logs'), { recursive: true });
    if (server) cpSync(server.logFile, join(artifacts, 'ui-code-server.log'));
    // Kept only after a failure, for a post-mortem.
    if (runDir && !failed) rmSync(runDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') failed = true;
    if (this.currentTest?.state === 'failed' && page) {
      await shot(`FAILED-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
    }
  });

  it('activates on an example and draws squiggles whose hover names an l2spec rule', async function () {
    await quickOpen(page, example);
    const squiggle = await page.waitForSelector('.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]', { timeout: 60_000 });
    // Critical/high findings draw error squiggles and medium ones warnings; the bridge has both near the top.
    await page.waitForSelector('.editor-instance .monaco-editor .view-overlays .squiggly-error', { timeout: 20_000 });
    await page.waitForSelector('.editor-instance .monaco-editor .view-overlays .squiggly-warning', { timeout: 20_000 });
    await shot('squiggles');
    // Hovering the squiggle shows the diagnostic with its source and code, e.g. "l2spec(L2S-CUST-001)".
    const box = await squiggle.boundingBox();
    assert.ok(box, 'squiggle has no box on screen');
    await page.mouse.move(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
    const hover = await page.waitForSelector('.monaco-hover .marker.hover-contents, .monaco-hover-content .marker', { timeout: 20_000 });
    const hoverText = await hover.textContent();
    assert.match(hoverText ?? '', RULE_ID, `hover text: ${hoverText}`);
    assert.match(hoverText ?? '', /l2spec/);
    await shot('squiggle-hover');
    await page.keyboard.press('Escape');
  });

  it('lists the findings with their rule IDs in the Problems panel', async function () {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 20_000 });
    // Rows for the file itself come first; wait for at least one finding row with an l2spec code.
    await page.waitForFunction((re) => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .some((r) => new RegExp(re).test(r.textContent ?? '')), RULE_ID.source, { timeout: 20_000 });
    const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.textContent ?? ''));
    const findingRows = rows.filter((r) => RULE_ID.test(r));
    assert.ok(findingRows.length > 0, `no Problems row carries a rule ID:\n${rows.join('\n')}`);
    for (const r of findingRows) assert.match(r, /l2spec/, `row without the l2spec source: ${r}`);
    await shot('problems');
    const badge = await page.getAttribute('#status\\.problems', 'aria-label');
    assert.ok(badge && /\d/.test(badge), `problems status entry: ${badge}`);
  });

  it('shows the tier in the status bar', async function () {
    const item = await page.waitForSelector('.statusbar-item[aria-label^="l2spec security tier"]', { timeout: 30_000 });
    const label = await item.getAttribute('aria-label');
    assert.match(label ?? '', TIER);
    assert.match((await item.textContent()) ?? '', TIER);
    if (/multisig|bridge/i.test(example)) assert.match(label ?? '', /Weak/);
  });

  it('opens the preview webview with the diagram and the tier', async function () {
    await quickOpen(page, example);
    await runCommand(page, commandLabel('l2spec.openPreview'));
    await page.waitForSelector('.tabs-container .tab.active[aria-label*="Preview"]', { timeout: 20_000 });
    // The webview's document is a nested frame; its diagram is an SVG of component nodes.
    const frame = await waitForFrameWith(page, 'svg g.node', { timeout: 60_000 });
    const nodes = await frame.$$eval('svg g.node', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(nodes.length >= 2, `the diagram has ${nodes.length} node(s)`);
    const badge = await frame.waitForSelector('#tier-badge', { timeout: 30_000 });
    await frame.waitForFunction(() => /Tier: (Strong|Moderate|Weak)/.test(document.getElementById('tier-badge')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const tierText = (await badge.textContent()) ?? '';
    assert.match(tierText, TIER);
    if (/multisig|bridge/i.test(example)) assert.match(tierText, /Tier: Weak/);
    await shot('preview');
    // The diagram sits below the tier's reasons: bring it into view for its own screenshot.
    const diagram = await frame.$('svg:has(g.node)');
    if (diagram) {
      await diagram.scrollIntoViewIfNeeded();
      await diagram.screenshot({ path: join(artifacts, 'preview-diagram.png') });
    }
  });

  for (const [format, id, magic] of [['svg', 'l2spec.exportSvg', (b) => /<svg[\s>]/.test(b.toString('utf8', 0, 4096))], ['png', 'l2spec.exportPng', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))]]) {
    it(`exports the diagram as ${format.toUpperCase()} through the save dialog`, async function () {
      await quickOpen(page, example);
      await runCommand(page, commandLabel(id));
      // code-server's save dialog is a Quick Input prefilled with the suggested path next to the spec.
      const input = await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 20_000 });
      await page.waitForFunction((ext) => (document.querySelector('.quick-input-widget .quick-input-box input')?.value ?? '').endsWith(`.${ext}`), format, { timeout: 20_000 });
      const target = await input.inputValue();
      const expected = join(workspace, example.replace(/\.l2spec\.ya?ml$/, `.${format}`));
      assert.equal(target, expected);
      await shot(`export-${format}-dialog`);
      await page.keyboard.press('Enter');
      // The extension confirms with a notification once the file is written.
      // The extension confirms with a notification once the file is written, or reports the failure.
      const outcome = await page.waitForFunction((text) => {
        const messages = [...document.querySelectorAll('.notifications-toasts .notification-list-item-message')].map((e) => e.textContent ?? '');
        if (messages.some((m) => m.includes(text))) return true;
        return messages.find((m) => /export failed/i.test(m)) ?? false;
      }, `exported to ${basename(expected)}`, { timeout: 60_000 });
      const said = await outcome.jsonValue();
      assert.equal(said, true, `the export reported: ${said}`);
      const bytes = readFileSync(expected);
      assert.ok(magic(bytes), `${expected} is not a ${format.toUpperCase()} file`);
      await shot(`export-${format}-done`);
    });
  }

  it('left no uncaught errors in the workbench page', function () {
    const ours = consoleErrors.filter((m) => /l2spec/i.test(m));
    assert.deepEqual(ours, []);
  });
});

/**
 * `code design.l2spec.yaml`: one spec, no folder. VS Code web opens a file in a window of its own
 * through the workbench URL: `ew=true` (an empty window: no folder, no workspace) and the payload
 * [["openFile", <vscode-remote URI>]], the same URL the workbench builds itself when `code <file>`
 * asks for a new window. (code-server's own `code-server <file>` on the command line ignores files
 * when it starts a server, and needs a running window to open one in.) The spec lives in a fresh
 * temporary folder outside every repository, so no `.l2spec.yaml` or workspace setting is involved.
 */
describe('a lone spec without a folder (code design.l2spec.yaml) in the VS Code workbench', function () {
  this.timeout(120_000);
  const SPEC = 'design.l2spec.yaml';
  let server;
  let browser;
  let page;
  let shot;
  let runDir;
  let loneDir;
  let userDataDir;
  let failed = false;
  const consoleErrors = [];

  before(async function () {
    this.timeout(180_000);
    failed = true; // until the window is up
    assert.ok(existsSync(vsix), `${vsix} is missing; run npm run package`);
    const paths = ensureRealVSCode();
    runDir = mkdtempSync(join(paths.runsDir, 'ui-lone-'));
    loneDir = mkdtempSync(join(tmpdir(), 'l2spec-lone-'));
    // The deliberately weak example, so errors and the Weak tier are on screen.
    const examples = join(root, 'examples');
    writeFileSync(join(loneDir, SPEC), readFileSync(join(examples, pickExample(examples)), 'utf8'));
    const extensionsDir = join(runDir, 'extensions');
    assert.match(installVsix(paths, runDir, extensionsDir, vsix), /successfully installed/i);
    userDataDir = join(runDir, 'user-data');
    server = await startCodeServer(paths, { runDir, userDataDir, extensionsDir });
    browser = await launchChromium(paths, { profileDir: join(runDir, 'chromium') });
    page = browser.page;
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    shot = screenshotter(page, artifacts, { prefix: 'lone-spec-' });
    const url = server.workbenchUrl({ emptyWindow: true, payload: [['openFile', server.remote(join(loneDir, SPEC))]] });
    await openLoneFile(page, url, SPEC);
    await shot('window');
    failed = false;
  });

  after(async function () {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (userDataDir && existsSync(join(userDataDir, 'logs'))) cpSync(join(userDataDir, 'logs'), join(artifacts, 'ui-lone-spec-logs'), { recursive: true });
    if (server) cpSync(server.logFile, join(artifacts, 'ui-lone-spec-code-server.log'));
    if (loneDir) rmSync(loneDir, { recursive: true, force: true });
    if (runDir && !failed) rmSync(runDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') failed = true;
    if (this.currentTest?.state === 'failed' && page) {
      await shot(`FAILED-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
    }
  });

  it('is a window without a folder, with the spec open in the l2spec language', async function () {
    // The Explorer of a window without a folder offers to open one instead of listing files.
    await runCommand(page, 'View: Show Explorer');
    await page.waitForFunction(() => /no folder opened|not yet opened a folder/i.test(document.querySelector('.explorer-viewlet')?.textContent ?? ''), undefined, { timeout: 20_000 });
    assert.equal(await page.$('.explorer-folders-view .monaco-list-row'), null, 'the Explorer lists a folder');
    await page.waitForFunction(() => /^l2spec$/i.test((document.querySelector('#status\\.editor\\.mode')?.textContent ?? '').trim()), undefined, { timeout: 20_000 });
    await shot('no-folder-explorer');
  });

  it('draws squiggles whose hover names an l2spec rule', async function () {
    await quickOpen(page, SPEC);
    const squiggle = await page.waitForSelector('.editor-instance .monaco-editor .view-overlays .squiggly-error', { timeout: 60_000 });
    await shot('squiggles');
    const box = await squiggle.boundingBox();
    assert.ok(box, 'squiggle has no box on screen');
    await page.mouse.move(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
    const hover = await page.waitForSelector('.monaco-hover .marker.hover-contents, .monaco-hover-content .marker', { timeout: 20_000 });
    const hoverText = (await hover.textContent()) ?? '';
    assert.match(hoverText, RULE_ID, `hover text: ${hoverText}`);
    assert.match(hoverText, /l2spec/);
    await shot('squiggle-hover');
    await page.keyboard.press('Escape');
  });

  it('lists the findings with their rule IDs in the Problems panel', async function () {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.waitForFunction((re) => [...document.querySelectorAll('.markers-panel .monaco-list-row')]
      .some((r) => new RegExp(re).test(r.textContent ?? '')), RULE_ID.source, { timeout: 20_000 });
    const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(rows.some((r) => r.includes(SPEC)), `no Problems row names ${SPEC}:\n${rows.join('\n')}`);
    const findingRows = rows.filter((r) => RULE_ID.test(r));
    assert.ok(findingRows.length > 0, `no Problems row carries a rule ID:\n${rows.join('\n')}`);
    for (const r of findingRows) assert.match(r, /l2spec/, `row without the l2spec source: ${r}`);
    await shot('problems');
  });

  it('shows the tier in the status bar', async function () {
    await quickOpen(page, SPEC);
    const item = await page.waitForSelector('.statusbar-item[aria-label^="l2spec security tier"]', { timeout: 30_000 });
    const label = (await item.getAttribute('aria-label')) ?? '';
    assert.match(label, /Weak/);
    assert.match((await item.textContent()) ?? '', TIER);
    await shot('status-bar');
  });

  it('l2spec: Open Preview to the Side shows the diagram and the tier beside the spec', async function () {
    await quickOpen(page, SPEC);
    await runCommand(page, commandLabel('l2spec.openPreviewToSide'));
    await page.waitForSelector('.tabs-container .tab.active[aria-label*="Preview"]', { timeout: 20_000 });
    // To the side: the spec's group and the preview's group.
    await page.waitForFunction(() => document.querySelectorAll('.editor-group-container').length >= 2, undefined, { timeout: 20_000 });
    const frame = await waitForFrameWith(page, 'svg g.node', { timeout: 60_000 });
    const nodes = await frame.$$eval('svg g.node', (els) => els.length);
    assert.ok(nodes >= 2, `the diagram has ${nodes} node(s)`);
    await frame.waitForFunction(() => /Tier: Weak/.test(document.getElementById('tier-badge')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await shot('preview-to-side');
  });

  it('left no uncaught errors in the workbench page', function () {
    assert.deepEqual(consoleErrors.filter((m) => /l2spec/i.test(m)), []);
  });
});
