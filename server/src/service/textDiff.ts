// Old text → new text as a few small replacements, for code actions that compute a whole new text
// (the plan's changes go through the engine's applyEdits): the lines that differ are found with
// Myers' diff, and each changed run of lines is narrowed to its common prefix and suffix, without
// cutting a word, a surrogate pair or a CRLF in two. So a change of one value and an inserted key
// 30 lines further down are two edits, not one replacement of the 30 lines between them.

/** Replace `before.slice(start, end)` by `newText`; offsets into the old text, ascending, disjoint. */
export interface Splice {
  start: number;
  end: number;
  newText: string;
}

/** Most line edits Myers' search explores; beyond it the changed lines become one replacement. */
export const MAX_LINE_EDITS = 400;

function lines(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    out.push(text.slice(from, i + 1));
    from = i + 1;
  }
  if (from < text.length) out.push(text.slice(from));
  return out;
}

/**
 * Changed runs of lines between `a` and `b` as [aStart, aEnd, bStart, bEnd) (Myers' O(ND) diff,
 * greedy forward search with the trace kept per step). Undefined when more than `maxD` line
 * insertions and deletions would be needed.
 */
export function diffLines(a: readonly string[], b: readonly string[], maxD = MAX_LINE_EDITS): [number, number, number, number][] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxD);
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  search: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1]! < v[off + k + 1]!) ? v[off + k + 1]! : v[off + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break search;
      }
    }
  }
  if (found < 0) return undefined;
  // Walk back from the end: every diagonal step is a pair of equal lines.
  const matches: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && prev[off + k - 1]! < prev[off + k + 1]!) ? k + 1 : k - 1;
    const prevX = prev[off + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) matches.push([--x, --y]);
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) matches.push([--x, --y]);
  matches.reverse();
  const hunks: [number, number, number, number][] = [];
  let ai = 0;
  let bi = 0;
  for (const [mx, my] of [...matches, [n, m] as [number, number]]) {
    if (mx > ai || my > bi) hunks.push([ai, mx, bi, my]);
    ai = mx + 1;
    bi = my + 1;
  }
  return hunks;
}

const WORD = /[\p{L}\p{N}_-]/u;
const isWord = (c: string | undefined): boolean => c !== undefined && WORD.test(c);

/** A cut at `at` would split a CRLF or a surrogate pair. */
function splits(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  const d = text.charCodeAt(at);
  return (c === 13 && d === 10) || (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff);
}

/** One replacement of `oldText` (at `offset`) by `newText`, without their common prefix and suffix. */
function narrow(offset: number, oldText: string, newText: string): Splice | undefined {
  if (oldText === newText) return undefined;
  const max = Math.min(oldText.length, newText.length);
  let pre = 0;
  while (pre < max && oldText.charCodeAt(pre) === newText.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf < max - pre && oldText.charCodeAt(oldText.length - 1 - suf) === newText.charCodeAt(newText.length - 1 - suf)) suf++;
  // Whole words: `partial` → `all` replaces the word, not `partia` by `al`.
  while (pre > 0 && isWord(oldText[pre - 1]) && (isWord(oldText[pre]) || isWord(newText[pre]))) pre--;
  while (suf > 0 && isWord(oldText[oldText.length - suf]) && (isWord(oldText[oldText.length - suf - 1]) || isWord(newText[newText.length - suf - 1]))) suf--;
  while (pre > 0 && (splits(oldText, pre) || splits(newText, pre))) pre--;
  while (suf > 0 && (splits(oldText, oldText.length - suf) || splits(newText, newText.length - suf))) suf--;
  return { start: offset + pre, end: offset + oldText.length - suf, newText: newText.slice(pre, newText.length - suf) };
}

/**
 * The replacements that turn `before` into `after`: one per changed run of lines, each narrowed
 * to what differs (whole words kept whole). Empty when the texts are equal. Applying them (all
 * offsets refer to `before`) gives exactly `after`.
 */
export function textDiff(before: string, after: string, maxD = MAX_LINE_EDITS): Splice[] {
  if (before === after) return [];
  // Only the lines between the common prefix and suffix are split and compared: a change in a
  // long spec costs a scan of the text, not a split of all of it.
  const max = Math.min(before.length, after.length);
  // Equal chunks are compared as strings (natively), the rest character by character.
  const CHUNK = 1024;
  let pre = 0;
  while (pre + CHUNK <= max && before.slice(pre, pre + CHUNK) === after.slice(pre, pre + CHUNK)) pre += CHUNK;
  while (pre < max && before.charCodeAt(pre) === after.charCodeAt(pre)) pre++;
  let suf = 0;
  while (suf + CHUNK <= max - pre && before.slice(before.length - suf - CHUNK, before.length - suf) === after.slice(after.length - suf - CHUNK, after.length - suf)) suf += CHUNK;
  while (suf < max - pre && before.charCodeAt(before.length - 1 - suf) === after.charCodeAt(after.length - 1 - suf)) suf++;
  const from = pre === 0 ? 0 : before.lastIndexOf('\n', pre - 1) + 1;
  // The common suffix, from the start of a line in both texts (or nothing).
  let tail = suf;
  while (tail > 0 && !(before.charCodeAt(before.length - tail - 1) === 10 && after.charCodeAt(after.length - tail - 1) === 10)) tail--;
  if (before.length - tail < from || after.length - tail < from) tail = 0;
  const a = lines(before.slice(from, before.length - tail));
  const b = lines(after.slice(from, after.length - tail));
  const starts: number[] = [from];
  for (const line of a) starts.push(starts.at(-1)! + line.length);
  const hunks = diffLines(a, b, maxD) ?? [[0, a.length, 0, b.length]];
  const out: Splice[] = [];
  for (const [a0, a1, b0, b1] of hunks) {
    const offset = starts[a0]!;
    const splice = narrow(offset, before.slice(offset, starts[a1]!), b.slice(b0, b1).join(''));
    if (splice) out.push(splice);
  }
  return out;
}
