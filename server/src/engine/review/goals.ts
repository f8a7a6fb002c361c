// What stands between a design and a better tier, read from the trust model (engine/trust), and
// what one change does to the coalitions. The tier (assess/tier.ts) is Strong when users' claims
// are script-enforced and no coalition of others can steal; Moderate when they are script-enforced
// or anchored and every steal coalition is disclosed, two organisations or more, its sets at the
// sidesystem floor, no fact unknown; Weak otherwise. So the blockers of a tier goal are the missing
// link to Bitcoin and the steal coalitions that keep it, and a change's effect is what it does to
// the smallest coalition ("require 8 of 11 → stealing needs 8 entities").
import type { AnalysisResult, Tier } from '../types.js';
import { coalitionPhrase } from '../trust/describe.js';
import { LINK_WORDS, trustModel, type Coalition, type Coalitions, type FailureKind, type TrustModel } from '../trust/index.js';

const TIERS: readonly Tier[] = ['weak', 'moderate', 'strong'];

function model(result: AnalysisResult): TrustModel | undefined {
  return result.model ? trustModel(result.model) : undefined;
}

/** "1 entity" / "8 entities", with "at least" when the count rests on facts the spec does not give. */
function entities(n: number, atLeast = false): string {
  return `${atLeast ? 'at least ' : ''}${n} ${n === 1 ? 'entity' : 'entities'}`;
}

/**
 * The blockers of a tier goal, as stable sentences, each with the spec path it is about (for the
 * search's relevance filter). Empty when the tier already meets the goal.
 *   - no link to Bitcoin (both goals): the link's own reason;
 *   - moderate: each of the tier's "Weak: …" reasons (a coalition of one organisation, undisclosed
 *     members, a set below the floor, a fact the count needs);
 *   - strong: a link that is not script-enforced, and every coalition that can steal.
 */
export function tierBlockers(result: AnalysisResult, target: Tier): { text: string; path?: string }[] {
  const a = result.assessment;
  const want = TIERS.indexOf(target);
  if (TIERS.indexOf(a.tier.value) >= want) return [];
  const tm = model(result);
  if (!tm) return [{ text: `The tier is ${a.tier.value}.` }];
  const out: { text: string; path?: string }[] = [];
  if (tm.link.value === 'none') out.push({ text: `Users' claims are ${LINK_WORDS.none}: ${tm.link.why}`, path: tm.link.path });
  if (a.tier.value === 'weak') {
    for (const r of a.tier.reasons) {
      if (!r.text.startsWith('Weak: ') || (tm.link.value === 'none' && !r.path)) continue;
      out.push({ text: r.text.slice('Weak: '.length), path: r.path });
    }
  }
  // Every set of a steal coalition is behind the tier (disclose it, make it external, grow it).
  // So is every fact a coalition's count rests on that the spec does not give.
  for (const c of tm.coalitions.steal.coalitions) {
    for (const m of c.members) if (m.path) out.push({ text: '', path: m.path });
    for (const u of c.unknown ?? []) if (/^[a-zA-Z][\w.]*$/.test(u)) out.push({ text: '', path: u });
  }
  // The tier reads `operatorsDisclosed: false` as "members not publicly known" on every set.
  if (result.model?.transparency?.operatorsDisclosed === false) out.push({ text: '', path: 'transparency.operatorsDisclosed' });
  if (target === 'strong') {
    if (tm.link.value === 'anchored') {
      out.push({ text: `Users' claims are only anchored (${tm.link.why.replace(/\.$/, '')}): Strong needs a unilateral or 1-of-N exit that Bitcoin script enforces.`, path: tm.link.path });
    } else if (tm.link.value === 'none') {
      out.push({ text: 'Strong needs a unilateral or 1-of-N exit that Bitcoin script enforces.', path: tm.link.path });
    }
    for (const c of tm.coalitions.steal.coalitions) {
      out.push({ text: `Strong needs that no coalition of others can steal; ${entities(c.entities, !!c.unknown?.length)} can: ${coalitionPhrase(c)}.`, path: c.paths[0] });
    }
  }
  // Entries with no text only carry a path (a set of a coalition) for the relevance filter.
  return out.filter((b, i) => b.text !== '' || out.findIndex((x) => x.path === b.path) === i);
}

/**
 * The search's measure of a tier goal (higher is nearer): a missing link to Bitcoin weighs more
 * than any number of coalition gaps (gaining the link reveals the coalitions' gaps, which must not
 * count against the change that made them matter); each other blocker weighs 10; within that, a
 * larger smallest steal coalition is progress.
 */
export function tierScore(result: AnalysisResult, target: Tier): number {
  const blockers = tierBlockers(result, target).filter((b) => b.text);
  const unlinked = model(result)?.link.value === 'none' ? 500 : 0;
  return TIERS.indexOf(result.assessment.tier.value) * 1000 - unlinked - 10 * blockers.length + stealProgress(result);
}

/**
 * A small gradient for the search inside one tier: more entities in the smallest steal coalition
 * is better, none at all is best. Below 10, so it never outweighs one blocker.
 */
export function stealProgress(result: AnalysisResult): number {
  const tm = model(result);
  if (!tm) return 0;
  const steal = tm.coalitions.steal;
  if (steal.minEntities === null) return 9.9;
  const known = steal.coalitions[0]?.unknown?.length ? 0 : 0.5;
  return Math.min(steal.minEntities, 18) / 2 + known;
}

function minOf(c: Coalitions, kind: FailureKind): { n: number | null; unknown: boolean } {
  const f = c[kind];
  return { n: f.minEntities, unknown: !!f.coalitions[0]?.unknown?.length };
}

/**
 * What a change does to the coalitions, as one clause for "title → effect": the smallest coalition
 * that can steal (the tier's question) first, then liveness. Undefined when it changes none of them.
 * `before` and `after` are analyses of the spec without and with the change.
 */
export function coalitionEffect(before: AnalysisResult, after: AnalysisResult): string | undefined {
  const b = model(before);
  const a = model(after);
  if (!a || !b) return undefined;
  const sb = minOf(b.coalitions, 'steal');
  const sa = minOf(a.coalitions, 'steal');
  if (sa.n === null && sb.n !== null) return 'no coalition of others can steal any more';
  if (sa.n !== null && sa.n === sb.n && sb.unknown && !sa.unknown) return `stealing needs ${entities(sa.n)}, now that every fact of the count is given`;
  if (sa.n !== null && (sa.n !== sb.n || sa.unknown !== sb.unknown)) {
    return `stealing needs ${entities(sa.n, sa.unknown)}${sb.n === null ? ' (no coalition could before)' : ` (was ${sb.unknown ? 'at least ' : ''}${sb.n})`}`;
  }
  const nb = b.coalitions.steal.coalitions.length;
  const na = a.coalitions.steal.coalitions.length;
  if (na < nb) {
    const gone = b.coalitions.steal.coalitions.filter((c) => !a.coalitions.steal.coalitions.some((x) => x.how === c.how));
    if (gone[0]) return `removes a coalition that could steal (${gone[0].how})`;
  }
  const unknownBefore = b.coalitions.steal.coalitions.filter((c) => c.unknown?.length).length;
  const unknownAfter = a.coalitions.steal.coalitions.filter((c) => c.unknown?.length).length;
  if (unknownAfter < unknownBefore) return 'every coalition that can steal can now be counted';
  if (b.link.value !== a.link.value) return `users' claims become ${LINK_WORDS[a.link.value]}`;
  const gapsAfter = new Set(after.assessment.tier.reasons.map((r) => r.text));
  const cleared = before.assessment.tier.reasons.find((r) => r.text.startsWith('Weak: ') && r.path && !gapsAfter.has(r.text));
  if (cleared) return `clears what kept the tier Weak: ${cleared.text.slice('Weak: '.length).replace(/\.$/, '')}`;
  const parts: string[] = [];
  // The same sets, another count: "stealing through "fed" needs 6 entities (was 3)".
  const key = (c: Coalition) => JSON.stringify([c.members.map((m) => m.set).sort(), c.after ?? '']);
  for (const c of a.coalitions.steal.coalitions) {
    const was = b.coalitions.steal.coalitions.find((x) => key(x) === key(c));
    if (was && was.entities !== c.entities) { parts.push(`stealing through ${c.members.map((m) => `"${m.set}"`).join(' + ')} needs ${entities(c.entities)} (was ${was.entities})`); break; }
  }
  for (const kind of ['freeze', 'censor', 'halt'] as const) {
    const x = minOf(b.coalitions, kind).n;
    const y = minOf(a.coalitions, kind).n;
    if (x !== y) parts.push(`${kind}: ${x ?? 'none'} → ${y ?? 'none'} entities`);
  }
  const live = parts;
  return live.length ? live.join('; ') : undefined;
}
