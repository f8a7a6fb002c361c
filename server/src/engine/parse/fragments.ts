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

interface Line {
  start: number;
  /** End of the content (before \r\n or \n). */
  end: number;
  indent: number;
  /** Blank or a comment: carries no structure. */
  inert: boolean;
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
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.inert || line.indent > 0) continue;
    const match = TOP_KEY.exec(text.slice(line.start, line.end));
    if (!match) return undefined;
    sections.push({ key: match[1]!, start: line.start, end: text.length, firstKey: line.start, items: [] });
    keyLines.push(i);
  }
  if (sections.length === 0) return undefined;
  sections[0]!.start = 0;
  for (let s = 0; s + 1 < sections.length; s++) sections[s]!.end = sections[s + 1]!.start;
  sections.forEach((section, s) => (section.items = listItems(text, lines, section, keyLines[s]!)));
  return { sections };
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    let next = text.indexOf('\n', start);
    if (next < 0) next = text.length;
    const end = next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    let indent = 0;
    while (start + indent < end && text.charCodeAt(start + indent) === 32) indent++;
    const inert = start + indent === end || text.charCodeAt(start + indent) === 35; // blank or '#'
    lines.push({ start, end, indent, inert });
    start = next + 1;
  }
  return lines;
}

/** The items of a section whose value is a plain block list ("key:" then "  - …" lines), else []. */
function listItems(text: string, lines: Line[], section: Section, keyLine: number): ListItem[] {
  const head = text.slice(lines[keyLine]!.start, lines[keyLine]!.end);
  const rest = head.slice(TOP_KEY.exec(head)![0].length).trim();
  if (rest !== '' && !rest.startsWith('#')) return [];
  const items: ListItem[] = [];
  let indent = -1;
  for (let i = keyLine + 1; i < lines.length && lines[i]!.start < section.end; i++) {
    const line = lines[i]!;
    if (line.inert) continue;
    if (indent < 0) indent = line.indent;
    if (line.indent > indent) continue;
    if (line.indent < indent) return [];
    const after = text.charCodeAt(line.start + indent + 1);
    if (text.charCodeAt(line.start + indent) !== 45 || (line.start + indent + 1 < line.end && after !== 32)) return []; // not "- "
    if (items.length > 0) items[items.length - 1]!.end = line.start;
    items.push({ start: line.start, end: section.end, dash: indent });
  }
  return indent > 0 ? items : [];
}
