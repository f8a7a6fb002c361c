// The preview's "Who must collude" panel (client/webview/collusion.ts) in headless Chromium: the
// smallest coalition per failure, selecting one highlights its parties and paths in the diagram,
// the host can select one (typed message), and spec text stays text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildSnapshot, type ReviewSnapshot } from '../../server/src/render/index.js';
import { XSS_CORPUS } from './fixtures.js';
import { send, startHarness, type Harness } from './harness.js';
import { loadAnalyze } from './specs.js';

// Eight publicly known external signers hold the peg 3-of-8; an emergency path of 2 builder-held
// keys (2-of-2) can spend coins idle for 4032 blocks. By hand (docs/assessment.md, "Who must
// collude"): stealing takes 1 organisation (the builder, who holds both emergency keys, after the
// timelock) or 3 of the federation (3 organisations); freezing takes 8 − 3 + 1 = 6 signers plus 1
// entity blocking the 2-of-2 emergency path, 7; censoring: the federation also orders the chain,
// and 3 of it (its threshold) can leave a user's transactions out while the spec says nothing of
// forced inclusion (so the count is marked as resting on a missing fact), before the 6 signers
// that can refuse one user's peg-out.
const FED = readFileSync(join(__dirname, '..', 'fixtures', 'eight-signer-federation.l2spec.yaml'), 'utf8');

async function show(page: Page, snapshot: ReviewSnapshot, version = 1): Promise<void> {
  await send(page, { type: 'snapshot', uri: 'file:///work/fed.l2spec.yaml', version, snapshot });
  await page.waitForFunction((n) => document.querySelectorAll('g.node').length === n && !document.getElementById('collusion')!.hidden, snapshot.diagram.nodes.length);
}

/** Element ids carrying a class in the diagram. */
async function marked(page: Page, cls: string): Promise<string[]> {
  return page.evaluate((c) => [...new Set([...document.querySelectorAll(`.viewport .${c}`)].map((e) => e.getAttribute('data-element-id')!))], cls);
}

describe('preview webview: "Who must collude" (Chromium)', function () {
  let harness: Harness;
  let snapshot: ReviewSnapshot;
  let fedBox: string;
  let keysBox: string;

  before(async function () {
    const analyze = await loadAnalyze();
    if (!analyze) this.skip();
    harness = await startHarness();
    snapshot = buildSnapshot(analyze!(FED));
    // The component boxes, found by their spec paths (components.0 is "fed", components.1 "keys").
    fedBox = snapshot.diagram.nodes.find((n) => n.path === 'components.0')!.id;
    keysBox = snapshot.diagram.nodes.find((n) => n.path === 'components.1')!.id;
    assert.ok(fedBox && keysBox);
  });
  after(async function () {
    await harness?.close();
  });

  it('lists per failure the smallest coalition in organisations, its members and conditions', async function () {
    const page = await harness.open();
    await show(page, snapshot);
    const headings = await page.$$eval('#collusion h3', (hs) => hs.map((h) => h.textContent));
    assert.equal(headings[0], 'Steal: 1 organisation');
    assert.equal(headings[1], 'Freeze: 7 independent organisations');
    assert.equal(headings[2], 'Censor: 3 independent organisations (at least; facts missing)');
    const censor = await page.$$eval('#collusion [data-failure="censor"] li.coalition-item', (ls) => ls.map((l) => l.textContent ?? ''));
    assert.match(censor[0]!, /^3 independent organisations: 3 of 8 of "fed" — .* Not declared: exits\.forcedInclusion\.$/);
    assert.match(censor[1]!, /^6 independent organisations: 6 of 8 of "fed" — /);
    assert.equal(headings.length, 4, 'steal, freeze, censor, halt');
    const steal = await page.$$eval('#collusion [data-failure="steal"] button.coalition', (bs) => bs.map((b) => b.textContent ?? ''));
    assert.equal(steal.length, 2);
    assert.match(steal[0]!, /^1 organisation: 2 of 2 of "keys" — .*\(after 4032 blocks, if the coins stay unmoved that long\)$/);
    assert.match(steal[1]!, /^3 independent organisations: 3 of 8 of "fed" — /);
    assert.match(await page.$eval('#collusion .collusion-link', (p) => p.textContent ?? ''), /anchored/);
    await page.close();
  });

  it('selecting a coalition highlights its parties and paths; selecting it again, or Escape, clears them', async function () {
    const page = await harness.open();
    await show(page, snapshot);
    const fedSteal = '#collusion [data-failure="steal"] button.coalition[data-index="1"]';
    await page.click(fedSteal);
    await page.waitForFunction(() => document.querySelector('.viewport .coalition-party') !== null);
    assert.deepEqual(await marked(page, 'coalition-party'), [fedBox], 'only the federation is a party');
    assert.ok((await marked(page, 'coalition-path')).length > 0, 'the peg\'s lines are its paths');
    assert.equal(await page.$eval(fedSteal, (b) => b.getAttribute('aria-pressed')), 'true');
    // Another coalition replaces the marks: the emergency keys.
    await page.click('#collusion [data-failure="steal"] button.coalition[data-index="0"]');
    await page.waitForFunction((id) => document.querySelector(`.viewport .coalition-party`)?.getAttribute('data-element-id') === id, keysBox);
    assert.deepEqual(await marked(page, 'coalition-party'), [keysBox]);
    assert.equal(await page.$eval(fedSteal, (b) => b.getAttribute('aria-pressed')), 'false');
    // Selecting it again clears.
    await page.click('#collusion [data-failure="steal"] button.coalition[data-index="0"]');
    await page.waitForFunction(() => document.querySelector('.viewport .coalition-party, .viewport .coalition-path') === null);
    // Escape clears too.
    await page.click(fedSteal);
    await page.waitForFunction(() => document.querySelector('.viewport .coalition-party') !== null);
    await page.focus(fedSteal);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelector('.viewport .coalition-party') === null);
    assert.equal(await page.$eval(fedSteal, (b) => b.getAttribute('aria-pressed')), 'false');
    await page.close();
  });

  it('the host selects a coalition by a typed message; the selection survives a live update and rebuilt boxes', async function () {
    const page = await harness.open();
    await show(page, snapshot);
    // The freeze coalition needs both sets: 6 of the federation and 1 of the emergency keys.
    await send(page, { type: 'selectCoalition', failure: 'freeze', index: 0 });
    await page.waitForFunction(() => document.querySelectorAll('.viewport g.node.coalition-party').length === 2);
    assert.deepEqual((await marked(page, 'coalition-party')).sort(), [fedBox, keysBox].sort());
    // Malformed messages are ignored.
    await send(page, { type: 'selectCoalition', failure: '<img src=x>', index: 0 });
    await send(page, { type: 'selectCoalition', failure: 'steal', index: -1 });
    const next = structuredClone(snapshot);
    next.system = 'Eight-signer federation (edited)';
    await send(page, { type: 'snapshot', uri: 'file:///work/fed.l2spec.yaml', version: 2, snapshot: next });
    await page.waitForFunction(() => document.getElementById('system-name')?.textContent === 'Eight-signer federation (edited)');
    assert.deepEqual((await marked(page, 'coalition-party')).sort(), [fedBox, keysBox].sort());
    // A clear (the spec closed) hides the panel and drops the marks.
    await send(page, { type: 'clear', reason: 'No spec open.' });
    await page.waitForFunction(() => document.getElementById('collusion')!.hidden);
    await page.close();
  });

  it('spec text in the panel is text: no markup, no class names or attributes from it', async function () {
    const page = await harness.open();
    const hostile = structuredClone(snapshot);
    const c = hostile.collusion!;
    c.link.text = XSS_CORPUS.join(' ');
    const f = c.failures[0]!;
    (f as { kind: string }).kind = '"><img src=x onerror="window.__xss=9">';
    f.userConditions = [...XSS_CORPUS];
    f.coalitions[0]!.how = XSS_CORPUS.join(' ');
    f.coalitions[0]!.condition = XSS_CORPUS[1]!;
    f.coalitions[0]!.unknown = [...XSS_CORPUS];
    f.coalitions[0]!.members[0]!.text = XSS_CORPUS[0]!;
    await show(page, hostile);
    const html = await page.$eval('#collusion', (s) => s.innerHTML);
    for (const t of XSS_CORPUS) if (/[<>&"]/.test(t)) assert.ok(!html.includes(t), `raw: ${t}`);
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined);
    assert.equal(await page.$$eval('#collusion img, #collusion script, #collusion svg', (x) => x.length), 0);
    assert.equal(await page.$$eval('#collusion [data-failure]', (x) => x.length), 3, 'a kind outside the four fixed words gets no attribute');
    const classes = await page.$$eval('#collusion *', (es) => [...new Set(es.flatMap((e) => [...e.classList]))].sort());
    for (const cls of classes) assert.match(cls, /^(collusion[-a-z]*|coalition[-a-z]*|coalitions|user-conditions|muted|link)$/, cls);
    assert.ok((await page.$eval('#collusion', (s) => s.textContent ?? '')).includes(XSS_CORPUS[0]!), 'the text is shown as text');
    await page.close();
  });
});
