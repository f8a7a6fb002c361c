// The time users need to leave, computed once. The exit window (assess/l2beat.ts), upgradeable
// custody (assess/custody.ts), the stages (assess/stage.ts) and the exit-window rules
// (rules/exits/*) all subtract this figure from an upgrade delay, so they can never disagree.
//
// L2BEAT computes the exit window as the upgrade delay minus the time a user needs to get out when
// the operators work against them: force the withdrawal in through L1 (the forced-inclusion
// delay), wait out the challenge or finalisation period, and, when the proposer is down, wait
// until users may propose state themselves (the proposer-fallback timeout).
import type { Duration, Family, SpecModel } from './model.js';

/** One part of the exit time, with the spec path it comes from. */
export interface ExitPart {
  /** "forced inclusion", "challenge period", "exit delay", "proposer fallback". */
  what: string;
  seconds: number;
  duration: Duration;
  path: string;
}

/** A part of the exit time the spec does not give: the total may be longer than `seconds`. */
export interface ExitGap {
  /** Spec path where the fact belongs. */
  path: string;
  /** The fact, in words. */
  fact: string;
}

export interface ExitTime {
  /** Sum of the parts the spec gives (a lower bound when `gaps` is not empty). */
  seconds: number;
  parts: ExitPart[];
  /** Parts that apply but are not given; empty when the exit time is fully known. */
  gaps: ExitGap[];
  /**
   * Spec paths of the facts the figure rests on (the parts' own fields, and the ones that decide
   * which parts apply): a caller checks them against the spec's claims, since time to leave that
   * rests on a claimed fact cannot be checked.
   */
  rests: string[];
}

const cache = new WeakMap<SpecModel, ExitTime>();

/** Designs where each user holds their own claim (or a token only): no shared chain to get a withdrawal into. */
const NO_SHARED_CHAIN: readonly Family[] = ['payment-channel', 'statechain', 'ark', 'wrapped-btc', 'alt-l1'];

/**
 * The worst-case time for a user to exit:
 * - the finalisation part: the longer of `exits.delay` and, for fraud proofs or BitVM, the
 *   `stateValidation.challengePeriod`; a gap when neither is given;
 * - forced inclusion: `exits.forcedInclusion.maxDelay` when users force (or enqueue) their
 *   withdrawal through L1; a gap when that mode is declared without a bound;
 * - the proposer fallback: `exits.proposerFallbackTimeout` when users must self-propose (or use the
 *   escape hatch) after the proposers stop.
 */
export function exitTime(model: SpecModel): ExitTime {
  const known = cache.get(model);
  if (known) return known;
  const parts: ExitPart[] = [];
  const gaps: ExitGap[] = [];
  const rests: string[] = [];
  const exits = model.exits;
  const sv = model.stateValidation;
  const challengeable = sv?.mechanism === 'fraud-proofs' || sv?.mechanism === 'bitvm';
  const delay = exits?.delay;
  const challenge = challengeable ? sv?.challengePeriod : undefined;
  if (challenge && challenge.seconds > (delay?.seconds ?? -1)) {
    parts.push({ what: 'challenge period', seconds: challenge.seconds, duration: challenge, path: 'stateValidation.challengePeriod' });
    rests.push('stateValidation.challengePeriod', 'stateValidation.mechanism');
  } else if (delay) {
    parts.push({ what: 'exit delay', seconds: delay.seconds, duration: delay, path: 'exits.delay' });
    rests.push('exits.delay');
  } else {
    gaps.push(challengeable
      ? { path: 'stateValidation.challengePeriod', fact: 'how long a withdrawal waits for challenges (stateValidation.challengePeriod, or exits.delay)' }
      : { path: 'exits.delay', fact: 'how long a user needs to exit once they start (exits.delay)' });
  }
  const fi = exits?.forcedInclusion;
  const family = model.system.family;
  const sharedChain = !(family && NO_SHARED_CHAIN.includes(family)) && exits?.unilateral !== true;
  // A claimed unilateral exit is what spares users the forced-inclusion part.
  if (exits?.unilateral === true) rests.push('exits.unilateral');
  if (fi?.mode === undefined && sharedChain && model.pegs.length > 0) {
    // On a shared chain a user's withdrawal must first get in: how, and how fast, is part of the exit time.
    gaps.push({ path: 'exits.forcedInclusion.mode', fact: 'whether (and how fast) users can force their withdrawal in through L1 (exits.forcedInclusion)' });
  }
  if (fi?.mode === 'force-via-l1' || fi?.mode === 'enqueue' || fi?.mode === 'self-sequence') {
    rests.push('exits.forcedInclusion');
    if (fi.maxDelay) parts.push({ what: 'forced inclusion', seconds: fi.maxDelay.seconds, duration: fi.maxDelay, path: 'exits.forcedInclusion.maxDelay' });
    else if (fi.mode !== 'self-sequence') gaps.push({ path: 'exits.forcedInclusion.maxDelay', fact: 'how long a forced transaction can be held back (exits.forcedInclusion.maxDelay)' });
  }
  const fallback = exits?.proposerFallback;
  const timeout = exits?.proposerFallbackTimeout;
  if ((fallback === 'self-propose' || fallback === 'escape-hatch') && timeout && timeout.seconds > 0) {
    parts.push({ what: 'proposer fallback', seconds: timeout.seconds, duration: timeout, path: 'exits.proposerFallbackTimeout' });
    rests.push('exits.proposerFallbackTimeout', 'exits.proposerFallback');
  }
  const result = { seconds: parts.reduce((sum, p) => sum + p.seconds, 0), parts, gaps, rests };
  cache.set(model, result);
  return result;
}
