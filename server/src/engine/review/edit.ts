// Applies changes to declared facts to a spec's text. Values are replaced in place and missing
// keys are inserted under their parent at its indentation, so the rest of the text (comments,
// layout, the other fragments the incremental analyzer caches) stays byte for byte the same. When
// no precise edit is safe (a flow collection to nest into, a key with an empty value…), the yaml
// library's Document API writes the value instead; it keeps comments but may re-flow the text.
import { isMap, parse, parseDocument } from 'yaml';
import type { AnalysisResult, Range } from '../types.js';

/** Set (or insert) the YAML value text `value` at the dotted spec path `path`. */
export interface SpecEdit {
  path: string;
  /** YAML text of the new value: a scalar ("30d", "true", "all") or a flow list ("[a, b]"). */
  value: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

interface Splice {
  start: number;
  end: number;
  text: string;
  order: number;
}

/**
 * Applies `edits` to `text`, using the positions of `result` (an analysis of exactly this text).
 * Returns the new text, or undefined when an edit cannot be placed (its path runs through a list
 * item that does not exist, or through a scalar). Two edits of one path: the last wins.
 */
export function applyEdits(text: string, result: AnalysisResult, edits: readonly SpecEdit[]): string | undefined {
  const last = new Map<string, SpecEdit>();
  for (const e of edits) last.set(e.path, e);
  const starts = lineStarts(text);
  const offset = (p: Range['start']) => (starts[p.line] ?? text.length) + p.character;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const splices: Splice[] = [];
  const hard: SpecEdit[] = [];
  let order = 0;
  for (const edit of last.values()) {
    const range = result.rangeOf(edit.path);
    if (range) {
      const s = offset(range.start);
      const e = offset(range.end);
      const current = text.slice(s, e);
      // Only a scalar or flow value is replaced in place; a block collection goes through the Document API.
      const key = current.includes('\n') && !/^[[{]/.test(current) && !/^[[{]/.test(edit.value) ? result.rangeOf(edit.path, true) : undefined;
      if (key && /^\s*:/.test(text.slice(offset(key.end), s))) {
        // A block map or list replaced by a scalar ("emergencyRecovery: none"): from the key's
        // colon to the block's end, so the rest of the file keeps its layout.
        let end = e;
        while (end > s && /\s/.test(text[end - 1]!)) end--;
        splices.push({ start: offset(key.end), end, text: `: ${edit.value}`, order: order++ });
      } else if (current.includes('\n') && !/^[[{]/.test(current)) hard.push(edit);
      else if (s === e) hard.push(edit);
      else splices.push({ start: s, end: e, text: edit.value, order: order++ });
      continue;
    }
    const segments = edit.path.split('.');
    let depth = segments.length - 1;
    while (depth > 0 && !result.rangeOf(segments.slice(0, depth).join('.'))) depth--;
    const missing = segments.slice(depth);
    if (missing.some((s) => /^\d+$/.test(s))) return undefined;
    const nest = (indent: string) => missing.map((k, i) => `${indent}${'  '.repeat(i)}${k}:${i === missing.length - 1 ? ` ${edit.value}` : ''}`).join(eol);
    if (depth === 0) {
      const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
      splices.push({ start: text.length, end: text.length, text: `${lead}${nest('')}${eol}`, order: order++ });
      continue;
    }
    const parent = result.rangeOf(segments.slice(0, depth).join('.'))!;
    const s = offset(parent.start);
    const e = offset(parent.end);
    const body = text.slice(s, e);
    if (body.startsWith('{') && body.trimEnd().endsWith('}')) {
      const close = s + body.trimEnd().length - 1;
      const inner = missing.slice(1).reduceRight((acc, k) => `{ ${k}: ${acc} }`, edit.value);
      const empty = /^\{\s*$/.test(text.slice(s, close));
      splices.push({ start: close, end: close, text: `${empty ? '' : ', '}${missing[0]}: ${inner} `, order: order++ });
      continue;
    }
    // A block mapping starts with a key; anything else (a scalar, a reference, a list) cannot take children.
    if (!/^[A-Za-z_"'][^\n#]*?:(\s|$)/.test(body)) {
      hard.push(edit);
      continue;
    }
    const column = s - starts[parent.start.line]!;
    let end = e;
    while (end > s && /\s/.test(text[end - 1]!)) end--;
    const lineEnd = text.indexOf('\n', end);
    const at = lineEnd < 0 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    splices.push({ start: at, end: at, text: `${eol}${nest(' '.repeat(column))}`, order: order++ });
  }
  // Later offsets first, so earlier offsets stay valid; inserts at one spot keep their order.
  splices.sort((x, y) => y.start - x.start || y.order - x.order);
  let out = text;
  for (const sp of splices) out = out.slice(0, sp.start) + sp.text + out.slice(sp.end);
  if (hard.length === 0) return out;
  return viaDocument(out, hard);
}

/** The fallback: yaml's Document API (comments kept, layout of the touched node may change). */
function viaDocument(text: string, edits: readonly SpecEdit[]): string | undefined {
  try {
    const doc = parseDocument(text);
    if (doc.errors.length || !isMap(doc.contents)) return undefined;
    for (const e of edits) {
      const segments = e.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      doc.setIn(segments, doc.createNode(parse(e.value)));
    }
    return doc.toString();
  } catch {
    return undefined;
  }
}
