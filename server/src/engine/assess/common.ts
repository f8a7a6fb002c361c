// Shared vocabulary of the assessment: rating orders, views of trusted sets, verifiability,
// upgrade paths and exit delays. Helpers that decide something return plain-English reasons that
// point at the spec path that decided it.
import type { Component, Disclosure, Duration, Family, Peg, SignerSetRef, SpecModel } from '../model.js';
import { pegUpgrades, systemUpgrades, type DeclaredUpgrade } from '../upgrades.js';
import { exitTime, type ExitPart } from '../exitTime.js';
import { componentPath, describe, humanSeconds, pegPath } from '../rules/support.js';
import type { BitcoinLayersRating, ClaimedFactRef, L2beatSentiment, MissingFact, Rated, Reason } from '../types.js';
import { quoted } from '../parse/didYouMean.js';

export { describe, pegPath };

/** A Bitcoin Layers level once a row of the table has been chosen. */
export type Level = 'low' | 'medium' | 'high' | 'very-high';

/** A level, or `unverified` when a fact that places the design on the row is missing. */
export type Placed = Level | 'unverified';

/**
 * Order for "the worse of": a known "very high" is the worst, then a rating that could not be
 * placed (unverified, under review), then the levels. `not-applicable` never wins.
 */
const RANK: Record<BitcoinLayersRating, number> = {
  'not-applicable': -1, low: 0, medium: 1, high: 2, 'under-review': 3, unverified: 3.5, 'very-high': 4,
};

export function worseLevel<T extends BitcoinLayersRating>(a: T, b: T): T {
  return RANK[a] >= RANK[b] ? a : b;
}

/** True when `a` is strictly worse than `b` in the order above. */
export function isWorse(a: BitcoinLayersRating, b: BitcoinLayersRating): boolean {
  return RANK[a] > RANK[b];
}

export const RATING_WORDS: Record<BitcoinLayersRating, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  'very-high': 'very high',
  unverified: 'unverified',
  'under-review': 'under review',
  'not-applicable': 'not applicable',
};

/**
 * Combines several ratings of the same axis (one per custody hop, one per operator set): the
 * worst by the order above wins, with the reasons (and missing facts) of every part that has it.
 */
export function combineRatings(parts: readonly Rated<BitcoinLayersRating>[]): Rated<BitcoinLayersRating> {
  const rated = parts.filter((p) => p.value !== 'not-applicable');
  if (rated.length === 0) return parts[0] ?? { value: 'not-applicable', reasons: [] };
  let worst: BitcoinLayersRating = rated[0]!.value;
  for (const p of rated) worst = worseLevel(worst, p.value);
  const winners = rated.filter((p) => p.value === worst);
  const missing = winners.flatMap((p) => p.missing ?? []);
  const claimed = winners.flatMap((p) => p.claimed ?? []);
  return { value: worst, reasons: winners.flatMap((p) => p.reasons), ...(missing.length ? { missing } : {}), ...(claimed.length ? { claimed } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Statuses: claims nobody can check, and axes under review

/** The facts among `paths` that the spec marks as only claimed, in the order given. */
export function claimsAmong(model: SpecModel, paths: readonly string[]): ClaimedFactRef[] {
  const out: ClaimedFactRef[] = [];
  for (const p of paths) {
    const c = model.claimed?.get(p);
    if (c && !out.some((o) => o.path === c.path)) out.push({ path: c.path, marker: c.marker });
  }
  return out;
}

/**
 * The claims on a set's facts that place it on a bar (size, threshold, independence, disclosure,
 * openness): for callers that hold a set to a floor outside a rating (the L2BEAT stage's council
 * and DA committee), a claimed fact there is unmet until something public lets anyone check it.
 */
export function setClaims(model: SpecModel, ref: SignerSetRef | undefined): ClaimedFactRef[] {
  const view = viewOf(model, ref);
  return view ? claimsAmong(model, [...setFacts(view), `${view.path}.permissionless`]) : [];
}

/** Claimed facts at `path` or any section above it (`pegs.0.upgrade` for `pegs.0.upgrade.delay`). */
export function claimsOn(model: SpecModel, path: string): ClaimedFactRef[] {
  const parts = path.split('.');
  return claimsAmong(model, parts.map((_, i) => parts.slice(0, i + 1).join('.')));
}

/**
 * Bitcoin Layers' "Unverified" for claims: a level better than very high that rests on a fact the
 * spec marks as only claimed (`paths` are the facts this verdict rests on) becomes `unverified`,
 * naming each claim; the level it would have is kept as context. A claim never lifts a rating, and
 * a claim of a shortfall is taken at its word, so `very-high` (and the statuses) stay as they are.
 */
export function restOnClaims<T extends Rated<BitcoinLayersRating>>(model: SpecModel, verdict: T, paths: readonly string[], lead: string): Rated<BitcoinLayersRating> {
  if (verdict.value === 'very-high' || verdict.value === 'under-review' || verdict.value === 'not-applicable') return verdict;
  return overrideWithClaims(model, verdict, paths, lead, RATING_WORDS[verdict.value]) ?? verdict;
}

/**
 * L2BEAT's rosette slices under the same rule as restOnClaims: a `good` or `warning` slice that
 * rests on a claimed fact is `unverified` (l2spec's model of L2BEAT's "under review" sentiment for
 * what it cannot check); `bad` is a shortfall and counts at its word.
 */
export function sentimentOnClaims(model: SpecModel, verdict: Rated<L2beatSentiment>, paths: readonly string[], lead: string): Rated<L2beatSentiment> {
  if (verdict.value === 'bad' || verdict.value === 'not-applicable') return verdict;
  return overrideWithClaims(model, verdict, paths, lead, verdict.value) ?? verdict;
}

/**
 * The override both share: the claim reasons first, then the verdict's own reasons, framed
 * "Otherwise <level>: …" when they describe a level the claim keeps it from (docs/assessment.md).
 */
function overrideWithClaims<V extends string>(model: SpecModel, verdict: Rated<V>, paths: readonly string[], lead: string, level: string): Rated<V | 'unverified'> | undefined {
  const claims = claimsAmong(model, paths);
  if (claims.length === 0) return undefined;
  const placed = verdict.value !== 'unverified';
  const was = placed ? ` (taken at its word it would be ${level})` : '';
  const claimed = [...(verdict.claimed ?? []), ...claims.filter((c) => !verdict.claimed?.some((o) => o.path === c.path))];
  return {
    value: 'unverified',
    reasons: [
      ...claims.map((c) => ({ text: `${lead} rests on ${c.path}, which the spec marks as only claimed (${c.marker.replace(/\.\d+$/, '')}): nothing public lets anyone check it, so the rating stays unverified${was} until something does.`, path: c.path })),
      ...(placed ? verdict.reasons.map((r) => ({ ...r, text: `Otherwise ${level}: ${r.text}` })) : verdict.reasons),
    ],
    ...(verdict.missing ? { missing: verdict.missing } : {}),
    claimed,
  };
}

/**
 * The author's mark that a rating is under review (an `underReview` note on the section that
 * decides it): Bitcoin Layers' "Under Review", the framework has not rated it yet. The note is
 * spec text, quoted and clipped.
 */
export function underReview(note: string | undefined, path: string, what: string): Rated<BitcoinLayersRating> | undefined {
  if (note === undefined) return undefined;
  const why = note.trim() ? `: ${quoted(note.trim(), 160)}` : '';
  return { value: 'under-review', reasons: [{ text: `The spec marks ${what} as under review${why}; it is not rated until the mark is removed.`, path }] };
}

/**
 * A rating outside the framework's table: the spec declares a value l2spec's rubric has no row
 * for, so the framework has not rated it (`under-review`).
 */
export function outsideRubric(text: string, path: string): Rated<BitcoinLayersRating> {
  return { value: 'under-review', reasons: [{ text: `${text} Bitcoin Layers' table has no row for it, so the axis is under review.`, path }] };
}

// ---------------------------------------------------------------------------------------------
// Missing and unreadable facts

/**
 * A fact a rating needs: "missing" when the spec does not write it, with the format finding
 * when the author wrote it in a form l2spec could not read (a misspelled key, a malformed value).
 */
export function missingFact(model: SpecModel, path: string, fact: string): MissingFact {
  const u = model.unreadable?.get(path);
  return u ? { path, fact, unreadable: { path: u.path, ruleId: u.ruleId, what: u.what } } : { path, fact };
}

/** "does not say X" or "writes X in a form l2spec cannot read (see L2S-FMT-003)". */
export function missingPhrase(m: MissingFact): string {
  if (!m.unreadable) return `the spec does not say ${m.fact}`;
  return `the spec says ${m.fact}, but ${m.unreadable.what} (see ${m.unreadable.ruleId}), so l2spec cannot read it`;
}

/** An `unverified` rating: the facts that would place the design on the row are missing. */
export function unverified(missing: MissingFact[], lead: string): Rated<BitcoinLayersRating> & { value: 'unverified' } {
  return {
    value: 'unverified',
    reasons: missing.map((m) => ({ text: `${lead}, but ${missingPhrase(m)}; the rating stays unverified until it does.`, path: m.unreadable?.path ?? m.path })),
    missing,
  };
}

// ---------------------------------------------------------------------------------------------
// Design families

/**
 * Families where every user holds an L1-enforceable claim of their own (a channel, a statechain
 * UTXO, a VTXO): there is no shared L2 state for a sequencer to order or a proposer to post.
 */
const LOCAL_STATE_FAMILIES: readonly Family[] = ['payment-channel', 'statechain', 'ark'];

export function hasLocalState(model: SpecModel): boolean {
  return model.system.family !== undefined && LOCAL_STATE_FAMILIES.includes(model.system.family);
}

/** A wrapped token on another chain has no chain of its own to sequence, prove or propose. */
export function isWrappedToken(model: SpecModel): boolean {
  return model.system.family === 'wrapped-btc';
}

// ---------------------------------------------------------------------------------------------
// Trusted sets

/** What the spec says about one set of parties (a component, referenced or inline). */
export interface SetView {
  component?: Component;
  /** Where the set is defined: `components.<i>` for a referenced component, else the inline path. */
  path: string;
  /** How messages name the set: `"Liquid functionaries"`. */
  label: string;
  members?: number;
  external?: number;
  publiclyKnown?: Disclosure;
  permissionless?: boolean;
  openSource?: boolean;
}

export function viewOfComponent(model: SpecModel, c: Component): SetView {
  return {
    component: c,
    path: componentPath(model, c),
    label: labelOf(c),
    members: c.operators ?? c.threshold?.n,
    external: c.external,
    publiclyKnown: c.publiclyKnown,
    permissionless: c.permissionless,
    openSource: c.openSource,
  };
}

/** A view of a referenced or inline set; undefined when a reference dangles. */
export function viewOf(model: SpecModel, ref: SignerSetRef | undefined): SetView | undefined {
  return ref?.component ? viewOfComponent(model, ref.component) : undefined;
}

function labelOf(c: Component): string {
  if (c.name) return `"${c.name}"`;
  if (c.id) return `"${c.id}"`;
  return 'the set';
}

/** One reason a set falls short of the known-external bar; `missing` when a fact is not given. */
export interface Shortfall extends Reason {
  missing?: MissingFact;
}

/**
 * Bitcoin Layers' red bar for signers, committees and operators: at least `floor` members that are
 * external to the builder and publicly known. Returns the shortfalls (empty when the bar is met);
 * a fact the spec does not give (or gives unreadably) is a shortfall marked `missing`.
 */
export function knownExternalShortfalls(model: SpecModel, view: SetView, floor: number): Shortfall[] {
  const out: Shortfall[] = [];
  const fieldOf = (f: string) => `${view.path}.${f}`;
  if (view.publiclyKnown === undefined) {
    const m = missingFact(model, fieldOf('publiclyKnown'), `whether the members of ${view.label} are publicly known (publiclyKnown)`);
    out.push({ text: missingPhrase(m), path: m.unreadable?.path ?? view.path, missing: m });
  } else if (view.publiclyKnown !== 'all') {
    out.push({ text: view.publiclyKnown === 'partial' ? 'not all of its members are publicly known' : 'its members are not publicly known', path: fieldOf('publiclyKnown') });
  }
  if (view.members !== undefined && view.members < floor) {
    // Fewer members than the bar needs: no missing fact can lift it.
    out.push({ text: view.members === 1 ? 'it is a single party' : `it has only ${view.members} members (at least ${floor} external ones needed)`, path: view.component?.operators !== undefined ? fieldOf('operators') : view.path });
    return out;
  }
  if (view.external === undefined) {
    const m = missingFact(model, fieldOf('external'), `how many members of ${view.label} are external to the builder (external)`);
    out.push({ text: missingPhrase(m), path: m.unreadable?.path ?? view.path, missing: m });
  } else if (view.external < floor) {
    out.push({ text: `only ${view.external} of its members ${view.external === 1 ? 'is' : 'are'} external to the builder (at least ${floor} needed)`, path: fieldOf('external') });
  }
  if (model.transparency?.operatorsDisclosed === false) {
    out.push({ text: 'the spec says the operators are not publicly disclosed', path: 'transparency.operatorsDisclosed' });
  }
  return out;
}

/** The facts that place a set on the known-external bar: its size, disclosure and independence. */
export function setFacts(view: SetView): string[] {
  return ['publiclyKnown', 'external', 'operators', 'threshold'].map((f) => `${view.path}.${f}`);
}

/**
 * "high" when the set meets the known-external bar; "very-high" when a declared fact falls short;
 * `unverified` when only missing facts stand between the set and "high". `role` introduces the
 * set: 'Peg "lbtc" is held by' → 'Peg "lbtc" is held by "Liquid functionaries", but…'.
 */
export function rateKnownExternal(model: SpecModel, view: SetView, floor: number, role: string): Rated<BitcoinLayersRating> & { value: Placed } {
  const shortfalls = knownExternalShortfalls(model, view, floor);
  if (shortfalls.length === 0) {
    const high = {
      value: 'high' as const,
      reasons: [{ text: `${role} ${view.label}, with ${view.external} publicly known members external to the builder (at least ${floor}).`, path: view.path }],
    };
    // "high" rests on the set's size, disclosure and independence: a claimed one cannot be checked.
    return restOnClaims(model, high, setFacts(view), `${role} ${view.label}: "high"`) as Rated<BitcoinLayersRating> & { value: Placed };
  }
  const declared = shortfalls.filter((s) => !s.missing);
  if (declared.length === 0) {
    const missing = shortfalls.map((s) => s.missing!);
    const waiting = {
      value: 'unverified' as const,
      reasons: shortfalls.map((s) => ({ text: `${role} ${view.label}, but ${s.text}; "high" needs at least ${floor} publicly known external members, so the rating stays unverified until the spec says.`, path: s.path })),
      missing,
    };
    return restOnClaims(model, waiting, setFacts(view), `${role} ${view.label}: "high"`) as Rated<BitcoinLayersRating> & { value: Placed };
  }
  return {
    value: 'very-high',
    reasons: declared.map((s) => ({ text: `${role} ${view.label}, but ${s.text}; anything better than very high needs at least ${floor} publicly known external members.`, path: s.path })),
  };
}

// ---------------------------------------------------------------------------------------------
// Verifiability

/** Reasons the system cannot be verified: a closed-source node or unverified contracts. */
export function unverifiable(model: SpecModel, what: { node?: boolean; contracts?: boolean; prover?: boolean }): Reason[] {
  const out: Reason[] = [];
  if (what.node && model.transparency?.nodeSource === 'closed') {
    out.push({ text: 'The node software is closed source, so nobody can verify what it does.', path: 'transparency.nodeSource' });
  }
  if (what.contracts && model.transparency?.contractsVerified === false) {
    out.push({ text: 'The deployed contracts or scripts are not verified against published source.', path: 'transparency.contractsVerified' });
  }
  if (what.prover && model.stateValidation?.proverSource === 'closed') {
    out.push({ text: 'The prover and verifier code is closed, so the proofs the bridge relies on cannot be checked.', path: 'stateValidation.proverSource' });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Exits and upgrades

export interface ExitDelay {
  /** The exit time from the parts the spec gives (a lower bound when `gaps` is not empty). */
  seconds: number;
  /** True when the spec gives at least one part. */
  declared: boolean;
  parts: ExitPart[];
  /** Parts that apply but are not given, as missing facts. */
  missing: MissingFact[];
  /**
   * Claimed facts the exit time rests on (a claimed `exits.delay`, forced-inclusion bound, proposer
   * timeout or challenge period): the total counts them at their word, so a shortfall stands, but
   * time to leave that rests on one cannot be checked.
   */
  claimed: ClaimedFactRef[];
}

/**
 * The worst-case time for a user to exit, as L2BEAT computes it for the exit window: the
 * forced-inclusion delay, plus the challenge or finalisation period, plus the proposer-fallback
 * timeout when users must propose state themselves (see exitTime.ts, which the rules read too).
 * Parts the spec does not give are `missing`: the exit time is then a lower bound.
 */
export function exitDelay(model: SpecModel): ExitDelay {
  let e = exitDelays.get(model);
  if (!e) {
    const t = exitTime(model);
    // Computed once per model (every peg's upgrade rating reads it) and frozen, since it is shared.
    e = Object.freeze({ seconds: t.seconds, declared: t.parts.length > 0, parts: t.parts, missing: Object.freeze(t.gaps.map((g) => missingFact(model, g.path, g.fact))), claimed: Object.freeze(claimsAmong(model, t.rests)) }) as ExitDelay;
    exitDelays.set(model, e);
  }
  return e;
}

const exitDelays = new WeakMap<SpecModel, ExitDelay>();
const exitDelayPhrases = new WeakMap<ExitDelay, string>();

export function exitDelayPhrase(e: ExitDelay): string {
  let phrase = exitDelayPhrases.get(e);
  if (phrase === undefined) exitDelayPhrases.set(e, (phrase = composeExitDelayPhrase(e)));
  return phrase;
}

function composeExitDelayPhrase(e: ExitDelay): string {
  const parts = e.parts.map((p) => `the ${p.what} of ${describe(p.duration)}`);
  const known = parts.length === 0 ? 'an exit time of zero' : parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]} (${humanSeconds(e.seconds)} in all)`;
  if (e.missing.length === 0) return known;
  return `${known}${parts.length ? ' at least' : ''} (the spec does not give ${e.missing.map((m) => m.path).join(' or ')})`;
}

/**
 * One way the rules or the custody of the system can be changed, with who must sign and the delay
 * before it takes effect. L2BEAT rates each path on its own (a timelocked regular path and a fast
 * emergency path are common); the worst decides, with the regular path shown beside it.
 */
export interface UpgradePath {
  /** "system upgrades", "system upgrades (path \"emergency\")", "upgrades of peg \"lbtc\"", "token upgrades". */
  what: string;
  /** Spec path of the delay (or of the route when no delay is written). */
  path: string;
  /** Zero when the delay is instant or not written. */
  delaySeconds: number;
  delay?: Duration;
  /** Everyone who must sign (a two-party sign-off lists two); empty when the spec does not say. */
  holders: SignerSetRef[];
  /** The first holder (kept for messages about a single authority). */
  authority?: SignerSetRef;
  kind?: 'regular' | 'emergency';
  /** `provable-bugs`: the path may only fix bugs proven on chain (L2BEAT Stage 2). */
  scope?: 'any' | 'provable-bugs';
  peg?: Peg;
}

export interface UpgradeFacts {
  paths: UpgradePath[];
  /** Set when the spec says outright that nothing can be upgraded. */
  immutable?: Reason;
  /** True when the spec says anything at all about upgrades. */
  declared: boolean;
}

/** The assessment's view of a declared path (see upgrades.ts, shared with the rules). */
function view(u: DeclaredUpgrade, what: string): UpgradePath {
  const path = u.delay ? u.delayPath : u.legacy ? 'governance.upgradeable' : u.routePath;
  return { what, path, delaySeconds: u.delay?.seconds ?? 0, delay: u.delay, holders: u.holders, authority: u.holders[0], kind: u.kind, scope: u.scope, peg: u.peg };
}

/**
 * The system-wide upgrade paths (governance): format 2's `upgradePaths`, else the v1 shape, one
 * path with `upgradeDelay`, held by the `securityCouncil` when one is declared (the rule catalogue
 * reads the v1 shape the same way).
 */
export function governancePaths(model: SpecModel): UpgradePath[] {
  return systemUpgrades(model).map((u) => view(u, u.legacy ? 'system upgrades' : `system upgrades (path "${u.name}")`));
}

/** The upgrade paths of one peg (its own `upgrade`, and its emergency path), unless `authority: none`. */
export function pegUpgradePaths(_model: SpecModel, peg: Peg): UpgradePath[] {
  return pegUpgrades(peg).map((u) => view(u, u.kind === 'emergency' ? `emergency upgrades of peg "${peg.id}"` : `upgrades of peg "${peg.id}"`));
}

/** The paths that can change one peg's custody: its own when it declares any, else the system's. */
export function pathsForPeg(model: SpecModel, peg: Peg): { paths: UpgradePath[]; through: 'peg' | 'system' } {
  return peg.upgrade ? { paths: pegUpgradePaths(model, peg), through: 'peg' } : { paths: governancePaths(model), through: 'system' };
}

/**
 * The upgrade paths of the system itself, which the exit window and the stages judge: the system's
 * (governance) paths, the canonical peg's own paths and the token's. Upgrades of tokens the chain
 * only hosts (other pegs) are rated in their own custody, not here (L2BEAT judges the rollup's
 * contracts).
 */
export function upgradeFacts(model: SpecModel): UpgradeFacts {
  const paths: UpgradePath[] = [...governancePaths(model)];
  const canonical = model.pegs.find((p) => p.canonical === true) ?? model.pegs[0];
  if (canonical) paths.push(...pegUpgradePaths(model, canonical));
  const token = model.governance?.tokenUpgradeDelay;
  if (token) paths.push({ what: 'token upgrades', path: 'governance.tokenUpgradeDelay', delaySeconds: token.seconds, delay: token, holders: [] });

  const pegsImmutable = model.pegs.length > 0 && model.pegs.every((p) => p.upgrade?.authority === 'none' && !p.upgrade.emergency);
  let immutable: Reason | undefined;
  if (paths.length === 0) {
    if (model.governance?.upgradeable === false) immutable = { text: 'The spec declares the system not upgradeable (governance.upgradeable: false).', path: 'governance.upgradeable' };
    else if (pegsImmutable) immutable = { text: 'Every peg declares its custody logic immutable (upgrade.authority: none).', path: `${pegPath(model, model.pegs[0]!)}.upgrade.authority` };
  }
  const declared = paths.length > 0 || immutable !== undefined || model.governance !== undefined || model.pegs.some((p) => p.upgrade !== undefined);
  return { paths, immutable, declared };
}

export function delayPhrase(p: UpgradePath): string {
  if (!p.delay) return 'no delay written (counted as instant)';
  return p.delay.seconds === 0 ? 'instant' : describe(p.delay);
}

/** A window in days/hours for messages, negative windows included. */
export function windowPhrase(seconds: number): string {
  return seconds <= 0 ? 'no time at all' : humanSeconds(seconds);
}
