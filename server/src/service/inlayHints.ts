// Inlay hints: what a duration or a threshold amounts to, beside the value as written
// (`4032 blocks` ≈ 28 d, `11-of-15` 73%, `2/3 of stake` 67%). Read from the engine's parse of the
// version (the index), like every other editor feature.
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import { DAY, parseDuration, parseThreshold, parseWeightedThreshold } from '../engine/index.js';
import { position, scalarSpan, type YamlIndex } from './specIndex.js';

/** Units that already read as days (or longer, counted in days by the reader): no hint repeats them. */
const DAY_UNITS = /^\s*\d+(?:\.\d+)?\s*(?:d|days?)\s*$/i;

/** Hints for the scalar values inside `range`. */
export function inlayHints(index: YamlIndex, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const entry of index.entries) {
    if (entry.kind !== 'scalar' || typeof entry.scalar !== 'string') continue;
    const label = hintFor(entry.scalar);
    if (!label) continue;
    const span = scalarSpan(index.text, entry.value);
    // After a quoted value's closing quote.
    const end = index.text[entry.value[0]] === '"' || index.text[entry.value[0]] === "'" ? span[1] + 1 : span[1];
    const at = position(index, end);
    if (at.line < range.start.line || at.line > range.end.line) continue;
    hints.push({ position: at, label, kind: InlayHintKind.Type, paddingLeft: true });
  }
  return hints;
}

/** The hint for one value, or undefined when it needs none. */
export function hintFor(value: string): string | undefined {
  const threshold = parseThreshold(value);
  if (threshold) return percent(threshold.m / threshold.n);
  const weighted = parseWeightedThreshold(value);
  if (weighted) return /%/.test(value) ? nearFraction(weighted.fraction) : percent(weighted.fraction);
  const duration = parseDuration(value);
  if (!duration || duration.seconds === 0 || DAY_UNITS.test(value)) return undefined;
  return `≈ ${human(duration.seconds)}`;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** A percentage next to the fraction it is meant as (2/3 for 67%), when it is that close. */
function nearFraction(fraction: number): string | undefined {
  for (const [m, n] of [[1, 2], [2, 3], [3, 4], [1, 3], [4, 5], [1, 1]] as const) {
    if (Math.abs(fraction - m / n) < 0.005) return fraction === m / n ? `= ${m}/${n}` : `≈ ${m}/${n}`;
  }
  return undefined;
}

function human(seconds: number): string {
  const round = (x: number): string => String(Math.round(x * 10) / 10);
  if (seconds >= DAY) return `${round(seconds / DAY)} d`;
  if (seconds >= 3600) return `${round(seconds / 3600)} h`;
  return `${round(seconds / 60)} min`;
}
