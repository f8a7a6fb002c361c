// A signing threshold is one notion however it is written: `11-of-15` counts signers, `67% of
// stake` and `2/3 of voting power` give the share of weight that must sign. The custody rules
// (single signer, minority, under two thirds) and `diff` read every notation through this module,
// so a design cannot pass a rule, or the gate, by writing the same threshold another way.
import type { Peg, SpecModel, Threshold, WeightedThreshold } from '../model.js';
import { isKeyCustody, memberCount, minSigners, pegPath, setField, setFieldPath, type Target } from './support.js';

/**
 * A threshold in any notation. `fraction` is the share that must sign (m/n, or the share of stake
 * or voting power), 0–1.
 */
export interface Quorum {
  /** As written: "11-of-15", "67% of stake". */
  text: string;
  fraction: number;
  /** `count` for m-of-n; otherwise what the share is a share of. */
  notation: 'count' | 'stake' | 'voting-power';
  /** m-of-n only. */
  m?: number;
  n?: number;
  /** How many members hold the weight, when known (n, else the set's declared `operators`). */
  members?: number;
  /**
   * The most signers that are certainly enough to move the funds: m for m-of-n. For a share of
   * weight held by `members` holders it is ⌈fraction × members⌉: whatever the distribution, the
   * k largest holders hold at least k/members of the weight (pigeonhole), so that many always
   * suffice, and with unequal weights fewer may. Undefined when the set size is unknown.
   */
  enough?: number;
}

export interface PegQuorum {
  quorum: Quorum;
  /** Where the threshold text is written (for fixes). */
  valuePath: string;
  /** Where to report it. */
  target: Target;
}

/** A count threshold as a Quorum. */
export function countQuorum(t: Threshold): Quorum {
  return { text: t.text, fraction: t.m / t.n, notation: 'count', m: t.m, n: t.n, members: t.n, enough: t.m };
}

/** A share of stake or voting power as a Quorum; `members` is the size of the set holding it, when declared. */
export function weightedQuorum(w: WeightedThreshold, members?: number): Quorum {
  const known = members !== undefined && Number.isSafeInteger(members) && members >= 1 ? members : undefined;
  return {
    text: w.text, fraction: w.fraction, notation: w.basis,
    ...(known !== undefined ? { members: known, enough: Math.max(1, minSigners(known, w.fraction)) } : {}),
  };
}

/** Custody where the coins move when enough keys (or enough stake) sign. */
export function movesByQuorum(peg: Peg): boolean {
  return isKeyCustody(peg) || peg.custody === 'pos-stake';
}

/**
 * The threshold that moves a peg's coins in any notation: the peg's own (`m-of-n`, else a share of
 * weight), else its signer set's. The set's declared `operators` give the member count of a share.
 */
export function pegQuorum(model: SpecModel, peg: Peg): PegQuorum | undefined {
  const base = pegPath(model, peg);
  const ref = peg.signers;
  const members = ref?.component ? memberCount(ref.component) : undefined;
  if (peg.threshold) return { quorum: countQuorum(peg.threshold), valuePath: `${base}.threshold`, target: { path: `${base}.threshold` } };
  if (peg.weightedThreshold) return { quorum: weightedQuorum(peg.weightedThreshold, members), valuePath: `${base}.threshold`, target: { path: `${base}.threshold` } };
  const c = ref?.component;
  if (!ref || !c) return undefined;
  const q = c.threshold ? countQuorum(c.threshold) : c.weightedThreshold ? weightedQuorum(c.weightedThreshold, members) : undefined;
  if (!q) return undefined;
  return { quorum: q, valuePath: setFieldPath(model, ref, 'threshold'), target: setField(model, ref, 'threshold', `threshold ${q.text} of the signer set`) };
}

/** "stake", "voting power". */
export function basisText(q: Quorum): string {
  return q.notation === 'voting-power' ? 'voting power' : 'stake';
}

/**
 * The threshold to propose in a fix, in the notation the spec uses: `⌈2n/3⌉-of-n` for a count,
 * `2/3 of stake` (or voting power) for a share.
 */
export function saferThreshold(q: Quorum, fraction: number): string {
  if (q.notation === 'count') return `${minSigners(q.n!, fraction)}-of-${q.n}`;
  return `${fractionText(fraction)} of ${basisText(q)}`;
}

function fractionText(fraction: number): string {
  if (Math.abs(fraction - 2 / 3) < 1e-9) return '2/3';
  return `${Math.round(fraction * 1000) / 10}%`;
}

/** One signer can move the funds: 1-of-n, or a share no larger than one member's certain part (1/members). */
export function isSingleSigner(q: Quorum): boolean {
  return q.enough === 1;
}
