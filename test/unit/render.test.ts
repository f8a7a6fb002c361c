// Pure renderer: deterministic, overlap-free layout from 1 to 200 components, edges that never
// cross boxes, escaping of every piece of spec text, and the webview message validator.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildSnapshot, ELEMENT_ID_PATTERN, elementTable, escapeXml, nodeAtPosition, nodeForPath, renderReport, renderSvg, textWidth, wrap,
  type Diagram, type Rect,
} from '../../server/src/render/index.js';
import { bandTitleRect, measureDiagram } from '../../server/src/render/metrics.js';
import { clearElkCache, lastElkLayout } from '../../server/src/render/elk.js';
import { svgTree } from '../../server/src/render/svg.js';
import { parseWebviewMessage } from '../../client/src/preview/protocol.js';
import { buildPreviewHtml, contentSecurityPolicy, createNonce } from '../../client/src/preview/html.js';
import { federatedSidechain, generated, hostile, paymentChannels, rollup, unparsable, XSS_CORPUS } from '../webview/fixtures.js';

const ROOT = resolve(__dirname, '../..');

function overlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

function within(inner: Rect, outer: Rect): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/** Every layout rule the diagram promises, checked on the estimated geometry. */
function problems(d: Diagram): string[] {
  const out: string[] = [];
  const frame = { x: 0, y: 0, w: d.width, h: d.height };
  const boxes: { what: string; r: Rect }[] = [
    ...d.nodes.map((n) => ({ what: `node ${n.id}`, r: n as Rect })),
    ...d.edges.map((e) => ({ what: `label ${e.id}`, r: e.labelBox })),
    ...d.bands.map((b) => ({ what: `band title ${b.id}`, r: bandTitleRect(b) })),
  ];
  for (let i = 0; i < boxes.length; i++) {
    if (!within(boxes[i]!.r, frame)) out.push(`${boxes[i]!.what} is outside the diagram`);
    for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!.r, boxes[j]!.r)) out.push(`${boxes[i]!.what} overlaps ${boxes[j]!.what}`);
  }
  for (const n of d.nodes) {
    for (const l of n.lines) {
      const r = { x: l.x, y: l.y - l.size, w: l.width, h: l.size * 1.25 };
      if (!within(r, { x: n.x + 8, y: n.y, w: n.w - 16, h: n.h })) out.push(`"${l.text}" does not fit in ${n.id}`);
    }
    const band = d.bands.find((b) => b.kind === n.band)!;
    if (!within(n, band)) out.push(`${n.id} is outside its band`);
  }
  for (const e of d.edges) {
    for (const l of e.labelLines) {
      if (!within({ x: l.x, y: l.y - l.size, w: l.width, h: l.size * 1.2 }, e.labelBox)) out.push(`label line "${l.text}" of ${e.id} does not fit its box`);
    }
    if (e.points.length < 2) out.push(`edge ${e.id} has no route`);
    for (let k = 1; k < e.points.length; k++) {
      const [x1, y1] = e.points[k - 1]!;
      const [x2, y2] = e.points[k]!;
      if (x1 !== x2 && y1 !== y2) out.push(`edge ${e.id} has a slanted segment`);
    }
    // Starts at its source's box and ends (arrow) at its target's box.
    const from = d.nodes.find((n) => n.id === e.from)!;
    const to = d.nodes.find((n) => n.id === e.to)!;
    const touches = (n: Rect, [x, y]: [number, number]) => x >= n.x && x <= n.x + n.w && (Math.abs(y - n.y) < 0.5 || Math.abs(y - n.y - n.h) < 0.5);
    if (!touches(from, e.points[0]!)) out.push(`edge ${e.id} does not start at ${from.id}`);
    if (!touches(to, e.points[e.points.length - 1]!)) out.push(`edge ${e.id} does not end at ${to.id}`);
  }
  // Lines through boxes or titles, labels on lines, boxes or labels, overlapping boxes.
  const m = measureDiagram(d);
  for (const k of ['lineBox', 'labelLine', 'labelBox', 'labelLabel', 'boxBox'] as const) if (m[k]) out.push(`${k}: ${m[k]}`);
  return out;
}

describe('render: layout', function () {
  it('is overlap-free, inside its bands and crossing-free from 1 to 1,000 components', function () {
    this.timeout(120000);
    for (const n of [1, 2, 3, 5, 8, 13, 20, 33, 50, 70, 100, 150, 200, 1000]) {
      const d = buildSnapshot(generated(n)).diagram;
      assert.equal(d.nodes.filter((x) => x.kind === 'component').length, n);
      assert.deepEqual(problems(d), [], `${n} components`);
    }
  });

  it('draws a huge linked design as an overview of boxes, fast (no ELK), saying how many edges it leaves out', async function () {
    const { analyze } = await import('../../server/src/engine/index.js');
    const { generateSpec } = await import('../../bench/generate.js');
    const result = analyze(generateSpec(5000));
    const t = performance.now();
    const d = buildSnapshot(result).diagram;
    const ms = performance.now() - t;
    assert.ok(d.nodes.length > 500 && d.edges.length === 0 && (d.hiddenEdges ?? 0) > 150, `${d.nodes.length} boxes, ${d.edges.length} edges, ${d.hiddenEdges} hidden`);
    assert.deepEqual(problems(d), []);
    assert.deepEqual(d.bands.map((b) => b.kind), ['l2', 'peg', 'l1']);
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms`);
  });

  it('is clean for every fixture and shipped example', function () {
    const results = [federatedSidechain(), paymentChannels(), rollup(), hostile()];
    for (const r of results) assert.deepEqual(problems(buildSnapshot(r).diagram), []);
  });

  it('is deterministic', function () {
    for (const make of [rollup, hostile, () => generated(120)]) {
      const a = buildSnapshot(make());
      const b = buildSnapshot(make());
      assert.deepEqual(a, b);
      assert.equal(renderSvg(a), renderSvg(b));
      assert.equal(renderReport(a), renderReport(b));
    }
  });

  it('draws the three bands, the peg band details and the edges that matter', function () {
    const s = buildSnapshot(federatedSidechain());
    assert.deepEqual(s.diagram.bands.map((b) => b.kind), ['l2', 'peg', 'l1']);
    const peg = s.diagram.nodes.find((n) => n.kind === 'peg')!;
    assert.equal(peg.title, 'Peg: L-BTC');
    assert.match(peg.tooltip, /11-of-15 federation, partly undisclosed/);
    assert.equal(peg.cls, 'critical');
    assert.equal(peg.ratingText, 'Custody: Stop!');
    const emergency = s.diagram.nodes.find((n) => n.kind === 'emergency')!;
    assert.match(emergency.tooltip, /2-of-3 signer set, undisclosed/);
    assert.match(emergency.tooltip, /after 4032 blocks/);
    const kinds = new Set(s.diagram.edges.map((e) => e.kind));
    for (const k of ['custody', 'exit', 'data', 'upgrade'] as const) assert.ok(kinds.has(k), `edge kind ${k}`);
    assert.ok(s.diagram.edges.some((e) => e.kind === 'custody' && e.from === 'c:functionaries' && e.to === peg.id));
    const r = buildSnapshot(rollup());
    assert.ok(r.diagram.edges.some((e) => e.kind === 'anchor'));
    assert.equal(r.diagram.nodes.find((n) => n.kind === 'data')!.band, 'l1', 'data posted to Bitcoin sits on L1');
  });

  it('gives every element a unique, safe id and maps paths and positions back to elements', function () {
    const s = buildSnapshot(hostile());
    const ids = [...s.diagram.nodes.map((n) => n.id), ...s.diagram.edges.map((e) => e.id)];
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, ELEMENT_ID_PATTERN);
    const r = buildSnapshot(rollup());
    assert.equal(nodeForPath(r.diagram.nodes, 'pegs.0.upgrade.delay')?.kind, 'upgrade');
    assert.equal(nodeForPath(r.diagram.nodes, 'pegs.0.threshold')?.kind, 'peg');
    assert.equal(nodeForPath(r.diagram.nodes, 'nonsense.path')?.kind, 'system');
    const up = r.diagram.nodes.find((n) => n.kind === 'upgrade')!;
    assert.equal(nodeAtPosition(r.diagram.nodes, up.range!.start)?.id, up.id, 'the smallest containing range wins');
    const table = elementTable(r);
    assert.deepEqual(table.get(up.id)?.path, 'pegs.0.upgrade');
    const f = r.findings.find((x) => x.path === 'stateValidation.challengers')!;
    assert.equal(f.elementId, r.diagram.nodes.find((n) => n.kind === 'validation')!.id);
  });

  it('wraps and truncates labels to their width', function () {
    const font = { size: 11 };
    const lines = wrap('A very long name without any natural breaking point: Supercalifragilisticexpialidocious-and-more-and-more-and-more', 120, font, 2);
    assert.equal(lines.length, 2);
    for (const l of lines) assert.ok(textWidth(l, font) <= 120, l);
    assert.ok(lines[1]!.endsWith('…'));
    assert.deepEqual(wrap('short', 120, font, 2), ['short']);
    assert.deepEqual(wrap('  \t\n ', 120, font, 2), []);
    // A control character is not blank: labels show it as a visible token (issue 9), never drop it.
    assert.deepEqual(wrap('  \u0000 ', 120, font, 2), ['⟨U+0000⟩']);
  });
});

describe('render: snapshot', function () {
  it('carries tier, stage, eight ratings, counts and suppressed findings', function () {
    const s = buildSnapshot(federatedSidechain());
    assert.equal(s.tier.label, 'Weak');
    assert.equal(s.tier.reasons[0]!.elementId, s.diagram.nodes.find((n) => n.kind === 'peg')!.id);
    assert.equal(s.stage.applicable, false);
    assert.equal(s.ratings.length, 8);
    assert.deepEqual(s.ratings.map((r) => r.framework), ['Bitcoin Layers', 'Bitcoin Layers', 'Bitcoin Layers', 'Bitcoin Layers', 'L2BEAT', 'L2BEAT', 'L2BEAT', 'L2BEAT']);
    assert.deepEqual(s.counts, { critical: 1, high: 1, medium: 1, low: 0, info: 0 });
    assert.equal(s.suppressedCount, 1);
    const json = JSON.stringify(s);
    assert.equal(JSON.stringify(JSON.parse(json)), json, 'JSON-serialisable without loss');
  });

  it('reports parse errors and an empty diagram for text that does not parse', function () {
    const s = buildSnapshot(unparsable());
    assert.equal(s.parsed, false);
    assert.equal(s.parseErrors.length, 1);
    assert.equal(s.diagram.nodes.length, 0);
    assert.match(renderSvg(s), /Line 4: YAML: Implicit map keys/);
    assert.match(renderReport(s), /The spec could not be read/);
  });
});

const ALLOWED_TAGS = new Set(['details', 'summary', 'ol', 'strong',
  'svg', 'g', 'title', 'desc', 'style', 'rect', 'text', 'polyline', 'polygon', 'path', 'circle', 'line',
  'html', 'head', 'meta', 'body', 'h1', 'h2', 'h3', 'p', 'span', 'ul', 'li', 'div', 'section', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]);

/** Every '<' must open a well-formed tag whose attribute values are quoted: returns the tags. */
function tags(markup: string): { name: string; attrs: string[] }[] {
  const out: { name: string; attrs: string[] }[] = [];
  const tag = /^<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*\/?>/;
  for (let i = markup.indexOf('<'); i >= 0; i = markup.indexOf('<', i + 1)) {
    const rest = markup.slice(i, i + 100000);
    if (/^<\?xml [^>]*\?>/.test(rest) || rest.startsWith('<!DOCTYPE html>')) continue;
    const m = tag.exec(rest);
    assert.ok(m, `stray "<" at ${i}: ${rest.slice(0, 60)}`);
    out.push({ name: m[2]!, attrs: [...m[3]!.matchAll(/([\w:-]+)="/g)].map((x) => x[1]!) });
  }
  return out;
}

describe('render: escaping', function () {
  it('never emits spec text as markup in the SVG or the HTML report', function () {
    const s = buildSnapshot(hostile());
    for (const out of [renderSvg(s), renderSvg(s, { theme: 'dark' }), renderReport(s)]) {
      assert.doesNotMatch(out, /<script|<img|<iframe|<svg onload|<a\s/i);
      for (const tag of tags(out)) {
        assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected element <${tag.name}>`);
        for (const a of tag.attrs) assert.doesNotMatch(a, /^on|^href$|^src$|^xlink:href$/i, `attribute ${a} on <${tag.name}>`);
      }
      for (const text of XSS_CORPUS) if (/[<>&"]/.test(text)) assert.ok(!out.includes(text), `raw: ${text}`);
      assert.ok(out.includes('&lt;script&gt;window.__xss = 1&lt;/script&gt;'), 'escaped text is present');
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(out, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, 'no XML-illegal characters');
    }
    const report = renderReport(s);
    assert.match(report, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/);
    assert.equal((report.match(/<script/g) ?? []).length, 0);
  });
});

describe('render: "What it would take" in the HTML report', function () {
  it('lists each goal with its status and each step with the findings it clears; escaped; plain JSON in the snapshot', async function () {
    const file = join(ROOT, 'examples/citrea-bitvm.l2spec.yaml');
    if (!existsSync(file) || !existsSync(join(ROOT, 'server/src/engine/index.ts'))) this.skip();
    const { analyze, planImprovements } = await import('../../server/src/engine/index.js');
    const text = readFileSync(file, 'utf8');
    const result = analyze(text);
    // No time budget here: the plan is deterministic (the preview's worker adds budgetMs: 250).
    const s = buildSnapshot(result, { plan: planImprovements(text, {}, result) });
    assert.deepEqual(JSON.parse(JSON.stringify(s.plan)), s.plan, 'the plan is plain JSON');
    // By hand (docs/assessment.md, the tier from the trust model): Citrea is Moderate (its
    // covenant committee of 10, 5 external, publicly known, is 6 organisations at the floor; the
    // council's 60-day upgrade lets users leave first). Strong has no path: an N-of-N covenant
    // committee can always steal together. The stage paths (council, forced inclusion, proposer
    // fallback) add no steal coalition, so their tier stays Moderate.
    assert.deepEqual(s.plan!.goals.map((g) => [g.kind, g.target, g.status]), [
      ['tier', 'strong', 'none'], ['stage', 'stage-1', 'found'], ['stage', 'stage-2', 'found'],
    ]);
    const report = renderReport(s);
    assert.ok(report.includes('<h2>What it would take (3)</h2>'), 'section heading counts the goals');
    assert.ok(report.includes('L2BEAT Stage 1: 3 changes (verified: tier Moderate, Stage 1)'));
    assert.ok(report.includes('Tier Strong: no path within the format'));
    assert.ok(report.includes(escapeXml('no coalition of others can steal')), 'the strong blocker names the steal coalition');
    for (const g of s.plan!.goals) {
      assert.equal(g.steps.length > 0, g.status === 'found', `${g.kind} ${g.target}: steps only for a found goal`);
      for (const step of g.steps) {
        assert.ok(report.includes(escapeXml(step.title)), `step "${step.title}"`);
        if (step.effect) assert.ok(report.includes(escapeXml(` → ${step.effect}`)), `effect of "${step.title}"`);
        for (const c of step.clears) assert.ok(report.includes(c.ruleId), `${step.title} clears ${c.ruleId}`);
      }
    }
    // Forced inclusion through L1 takes the single sequencer out of the censor coalitions: the step says so.
    const forced = s.plan!.goals[1]!.steps.find((st) => st.edits.some((e) => e.path === 'exits.forcedInclusion.mode'))!;
    assert.equal(forced.effect, 'censor: 1 → none entities');
    assert.ok(report.includes('clears L2S-GOV-001'));
    // Without a plan (as `l2spec render --format svg` builds it) the report has no such section.
    assert.doesNotMatch(renderReport(buildSnapshot(result)), /What it would take/);

    // Spec text in a step, an alternative or a blocker is text, never markup.
    const hostilePlan = structuredClone(s);
    hostilePlan.plan!.goals[1]!.steps[0]!.title = XSS_CORPUS.join(' ');
    hostilePlan.plan!.goals[1]!.steps[0]!.effect = XSS_CORPUS.join(' ');
    hostilePlan.plan!.goals[2]!.alternatives = [...XSS_CORPUS];
    hostilePlan.plan!.goals[0] = { ...hostilePlan.plan!.goals[0]!, status: 'none', steps: [], verified: undefined, blockers: [...XSS_CORPUS] };
    const out = renderReport(hostilePlan);
    assert.doesNotMatch(out, /<script|<img|<iframe|<svg onload|<a\s/i);
    for (const tag of tags(out)) {
      assert.ok(ALLOWED_TAGS.has(tag.name), `unexpected element <${tag.name}>`);
      for (const a of tag.attrs) assert.doesNotMatch(a, /^on|^href$|^src$|^xlink:href$/i, `attribute ${a} on <${tag.name}>`);
    }
    for (const t of XSS_CORPUS) if (/[<>&"]/.test(t)) assert.ok(!out.includes(t), `raw: ${t}`);
    assert.ok(out.includes('Tier Strong: no path within the format'));
  });
});

describe('render: the review worker plans the improvements', function () {
  it('carries a bounded plan in the snapshot it builds, one goal per next tier and stage', async function () {
    const file = join(ROOT, 'examples/citrea-bitvm.l2spec.yaml');
    if (!existsSync(file)) this.skip();
    const { reviewSnapshot, PREVIEW_PLAN_BUDGET_MS } = await import('../../server/src/lsp/reviewWorker.js');
    assert.equal(PREVIEW_PLAN_BUDGET_MS, 250);
    const s = reviewSnapshot(readFileSync(file, 'utf8'), {});
    // Statuses depend on the machine's speed under the time budget (found or cut-off); the goals do not.
    assert.deepEqual(s.plan!.goals.map((g) => [g.kind, g.target]), [['tier', 'strong'], ['stage', 'stage-1'], ['stage', 'stage-2']]);
    // Strong has no path (the covenant committee can always steal): none, or cut-off on a slow machine.
    for (const g of s.plan!.goals) assert.ok((g.target === 'strong' ? ['none', 'cut-off'] : ['found', 'cut-off']).includes(g.status), `${g.target}: ${g.status}`);
    assert.deepEqual(JSON.parse(JSON.stringify(s.plan)), s.plan, "plain JSON");
  });
});

describe('render: examples through the engine', function () {
  const dir = join(ROOT, 'examples');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.l2spec.yaml')) : [];
  it('renders every shipped example cleanly', async function () {
    if (!files.length || !existsSync(join(ROOT, 'server/src/engine/index.ts'))) this.skip();
    const { analyze } = await import('../../server/src/engine/index.js');
    for (const f of files) {
      const s = buildSnapshot(analyze(readFileSync(join(dir, f), 'utf8')));
      assert.equal(s.parsed, true, f);
      assert.ok(s.diagram.nodes.length >= 4, f);
      assert.deepEqual(problems(s.diagram), [], f);
      assert.match(renderSvg(s), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });

  it('reuses a cached layout, regrown, when an edit only makes boxes taller or shorter (no ELK run), and stays clean', async function () {
    if (!files.length || !existsSync(join(ROOT, 'server/src/engine/index.ts'))) this.skip();
    const { analyze } = await import('../../server/src/engine/index.js');
    const hows: string[] = [];
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      // Longer names wrap the boxes' titles onto a second line: the same graph, taller boxes.
      const longer = text.replace(/^(\s+name: )(.+)$/gm, (_, key: string, name: string) => `${key}${name} with a much longer name`);
      for (const [before, after] of [[text, longer], [longer, text]]) {
        clearElkCache();
        buildSnapshot(analyze(before));
        const d = buildSnapshot(analyze(after)).diagram;
        hows.push(lastElkLayout);
        assert.notEqual(lastElkLayout, 'elk', `${f}: ELK ran again`);
        assert.deepEqual(problems(d), [], f);
        const m = measureDiagram(d);
        assert.deepEqual([m.crossings, m.labelLine, m.labelBox, m.labelLabel, m.lineBox, m.boxBox], [0, 0, 0, 0, 0, 0], f);
      }
    }
    assert.ok(hows.includes('regrown'), 'some box grew or shrank');
    clearElkCache();
  });

  it('reads at a glance: few crossings and bends over the six examples (issue 13)', async function () {
    if (files.length < 6 || !existsSync(join(ROOT, 'server/src/engine/index.ts'))) this.skip();
    const { analyze } = await import('../../server/src/engine/index.js');
    let crossings = 0;
    let bends = 0;
    let edges = 0;
    for (const f of files) {
      const m = measureDiagram(buildSnapshot(analyze(readFileSync(join(dir, f), 'utf8'))).diagram);
      crossings += m.crossings;
      bends += m.bends;
      edges += m.edges;
      assert.deepEqual([m.labelLine, m.labelBox, m.labelLabel], [0, 0, 0], `${f}: labels on a line, a box or a label`);
    }
    assert.ok(edges >= 20, `the examples draw their edges (${edges})`);
    assert.ok(crossings <= 15, `${crossings} crossings`);
    assert.ok(bends / edges <= 2, `${(bends / edges).toFixed(2)} bends per edge`);
  });

  // Issue 19: compact, short and clean. 13,648 px is the total edge length of the layered layout
  // that shipped before elkjs (bench/RESULTS.md, "Layout before issue 19").
  it('is compact and its edges short: no crossing, half the old total length, every SVG export within 1870×1200 (issue 19)', async function () {
    if (files.length < 6 || !existsSync(join(ROOT, 'server/src/engine/index.ts'))) this.skip();
    const { analyze } = await import('../../server/src/engine/index.js');
    let length = 0;
    for (const f of files) {
      const s = buildSnapshot(analyze(readFileSync(join(dir, f), 'utf8')));
      const m = measureDiagram(s.diagram);
      length += m.length;
      assert.deepEqual([m.crossings, m.labelLine, m.lineBox, m.boxBox], [0, 0, 0, 0], `${f}: crossings, labels on lines, lines through boxes, boxes on boxes`);
      const { width, height } = svgTree(s);
      assert.ok(width <= 1870 && height <= 1200, `${f}: SVG ${width}×${height}`);
      // Compact boxes: name, kind, rating, and a findings line only when there are findings.
      for (const n of s.diagram.nodes) {
        const roles = n.lines.map((l) => l.role);
        assert.equal(roles.includes('count'), n.findings > 0, `${f}: ${n.id} findings line`);
        assert.ok(roles.filter((r) => r === 'sub').length === 1 && roles.includes('rating'), `${f}: ${n.id} kind and rating lines`);
        assert.ok(!n.lines.some((l) => /No open findings/.test(l.text)), `${f}: ${n.id}`);
      }
    }
    assert.ok(length <= 13648 / 2, `total edge length ${length} px`);
  });
});

describe('render: layout metrics', function () {
  it('counts crossings, bends, length and overlaps on a hand-made diagram', function () {
    const box = (id: string, x: number, y: number) => ({ id, x, y, w: 100, h: 50 }) as unknown as Diagram['nodes'][number];
    const line = (text: string, x: number, y: number) => ({ text, x, y, size: 11, bold: false, role: 'edge' as const, width: 40 });
    const edge = (id: string, points: [number, number][], labelBox: Rect) => ({ id, points, labelBox, labelLines: [line(id, labelBox.x, labelBox.y + 12)] }) as unknown as Diagram['edges'][number];
    const d = {
      width: 400, height: 400, bands: [],
      nodes: [box('a', 0, 0), box('b', 200, 0), box('c', 0, 300)],
      edges: [
        // a → c straight down, label on its own line: fine.
        edge('ac', [[50, 50], [50, 300]], { x: 30, y: 150, w: 40, h: 16 }),
        // b → c with two bends; its horizontal run crosses ac once; its label sits on ac's line.
        edge('bc', [[250, 50], [250, 200], [30, 200], [30, 300]], { x: 40, y: 100, w: 40, h: 16 }),
        // A line through box b, whose label overlaps box a and ac's label.
        edge('xx', [[150, 20], [350, 20]], { x: 40, y: 140, w: 40, h: 16 }),
      ],
    } as Diagram;
    const m = measureDiagram(d);
    assert.equal(m.crossings, 1);
    assert.equal(m.bends, 2);
    assert.equal(m.length, 250 + 150 + 220 + 100 + 200);
    assert.equal(m.labelLine, 2, 'bc and xx labels lie on ac');
    assert.equal(m.labelLabel, 1, 'xx over ac');
    assert.equal(m.lineBox, 1, 'xx through b');
    assert.equal(m.boxBox, 0);
  });
});

describe('l2spec render (CLI)', function () {
  it('writes the same SVG as the editor export and a standalone HTML report', async function () {
    const { render } = await import('../../server/src/cli/render.js');
    const result = rollup();
    assert.equal(render(result, 'svg', 'designs/rollup.l2spec.yaml'), renderSvg(buildSnapshot(result), { theme: 'light' }));
    const html = render(result, 'html', 'designs/rollup.l2spec.yaml');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Spec: designs\/rollup\.l2spec\.yaml/);
    assert.match(html, /Tier: Moderate/);
    assert.match(html, /<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*aria-label="Stack diagram of Validity rollup"/);
    assert.doesNotMatch(html, /<script/);
  });
});

describe('preview protocol and shell', function () {
  it('accepts exactly the allowed webview messages', function () {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'reveal', elementId: 'peg:lbtc:emergency' }), { type: 'reveal', elementId: 'peg:lbtc:emergency' });
    assert.deepEqual(parseWebviewMessage({ type: 'revealFinding', index: 3 }), { type: 'revealFinding', index: 3 });
    assert.deepEqual(parseWebviewMessage({ type: 'exportResult', requestId: 1, ok: true, data: 'iVBORw0KGgo=' }), { type: 'exportResult', requestId: 1, ok: true, data: 'iVBORw0KGgo=' });
    const rejected: unknown[] = [
      null, 'reveal', 42, [], {}, { type: 'unknown' },
      { type: 'reveal' }, { type: 'reveal', elementId: '' }, { type: 'reveal', elementId: '../../etc/passwd' },
      { type: 'reveal', elementId: 'c:x', path: 'pegs.0' }, { type: 'reveal', elementId: 'a b' }, { type: 'reveal', elementId: 'x'.repeat(2000) },
      { type: 'revealFinding', index: -1 }, { type: 'revealFinding', index: 1.5 }, { type: 'revealFinding', index: '1' },
      { type: 'revealFinding', index: 1, range: {} }, { type: 'ready', extra: true },
      { type: 'exportResult', requestId: 1, ok: true, data: '<svg>' }, { type: 'exportResult', requestId: 1, ok: 'yes', data: 'AA==' },
      { type: 'command', command: 'workbench.action.quit' }, JSON.parse('{"type":"ready","__proto__":{"x":1}}'),
    ];
    for (const m of rejected) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m));
  });

  it('builds the HTML shell with a fresh nonce and a strict CSP', function () {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.match(a, /^[A-Za-z0-9+/]{22}==$/);
    const html = buildPreviewHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: a, scriptUri: 'https://x/dist/webview/preview.js', styleUri: 'https://x/dist/webview/preview.css' });
    assert.ok(html.includes(`<script nonce="${a}" src="https://x/dist/webview/preview.js"></script>`));
    assert.ok(html.includes(contentSecurityPolicy('https://file+.vscode-resource.vscode-cdn.net', a).replace(/'/g, '&#39;')));
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.throws(() => buildPreviewHtml({ cspSource: 'x', nonce: '"><script>', scriptUri: '', styleUri: '' }));
  });
});
