// Issue 19 in the real workbench (the packaged .vsix in code-server, headless Chromium at 1400×900):
// every example's preview shows the whole stack (the boxes of its three bands inside the visible
// diagram) full width and side by side; a click on a box shows its details where they can be seen;
// the preview's title-bar exports (SVG, PNG, HTML) write their files for the spec the panel shows.
// Screenshots (1400 and side by side) go to test-artifacts/e2e/ (docs/images holds copies).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRealVSCode } from '../../../scripts/real-vscode/setup.mjs';
import { installVsix, launchChromium, startCodeServer } from '../../../scripts/real-vscode/harness.mjs';
import { openWorkbench, quickOpen, runCommand, screenshotter, waitForFrameWith } from '../lib/workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vsix = resolve(process.env.L2SPEC_VSIX || join(root, 'dist', 'l2spec.vsix'));
const artifacts = resolve(process.env.L2SPEC_E2E_ARTIFACTS || join(root, 'test-artifacts', 'e2e'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const title = (id) => manifest.contributes.commands.find((c) => c.command === id).title;
const label = (id) => { const c = manifest.contributes.commands.find((x) => x.command === id); return `${c.category}: ${c.title}`; };

/** In the preview's frame: boxes outside the visible canvas, the bands drawn, and whether the canvas is on screen. */
async function wholeStack(frame) {
  return frame.evaluate(() => {
    const canvas = document.querySelector('.canvas').getBoundingClientRect();
    const visible = { left: Math.max(0, canvas.left), top: Math.max(0, canvas.top), right: Math.min(innerWidth, canvas.right), bottom: Math.min(innerHeight, canvas.bottom) };
    const boxes = [...document.querySelectorAll('g.node .node-box')].map((b) => b.getBoundingClientRect());
    const outside = boxes.filter((b) => b.left < visible.left - 0.5 || b.right > visible.right + 0.5 || b.top < visible.top - 0.5 || b.bottom > visible.bottom + 0.5).length;
    const bands = [...document.querySelectorAll('g.band')].map((b) => b.getAttribute('data-band'));
    const zoom = Number(document.querySelector('g.viewport').getAttribute('transform').match(/scale\(([\d.]+)\)/)[1]);
    return { boxes: boxes.length, outside, bands, titlePx: Math.round(13 * zoom * 10) / 10, frame: [innerWidth, innerHeight] };
  });
}

describe('issue 19: the stack diagram in the VS Code workbench (packaged .vsix)', function () {
  this.timeout(180_000);
  let server;
  let browser;
  let page;
  let shot;
  let workspace;
  let runDir;
  let failed = false;
  let examples = [];

  before(async function () {
    this.timeout(240_000);
    failed = true;
    assert.ok(existsSync(vsix), `${vsix} is missing; run npm run package`);
    const paths = ensureRealVSCode();
    runDir = mkdtempSync(join(paths.runsDir, 'ui-diagram-'));
    workspace = join(runDir, 'workspace');
    cpSync(join(root, 'examples'), workspace, { recursive: true });
    examples = readdirSync(workspace).filter((f) => f.endsWith('.l2spec.yaml')).sort();
    const extensionsDir = join(runDir, 'extensions');
    assert.match(installVsix(paths, runDir, extensionsDir, vsix), /successfully installed/i);
    const userDataDir = join(runDir, 'user-data');
    server = await startCodeServer(paths, { runDir, userDataDir, extensionsDir });
    browser = await launchChromium(paths, { profileDir: join(runDir, 'chromium'), viewport: { width: 1400, height: 900 } });
    page = browser.page;
    shot = screenshotter(page, artifacts, { prefix: 'diagram-' });
    await openWorkbench(page, server.workbenchUrl({ folder: workspace }));
    failed = false;
  });

  after(async function () {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (runDir && !failed) rmSync(runDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      await shot(`FAILED-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
    }
  });

  async function closeAllEditors() {
    await runCommand(page, 'View: Close All Editors');
    await page.waitForFunction(() => document.querySelectorAll('.tabs-container .tab').length === 0, undefined, { timeout: 20_000 });
  }

  /** The preview's frame once it has drawn the three bands. */
  async function previewFrame() {
    const frame = await waitForFrameWith(page, 'svg g.node', { timeout: 60_000 });
    await frame.waitForFunction(() => document.querySelectorAll('g.band').length === 3 && document.querySelector('g.viewport')?.getAttribute('transform'), undefined, { timeout: 30_000 });
    return frame;
  }

  // "Full width": the preview alone across the 1400-px window (primary side bar closed); side by
  // side: the spec and its preview share the editor area. The smallest title size of each is logged.
  it('shows every example\'s whole stack with titles ≥ 10 px, full width and side by side', async function () {
    await runCommand(page, 'View: Close Primary Side Bar');
    for (const spec of examples) {
      for (const side of [false, true]) {
        await closeAllEditors();
        await quickOpen(page, spec);
        await runCommand(page, label(side ? 'l2spec.openPreviewToSide' : 'l2spec.openPreview'));
        const frame = await previewFrame();
        // Every box of the three bands inside the visible diagram (the fit follows the panel's last resize).
        await frame.waitForFunction(() => {
          const c = document.querySelector('.canvas').getBoundingClientRect();
          return [...document.querySelectorAll('g.node .node-box')].every((b) => { const r = b.getBoundingClientRect(); return r.left >= Math.max(0, c.left) - 0.5 && r.right <= Math.min(innerWidth, c.right) + 0.5 && r.top >= Math.max(0, c.top) - 0.5 && r.bottom <= Math.min(innerHeight, c.bottom) + 0.5; });
        }, undefined, { timeout: 10_000 }).catch(() => {});
        const view = await wholeStack(frame);
        assert.deepEqual([view.outside, view.bands], [0, ['l2', 'peg', 'l1']], `${spec} ${side ? 'side by side' : 'full width'}: ${JSON.stringify(view)}`);
        assert.ok(view.titlePx >= 10, `${spec} ${side ? 'side by side' : 'full width'}: titles ${view.titlePx} px`);
        console.log(`      ${spec} ${side ? 'side by side' : 'full width'}: ${view.boxes} boxes, frame ${view.frame.join('×')}, titles ${view.titlePx} px`);
        if (/citrea/.test(spec)) await shot(side ? 'side-by-side-700' : 'full-width-1400');
      }
    }
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');
  });

  it('shows the details of a clicked box where they can be seen, with Reveal in spec', async function () {
    for (const side of [false, true]) {
      await closeAllEditors();
      const spec = examples.find((f) => /citrea/.test(f)) ?? examples[0];
      await quickOpen(page, spec);
      await runCommand(page, label(side ? 'l2spec.openPreviewToSide' : 'l2spec.openPreview'));
      const frame = await previewFrame();
      const node = frame.locator('g.node[data-element-id^="peg:"]').first();
      const name = await node.locator('.node-title').first().textContent();
      await node.locator('.node-box').click();
      await frame.waitForSelector('#details:not([hidden])', { timeout: 10_000 });
      const details = await frame.evaluate(() => {
        const r = document.getElementById('details').getBoundingClientRect();
        return { heading: document.getElementById('details-heading').textContent, inView: r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5 && r.height > 40, reveal: !!document.getElementById('details-reveal') };
      });
      assert.equal(details.inView, true, `${side ? 'side' : 'full'}: details on screen ${JSON.stringify(details)}`);
      assert.ok(details.heading.startsWith(name.replace(/…$/, '')), `details of ${name}: ${details.heading}`);
      assert.equal(details.reveal, true);
      await shot(side ? 'details-side' : 'details-full');
    }
  });

  for (const [format, id, ext] of [['SVG', 'l2spec.exportSvg', 'svg'], ['PNG', 'l2spec.exportPng', 'png'], ['HTML', 'l2spec.exportHtml', 'html']]) {
    it(`exports ${format} from the preview's title bar for the spec it shows`, async function () {
      await closeAllEditors();
      const spec = examples.find((f) => /liquid/.test(f)) ?? examples[0];
      await quickOpen(page, spec);
      await runCommand(page, label('l2spec.openPreviewToSide'));
      await previewFrame();
      // Focus the preview (its title-bar actions show for the active webview), then click the action.
      await page.locator('.tabs-container .tab[aria-label*="Preview"]').first().click();
      const action = page.locator(`.editor-group-container.active .editor-actions a.action-label[aria-label^="${title(id)}"]`).first();
      await action.waitFor({ state: 'visible', timeout: 20_000 });
      await action.click();
      const input = await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 20_000 });
      await page.waitForFunction((e) => (document.querySelector('.quick-input-widget .quick-input-box input')?.value ?? '').endsWith(`.${e}`), ext, { timeout: 20_000 });
      const target = await input.inputValue();
      assert.equal(target, join(workspace, spec.replace(/\.l2spec\.yaml$/, `.${ext}`)), 'the suggested file sits next to the previewed spec');
      await page.keyboard.press('Enter');
      const outcome = await page.waitForFunction((text) => {
        const messages = [...document.querySelectorAll('.notifications-toasts .notification-list-item-message')].map((e) => e.textContent ?? '');
        if (messages.some((m) => m.includes(text))) return true;
        return messages.find((m) => /failed|could not/i.test(m)) ?? false;
      }, `exported to ${basename(target)}`, { timeout: 60_000 });
      assert.equal(await outcome.jsonValue(), true);
      const bytes = readFileSync(target);
      if (ext === 'svg') assert.match(bytes.toString('utf8', 0, 4096), /<svg[\s>]/);
      if (ext === 'png') assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
      if (ext === 'html') assert.match(bytes.toString('utf8', 0, 200), /^<!DOCTYPE html>/);
      await page.keyboard.press('Escape');
    });
  }
});
