// Keys and string values holding bidi overrides, invisible or control characters (visible.ts):
// an id that displays as "fed" but is "fed\u202E" makes a reference look resolved while it is not,
// and reversed text makes a reviewer read something else than l2spec compares. One finding per
// string, bounded in number.
import { hasHidden, hiddenCodePoints, oneLineVisible } from '../visible.js';

export interface HiddenTextProblem {
  path: string;
  /** The problem is in the key of `path`, not its value. */
  key: boolean;
  message: string;
}

const MAX_PROBLEMS = 100;

/** Every key and string value with hidden characters, by dotted path. Linear in the size of the value. */
export function findHiddenText(value: unknown): HiddenTextProblem[] {
  const problems: HiddenTextProblem[] = [];
  const report = (path: string, key: boolean, text: string): void => {
    const shown = oneLineVisible(text.length > 60 ? `${text.slice(0, 59)}…` : text);
    const points = hiddenCodePoints(text).slice(0, 5).join(', ');
    problems.push({
      path, key,
      message: `The ${key ? 'key' : 'value'} "${shown}" contains hidden characters (${points}): bidi overrides and invisible characters make text read differently from what l2spec compares. Remove them.`,
    });
  };
  const visit = (v: unknown, path: string, depth: number): void => {
    if (problems.length >= MAX_PROBLEMS || depth > 64) return;
    if (typeof v === 'string') {
      if (hasHidden(v)) report(path, false, v);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => visit(item, path ? `${path}.${i}` : String(i), depth + 1));
    } else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        const child = path ? `${path}.${k}` : k;
        if (hasHidden(k) && problems.length < MAX_PROBLEMS) report(child, true, k);
        visit(item, child, depth + 1);
      }
    }
  };
  visit(value, '', 0);
  return problems;
}
