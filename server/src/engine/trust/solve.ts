// From candidate coalitions to the answer: count each in entities, drop repeats, keep the smallest.
//
// Terms never combine across pegs or failures (a `backedBy` chain copies the backing peg's terms), so
// keeping the KEEP smallest terms of each peg is exact for the smallest coalition and for the
// listing; the work is linear in the spec. Only the per-failure bound MAX_TERMS can cut a search
// short, and the result then says `approximate`.
import { countEntities, membersOf } from './parties.js';
import type { Compiled, Term } from './compile.js';
import { MAX_LISTED, MAX_TERMS, type Coalition, type CoalitionVia, type FailureAnalysis } from './types.js';

/** Terms kept per peg and failure while compiling: enough to list MAX_LISTED distinct coalitions. */
const KEEP = MAX_LISTED * 2;

/** Entities of a term (cached on the term object, which is never mutated after compile). */
const counted = new WeakMap<Term, { entities: number; unknown: string[] }>();
function count(t: Term): { entities: number; unknown: string[] } {
  let c = counted.get(t);
  if (!c) { c = countEntities(t.needs); counted.set(t, c); }
  return c;
}

/** Sort key: fewer entities first; an unconditional coalition before a conditional one of the same size. */
function order(a: Term, b: Term): number {
  return count(a).entities - count(b).entities || Number(a.condition !== undefined || a.after !== undefined) - Number(b.condition !== undefined || b.after !== undefined);
}

/** Keeps the KEEP smallest terms of a compiled failure (exact: see the file comment). Returns whether terms were cut. */
export function prune(c: Compiled): Compiled {
  if (c.terms.length <= KEEP) return c;
  const sorted = [...c.terms].sort(order);
  const kept = sorted.slice(0, KEEP);
  // Also keep the smallest term of every kind (via), so `byVia` stays exact for diffs.
  const vias = new Set(kept.map((t) => t.via ?? 'custody'));
  for (const t of sorted.slice(KEEP)) {
    const via = t.via ?? 'custody';
    if (!vias.has(via)) { vias.add(via); kept.push(t); }
  }
  return { terms: kept, userConditions: c.userConditions };
}

/** The failure's answer: the smallest coalitions (at most MAX_LISTED), their entity counts, and the user-side conditions. */
export function solve(c: Compiled): FailureAnalysis {
  const approximate = c.terms.length > MAX_TERMS;
  const terms = (approximate ? c.terms.slice(0, MAX_TERMS) : c.terms).slice().sort(order);
  const seen = new Set<string>();
  const coalitions: Coalition[] = [];
  for (const t of terms) {
    const { entities, unknown } = count(t);
    const members = membersOf(t.needs);
    const key = JSON.stringify([members.map((m) => [m.set, m.count]), t.after ?? '', t.condition ?? '']);
    if (seen.has(key)) continue;
    seen.add(key);
    coalitions.push({
      entities,
      via: t.via ?? 'custody',
      members,
      ...(t.after ? { after: t.after } : {}),
      ...(t.condition ? { condition: t.condition } : {}),
      how: t.behind ? `${t.how} (the BTC behind peg "${t.behind.peg}")` : t.how,
      paths: [...new Set(t.behind ? [...t.paths, t.behind.path] : t.paths)],
      ...(unknown.length ? { unknown } : {}),
      ...(t.ifClaimFalse ? { ifClaimFalse: true as const } : {}),
    });
    if (coalitions.length >= MAX_LISTED) break;
  }
  const byVia: Partial<Record<CoalitionVia, number>> = {};
  for (const t of terms) {
    const via = t.via ?? 'custody';
    const n = count(t).entities;
    if (byVia[via] === undefined || n < byVia[via]!) byVia[via] = n;
  }
  return {
    minEntities: coalitions.length ? coalitions[0]!.entities : null,
    coalitions,
    byVia,
    userConditions: [...new Set(c.userConditions)],
    ...(approximate ? { approximate: true } : {}),
  };
}

/** Several compiled failures as one (the file-wide view of the canonical peg plus the system). */
export function merge(...parts: Compiled[]): Compiled {
  return { terms: parts.flatMap((p) => p.terms), userConditions: parts.flatMap((p) => p.userConditions) };
}
