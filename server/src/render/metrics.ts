// Readability measures of a laid-out stack diagram, computed from the geometry alone: the
// benchmark reports them for the old and the new layout, and the tests hold the layout to them.
import type { Diagram, Rect } from './layout.js';

export interface DiagramMetrics {
  edges: number;
  /** Points where two different edges' lines cross (touching ends excluded). */
  crossings: number;
  /** Bends summed over all edges, and per edge. */
  bends: number;
  bendsPerEdge: number;
  /** Summed length of all edge lines (px). */
  length: number;
  /** Edge labels crossed by another edge's line (a label may sit on its own line). */
  labelLine: number;
  /** Edge labels that overlap a box or a band title. */
  labelBox: number;
  /** Pairs of edge labels that overlap each other. */
  labelLabel: number;
  /** Pairs of boxes that overlap, and boxes overlapping a band title. */
  boxBox: number;
  /** Edge segments that run through a box other than at their own ends. */
  lineBox: number;
}

type Seg = { x1: number; y1: number; x2: number; y2: number };

function segments(points: readonly [number, number][]): Seg[] {
  const out: Seg[] = [];
  for (let k = 1; k < points.length; k++) out.push({ x1: points[k - 1]![0], y1: points[k - 1]![1], x2: points[k]![0], y2: points[k]![1] });
  return out;
}

/** Proper intersection of two segments (shared end points and collinear touches do not count). */
function cross(a: Seg, b: Seg): boolean {
  const d = (p: [number, number], q: [number, number], r: [number, number]) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const a1: [number, number] = [a.x1, a.y1], a2: [number, number] = [a.x2, a.y2];
  const b1: [number, number] = [b.x1, b.y1], b2: [number, number] = [b.x2, b.y2];
  const d1 = d(b1, b2, a1), d2 = d(b1, b2, a2), d3 = d(a1, a2, b1), d4 = d(a1, a2, b2);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** True when the segment runs through the inside of `r` (shrunk by `inset` px). */
export function segmentHitsRect(s: Seg, r: Rect, inset = 1): boolean {
  const x0 = r.x + inset, y0 = r.y + inset, x1 = r.x + r.w - inset, y1 = r.y + r.h - inset;
  if (x1 <= x0 || y1 <= y0) return false;
  // Liang–Barsky clipping: does any part of the segment lie strictly inside?
  let t0 = 0, t1 = 1;
  const dx = s.x2 - s.x1, dy = s.y2 - s.y1;
  const edges: [number, number][] = [[-dx, s.x1 - x0], [dx, x1 - s.x1], [-dy, s.y1 - y0], [dy, y1 - s.y1]];
  for (const [p, q] of edges) {
    if (p === 0) { if (q <= 0) return false; continue; }
    const t = q / p;
    if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
    else { if (t < t0) return false; if (t < t1) t1 = t; }
  }
  return t1 - t0 > 1e-9;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Estimated box of a band title (its lines of 13 px bold text, from their baselines). */
export function bandTitleRect(b: Diagram['bands'][number]): Rect {
  const first = b.titleLines[0];
  if (!first) return { x: b.x, y: b.y, w: 0, h: 0 };
  const last = b.titleLines[b.titleLines.length - 1]!;
  return { x: first.x, y: first.y - first.size, w: Math.max(...b.titleLines.map((l) => l.width)), h: last.y - first.y + first.size * 1.3 };
}

/** All readability measures of `d` (see DiagramMetrics). */
export function measureDiagram(d: Diagram): DiagramMetrics {
  const segs = d.edges.map((e) => segments(e.points));
  let crossings = 0;
  for (let i = 0; i < segs.length; i++) for (let j = i + 1; j < segs.length; j++) {
    for (const a of segs[i]!) for (const b of segs[j]!) if (cross(a, b)) crossings++;
  }
  const bends = d.edges.reduce((s, e) => s + Math.max(0, e.points.length - 2), 0);
  const length = segs.flat().reduce((s, g) => s + Math.hypot(g.x2 - g.x1, g.y2 - g.y1), 0);
  const titles = d.bands.map(bandTitleRect);
  let labelLine = 0, labelBox = 0, labelLabel = 0, boxBox = 0, lineBox = 0;
  d.edges.forEach((e, i) => {
    if (segs.some((list, j) => j !== i && list.some((s) => segmentHitsRect(s, e.labelBox, 0.5)))) labelLine++;
    if (d.nodes.some((n) => rectsOverlap(n, e.labelBox)) || titles.some((t) => rectsOverlap(t, e.labelBox))) labelBox++;
    for (let j = i + 1; j < d.edges.length; j++) if (rectsOverlap(e.labelBox, d.edges[j]!.labelBox)) labelLabel++;
    for (const s of segs[i]!) for (const n of d.nodes) if (segmentHitsRect(s, n)) lineBox++;
    for (const s of segs[i]!) for (const t of titles) if (segmentHitsRect(s, t, 0)) lineBox++;
  });
  for (let i = 0; i < d.nodes.length; i++) {
    const a = d.nodes[i]!;
    for (let j = i + 1; j < d.nodes.length; j++) if (rectsOverlap(a, d.nodes[j]!)) boxBox++;
    for (const t of titles) if (rectsOverlap(a, t)) boxBox++;
  }
  return {
    edges: d.edges.length, crossings, bends, bendsPerEdge: d.edges.length ? bends / d.edges.length : 0, length: Math.round(length),
    labelLine, labelBox, labelLabel, boxBox, lineBox,
  };
}
