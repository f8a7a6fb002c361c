// `npm start` as a new user runs it (issue 20): scripts/start.mjs on the offline route (code-server),
// its printed URL opened in Chromium, and the window shows the product at once: the examples folder,
// one spec with its preview to the side, and the walkthrough in a tab beside the spec. The script
// runs with the packaged .vsix of this e2e run (--skip-package) and its own run folder
// (L2SPEC_START_RUN_DIR), so the user's `npm start` folder in the shared cache is left alone.
// Screenshot: test-artifacts/e2e/start-layout.png.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureRealVSCode } from '../../../scripts/real-vscode/setup.mjs';
import { freePort, killTree, launchChromium } from '../../../scripts/real-vscode/harness.mjs';
import { openWorkbench, waitForFrameWith } from '../lib/workbench.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const vsix = resolve(process.env.L2SPEC_VSIX || join(root, 'dist', 'l2spec.vsix'));
const artifacts = resolve(process.env.L2SPEC_E2E_ARTIFACTS || join(root, 'test-artifacts', 'e2e'));
const SPEC = 'liquid.l2spec.yaml';

describe('npm start (scripts/start.mjs, offline route)', function () {
  this.timeout(180_000);
  let start;
  let browser;
  let page;
  let runDir;
  let failed = true;
  let output = '';

  before(async function () {
    assert.ok(existsSync(vsix), `${vsix} is missing; run npm run package`);
    const paths = ensureRealVSCode();
    runDir = mkdtempSync(join(paths.runsDir, 'start-'));
    const port = await freePort();
    start = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--code-server', '--skip-package', `--port=${port}`], {
      cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
      // Its own run marker: the script's final sweep stops what it started, not this test run.
      env: { ...process.env, L2SPEC_START_RUN_DIR: runDir, L2SPEC_RUN_MARKER: '' },
    });
    // The URL it prints, as a user would copy it.
    const url = await new Promise((resolveUrl, reject) => {
      const onData = (chunk) => {
        output += chunk;
        const m = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S*)$/m.exec(output);
        if (m) resolveUrl(m[1]);
      };
      start.stdout.on('data', onData);
      start.stderr.on('data', onData);
      start.on('exit', (code) => reject(new Error(`npm start exited (${code}) before printing a URL:\n${output}`)));
    });
    assert.match(url, /folder=.*examples/);
    browser = await launchChromium(paths, { profileDir: join(runDir, 'chromium') });
    page = browser.page;
    await page.setViewportSize({ width: 1600, height: 1000 });
    await openWorkbench(page, url);
    failed = false;
  });

  after(async function () {
    if (browser) await browser.close();
    if (start) await killTree(start.pid, 5000);
    if (runDir && !failed) rmSync(runDir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      failed = true;
      mkdirSync(artifacts, { recursive: true });
      if (page) await page.screenshot({ path: join(artifacts, 'start-FAILED.png') }).catch(() => {});
      console.error(`npm start printed:\n${output}`);
    }
  });

  it('shows one spec with its preview to the side, and the walkthrough beside the spec', async function () {
    // Group 1: the walkthrough's tab and the spec in front; group 2: the preview that follows it.
    await page.waitForSelector(`.editor-group-container .tabs-container .tab.active[aria-label^="${SPEC}"]`, { timeout: 90_000 });
    await page.waitForSelector(`.tabs-container .tab[aria-label*="Preview ${SPEC}"]`, { timeout: 60_000 });
    const groups = await page.$$eval('.editor-group-container', (els) => els.map((g) => [...g.querySelectorAll('.tabs-container .tab')].map((t) => t.getAttribute('aria-label') ?? '')));
    const specGroup = groups.findIndex((tabs) => tabs.some((t) => t.startsWith(SPEC)));
    const previewGroup = groups.findIndex((tabs) => tabs.some((t) => t.includes(`Preview ${SPEC}`)));
    assert.ok(specGroup >= 0 && previewGroup > specGroup, `the preview is not beside the spec: ${JSON.stringify(groups)}`);
    assert.ok(groups[specGroup].some((t) => /walkthrough|welcome/i.test(t)), `no walkthrough tab beside the spec: ${JSON.stringify(groups)}`);
    // The preview draws the design, and the explorer shows the examples folder.
    await waitForFrameWith(page, '#system-name', { timeout: 60_000, text: /Liquid/i });
    await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label*="${SPEC}"]`, { timeout: 20_000 });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, 'start-layout.png') });
    // The walkthrough tab is the l2spec one.
    await page.click(`.editor-group-container .tabs-container .tab[aria-label*="Walkthrough"], .editor-group-container .tabs-container .tab[aria-label*="Welcome"]`);
    await page.waitForFunction(() => /Review a Bitcoin L2 design with l2spec/.test(document.querySelector('.gettingStartedContainer')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await page.screenshot({ path: join(artifacts, 'start-walkthrough.png') });
  });
});
