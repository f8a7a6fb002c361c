// The security tier (Strong / Moderate / Weak), by the procedure in docs/assessment.md:
//   1. the settlement mode gives the base tier (direct → strong, anchored → moderate, none → weak);
//   2. caps lower it: any critical finding, very-high custody or operator-only data → weak;
//      strong also needs data on Bitcoin or self-hosted, no very-high axis and a unilateral or
//      1-of-N exit, else moderate; anchoring the bridge does not finalise on → at most moderate.
// The reasons list the base first, then every cap that applies ("Capped at" when it lowered
// the tier, "Also caps at" when the tier was already that low or lower).
import type { SpecModel } from '../model.js';
import type { BitcoinLayersAxis, BitcoinLayersRating, Finding, PegRating, Rated, Ratings, Reason, Tier } from '../types.js';
import { permissionlessChallenge, worstOtherPeg } from './custody.js';
import { RATING_WORDS } from './common.js';

/** The tier counts `unverified` (a fact it needs is missing) as the worst level, like "very high". */
function worstLevel(v: BitcoinLayersRating): boolean {
  return v === 'very-high' || v === 'unverified';
}

const TIER_RANK: Record<Tier, number> = { weak: 0, moderate: 1, strong: 2 };
const AXIS_NAMES: Record<BitcoinLayersAxis, string> = { custody: 'BTC custody', dataAvailability: 'data availability', operators: 'network operators', finality: 'finality' };
const AXES: readonly BitcoinLayersAxis[] = ['custody', 'dataAvailability', 'operators', 'finality'];

/**
 * The tier, with its reasons. `pegs` are the per-peg custody ratings: the canonical peg's is the
 * custody axis; a worse peg is named in the reasons, and findings about other pegs do not cap the
 * tier (they concern a token the chain hosts, not the system's own peg).
 */
export function rateTier(model: SpecModel, ratings: Ratings, findings: readonly Finding[], pegs: readonly PegRating[] = []): Rated<Tier> {
  const reasons: Reason[] = [];
  const base = baseTier(model, reasons);
  let tier = base;
  const cap = (to: Tier, reason: Reason) => {
    const lowers = TIER_RANK[to] < TIER_RANK[tier];
    reasons.push({ ...reason, text: `${lowers ? 'Capped' : 'Also caps'} at ${to}: ${reason.text}` });
    if (lowers) tier = to;
  };

  // Caps to weak: the design's own facts first, then every critical finding.
  if (worstLevel(ratings.custody.value)) {
    const why = ratings.custody.value === 'very-high' ? 'rated very high (Stop!)' : 'unverified (a fact it needs is missing or unreadable), which counts as the worst level';
    cap('weak', { text: `BTC custody of the system's own peg is ${why}.`, path: ratings.custody.reasons[1]?.path ?? ratings.custody.reasons[0]?.path });
  }
  const location = model.dataAvailability?.location;
  if (location === 'operator' || location === 'none') {
    cap('weak', { text: location === 'operator' ? 'the data is available only from the operator.' : 'nothing guarantees the data is available.', path: 'dataAvailability.location' });
  }
  // Findings about a peg the chain only hosts do not cap the tier; one set lookup per finding.
  const otherPegs = new Set(pegs.filter((p) => !p.canonical).map((p) => p.path));
  for (const f of findings.filter((x) => x.severity === 'critical')) {
    const peg = /^pegs\.\d+/.exec(f.path)?.[0];
    if (peg !== undefined && otherPegs.has(peg)) continue;
    cap('weak', { text: `critical finding ${f.ruleId}: ${f.message}`, path: f.path, ruleId: f.ruleId });
  }

  // Anchoring that the bridge ignores.
  if (model.l1.anchoring?.bridgeFinalizesOnAnchor === false) {
    cap('moderate', { text: 'the bridge does not finalise on the state anchored to Bitcoin; writing to Bitcoin is not settling on it.', path: 'l1.anchoring.bridgeFinalizesOnAnchor' });
  }

  // What Strong needs beyond direct settlement, reported even when an earlier cap already decided.
  if (base === 'strong') {
    for (const gap of strongGaps(model, ratings)) cap('moderate', gap);
    if (tier === 'strong') reasons.push({ text: 'Meets every requirement of Strong: data on Bitcoin or self-hosted, no axis rated very high, and a unilateral or 1-of-N exit.' });
  }

  const worse = worstOtherPeg(pegs);
  if (worse) {
    reasons.push({
      text: `Peg "${worse.id}"${worse.asset ? ` (${worse.asset})` : ''} is rated ${RATING_WORDS[worse.value]}, worse than the enshrined peg's ${RATING_WORDS[ratings.custody.value]} custody: it does not set the tier, but users holding that token carry its risk.`,
      path: worse.path,
    });
  }
  return { value: tier, reasons };
}

/** Step 1: the settlement mode. */
function baseTier(model: SpecModel, reasons: Reason[]): Tier {
  const host = model.l1.host;
  if (host === 'ethereum' || host === 'other') {
    const relation = model.l1.bitcoin?.relation;
    const also = relation === 'anchors'
      ? ' It also writes to Bitcoin (l1.bitcoin.relation: anchors), but writing to Bitcoin is not settling there.'
      : '';
    reasons.push({ text: `The system settles on ${host === 'ethereum' ? 'Ethereum' : 'another chain'}, so Bitcoin enforces nothing about it: base tier weak.${also}`, path: relation === 'anchors' ? 'l1.bitcoin.relation' : 'l1.host' });
    return 'weak';
  }
  switch (model.l1.settlement) {
    case 'direct':
      reasons.push({ text: "Settlement is direct (Bitcoin script enforces the user's claim): base tier strong.", path: 'l1.settlement' });
      return 'strong';
    case 'anchored':
      reasons.push({ text: "Settlement is anchored (Bitcoin records the system's state, but its own validators decide validity and hold the peg): base tier moderate.", path: 'l1.settlement' });
      return 'moderate';
    case 'none':
      reasons.push({ text: 'The system neither settles on nor anchors to Bitcoin: base tier weak.', path: 'l1.settlement' });
      return 'weak';
    default:
      reasons.push({ text: 'The spec does not declare how the system settles on Bitcoin (l1.settlement), so nothing ties it to Bitcoin: base tier weak.', path: 'l1' });
      return 'weak';
  }
}

/** Step 2, the Strong requirements: each unmet one caps the tier at moderate. */
function strongGaps(model: SpecModel, ratings: Ratings): Reason[] {
  const gaps: Reason[] = [];
  const location = model.dataAvailability?.location;
  if (location !== 'bitcoin' && location !== 'self-hosted') {
    gaps.push({
      text: location ? `Strong needs data on Bitcoin or self-hosted by users; it lives on "${location}".` : 'Strong needs data on Bitcoin or self-hosted by users; the spec does not say where the data lives.',
      path: location ? 'dataAvailability.location' : model.dataAvailability ? 'dataAvailability' : undefined,
    });
  }
  for (const axis of AXES) {
    const r = ratings[axis];
    if (worstLevel(r.value)) {
      const first = r.reasons.find((x) => x.path) ?? r.reasons[0];
      gaps.push({ text: `Strong needs no axis rated very high or unverified; ${AXIS_NAMES[axis]} is ${RATING_WORDS[r.value]}${first ? ` (${lower(first.text)})` : ''}`, path: first?.path });
    }
  }
  const exit = exitKind(model, ratings);
  if (!exit.ok) gaps.push({ text: `Strong needs a unilateral or 1-of-N exit; ${exit.why}`, path: exit.path });
  return gaps;
}

function lower(s: string): string {
  const t = s.replace(/\.$/, '');
  return t.charAt(0).toLowerCase() + t.slice(1);
}

/**
 * A unilateral exit is one users make alone (custody rated low because of it). A 1-of-N exit is a
 * BitVM-style payout or an N-of-N covenant that one honest party keeps safe, with challenges open
 * to anyone; key-held pegs (federations, custodians) never qualify.
 */
function exitKind(model: SpecModel, ratings: Ratings): { ok: boolean; why: string; path?: string } {
  if (model.exits?.unilateral === true && ratings.custody.value === 'low') return { ok: true, why: '' };
  const pegs = model.pegs;
  const oneOfNCustody = pegs.length > 0 && pegs.every((p) => p.custody === 'bitvm' || p.custody === 'n-of-n-covenant');
  if (oneOfNCustody || (model.exits?.mechanism === 'bitvm-payout' && pegs.every((p) => p.custody === 'bitvm' || p.custody === 'n-of-n-covenant'))) {
    if (pegs.some((p) => p.custody === 'bitvm') && !permissionlessChallenge(model)) {
      return { ok: false, why: 'the BitVM payout is 1-of-N only if anyone may challenge, and the spec does not say so.', path: model.stateValidation?.challengers?.path ?? 'stateValidation' };
    }
    return { ok: true, why: '' };
  }
  if (model.exits?.unilateral === true) {
    return { ok: false, why: `the spec says exits are unilateral, but custody is rated ${RATING_WORDS[ratings.custody.value]}, so some party still controls the BTC.`, path: 'exits.unilateral' };
  }
  const mechanism = model.exits?.mechanism;
  return {
    ok: false,
    why: mechanism ? `users exit by "${mechanism}", which depends on the operators or signers.` : 'the spec declares no unilateral exit (exits.unilateral) and no 1-of-N custody.',
    path: mechanism ? 'exits.mechanism' : model.exits ? 'exits' : undefined,
  };
}
