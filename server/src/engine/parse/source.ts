// Parses spec text with `yaml`, keeping every node's source range so findings can point at the
// exact key or value. Paths are dotted ("pegs.0.threshold"), matching the schema validator's paths.
//
// Specs are parsed in fragments: each top-level section, and groups of items of a top-level block list
// (components, pegs…), is parsed on its own and cached by its text, so an edit re-parses only the
// fragment it touched (see fragments.ts). Text the fragment plan cannot prove equivalent (anchors,
// several documents, unusual top-level layout) is parsed whole. Either way the result depends only
// on the text, never on what was cached.
import { parseAllDocuments, isMap, isSeq, isScalar, isPair } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { Position, Range } from '../types.js';
import { lineAt, lineStarts } from './lines.js';
import { planFragments, type FragmentPlan } from './fragments.js';
import { quoted } from './didYouMean.js';
import { withoutPaths } from './numbers.js';

/** Offsets [start, end) into the text. */
export type Span = readonly [number, number];

/** What a node holds; editor features need it (where a key can be inserted, what a hover describes). */
export type EntryKind = 'map' | 'seq' | 'scalar' | 'alias' | 'null';

export interface Entry {
  key?: Span;
  value: Span;
  kind?: EntryKind;
  /** The value, when it is a scalar (as parsed: string, number, boolean, null). */
  scalar?: unknown;
  /** The collection is written in flow style ({…} or […]). */
  flow?: boolean;
}

/** An entry with its absolute spans and its path, as listed by SourceMap.entries(). */
export interface SourceEntry extends Entry {
  path: string;
}

export interface SyntaxProblem {
  message: string;
  code: string;
  span: Span;
  /** yaml reports some problems (e.g. duplicate keys) as warnings. */
  warning: boolean;
  /** Set when the message is l2spec's own wording (not yaml's), with the rule it belongs to. */
  ruleId?: string;
}

/** Nesting deeper than this is not part of any valid spec; we stop walking so hostile input stays cheap. */
export const MAX_DEPTH = 64;
/**
 * List items per fragment when parsing once (see parsePlanned): enough that yaml's per-document
 * overhead stays small. A cache that serves later versions of the text takes fewer (FragmentCache).
 */
export const ITEMS_PER_FRAGMENT = 8;
/** yaml's guard against "billion laughs": expanding more aliases than this fails the conversion. */
const MAX_ALIAS_COUNT = 200;

/** Entries of one parsed piece of text, with spans relative to the piece. */
type EntryTable = Map<string, Entry>;

interface Mount {
  table: EntryTable;
  /** Path prefix inside the table that stands for the mounted path (e.g. "0" for a list item). */
  local: string;
  offset: number;
}

export class SourceMap {
  /** Direct entries; a whole-text table is adopted as is (it is cached and never written to). */
  private readonly direct: EntryTable;
  /** Fragment tables, by the spec path they provide (a top-level key, or "list.index"). */
  private readonly mounts = new Map<string, Mount>();
  private readonly starts: number[];

  constructor(private readonly text: string, table?: EntryTable) {
    this.starts = lineStarts(text);
    this.direct = table ?? new Map();
  }

  set(path: string, entry: Entry): void {
    if (this.direct.has(path)) return;
    this.direct.set(path, entry);
  }

  mount(path: string, table: EntryTable, local: string, offset: number): void {
    this.mounts.set(path, { table, local, offset });
  }

  private get(path: string): Entry | undefined {
    const entry = this.find(path);
    return entry && shifted(entry, this.foundOffset);
  }

  /** Offset of the fragment that held the entry the last find() returned (0 for a direct entry). */
  private foundOffset = 0;

  /**
   * The entry for a path as stored (spans relative to its fragment; the fragment's offset is left
   * in foundOffset, so that a lookup allocates nothing: findings look up thousands of paths).
   */
  private find(path: string): Entry | undefined {
    this.foundOffset = 0;
    const direct = this.direct.get(path);
    if (direct) return direct;
    if (this.mounts.size === 0) return undefined;
    // Mounts sit at depth 1 (a section) or 2 (an item of a top-level list): try the deeper first.
    const dot = path.indexOf('.');
    if (dot >= 0) {
      const dot2 = path.indexOf('.', dot + 1);
      const item = dot2 < 0 ? path : path.slice(0, dot2);
      const m = this.mounts.get(item);
      if (m) {
        this.foundOffset = m.offset;
        return m.table.get(dot2 < 0 ? m.local : m.local + path.slice(dot2));
      }
    }
    const section = dot < 0 ? path : path.slice(0, dot);
    const m = this.mounts.get(section);
    if (!m) return undefined;
    this.foundOffset = m.offset;
    return m.table.get(dot < 0 ? m.local : m.local + path.slice(dot));
  }

  has(path: string): boolean {
    return this.find(path) !== undefined;
  }

  /** The entry of a path with absolute spans; undefined when absent. */
  entry(path: string): Entry | undefined {
    return this.get(path);
  }

  /** The text this map describes. */
  get source(): string {
    return this.text;
  }

  /**
   * Every entry with its path and absolute spans, in document order. Editor features look paths up
   * by offset with it, so they read the same parse as the findings.
   */
  entries(): SourceEntry[] {
    const list: SourceEntry[] = [];
    for (const [path, entry] of this.direct) list.push({ ...entry, path });
    // A fragment table can serve several mounts (a group of list items): walk each table once and
    // rename its first path segment to the mounted path.
    const byTable = new Map<EntryTable, { offset: number; target: Map<string, string> }>();
    for (const [path, m] of this.mounts) {
      const group = byTable.get(m.table) ?? { offset: m.offset, target: new Map<string, string>() };
      group.target.set(m.local, path);
      byTable.set(m.table, group);
    }
    for (const [table, { offset, target }] of byTable) {
      for (const [local, entry] of table) {
        const dot = local.indexOf('.');
        const mounted = target.get(dot < 0 ? local : local.slice(0, dot));
        if (mounted === undefined) continue;
        list.push({ ...shifted(entry, offset)!, path: dot < 0 ? mounted : mounted + local.slice(dot) });
      }
    }
    return list.sort((a, b) => (a.key?.[0] ?? a.value[0]) - (b.key?.[0] ?? b.value[0]) || a.path.length - b.path.length);
  }

  /**
   * A SourceMap that crossed a thread boundary (structured clone keeps its data, not its class)
   * made usable again; an instance is returned as is.
   */
  static revive(map: SourceMap): SourceMap {
    return map instanceof SourceMap ? map : (Object.setPrototypeOf(map, SourceMap.prototype) as SourceMap);
  }

  position(offset: number): Position {
    let clamped = Math.max(0, Math.min(offset, this.text.length));
    // Never place a position between \r and \n: LSP lines end before the line break.
    if (clamped > 0 && this.text.charCodeAt(clamped - 1) === 13 && this.text.charCodeAt(clamped) === 10) clamped--;
    const line = lineAt(this.starts, clamped);
    return { line, character: clamped - this.starts[line]! };
  }

  rangeOfSpan(span: Span): Range {
    return { start: this.position(span[0]), end: this.position(span[1]) };
  }

  /** Exact range of a path (its value, or its key when `key` is set); undefined when absent. */
  rangeOf(path: string, key = false): Range | undefined {
    const entry = this.find(path);
    if (!entry) return undefined;
    return this.rangeAt(key && entry.key ? entry.key : entry.value, this.foundOffset);
  }

  /** The range of a span stored relative to a fragment at `offset`. */
  private rangeAt(span: Span, offset: number): Range {
    return { start: this.position(span[0] + offset), end: this.position(span[1] + offset) };
  }

  /**
   * Where a finding about `path` belongs: a scalar value itself; a block mapping or list by the
   * words a reader looks for (a component's `id`, a section's key), never all of its lines; a
   * missing key on its parent, so anchored the same way; a missing top-level section at `system:`,
   * or at the end of the document. Returns the path used.
   */
  locate(path: string): { path: string; range: Range } {
    const exact = this.find(path);
    if (exact) return { path, range: this.anchor(path, exact, this.foundOffset) };
    let parent = path;
    while (parent.includes('.')) {
      parent = parent.slice(0, parent.lastIndexOf('.'));
      const entry = this.find(parent);
      if (entry) return { path: parent, range: this.anchor(parent, entry, this.foundOffset, true) };
    }
    // A top-level section is missing: the reader looks at the system's description, or where it would be added.
    const system = this.get('system');
    if (system?.key) return { path: 'system', range: this.rangeOfSpan(system.key) };
    const end = this.text.replace(/\s+$/, '').length;
    if (end > 0) {
      const lastLine = this.text.lastIndexOf('\n', end - 1) + 1;
      return { path: '', range: this.rangeOfSpan([lastLine, end]) };
    }
    return { path: '', range: this.rangeOfSpan([0, 0]) };
  }

  /**
   * The range that stands for an entry: a scalar's value; for a collection, its `id` value when it
   * has one, else its key, else its first key. `asParent`: the entry stands for a missing child,
   * so a scalar is marked by its key.
   */
  private anchor(path: string, entry: Entry, offset: number, asParent = false): Range {
    const collection = entry.kind === 'map' || entry.kind === 'seq';
    if (!collection || entry.flow) return this.rangeAt(asParent && entry.key ? entry.key : entry.value, offset);
    const id = entry.kind === 'map' ? this.find(`${path}.id`) : undefined;
    if (id && (id.kind === 'scalar' || id.kind === undefined)) return this.rangeAt(id.value, this.foundOffset);
    if (entry.key) return this.rangeAt(entry.key, offset);
    // A list item without an id: its first line's key (or first item), not the whole block.
    const first = entry.kind === 'seq' ? this.find(`${path}.0`) : undefined;
    if (first) return this.rangeAt(first.key ?? first.value, this.foundOffset);
    const start = entry.value[0] + offset;
    const end = entry.value[1] + offset;
    const lineEnd = this.text.indexOf('\n', start);
    return this.rangeOfSpan([start, lineEnd < 0 || lineEnd > end ? end : lineEnd]);
  }
}

function shifted(entry: Entry | undefined, offset: number): Entry | undefined {
  if (!entry || offset === 0) return entry;
  const moved: Entry = { ...entry, value: [entry.value[0] + offset, entry.value[1] + offset] };
  if (entry.key) moved.key = [entry.key[0] + offset, entry.key[1] + offset];
  return moved;
}

export interface ParsedSource {
  /** Plain JS value of the first document; undefined when there is none or it could not be converted. */
  value: unknown;
  /** What the first document holds at its root. */
  root: 'empty' | 'map' | 'other';
  rootSpan: Span;
  /** Set when converting to JS hit the alias limit (a "billion laughs" document). */
  aliasError?: string;
  extraDocumentStarts: number[];
  problems: SyntaxProblem[];
  map: SourceMap;
  /** Set when nesting exceeded MAX_DEPTH at this span. */
  tooDeep?: Span;
}

/** A parsed piece of text: everything about it with spans relative to its start. */
interface Fragment {
  /** The single document's root node kind and what it holds. */
  docs: number;
  rootKind: 'empty' | 'map' | 'seq' | 'other';
  rootSpan: Span;
  /** Keys of a root map, or item count of a root sequence. */
  rootKeys: string[];
  rootItems: number;
  value: unknown;
  aliasError?: string;
  problems: SyntaxProblem[];
  table: EntryTable;
  tooDeep?: Span;
  extraDocumentStarts: number[];
  /** Key span of the root map's first pair (for duplicate-section checks). */
  firstKeySpan?: Span;
}

/**
 * Keeps the fragments of recent parses, keyed by their text. Each parse keeps the fragments it
 * used, and fragments it did not use only within `keepChars` characters of their text (least
 * recently used dropped first), so memory stays proportional to the document plus that bound.
 * With the default 0 only the last parse's fragments stay (an editor's analyzer: the next version
 * shares them). The plan search keeps more: it re-analyses many variants of one text, each
 * differing from the others in a section or two.
 */
export class FragmentCache {
  /** Fragments by text, least recently used first. */
  private readonly entries = new Map<string, Fragment>();
  private readonly used = new Set<string>();
  private chars = 0;

  /**
   * `keepChars`: see above. `itemsPerFragment`: list items parsed together; an editor's cache
   * takes 1, so that an edit in one item re-parses that item alone (an 8-item group was half of
   * an edit's analysis time on a 1,000-line spec).
   */
  constructor(private readonly keepChars = 0, readonly itemsPerFragment = ITEMS_PER_FRAGMENT) {}

  get(text: string): Fragment {
    let fragment = this.entries.get(text);
    if (fragment) this.entries.delete(text);
    else {
      fragment = parseFragment(text);
      this.chars += text.length;
    }
    this.entries.set(text, fragment);
    this.used.add(text);
    return fragment;
  }

  /** Ends one parse: fragments it did not use are dropped beyond `keepChars`. */
  settle(): void {
    let usedChars = 0;
    for (const t of this.used) usedChars += t.length;
    for (const t of this.entries.keys()) {
      if (this.chars <= usedChars + this.keepChars) break;
      if (this.used.has(t)) continue;
      this.entries.delete(t);
      this.chars -= t.length;
    }
    this.used.clear();
  }
}

export function parseSource(text: string, cache: FragmentCache = new FragmentCache(), minFragmentLength?: number): ParsedSource {
  const plan = planFragments(text, minFragmentLength);
  const result = (plan && parsePlanned(text, plan, cache)) ?? parseWhole(text, cache);
  cache.settle();
  return result;
}

function parseWhole(text: string, cache: FragmentCache): ParsedSource {
  const whole = cache.get(text);
  const map = new SourceMap(text, whole.table);
  return {
    value: whole.value,
    root: whole.rootKind === 'map' ? 'map' : whole.rootKind === 'empty' ? 'empty' : 'other',
    rootSpan: whole.rootSpan,
    aliasError: whole.aliasError,
    extraDocumentStarts: whole.extraDocumentStarts,
    problems: whole.problems,
    map,
    tooDeep: whole.tooDeep,
  };
}

/**
 * Whether a fragment's parse may differ from the same text inside the whole document: after a
 * syntax error (an unclosed quote or bracket) the parser may read on past the fragment's end, so
 * the text is parsed whole until it is fixed.
 */
function crossesFragments(f: Fragment): boolean {
  return f.problems.some((p) => !p.warning && p.ruleId === undefined);
}

/** Assembles the fragments of a plan; undefined when a fragment does not parse as the plan expects. */
function parsePlanned(text: string, plan: FragmentPlan, cache: FragmentCache): ParsedSource | undefined {
  const map = new SourceMap(text);
  const problems: SyntaxProblem[] = [];
  const value: Record<string, unknown> = {};
  const seen = new Map<string, Span>();
  let tooDeep: Span | undefined;
  const shift = (span: Span, by: number): Span => [span[0] + by, span[1] + by];

  for (const section of plan.sections) {
    if (section.items.length === 0) {
      const f = cache.get(text.slice(section.start, section.end));
      if (f.docs !== 1 || f.rootKind !== 'map' || f.rootKeys.length !== 1 || f.rootKeys[0] !== section.key || crossesFragments(f)) return undefined;
      map.mount(section.key, f.table, section.key, section.start);
      for (const p of f.problems) problems.push({ ...p, span: shift(p.span, section.start) });
      if (f.tooDeep) tooDeep ??= shift(f.tooDeep, section.start);
      value[section.key] = (f.value as Record<string, unknown>)[section.key];
      noteKey(section.key, shift(f.firstKeySpan!, section.start));
      continue;
    }
    // A block list: its header ("components:") and each item are fragments of their own.
    const header = cache.get(text.slice(section.start, section.items[0]!.start));
    if (header.docs !== 1 || header.rootKind !== 'map' || header.rootKeys.length !== 1 || header.rootKeys[0] !== section.key || header.problems.length > 0) return undefined;
    const keySpan = shift(header.firstKeySpan!, section.start);
    const list: unknown[] = [];
    let listEnd = section.items[0]!.start;

    // Items are parsed in groups of a fixed count (the cache's): counting, not sizing, keeps the
    // groups stable while an item's text changes.
    const per = Math.max(1, cache.itemsPerFragment);
    for (let first = 0; first < section.items.length; first += per) {
      const group = section.items.slice(first, first + per);
      const start = group[0]!.start;
      const f = cache.get(text.slice(start, group.at(-1)!.end));
      if (f.docs !== 1 || f.rootKind !== 'seq' || f.rootItems !== group.length || crossesFragments(f)) return undefined;
      group.forEach((_, k) => map.mount(`${section.key}.${first + k}`, f.table, String(k), start));
      for (const p of f.problems) problems.push({ ...p, span: shift(p.span, start) });
      if (f.tooDeep) tooDeep ??= shift(f.tooDeep, start);
      for (const item of f.value as unknown[]) list.push(item);
      listEnd = Math.max(listEnd, start + f.rootSpan[1]);
    }
    const listStart = section.items[0]!.start + section.items[0]!.dash;
    map.set(section.key, { key: keySpan, value: [listStart, listEnd], kind: 'seq' });
    value[section.key] = list;
    noteKey(section.key, keySpan);
  }

  return {
    value,
    root: 'map',
    rootSpan: [plan.sections[0]!.firstKey, plan.sections.at(-1)!.end],
    extraDocumentStarts: [],
    problems,
    map,
    tooDeep,
  };

  function noteKey(key: string, span: Span): void {
    // Whole-document parsing reports a repeated top-level key; fragments cannot see each other, so check here.
    // Same message and span as yaml gives for a whole document.
    if (seen.has(key)) problems.push(duplicateKeyProblem(key, span));
    else seen.set(key, span);
  }
}

function parseFragment(text: string): Fragment {
  // logLevel 'error': yaml's own console warnings (e.g. collection keys) would only be noise in a server.
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const list = Array.isArray(docs) ? docs : [];
  const problems: SyntaxProblem[] = [];
  for (const doc of list) {
    // Duplicate keys are reported by the walk below, naming the key and covering it.
    for (const e of doc.errors) if (e.code !== 'DUPLICATE_KEY') problems.push({ message: e.message, code: e.code, span: [e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)], warning: false });
    for (const w of doc.warnings) problems.push({ message: w.message, code: w.code, span: [w.pos[0], Math.max(w.pos[1], w.pos[0] + 1)], warning: true });
  }
  const doc = list[0];
  const contents = doc?.contents as YamlNode | null | undefined;
  const table: EntryTable = new Map();
  const fragment: Fragment = {
    docs: list.length, rootKind: 'empty', rootSpan: [0, 0], rootKeys: [], rootItems: 0, value: undefined,
    problems, table, extraDocumentStarts: list.slice(1).map((d) => d.range[0]),
  };
  if (!doc || contents === null || contents === undefined) return fragment;
  fragment.rootSpan = spanOf(contents);
  if (isMap(contents)) {
    fragment.rootKind = 'map';
    fragment.rootKeys = contents.items.map((p) => (isPair(p) && p.key && isScalar(p.key) ? String(p.key.value) : ''));
    const first = contents.items[0];
    if (first && isPair(first) && first.key) fragment.firstKeySpan = spanOf(first.key as YamlNode);
  } else if (isSeq(contents)) {
    fragment.rootKind = 'seq';
    fragment.rootItems = contents.items.length;
  } else fragment.rootKind = 'other';
  const w: Walk = { table, needsToJS: false, shadow: 0, keyProblems: [], mergeKeys: [] };
  const value = walk(contents, '', 0, w);
  fragment.tooDeep = w.tooDeep;
  // A loop, not push(...): a spread of 100,000 problems would overflow the stack.
  for (const p of w.keyProblems) problems.push(p);
  if (!w.needsToJS) {
    fragment.value = value;
    return fragment;
  }
  try {
    // toJS keeps "<<" as an ordinary key (YAML 1.2 has no merge keys): take it out, as the walk does.
    fragment.value = withoutPaths(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), w.mergeKeys);
  } catch (error) {
    fragment.aliasError = String((error as Error)?.message ?? error).split('\n')[0];
  }
  return fragment;
}

interface Walk {
  table: EntryTable;
  /** While > 0, the walk is inside a value that a later duplicate key overrides: record no positions. */
  shadow: number;
  /** Duplicate and merge keys, in l2spec's wording. */
  keyProblems: SyntaxProblem[];
  /** Paths of "<<" keys, left out of the value. */
  mergeKeys: string[];
  /** Span where nesting got too deep, if it did. */
  tooDeep?: Span;
  /** Set when the plain value cannot be built here (aliases, collection or special keys): use toJS. */
  needsToJS: boolean;
}

/**
 * Records the range of every node reachable from `node` and builds its plain JS value on the way
 * (as yaml's toJS would, for the alias-free documents specs are), saving a second traversal.
 */
function walk(node: YamlNode, path: string, depth: number, w: Walk): unknown {
  if (depth > MAX_DEPTH) {
    w.tooDeep ??= spanOf(node);
    w.needsToJS = true;
    return undefined;
  }
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    // The last of duplicate keys is the one in use (as in yaml's toJS): earlier ones are walked in
    // the shadow, so every position recorded for a path is the one of the value analysed.
    const last = new Map<string, number>();
    node.items.forEach((pair, i) => {
      if (isPair(pair) && pair.key && isScalar(pair.key)) last.set(String((pair.key as { value: unknown }).value), i);
    });
    const seen = new Set<string>();
    node.items.forEach((pair, i) => {
      if (!isPair(pair)) return;
      const keyNode = pair.key as YamlNode | null;
      if (!keyNode || !isScalar(keyNode)) {
        w.needsToJS = true;
        return;
      }
      const key = String(keyNode.value);
      if (key === '__proto__') w.needsToJS = true;
      const childPath = path ? `${path}.${key}` : key;
      const keySpan = spanOf(keyNode);
      if (key === '<<' && keyNode.type === 'PLAIN') {
        // Merge keys are a YAML 1.1 feature; the spec format is YAML 1.2 without them (docs/spec-format.md).
        // One finding per mapping, on its first "<<": the format says it once, not per merged source.
        if (!w.shadow && !seen.has('<<')) {
          w.keyProblems.push({ message: 'Merge keys ("<<") are not supported: the spec format is YAML 1.2 without merge keys, so nothing is merged here. Write the keys out in this mapping.', code: 'MERGE_KEY', span: keySpan, warning: false, ruleId: 'L2S-FMT-003' });
        }
        if (!seen.has('<<')) w.mergeKeys.push(childPath);
        seen.add('<<');
        return;
      }
      if (seen.has(key) && !w.shadow) w.keyProblems.push(duplicateKeyProblem(key, keySpan));
      seen.add(key);
      const shadowed = last.get(key) !== i;
      if (shadowed) w.shadow++;
      const valueNode = pair.value as YamlNode | null;
      if (!w.shadow && !w.table.has(childPath)) w.table.set(childPath, { key: keySpan, ...describe(valueNode, keySpan) });
      const child = valueNode ? walk(valueNode, childPath, depth + 1, w) : null;
      if (shadowed) w.shadow--;
      else out[key] = child;
    });
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, index) => {
      const child = item as YamlNode | null;
      if (!child) return null;
      const childPath = path ? `${path}.${index}` : String(index);
      if (child.range && !w.shadow && !w.table.has(childPath)) w.table.set(childPath, describe(child, spanOf(child)));
      return walk(child, childPath, depth + 1, w);
    });
  }
  if (isScalar(node)) return node.value;
  // Aliases are not followed here (their target was recorded where it was defined); toJS resolves them.
  w.needsToJS = true;
  return undefined;
}

/** A repeated key, named and covered (the span is the repeated key's own). */
function duplicateKeyProblem(key: string, span: Span): SyntaxProblem {
  return { message: `Key ${quoted(key)} is repeated in this mapping; only its last value is used.`, code: 'DUPLICATE_KEY', span, warning: false, ruleId: 'L2S-FMT-001' };
}

/** Span, kind and scalar value of a node (`fallback` is the span of an absent value: its key). */
function describe(node: YamlNode | null, fallback: Span): Entry {
  if (!node || !node.range) return { value: fallback, kind: 'null', scalar: null };
  const value = spanOf(node);
  if (isMap(node)) return node.flow ? { value, kind: 'map', flow: true } : { value, kind: 'map' };
  if (isSeq(node)) return node.flow ? { value, kind: 'seq', flow: true } : { value, kind: 'seq' };
  if (isScalar(node)) return node.value === null ? { value, kind: 'null', scalar: null } : { value, kind: 'scalar', scalar: node.value };
  return { value, kind: 'alias' };
}

function spanOf(node: YamlNode): Span {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}
