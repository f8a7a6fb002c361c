// A position-addressable index of a spec's YAML: every key and value with its dotted path and
// offsets. The engine keeps its own source map for findings; the editor features need the reverse
// direction (offset → path), so the language service parses the text once per version here.
import { LineCounter, isAlias, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { MAX_DEPTH } from '../engine/parse/source.js';

export type Segment = string | number;

export interface IndexEntry {
  path: string;
  segments: Segment[];
  /** [start, end) of the key, for mapping entries. */
  key?: [number, number];
  /** [start, end) of the value node (for an empty value: the key). */
  value: [number, number];
  /** Scalar value, when the value is a scalar. */
  scalar?: unknown;
  kind: 'map' | 'seq' | 'scalar' | 'alias' | 'null';
  /** Column of the mapping's first key, for mapping values (where new children go). */
  childIndent?: number;
  /** The mapping is written in flow style ({…}), where block edits do not apply. */
  flow?: boolean;
}

export interface YamlIndex {
  text: string;
  entries: IndexEntry[];
  byPath: Map<string, IndexEntry>;
  lineCounter: LineCounter;
  /** The root is a block mapping (the only shape a spec may have). */
  rootIsMap: boolean;
  rootChildIndent: number;
}

export function joinPath(segments: readonly Segment[]): string {
  return segments.join('.');
}

export function buildIndex(text: string): YamlIndex {
  const lineCounter = new LineCounter();
  const entries: IndexEntry[] = [];
  const byPath = new Map<string, IndexEntry>();
  let rootIsMap = false;
  let rootChildIndent = 0;
  try {
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
    const root = doc.contents as YamlNode | null;
    if (root && isMap(root)) {
      rootIsMap = true;
      rootChildIndent = firstKeyColumn(root, text) ?? 0;
    }
    if (root) walk(root, [], 0, text, entries, byPath);
  } catch {
    // Pathological input (stack exhaustion): the editor features degrade to nothing, the
    // diagnostics still come from the engine, which reports the problem.
  }
  return { text, entries, byPath, lineCounter, rootIsMap, rootChildIndent };
}

function walk(node: YamlNode, segments: Segment[], depth: number, text: string, entries: IndexEntry[], byPath: Map<string, IndexEntry>): void {
  if (depth > MAX_DEPTH) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      if (!keyNode || !isScalar(keyNode) || !keyNode.range) continue;
      const childSegments = [...segments, String(keyNode.value)];
      const valueNode = pair.value as YamlNode | null;
      const keySpan: [number, number] = [keyNode.range[0], keyNode.range[1]];
      const entry = describe(valueNode, childSegments, text);
      entry.key = keySpan;
      if (!valueNode || !valueNode.range) entry.value = keySpan;
      add(entry, entries, byPath);
      if (valueNode) walk(valueNode, childSegments, depth + 1, text, entries, byPath);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const child = item as YamlNode | null;
      if (!child || !child.range) return;
      const childSegments = [...segments, index];
      add(describe(child, childSegments, text), entries, byPath);
      walk(child, childSegments, depth + 1, text, entries, byPath);
    });
  }
}

function add(entry: IndexEntry, entries: IndexEntry[], byPath: Map<string, IndexEntry>): void {
  entries.push(entry);
  if (!byPath.has(entry.path)) byPath.set(entry.path, entry);
}

function describe(node: YamlNode | null, segments: Segment[], text: string): IndexEntry {
  const path = joinPath(segments);
  if (!node || !node.range) return { path, segments, value: [0, 0], kind: 'null' };
  const value: [number, number] = [node.range[0], node.range[1]];
  if (isMap(node)) {
    return { path, segments, value, kind: 'map', childIndent: firstKeyColumn(node, text), flow: node.flow === true };
  }
  if (isSeq(node)) return { path, segments, value, kind: 'seq', flow: node.flow === true };
  if (isAlias(node)) return { path, segments, value, kind: 'alias' };
  if (isScalar(node)) {
    if (node.value === null) return { path, segments, value, kind: 'null', scalar: null };
    return { path, segments, value, kind: 'scalar', scalar: node.value };
  }
  return { path, segments, value, kind: 'null' };
}

function firstKeyColumn(map: YAMLMap, text: string): number | undefined {
  const first = map.items[0];
  const key = first && isPair(first) ? (first.key as YamlNode | null) : null;
  if (!key || !key.range) return undefined;
  const start = key.range[0];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return start - lineStart;
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

/** Where a path sits in the text as an LSP-style range (0-based line / character). */
export function toRange(index: YamlIndex, span: readonly [number, number]): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: position(index, span[0]), end: position(index, span[1]) };
}

export function position(index: YamlIndex, offset: number): { line: number; character: number } {
  const clamped = Math.max(0, Math.min(offset, index.text.length));
  const { line, col } = index.lineCounter.linePos(clamped);
  return { line: line - 1, character: col - 1 };
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

/** Paths whose string value names a component (a signer-set reference). */
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
