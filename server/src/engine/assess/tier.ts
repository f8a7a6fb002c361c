// The security tier (Strong / Moderate / Weak), derived from the trust model (engine/trust), never
// from a label the author declares (docs/assessment.md, "The security tier"; trust-frameworks.md §6):
//   Strong   — users' claims are script-enforced (they leave with Bitcoin transactions alone, or a
//              1-of-N BitVM payout anyone may challenge), and no coalition of others can steal;
//   Moderate — script-enforced or anchored, and every coalition that can steal is the system's own
//              disclosed operators at Bitcoin Layers' sidesystem floor (≥5 members, ≥4 external),
//              two organisations or more (or stake slashed for theft worth more than the BTC);
//   Weak     — no link to Bitcoin, or a smaller, undisclosed or single-organisation coalition can steal.
// Liveness (freeze, censor, halt) is reported beside the tier and never changes it. Findings do not
// cap the tier: what they describe either changes a coalition (and so the tier) or is liveness.
import type { Component, SpecModel } from '../model.js';
import type { Finding, MissingFact, PegRating, Rated, Ratings, Reason, Tier } from '../types.js';
import { FRAMEWORK_FLOORS } from '../rules/thresholds.js';
import { LINK_WORDS, trustModel, type Coalition, type FailureAnalysis, type TrustModel } from '../trust/index.js';
import { coalitionPhrase, describeFailure } from '../trust/describe.js';
import { worstOtherPeg } from './custody.js';
import { claimsAmong, missingFact, RATING_WORDS } from './common.js';

/**
 * The tier, with its reasons and the facts it could not establish. `pegs` are the per-peg custody
 * ratings, used only to name a hosted peg that rates worse than the enshrined one (it does not set
 * the tier). `_ratings` and `_findings` are accepted for callers that pass them; the tier reads the
 * trust model instead.
 */
export function rateTier(model: SpecModel, _ratings?: Ratings, _findings?: readonly Finding[], pegs: readonly PegRating[] = []): Rated<Tier> {
  const tm = trustModel(model);
  const reasons: Reason[] = [];
  const missing: MissingFact[] = [];
  const steal = tm.coalitions.steal;

  reasons.push({ text: `Users' claims are ${LINK_WORDS[tm.link.value]}: ${lowerFirst(tm.link.why)}`, path: tm.link.path });
  const claim = settlementClaim(model, tm);
  if (claim) reasons.push(claim);

  let tier: Tier;
  const linkClaims = tm.link.claimed ?? [];
  // Claims that keep the tier from rising (for L2S-TRN-005): the link's, and those a steal coalition's count rests on.
  const heldBy: string[] = [];
  if (tm.link.value === 'none') {
    tier = 'weak';
    reasons.push({ text: 'Weak: Bitcoin enforces nothing about users\' claims, whoever holds the BTC.' });
    const smallest = steal.coalitions[0];
    if (smallest) reasons.push(stealReason(smallest));
  } else if (steal.minEntities === null) {
    tier = tm.link.value === 'script' ? 'strong' : 'moderate';
    reasons.push(tier === 'strong'
      ? { text: 'Strong: Bitcoin script enforces every user\'s claim and no coalition of others can steal the BTC.' }
      : { text: 'Moderate: no coalition of others can steal, but users\' claims are only anchored to Bitcoin, not enforced by its script.' });
  } else {
    const gaps = moderateGaps(model, steal);
    const smallest = steal.coalitions[0]!;
    reasons.push(stealReason(smallest));
    if (gaps.length === 0) {
      tier = 'moderate';
      reasons.push({ text: `Moderate: every coalition that can steal is the system's own disclosed operators, at least ${FRAMEWORK_FLOORS.minSigners} members with ${FRAMEWORK_FLOORS.minExternalSigners} external (Bitcoin Layers' sidesystem floor), and more than one organisation.${tm.link.value === 'script' ? ' Strong needs that no coalition of others can steal.' : ''}` });
    } else {
      tier = 'weak';
      for (const g of gaps) {
        heldBy.push(...(g.claims ?? []));
        reasons.push({ text: `Weak: ${g.text}`, path: g.path });
        if (g.missing) missing.push(...g.missing);
      }
    }
  }
  if (tier !== 'weak' && linkClaims.length) {
    // A link the project only claims is treated like one the spec does not give: the tier cannot
    // rise on it (what it would be taken at its word stays as context above).
    const was = tier;
    const head = `${was.charAt(0).toUpperCase()}${was.slice(1)}: `;
    for (const [i, r] of reasons.entries()) if (r.text.startsWith(head)) reasons[i] = { ...r, text: `Otherwise ${was}: ${r.text.slice(head.length)}` };
    tier = 'weak';
    heldBy.push(...linkClaims);
    reasons.push({ text: `Weak: the link to Bitcoin rests on ${linkClaims.map((p) => `${p} (claimed)`).join(' and ')}, which nothing public lets anyone check; the tier stays at what the spec establishes until something does.`, path: linkClaims[0] });
  }
  if (steal.userConditions.length) {
    reasons.push({ text: `What users must do themselves: ${steal.userConditions.join(' ')}` });
  }
  for (const kind of ['freeze', 'censor', 'halt'] as const) {
    const f = tm.coalitions[kind];
    if (f.minEntities !== null) reasons.push({ text: `Beside the tier (liveness): ${describeFailure(kind, f)}`, path: f.coalitions[0]?.paths[0] });
  }

  const worse = worstOtherPeg(pegs);
  if (worse) {
    const head = pegs.find((p) => p.canonical);
    reasons.push({
      text: `Peg "${worse.id}"${worse.asset ? ` (${worse.asset})` : ''} is rated ${RATING_WORDS[worse.value]}${head ? `, worse than the enshrined peg's ${RATING_WORDS[head.value]} custody` : ''}: it does not set the tier, but users holding that token carry its risk.`,
      path: worse.path,
    });
  }
  const claimed = claimsAmong(model, heldBy);
  return { value: tier, reasons, ...(missing.length ? { missing: dedupe(missing) } : {}), ...(claimed.length ? { claimed } : {}) };
}

const CLAIMED = ' (claimed)';
function isClaim(u: string): boolean {
  return u.endsWith(CLAIMED);
}
function claimPath(u: string): string {
  return u.slice(0, -CLAIMED.length);
}

/** `l1.settlement` is a claim: say when the structure disagrees (rule L2S-TRN-010 reports it on the claim). */
function settlementClaim(model: SpecModel, tm: TrustModel): Reason | undefined {
  const declared = model.l1.settlement;
  if (!declared) return undefined;
  const implied = tm.link.value === 'script' ? 'direct' : tm.link.value;
  if (declared === implied) return undefined;
  return { text: `The spec declares l1.settlement: ${declared}, but its structure gives ${implied === 'none' ? 'no link to Bitcoin' : implied === 'direct' ? 'direct settlement' : 'anchoring only'}; the tier follows the structure.`, path: 'l1.settlement', ruleId: 'L2S-TRN-010' };
}

interface Gap { text: string; path?: string; missing?: MissingFact[]; /** Claimed facts (paths) the coalition's count rests on. */ claims?: string[] }

/**
 * What keeps the steal coalitions from Moderate's bar, coalition by coalition: a single
 * organisation, facts the count needs that the spec does not give, members not publicly known,
 * a set below the sidesystem floor. Stake slashed for theft and worth more than the BTC it guards
 * meets the bar as Bitcoin Layers' "alternative consensus financially incentivised" does.
 */
function moderateGaps(model: SpecModel, steal: FailureAnalysis): Gap[] {
  const gaps: Gap[] = [];
  for (const c of steal.coalitions) {
    const what = coalitionPhrase(c);
    const absent = (c.unknown ?? []).filter((u) => !isClaim(u));
    const claims = (c.unknown ?? []).filter(isClaim);
    if (absent.length) {
      gaps.push({
        text: `${what}: l2spec cannot count this coalition without ${absent.join(', ')}${claims.length ? `, and its count rests on ${claims.join(', ')}` : ''}; the tier stays at what the spec establishes until it says.`,
        path: c.paths[0],
        missing: absent.filter((p) => /^[a-zA-Z]/.test(p) && !p.includes(' ')).map((p) => missingFact(model, p, `a fact the coalition "${c.how}" needs (${p})`)),
        ...(claims.length ? { claims: claims.map(claimPath) } : {}),
      });
      continue;
    }
    // Claims are taken at their word first: a claimed shortfall (a single organisation, a set below
    // the floor) counts as such; only a coalition that would meet the bar is held back by its claims.
    const atWord = c.ifClaimFalse ? [] : wordGaps(model, c, what);
    if (atWord.length) { gaps.push(...atWord); continue; }
    if (claims.length) {
      gaps.push({
        text: c.ifClaimFalse
          ? `${what}: this coalition can steal unless ${claims.join(', ')} holds, which nothing public lets anyone check; the tier stays at what the spec establishes until something does.`
          : `${what}: taken at its word this coalition meets the bar, but its count rests on ${claims.join(', ')}, which nothing public lets anyone check; the tier stays at what the spec establishes until something does.`,
        path: c.paths[0],
        claims: claims.map(claimPath),
      });
    }
  }
  return gaps;
}

/** What keeps one fully counted coalition from Moderate's bar. */
function wordGaps(model: SpecModel, c: Coalition, what: string): Gap[] {
  const gaps: Gap[] = [];
  if (c.entities < 2) return [{ text: `a single organisation can steal: ${what}.`, path: c.paths[0] }];
  if (stakeBacked(model, c)) return [];
  for (const m of c.members) {
    const comp = m.path ? componentAt(model, m.path) : undefined;
    if (!comp) continue; // a party the design implies (a previous owner): not the system's operators
    const size = comp.operators ?? comp.threshold?.n;
    if (comp.publiclyKnown !== 'all' || model.transparency?.operatorsDisclosed === false) {
      gaps.push({ text: `${what}: the members of "${m.set}" are not all publicly known.`, path: `${comp.path}.publiclyKnown` });
    } else if (size !== undefined && size < FRAMEWORK_FLOORS.minSigners) {
      gaps.push({ text: `${what}: "${m.set}" has ${size} members, below the sidesystem floor of ${FRAMEWORK_FLOORS.minSigners}.`, path: `${comp.path}.operators` });
    } else if (comp.operatedBy !== 'builder' && comp.external !== undefined && comp.external < FRAMEWORK_FLOORS.minExternalSigners) {
      gaps.push({ text: `${what}: "${m.set}" has ${comp.external} external members, below the sidesystem floor of ${FRAMEWORK_FLOORS.minExternalSigners}.`, path: `${comp.path}.external` });
    } else if (comp.operatedBy === 'builder') {
      gaps.push({ text: `${what}: "${m.set}" is run by the builder.`, path: `${comp.path}.operatedBy` });
    }
  }
  return gaps;
}

/** A coalition of stakers that forfeits stake slashed for theft worth more than the BTC at risk. */
function stakeBacked(model: SpecModel, c: Coalition): boolean {
  if (!c.condition?.includes('slashed')) return false;
  const peg = model.pegs.find((p) => c.paths.includes(p.path));
  const comp = c.members[0]?.path ? componentAt(model, c.members[0].path) : undefined;
  const stake = comp?.stakeBtc ?? peg?.collateralBtc;
  return stake !== undefined && peg?.valueAtRiskBtc !== undefined && stake > peg.valueAtRiskBtc && comp?.stakeHasMarketValue !== false;
}

function componentAt(model: SpecModel, path: string): Component | undefined {
  return model.components.find((x) => x.path === path) ?? model.pegs.flatMap((p) => [p.signers?.component]).find((x) => x?.path === path);
}

/** "Stealing needs 6 independent organisations: 10 of 10 of "committee" (…)": the smallest steal coalition as a reason. */
function stealReason(c: Coalition): Reason {
  const count = c.entities === 1 ? 'one organisation' : `${c.entities} independent organisations`;
  const absent = c.unknown?.some((u) => !isClaim(u));
  const claims = c.unknown?.some(isClaim);
  const note = absent || claims ? ` as declared so far (the count rests on facts the spec ${absent && claims ? 'does not give or only claims' : absent ? 'does not give' : 'only claims'})` : '';
  return { text: `Stealing needs ${count}${note}: ${coalitionPhrase(c)}.`, path: c.paths[0] };
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function dedupe(m: MissingFact[]): MissingFact[] {
  const seen = new Set<string>();
  return m.filter((x) => (seen.has(x.path) ? false : (seen.add(x.path), true)));
}
