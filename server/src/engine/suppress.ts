// Suppression comments:
//   # l2spec-disable-next-line L2S-CUST-001, L2S-DA-002 -- reason
//   # l2spec-disable-file L2S-GOV-003 -- reason
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

const DIRECTIVE = /#[ \t]*l2spec-disable-(next-line|file)\b([^\r\n]*)/g;

export function parseSuppressions(text: string, knownIds: ReadonlySet<string>): { suppressions: Suppression[]; problems: SuppressionProblem[] } {
  const suppressions: Suppression[] = [];
  const problems: SuppressionProblem[] = [];
  if (!text.includes('l2spec-disable')) return { suppressions, problems };
  const starts = lineStarts(text);
  for (const match of text.matchAll(DIRECTIVE)) {
    const offset = match.index!;
    const line = lineAt(starts, offset);
    const column = offset - starts[line]!;
    const end = column + match[0].length;
    const body = match[2]!;
    const separator = body.indexOf('--');
    const idsText = separator >= 0 ? body.slice(0, separator) : body;
    const reason = separator >= 0 ? body.slice(separator + 2).trim() : '';
    const ids = idsText.split(/[,\s]+/).filter(Boolean);
    if (ids.length === 0) {
      problems.push({ line, start: column, end, message: 'Suppression names no rule; list the rule IDs it accepts, e.g. "l2spec-disable-next-line L2S-CUST-001 -- reason".' });
      continue;
    }
    const idsStart = column + match[0].indexOf(body);
    for (const id of ids) {
      if (!knownIds.has(id)) {
        const at = idsStart + idsText.indexOf(id);
        problems.push({ line, start: at, end: at + id.length, message: `Suppression names unknown rule "${id}"; run "l2spec rules" to list the IDs.` });
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
    suppressions.push({ kind, targetLine: nextContentLine(text, starts, line), ruleIds: ids.filter((id) => knownIds.has(id)), reason, at: { line, start: column, end } });
  }
  return { suppressions, problems };
}

/** The first line after `line` that is neither blank nor a comment, so suppressions can stack. */
function nextContentLine(text: string, starts: number[], line: number): number {
  let next = line + 1;
  while (next < starts.length) {
    const end = next + 1 < starts.length ? starts[next + 1]! : text.length;
    const content = text.slice(starts[next]!, end).trim();
    if (content !== '' && !content.startsWith('#')) break;
    next++;
  }
  return next;
}
