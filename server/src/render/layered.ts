// A small layered (Sugiyama-style) graph layout with orthogonal routing, specialised for the
// stack diagram: the caller gives the layers top to bottom (rows of boxes, rows of edge labels,
// band headers) and every edge as a chain with exactly one item per layer it passes, so long
// edges already own a "dummy" item in each layer between their ends and labels are items of
// their own. This module then
//   1. orders each layer to reduce crossings (barycentre sweeps, best order kept),
//   2. places items horizontally so that linked items line up (weighted isotonic regression per
//      layer: the closest positions to the wanted ones that keep order and spacing),
//   3. routes each edge vertically through its items, with at most one horizontal jog per gap
//      between two layers, on tracks chosen so that jogs cross each other as little as possible.
// Because every edge passes each layer as an item of that layer, no line can run under a box, a
// label or a header: the layer's spacing keeps them apart. Pure and deterministic.

export type ItemKind = 'node' | 'dummy' | 'label' | 'title';

/** One thing in one layer. Sizes and positions in px; `x` is the left edge once placed. */
export interface LItem {
  id: string;
  kind: ItemKind;
  w: number;
  h: number;
  /** Keeps its place at the left end of its layer (band titles). */
  pinned?: boolean;
  x: number;
  /** Layer index, filled in by `layered`. */
  layer: number;
  /** Working fields of the ordering: index in the layer and barycentre. */
  order?: number;
  bary?: number;
}

export interface LLayer {
  items: LItem[];
  /** Height of the layer (px); items are centred vertically in it. */
  h: number;
  /** Smallest gap above this layer (px), whatever the tracks need. */
  gapAbove: number;
  /** Filled in: top of the layer. */
  y: number;
}

/** An edge as the chain of items it passes, top to bottom (source first when not reversed). */
export interface LEdge {
  chain: LItem[];
  /** The arrow points at chain[0] instead of the last item (edge drawn against the flow). */
  reversed: boolean;
}

export interface LayeredOptions {
  /** Left-most x of any item. */
  minX: number;
  /** Top of the first layer. */
  top: number;
  /** Horizontal space between neighbours, by kinds. */
  separation(a: LItem, b: LItem): number;
  /** Space between two parallel horizontal tracks in a gap, and above/below the outer ones. */
  trackStep: number;
  trackPad: number;
  /** Spacing of several edge ports on one side of a box. */
  portGap: number;
}

export interface LayeredResult {
  /** Polyline of every edge (same order as the input), source to target. */
  routes: [number, number][][];
  width: number;
  height: number;
}

// ---------------------------------------------------------------------------------------------
// Ports: several edges on one side of a box are spread along it, ordered by where they go.

interface Link { edge: number; upper: LItem; lower: LItem }

function buildLinks(edges: readonly LEdge[]): Link[][] {
  const byGap: Link[][] = [];
  edges.forEach((e, edge) => {
    for (let k = 1; k < e.chain.length; k++) {
      const upper = e.chain[k - 1]!;
      const lower = e.chain[k]!;
      (byGap[upper.layer] ??= []).push({ edge, upper, lower });
    }
  });
  return byGap;
}

/**
 * Port offsets (px from the box centre) per edge: only an edge's two ends are boxes, so an edge
 * has one offset where it leaves its first item and one where it enters its last.
 */
interface PortMap { first: LItem[]; last: LItem[]; out: Float64Array; in: Float64Array }

function portOf(ports: PortMap, it: LItem, edge: number, side: 'top' | 'bottom'): number {
  if (side === 'bottom') return ports.first[edge] === it ? ports.out[edge]! : 0;
  return ports.last[edge] === it ? ports.in[edge]! : 0;
}

function assignPorts(edges: readonly LEdge[], links: Link[][], gap: number): PortMap {
  const ports: PortMap = {
    first: edges.map((e) => e.chain[0]!), last: edges.map((e) => e.chain[e.chain.length - 1]!),
    out: new Float64Array(edges.length), in: new Float64Array(edges.length),
  };
  const sides = new Map<LItem, { side: 'top' | 'bottom'; edge: number; other: LItem }[]>();
  const add = (item: LItem, side: 'top' | 'bottom', edge: number, other: LItem) => {
    if (item.kind !== 'node') return;
    let list = sides.get(item);
    if (!list) sides.set(item, (list = []));
    list.push({ side, edge, other });
  };
  for (const gapLinks of links) for (const l of gapLinks ?? []) { add(l.upper, 'bottom', l.edge, l.lower); add(l.lower, 'top', l.edge, l.upper); }
  for (const [item, list] of sides) {
    for (const side of ['top', 'bottom'] as const) {
      const mine = list.filter((s) => s.side === side).sort((a, b) => (a.other.order! - b.other.order!) || a.edge - b.edge);
      const m = mine.length;
      const step = Math.min(gap, (item.w - 24) / Math.max(1, m));
      mine.forEach((s, k) => (side === 'bottom' ? ports.out : ports.in)[s.edge] = Math.round((k - (m - 1) / 2) * step));
      void item;
    }
  }
  return ports;
}

// ---------------------------------------------------------------------------------------------
// 1. Crossing reduction

function crossingsBetween(links: readonly Link[]): number {
  let n = 0;
  for (let i = 0; i < links.length; i++) {
    const a = links[i]!;
    for (let j = i + 1; j < links.length; j++) {
      const b = links[j]!;
      if ((a.upper.order! - b.upper.order!) * (a.lower.order! - b.lower.order!) < 0) n++;
    }
  }
  return n;
}

function orderLayers(layers: LLayer[], links: Link[][]): void {
  const index = () => { for (const l of layers) l.items.forEach((it, i) => { it.order = i; }); };
  index();
  const total = () => links.reduce((s, g) => s + (g ? crossingsBetween(g) : 0), 0);
  const up = new Map<LItem, LItem[]>();
  const down = new Map<LItem, LItem[]>();
  for (const g of links) for (const l of g ?? []) {
    (down.get(l.upper) ?? down.set(l.upper, []).get(l.upper)!).push(l.lower);
    (up.get(l.lower) ?? up.set(l.lower, []).get(l.lower)!).push(l.upper);
  }
  // Layers no edge passes (the grid of boxes without edges) keep their order.
  const active = layers.filter((l) => l.items.some((it) => up.has(it) || down.has(it)));
  const sortLayer = (layer: LLayer, neighbours: Map<LItem, LItem[]>) => {
    for (const it of layer.items) {
      const ns = neighbours.get(it);
      // Items with no edge at all go to the right end, out of the way of those with edges.
      const loose = !up.has(it) && !down.has(it);
      let sum = 0;
      if (ns) for (const n of ns) sum += n.order!;
      it.bary = it.pinned ? -Infinity : ns?.length ? sum / ns.length : loose ? 1e6 + it.order! : it.order!;
    }
    layer.items.sort((a, b) => (a.bary! - b.bary!) || (a.order! - b.order!));
    layer.items.forEach((it, i) => { it.order = i; });
  };
  // Counting crossings is quadratic in the links of a gap: very large designs (hundreds of
  // edges) get two plain sweeps instead of the best of eight counted ones.
  const linkCount = links.reduce((s, g) => s + (g?.length ?? 0), 0);
  if (linkCount > LARGE_LINKS) {
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i < active.length; i++) sortLayer(active[i]!, up);
      for (let i = active.length - 2; i >= 0; i--) sortLayer(active[i]!, down);
    }
    return;
  }
  let best = layers.map((l) => [...l.items]);
  let bestCount = total();
  for (let round = 0; round < 8 && bestCount > 0; round++) {
    for (let i = 1; i < active.length; i++) sortLayer(active[i]!, up);
    for (let i = active.length - 2; i >= 0; i--) sortLayer(active[i]!, down);
    const count = total();
    if (count < bestCount) { bestCount = count; best = layers.map((l) => [...l.items]); }
  }
  layers.forEach((l, i) => { l.items = best[i]!; });
  index();
}

// ---------------------------------------------------------------------------------------------
// 2. Horizontal placement

/**
 * Weighted isotonic regression (pool adjacent violators): the non-decreasing sequence closest to
 * `t` in weighted least squares. Used on "wanted left edge minus packed offset", which turns
 * "keep order and spacing" into "non-decreasing".
 */
export function isotonic(t: readonly number[], w: readonly number[]): number[] {
  const blocks: { v: number; w: number; n: number }[] = [];
  for (let i = 0; i < t.length; i++) {
    blocks.push({ v: t[i]!, w: w[i]!, n: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.v > blocks[blocks.length - 1]!.v) {
      const b = blocks.pop()!;
      const a = blocks[blocks.length - 1]!;
      const tw = a.w + b.w;
      a.v = (a.v * a.w + b.v * b.w) / tw;
      a.w = tw;
      a.n += b.n;
    }
  }
  const out: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.n; k++) out.push(b.v);
  return out;
}

function placeLayers(layers: LLayer[], links: Link[][], ports: PortMap, opts: LayeredOptions): void {
  // Pack left first.
  for (const l of layers) {
    let x = opts.minX;
    l.items.forEach((it, i) => {
      if (i > 0) x += opts.separation(l.items[i - 1]!, it);
      it.x = x;
      x += it.w;
    });
  }
  const port = (it: LItem, edge: number, side: 'top' | 'bottom') => portOf(ports, it, edge, side);
  const centre = (it: LItem) => it.x + it.w / 2;
  const upLinks = new Map<LItem, Link[]>();
  const downLinks = new Map<LItem, Link[]>();
  for (const g of links) for (const l of g ?? []) {
    (upLinks.get(l.lower) ?? upLinks.set(l.lower, []).get(l.lower)!).push(l);
    (downLinks.get(l.upper) ?? downLinks.set(l.upper, []).get(l.upper)!).push(l);
  }
  // Long edges (dummy to dummy) pull hardest, so they stay straight.
  const weightOf = (l: Link) => (l.upper.kind === 'node' || l.lower.kind === 'node' ? 1 : 8);

  const place = (layer: LLayer, dir: 'up' | 'down') => {
    const items = layer.items;
    if (!items.length) return;
    const want: number[] = [];
    const weight: number[] = [];
    for (const it of items) {
      const own = dir === 'up' ? upLinks.get(it) : downLinks.get(it);
      const other = dir === 'up' ? downLinks.get(it) : upLinks.get(it);
      const use = own?.length ? { list: own, d: dir } : other?.length ? { list: other, d: dir === 'up' ? 'down' as const : 'up' as const } : undefined;
      if (it.pinned) { want.push(opts.minX); weight.push(1e6); continue; }
      if (!use) { want.push(it.x); weight.push(0.01); continue; }
      let sum = 0;
      let ws = 0;
      for (const l of use.list) {
        const w = weightOf(l);
        const target = use.d === 'up'
          ? centre(l.upper) + port(l.upper, l.edge, 'bottom') - port(it, l.edge, 'top')
          : centre(l.lower) + port(l.lower, l.edge, 'top') - port(it, l.edge, 'bottom');
        sum += w * (target - it.w / 2);
        ws += w;
      }
      want.push(sum / ws);
      weight.push(use.d === dir ? ws : ws * 0.5);
    }
    const offsets: number[] = [];
    let o = 0;
    items.forEach((it, i) => {
      if (i > 0) o += items[i - 1]!.w + opts.separation(items[i - 1]!, it);
      offsets.push(o);
    });
    const fit = isotonic(want.map((v, i) => v - offsets[i]!), weight);
    items.forEach((it, i) => { it.x = Math.round(Math.max(fit[i]!, opts.minX) + offsets[i]!); });
  };
  const active = layers.filter((l) => l.items.some((it) => upLinks.has(it) || downLinks.has(it)));
  const rounds = layers.reduce((n, l) => n + l.items.length, 0) > LARGE_ITEMS ? 3 : 10;
  for (let round = 0; round < rounds; round++) {
    for (let i = 1; i < active.length; i++) place(active[i]!, 'up');
    for (let i = active.length - 2; i >= 0; i--) place(active[i]!, 'down');
  }
  // Everything may have drifted right: shift back to the margin.
  let minLeft = Infinity;
  for (const l of layers) for (const it of l.items) minLeft = Math.min(minLeft, it.x);
  const shift = Number.isFinite(minLeft) ? minLeft - opts.minX : 0;
  for (const l of layers) for (const it of l.items) it.x -= shift;
}

/**
 * Local straightening after the placement: moves single items (a box, a dummy, a label) sideways
 * within the room their layer leaves them when that lines up more of their links exactly. The
 * least-squares placement gets close; this turns "close" into "straight" (no jog, no bends).
 */
function straighten(layers: LLayer[], links: Link[][], ports: PortMap, opts: LayeredOptions): void {
  const port = (it: LItem, edge: number, side: 'top' | 'bottom') => portOf(ports, it, edge, side);
  const mine = new Map<LItem, { other: LItem; edge: number; side: 'top' | 'bottom' }[]>();
  for (const g of links) for (const l of g ?? []) {
    (mine.get(l.upper) ?? mine.set(l.upper, []).get(l.upper)!).push({ other: l.lower, edge: l.edge, side: 'bottom' });
    (mine.get(l.lower) ?? mine.set(l.lower, []).get(l.lower)!).push({ other: l.upper, edge: l.edge, side: 'top' });
  }
  const score = (it: LItem, x: number) => {
    let bad = 0;
    let dev = 0;
    for (const m of mine.get(it) ?? []) {
      const a = x + it.w / 2 + port(it, m.edge, m.side);
      const b = m.other.x + m.other.w / 2 + port(m.other, m.edge, m.side === 'top' ? 'bottom' : 'top');
      if (Math.abs(a - b) > 0.5) { bad++; dev += Math.abs(a - b); }
    }
    return { bad, dev };
  };
  const active = layers.filter((l) => l.items.some((it) => mine.has(it)));
  for (let round = 0; round < 4; round++) {
    let moved = false;
    for (const layer of active) {
      layer.items.forEach((it, i) => {
        const own = mine.get(it);
        if (!own?.length || it.pinned) return;
        const prev = layer.items[i - 1];
        const next = layer.items[i + 1];
        const lo = prev ? prev.x + prev.w + opts.separation(prev, it) : opts.minX;
        const hi = next ? next.x - opts.separation(it, next) - it.w : Infinity;
        let best = score(it, it.x);
        let bestX = it.x;
        for (const m of own) {
          const want = m.other.x + m.other.w / 2 + port(m.other, m.edge, m.side === 'top' ? 'bottom' : 'top') - port(it, m.edge, m.side) - it.w / 2;
          if (want < lo || want > hi || want === bestX) continue;
          const s = score(it, want);
          if (s.bad < best.bad || (s.bad === best.bad && s.dev < best.dev - 0.5)) { best = s; bestX = want; }
        }
        if (bestX !== it.x) { it.x = bestX; moved = true; }
      });
    }
    if (!moved) break;
  }
}

/**
 * Pushes everything as far left as order, spacing and the straight links allow (the horizontal
 * compaction of Brandes and Köpf): items joined by a straight link form a block that moves as
 * one, and each block goes to the leftmost x its left neighbours in every layer leave it. This
 * removes the slack the least-squares placement leaves between groups, which is what made the
 * drawing wide, without adding a single bend.
 */
function compact(layers: LLayer[], links: Link[][], ports: PortMap, opts: LayeredOptions): void {
  const port = (it: LItem, edge: number, side: 'top' | 'bottom') => portOf(ports, it, edge, side);
  const parent = new Map<LItem, LItem>();
  const find = (it: LItem): LItem => {
    let r = it;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(it, r);
    return r;
  };
  for (const l of layers) for (const it of l.items) parent.set(it, it);
  for (const g of links) for (const l of g ?? []) {
    const a = l.upper.x + l.upper.w / 2 + port(l.upper, l.edge, 'bottom');
    const b = l.lower.x + l.lower.w / 2 + port(l.lower, l.edge, 'top');
    if (Math.abs(a - b) < 0.5) parent.set(find(l.lower), find(l.upper));
  }
  // Constraints between blocks: left neighbour's block + gap ≤ this block.
  const roots = new Set<LItem>();
  const offsets = new Map<LItem, number>();
  for (const l of layers) for (const it of l.items) roots.add(find(it));
  for (const l of layers) for (const it of l.items) offsets.set(it, it.x - find(it).x);
  const offset = (it: LItem) => offsets.get(it)!;
  const after = new Map<LItem, { to: LItem; gap: number }[]>();
  const before = new Map<LItem, { to: LItem; gap: number }[]>();
  const lowest = new Map<LItem, number>([...roots].map((r) => [r, -Infinity]));
  let right = -Infinity;
  for (const l of layers) l.items.forEach((it, i) => {
    const r = find(it);
    lowest.set(r, Math.max(lowest.get(r)!, opts.minX - offset(it)));
    const prev = l.items[i - 1];
    if (!prev) return;
    const p = find(prev);
    if (p === r) return;
    const gap = offset(prev) + prev.w + opts.separation(prev, it) - offset(it);
    (after.get(p) ?? after.set(p, []).get(p)!).push({ to: r, gap });
    (before.get(r) ?? before.set(r, []).get(r)!).push({ to: p, gap });
  });
  /** Longest-path positions along `next` (Kahn's order); undefined on a cycle. */
  const sweep = (next: Map<LItem, { to: LItem; gap: number }[]>, start: Map<LItem, number>, sign: 1 | -1): Map<LItem, number> | undefined => {
    const indeg = new Map<LItem, number>([...roots].map((r) => [r, 0]));
    for (const list of next.values()) for (const { to } of list) indeg.set(to, indeg.get(to)! + 1);
    const pos = new Map(start);
    const queue = [...roots].filter((r) => indeg.get(r) === 0);
    let done = 0;
    while (queue.length) {
      const r = queue.pop()!;
      done++;
      for (const { to, gap } of next.get(r) ?? []) {
        const v = pos.get(r)! + sign * gap;
        pos.set(to, sign > 0 ? Math.max(pos.get(to)!, v) : Math.min(pos.get(to)!, v));
        indeg.set(to, indeg.get(to)! - 1);
        if (indeg.get(to) === 0) queue.push(to);
      }
    }
    return done === roots.size ? pos : undefined;
  };
  const left = sweep(after, lowest, 1);
  // A cycle would mean the placement broke order somewhere; then keep the placement as it is.
  if (!left) return;
  for (const l of layers) for (const it of l.items) right = Math.max(right, left.get(find(it))! + offset(it) + it.w);
  // The same packed against the right edge of the left packing; the mean of the two is as
  // narrow and keeps items that are free to move between their neighbours instead of at one end.
  const highest = new Map<LItem, number>([...roots].map((r) => [r, Infinity]));
  for (const l of layers) for (const it of l.items) {
    highest.set(find(it), Math.min(highest.get(find(it))!, (it.pinned ? opts.minX : right - it.w) - offset(it)));
  }
  const rightPos = sweep(before, highest, -1);
  const linked = new Set<LItem>();
  for (const g of links) for (const l of g ?? []) { linked.add(find(l.upper)); linked.add(find(l.lower)); }
  const loose = new Set([...roots].filter((r) => !linked.has(r)));
  // Boxes with no edge stay packed left, like a grid; a last pass restores spacing where a
  // packed box would now sit against a block that moved right.
  const target = new Map<LItem, number>();
  for (const r of roots) target.set(r, rightPos && !loose.has(r) ? (left.get(r)! + rightPos.get(r)!) / 2 : left.get(r)!);
  const final = sweep(after, target, 1) ?? left;
  for (const l of layers) for (const it of l.items) it.x = Math.round(final.get(find(it))! + offset(it));
}

// ---------------------------------------------------------------------------------------------
// 3. Tracks and routes

interface Jog { edge: number; x1: number; x2: number; lo: number; hi: number; track: number }

/**
 * Assigns each horizontal jog in one gap a track (0 = top). A jog whose upper end lies within
 * another jog's span should run above it, and one whose lower end does should run below it;
 * otherwise its vertical crosses the other jog. Overlapping jogs never share a track.
 */
function assignTracks(jogs: Jog[], clearance: number): number {
  const n = jogs.length;
  if (n > LARGE_JOGS) return firstFitTracks(jogs, clearance);
  const overlaps = (a: Jog, b: Jog) => a.lo < b.hi + clearance && b.lo < a.hi + clearance;
  const above: Set<number>[] = jogs.map(() => new Set());
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    if (i === j) continue;
    const a = jogs[i]!;
    const b = jogs[j]!;
    if (!overlaps(a, b)) continue;
    const inside = (x: number) => x >= b.lo - clearance && x <= b.hi + clearance;
    // a's upper vertical within b's span: a must be above b (a ∈ above-set of b).
    if (inside(a.x1) && !inside(a.x2)) above[j]!.add(i);
    if (inside(a.x2) && !inside(a.x1)) above[i]!.add(j);
  }
  const done = new Array<boolean>(n).fill(false);
  let tracks = 0;
  for (let step = 0; step < n; step++) {
    // Next: an unplaced jog whose "must be above me" jogs are all placed (fewest missing on cycles).
    let pick = -1;
    let missing = Infinity;
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      let m = 0;
      for (const k of above[i]!) if (!done[k]) m++;
      if (m < missing || (m === missing && jogs[i]!.lo < jogs[pick]!.lo)) { pick = i; missing = m; }
    }
    const j = jogs[pick]!;
    let t = 0;
    for (const k of above[pick]!) if (done[k]) t = Math.max(t, jogs[k]!.track + 1);
    const taken = new Set<number>();
    for (let k = 0; k < n; k++) if (done[k] && overlaps(jogs[k]!, j)) taken.add(jogs[k]!.track);
    while (taken.has(t)) t++;
    j.track = t;
    done[pick] = true;
    tracks = Math.max(tracks, t + 1);
  }
  return tracks;
}

/** Above these sizes the quadratic refinements give way to linear-time ones (large designs). */
const LARGE_LINKS = 2000;
const LARGE_JOGS = 120;
const LARGE_ITEMS = 5000;

/** Interval partitioning: each jog, by its left end, on the first track free there. */
function firstFitTracks(jogs: Jog[], clearance: number): number {
  const ends: number[] = [];
  for (const j of [...jogs].sort((a, b) => a.lo - b.lo)) {
    let t = ends.findIndex((end) => end + clearance <= j.lo);
    if (t < 0) t = ends.push(-Infinity) - 1;
    j.track = t;
    ends[t] = j.hi;
  }
  return ends.length;
}

/** Lays out `layers` and routes `edges` (see the module comment). Mutates the items' `x` and the layers' `y`. */
export function layered(layers: LLayer[], edges: readonly LEdge[], opts: LayeredOptions): LayeredResult {
  layers.forEach((l, i) => { for (const it of l.items) it.layer = i; });
  // Pinned items (band titles) take no part in ordering and placement: they go into the first
  // free stretch of their layer afterwards, so lines passing the header need not make way.
  const pinned = layers.map((l) => l.items.filter((it) => it.pinned));
  for (const l of layers) l.items = l.items.filter((it) => !it.pinned);
  const links = buildLinks(edges);
  orderLayers(layers, links);
  const ports = assignPorts(edges, links, opts.portGap);
  placeLayers(layers, links, ports, opts);
  straighten(layers, links, ports, opts);
  compact(layers, links, ports, opts);
  straighten(layers, links, ports, opts);
  layers.forEach((l, i) => {
    for (const p of pinned[i]!) {
      let x = opts.minX;
      for (const it of l.items) {
        if (it.x - opts.separation(p, it) >= x + p.w) break;
        x = Math.max(x, it.x + it.w + opts.separation(it, p));
      }
      p.x = x;
      l.items.push(p);
      l.items.sort((a, b) => a.x - b.x);
    }
  });
  const port = (it: LItem, edge: number, side: 'top' | 'bottom') => portOf(ports, it, edge, side);
  const px = (it: LItem, edge: number, side: 'top' | 'bottom') => it.x + it.w / 2 + port(it, edge, side);

  // Jogs per gap, tracks, then the vertical geometry.
  const jogsByGap: Jog[][] = layers.map(() => []);
  const jogOf = new Map<string, Jog>();
  links.forEach((g, gap) => {
    for (const l of g ?? []) {
      const x1 = px(l.upper, l.edge, 'bottom');
      const x2 = px(l.lower, l.edge, 'top');
      if (Math.abs(x1 - x2) < 0.5) continue;
      const jog: Jog = { edge: l.edge, x1, x2, lo: Math.min(x1, x2), hi: Math.max(x1, x2), track: 0 };
      jogsByGap[gap]!.push(jog);
      jogOf.set(`${gap}|${l.edge}`, jog);
    }
  });
  const gapTracks = jogsByGap.map((j) => assignTracks(j, 6));
  let y = opts.top;
  layers.forEach((l, i) => {
    if (i > 0) {
      const t = gapTracks[i - 1]!;
      y += Math.max(l.gapAbove, t ? 2 * opts.trackPad + (t - 1) * opts.trackStep : 0);
    }
    l.y = y;
    y += l.h;
  });
  const height = y;
  let width = 0;
  for (const l of layers) for (const it of l.items) width = Math.max(width, it.x + it.w);

  const itemTop = (it: LItem) => layers[it.layer]!.y + (layers[it.layer]!.h - it.h) / 2;
  const routes = edges.map((e, edge) => {
    const first = e.chain[0]!;
    const pts: [number, number][] = [];
    if (e.chain.length < 2) return pts;
    pts.push([px(first, edge, 'bottom'), itemTop(first) + first.h]);
    for (let k = 1; k < e.chain.length; k++) {
      const upper = e.chain[k - 1]!;
      const lower = e.chain[k]!;
      const jog = jogOf.get(`${upper.layer}|${edge}`);
      if (jog) {
        const gapTop = layers[upper.layer]!.y + layers[upper.layer]!.h;
        const gapBottom = layers[lower.layer]!.y;
        const used = gapTracks[upper.layer]!;
        // Centre the tracks in the gap.
        const span = (used - 1) * opts.trackStep;
        const ty = Math.round((gapTop + gapBottom) / 2 - span / 2 + jog.track * opts.trackStep);
        pts.push([jog.x1, ty], [jog.x2, ty]);
      }
      const x = px(lower, edge, 'top');
      pts.push([x, k === e.chain.length - 1 ? itemTop(lower) : layers[lower.layer]!.y + layers[lower.layer]!.h]);
    }
    return simplify(e.reversed ? pts.reverse() : pts);
  });
  return { routes, width, height };
}

/** Drops repeated and collinear points. */
export function simplify(points: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((prev[0] === last[0] && last[0] === p[0]) || (prev[1] === last[1] && last[1] === p[1]))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
