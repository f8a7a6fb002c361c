// Numbers the spec cannot mean: non-finite values (1e400, .nan, .inf) and integers beyond the
// range a double holds exactly (2^53), written as YAML numbers or inside a threshold ("m-of-n")
// or a duration ("n weeks"). Each is a format finding on its token, and the value is taken out
// of what the schema check, the model and the rules see, so none of them can turn it into
// "Infinity", "NaN%", a wrong comparison (m > n hidden by rounding) or a verdict.
import { quoted } from './didYouMean.js';

export interface NumberProblem {
  path: string;
  message: string;
}

const THRESHOLD = /^\s*(\d+)\s*-of-\s*(\d+)\s*$/i;
const DURATION = /^\s*(\d+)(?:\.\d+)?\s*[a-z]+\s*$/i;
/** A share written as a fraction: "2/3 of stake" (format 2). */
const WEIGHTED_FRACTION = /^\s*(\d+)\s*\/\s*(\d+)\s*of\s/i;
/** Stop after this many: one finding per bad token, but never an unbounded list. */
const MAX_PROBLEMS = 200;

/** Digits of an integer beyond exact range. */
const unsafe = (digits: string): boolean => !Number.isSafeInteger(Number(digits));

/**
 * Tokens without which a text cannot hold an extreme number: 16 digits in a row (2^53 has 16),
 * a long hexadecimal or octal integer, an exponent, .inf or .nan, or a %YAML directive (YAML 1.1
 * reads more number forms). A text with none of them needs no walk of its value.
 */
const MAY_BE_EXTREME = /%YAML|\d{16}|0x[0-9a-f]{14}|0o[0-7]{18}|\d[eE]|\.(?:inf|nan)/i;

/** Whether `text` may hold a number findExtremeNumbers reports (false: it holds none). */
export function mayHoldExtremeNumbers(text: string): boolean {
  return MAY_BE_EXTREME.test(text);
}

/** Every extreme number in a spec's plain value, by dotted path. Linear in the size of the value. */
export function findExtremeNumbers(value: unknown): NumberProblem[] {
  const problems: NumberProblem[] = [];
  const visit = (v: unknown, path: string, depth: number): void => {
    if (problems.length >= MAX_PROBLEMS || depth > 64) return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push({ path, message: `${path || 'The value'} is ${Number.isNaN(v) ? 'not a number (NaN)' : 'infinite or beyond the largest number l2spec reads'}; write a finite number.` });
      else if (Number.isInteger(v) && !Number.isSafeInteger(v)) problems.push({ path, message: `${path} is an integer beyond 2^53, which l2spec cannot hold exactly; no real spec needs one this large.` });
      return;
    }
    if (typeof v === 'string') {
      // Only text that starts with a digit can be a threshold or a duration; no length limit, since
      // a 309-digit count is exactly what must be caught (the patterns are linear).
      if (!/^\s*\d/.test(v)) return;
      const t = THRESHOLD.exec(v);
      if (t && (unsafe(t[1]!) || unsafe(t[2]!))) {
        problems.push({ path, message: `Threshold ${quoted(v)} at ${path} has a number beyond 2^53, which l2spec cannot compare exactly (m > n could pass); use the real counts.` });
        return;
      }
      const w = WEIGHTED_FRACTION.exec(v);
      if (w && (unsafe(w[1]!) || unsafe(w[2]!))) {
        problems.push({ path, message: `Threshold ${quoted(v)} at ${path} has a number beyond 2^53, which l2spec cannot compare exactly; write the share as a percentage or a small fraction.` });
        return;
      }
      const d = DURATION.exec(v);
      if (d && unsafe(d[1]!)) problems.push({ path, message: `Duration ${quoted(v)} at ${path} has a number beyond 2^53, which l2spec cannot hold exactly; use a real duration.` });
      return;
    }
    if (Array.isArray(v)) v.forEach((item, i) => visit(item, path ? `${path}.${i}` : String(i), depth + 1));
    else if (v && typeof v === 'object') for (const [k, item] of Object.entries(v)) visit(item, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(value, '', 0);
  return problems;
}

/**
 * A copy of `value` without the given paths (a list item becomes null, so later indexes keep
 * their meaning). Only the objects along the paths are copied: the rest is shared, and the input
 * (which the fragment cache may hold) is never changed.
 */
export function withoutPaths(value: unknown, paths: readonly string[]): unknown {
  let root = value;
  for (const path of paths) root = without(root, path.split('.'));
  return root;
}

function without(node: unknown, segments: string[]): unknown {
  if (segments.length === 0 || node === null || typeof node !== 'object') return node;
  const [head, ...rest] = segments;
  if (Array.isArray(node)) {
    const i = Number(head);
    if (!Number.isInteger(i) || i < 0 || i >= node.length) return node;
    const copy = node.slice();
    copy[i] = rest.length === 0 ? null : without(node[i], rest);
    return copy;
  }
  const obj = node as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(obj, head!)) return node;
  const copy: Record<string, unknown> = { ...obj };
  if (rest.length === 0) delete copy[head!];
  else copy[head!] = without(obj[head!], rest);
  return copy;
}
