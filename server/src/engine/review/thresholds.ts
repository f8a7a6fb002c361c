// Threshold comparison for `diff`: every signing threshold of two versions of a design, in any
// notation (`m-of-n`, `67% of stake`, `2/3 of voting power`), paired by its stable spec path and
// ordered by how easily the funds can be moved. A weaker threshold is a regression even when no
// rating or finding changes (issue 22: "a weaker threshold in any notation is never reported as no
// change"). Pure.
import type { Component, SpecModel, Threshold, WeightedThreshold } from '../model.js';
import { countQuorum, weightedQuorum, type Quorum } from '../rules/quorum.js';
import type { Direction } from './diff.js';
import { compareText } from '../collate.js';

/** One threshold whose value changed, disappeared or appeared between two versions. */
export interface ThresholdChange {
  /** Stable path of the threshold (`pegs[main].threshold`, `components[fed].threshold`). */
  stablePath: string;
  /** As written; undefined when the threshold is new. */
  old?: string;
  /** As written; undefined when the threshold was removed (its owner still exists). */
  new?: string;
  /**
   * `worse` when a smaller share of the weight, or fewer signers, can now move the funds (a
   * trade-off of one against the other is worse both ways: a person must look), or when the
   * threshold was removed from a set or peg that remains; `better` when one grew and neither
   * shrank; `changed` for a new threshold or the same strength written another way.
   */
  direction: Direction;
}

interface Found {
  quorum: Quorum;
  /** The spec path of the object that holds the threshold. */
  owner: string;
}

const EPSILON = 1e-9;

/**
 * Every threshold of a model, by the spec path of its `threshold` field: components, pegs, inline
 * signer sets, emergency paths, custody hops, councils and upgrade holders — wherever the model
 * holds a `threshold` (m-of-n) or `weightedThreshold`. A share of stake is counted against the
 * member count of its set (the set's `operators`, or the signers of the peg or hop).
 */
export function thresholdsOf(model: SpecModel | undefined): { byPath: Map<string, Found>; owners: Set<string> } {
  const byPath = new Map<string, Found>();
  const owners = new Set<string>();
  if (!model) return { byPath, owners };
  const seen = new WeakSet<object>();
  const visit = (value: unknown, at: string, depth: number): void => {
    if (depth > 12 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(v, `${at}.${i}`, depth + 1));
      return;
    }
    const o = value as Record<string, unknown>;
    const path = typeof o.path === 'string' && o.path ? o.path : at;
    owners.add(path);
    const count = isThreshold(o.threshold) ? o.threshold : undefined;
    const weighted = isWeighted(o.weightedThreshold) ? o.weightedThreshold : undefined;
    if (count || weighted) {
      const key = `${path}.threshold`;
      if (!byPath.has(key)) byPath.set(key, { quorum: count ? countQuorum(count) : weightedQuorum(weighted!, membersOf(o)), owner: path });
    }
    for (const [k, v] of Object.entries(o)) {
      if (k === 'threshold' || k === 'weightedThreshold' || k === 'path') continue;
      visit(v, path ? `${path}.${k}` : k, depth + 1);
    }
  };
  visit(model, '', 0);
  return { byPath, owners };
}

function membersOf(o: Record<string, unknown>): number | undefined {
  if (typeof o.operators === 'number') return o.operators;
  const signers = o.signers as { component?: Component } | undefined;
  return signers?.component?.operators ?? signers?.component?.threshold?.n;
}

function isThreshold(v: unknown): v is Threshold {
  const t = v as Threshold | undefined;
  return typeof t === 'object' && t !== null && typeof t.m === 'number' && typeof t.n === 'number' && typeof t.text === 'string';
}

function isWeighted(v: unknown): v is WeightedThreshold {
  const w = v as WeightedThreshold | undefined;
  return typeof w === 'object' && w !== null && typeof w.fraction === 'number' && typeof w.text === 'string';
}

/**
 * How `b` compares with `a` as a guard on the funds: undefined when equal in strength (same
 * share, same number of signers certainly enough), `worse` when the share or that number fell,
 * `better` when one rose and neither fell. `enough` counts only when both sides know it.
 */
export function quorumDirection(a: Quorum, b: Quorum): Direction | undefined {
  const share = Math.abs(b.fraction - a.fraction) < EPSILON ? 0 : Math.sign(b.fraction - a.fraction);
  const signers = a.enough !== undefined && b.enough !== undefined ? Math.sign(b.enough - a.enough) : 0;
  if (share < 0 || signers < 0) return 'worse';
  if (share > 0 || signers > 0) return 'better';
  return undefined;
}

/**
 * Every threshold that changed between two models, paired by stable path (`stable*` maps a spec
 * path to its id-based form, see stablePathFn). Sorted by stable path.
 */
export function compareThresholds(oldModel: SpecModel | undefined, newModel: SpecModel | undefined, stableOld: (p: string) => string, stableNew: (p: string) => string): ThresholdChange[] {
  const a = thresholdsOf(oldModel);
  const b = thresholdsOf(newModel);
  const before = new Map([...a.byPath].map(([p, f]) => [stableOld(p), f]));
  const after = new Map([...b.byPath].map(([p, f]) => [stableNew(p), f]));
  const ownersAfter = new Set([...b.owners].map(stableNew));
  const out: ThresholdChange[] = [];
  for (const [key, o] of before) {
    const n = after.get(key);
    if (n) {
      const direction = quorumDirection(o.quorum, n.quorum);
      if (direction) out.push({ stablePath: key, old: o.quorum.text, new: n.quorum.text, direction });
      else if (o.quorum.text !== n.quorum.text) out.push({ stablePath: key, old: o.quorum.text, new: n.quorum.text, direction: 'changed' });
    } else if (ownersAfter.has(stableOld(o.owner))) {
      // The set or peg is still there but no longer says how many must sign: nothing guards the claim.
      out.push({ stablePath: key, old: o.quorum.text, direction: 'worse' });
    }
  }
  const ownersBefore = new Set([...a.owners].map(stableOld));
  for (const [key, n] of after) {
    if (!before.has(key)) out.push({ stablePath: key, new: n.quorum.text, direction: ownersBefore.has(stableNew(n.owner)) ? 'better' : 'changed' });
  }
  return out.sort((x, y) => compareText(x.stablePath, y.stablePath));
}
