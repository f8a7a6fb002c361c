// A tiny element tree that both renderers share: svg.ts/report.ts serialise it to an escaped
// string, the webview materialises it with createElementNS + textContent. Keeping one builder
// means the preview, the SVG/PNG exports and the CLI report draw exactly the same diagram.
import type { Diagram, DiagramBand, DiagramEdge, DiagramNode, TextLine } from './layout.js';
import type { SnapshotRating } from './snapshot.js';
import { classToken, componentKindClass, ratingClass, visibleLabel } from './labels.js';
import { textWidth } from './text.js';

export interface VNode {
  tag: string;
  attrs: Record<string, string | number>;
  /** Strings are text nodes (never markup). */
  children: (VNode | string)[];
}

export function h(tag: string, attrs: Record<string, string | number | undefined> = {}, children: (VNode | string | undefined | false)[] = []): VNode {
  const clean: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = typeof v === 'number' ? round(v) : k === 'aria-label' ? visibleLabel(v) : v;
  // Every text node may carry spec text: hidden characters are shown, never left to act.
  const kids = children.filter((c): c is VNode | string => c !== undefined && c !== false).map((c) => (typeof c === 'string' ? visibleLabel(c) : c));
  return { tag, attrs: clean, children: kids };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function textLine(line: TextLine, cls: string, anchor?: 'start' | 'middle' | 'end'): VNode {
  return h('text', { class: cls, x: line.x, y: line.y, 'text-anchor': anchor }, [line.text]);
}

export function nodeTree(n: DiagramNode): VNode {
  return h('g', {
    class: nodeClass(n),
    'data-element-id': n.id,
    role: 'button',
    'aria-label': n.ariaLabel,
  }, [
    h('title', {}, [n.tooltip]),
    h('rect', { class: 'node-box', x: n.x, y: n.y, width: n.w, height: n.h, rx: 6 }),
    h('rect', { class: 'node-stripe', x: n.x, y: n.y, width: 5, height: n.h, rx: 2 }),
    ...n.lines.map((l) => textLine(l, `node-${l.role}`)),
  ]);
}

/** A node's classes, only from known values: an unknown component kind gets the neutral `ck-unknown`. */
function nodeClass(n: DiagramNode): string {
  const kind = componentKindClass(n.componentKind);
  return `node ${classToken('node', n.kind)} rating-${ratingClass(n.cls)}${kind ? ` ${kind}` : ''}`;
}

function pointsAttr(points: [number, number][]): string {
  return points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ');
}

export function edgeTree(e: DiagramEdge): VNode {
  return h('g', { class: `edge ${classToken('edge', e.kind)} rating-${ratingClass(e.cls)}`, 'data-element-id': e.id }, [
    h('title', {}, [e.tooltip]),
    h('polyline', { class: 'edge-line', points: pointsAttr(e.points), fill: 'none' }),
    h('polygon', { class: 'edge-arrow', points: pointsAttr(e.arrow) }),
  ]);
}

export function edgeLabelTree(e: DiagramEdge): VNode {
  return h('g', { class: `edge-label ${classToken('edge', e.kind)} rating-${ratingClass(e.cls)}`, 'data-element-id': e.id }, [
    h('title', {}, [e.tooltip]),
    h('rect', { class: 'edge-label-bg', x: e.labelBox.x, y: e.labelBox.y, width: e.labelBox.w, height: e.labelBox.h, rx: 3 }),
    ...e.labelLines.map((l) => textLine(l, 'edge-label-text')),
  ]);
}

export function bandTree(b: DiagramBand): VNode {
  return h('g', { class: `band ${classToken('band', b.kind)}`, 'data-band': classToken('band', b.kind).slice(5) }, [
    h('title', {}, [b.title]),
    h('rect', { class: 'band-box', x: b.x, y: b.y, width: b.w, height: b.h, rx: 8 }),
    ...b.titleLines.map((l) => textLine(l, 'band-title')),
  ]);
}

/** Layers of the diagram, bottom to top; the webview renders the same layers item by item. */
export const DIAGRAM_LAYERS = ['bands', 'edges', 'nodes', 'edge-labels'] as const;

/** The stack diagram as a <g>: bands, then edges, then boxes, then edge labels on top. */
export function diagramTree(d: Diagram): VNode {
  return h('g', { class: 'diagram' }, [
    h('g', { class: 'bands' }, d.bands.map(bandTree)),
    h('g', { class: 'edges' }, d.edges.map(edgeTree)),
    h('g', { class: 'nodes' }, d.nodes.map(nodeTree)),
    h('g', { class: 'edge-labels' }, d.edges.map(edgeLabelTree)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Radial chart: Bitcoin Layers' four axes on the right half, L2BEAT's four on the left.

export const CHART_W = 440;
export const CHART_H = 300;
const CX = CHART_W / 2;
const CY = 160;
const R = 92;
const SPAN = 19;

const SHORT_VALUE: Record<string, string> = {
  low: 'Low', medium: 'Medium', high: 'High', 'very-high': 'Stop!', unverified: 'Unverified', 'under-review': 'Review', 'not-applicable': 'n/a',
  good: 'Good', warning: 'Warning', bad: 'Bad',
};

function polar(angleDeg: number, r: number): [number, number] {
  const a = (angleDeg * Math.PI) / 180;
  return [CX + r * Math.sin(a), CY - r * Math.cos(a)];
}

export function chartAngle(i: number): number {
  // Right half: 22.5, 67.5, 112.5, 157.5 (Bitcoin Layers); left half mirrored (L2BEAT).
  return i < 4 ? 22.5 + i * 45 : 360 - (22.5 + (i - 4) * 45);
}

export function chartTree(ratings: readonly SnapshotRating[], idPrefix = 'chart'): VNode {
  const rings = [0.25, 0.5, 0.75, 1].map((f) => h('circle', { class: 'chart-ring', cx: CX, cy: CY, r: R * f, fill: 'none' }));
  const petals: VNode[] = [];
  const labels: VNode[] = [];
  ratings.slice(0, 8).forEach((r, i) => {
    const a = chartAngle(i);
    const len = Math.max(0.12, r.score) * R;
    const p1 = polar(a - SPAN, len);
    const p2 = polar(a + SPAN, len);
    petals.push(h('path', {
      class: `chart-petal rating-${r.cls}`,
      d: `M${CX},${CY} L${round(p1[0])},${round(p1[1])} A${round(len)},${round(len)} 0 0 1 ${round(p2[0])},${round(p2[1])} Z`,
      'data-axis': r.axis,
      role: 'img',
      'aria-label': `${r.framework} ${r.label}: ${r.valueLabel}`,
    }, [h('title', {}, [`${r.framework}: ${r.label}: ${r.valueLabel}`])]));
    const [lx, ly] = polar(a, R + 14);
    const right = i < 4;
    const anchor = right ? 'start' : 'end';
    labels.push(h('text', { class: 'chart-label', x: lx, y: ly - 2, 'text-anchor': anchor, id: `${idPrefix}-label-${i}` }, [r.short]));
    labels.push(h('text', { class: `chart-value rating-${r.cls}`, x: lx, y: ly + 12, 'text-anchor': anchor }, [SHORT_VALUE[r.value] ?? r.valueLabel]));
  });
  return h('g', { class: 'chart' }, [
    h('text', { class: 'chart-caption', x: 8, y: 16 }, ['L2BEAT']),
    h('text', { class: 'chart-caption', x: CHART_W - 8, y: 16, 'text-anchor': 'end' }, ['Bitcoin Layers']),
    ...rings,
    h('line', { class: 'chart-divider', x1: CX, y1: CY - R - 8, x2: CX, y2: CY + R + 8 }),
    ...petals,
    ...labels,
    h('text', { class: 'chart-note', x: CX, y: CHART_H - 4, 'text-anchor': 'middle' }, ['Longer petal = lower risk']),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Serialisation (escaped)

const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
    // Characters that are not allowed in XML 1.0 at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

const NAME = /^[a-zA-Z][a-zA-Z0-9:-]*$/;

const checkedNames = new Set<string>();
function checkName(name: string, attribute: boolean): void {
  if (checkedNames.has(name)) return;
  if (!NAME.test(name) || (attribute && /^on/i.test(name))) throw new Error(`bad ${attribute ? 'attribute' : 'tag'} ${name}`);
  checkedNames.add(name);
}

export function serialise(node: VNode | string): string {
  const parts: string[] = [];
  write(node, parts);
  return parts.join('');
}

function write(node: VNode | string, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escapeXml(node));
    return;
  }
  checkName(node.tag, false);
  out.push('<', node.tag);
  for (const k in node.attrs) {
    checkName(k, true);
    out.push(' ', k, '="', escapeXml(String(node.attrs[k])), '"');
  }
  if (node.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const c of node.children) write(c, out);
  out.push('</', node.tag, '>');
}

/** Estimated bounding box of a text element built by this module (for layout checks). */
export function estimateTextBox(line: TextLine, anchor: 'start' | 'middle' | 'end' = 'start'): { x: number; y: number; w: number; h: number } {
  const w = textWidth(line.text, line);
  const x = anchor === 'start' ? line.x : anchor === 'middle' ? line.x - w / 2 : line.x - w;
  return { x, y: line.y - line.size, w, h: line.size * 1.25 };
}
