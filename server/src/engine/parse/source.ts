// Parses spec text with `yaml`, keeping every node's source range so findings can point at the
// exact key or value. Paths are dotted ("pegs.0.threshold"), matching the schema validator's paths.
import { parseAllDocuments, isMap, isSeq, isScalar, isAlias, isPair } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { Position, Range } from '../types.js';
import { lineAt, lineStarts } from './lines.js';

/** Offsets [start, end) into the text. */
type Span = readonly [number, number];

interface Entry {
  key?: Span;
  value: Span;
}

export interface SyntaxProblem {
  message: string;
  code: string;
  span: Span;
  /** yaml reports some problems (e.g. duplicate keys) as warnings. */
  warning: boolean;
}

/** Nesting deeper than this is not part of any valid spec; we stop walking so hostile input stays cheap. */
export const MAX_DEPTH = 64;

export class SourceMap {
  private readonly entries = new Map<string, Entry>();
  private readonly starts: number[];

  constructor(private readonly text: string) {
    this.starts = lineStarts(text);
  }

  set(path: string, entry: Entry): void {
    if (!this.entries.has(path)) this.entries.set(path, entry);
  }

  has(path: string): boolean {
    return this.entries.has(path);
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
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    return this.rangeOfSpan(key && entry.key ? entry.key : entry.value);
  }

  /**
   * Where a finding about `path` belongs: the value when it exists, otherwise the key of the
   * nearest existing ancestor (a missing key is reported on its parent key). Returns the path used.
   */
  locate(path: string): { path: string; range: Range } {
    const exact = this.entries.get(path);
    if (exact) return { path, range: this.rangeOfSpan(exact.value) };
    let parent = path;
    while (parent.includes('.')) {
      parent = parent.slice(0, parent.lastIndexOf('.'));
      const entry = this.entries.get(parent);
      if (entry) return { path: parent, range: this.rangeOfSpan(entry.key ?? entry.value) };
    }
    // Nothing on the way up exists: anchor at the document's first top-level key.
    for (const [topPath, entry] of this.entries) {
      if (!topPath.includes('.')) return { path: topPath, range: this.rangeOfSpan(entry.key ?? entry.value) };
    }
    return { path: '', range: this.rangeOfSpan([0, 0]) };
  }

}

export interface ParsedSource {
  /** The first document; further documents are reported and ignored. */
  document?: Document.Parsed;
  extraDocumentStarts: number[];
  problems: SyntaxProblem[];
  map: SourceMap;
  /** Set when nesting exceeded MAX_DEPTH at this span. */
  tooDeep?: Span;
}

export function parseSource(text: string): ParsedSource {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true });
  const map = new SourceMap(text);
  const problems: SyntaxProblem[] = [];
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    for (const e of doc.errors) problems.push({ message: e.message, code: e.code, span: [e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)], warning: false });
    for (const w of doc.warnings) problems.push({ message: w.message, code: w.code, span: [w.pos[0], Math.max(w.pos[1], w.pos[0] + 1)], warning: true });
  }
  const result: ParsedSource = { document: list[0], extraDocumentStarts: list.slice(1).map((d) => d.range[0]), problems, map };
  if (result.document?.contents) {
    const deep = walk(result.document.contents as YamlNode, '', 0, map);
    if (deep) result.tooDeep = deep;
  }
  return result;
}

/** Records the range of every node reachable from `node`; returns the span where nesting got too deep, if it did. */
function walk(node: YamlNode, path: string, depth: number, map: SourceMap): Span | undefined {
  if (depth > MAX_DEPTH) return spanOf(node);
  let deep: Span | undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key === undefined) continue;
      const childPath = path ? `${path}.${key}` : key;
      const keySpan = spanOf(keyNode!);
      const valueNode = pair.value as YamlNode | null;
      map.set(childPath, { key: keySpan, value: valueNode && valueNode.range ? spanOf(valueNode) : keySpan });
      if (valueNode) deep = walk(valueNode, childPath, depth + 1, map) ?? deep;
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const child = item as YamlNode;
      if (!child || !child.range) return;
      const childPath = path ? `${path}.${index}` : String(index);
      map.set(childPath, { value: spanOf(child) });
      deep = walk(child, childPath, depth + 1, map) ?? deep;
    });
  } else if (isAlias(node)) {
    // Aliases are not followed: their target was recorded where it was defined.
  }
  return deep;
}

function spanOf(node: YamlNode): Span {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}
