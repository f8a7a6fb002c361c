// Shared vocabulary of the assessment: rating orders, views of trusted sets, verifiability,
// upgrade paths and exit delays. Helpers that decide something return plain-English reasons that
// point at the spec path that decided it.
import type { Component, Disclosure, Duration, Family, Peg, SignerSetRef, SpecModel } from '../model.js';
import { componentPath, describe, humanSeconds, pegPath } from '../rules/support.js';
import type { BitcoinLayersRating, Rated, Reason } from '../types.js';

export { describe, pegPath };

/** A Bitcoin Layers level once a row of the table has been chosen. */
export type Level = 'low' | 'medium' | 'high' | 'very-high';

const LEVEL_RANK: Record<Level, number> = { low: 0, medium: 1, high: 2, 'very-high': 3 };

export function worseLevel(a: Level, b: Level): Level {
  return LEVEL_RANK[a] >= LEVEL_RANK[b] ? a : b;
}

export const RATING_WORDS: Record<BitcoinLayersRating, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  'very-high': 'very high',
  'under-review': 'under review',
  'not-applicable': 'not applicable',
};

/**
 * Combines several ratings of the same axis (one per peg, one per operator set): a known
 * "very high" wins, then any part that could not be rated, then the worst level.
 */
export function combineRatings(parts: readonly Rated<BitcoinLayersRating>[]): Rated<BitcoinLayersRating> {
  const rated = parts.filter((p) => p.value !== 'not-applicable');
  if (rated.length === 0) return parts[0] ?? { value: 'not-applicable', reasons: [] };
  const pick = (pred: (v: BitcoinLayersRating) => boolean) => rated.filter((p) => pred(p.value));
  const stop = pick((v) => v === 'very-high');
  if (stop.length) return { value: 'very-high', reasons: stop.flatMap((p) => p.reasons) };
  const unknown = pick((v) => v === 'under-review');
  if (unknown.length) return { value: 'under-review', reasons: unknown.flatMap((p) => p.reasons) };
  let worst: Level = 'low';
  for (const p of rated) worst = worseLevel(worst, p.value as Level);
  return { value: worst, reasons: pick((v) => v === worst).flatMap((p) => p.reasons) };
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

function fieldPath(view: SetView, field: string, value: unknown): string {
  return value === undefined ? view.path : `${view.path}.${field}`;
}

/**
 * Bitcoin Layers' red bar for signers, committees and operators: at least `floor` members that are
 * external to the builder and publicly known. Returns the shortfalls (empty when the bar is met);
 * a fact the spec does not give counts as a shortfall, because a better rating must be shown.
 */
export function knownExternalShortfalls(model: SpecModel, view: SetView, floor: number): Reason[] {
  const out: Reason[] = [];
  if (view.publiclyKnown !== 'all') {
    const text = view.publiclyKnown === undefined
      ? 'the spec does not say whether its members are publicly known'
      : view.publiclyKnown === 'partial'
        ? 'not all of its members are publicly known'
        : 'its members are not publicly known';
    out.push({ text, path: fieldPath(view, 'publiclyKnown', view.publiclyKnown) });
  }
  if (view.external === undefined) {
    out.push({ text: 'the spec does not say how many of its members are external to the builder', path: view.path });
  } else if (view.external < floor) {
    out.push({ text: `only ${view.external} of its members ${view.external === 1 ? 'is' : 'are'} external to the builder (at least ${floor} needed)`, path: `${view.path}.external` });
  }
  if (model.transparency?.operatorsDisclosed === false) {
    out.push({ text: 'the spec says the operators are not publicly disclosed', path: 'transparency.operatorsDisclosed' });
  }
  return out;
}

/**
 * "high" when the set meets the known-external bar, else "very-high", with the reasons. `role`
 * introduces the set: "Peg \"lbtc\" is held by" → 'Peg "lbtc" is held by "Liquid functionaries", but…'.
 */
export function rateKnownExternal(model: SpecModel, view: SetView, floor: number, role: string): { value: Level; reasons: Reason[] } {
  const shortfalls = knownExternalShortfalls(model, view, floor);
  if (shortfalls.length === 0) {
    return {
      value: 'high',
      reasons: [{ text: `${role} ${view.label}, with ${view.external} publicly known members external to the builder (at least ${floor}).`, path: view.path }],
    };
  }
  return {
    value: 'very-high',
    reasons: shortfalls.map((s) => ({ ...s, text: `${role} ${view.label}, but ${s.text}; anything better than very high needs at least ${floor} publicly known external members.` })),
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
  seconds: number;
  declared: boolean;
  duration?: Duration;
  /** Where the figure came from. */
  source?: 'exits.delay' | 'stateValidation.challengePeriod';
}

/**
 * The worst-case time for a user to exit: `exits.delay`, else (for fraud proofs, where a withdrawal
 * waits out the challenge) the challenge period; undeclared counts as zero and the reasons say so.
 */
export function exitDelay(model: SpecModel): ExitDelay {
  const d = model.exits?.delay;
  if (d) return { seconds: d.seconds, declared: true, duration: d, source: 'exits.delay' };
  const challenge = model.stateValidation?.mechanism === 'fraud-proofs' ? model.stateValidation.challengePeriod : undefined;
  if (challenge) return { seconds: challenge.seconds, declared: true, duration: challenge, source: 'stateValidation.challengePeriod' };
  return { seconds: 0, declared: false };
}

export function exitDelayPhrase(e: ExitDelay): string {
  if (!e.declared || !e.duration) return 'an exit time of zero (the spec gives no exits.delay)';
  return e.source === 'stateValidation.challengePeriod'
    ? `the challenge period of ${describe(e.duration)} that a withdrawal waits out`
    : `the worst-case exit time of ${describe(e.duration)}`;
}

/** A way the rules or the custody of the system can be changed after a delay. */
export interface UpgradePath {
  /** "system upgrades", "upgrades of peg \"lbtc\"", "token upgrades". */
  what: string;
  /** Spec path of the delay (or of the section when no delay is written). */
  path: string;
  /** Zero when the delay is instant or not written. */
  delaySeconds: number;
  delay?: Duration;
  /** Who upgrades, when the spec says (peg upgrades only). */
  authority?: SignerSetRef;
  peg?: Peg;
}

export interface UpgradeFacts {
  paths: UpgradePath[];
  /** Set when the spec says outright that nothing can be upgraded. */
  immutable?: Reason;
  /** True when the spec says anything at all about upgrades. */
  declared: boolean;
}

/** The system-wide upgrade path (governance), when the spec declares one. */
export function governancePath(model: SpecModel): UpgradePath | undefined {
  const g = model.governance;
  if (!g || g.upgradeable === false) return undefined;
  if (g.upgradeable !== true && !g.upgradeDelay) return undefined;
  return {
    what: 'system upgrades',
    path: g.upgradeDelay ? 'governance.upgradeDelay' : 'governance.upgradeable',
    delaySeconds: g.upgradeDelay?.seconds ?? 0,
    delay: g.upgradeDelay,
  };
}

/** The upgrade path of one peg, when the peg declares an upgrade authority other than `none`. */
export function pegUpgradePath(model: SpecModel, peg: Peg): UpgradePath | undefined {
  const up = peg.upgrade;
  if (!up || up.authority === 'none') return undefined;
  const base = `${pegPath(model, peg)}.upgrade`;
  return {
    what: `upgrades of peg "${peg.id}"`,
    path: up.delay ? `${base}.delay` : base,
    delaySeconds: up.delay?.seconds ?? 0,
    delay: up.delay,
    authority: up.authority,
    peg,
  };
}

export function upgradeFacts(model: SpecModel): UpgradeFacts {
  const paths: UpgradePath[] = [];
  const gov = governancePath(model);
  if (gov) paths.push(gov);
  for (const peg of model.pegs) {
    const p = pegUpgradePath(model, peg);
    if (p) paths.push(p);
  }
  const token = model.governance?.tokenUpgradeDelay;
  if (token) paths.push({ what: 'token upgrades', path: 'governance.tokenUpgradeDelay', delaySeconds: token.seconds, delay: token });

  const pegsImmutable = model.pegs.length > 0 && model.pegs.every((p) => p.upgrade?.authority === 'none');
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
