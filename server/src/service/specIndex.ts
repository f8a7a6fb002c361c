// The editor's view of a spec version: the engine's own parse (its SourceMap, the one the findings
// were located with) listed by path and searchable by offset. Hover, completion, navigation and code
// actions read it and never parse the document themselves, so their positions cannot disagree with
// the findings'. Completion alone parses a hypothetical text (the document with a marker at the
// cursor), with the same engine parser.
import { parseSource, SourceMap, type EntryKind } from '../engine/index.js';

export type Segment = string | number;

export interface IndexEntry {
  path: string;
  segments: Segment[];
  /** [start, end) of the key, for mapping entries. */
  key?: readonly [number, number];
  /** [start, end) of the value node (for an empty value: the key). */
  value: readonly [number, number];
  /** Scalar value, when the value is a scalar. */
  scalar?: unknown;
  kind: EntryKind;
  /** Column of the mapping's first key, for mapping values (where new children go). */
  childIndent?: number;
  /** The collection is written in flow style ({…}), where block edits do not apply. */
  flow?: boolean;
}

export interface YamlIndex {
  text: string;
  entries: IndexEntry[];
  byPath: Map<string, IndexEntry>;
  map: SourceMap;
  /** The root is a mapping (the only shape a spec may have). */
  rootIsMap: boolean;
  rootChildIndent: number;
}

export function joinPath(segments: readonly Segment[]): string {
  return segments.join('.');
}

const EMPTY = new SourceMap('');
const views = new WeakMap<SourceMap, YamlIndex>();

/**
 * The index of an analysed version: a view over the engine's source map, built once per map.
 * A map that crossed a thread boundary is revived first; no map (the text was not parsed) gives
 * an empty index.
 */
export function indexOf(map: SourceMap | undefined): YamlIndex {
  const source = map ? SourceMap.revive(map) : EMPTY;
  let view = views.get(source);
  if (!view) views.set(source, (view = build(source)));
  return view;
}

/** Parses a text that is no document version (completion's marker text) with the engine's parser. */
export function parseIndex(text: string): YamlIndex {
  try {
    return build(parseSource(text).map);
  } catch {
    // Pathological input (stack exhaustion): completion offers nothing; the analysis reports it.
    return build(new SourceMap(text));
  }
}

function build(map: SourceMap): YamlIndex {
  const text = map.source;
  const byPath = new Map<string, IndexEntry>();
  const entries: IndexEntry[] = [];
  let rootIsMap = false;
  let rootChildIndent: number | undefined;
  for (const e of map.entries()) {
    const segments: Segment[] = e.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const entry: IndexEntry = { path: e.path, segments, key: e.key, value: e.value, kind: e.kind ?? 'null', flow: e.flow };
    if (e.kind === 'scalar' || e.kind === 'null') entry.scalar = e.scalar;
    entries.push(entry);
    if (!byPath.has(e.path)) byPath.set(e.path, entry);
    if (!e.key) continue;
    // Entries come in document order: the first key seen under a mapping gives its children's column.
    const column = e.key[0] - (text.lastIndexOf('\n', e.key[0] - 1) + 1);
    if (segments.length === 1) {
      rootIsMap = true;
      rootChildIndent ??= column;
    } else {
      const parent = byPath.get(joinPath(segments.slice(0, -1)));
      if (parent && parent.kind === 'map') parent.childIndent ??= column;
    }
  }
  return { text, entries, byPath, map, rootIsMap, rootChildIndent: rootChildIndent ?? 0 };
}

export interface NodeAt {
  entry: IndexEntry;
  /** The offset is on the key (true) or on the value (false). */
  onKey: boolean;
}

/** The innermost key or scalar value that contains the offset. */
export function nodeAt(index: YamlIndex, offset: number): NodeAt | undefined {
  let best: NodeAt | undefined;
  let bestSize = Infinity;
  for (const entry of index.entries) {
    if (entry.key && entry.key[0] <= offset && offset <= entry.key[1]) {
      const size = entry.key[1] - entry.key[0];
      if (size < bestSize || (size === bestSize && best && !best.onKey)) {
        best = { entry, onKey: true };
        bestSize = size;
      }
    }
    if ((entry.kind === 'scalar' || entry.kind === 'alias') && entry.value[0] <= offset && offset <= entry.value[1]) {
      const size = entry.value[1] - entry.value[0];
      if (size < bestSize) {
        best = { entry, onKey: false };
        bestSize = size;
      }
    }
  }
  return best;
}

/** Where a span sits in the text as an LSP range (0-based line / UTF-16 character). */
export function toRange(index: YamlIndex, span: readonly [number, number]): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return index.map.rangeOfSpan(span);
}

/** LSP position of an offset (never between \r and \n). */
export function position(index: YamlIndex, offset: number): { line: number; character: number } {
  return index.map.position(offset);
}

/** Component ids declared under components:, with the span of each id value. */
export function componentIds(index: YamlIndex): { id: string; span: [number, number]; path: string; index: number }[] {
  const result: { id: string; span: [number, number]; path: string; index: number }[] = [];
  for (const entry of index.entries) {
    const s = entry.segments;
    if (s.length === 3 && s[0] === 'components' && typeof s[1] === 'number' && s[2] === 'id' && entry.kind === 'scalar' && typeof entry.scalar === 'string') {
      result.push({ id: entry.scalar, span: scalarSpan(index.text, entry.value), path: entry.path, index: s[1] });
    }
  }
  return result;
}

/**
 * Spec paths whose string value is a component id: v1's signer-set fields, and format 2's hops,
 * emergency upgrade holders, token controls and governance upgrade paths.
 */
export const REFERENCE_PATH = new RegExp('^(?:' + [
  'pegs\\.\\d+\\.(?:signers|emergencyRecovery\\.signers|upgrade\\.authority)',
  'pegs\\.\\d+\\.hops\\.\\d+\\.(?:signers|upgrade\\.authority)',
  'pegs\\.\\d+\\.upgrade\\.emergency\\.(?:holder|holders\\.\\d+)',
  'pegs\\.\\d+\\.controls\\.(?:pause|blacklist|mint)',
  'governance\\.upgradePaths\\.\\d+\\.(?:holder|holders\\.\\d+)',
  'exits\\.watchtowers\\.set', 'dataAvailability\\.committee', 'stateValidation\\.challengers', 'governance\\.securityCouncil',
].join('|') + ')$');

export function isReferencePath(path: string): boolean {
  return REFERENCE_PATH.test(path);
}

/** Every component reference written as an id (inline sets and `none` are not references). */
export function componentReferences(index: YamlIndex): { id: string; span: [number, number]; path: string }[] {
  const result: { id: string; span: [number, number]; path: string }[] = [];
  for (const entry of index.entries) {
    if (entry.kind !== 'scalar' || typeof entry.scalar !== 'string' || entry.scalar === 'none') continue;
    if (!isReferencePath(entry.path)) continue;
    result.push({ id: entry.scalar, span: scalarSpan(index.text, entry.value), path: entry.path });
  }
  return result;
}

/** The span of a scalar's content: quotes excluded, so an edit keeps the author's quoting. */
export function scalarSpan(text: string, span: readonly [number, number]): [number, number] {
  const first = text[span[0]];
  if ((first === '"' || first === "'") && span[1] - span[0] >= 2 && text[span[1] - 1] === first) return [span[0] + 1, span[1] - 1];
  // Plain scalars' ranges can include trailing spaces before a comment.
  let end = span[1];
  while (end > span[0] && /\s/.test(text[end - 1]!)) end--;
  return [span[0], end];
}
