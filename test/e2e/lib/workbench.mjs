// Playwright helpers for the VS Code web workbench (selectors checked against VS Code 1.139 / code-server 4.139).
// Every wait is for a condition in the page, never a fixed delay.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const cssString = (s) => JSON.stringify(String(s));

/** Navigates to the workbench and waits until the explorer shows the opened folder's files. */
export async function openWorkbench(page, url, { timeout = 60_000 } = {}) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout });
}

/**
 * Navigates to a workbench URL that opens one file in a window without a folder (see
 * harness.mjs workbenchUrl: `ew` and an `openFile` payload) and waits until the file's editor shows
 * its text.
 */
export async function openLoneFile(page, url, fileName, { timeout = 60_000 } = {}) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout });
  await page.waitForSelector(`.tabs-container .tab.active[aria-label^=${cssString(fileName)}]`, { timeout });
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines .view-line', { timeout });
}

async function openQuickInput(page, key) {
  await page.keyboard.press(key);
  await page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
}

async function closeQuickInput(page) {
  await page.keyboard.press('Escape');
  await page.waitForSelector('.quick-input-widget', { state: 'hidden' }).catch(() => {});
}

/**
 * Brings a file's editor to the front: its tab when it is already open, otherwise Quick Open
 * (Ctrl+P), clicking the file's own row once the list renders; a stale list is retried, not raced.
 */
export async function quickOpen(page, fileName, { attempts = 3 } = {}) {
  let lastError;
  for (let i = 0; i < attempts; i++) {
    try {
      // Already open (e.g. behind its own preview): activate its tab. Quick Open's history would
      // also list the "Preview <name>" webview under the same name.
      const tab = await page.$(`.tabs-container .tab[aria-label^=${cssString(fileName)}]`);
      if (tab) {
        await tab.click();
        await page.waitForSelector(`.tabs-container .tab.active[aria-label^=${cssString(fileName)}]`, { timeout: 15_000 });
        await page.waitForSelector('.editor-instance .monaco-editor .view-lines .view-line', { timeout: 15_000 });
        return;
      }
      await openQuickInput(page, 'Control+P');
      await page.keyboard.type(fileName);
      // Pick the file's own row rather than whatever ranks first. A locator, not an element handle:
      // the list re-renders while results and decorations (git status) arrive, and a locator finds
      // the row again instead of clicking a detached one.
      await page.locator(`.quick-input-list .monaco-list-row[aria-label^=${cssString(fileName)}]`).first().click({ timeout: 15_000 });
      await page.waitForSelector(`.tabs-container .tab.active[aria-label^=${cssString(fileName)}]`, { timeout: 15_000 });
      await page.waitForSelector('.editor-instance .monaco-editor .view-lines .view-line', { timeout: 15_000 });
      return;
    } catch (err) {
      lastError = err;
      await closeQuickInput(page);
    }
  }
  throw new Error(`could not open ${fileName} through Quick Open: ${lastError?.message}`);
}

/** Runs a command through the Command Palette (F1) by its exact visible title, e.g. "l2spec: Open Preview". */
export async function runCommand(page, title, { attempts = 3 } = {}) {
  let lastError;
  for (let i = 0; i < attempts; i++) {
    try {
      await openQuickInput(page, 'F1');
      await page.keyboard.type(title);
      // The row whose label is the command itself, not a fuzzy neighbour: the palette sorts matches
      // by name, so "l2spec: Open Locked Preview…" comes before "l2spec: Open Preview". Without a row
      // of exactly that label, the focused (first) row when its label starts with the title.
      const target = await page.waitForFunction((wanted) => {
        const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')];
        const aria = (r) => r.getAttribute('aria-label') ?? '';
        const exact = rows.find((r) => (r.querySelector('.label-name')?.textContent ?? '').trim() === wanted || aria(r) === wanted || aria(r).startsWith(`${wanted}, `));
        const row = exact ?? rows.find((r) => r.classList.contains('focused') && aria(r).startsWith(wanted));
        const focused = rows.find((r) => r.classList.contains('focused'));
        return row && focused ? { index: Number(row.dataset.index), focused: Number(focused.dataset.index) } : false;
      }, title, { timeout: 15_000 }).then((h) => h.jsonValue()).catch(async (err) => {
        const seen = await page.$$eval('.quick-input-list .monaco-list-row', (rows) => rows.map((r) => r.getAttribute('aria-label')));
        throw new Error(`${err.message}; the palette listed: ${JSON.stringify(seen)}`);
      });
      // Move the focus to it with the keyboard, as a user would, and run it with Enter.
      const key = target.index > target.focused ? 'ArrowDown' : 'ArrowUp';
      for (let k = 0; k < Math.abs(target.index - target.focused); k++) await page.keyboard.press(key);
      await page.waitForSelector(`.quick-input-list .monaco-list-row.focused[data-index="${target.index}"]`, { timeout: 5_000 });
      await page.keyboard.press('Enter');
      // The palette closes, or is replaced by the command's own prompt (e.g. a save dialog):
      // either way its input no longer holds the ">" command query.
      await page.waitForFunction(() => {
        const widget = document.querySelector('.quick-input-widget');
        if (!widget || getComputedStyle(widget).display === 'none') return true;
        return !(widget.querySelector('.quick-input-box input')?.value ?? '').startsWith('>');
      }, undefined, { timeout: 15_000 });
      return;
    } catch (err) {
      lastError = err;
      await closeQuickInput(page);
    }
  }
  throw new Error(`could not run "${title}" from the Command Palette: ${lastError?.message}`);
}

/**
 * Waits until some frame of the page (webviews are nested same-origin iframes) has an element matching
 * `selector` for which `predicate(element)` holds in the page; returns that frame.
 */
export async function waitForFrameWith(page, selector, { timeout = 30_000, text } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached()) continue;
      try {
        const found = await frame.evaluate(({ selector, text }) => {
          const els = [...document.querySelectorAll(selector)];
          return els.some((el) => (text ? new RegExp(text).test(el.textContent ?? '') : true));
        }, { selector, text: text?.source });
        if (found) return frame;
      } catch { /* frame navigated or detached mid-check */ }
    }
    if (Date.now() > deadline) throw new Error(`no frame contains ${selector}${text ? ` matching ${text}` : ''} after ${timeout} ms`);
    // Re-check whenever the frame tree changes, or at the latest after a short interval.
    await Promise.race([
      page.waitForEvent('framenavigated', { timeout: 500 }).catch(() => {}),
      page.waitForEvent('frameattached', { timeout: 500 }).catch(() => {}),
    ]);
  }
}

/** Screenshot helper writing into the artifacts folder (names start with `prefix`); returns the file path. */
export function screenshotter(page, dir, { prefix = '' } = {}) {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (name) => {
    const file = join(dir, `${prefix}${String(++n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  };
}
