// String order for sorted output (rule IDs, change IDs, paths), as `localeCompare` gives it, without
// opening an ICU collator: the first `localeCompare` of a process loads the collation data, about
// 5 ms, a tenth of `l2spec check`'s own cold start (issue 21). Printable ASCII, which every ID and
// path the engine sorts is made of, is ordered here by the Unicode root collation (what
// `localeCompare` uses for English and most locales); any other character falls back to
// `localeCompare` itself.

/**
 * Printable ASCII in root collation order, one group per primary weight: punctuation and symbols,
 * digits, then letters, a letter's lowercase before its uppercase (a tertiary difference).
 * test/unit/engine/collate.test.ts checks it against `localeCompare`.
 */
const ORDER = [' ', '_', '-', ',', ';', ':', '!', '?', '.', "'", '"', '(', ')', '[', ']', '{', '}', '@', '*', '/', '\\', '&', '#', '%', '`', '^', '+', '<', '=', '>', '|', '~', '$',
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
  ...Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i) + String.fromCharCode(65 + i))];

/** Primary weight by char code (printable ASCII only; -1 elsewhere). */
const PRIMARY = new Int16Array(128).fill(-1);
ORDER.forEach((group, weight) => {
  for (const ch of group) PRIMARY[ch.charCodeAt(0)] = weight;
});

/** A character outside printable ASCII (a regular expression scans faster than a loop in cold code). */
const OUTSIDE = /[^\x20-\x7E]/;

/**
 * Compares like `a.localeCompare(b)` (negative, zero or positive; the sign is what counts) in the
 * root collation: by primary weights (letters case-blind, shorter prefix first), then lowercase
 * before uppercase. Strings with a character outside printable ASCII go to `localeCompare`.
 */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (OUTSIDE.test(a) || OUTSIDE.test(b)) return a.localeCompare(b);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = PRIMARY[a.charCodeAt(i)]! - PRIMARY[b.charCodeAt(i)]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  // Same letters, different case: the first difference decides, lowercase first.
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}
