// What a threshold ("11-of-15") or a duration ("144 blocks") means in practice, and where it sits
// against the frameworks' floors. The floors are data (engine/glossary.ts, derived from the rules' tables).
import { DAY, parseDuration, parseThreshold, parseWeightedThreshold } from '../engine/index.js';
import { frameworkFloors as F } from '../engine/glossary.js';
import type { Duration } from '../engine/model.js';
import { escapeMarkdown } from './markdown.js';

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** Markdown explaining an m-of-n threshold at a spec path; undefined when the text is not one. */
export function explainThreshold(text: string, path: string, context: { external?: number; kind?: string } = {}): string | undefined {
  const t = parseThreshold(text);
  if (!t) return undefined;
  const { m, n } = t;
  const fraction = m / n;
  const block = n - m + 1;
  const lines: string[] = [`**${m}-of-${n}** — ${pct(fraction)} of the ${n} members must sign.`];
  lines.push(`- **Theft / forgery** needs ${m} member${m === 1 ? '' : 's'} to collude${m === 1 ? ' — a single key is enough' : ''}.`);
  lines.push(`- **Freeze / censorship**: ${block} member${block === 1 ? '' : 's'} lost, offline or refusing can block it; up to ${n - m} can be lost without harm.`);
  const verdicts: string[] = [];
  if (fraction < 0.5) verdicts.push(`below 1/2: a minority of members can act alone`);
  else if (fraction < F.healthyThresholdFraction) verdicts.push(`below the 2/3 that keeps theft hard (a majority, but ${Math.ceil(n * F.healthyThresholdFraction)}-of-${n} would be 2/3)`);
  else verdicts.push(`at or above 2/3`);
  if (n < F.minExternalSigners) verdicts.push(`fewer than ${F.minExternalSigners} members: Bitcoin Layers rates such custody very high risk`);
  if (context.external !== undefined && context.external < F.minExternalSigners) verdicts.push(`only ${context.external} external: Bitcoin Layers wants ≥${F.minExternalSigners} publicly known external signers`);
  if (/securityCouncil/.test(path) || context.kind === 'security-council') {
    const ok = n >= F.councilMinMembers && fraction >= F.councilMinThresholdFraction;
    verdicts.push(`${ok ? 'meets' : 'misses'} L2BEAT's Stage 1 council (≥${F.councilMinMembers} members, ≥75% threshold)`);
  }
  if (/committee/i.test(path) || context.kind === 'da-committee') {
    const honest = block / n;
    verdicts.push(`${block} of ${n} (${pct(honest)}) must be honest for data to stay available — L2BEAT calls a DAC weak above 1/3 or with fewer than ${F.dacMinMembers} members`);
  }
  lines.push(`- Against the frameworks: ${verdicts.join('; ')}.`);
  return lines.join('\n');
}

/**
 * Markdown explaining a stake-weighted threshold ("67% of stake", "2/3 of voting power"); undefined
 * when the text is not one. The share is of the weight (stake or voting power), not of members.
 */
export function explainWeightedThreshold(text: string): string | undefined {
  const t = parseWeightedThreshold(text);
  if (!t) return undefined;
  const weight = t.basis === 'stake' ? 'stake' : 'voting power';
  const share = pct(t.fraction);
  const lines: string[] = [`**${escapeMarkdown(t.text)}** — holders of ${share} of the ${weight} must sign; a share of weight, not a count of members.`];
  lines.push(`- **Theft / forgery** needs holders of ${share} of the ${weight} to collude.`);
  lines.push(`- **Freeze / censorship**: holders of more than ${pct(1 - t.fraction)} of the ${weight} lost, offline or refusing can block it.`);
  const verdict = t.fraction < 0.5 ? 'below 1/2: a minority of the weight can act alone'
    : t.fraction < F.healthyThresholdFraction ? 'below the 2/3 that keeps theft hard (a majority of the weight, not 2/3)'
      : 'at or above 2/3';
  lines.push(`- Against the frameworks: ${verdict}; who holds the ${weight}, and how concentrated it is, decides how many parties that takes.`);
  return lines.join('\n');
}

interface DurationRole {
  match: RegExp;
  describe(d: Duration, context: DurationContext): string[];
}

export interface DurationContext {
  /** The design's exit delay, when known, to compute the exit window from an upgrade delay. */
  exitDelay?: Duration;
  family?: string;
}

const days = (d: Duration): number => d.seconds / DAY;
const round1 = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function human(d: Duration): string {
  if (d.seconds === 0) return 'no delay at all (instant)';
  const parts = [`${round1(d.blocks)} Bitcoin block${d.blocks === 1 ? '' : 's'}`];
  if (d.seconds >= DAY) parts.push(`${round1(days(d))} day${days(d) === 1 ? '' : 's'}`);
  parts.push(`${round1(d.seconds / 3600)} hours`);
  return parts.join(' ≈ ');
}

const roles: DurationRole[] = [
  {
    match: /^exits\.delay$|challengePeriod$/,
    describe: (d) => {
      const ok = d.blocks >= F.minDisputeBlocks;
      return [`${ok ? 'At or above' : 'Below'} the ${F.minDisputeBlocks}-block (~1 day) floor for dispute windows (LDK's minimum to_self_delay): ${ok ? 'a user or watchtower has a day or more to react' : 'a cheating counterparty has a real chance to get away with an old state if you are offline briefly'}.`];
    },
  },
  {
    match: /upgradeDelay$|upgrade\.delay$/,
    describe: (d, ctx) => {
      if (d.seconds === 0) return ['An **instant** upgrade: whoever holds the upgrade power can change the rules before anyone can leave (L2BEAT exit window: none, bad).'];
      const exit = ctx.exitDelay?.seconds ?? 0;
      const window = (d.seconds - exit) / DAY;
      const verdict = window < F.exitWindowBadDays ? 'bad (<7 days)' : window < F.exitWindowGoodDays ? 'a warning (7–30 days)' : 'good (≥30 days)';
      const how = ctx.exitDelay ? `upgrade delay minus the ${round1(exit / DAY)}-day exit delay` : 'assuming an instant exit; set exits.delay for the real figure';
      return [`Exit window ≈ **${round1(Math.max(0, window))} days** (${how}): L2BEAT rates it ${verdict}.`];
    },
  },
  {
    match: /tokenUpgradeDelay$/,
    describe: (d) => [`${d.seconds >= F.tokenUpgradeDelayHours * 3600 ? 'Meets' : 'Below'} the ${F.tokenUpgradeDelayHours} h token-upgrade delay that Bitcoin Layers rates low risk for wrapped BTC.`],
  },
  {
    match: /emergencyRecovery\.timelock$/,
    describe: (d) => [`The backup keys can move the coins after ${human(d)} of inactivity. It must be long enough that the primary set is really gone (Liquid waits 4032 blocks ≈ 4 weeks), since it is also a second way to spend.`],
  },
  {
    match: /vtxoExpiry$/,
    describe: () => ['Users must come online and renew (or exit) before this; afterwards the Ark operator may sweep unrenewed VTXOs.'],
  },
  {
    match: /forcedInclusion\.maxDelay$/,
    describe: () => ['The longest the sequencer can delay a transaction forced through L1: censorship becomes a delay of at most this long.'],
  },
  {
    match: /anchoring\.interval$/,
    describe: () => ['How often state commitments reach Bitcoin; state newer than the last anchor rests on the L2 alone.'],
  },
];

/** Markdown explaining a duration at a spec path; undefined when the text is not one. */
export function explainDuration(value: unknown, path: string, context: DurationContext = {}): string | undefined {
  const d = parseDuration(value);
  if (!d) return undefined;
  const lines = [`**${escapeMarkdown(d.text)}** — ${human(d)} (a block counts as 10 minutes).`];
  for (const role of roles) if (role.match.test(path)) lines.push(...role.describe(d, context));
  return lines.join('\n\n');
}
