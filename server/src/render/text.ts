// Deterministic text measurement for the diagram. Layout must not depend on a browser, so
// widths are estimated from a per-character table (in em) that errs on the wide side of
// common UI sans-serif fonts (DejaVu Sans, Segoe UI, SF, Ubuntu): an estimate that is too wide
// only wastes a little space, one that is too narrow would let a label spill out of its box.
import { markHidden as visibleLabel } from '../engine/visible.js';

const NARROW = new Set([...'il.,:;!|\'`']);
const SLIM = new Set([...'fjrtI()[]{}"/\\-']);
const WIDE = new Set([...'mwMW@%&']);
const UPPER_WIDE = new Set([...'ABCDGHKNOQRUVXY']);

/** Estimated advance of one code point, in em. */
export function charWidth(ch: string): number {
  if (ch === ' ') return 0.34;
  if (NARROW.has(ch)) return 0.34;
  if (SLIM.has(ch)) return 0.44;
  if (WIDE.has(ch)) return 1.0;
  const code = ch.codePointAt(0)!;
  if (code >= 0x30 && code <= 0x39) return 0.66;
  if (code >= 0x41 && code <= 0x5a) return UPPER_WIDE.has(ch) ? 0.8 : 0.72;
  if (code >= 0x61 && code <= 0x7a) return 0.64;
  if (code < 0x80) return 0.7;
  // Everything else (accents, symbols, CJK, emoji): assume a full em.
  return 1.0;
}

/** Widths of ASCII code points, precomputed: textWidth runs thousands of times per layout. */
const ASCII = new Float64Array(128);
for (let c = 0; c < 128; c++) ASCII[c] = charWidth(String.fromCharCode(c));

export interface FontSpec {
  size: number;
  bold?: boolean;
}

export function textWidth(text: string, font: FontSpec): number {
  let em = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) em += ASCII[c]!;
    // A surrogate pair is one character: count it once, on its high half.
    else if (c < 0xdc00 || c > 0xdfff) em += 1.0;
  }
  return em * font.size * (font.bold ? 1.1 : 1);
}

const ELLIPSIS = '…';

/** Cuts `text` so that it (plus an ellipsis when cut) fits `maxWidth`. */
export function truncate(text: string, maxWidth: number, font: FontSpec): string {
  if (textWidth(text, font) <= maxWidth) return text;
  return withEllipsis(text, maxWidth, font);
}

/** `text`, shortened as needed, always followed by an ellipsis, within `maxWidth`. */
function withEllipsis(text: string, maxWidth: number, font: FontSpec): string {
  const budget = maxWidth - textWidth(ELLIPSIS, font);
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch) * font.size * (font.bold ? 1.1 : 1);
    if (w + cw > budget) break;
    out += ch;
    w += cw;
  }
  return out.trimEnd() + ELLIPSIS;
}

/**
 * Greedy word wrap into at most `maxLines` lines no wider than `maxWidth`. Words longer than a
 * line are broken; text that does not fit ends with an ellipsis on the last line.
 */
export function wrap(text: string, maxWidth: number, font: FontSpec, maxLines: number): string[] {
  const clean = normalise(text);
  if (!clean) return [];
  const words = clean.split(' ');
  const lines: string[] = [];
  const space = textWidth(' ', font);
  let current = '';
  let currentW = 0;
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const wordW = textWidth(word, font);
    const candidateW = current ? currentW + space + wordW : wordW;
    if (candidateW <= maxWidth) {
      current = current ? `${current} ${word}` : word;
      currentW = candidateW;
      i++;
      continue;
    }
    if (!current) {
      // A single word wider than the line: break it at the widest prefix that fits.
      let head = '';
      for (const ch of word) {
        if (textWidth(head + ch, font) > maxWidth) break;
        head += ch;
      }
      if (!head) head = [...word][0]!;
      // After a hyphen when there is one in the part that fits ("Merge-" / "mining"), not mid-syllable.
      const hyphen = head.lastIndexOf('-');
      if (hyphen > 0 && hyphen < head.length - 1) head = head.slice(0, hyphen + 1);
      lines.push(head);
      words[i] = word.slice(head.length);
      if (!words[i]) i++;
    } else {
      lines.push(current);
      current = '';
      currentW = 0;
    }
    if (lines.length === maxLines) break;
  }
  if (current && lines.length < maxLines) {
    lines.push(current);
    current = '';
  }
  const rest = i < words.length || current !== '';
  if (rest && lines.length > 0) {
    const last = lines.length - 1;
    lines[last] = withEllipsis(lines[last]!, maxWidth, font);
  }
  return lines;
}

/**
 * Collapses whitespace and line breaks into single spaces, and shows hidden characters (bidi
 * overrides, invisible and control characters) as visible tokens such as ⟨U+202E⟩: a label must
 * look like what the spec says, so they are marked rather than silently dropped.
 */
// eslint-disable-next-line no-control-regex
const NEEDS_NORMALISING = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\uffa0\ufff9-\ufffb\udb40\u2028\u2029\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]| {2}|^ | $/;

export function normalise(text: string): string {
  if (!NEEDS_NORMALISING.test(text)) return text;
  return visibleLabel(text).replace(/[\t\n\r\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}
