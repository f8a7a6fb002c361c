// Splits a spec into fragments that parse independently to the same result as the whole text:
// one per top-level section, and for a top-level block list one per item. The plan is refused
// (undefined) whenever that equivalence is not obvious from the text's layout, and the caller
// then parses the text whole.

export interface ListItem {
  start: number;
  end: number;
  /** Column of the item's "-" (its indentation). */
  dash: number;
}

export interface Section {
  key: string;
  /** Fragment bounds: from this section's key line (the first section also takes the leading comments). */
  start: number;
  end: number;
  /** Offset of the key itself. */
  firstKey: number;
  /** Items when the section's value is a block list of items at one indentation; otherwise empty. */
  items: ListItem[];
}

export interface FragmentPlan {
  sections: Section[];
}

/** Below this size a whole parse is cheap; fragments only pay off for large specs. */
export const FRAGMENT_MIN_LENGTH = 8192;

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*) *:(?= |$)/;

/**
 * The lines of a text, column by column in typed arrays (one object per line was most of the
 * plan's cost and garbage on a 10,000-line spec, where an edit re-plans the whole text).
 */
interface Lines {
  count: number;
  start: Int32Array;
  /** End of the content (before \r\n or \n). */
  end: Int32Array;
  indent: Int32Array;
  /** 1 when blank or a comment: carries no structure. */
  inert: Uint8Array;
}

export function planFragments(text: string, minLength = FRAGMENT_MIN_LENGTH): FragmentPlan | undefined {
  if (text.length < minLength) return undefined;
  // Layouts whose meaning crosses fragment boundaries: lone CR or Unicode line breaks, a BOM,
  // document markers and directives, anchors and aliases, tab indentation.
  if (/\r(?!\n)|[\u2028\u2029\uFEFF]/.test(text)) return undefined;
  if (/^(?:---|\.\.\.|%)/m.test(text)) return undefined;
  if (/(?:^|[\s[{,])[&*][^\s,\]}]/.test(text)) return undefined;
  if (/^ *\t/m.test(text)) return undefined;

  const lines = splitLines(text);
  const sections: Section[] = [];
  /** Line index of each section's key, so finding it is not a search per section (quadratic with many keys). */
  const keyLines: number[] = [];
  for (let i = 0; i < lines.count; i++) {
    if (lines.inert[i] || lines.indent[i]! > 0) continue;
    const start = lines.start[i]!;
    const match = TOP_KEY.exec(text.slice(start, lines.end[i]));
    if (!match) return undefined;
    sections.push({ key: match[1]!, start, end: text.length, firstKey: start, items: [] });
    keyLines.push(i);
  }
  if (sections.length === 0) return undefined;
  sections[0]!.start = 0;
  for (let s = 0; s + 1 < sections.length; s++) sections[s]!.end = sections[s + 1]!.start;
  sections.forEach((section, s) => (section.items = listItems(text, lines, section, keyLines[s]!)));
  return { sections };
}

function splitLines(text: string): Lines {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const lines: Lines = { count: 0, start: new Int32Array(count), end: new Int32Array(count), indent: new Int32Array(count), inert: new Uint8Array(count) };
  let start = 0;
  while (start < text.length) {
    let next = text.indexOf('\n', start);
    if (next < 0) next = text.length;
    const end = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    const n = lines.count++;
    lines.start[n] = start;
    lines.end[n] = end;
    lines.indent[n] = indent;
    lines.inert[n] = start + indent === end || text.charCodeAt(start + indent) === 35 ? 1 : 0; // blank or '#'
    start = next + 1;
  }
  return lines;
}

/** The items of a section whose value is a plain block list ("key:" then "  - …" lines), else []. */
function listItems(text: string, lines: Lines, section: Section, keyLine: number): ListItem[] {
  const head = text.slice(lines.start[keyLine], lines.end[keyLine]);
  const rest = head.slice(TOP_KEY.exec(head)![0].length).trim();
  if (rest !== '' && !rest.startsWith('#')) return [];
  const items: ListItem[] = [];
  let indent = -1;
  for (let i = keyLine + 1; i < lines.count && lines.start[i]! < section.end; i++) {
    if (lines.inert[i]) continue;
    const start = lines.start[i]!;
    const lineIndent = lines.indent[i]!;
    if (indent < 0) indent = lineIndent;
    if (lineIndent > indent) continue;
    if (lineIndent < indent) return [];
    const after = text.charCodeAt(start + indent + 1);
    if (text.charCodeAt(start + indent) !== 45 || (start + indent + 1 < lines.end[i]! && after !== 32)) return []; // not "- "
    if (items.length > 0) items[items.length - 1]!.end = start;
    items.push({ start, end: section.end, dash: indent });
  }
  return indent > 0 ? items : [];
}
