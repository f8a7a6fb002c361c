// The one way spec-derived text enters markdown (hover, completion documentation, the explain
// view). Spec text is data: escaped, it can produce no link, image, autolink, HTML, heading, list,
// emphasis or code-span break, and it stays on one line so it cannot start a block of its own.
// Hidden characters (bidi overrides, zero-width, controls) are shown as visible tokens.
import { markHidden } from '../engine/visible.js';

/** Every ASCII punctuation character: CommonMark lets each be escaped with a backslash, and escaping them all leaves no syntax. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** Spec-derived text as inert markdown inline text: every punctuation mark escaped, line breaks folded into spaces. */
export function escapeMarkdown(text: string): string {
  return oneLine(markHidden(text)).replace(PUNCTUATION, '\\$&');
}

/**
 * Spec-derived text as a markdown code span. Inside a code span nothing is interpreted; the fence
 * is one backtick longer than the longest run of backticks in the text, so the text cannot close it.
 */
export function markdownCode(text: string): string {
  const body = oneLine(markHidden(text));
  let longest = 0;
  for (const run of body.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') || body.startsWith(' ') || body.endsWith(' ') || body === '' ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** Spec-derived text for plain-text UI (code-action titles, completion details): one line, hidden characters visible, bounded length. */
export function plainText(text: string, max = 120): string {
  const line = oneLine(markHidden(text));
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function oneLine(text: string): string {
  return text.replace(/\r\n?|\n|\u2028|\u2029/g, ' ');
}
