// Whether users have a working fallback when the proposers stop: self-propose or an escape hatch
// that opens soon enough. Read by the proposer-failure slice, the operators axis (self-sequencing
// consideration) and Stage 1, so the three always agree.
import type { Duration, SpecModel } from '../model.js';
import { describe } from '../rules/support.js';
import { ASSESSMENT_FLOORS } from './floors.js';

/** What the spec says about the proposer fallback, read once. */
export interface FallbackState {
  /** true: a fallback users can use soon enough; false: none, or one that opens too late; undefined: not declared. */
  open?: boolean;
  /** "self-propose state", "withdraw through the escape hatch", "exit unilaterally". */
  what: string;
  /** Why there is no usable fallback, for messages ("users cannot propose state themselves (…)"). */
  why: string;
  /** Where the deciding fact is. */
  path: string;
  /** The timeout, when declared. */
  timeout?: Duration;
  /** Set when the fallback exists but opens too late to count (L2BEAT: months, not days). */
  late?: boolean;
}

/**
 * Reads `exits.proposerFallback` and format 2's `exits.proposerFallbackTimeout`. A self-propose
 * or escape-hatch fallback counts when its timeout is at most ASSESSMENT_FLOORS.proposerFallbackMaxSeconds
 * (30 days) or not given; a longer one is no fallback. A unilateral exit needs no proposer.
 */
export function proposerFallbackOpen(model: SpecModel): FallbackState {
  const exits = model.exits;
  const fallback = exits?.proposerFallback;
  const path = 'exits.proposerFallback';
  if (fallback === undefined) {
    if (exits?.unilateral === true) return { open: true, what: 'exit unilaterally', why: '', path: 'exits.unilateral' };
    return { open: undefined, what: '', why: 'the spec does not say whether users can propose state if the proposers stop', path };
  }
  if (fallback === 'self-propose' || fallback === 'escape-hatch') {
    const what = fallback === 'self-propose' ? 'propose state themselves' : 'withdraw through the escape hatch';
    const timeout = exits?.proposerFallbackTimeout;
    const floor = ASSESSMENT_FLOORS.proposerFallbackMaxSeconds;
    if (timeout && timeout.seconds > floor) {
      return {
        open: false, what, timeout, late: true, path: 'exits.proposerFallbackTimeout',
        why: `users can ${what} only after the proposers have been silent for ${describe(timeout)}, more than ${describe({ text: '', seconds: floor, blocks: floor / 600 })}, which counts as no fallback`,
      };
    }
    return { open: true, what: timeout ? `${what} after ${describe(timeout)}` : what, why: '', path, timeout };
  }
  const why = fallback === 'none'
    ? 'users cannot propose state or exit themselves if the proposers stop (proposerFallback: none)'
    : `users must wait for ${fallback === 'governance' ? 'governance' : 'the security council'} to replace the proposers (proposerFallback: ${fallback})`;
  return { open: false, what: '', why, path };
}
