// Refreshes the screenshots in docs/images: the preview webview (the shipped bundle and CSP, served
// by the webview test harness) in headless Debian Chromium through playwright-core, at a
// side-by-side width (600 CSS px), a half screen (900) and a full screen (1400), in light, dark
// and high-contrast themes; plus the SVG export and the HTML report of the same example, so the
// four surfaces can be compared. Never downloads a browser: it uses /usr/bin/chromium
// (L2SPEC_CHROMIUM overrides). Run: npm run build && npx tsx scripts/screenshots.ts
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { analyze } from '../server/src/engine/index.js';
import { buildSnapshot, renderReport, renderSvg, type ReviewSnapshot } from '../server/src/render/index.js';
import { ROOT, send, startHarness, type Theme } from '../test/webview/harness.js';
import { exampleFiles } from '../test/webview/specs.js';

const OUT = join(ROOT, 'docs/images');

async function show(page: Page, name: string, snapshot: ReviewSnapshot): Promise<void> {
  await send(page, { type: 'snapshot', uri: `file:///work/${name}.l2spec.yaml`, version: 1, snapshot });
  await page.waitForFunction(([n, system]) => document.querySelectorAll('g.node').length === n && document.getElementById('system-name')?.textContent === system,
    [snapshot.diagram.nodes.length, snapshot.system] as const);
  // Fonts and the fit-to-width zoom settle within a frame or two.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const examples = exampleFiles().map((f) => ({ name: basename(f).replace(/\.l2spec\.yaml$/, ''), snapshot: buildSnapshot(analyze(readFileSync(f, 'utf8'))) }));
  const byName = new Map(examples.map((e) => [e.name, e.snapshot]));
  const written: string[] = [];
  const harness = await startHarness();
  try {
    const shot = async (theme: Theme, width: number, height: number, name: string, file: string) => {
      const page = await harness.open({ theme, width, height });
      await show(page, name, byName.get(name)!);
      const path = join(OUT, file);
      await page.screenshot({ path });
      written.push(path);
      await page.close();
    };
    // Every example in a side-by-side preview (600 CSS px wide).
    for (const { name } of examples) await shot('light', 600, 900, name, `side-600-${name}-light.png`);
    // One example at the three widths and in every theme.
    for (const width of [600, 900, 1400]) await shot('light', width, 900, 'citrea-bitvm', `preview-${width}-citrea-bitvm-light.png`);
    for (const theme of ['dark', 'high-contrast'] as Theme[]) await shot(theme, 600, 900, 'citrea-bitvm', `side-600-citrea-bitvm-${theme}.png`);
    // The README's pictures (full-width preview).
    for (const name of ['liquid', 'citrea-bitvm']) for (const theme of ['light', 'dark'] as Theme[]) await shot(theme, 1400, 900, name, `preview-${name}-${theme}.png`);

    // SVG export and HTML report of the same example, as a browser draws them.
    const page = await harness.context.newPage();
    const snapshot = byName.get('citrea-bitvm')!;
    for (const theme of ['light', 'dark'] as const) {
      const svg = renderSvg(snapshot, { theme });
      await page.setViewportSize({ width: 1400, height: 900 });
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>\s*/, '')}</body></html>`);
      const path = join(OUT, `export-svg-citrea-bitvm-${theme}.png`);
      await page.locator('svg').first().screenshot({ path });
      written.push(path);
      await page.emulateMedia({ colorScheme: theme });
      await page.setContent(renderReport(snapshot, { source: 'examples/citrea-bitvm.l2spec.yaml' }));
      const report = join(OUT, `report-citrea-bitvm-${theme}.png`);
      await page.locator('.diagram-wrap').screenshot({ path: report });
      written.push(report);
    }
    await page.close();
  } finally {
    await harness.close();
  }
  for (const w of written) console.log(w.replace(`${ROOT}/`, ''));
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
