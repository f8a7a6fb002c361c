// Spec text is untrusted: a name or key may carry terminal escape sequences, bidi overrides or line
// breaks. Every string the CLI prints goes through one of these functions, chosen by where it
// lands: a terminal (text output, stderr), a GitHub workflow command, or Markdown.

// C0 and C1 controls, DEL, and the invisible or direction-changing characters that make text
// display differently from what it is (bidi embeddings/overrides/isolates, zero-width marks, BOM).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const NAMED: Record<string, string> = { '\x1b': '\\e', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\0', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

/**
 * Makes text safe to print on a terminal: control and invisible characters are shown as escapes
 * (`\e`, `\n`, `\u001b`-style for the rest, `\u{202e}` above the Latin range), never interpreted.
 * Backslashes stay as they are: the goal is that nothing is hidden or executed, not round-tripping.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Data of a GitHub workflow command (`::error …::DATA`), after terminalSafe. */
export function workflowData(text: string): string {
  return terminalSafe(text).replace(/%/g, '%25');
}

/** A property value of a GitHub workflow command (`file=…,title=…`), after terminalSafe. */
export function workflowProperty(text: string): string {
  return workflowData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Spec text as inert Markdown/GFM inline text: every punctuation character Markdown or HTML could
 * read as syntax is backslash-escaped, `|` too (table cells), `:` `.` `@` so GFM finds no autolink,
 * `$` so GitHub renders no math; `<`, `>`, `&` become entities, and controls are shown escaped.
 */
export function markdownText(text: string): string {
  return terminalSafe(text).replace(/[\\`*_{}[\]()<>#+\-.!|~&:$@]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}
