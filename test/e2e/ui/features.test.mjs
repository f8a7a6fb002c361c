// UI end to end, part 2: the editor features of issues 10 and 12 as a user sees them in the real
// workbench (the packaged .vsix in code-server + headless Chromium), each with a screenshot in
// test-artifacts/e2e/features-*.png:
//   quick fixes (Declare <key>, Suppress … on line N), inlay hints, New Design…, the walkthrough,
//   the settings, a locked preview beside the dynamic one, Show Source, double-click to reveal,
//   and the comparison with git HEAD (status bar and preview).
// The workspace is a git repository whose HEAD holds a stronger version of the weak example, so
// the working copy shows a tier that got worse since the last commit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRealVSCode } from '../../../scripts/real-vscode/setup.mjs';
import { installVsix, launchChromium, startCodeServer } from '../../../scripts/real-vscode/harness.mjs';
import { openWorkbench, quickOpen, runCommand, waitForFrameWith } from '../lib/workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vsix = resolve(process.env.L2SPEC_VSIX || join(root, 'dist', 'l2spec.vsix'));
const artifacts = resolve(process.env.L2SPEC_E2E_ARTIFACTS || join(root, 'test-artifacts', 'e2e'));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

function commandLabel(id) {
  const c = (manifest.contributes?.commands ?? []).find((x) => x.command === id);
  assert.ok(c, `package.json contributes no command ${id}`);
  return c.category ? `${c.category}: ${c.title}` : c.title;
}

const WEAK = 'weak-multisig-bridge.l2spec.yaml';
const STRONG = 'lightning.l2spec.yaml';
const DRAFT = 'draft.l2spec.yaml';

function hasGit() {
  try {
    execFileSync('git', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('l2spec editor features in the VS Code workbench (packaged .vsix)', function () {
  this.timeout(120_000);
  let server;
  let browser;
  let page;
  let workspace;
  let runDir;
  let userDataDir;
  let failed = false;
  let gitRepo = false;
  const shot = async (name) => {
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `features-${name}.png`) });
  };

  before(async function () {
    this.timeout(180_000);
    failed = true;
    assert.ok(existsSync(vsix), `${vsix} is missing; run npm run package`);
    const paths = ensureRealVSCode();
    runDir = mkdtempSync(join(paths.runsDir, 'features-'));
    workspace = join(runDir, 'workspace');
    cpSync(join(root, 'examples'), workspace, { recursive: true });
    // A draft that leaves out a fact the assessment needs (nodeSource): its finding offers "Declare nodeSource".
    const weakText = readFileSync(join(workspace, WEAK), 'utf8');
    writeFileSync(join(workspace, DRAFT), weakText.split('\n').filter((l) => !/^\s*nodeSource:/.test(l)).join('\n'));
    if (hasGit()) {
      // HEAD holds the Lightning design under the weak example's name; the working copy is the weak one.
      const git = (...args) => execFileSync('git', ['-c', 'user.name=l2spec e2e', '-c', 'user.email=e2e@l2spec.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: workspace });
      git('init', '-q');
      writeFileSync(join(workspace, WEAK), readFileSync(join(workspace, STRONG), 'utf8'));
      git('add', '-A');
      git('commit', '-q', '-m', 'a strong design');
      writeFileSync(join(workspace, WEAK), weakText);
      gitRepo = true;
    }
    const extensionsDir = join(runDir, 'extensions');
    assert.match(installVsix(paths, runDir, extensionsDir, vsix), /successfully installed/i);
    userDataDir = join(runDir, 'user-data');
    server = await startCodeServer(paths, {
      runDir, userDataDir, extensionsDir,
      settings: { 'git.enabled': gitRepo, 'git.autoRepositoryDetection': gitRepo, 'workbench.editor.enablePreview': false },
    });
    browser = await launchChromium(paths, { profileDir: join(runDir, 'chromium') });
    page = browser.page;
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openWorkbench(page, server.workbenchUrl({ folder: workspace }));
    failed = false;
  });

  after(async function () {
    if (browser) await browser.close();
    if (server) await server.stop();
    if (userDataDir && existsSync(join(userDataDir, 'logs'))) cpSync(join(userDataDir, 'logs'), join(artifacts, 'features-logs'), { recursive: true });
    if (runDir && !failed) rmSync(runDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      if (page) await shot(`FAILED-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
    }
    if (page) {
      await page.keyboard.press('Escape');
      await runCommand(page, 'View: Close All Editors').catch(() => {});
    }
  });

  it('offers "Declare <key>" and "Suppress … on line N" as quick fixes on a missing fact', async function () {
    await quickOpen(page, DRAFT);
    await page.waitForSelector('.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]', { timeout: 60_000 });
    // Walk the problems (F8) to the missing-fact finding, then open its quick fixes (Ctrl+.).
    let message = '';
    for (let i = 0; i < 40 && !/declare nodeSource/.test(message); i++) {
      await page.keyboard.press('F8');
      const widget = await page.waitForSelector('.marker-widget', { timeout: 15_000 });
      message = (await widget.textContent()) ?? '';
    }
    assert.match(message, /declare nodeSource/, 'no missing-fact finding among the problems');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+.');
    const menu = await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 20_000 });
    assert.ok(menu);
    await page.waitForFunction(() => /Declare nodeSource/.test(document.querySelector('.action-widget')?.textContent ?? ''), undefined, { timeout: 20_000 });
    const items = await page.$$eval('.action-widget .monaco-list-row', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(items.some((t) => /Suppress L2S-[A-Z]+-\d{3} on line \d+/.test(t)), `quick fixes: ${items.join(' | ')}`);
    await shot('quick-fix-declare');
    await page.keyboard.press('Escape');
  });

  it('shows inlay hints beside thresholds and durations', async function () {
    await quickOpen(page, 'liquid.l2spec.yaml');
    await page.waitForFunction(() => /\d+%/.test([...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].map((e) => e.textContent ?? '').join('')),
      undefined, { timeout: 60_000 });
    await shot('inlay-hints');
  });

  it('starts a design from a template with l2spec: New Design…', async function () {
    await runCommand(page, commandLabel('l2spec.newDesign'));
    const row = await page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 20_000 });
    assert.ok(row);
    const choices = await page.$$eval('.quick-input-list .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
    assert.ok(choices.some((c) => /Ark/i.test(c)) && choices.some((c) => /channel/i.test(c)), `templates: ${choices.join(' | ')}`);
    await shot('new-design-picker');
    await page.keyboard.type('Ark');
    await page.keyboard.press('Enter');
    // The tab reads the design's file name (not its first line, "l2spec: 1"), in the workspace root.
    await page.waitForSelector('.tabs-container .tab.active[aria-label^="my-ark.l2spec.yaml"]', { timeout: 30_000 });
    await page.waitForSelector('.statusbar-item[aria-label^="l2spec security tier"]', { timeout: 60_000 });
    await shot('new-design-ark');
    // Save writes it under that name without a dialog; it stays an l2spec spec with its review.
    await page.keyboard.press('Control+S');
    const saved = join(workspace, 'my-ark.l2spec.yaml');
    try {
      // Saved (the tab is no longer dirty), then on disk and in the explorer.
      await page.waitForSelector('.tabs-container .tab.active[aria-label^="my-ark.l2spec.yaml"]:not(.dirty)', { timeout: 30_000 });
      await page.waitForSelector('.explorer-folders-view .monaco-list-row[aria-label^="my-ark.l2spec.yaml"]', { timeout: 30_000 });
      assert.ok(existsSync(saved), `${saved} was not written`);
      assert.match(readFileSync(saved, 'utf8'), /^l2spec: 1\n[\s\S]*family: ark/);
      // The language mode in the status bar is still l2spec.
      await page.waitForFunction(() => /l2spec/.test(document.querySelector('#status\\.editor\\.mode')?.textContent ?? ''), undefined, { timeout: 20_000 });
      await page.waitForSelector('.statusbar-item[aria-label^="l2spec security tier"]', { timeout: 60_000 });
      await page.waitForSelector('.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]', { timeout: 60_000 });
      await shot('new-design-saved');
    } finally {
      await runCommand(page, 'View: Close Editor').catch(() => {});
      rmSync(saved, { force: true });
    }
  });

  it('runs "Open Preview to the Side" for "l2spec: Open Preview to the Side" + Enter, as Markdown does (issue 20)', async function () {
    await quickOpen(page, STRONG);
    await page.keyboard.press('F1');
    await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
    const title = commandLabel('l2spec.openPreviewToSide');
    assert.equal(title, 'l2spec: Open Preview to the Side');
    await page.keyboard.type(title);
    // The first (focused) row is the preview that follows the editor; the locked one is not listed here.
    await page.waitForFunction((wanted) => {
      const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')];
      const focused = rows.find((r) => r.classList.contains('focused'));
      return Boolean(focused && (focused.getAttribute('aria-label') ?? '').startsWith(wanted));
    }, title, { timeout: 15_000 });
    const rows = await page.$$eval('.quick-input-list .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.ok(!rows.some((r) => /Locked/.test(r)), `palette rows: ${rows.join(' | ')}`);
    await shot('palette-open-preview-to-side');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`.tabs-container .tab[aria-label*="Preview ${STRONG}"]`, { timeout: 30_000 });
    assert.equal(await page.$(`.tabs-container .tab[aria-label*="[Preview] ${STRONG}"]`), null, 'a locked preview opened');
  });

  it('has a walkthrough under Help › Welcome', async function () {
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const row = await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="l2spec"]', { timeout: 20_000 });
    await row.click();
    await page.waitForFunction(() => /What a spec is/.test(document.querySelector('.gettingStartedContainer')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await shot('walkthrough');
  });

  it('lists its settings, per folder where that makes sense', async function () {
    await runCommand(page, 'Preferences: Open Settings (UI)');
    await page.waitForSelector('.settings-editor .search-container', { timeout: 20_000 });
    await page.click('.settings-editor .search-container');
    await page.keyboard.type('@ext:l2spec.l2spec');
    // The list is virtualised: check the count and the first settings, then scroll to the last.
    await page.waitForFunction(() => /\d+ Settings? Found/.test(document.querySelector('.settings-editor')?.textContent ?? '')
      && /L2spec: Rules/.test(document.querySelector('.settings-editor')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.keyboard.press('Escape');
    await shot('settings');
  });

  it('keeps a locked preview beside the one that follows the editor; Show Source goes back; a double click reveals', async function () {
    // Columns: 1 the strong spec, 2 its locked preview, 3 the preview that follows the weak spec.
    // Start from one empty group: an editor left by an earlier test (the Settings editor has a
    // Monaco input of its own) must not receive the right click.
    await runCommand(page, 'View: Close All Editors');
    await page.waitForFunction(() => document.querySelectorAll('.tabs-container .tab').length === 0, undefined, { timeout: 20_000 });
    await quickOpen(page, STRONG);
    await page.waitForSelector(`.editor-group-container.active .tabs-container .tab.active[aria-label^="${STRONG}"]`, { timeout: 15_000 });
    // From the editor's context menu (in a spec editor the palette lists the following preview only).
    await page.click('.editor-group-container.active .editor-instance .monaco-editor .view-lines', { button: 'right' });
    await shot('locked-context-menu');
    await page.locator('.monaco-menu .action-item .action-label', { hasText: 'Open Locked Preview to the Side' }).first().click({ timeout: 15_000 });
    await shot('locked-after-click');
    await page.waitForSelector(`.tabs-container .tab[aria-label*="[Preview] ${STRONG}"]`, { timeout: 30_000 });
    await runCommand(page, 'View: Focus Right Editor Group');
    await quickOpen(page, WEAK);
    await runCommand(page, commandLabel('l2spec.openPreviewToSide'));
    await page.waitForSelector(`.tabs-container .tab[aria-label*="Preview ${WEAK}"]`, { timeout: 30_000 });
    // Like Markdown's, the preview opens beside without taking the focus: the weak spec's group
    // (column 2) is still the active one, and closing its editor leaves the locked preview there.
    await page.waitForSelector(`.editor-group-container.active .tabs-container .tab.active[aria-label^="${WEAK}"]`, { timeout: 15_000 });
    await runCommand(page, 'View: Close Editor');
    await page.waitForSelector(`.tabs-container .tab.active[aria-label*="[Preview] ${STRONG}"]`, { timeout: 15_000 });
    // Both webviews draw their design.
    await waitForFrameWith(page, '#system-name', { timeout: 60_000, text: /Lightning/i });
    const weakFrame = await waitForFrameWith(page, '#system-name', { timeout: 60_000, text: /multisig/i });
    // With the locked preview in front of the active group, the status bar shows its spec's tier.
    await page.waitForSelector('.statusbar-item[aria-label^="l2spec security tier: Strong"]', { timeout: 20_000 });
    await shot('locked-preview-side-by-side');

    // A double click on a diagram box reveals it in the spec (the editor gets the selection).
    const node = await weakFrame.waitForSelector('svg g.node .node-title', { timeout: 30_000 });
    await node.scrollIntoViewIfNeeded();
    await node.click();
    await weakFrame.waitForSelector('svg g.node.highlighted', { timeout: 10_000 });
    await node.dblclick();
    await page.waitForSelector(`.tabs-container .tab.active[aria-label^="${WEAK}"]`, { timeout: 20_000 });
    await shot('double-click-revealed');
  });

  it('compares with git HEAD: the status bar says the tier got worse, the preview shows before → after', async function () {
    if (!gitRepo) this.skip();
    await quickOpen(page, WEAK);
    const item = await page.waitForSelector('.statusbar-item[aria-label*="from Strong at HEAD"]', { timeout: 90_000 });
    assert.match((await item.getAttribute('aria-label')) ?? '', /tier: Weak, down from Strong at HEAD/);
    await item.hover();
    // The hover's text comes from MarkdownString.appendText, which writes spaces as non-breaking ones.
    await page.waitForFunction(() => [...document.querySelectorAll('.workbench-hover, .monaco-hover')].some((h) => /Since HEAD: tier Strong → Weak/.test((h.textContent ?? '').replace(/\u00a0/g, ' '))),
      undefined, { timeout: 20_000 });
    await shot('status-bar-tier-change');
    await page.mouse.move(5, 5);
    await runCommand(page, commandLabel('l2spec.openPreviewToSide'));
    const frame = await waitForFrameWith(page, '#compare-summary', { timeout: 60_000, text: /Since HEAD: tier Strong → Weak/ });
    assert.match((await frame.textContent('#tier-badge')) ?? '', /Tier: Strong → Weak/);
    await shot('preview-compare-head');
  });

  it('offers each step of the path to a better tier as a code action', async function () {
    await quickOpen(page, WEAK);
    await page.waitForSelector('.editor-instance .monaco-editor .view-overlays [class*="squiggly-"]', { timeout: 60_000 });
    await runCommand(page, 'Refactor...');
    await page.waitForFunction(() => /tier/i.test(document.querySelector('.action-widget')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const items = await page.$$eval('.action-widget .monaco-list-row', (els) => els.map((e) => e.textContent ?? ''));
    assert.ok(items.some((t) => /(Toward|Reach) (Moderate|Strong) tier/.test(t)), `refactorings: ${items.join(' | ')}`);
    await shot('code-action-path-to-tier');
    await page.keyboard.press('Escape');
  });
});
