// Characters that change how text looks without being seen: bidirectional overrides and isolates
// (the "Trojan Source" trick: an id that reads one way and compares another), zero-width and other
// invisible characters, and control characters. Spec text containing them gets a finding
// (L2S-FMT-010), and every face that shows spec text (preview labels, reports, hover, messages)
// shows them as a visible token such as ⟨U+202E⟩ instead of letting them act.
//
// Not included: tab, line feed and carriage return (ordinary in descriptions), and the zero-width
// joiner and variation selectors that emoji sequences need.

const HIDDEN_CLASS =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F' +
  '\\u200B\\u200C\\u200E\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF9-\\uFFFB]|\\uDB40[\\uDC00-\\uDC7F]';

const HIDDEN = new RegExp(HIDDEN_CLASS);
const HIDDEN_ALL = new RegExp(HIDDEN_CLASS, 'g');
const HIDDEN_AT = new RegExp(HIDDEN_CLASS, 'y');
const HIDDEN_FROM = new RegExp(HIDDEN_CLASS, 'g');
/** Every hidden character lies outside printable ASCII, tab and line breaks. */
const UNUSUAL = /[^\t\n\r\x20-\x7E]/g;

/** True when the text holds a bidi control, an invisible character or a control character. */
export function hasHidden(text: string): boolean {
  // Tries HIDDEN only where a character outside printable ASCII stands: a simple class scans a
  // mostly ASCII spec about three times faster than HIDDEN's alternation (each re-analysis of a
  // plan search scans the whole text). After a few such characters (a text in another script),
  // one search with HIDDEN takes the rest.
  UNUSUAL.lastIndex = 0;
  for (let k = 0; k < 16; k++) {
    const m = UNUSUAL.exec(text);
    if (m === null) return false;
    HIDDEN_AT.lastIndex = m.index;
    if (HIDDEN_AT.test(text)) return true;
  }
  HIDDEN_FROM.lastIndex = UNUSUAL.lastIndex;
  return HIDDEN_FROM.test(text);
}

/** The hidden characters of a text, as "U+202E" code points (each once, in order of appearance). */
export function hiddenCodePoints(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(HIDDEN_ALL)) seen.add(codePoint(m[0]));
  return [...seen];
}

/** The text with every hidden character replaced by a visible token such as ⟨U+202E⟩. */
export function markHidden(text: string): string {
  return HIDDEN.test(text) ? text.replace(HIDDEN_ALL, (c) => `⟨${codePoint(c)}⟩`) : text;
}

/** Spec text quoted in a one-line message: hidden characters marked, line breaks shown as ⏎ (a quoted value cannot fake lines of output). */
export function oneLineVisible(text: string): string {
  return markHidden(text).replace(/\r\n?|\n|\u2028|\u2029/g, '⏎');
}

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
