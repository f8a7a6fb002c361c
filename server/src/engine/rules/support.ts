// Small helpers shared by the trust rules: where a fact lives in the spec (paths), what kind of
// design this is (family predicates), and readable numbers for messages and quick fixes.
import type { Component, ControlRef, CustodyType, Duration, Peg, SignerSetRef, SpecModel, Threshold } from '../model.js';
import { BLOCK_SECONDS, DAY } from '../parse/values.js';
import { pegUpgrades, systemUpgrades } from '../upgrades.js';
import { exitTime, type ExitPart } from '../exitTime.js';
import type { RelatedLocation } from '../types.js';

// ---------------------------------------------------------------------------------------------
// Paths

/** Path of a component in the spec (`components.<index>`, as written). */
export function componentPath(_model: SpecModel, component: Component): string {
  return component.path;
}

/** Path of a peg in the spec (`pegs.<index>`, as written). */
export function pegPath(_model: SpecModel, peg: Peg): string {
  return peg.path;
}

export interface Target {
  path: string;
  related?: RelatedLocation[];
}

/**
 * Where to report a fact about one field of a signer set. A referenced set is reported at the
 * reference (where the risk is taken on) with the component's field as related information; an
 * inline set is reported at its own field.
 */
export function setField(model: SpecModel, ref: SignerSetRef, field: string, relatedMessage: string): Target {
  if (ref.ref !== undefined && ref.component) {
    return { path: ref.path, related: [{ path: `${componentPath(model, ref.component)}.${field}`, message: relatedMessage }] };
  }
  return { path: `${ref.path}.${field}` };
}

/** Where the set's own field lives (the component's field, or the inline field). */
export function setFieldPath(model: SpecModel, ref: SignerSetRef, field: string): string {
  return ref.ref !== undefined && ref.component ? `${componentPath(model, ref.component)}.${field}` : `${ref.path}.${field}`;
}

export function setName(c: Component | undefined, fallback = 'the signer set'): string {
  if (!c) return fallback;
  if (c.name) return `"${c.name}"`;
  return c.id ? `"${c.id}"` : fallback;
}

/** Number of members of a set: its declared operator count, else the n of its threshold. */
export function memberCount(c: Component | undefined): number | undefined {
  return c?.operators ?? c?.threshold?.n;
}

export interface PegThreshold {
  threshold: Threshold;
  /** Where the threshold text is written (for fixes). */
  valuePath: string;
  /** Where to report it. */
  target: Target;
}

/** The threshold that moves a peg's coins: the peg's own, else its signer set's. */
export function pegThreshold(model: SpecModel, peg: Peg): PegThreshold | undefined {
  const base = pegPath(model, peg);
  if (peg.threshold) return { threshold: peg.threshold, valuePath: `${base}.threshold`, target: { path: `${base}.threshold` } };
  const ref = peg.signers;
  const t = ref?.component?.threshold;
  if (!ref || !t) return undefined;
  return { threshold: t, valuePath: setFieldPath(model, ref, 'threshold'), target: setField(model, ref, 'threshold', `threshold ${t.text} of the signer set`) };
}

// ---------------------------------------------------------------------------------------------
// What kind of design this is

/** Custody where a set of keys (or one key) decides where the BTC goes. */
const KEY_CUSTODY: readonly CustodyType[] = ['federation-multisig', 'threshold-signature', 'mpc', 'single-custodian'];

/** A peg whose coins move when enough keys sign (undeclared custody with a signer set counts too). */
export function isKeyCustody(peg: Peg): boolean {
  return peg.custody ? KEY_CUSTODY.includes(peg.custody) : peg.signers !== undefined;
}

export function isRollupLike(model: SpecModel): boolean {
  const f = model.system.family;
  return f === 'rollup' || f === 'bitvm-rollup' || model.system.claims.some((c) => c === 'rollup' || c === 'zk-rollup' || c === 'optimistic-rollup' || c === 'validium');
}

export function isBitvm(model: SpecModel): boolean {
  const f = model.system.family;
  return f === 'bitvm-bridge' || f === 'bitvm-rollup' || model.pegs.some((p) => p.custody === 'bitvm');
}

/** Designs whose safety rests on a user (or watchtower) answering a dispute in time. */
export function hasDisputeWindow(model: SpecModel): boolean {
  const f = model.system.family;
  return f === 'payment-channel' || f === 'statechain' || f === 'ark' || isBitvm(model) || model.exits?.mechanism === 'force-close';
}

/**
 * Systems whose transactions are Bitcoin transactions, ordered by Bitcoin miners in Bitcoin blocks
 * (metaprotocols, client-side validation): Bitcoin itself is the sequencer, which is not
 * merge-mining (Bitcoin Layers, §8). Recognised from the family, or from the facts: no sequencer,
 * operator or federation; the data on Bitcoin (or kept by users); and Bitcoin's own miners
 * (`miners` with hashrateShare 1) or client-side validation. Returns the path that shows it.
 */
export function orderedByBitcoin(model: SpecModel): string | undefined {
  if (model.components.some((c) => c.kind === 'sequencer' || c.kind === 'operator' || c.kind === 'federation')) return undefined;
  const f = model.system.family;
  if (f === 'metaprotocol' || f === 'client-side-validation') return 'system.family';
  const location = model.dataAvailability?.location;
  if (location !== 'bitcoin' && location !== 'self-hosted') return undefined;
  const i = model.components.findIndex((c) => c.kind === 'miners' && c.hashrateShare !== undefined && c.hashrateShare >= 1);
  if (i >= 0) return `${model.components[i]!.path}.hashrateShare`;
  if (model.stateValidation?.mechanism === 'client-side') return 'stateValidation.mechanism';
  return undefined;
}

/** Designs that claim to live on Bitcoin. */
export function claimsBitcoinL2(model: SpecModel): boolean {
  return model.system.claims.some((c) => c === 'bitcoin-l2' || c === 'l2') && model.l1.host !== 'ethereum' && model.l1.host !== 'other';
}

// ---------------------------------------------------------------------------------------------
// Numbers in messages and fixes

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');
}

/** "2 days", "12 hours", "no delay". */
export function humanSeconds(seconds: number): string {
  if (seconds <= 0) return 'no delay';
  if (seconds >= DAY) return `${round(seconds / DAY)} day${seconds === DAY ? '' : 's'}`;
  if (seconds >= 3600) return `${round(seconds / 3600)} hour${seconds === 3600 ? '' : 's'}`;
  return `${round(seconds / 60)} minute${seconds === 60 ? '' : 's'}`;
}

/** A duration as written plus its length: "4032 blocks (≈ 28 days)", "48h (2 days)". */
export function describe(d: Duration): string {
  if (d.seconds === 0) return 'instant (no delay)';
  const human = humanSeconds(d.seconds);
  return d.text === human ? human : `${d.text} (≈ ${human})`;
}

/** A duration in whole Bitcoin blocks for messages: "144 blocks". */
export function blocksText(seconds: number): string {
  const blocks = Math.ceil(seconds / BLOCK_SECONDS);
  return `${blocks} block${blocks === 1 ? '' : 's'}`;
}

/** A fix value in whole days, rounded up: "30d". */
export function daysValue(seconds: number): string {
  return `${Math.ceil(seconds / DAY)}d`;
}

export function percent(fraction: number): string {
  return `${round(fraction * 100)}%`;
}

/** Smallest m with m/n ≥ fraction. */
export function minSigners(n: number, fraction: number): number {
  return Math.ceil(n * fraction - 1e-9);
}

// ---------------------------------------------------------------------------------------------
// Challenger sets (BitVM watchtowers/challengers, fraud-proof challengers)

export interface ChallengerSet {
  ref?: SignerSetRef;
  /** Anyone can challenge. */
  open: boolean;
  /** Where to report "no set declared". */
  missingPath: string;
}

/**
 * The set that can dispute invalid state or withdrawals: stateValidation.challengers. Watchtowers
 * are not counted: one that only watches and reports stops nothing on Bitcoin (the ratings read
 * challenges the same way, assess/custody.ts permissionlessChallenge).
 */
export function challengerSet(model: SpecModel): ChallengerSet {
  const ref = model.stateValidation?.challengers;
  const open = ref?.component?.permissionless === true;
  return { ref, open, missingPath: 'stateValidation.challengers' };
}

// ---------------------------------------------------------------------------------------------
// Upgrades and the exit window

export interface UpgradePath {
  /** "the system's contracts" or 'peg "main"'. */
  label: string;
  delay?: Duration;
  /** Where the delay is (or belongs) in the spec. */
  delayPath: string;
  /** Who can upgrade, when known. */
  authority?: SignerSetRef;
  /** The upgrade touches logic that holds BTC. */
  holdsBtc: boolean;
}

/** Custody whose logic is upgradeable code (a contract or BitVM program) rather than keys or a fixed script. */
export function hasContractCustody(model: SpecModel): boolean {
  return model.pegs.some((p) => p.custody === 'smart-contract' || p.custody === 'bitvm');
}

const upgradePathsCache = new WeakMap<SpecModel, readonly UpgradePath[]>();

/**
 * Every declared way to change the system's rules or a peg's custody logic, with its delay, as
 * the rules word them: the system's paths and each peg's (upgrades.ts enumerates them for the
 * ratings too). A path that a council must co-sign names the council as its authority. Computed
 * once per model: three rules read the list, which must not be modified.
 */
export function upgradePaths(model: SpecModel): readonly UpgradePath[] {
  let paths = upgradePathsCache.get(model);
  if (!paths) upgradePathsCache.set(model, (paths = computeUpgradePaths(model)));
  return paths;
}

function computeUpgradePaths(model: SpecModel): UpgradePath[] {
  const systemHoldsBtc = hasContractCustody(model) || (isRollupLike(model) && model.pegs.length > 0) || (model.l1.host !== undefined && model.l1.host !== 'bitcoin' && model.pegs.length > 0);
  const paths: UpgradePath[] = systemUpgrades(model).map((u) => ({
    label: u.legacy ? "the system's contracts" : `the system's contracts (upgrade path "${u.name}")`,
    delay: u.delay, delayPath: u.delayPath, authority: councilFirst(model, u.holders), holdsBtc: systemHoldsBtc,
  }));
  for (const peg of model.pegs) {
    // Replacing the signers of a BitVM or covenant peg is its upgrade (Clementine suggests ~1 month's notice).
    const label = peg.custody === 'bitvm' || peg.custody === 'n-of-n-covenant' ? `the signer set of peg "${peg.id}"` : `peg "${peg.id}"`;
    for (const u of pegUpgrades(peg)) {
      paths.push({ label: u.kind === 'emergency' ? `${label} (emergency path)` : label, delay: u.delay, delayPath: u.delayPath, authority: u.kind === 'emergency' ? councilFirst(model, u.holders) : u.holders[0], holdsBtc: true });
    }
  }
  return paths;
}

/** Of the parties that must all sign, the Security Council when one is among them, else the first. */
function councilFirst(model: SpecModel, holders: readonly SignerSetRef[]): SignerSetRef | undefined {
  const council = model.governance?.securityCouncil?.component;
  return holders.find((h) => h.component && (h.component === council || h.component.kind === 'security-council')) ?? holders[0];
}

/** Worst-case time for a user to get out: the declared exit delay, or an optimistic challenge period if longer. */
export function exitSeconds(model: SpecModel): { seconds: number; path?: string; parts: ExitPart[] } {
  // One computation for rules and ratings (exitTime.ts): forced inclusion + finalisation + fallback.
  const t = exitTime(model);
  return { seconds: t.seconds, path: t.parts[0]?.path, parts: t.parts };
}

/** The exit-time part of an exit-window explanation. */
export function exitText(exit: { seconds: number; path?: string; parts?: ExitPart[] }): string {
  if (!exit.path) return 'no exit time declared';
  const parts = exit.parts ?? [];
  if (parts.length > 1) return `exit time ${humanSeconds(exit.seconds)} (${parts.map((p) => `${p.what} ${humanSeconds(p.seconds)}`).join(' + ')})`;
  return `${exit.path === 'exits.delay' ? 'exit delay' : exit.path === 'stateValidation.challengePeriod' ? 'challenge period' : parts[0]?.what ?? 'exit time'} ${humanSeconds(exit.seconds)}`;
}

/**
 * A council's threshold as m-of-n: as written, or a share of stake or voting power read as
 * ⌈share × n⌉-of-n over its members (docs/assessment.md, "Shares of stake are read as head counts").
 */
export function councilHeadCount(c: Component): Threshold | undefined {
  if (c.threshold) return c.threshold;
  const n = c.operators;
  const w = c.weightedThreshold;
  if (!w || n === undefined || !Number.isSafeInteger(n) || n < 1) return undefined;
  return { text: w.text, m: Math.max(1, minSigners(n, w.fraction)), n };
}

/**
 * A Security Council set up the way L2BEAT's Stage 1 asks: ≥8 members, ≥75% threshold, and a
 * quorum-blocking group outside the builder (n − m + 1 members, and more than 25%).
 * `operatedBy: builder` means no member is external, as the trust model reads it.
 */
export function councilProblems(c: Component, floors: { councilMinMembers: number; councilMinThresholdFraction: number; councilMinExternalFraction: number }): string[] {
  const problems: string[] = [];
  const n = c.operators ?? c.threshold?.n;
  const t = councilHeadCount(c);
  if (n === undefined) problems.push('its size is not declared');
  else if (n < floors.councilMinMembers) problems.push(`it has ${n} members (at least ${floors.councilMinMembers} needed)`);
  if (!t) problems.push(c.weightedThreshold ? `its threshold ${c.weightedThreshold.text} cannot be counted without its size (operators)` : 'its threshold is not declared');
  else if (t.m / t.n < floors.councilMinThresholdFraction - 1e-9) {
    problems.push(`its threshold ${t.text} is ${percent(t.m / t.n)} (at least ${percent(floors.councilMinThresholdFraction)} needed)`);
  }
  const external = c.operatedBy === 'builder' ? 0 : c.external;
  if (external === undefined) problems.push('it does not declare how many members are external');
  else if (n !== undefined && n > 0) {
    const needed = Math.max(t ? t.n - t.m + 1 : 0, Math.floor(n * floors.councilMinExternalFraction + 1e-9) + 1);
    if (external < needed) {
      const who = c.operatedBy === 'builder' ? 'it is run by the builder (operatedBy: builder), so no member is external' : `only ${external} of ${n} members ${external === 1 ? 'is' : 'are'} external`;
      problems.push(`${who} (at least ${needed} needed to block a quorum: more than ${percent(floors.councilMinExternalFraction)}${t ? ` and at least ${t.n - t.m + 1} for ${t.text}` : ''})`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Network operators

/** The component that orders transactions: a sequencer, or for rollup-like designs an operator. */
export function sequencer(model: SpecModel): Component | undefined {
  return model.components.find((c) => c.kind === 'sequencer') ?? (isRollupLike(model) ? model.components.find((c) => c.kind === 'operator') : undefined);
}

/** A sequencer that is one party: declared with one operator, or with no count (a sequencer is one node unless said otherwise). */
export function isSingleSequencer(c: Component): boolean {
  return c.permissionless !== true && (c.operators ?? c.threshold?.n ?? 1) <= 1;
}

/**
 * The sets that run the network (Bitcoin Layers' "network operators"): sequencers, validators and
 * operators; a federation counts when nothing else is declared (it then signs the blocks too).
 * Payment channels are peer-to-peer, wrapped tokens live on another chain and a BitVM bridge only
 * moves BTC between chains: none of them runs a network of its own.
 */
export function operatorSets(model: SpecModel): Component[] {
  const f = model.system.family;
  if (f === 'payment-channel' || f === 'wrapped-btc' || f === 'bitvm-bridge') return [];
  const runners = model.components.filter((c) => c.kind === 'sequencer' || c.kind === 'validators' || c.kind === 'operator');
  return runners.length ? runners : model.components.filter((c) => c.kind === 'federation');
}

// ---------------------------------------------------------------------------------------------
// Statechains

export function isStatechain(model: SpecModel): boolean {
  return model.system.family === 'statechain' || model.exits?.mechanism === 'statechain-backup-tx';
}

/** The statechain operator: the peg's signer set, else an operator component. */
export function statechainOperator(model: SpecModel): { component?: Component; path?: string; count?: number } {
  const peg = model.pegs.find((p) => p.signers?.component);
  const component = peg?.signers?.component ?? model.components.find((c) => c.kind === 'operator');
  if (!component) return {};
  const i = model.components.indexOf(component);
  return { component, path: i >= 0 ? `components.${i}` : peg?.signers?.path, count: component.operators ?? component.threshold?.n };
}

// ---------------------------------------------------------------------------------------------
// Token controls (format 2: pegs[].controls)

/** A control (pause, blacklist, mint) held by one party: `single-party`, or a set with one member. */
export function isSinglePartyControl(c: ControlRef | undefined): boolean {
  if (!c) return false;
  if (c.holder) return c.holder === 'single-party';
  const set = c.set?.component;
  return set !== undefined && set.permissionless !== true && (set.operators ?? set.threshold?.n) === 1;
}

/** Who holds a control, for messages: "a single party" or the set's name. */
export function controlHolderName(c: ControlRef): string {
  return c.holder ? (c.holder === 'single-party' ? 'a single party' : c.holder) : setName(c.set?.component, 'a single party');
}

/** "a single party" → "A single party". */
export function capFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
