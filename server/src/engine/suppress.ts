// Suppression comments:
//   # l2spec-disable-next-line L2S-CUST-001, L2S-DA-002 -- reason
//   # l2spec-disable-file L2S-GOV-003 -- reason
//
// Only real YAML comments are directives. The text is tokenised by the `yaml` library's lexer (the
// first stage of its CST), and only its comment tokens are read: directive text inside a plain,
// quoted, block or flow scalar is data, never a switch (a spec from someone else must not be able
// to turn off its own critical findings). Everything here is linear in the size of the text.
import { Lexer } from 'yaml';
import { lineAt, lineStarts } from './parse/lines.js';

// A suppression without a reason or naming an unknown rule is itself a finding (L2S-FMT-007).
export interface Suppression {
  kind: 'line' | 'file';
  /** For 'line': the 0-based line the suppression applies to. */
  targetLine: number;
  ruleIds: string[];
  reason: string;
  /** Where the directive is written (0-based line, columns), to report it when it suppresses nothing. */
  at: { line: number; start: number; end: number };
}

export interface SuppressionProblem {
  line: number;
  start: number;
  end: number;
  message: string;
}

/** A reason that is only a placeholder such as "<reason>" or "TODO". */
const PLACEHOLDER = /^(<[^>]*>|todo|tbd|fixme|\.\.\.)$/i;

/** Anchored at the start of a comment token: the directive is the comment, not text after other text. */
const DIRECTIVE = /^#[ \t]*l2spec-disable-(next-line|file)\b([^\r\n]*)/;

/** Lexer tokens that mark structure but take no room in the source (yaml's cst.ts token types). */
const MARKERS = new Set(['\x02', '\x18', '\x1f']);

/** Longest rule list read from one directive; more is not a list of rules any human wrote. */
const MAX_IDS_PER_DIRECTIVE = 64;

export interface CommentToken {
  /** Offset of the "#". */
  offset: number;
  text: string;
}

/** Every YAML comment of the text, in order, as the `yaml` lexer sees them (never text inside a scalar). */
export function yamlComments(text: string): CommentToken[] {
  const comments: CommentToken[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token.length === 1 && MARKERS.has(token)) continue;
    if (token.charCodeAt(0) === 35 /* # */) comments.push({ offset, text: token });
    offset += token.length;
  }
  return comments;
}

export function parseSuppressions(text: string, knownIds: ReadonlySet<string>): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  if (!text.includes('l2spec-disable')) return { suppressions, problems };
  const comments = yamlComments(text);
  if (comments.length === 0) return { suppressions, problems };
  const starts = lineStarts(text);
  const next = nextContentLines(text, starts, comments);
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const offset = comment.offset;
    const line = lineAt(starts, offset);
    const column = offset - starts[line]!;
    const end = column + match[0].length;
    const body = match[2]!;
    const separator = body.indexOf('--');
    const idsText = separator >= 0 ? body.slice(0, separator) : body;
    const reason = separator >= 0 ? body.slice(separator + 2).trim() : '';
    const ids = idsText.split(/[,\s]+/).filter(Boolean).slice(0, MAX_IDS_PER_DIRECTIVE);
    if (ids.length === 0) {
      problems.push({ line, start: column, end, message: 'Suppression names no rule; list the rule IDs it accepts, e.g. "l2spec-disable-next-line L2S-CUST-001 -- reason".' });
      continue;
    }
    const idsStart = column + match[0].length - body.length;
    let searchFrom = 0;
    for (const id of ids) {
      const local = idsText.indexOf(id, searchFrom);
      searchFrom = local + id.length;
      if (!knownIds.has(id)) {
        const at = idsStart + local;
        problems.push({ line, start: at, end: at + id.length, message: `Suppression names unknown rule "${shorten(id)}"; run "l2spec rules" to list the IDs.` });
      }
    }
    if (!reason) {
      problems.push({ line, start: column, end, message: 'Suppression gives no reason; add " -- <why this risk is accepted>" so reviewers can judge it.' });
      continue;
    }
    if (PLACEHOLDER.test(reason)) {
      // The "Suppress" quick fix inserts a placeholder: until someone writes the reason, nothing is accepted.
      problems.push({ line, start: column, end, message: `Suppression still has the placeholder reason "${reason}"; write why this risk is accepted.` });
      continue;
    }
    const kind = match[1] === 'file' ? 'file' : 'line';
    suppressions.push({ kind, targetLine: next[line]!, ruleIds: ids.filter((id) => knownIds.has(id)), reason, at: { line, start: column, end } });
  }
  return { suppressions, problems };
}

/**
 * For every line, the first later line that is neither blank nor only a comment, so suppressions
 * can stack. One backward pass: 20,000 stacked directives cost 20,000 steps, not 20,000².
 */
function nextContentLines(text: string, starts: number[], comments: readonly CommentToken[]): Int32Array {
  const inert = new Uint8Array(starts.length);
  // A line is inert when it is blank, or when its first non-blank character starts a comment token.
  const commentAt = new Set(comments.map((c) => c.offset));
  for (let line = 0; line < starts.length; line++) {
    const end = line + 1 < starts.length ? starts[line + 1]! : text.length;
    let i = starts[line]!;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const c = text.charCodeAt(i);
    if (i >= end || c === 10 || c === 13 || commentAt.has(i)) inert[line] = 1;
  }
  const next = new Int32Array(starts.length);
  let following = starts.length;
  for (let line = starts.length - 1; line >= 0; line--) {
    next[line] = following;
    if (!inert[line]) following = line;
  }
  return next;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
