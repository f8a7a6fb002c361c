// "Did you mean …?" suggestions, bounded: spec text is untrusted, and an edit distance between two
// 20,000-character ids costs 400 million steps. Words and candidates longer than anyone types by
// hand get no suggestion, only so many candidates are compared, and the distance computation
// stops as soon as it cannot beat the best so far.

import { oneLineVisible } from '../visible.js';

/** Longer words are not typos of a key or an id; they get no suggestion. */
export const MAX_SUGGEST_LENGTH = 64;
/** Candidates compared per word, in their given order. */
export const MAX_SUGGEST_CANDIDATES = 500;

/** The candidate closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > MAX_SUGGEST_LENGTH) return undefined;
  const limit = Math.max(1, Math.round(word.length / 3));
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  let compared = 0;
  for (const c of candidates) {
    if (c.length > MAX_SUGGEST_LENGTH) continue;
    if (++compared > MAX_SUGGEST_CANDIDATES) break;
    if (Math.abs(c.length - word.length) >= bestDistance) continue;
    const d = boundedDistance(lower, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/** Levenshtein distance of a and b, or max + 1 as soon as it is known to exceed `max`. */
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j]! < rowMin) rowMin = cur[j]!;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** A spec-derived string as it is quoted in a message: at most `max` characters, with an ellipsis. */
export function quoted(text: string, max = 60): string {
  return `"${oneLineVisible(text.length > max ? `${text.slice(0, max - 1)}…` : text)}"`;
}
