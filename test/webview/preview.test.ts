// The preview webview in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
// structure, overlap-free layout, theming, interaction, CSP, XSS resistance, live updates.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildSnapshot, renderSvg, type ReviewSnapshot } from '../../server/src/render/index.js';
import { contentSecurityPolicy } from '../../client/src/preview/html.js';
import { generated, hostile, rollup, unparsable, XSS_CORPUS } from './fixtures.js';
import { posted, ROOT, send, startHarness, type Harness, type Theme } from './harness.js';
import { allSnapshots, generateComponentsSpec, loadAnalyze, type NamedSnapshot } from './specs.js';

const ARTIFACTS = join(ROOT, 'test-artifacts/webview');

interface Box { x: number; y: number; w: number; h: number }
interface Geometry {
  nodes: { id: string; box: Box; texts: (Box & { text: string })[] }[];
  labels: { id: string; box: Box; texts: Box[] }[];
  bandTitles: Box[];
  bands: string[];
  lines: { id: string; points: [number, number][] }[];
}

async function showSnapshot(page: Page, snapshot: ReviewSnapshot, uri = 'file:///work/design.l2spec.yaml', version = 1): Promise<void> {
  await send(page, { type: 'snapshot', uri, version, snapshot });
  const n = snapshot.parsed ? snapshot.diagram.nodes.length : 0;
  await page.waitForFunction(([n, system]) => document.querySelectorAll('g.node').length === n && document.getElementById('system-name')?.textContent === system, [n, snapshot.system] as const);
}

async function geometry(page: Page): Promise<Geometry> {
  return page.evaluate(() => {
    const r = (e: Element | null): { x: number; y: number; w: number; h: number } => {
      const b = (e as SVGGraphicsElement).getBBox();
      return { x: b.x, y: b.y, w: b.width, h: b.height };
    };
    return {
      nodes: [...document.querySelectorAll('g.node')].map((g) => ({
        id: g.getAttribute('data-element-id')!, box: r(g.querySelector('.node-box')),
        texts: [...g.querySelectorAll('text')].map((t) => ({ text: t.textContent ?? '', ...r(t) })),
      })),
      labels: [...document.querySelectorAll('g.edge-label')].map((g) => ({ id: g.getAttribute('data-element-id')!, box: r(g.querySelector('.edge-label-bg')), texts: [...g.querySelectorAll('text')].map((t) => r(t)) })),
      lines: [...document.querySelectorAll('g.edge')].map((g) => ({
        id: g.getAttribute('data-element-id')!,
        points: (g.querySelector('.edge-line')!.getAttribute('points') ?? '').trim().split(/\s+/).map((p) => p.split(',').map(Number) as [number, number]),
      })),
      bandTitles: [...document.querySelectorAll('.band-title')].map((t) => r(t)),
      bands: [...document.querySelectorAll('g.band')].map((b) => b.getAttribute('data-band')!),
    };
  });
}

const EPS = 0.5;
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
}
function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - EPS && inner.y >= outer.y - EPS && inner.x + inner.w <= outer.x + outer.w + EPS && inner.y + inner.h <= outer.y + outer.h + EPS;
}

/** Every problem with the drawn layout: overlapping boxes or labels, text spilling out of its box. */
function layoutProblems(g: Geometry): string[] {
  const problems: string[] = [];
  const boxes = [...g.nodes.map((n) => ({ what: `node ${n.id}`, box: n.box })), ...g.labels.map((l) => ({ what: `label ${l.id}`, box: l.box })), ...g.bandTitles.map((b, i) => ({ what: `band title ${i}`, box: b }))];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      if (overlaps(boxes[i]!.box, boxes[j]!.box)) problems.push(`${boxes[i]!.what} overlaps ${boxes[j]!.what}`);
    }
  }
  for (const n of g.nodes) {
    for (const t of n.texts) if (!inside(t, n.box)) problems.push(`text "${t.text}" spills out of node ${n.id}`);
    for (let i = 0; i < n.texts.length; i++) for (let j = i + 1; j < n.texts.length; j++) {
      if (overlaps(n.texts[i]!, n.texts[j]!)) problems.push(`texts "${n.texts[i]!.text}" and "${n.texts[j]!.text}" overlap in ${n.id}`);
    }
  }
  for (const l of g.labels) for (const t of l.texts) if (!inside(t, l.box)) problems.push(`edge label text spills out of ${l.id}`);
  // Lines, as drawn: never through a box or a band title, never across another edge's label.
  for (const e of g.lines) {
    for (let k = 1; k < e.points.length; k++) {
      const [x1, y1] = e.points[k - 1]!;
      const [x2, y2] = e.points[k]!;
      const seg = { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.max(Math.abs(x2 - x1), 0.01), h: Math.max(Math.abs(y2 - y1), 0.01) };
      const shrink = (b: Box) => ({ x: b.x + 1, y: b.y + 1, w: b.w - 2, h: b.h - 2 });
      for (const n of g.nodes) if (overlaps(seg, shrink(n.box))) problems.push(`edge ${e.id} runs through node ${n.id}`);
      for (const t of g.bandTitles) if (overlaps(seg, t)) problems.push(`edge ${e.id} runs under a band title`);
      for (const l of g.labels) if (l.id !== e.id && overlaps(seg, l.box)) problems.push(`edge ${e.id} runs under the label of ${l.id}`);
    }
  }
  return problems;
}

describe('preview webview (Chromium)', function () {
  let harness: Harness;
  let snapshots: NamedSnapshot[];

  before(async function () {
    harness = await startHarness();
    snapshots = await allSnapshots();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  after(async function () {
    await harness?.close();
  });

  it('serves the shell with a strict CSP (nonce, no unsafe-*, no remote sources)', async function () {
    const csp = contentSecurityPolicy('https://example.vscode-cdn.net', 'abc123==');
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!example\.vscode-cdn\.net)/);
    assert.match(csp, /script-src 'nonce-abc123=='/);
    assert.match(csp, /default-src 'none'/);
    const page = await harness.open();
    const meta = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    assert.match(meta, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.doesNotMatch(meta, /unsafe-inline|unsafe-eval/);
    await page.close();
  });

  it('renders every example and fixture: bands, tier badge, counts, no overlaps (light and dark screenshots)', async function () {
    for (const theme of ['light', 'dark'] as Theme[]) {
      const page = await harness.open({ theme });
      for (const { name, snapshot } of snapshots) {
        await showSnapshot(page, snapshot, `file:///work/${name}.l2spec.yaml`);
        const g = await geometry(page);
        assert.deepEqual(g.bands, ['l2', 'peg', 'l1'], `${name}: bands`);
        assert.equal(await page.textContent('#tier-badge'), `Tier: ${snapshot.tier.label}`, `${name}: tier badge`);
        assert.equal(g.nodes.length, snapshot.diagram.nodes.length, `${name}: node count`);
        assert.equal(await page.locator('g.edge').count(), snapshot.diagram.edges.length, `${name}: edge count`);
        assert.equal(g.labels.length, snapshot.diagram.edges.length, `${name}: edge label count`);
        const active = snapshot.findings.filter((f) => !f.suppressed).length;
        assert.equal(await page.locator('.findings .finding-group:not(.suppressed-group) button.finding').count(), active, `${name}: findings listed`);
        assert.equal(await page.locator('.chart-petal').count(), 8, `${name}: eight rating petals`);
        assert.deepEqual(layoutProblems(g), [], `${name}: layout`);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${theme}.png`) });
      }
      await page.close();
    }
  });

  it('renders a generated 200-component spec without overlaps', async function () {
    const analyze = await loadAnalyze();
    const sources: [string, ReviewSnapshot][] = [['fixture-200', buildSnapshot(generated(200))]];
    if (analyze) sources.push(['generated-200', buildSnapshot(analyze(generateComponentsSpec(200)))]);
    const page = await harness.open();
    for (const [name, snapshot] of sources) {
      assert.ok(snapshot.diagram.nodes.filter((n) => n.kind === 'component').length === 200, `${name}: 200 components laid out`);
      await showSnapshot(page, snapshot);
      const g = await geometry(page);
      assert.equal(g.nodes.length, snapshot.diagram.nodes.length);
      assert.deepEqual(layoutProblems(g), [], `${name}: layout`);
      await page.screenshot({ path: join(ARTIFACTS, `${name}-light.png`) });
    }
    await page.close();
  });

  it('shows each peg\'s own custody under the custody axis (the enshrined one marked)', async function () {
    const analyze = await loadAnalyze();
    assert.ok(analyze, 'the engine is importable');
    const text = readFileSync(join(ROOT, 'test/fixtures/fidelity/04-two-pegs.l2spec.yaml'), 'utf8');
    const page = await harness.open();
    await showSnapshot(page, buildSnapshot(analyze(text)));
    const pegs = await page.$$eval('.ratings-legend li.peg', (items) => items.map((li) => ({ peg: li.getAttribute('data-peg'), text: li.querySelector('summary')?.textContent?.trim(), cls: li.className })));
    assert.deepEqual(pegs.map((p) => p.peg), ['pbtc', 'cbtc']);
    assert.match(pegs[0]!.text ?? '', /^Peg pbtc \(pBTC\), enshrined: High risk$/);
    assert.match(pegs[1]!.text ?? '', /^Peg cbtc \(cBTC\): Stop! Very high risk$/);
    assert.match(pegs[1]!.cls, /rating-critical/);
    // The list sits right after the custody axis.
    const order = await page.$$eval('.ratings-legend > li', (items) => items.map((li) => li.getAttribute('data-axis') ?? li.getAttribute('data-peg') ?? ''));
    assert.deepEqual(order.slice(order.indexOf('custody'), order.indexOf('custody') + 3), ['custody', 'pbtc', 'cbtc']);
    await page.close();
  });

  it('never executes or injects markup from spec text (XSS corpus)', async function () {
    const page = await harness.open();
    const snapshot = buildSnapshot(hostile());
    await showSnapshot(page, snapshot);
    const result = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name) || (/^(href|src|xlink:href|action|formaction)$/i.test(a.name) && /javascript:/i.test(a.value)))).length,
      imgs: document.querySelectorAll('img, iframe, object, embed, a[href], style').length,
      title: document.getElementById('system-name')?.textContent,
      bodyText: document.body.textContent ?? '',
    }));
    assert.equal(result.xss, undefined);
    assert.equal(result.scripts, 1, 'only the preview script');
    assert.equal(result.handlers, 0, 'no event-handler attributes');
    assert.equal(result.imgs, 0, 'no injected elements');
    assert.equal(result.title, XSS_CORPUS[0], 'names are shown as text');
    assert.ok(result.bodyText.includes('<img src=x onerror="window.__xss=2">'), 'finding text appears literally');
    // The hostile texts also pass through hover, keyboard and highlight paths.
    const fourth = snapshot.diagram.nodes[3]!;
    await send(page, { type: 'highlight', elementId: fourth.id }); // brings it into view
    await page.waitForSelector('g.node.highlighted');
    await page.hover('g.node >> nth=3');
    await page.focus('g.node >> nth=0');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), undefined);
    // The details panel shows each box's and edge's spec text as text only.
    for (const id of [...snapshot.diagram.nodes, ...snapshot.diagram.edges].map((x) => x.id)) {
      await page.evaluate((i) => (document.querySelector(`[data-element-id="${CSS.escape(i)}"]`) as SVGElement | null)?.dispatchEvent(new MouseEvent('click', { bubbles: true })), id);
      await page.waitForSelector('#details:not([hidden])');
    }
    const after = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      injected: document.querySelectorAll('#details img, #details iframe, #details script, #details style, #details a[href]').length,
      classes: [...document.querySelectorAll('#details *')].flatMap((e) => [...e.classList]).filter((c) => !/^[a-z][a-z0-9-]*$/.test(c)),
    }));
    assert.deepEqual(after, { xss: undefined, injected: 0, classes: [] });
    await page.close();
  });

  it('blocks an injected inline script through the CSP', async function () {
    const page = await harness.open();
    await showSnapshot(page, buildSnapshot(rollup()));
    const ran = await page.evaluate(() => new Promise<{ ran: unknown; violation: boolean }>((resolve) => {
      document.addEventListener('securitypolicyviolation', () => resolve({ ran: (window as unknown as { __inline?: unknown }).__inline, violation: true }), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.appendChild(s);
    }));
    assert.deepEqual(ran, { ran: undefined, violation: true });
    const evalBlocked = await page.evaluate(() => new Promise<boolean>((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective.startsWith('script-src')), { once: true });
      const s = document.createElement('script');
      s.setAttribute('src', 'data:text/javascript,window.__data=1');
      document.body.appendChild(s);
    }));
    assert.equal(evalBlocked, true);
    await page.close();
  });

  it('selects on click and reveals on double click or Enter, posting only element ids and finding indexes', async function () {
    const page = await harness.open();
    const snapshot = buildSnapshot(rollup());
    await showSnapshot(page, snapshot);
    const target = snapshot.diagram.nodes.find((n) => n.kind === 'peg')!;
    // The diagram opens at legible size, so the peg may lie below the canvas: the cursor's
    // highlight brings it into view first, as it does in the editor.
    await send(page, { type: 'highlight', elementId: target.id });
    await page.waitForSelector(`g.node.highlighted[data-element-id="${target.id}"]`);
    // A single click selects (focus, highlight, details) and reveals nothing; a double click reveals.
    await send(page, { type: 'highlight' });
    await page.click(`g.node[data-element-id="${target.id}"] .node-title`);
    await page.waitForSelector(`g.node.highlighted[data-element-id="${target.id}"]`);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-element-id')), target.id);
    assert.equal((await posted(page)).filter((m) => m.type === 'reveal').length, 0, 'a single click does not reveal');
    // Its details show at once, without scrolling, with "Reveal in spec" (issue 19).
    await page.waitForSelector('#details:not([hidden])');
    const shown = await page.evaluate(() => {
      const r = document.getElementById('details')!.getBoundingClientRect();
      return { title: document.getElementById('details-heading')!.textContent, inView: r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth && r.height > 40 };
    });
    assert.deepEqual(shown, { title: target.title, inView: true });
    await page.click('#details-reveal');
    await page.waitForFunction((id) => (window as unknown as { __posted: { type: string; elementId?: string }[] }).__posted.some((m) => m.type === 'reveal' && m.elementId === id), target.id);
    await page.dblclick(`g.node[data-element-id="${target.id}"] .node-title`);
    await page.waitForFunction((id) => (window as unknown as { __posted: { type: string; elementId?: string }[] }).__posted.filter((m) => m.type === 'reveal' && m.elementId === id).length === 2, target.id);
    assert.equal(await page.evaluate(() => getSelection()?.toString() ?? ''), '', 'a double click selects no text');

    const finding = snapshot.findings.find((f) => f.severity === 'high' && f.elementId)!;
    await page.click(`button.finding[data-finding-index="${finding.index}"]`);
    await page.waitForSelector(`button.finding.selected[data-finding-index="${finding.index}"]`);
    await page.waitForSelector(`g.node.highlighted[data-element-id="${finding.elementId}"]`);
    assert.equal((await posted(page)).filter((m) => m.type === 'revealFinding').length, 0, 'a single click selects the finding');
    await page.dblclick(`button.finding[data-finding-index="${finding.index}"]`);
    await page.waitForFunction((i) => (window as unknown as { __posted: { type: string; index?: number }[] }).__posted.some((m) => m.type === 'revealFinding' && m.index === i), finding.index);
    assert.equal((await posted(page)).filter((m) => m.type === 'revealFinding').length, 1, 'one reveal per double click');
    // Enter on a focused finding reveals it (keyboard users have no double click).
    const other = snapshot.findings.find((f) => f.index !== finding.index && !f.suppressed)!;
    await page.focus(`button.finding[data-finding-index="${other.index}"]`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((i) => (window as unknown as { __posted: { type: string; index?: number }[] }).__posted.some((m) => m.type === 'revealFinding' && m.index === i), other.index);

    // Keyboard: the roving tab stop moves with the arrows, Enter reveals.
    const first = snapshot.diagram.nodes[0]!;
    await page.focus(`g.node[data-element-id="${first.id}"]`);
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-element-id'));
    assert.ok(focused && focused !== first.id, 'arrow key moved focus');
    assert.equal(await page.locator('g.node[tabindex="0"]').count(), 1, 'exactly one tab stop');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => (window as unknown as { __posted: { type: string; elementId?: string }[] }).__posted.some((m) => m.type === 'reveal' && m.elementId === id), focused);
    const all = await posted(page);
    for (const m of all) assert.ok(['ready', 'reveal', 'revealFinding'].includes(m.type), `unexpected message ${m.type}`);
    assert.ok(all.every((m) => !('path' in m) && !('range' in m)), 'the webview never sends paths or ranges');

    // Screen-reader labels and descriptions.
    const a11y = await page.evaluate((id) => {
      const g = document.querySelector(`g.node[data-element-id="${id}"]`)!;
      const desc = document.getElementById(g.getAttribute('aria-describedby') ?? '');
      return { label: g.getAttribute('aria-label'), role: g.getAttribute('role'), desc: desc?.textContent ?? '' };
    }, target.id);
    assert.equal(a11y.role, 'button');
    assert.match(a11y.label ?? '', /Peg: cBTC, Peg \/ bridge\. Custody: Medium risk/);
    assert.match(a11y.desc, /Custody: Medium risk/);
    await page.close();
  });

  it('highlights the element for the cursor (by id and by path)', async function () {
    const page = await harness.open();
    const snapshot = buildSnapshot(rollup());
    await showSnapshot(page, snapshot);
    const peg = snapshot.diagram.nodes.find((n) => n.kind === 'peg')!;
    await send(page, { type: 'highlight', elementId: peg.id });
    await page.waitForSelector(`g.node.highlighted[data-element-id="${peg.id}"]`);
    const emergency = snapshot.diagram.nodes.find((n) => n.kind === 'emergency')!;
    await send(page, { type: 'highlight', path: 'pegs.0.emergencyRecovery' });
    await page.waitForSelector(`g.node.highlighted[data-element-id="${emergency.id}"]`);
    assert.equal(await page.locator('g.node.highlighted').count(), 1);
    await page.close();
  });

  it('shows the whole stack on open and on Fit with titles ≥ 10 px, full width (1400 px) and side by side (700 px); zooms with Ctrl+wheel, pans by drag (issue 19)', async function () {
    const minTitle: Record<string, number> = {};
    for (const [width, height] of [[1400, 860], [700, 860]] as const) {
      const page = await harness.open({ width, height });
      for (const named of snapshots.filter((x) => x.example)) {
        await showSnapshot(page, named.snapshot, `file:///work/${named.name}.l2spec.yaml`);
        // The side panel (Who must collude, the reasons) and a longer system name change the canvas:
        // the ResizeObserver refits in the next frame (before its paint), so two frames later the fit is final.
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        const view = await page.evaluate(() => {
          const canvas = document.querySelector('.canvas')!.getBoundingClientRect();
          const boxes = [...document.querySelectorAll('g.node .node-box')].map((b) => b.getBoundingClientRect());
          const outside = boxes.filter((b) => b.left < canvas.left - 0.5 || b.right > canvas.right + 0.5 || b.top < canvas.top - 0.5 || b.bottom > canvas.bottom + 0.5).length;
          const bands = [...document.querySelectorAll('g.band')].map((b) => b.getAttribute('data-band'));
          // The 13 px title's font size on screen is its layout size times the zoom.
          const zoom = Number(document.querySelector('g.viewport')!.getAttribute('transform')!.match(/scale\(([\d.]+)\)/)![1]);
          return { outside, bands, titlePx: 13 * zoom, inWindow: canvas.bottom <= innerHeight + 0.5 && canvas.right <= innerWidth + 0.5, canvas: [Math.round(canvas.width), Math.round(canvas.height)] };
        });
        assert.deepEqual([view.outside, view.bands, view.inWindow], [0, ['l2', 'peg', 'l1'], true], `${named.name} at ${width}px: every band's boxes inside the visible canvas`);
        minTitle[`${width}`] = Math.min(minTitle[`${width}`] ?? Infinity, view.titlePx);
        console.log(`      ${named.name} at ${width}px: canvas ${view.canvas.join('×')}, titles ${view.titlePx.toFixed(1)} px`);
        assert.ok(view.titlePx >= 10, `${named.name} at ${width}px: titles ${view.titlePx.toFixed(1)} px`);
      }
      // Ctrl+wheel zooms at the pointer, a drag pans, Fit brings the whole stack back.
      const zoomOf = () => page.evaluate(() => Number(document.querySelector('g.viewport')!.getAttribute('transform')!.match(/scale\(([\d.]+)\)/)![1]));
      const before = await zoomOf();
      const box = (await page.locator('.canvas').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -300);
      await page.keyboard.up('Control');
      await page.waitForFunction((z) => Number(document.querySelector('g.viewport')!.getAttribute('transform')!.match(/scale\(([\d.]+)\)/)![1]) > z * 1.2, before);
      const panned = await page.evaluate(() => document.querySelector('g.viewport')!.getAttribute('transform'));
      await page.mouse.move(box.x + 30, box.y + 30);
      await page.mouse.down();
      await page.mouse.move(box.x + 130, box.y + 90, { steps: 5 });
      await page.mouse.up();
      assert.notEqual(await page.evaluate(() => document.querySelector('g.viewport')!.getAttribute('transform')), panned, 'a drag pans');
      await page.click('.toolbar button:has-text("Fit")');
      await page.waitForFunction((z) => Math.abs(Number(document.querySelector('g.viewport')!.getAttribute('transform')!.match(/scale\(([\d.]+)\)/)![1]) - z) < 0.002, before);
      await page.close();
    }
    writeFileSync(join(ARTIFACTS, 'fit-titles.json'), JSON.stringify({ smallestTitlePxOnOpen: minTitle }, null, 2));
  });

  it('keeps the diagram\'s size when the tier reasons, "What it would take" or details open: they scroll on their own (issue 19)', async function () {
    const page = await harness.open({ width: 1400, height: 860 });
    const many = buildSnapshot(rollup());
    many.tier.reasons = Array.from({ length: 30 }, (_, i) => ({ text: `Reason number ${i + 1}, long enough to wrap onto a second line in the side panel` }));
    await showSnapshot(page, many);
    const size = () => page.evaluate(() => { const r = document.querySelector('.canvas')!.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)]; });
    const before = await size();
    await page.click('#why-summary');
    await page.waitForFunction(() => (document.getElementById('why') as HTMLDetailsElement).open);
    await page.click(`g.node[data-element-id="${many.diagram.nodes[0]!.id}"] .node-title`);
    await page.waitForSelector('#details:not([hidden])');
    assert.deepEqual(await size(), before);
    assert.ok(await page.evaluate(() => { const side = document.querySelector('.side')!; return side.scrollHeight > side.clientHeight && document.documentElement.scrollHeight <= innerHeight + 1; }), 'the side panel scrolls, not the page');
    // A set of elements can be marked (the "Who must collude" hook) and cleared.
    const ids = many.diagram.nodes.filter((n) => n.kind === 'component').slice(0, 2).map((n) => n.id);
    await send(page, { type: 'highlight', ids });
    await page.waitForFunction((n) => document.querySelectorAll('g.node.in-set').length === n && document.querySelector('g.diagram.set-active') !== null, ids.length);
    await send(page, { type: 'highlight', ids: [] });
    await page.waitForFunction(() => document.querySelectorAll('.in-set').length === 0 && document.querySelector('g.diagram.set-active') === null);
    await page.close();
  });

  it('counts "Why this tier" and keeps the user\'s choice of opening it', async function () {
    const page = await harness.open({ width: 600, height: 900 });
    const many = buildSnapshot(rollup());
    many.tier.reasons = Array.from({ length: 7 }, (_, i) => ({ text: `Reason number ${i + 1}` }));
    await showSnapshot(page, many);
    assert.equal(await page.textContent('#why-summary'), 'Why this tier (7 reasons)');
    assert.equal(await page.evaluate(() => (document.getElementById('why') as HTMLDetailsElement).open), false, 'a long list opens collapsed');
    await page.click('#why-summary');
    await page.waitForFunction(() => (document.getElementById('why') as HTMLDetailsElement).open);
    // Expanded, every reason is shown in full: the list is not a clipped scroll box.
    const list = await page.evaluate(() => {
      const ul = document.querySelector('.why .reasons')!;
      return { items: ul.querySelectorAll('li').length, clipped: ul.scrollHeight > ul.clientHeight + 1 };
    });
    assert.deepEqual(list, { items: 7, clipped: false });
    // The user's choice survives an update of the same document.
    await showSnapshot(page, many, 'file:///work/design.l2spec.yaml', 2);
    assert.equal(await page.evaluate(() => (document.getElementById('why') as HTMLDetailsElement).open), true);
    await page.click('#why-summary');
    await page.waitForFunction(() => !(document.getElementById('why') as HTMLDetailsElement).open);
    const one = buildSnapshot(rollup());
    one.tier.reasons = one.tier.reasons.slice(0, 1);
    await showSnapshot(page, one, 'file:///work/other.l2spec.yaml');
    assert.equal(await page.textContent('#why-summary'), 'Why this tier (1 reason)');
    assert.equal(await page.evaluate(() => (document.getElementById('why') as HTMLDetailsElement).open), true, 'a short list opens expanded');
    await page.close();
  });

  it('shows "What it would take" near the tier: one item per goal, each found step with its description (citrea-bitvm)', async function () {
    const file = join(ROOT, 'examples/citrea-bitvm.l2spec.yaml');
    if (!existsSync(file) || !existsSync(join(ROOT, 'server/src/engine/index.ts'))) this.skip();
    const { analyze, planImprovements } = await import('../../server/src/engine/index.js');
    const text = readFileSync(file, 'utf8');
    const result = analyze(text);
    // Without the worker's time budget, so the goals do not depend on the machine's speed.
    const snapshot = buildSnapshot(result, { plan: planImprovements(text, {}, result) });
    const plan = snapshot.plan!;
    // By hand (the tier from the trust model): Citrea is Moderate (its covenant committee of 10,
    // 5 external, publicly known, is 6 organisations at the floor; the council's 60-day upgrade lets
    // users leave first); Strong has no path (the N-of-N committee can always steal); the stage
    // paths add no steal coalition, so their tier stays Moderate.
    assert.deepEqual(plan.goals.map((g) => [g.kind, g.target, g.status]), [
      ['tier', 'strong', 'none'], ['stage', 'stage-1', 'found'], ['stage', 'stage-2', 'found'],
    ]);
    const page = await harness.open({ width: 900, height: 900 });
    await showSnapshot(page, snapshot, 'file:///work/citrea-bitvm.l2spec.yaml');
    await page.waitForFunction(() => !document.getElementById('plan')!.hidden);
    assert.equal(await page.textContent('#plan-summary'), 'What it would take (3)');
    // It sits in the header, right after "Why this tier".
    assert.equal(await page.evaluate(() => document.getElementById('why')!.nextElementSibling?.id), 'plan');
    await page.click('#plan-summary');
    await page.waitForFunction(() => (document.getElementById('plan') as HTMLDetailsElement).open);
    const shown = await page.evaluate(() => [...document.querySelectorAll('#plan-goals > li.plan-goal')].map((li) => ({
      goal: li.getAttribute('data-goal'),
      found: li.classList.contains('plan-found'),
      heading: li.querySelector('.plan-goal-heading')?.textContent ?? '',
      steps: [...li.querySelectorAll('.plan-steps > li')].map((s) => ({ title: s.querySelector('.plan-step-title')?.textContent ?? '', effect: s.querySelector('.plan-step-effect')?.textContent ?? '', clears: s.querySelector('.plan-clears')?.textContent ?? '', visible: (s as HTMLElement).offsetHeight > 0 })),
    })));
    assert.deepEqual(shown.map((g) => [g.goal, g.found]), plan.goals.map((g) => [g.kind, g.status === 'found']));
    assert.deepEqual(shown.map((g) => g.heading), ['Tier Strong: no path within the format', 'L2BEAT Stage 1: 3 changes (verified: tier Moderate, Stage 1)', 'L2BEAT Stage 2: 4 changes (verified: tier Moderate, Stage 2)']);
    plan.goals.forEach((g, i) => {
      assert.deepEqual(shown[i]!.steps.map((s) => s.title), g.steps.map((s) => s.title), `${g.kind} ${g.target}: every step listed with its description`);
      g.steps.forEach((step, j) => {
        assert.equal(shown[i]!.steps[j]!.visible, true);
        assert.equal(shown[i]!.steps[j]!.effect, step.effect ? ` → ${step.effect}` : '', 'what the step does to who must collude');
        const rules = [...new Set(step.clears.map((c) => c.ruleId))];
        assert.equal(shown[i]!.steps[j]!.clears, rules.length ? ` clears ${rules.join(', ')}` : '', 'a step that clears no finding says nothing of it');
      });
    });
    // The user's choice (open) stands across an update of the same document.
    await showSnapshot(page, snapshot, 'file:///work/citrea-bitvm.l2spec.yaml', 2);
    assert.equal(await page.evaluate(() => (document.getElementById('plan') as HTMLDetailsElement).open), true);

    // Spec text in a step, an alternative or a blocker stays text.
    const hostile = structuredClone(snapshot);
    hostile.system = 'Hostile plan';
    hostile.plan!.goals[1]!.steps[0]!.title = XSS_CORPUS.join(' ');
    hostile.plan!.goals[1]!.steps[0]!.effect = XSS_CORPUS.join(' ');
    hostile.plan!.goals[2]!.alternatives = [...XSS_CORPUS];
    hostile.plan!.goals[0] = { ...hostile.plan!.goals[0]!, status: 'none', steps: [], blockers: [...XSS_CORPUS] };
    delete hostile.plan!.goals[0]!.verified;
    await showSnapshot(page, hostile, 'file:///work/citrea-bitvm.l2spec.yaml', 3);
    const after = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      foreign: document.querySelectorAll('#plan img, #plan script, #plan iframe, #plan a, #plan svg').length,
      title: document.querySelector('#plan-goals .plan-step-title')?.textContent ?? '',
      none: document.querySelectorAll('#plan-goals > li.plan-none').length,
    }));
    assert.deepEqual({ ...after, title: after.title === XSS_CORPUS.join(' ') }, { xss: undefined, foreign: 0, title: true, none: 1 });

    // A snapshot without a plan hides the section.
    await showSnapshot(page, buildSnapshot(rollup()), 'file:///work/other.l2spec.yaml');
    assert.equal(await page.evaluate(() => document.getElementById('plan')!.hidden), true);
    await page.close();
  });

  it('compares with HEAD: tier, stage and ratings as before → after, new and re-rated findings marked, fixed ones listed; a toggle hides it', async function () {
    const page = await harness.open();
    const snapshot = buildSnapshot(rollup());
    const active = snapshot.findings.filter((f) => !f.suppressed);
    const custody = snapshot.ratings.find((r) => r.axis === 'custody')!;
    snapshot.compare = {
      label: 'HEAD', changed: true, regressed: true,
      tier: { old: 'weak', new: snapshot.tier.value, oldLabel: 'Weak', newLabel: snapshot.tier.label, direction: 'better', reasonsAdded: [], reasonsRemoved: [] },
      // Only the stage's reasons changed: no before → after for it.
      stage: { old: snapshot.stage.value, new: snapshot.stage.value, oldLabel: snapshot.stage.label, newLabel: snapshot.stage.label, reasonsAdded: ['A new reason.'], reasonsRemoved: [] },
      ratings: [{ axis: 'custody', label: custody.label, old: 'very-high', new: custody.value, oldLabel: 'Very high risk', newLabel: custody.valueLabel, direction: 'better', reasonsAdded: [], reasonsRemoved: [] }],
      pegs: [],
      newFindings: [active[0]!.index],
      changedSeverity: [{ index: active[1]!.index, old: 'critical', direction: 'better' }],
      fixedFindings: [{ ruleId: 'L2S-CUST-001', severity: 'critical', message: XSS_CORPUS[0]!, path: 'pegs.0' }],
    };
    await showSnapshot(page, snapshot);
    const view = () => page.evaluate(() => ({
      toggle: (document.getElementById('compare-toggle') as HTMLElement).hidden ? undefined : document.getElementById('compare-toggle')!.textContent,
      pressed: document.getElementById('compare-toggle')!.getAttribute('aria-pressed'),
      summary: (document.getElementById('compare-summary') as HTMLElement).hidden ? undefined : document.getElementById('compare-summary')!.textContent,
      tier: document.getElementById('tier-badge')!.textContent,
      stage: document.getElementById('stage')!.textContent,
      custody: document.querySelector('li.rating[data-axis="custody"] summary, li.rating[data-axis="custody"]')!.textContent,
      badges: [...document.querySelectorAll('button.finding .delta-badge')].map((b) => [b.closest('button')!.getAttribute('data-finding-index'), b.textContent]),
      fixed: [...document.querySelectorAll('#fixed-findings li')].map((li) => li.textContent),
      fixedHeading: document.querySelector('#fixed-findings h3')?.textContent,
      injected: document.querySelectorAll('#fixed-findings img, #fixed-findings script').length,
    }));
    const on = await view();
    assert.equal(on.toggle, 'Comparing with HEAD');
    assert.equal(on.pressed, 'true');
    assert.equal(on.summary, 'Since HEAD: tier Weak → ' + snapshot.tier.label + ', 1 rating changed, 1 new finding, 1 finding changed severity, 1 fixed.');
    assert.equal(on.tier, `Tier: Weak → ${snapshot.tier.label}`);
    assert.doesNotMatch(on.stage ?? '', /→/, 'a stage whose value did not change shows no arrow');
    assert.match(on.custody, new RegExp(`Very high risk → ${custody.valueLabel}`));
    assert.deepEqual(on.badges, [[String(active[0]!.index), 'new'], [String(active[1]!.index), 'was Critical']]);
    assert.equal(on.fixedHeading, 'Fixed since HEAD (1)');
    assert.ok(on.fixed[0]!.includes(XSS_CORPUS[0]!), 'hostile text shows as text');
    assert.equal(on.injected, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'compare-head.png'), fullPage: true });

    await page.click('#compare-toggle');
    await page.waitForFunction(() => document.getElementById('compare-toggle')!.getAttribute('aria-pressed') === 'false');
    const off = await view();
    assert.equal(off.toggle, 'Compare with HEAD');
    assert.equal(off.summary, undefined);
    assert.equal(off.tier, `Tier: ${snapshot.tier.label}`);
    assert.doesNotMatch(off.custody, /→/);
    assert.deepEqual(off.badges, []);
    assert.deepEqual(off.fixed, []);
    // The choice is kept in the webview state (it survives a reload and the next update).
    await showSnapshot(page, { ...snapshot, system: 'Next version' });
    assert.equal((await view()).summary, undefined);

    // Without a base (no git, untracked file) nothing of it shows; an unreadable base says so.
    await page.click('#compare-toggle');
    await showSnapshot(page, { ...snapshot, compare: undefined, system: 'No base' });
    assert.equal((await view()).toggle, undefined);
    await showSnapshot(page, { ...snapshot, system: 'Bad base', compare: { ...snapshot.compare, baseError: 'the committed text is not YAML.' } });
    const bad = await view();
    assert.equal(bad.summary, 'Not compared with HEAD: the committed text is not YAML.');
    assert.equal(bad.tier, `Tier: ${snapshot.tier.label}`);
    await page.screenshot({ path: join(ARTIFACTS, 'compare-unreadable-base.png') });
    await page.close();
  });

  it('follows light, dark and high-contrast theme variables', async function () {
    const colours: Record<string, { bg: string; text: string; stroke: string }> = {};
    for (const theme of ['light', 'dark', 'high-contrast', 'high-contrast-light'] as Theme[]) {
      const page = await harness.open({ theme });
      await showSnapshot(page, buildSnapshot(rollup()));
      colours[theme] = await page.evaluate(() => ({
        bg: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.querySelector('.node-title')!).fill,
        stroke: getComputedStyle(document.querySelector('.node-box')!).strokeWidth,
      }));
      await page.screenshot({ path: join(ARTIFACTS, `theme-${theme}.png`) });
      await page.close();
    }
    assert.equal(colours.light!.bg, 'rgb(255, 255, 255)');
    assert.equal(colours.dark!.bg, 'rgb(31, 31, 31)');
    assert.equal(colours['high-contrast']!.bg, 'rgb(0, 0, 0)');
    assert.equal(colours.light!.text, 'rgb(59, 59, 59)');
    assert.equal(colours.dark!.text, 'rgb(204, 204, 204)');
    assert.equal(colours['high-contrast']!.text, 'rgb(255, 255, 255)');
    assert.notEqual(colours['high-contrast']!.stroke, colours.light!.stroke, 'high contrast draws heavier outlines');
  });

  it('updates in place, keeping zoom and pan; restores them after a reload', async function () {
    const page = await harness.open();
    const uri = 'file:///work/live.l2spec.yaml';
    await showSnapshot(page, buildSnapshot(rollup()), uri, 1);
    const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);
    await page.click('button[aria-label="Zoom in"]');
    await page.click('button[aria-label="Zoom in"]');
    await page.focus('.canvas');
    await page.keyboard.press('ArrowDown');
    const before = await page.getAttribute('g.viewport', 'transform');
    await page.evaluate(() => document.querySelectorAll('g.node').forEach((g) => ((g as unknown as { mark: boolean }).mark = true)));
    const changed = buildSnapshot(rollup());
    changed.system = 'Validity rollup v2';
    const sys = changed.diagram.nodes.find((n) => n.kind === 'component')!;
    sys.title = 'Renamed component';
    sys.lines[0]!.text = 'Renamed component';
    // Source ranges move when lines are inserted above; that alone redraws nothing.
    for (const n of changed.diagram.nodes) if (n.range) n.range = { start: { line: n.range.start.line + 1, character: 0 }, end: { line: n.range.end.line + 1, character: 0 } };
    await showSnapshot(page, changed, uri, 2);
    const kept = await page.evaluate(() => [...document.querySelectorAll('g.node')].filter((g) => (g as unknown as { mark?: boolean }).mark).length);
    assert.equal(kept, changed.diagram.nodes.length - 1, 'only the changed box is redrawn');
    assert.equal(await page.textContent(`g.node[data-element-id="${sys.id}"] .node-title`), 'Renamed component');
    assert.equal(await page.getAttribute('g.viewport', 'transform'), before, 'zoom and pan survive an update');
    assert.equal(await page.evaluate(() => performance.getEntriesByType('navigation').length), loads, 'no reload');
    const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    await page.close();

    const reloaded = await harness.open({ state });
    await showSnapshot(reloaded, changed, uri, 2);
    assert.equal(await reloaded.getAttribute('g.viewport', 'transform'), before, 'restored from setState after reload');
    await reloaded.close();
  });

  it('shows parse errors instead of a blank page', async function () {
    const page = await harness.open();
    await showSnapshot(page, buildSnapshot(unparsable()));
    assert.equal(await page.isVisible('.parse-errors'), true);
    const text = await page.textContent('.parse-errors');
    assert.match(text ?? '', /could not be read/);
    assert.match(text ?? '', /Line 4: YAML: Implicit map keys need to be followed by map values <b>here<\/b>/);
    assert.equal(await page.isVisible('.canvas'), false);
    await page.click('.parse-errors button');
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string; index?: number }[] }).__posted.some((m) => m.type === 'revealFinding' && m.index === 0));
    // And it recovers when the text parses again.
    await showSnapshot(page, buildSnapshot(rollup()));
    assert.equal(await page.isVisible('.parse-errors'), false);
    assert.equal(await page.isVisible('.canvas'), true);
    await page.close();
  });

  it('shows the notice of a snapshot the server cut to its message limit, as text (issue 22)', async function () {
    const page = await harness.open();
    const full = buildSnapshot(rollup());
    const cut: ReviewSnapshot = { ...full, findings: full.findings.slice(0, 1), notice: 'The review of this spec is 9.0 MB <b>more</b> than the 8.0 MB l2spec sends: it shows the first 1 of 12 findings.' };
    await showSnapshot(page, cut);
    assert.equal(await page.isVisible('.parse-errors .notice'), true);
    assert.equal(await page.textContent('.parse-errors .notice'), cut.notice);
    assert.equal(await page.locator('.parse-errors b').count(), 0, 'the notice is text, never markup');
    await showSnapshot(page, full);
    assert.equal(await page.isVisible('.parse-errors'), false);
    await page.close();
  });

  it('rasterises an SVG export to PNG on request', async function () {
    const page = await harness.open();
    const snapshot = buildSnapshot(rollup());
    await showSnapshot(page, snapshot);
    const svgText = renderSvg(snapshot, { theme: 'light' });
    const m = /width="([\d.]+)" height="([\d.]+)"/.exec(svgText)!;
    await send(page, { type: 'exportRequest', requestId: 7, format: 'png', svg: svgText, width: Number(m[1]), height: Number(m[2]), scale: 1 });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((x) => x.type === 'exportResult'));
    const result = (await posted(page)).find((x) => x.type === 'exportResult')!;
    assert.equal(result.ok, true, String(result.error));
    assert.equal(result.requestId, 7);
    const png = Buffer.from(String(result.data), 'base64');
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.equal(png.readUInt32BE(16), Number(m[1]));
    await page.close();
  });
});
