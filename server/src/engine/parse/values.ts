// Scalar syntaxes of the spec format: durations ("144 blocks", "48h", "7d", "30 days") and
// thresholds ("11-of-15"). A Bitcoin block counts as 10 minutes, the protocol's target spacing.
import type { Duration, Threshold, WeightedThreshold } from '../model.js';

export const BLOCK_SECONDS = 600;

const UNIT_SECONDS: Record<string, number> = {
  block: BLOCK_SECONDS, blocks: BLOCK_SECONDS,
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
  w: 604800, week: 604800, weeks: 604800,
  // A month counts as 30 days (fallback timeouts are often given in months).
  mo: 2592000, month: 2592000, months: 2592000,
  y: 31536000, year: 31536000, years: 31536000,
};

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i;

/** Parses a duration; returns undefined when the text is not one. `instant` and 0 mean zero. */
export function parseDuration(value: unknown): Duration | undefined {
  if (value === 0 || (typeof value === 'string' && /^\s*(instant|0)\s*$/i.test(value))) {
    return { text: String(value), seconds: 0, blocks: 0 };
  }
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value);
  if (!match) return undefined;
  const unit = UNIT_SECONDS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const seconds = Number(match[1]) * unit;
  return { text: value.trim(), seconds, blocks: seconds / BLOCK_SECONDS };
}

const THRESHOLD = /^\s*(\d+)\s*-of-\s*(\d+)\s*$/i;

/** Parses "m-of-n"; returns undefined for other text or when m is 0 or greater than n. */
export function parseThreshold(value: unknown): Threshold | undefined {
  if (typeof value !== 'string') return undefined;
  const match = THRESHOLD.exec(value);
  if (!match) return undefined;
  const m = Number(match[1]);
  const n = Number(match[2]);
  // Counts beyond 2^53 cannot be compared exactly (findExtremeNumbers reports them).
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n)) return undefined;
  if (m < 1 || n < 1 || m > n) return undefined;
  return { text: `${m}-of-${n}`, m, n };
}

const WEIGHTED_PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*of\s+(stake|voting[ -]power)\s*$/i;
const WEIGHTED_FRACTION = /^\s*(\d+)\s*\/\s*(\d+)\s*of\s+(stake|voting[ -]power)\s*$/i;

/**
 * Parses a stake-weighted threshold: "67% of stake", "2/3 of voting power" (format 2). Returns
 * undefined for other text, or when the share is 0 or above 100%.
 */
export function parseWeightedThreshold(value: unknown): WeightedThreshold | undefined {
  if (typeof value !== 'string') return undefined;
  let fraction: number;
  let basisWord: string;
  const pct = WEIGHTED_PERCENT.exec(value);
  if (pct) {
    fraction = Number(pct[1]) / 100;
    basisWord = pct[2]!;
  } else {
    const frac = WEIGHTED_FRACTION.exec(value);
    if (!frac || !Number.isSafeInteger(Number(frac[1])) || !Number.isSafeInteger(Number(frac[2]))) return undefined;
    fraction = Number(frac[1]) / Number(frac[2]);
    basisWord = frac[3]!;
  }
  if (!(fraction > 0 && fraction <= 1)) return undefined;
  const basis = /stake/i.test(basisWord) ? 'stake' : 'voting-power';
  return { text: value.trim(), fraction, basis };
}

export const DAY = 86400;
