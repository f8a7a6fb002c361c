// L2BEAT's risk rosette, four of its slices: exit window, state validation, sequencer failure
// and proposer failure (its data-availability slice is covered by the Bitcoin Layers DA axis).
import type { SignerSetRef, SpecModel } from '../model.js';
import type { L2beatSentiment, MissingFact, Rated, Reason } from '../types.js';
import {
  claimsOn, delayPhrase, describe, exitDelay, exitDelayPhrase, hasLocalState, isWrappedToken, missingFact, missingPhrase, sentimentOnClaims,
  setFacts, unverifiable, upgradeFacts, viewOf, windowPhrase, type ExitDelay, type UpgradePath,
} from './common.js';
import type { ClaimedFactRef } from '../types.js';
import { orderedByBitcoin } from '../rules/support.js';
import { proposerFallbackOpen } from './fallbacks.js';
import { FRAMEWORK_FLOORS } from './floors.js';
import { DAY } from '../parse/values.js';

const DAY_WORDS = {
  bad: humanDays(FRAMEWORK_FLOORS.exitWindowBadSeconds),
  good: humanDays(FRAMEWORK_FLOORS.exitWindowGoodSeconds),
};

/** "a" or "an" before a family name ("an ark design"). */
function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function humanDays(seconds: number): string {
  return `${Math.round(seconds / DAY)} days`;
}

/** Designs with no shared L2 chain: no sequencer to fail, no proposer, no shared state to prove. */
function noSharedChain(model: SpecModel): Reason | undefined {
  if (isWrappedToken(model)) return { text: 'A wrapped token has no chain of its own to sequence, prove or propose.', path: 'system.family' };
  if (model.system.family === 'alt-l1') return { text: 'An alternative L1 that hosts wrapped BTC is not a rollup of anything: L2BEAT\'s rosette does not apply, and each token is rated under custody.', path: 'system.family' };
  if (hasLocalState(model)) return { text: `In ${article(model.system.family!)} ${model.system.family} design each user holds their own L1-enforceable claim; there is no shared L2 state here.`, path: 'system.family' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Exit window = upgrade delay − worst-case exit time

/**
 * Each upgrade path is rated on its own (L2BEAT 2026): the worst heads the slice, and when the
 * worst is a fast (e.g. Security Council) path, the regular path's window is given beside it.
 * Unverified contracts are bad (their upgrades cannot be tracked); a closed node is not a
 * contract and does not count here.
 */
export function rateExitWindow(model: SpecModel): Rated<L2beatSentiment> {
  const unverified = unverifiable(model, { contracts: true });
  if (unverified.length) return { value: 'bad', reasons: unverified.map((r) => ({ ...r, text: `${r.text} L2BEAT rates unverified contracts bad: their upgrades cannot be tracked.` })) };

  const facts = upgradeFacts(model);
  if (facts.paths.length === 0) {
    if (facts.immutable) return { value: 'good', reasons: [{ ...facts.immutable, text: `${facts.immutable.text} Nothing can change under users, so the exit window is unlimited.` }] };
    const local = noSharedChain(model);
    if (local && !facts.declared) return { value: 'not-applicable', reasons: [{ ...local, text: `${local.text} The spec declares no upgrade mechanism, so there is no exit window to measure.` }] };
    const m = missingFact(model, 'governance.upgradePaths', 'whether and how the system can be upgraded (governance.upgradePaths, or governance.upgradeable: false)');
    return {
      value: 'unverified',
      reasons: [{ text: 'The spec does not say whether or how the system can be upgraded, so the exit window cannot be measured; it stays unverified until the spec says (an undisclosed upgrade path is no Stage 1 or 2).', path: model.governance ? 'governance' : undefined }],
      missing: [m],
    };
  }
  const exit = exitDelay(model);
  const rated = facts.paths.map((p) => ratePathWindow(model, p, p.delaySeconds - exit.seconds, exit));
  rated.sort((a, b) => SENTIMENT_RANK[b.value] - SENTIMENT_RANK[a.value] || a.window - b.window);
  const worst = rated[0]!;
  const reasons = [worst.reason];
  if (worst.value === 'unverified') {
    const missing = rated.filter((r) => r.value === 'unverified').flatMap((r) => r.missing ?? []);
    const unique = missing.filter((m, i) => missing.findIndex((x) => x.path === m.path) === i);
    const claims = rated.filter((r) => r.value === 'unverified').flatMap((r) => r.claimed ?? []);
    const claimed = claims.filter((c, i) => claims.findIndex((x) => x.path === c.path) === i);
    return {
      value: 'unverified',
      reasons: [...reasons, ...unique.map((m) => ({ text: `The exit window waits for a missing fact: ${missingPhrase(m)}.`, path: m.unreadable?.path ?? m.path }))],
      ...(unique.length ? { missing: unique } : {}),
      ...(claimed.length ? { claimed } : {}),
    };
  }
  // The regular (timelocked) path's window beside the worst, as L2BEAT shows it.
  const slower = rated.filter((r) => r !== worst && r.path.kind !== 'emergency' && r.path.delaySeconds > worst.path.delaySeconds);
  const regular = slower.find((r) => r.path.kind === 'regular') ?? slower.find((r) => !r.path.peg) ?? slower[0];
  if (regular) reasons.push({ ...regular.reason, text: `Regular path: ${regular.reason.text}` });
  return { value: worst.value, reasons };
}

/** Worst first: a declared shortfall (bad) beats a missing fact (unverified), which beats the levels. */
const SENTIMENT_RANK: Record<L2beatSentiment, number> = { 'not-applicable': -1, good: 0, warning: 1, unverified: 2, bad: 3 };

interface PathWindow { value: L2beatSentiment; window: number; path: UpgradePath; reason: Reason; missing?: MissingFact[]; claimed?: ClaimedFactRef[] }


function ratePathWindow(model: SpecModel, p: UpgradePath, window: number, exit: ExitDelay): PathWindow {
  const who = holdersPhrase(p);
  const exitPhrase = exitDelayPhrase(exit);
  if (!p.delay) {
    const m = missingFact(model, p.path.endsWith('.delay') ? p.path : `${p.path}.delay`, `how long ${p.what} wait before they take effect (delay)`);
    return { value: 'unverified', window, path: p, reason: { text: `${capitalise(p.what)}${who} have no delay written, so their exit window cannot be measured (unverified until the spec gives it).`, path: p.path }, missing: [m] };
  }
  if (p.delaySeconds === 0) return { value: 'bad', window, path: p, reason: { text: `${capitalise(p.what)}${who} apply instantly: users have no time to leave before a change they disagree with (exit window: none).`, path: p.path } };
  const reason = `${describeWindow(p, window, exitPhrase)}${who ? ` (${who.trim()})` : ''}`;
  if (window < FRAMEWORK_FLOORS.exitWindowBadSeconds) return { value: 'bad', window, path: p, reason: { text: `${reason}, less than ${DAY_WORDS.bad}.`, path: p.path } };
  // Any part of the exit time the spec leaves out could shorten the window: it waits for that fact.
  if (exit.missing.length) return { value: 'unverified', window, path: p, reason: { text: `${reason} at most; the exit time is not fully known, so the window stays unverified.`, path: p.path }, missing: exit.missing };
  // Time to leave that rests on a claimed exit time or upgrade delay cannot be checked; a shortfall (bad, above) stands.
  const claimed = [...exit.claimed, ...claimsOn(model, p.path)];
  if (claimed.length) {
    const level = window < FRAMEWORK_FLOORS.exitWindowGoodSeconds ? 'warning' : 'good';
    return { value: 'unverified', window, path: p, claimed, reason: { text: `${reason}, which would rate ${level}, but it rests on ${claimed.map((c) => `${c.path} (claimed)`).join(' and ')}: nothing public lets anyone check it, so the window stays unverified until something does.`, path: claimed[0]!.path } };
  }
  if (window < FRAMEWORK_FLOORS.exitWindowGoodSeconds) return { value: 'warning', window, path: p, reason: { text: `${reason}: at least ${DAY_WORDS.bad} but less than ${DAY_WORDS.good}.`, path: p.path } };
  return { value: 'good', window, path: p, reason: { text: `${reason}, at least ${DAY_WORDS.good}.`, path: p.path } };
}

function holdersPhrase(p: UpgradePath): string {
  const names = p.holders.map((h) => (h.component?.name ? `"${h.component.name}"` : h.ref ? `"${h.ref}"` : 'an inline set'));
  if (names.length === 0) return '';
  return ` by ${names.join(' and ')}${names.length > 1 ? ' together' : ''}`;
}

function describeWindow(p: UpgradePath, window: number, exitPhrase: string): string {
  return `${capitalise(p.what)} take effect after ${delayPhrase(p)}; subtracting ${exitPhrase} leaves users ${windowPhrase(window)} to exit first`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// State validation

/**
 * L2BEAT's state-validation slice; `unverified` when a good or warning verdict rests on a fact the
 * spec marks as only claimed (the mechanism, the prover's source, the challengers and their set).
 */
export function rateStateValidation(model: SpecModel): Rated<L2beatSentiment> {
  const verdict = placeStateValidation(model);
  const view = viewOf(model, model.stateValidation?.challengers);
  const facts = ['stateValidation.mechanism', 'stateValidation.proverSource', 'stateValidation.challengers', ...(view ? [...setFacts(view), `${view.path}.permissionless`] : [])];
  return sentimentOnClaims(model, verdict, facts, 'State validation');
}

function placeStateValidation(model: SpecModel): Rated<L2beatSentiment> {
  const sv = model.stateValidation;
  const mechanism = sv?.mechanism;
  const at = 'stateValidation.mechanism';
  if (mechanism === undefined) {
    const local = noSharedChain(model);
    if (local) return { value: 'not-applicable', reasons: [local] };
    const m = missingFact(model, 'stateValidation.mechanism', 'how invalid state is stopped (stateValidation.mechanism)');
    return { value: 'unverified', reasons: [{ text: 'The spec declares no state validation, so the slice stays unverified until it says how invalid state is stopped.', path: sv ? 'stateValidation' : undefined }], missing: [m] };
  }
  const closed = unverifiable(model, { prover: true });
  if (closed.length && (mechanism === 'validity-proofs' || mechanism === 'fraud-proofs' || mechanism === 'bitvm')) {
    return { value: 'bad', reasons: closed };
  }
  if ((mechanism === 'validity-proofs' || mechanism === 'fraud-proofs' || mechanism === 'bitvm') && model.l1.anchoring?.bridgeFinalizesOnAnchor === false) {
    return { value: 'bad', reasons: [{ text: `State is checked with ${mechanism}, but the bridge does not pay out on the checked state, so the proofs do not protect withdrawals.`, path: 'l1.anchoring.bridgeFinalizesOnAnchor' }] };
  }
  switch (mechanism) {
    case 'none':
      return { value: 'bad', reasons: [{ text: 'There is no state validation: an invalid state can be accepted.', path: at }] };
    case 'consensus':
      return { value: 'bad', reasons: [{ text: "The system's own validators decide what state is valid; no proof lets anyone else reject an invalid state.", path: at }] };
    case 'validity-proofs': {
      const reasons: Reason[] = [{ text: 'Every state transition must come with a validity (ZK) proof.', path: at }];
      if (sv!.proofSystem === 'snark') reasons.push({ text: 'The proofs are SNARKs, which usually rely on a trusted setup.', path: 'stateValidation.proofSystem' });
      if (sv!.proofSystem === 'stark') reasons.push({ text: 'The proofs are STARKs, which need no trusted setup.', path: 'stateValidation.proofSystem' });
      return { value: 'good', reasons };
    }
    case 'fraud-proofs':
    case 'bitvm':
      return rateChallengers(model, mechanism === 'bitvm' ? 'BitVM challenges on Bitcoin' : 'fraud proofs');
    case 'tee':
      return { value: 'bad', reasons: [{ text: 'State is attested by trusted hardware (a TEE), not proven: an invalid state is accepted if the hardware or whoever runs it is compromised, and nobody else can show it is invalid.', path: at }] };
    case 'penalty':
      return { value: 'good', reasons: [{ text: 'Publishing an old (revoked) state lets the counterparty or a watchtower take everything on L1, so each side checks the state it signs.', path: at }] };
    case 'client-side':
      return { value: 'good', reasons: [{ text: 'Each user validates the history of the coins they receive.', path: at }] };
    default:
      return { value: 'bad', reasons: [{ text: `State validation "${String(mechanism)}" is not one l2spec recognises.`, path: at }] };
  }
}

/** Fraud proofs: permissionless → good; ≥5 external permissioned challengers → warning; else bad. */
function rateChallengers(model: SpecModel, how: string): Rated<L2beatSentiment> {
  // Challengers only: a watchtower that watches and reports cannot stop an invalid state (see custody.ts).
  const view = viewOf(model, model.stateValidation?.challengers);
  if (view?.permissionless === true) {
    return { value: 'good', reasons: [{ text: `Invalid state is stopped by ${how}, and anyone may challenge.`, path: `${view.path}.permissionless` }] };
  }
  if (!view) {
    const m = missingFact(model, 'stateValidation.challengers', 'who may challenge (stateValidation.challengers, or a permissionless set)');
    return { value: 'unverified', reasons: [{ text: `Invalid state is stopped by ${how}, but the spec names no challenger set and does not say anyone may challenge, so the slice stays unverified.`, path: 'stateValidation' }], missing: [m] };
  }
  const floor = FRAMEWORK_FLOORS.minExternalChallengers;
  const members = view.members;
  const external = view.external;
  if (external === undefined && !(members !== undefined && members < FRAMEWORK_FLOORS.minChallengers)) {
    const m = missingFact(model, `${view.path}.external`, `how many members of ${view.label} are external to the builder (external)`);
    return { value: 'unverified', reasons: [{ text: `Only the permissioned set ${view.label} may challenge, and the spec does not say how many of them are external (warning needs at least ${floor}).`, path: view.path }], missing: [m] };
  }
  if (external !== undefined && external >= floor && (members === undefined || members >= FRAMEWORK_FLOORS.minChallengers)) {
    return { value: 'warning', reasons: [{ text: `Only the permissioned set ${view.label} may challenge, but ${external} of its members are external (at least ${floor}).`, path: `${view.path}.external` }] };
  }
  const why = external === undefined ? 'the spec does not say how many of them are external' : `only ${external} of them ${external === 1 ? 'is' : 'are'} external (at least ${floor} needed for a warning)`;
  return { value: 'bad', reasons: [{ text: `Only the permissioned set ${view.label} may challenge, and ${why}.`, path: external === undefined ? view.path : `${view.path}.external` }] };
}

// ---------------------------------------------------------------------------------------------
// Sequencer failure

/** L2BEAT's sequencer-failure slice; `unverified` when a good or warning verdict rests on a claimed way around the sequencer. */
export function rateSequencerFailure(model: SpecModel): Rated<L2beatSentiment> {
  return sentimentOnClaims(model, placeSequencerFailure(model), ['exits.forcedInclusion'], 'Sequencer failure');
}

function placeSequencerFailure(model: SpecModel): Rated<L2beatSentiment> {
  const fi = model.exits?.forcedInclusion;
  const at = 'exits.forcedInclusion.mode';
  const bitcoinOrdered = orderedByBitcoin(model);
  if (bitcoinOrdered && fi?.mode === undefined) {
    return { value: 'good', reasons: [{ text: 'Bitcoin miners order the transactions: anyone can get a transaction in by paying a Bitcoin fee, as on Bitcoin itself (self-sequencing).', path: bitcoinOrdered }] };
  }
  switch (fi?.mode) {
    case undefined: {
      const local = noSharedChain(model);
      if (local) return { value: 'not-applicable', reasons: [{ ...local, text: `${local.text} No sequencer orders users' transactions; if an operator stops serving a user, the exit is what matters.` }] };
      const m = missingFact(model, 'exits.forcedInclusion.mode', 'whether censored users can get their transactions included (exits.forcedInclusion.mode)');
      return { value: 'unverified', reasons: [{ text: 'The spec does not say whether censored users can get their transactions included (exits.forcedInclusion), so the slice stays unverified.', path: fi ? 'exits.forcedInclusion' : model.exits ? 'exits' : undefined }], missing: [m] };
    }
    case 'self-sequence':
      return { value: 'good', reasons: [{ text: 'If the sequencer censors or stops, users (or anyone) can produce blocks themselves.', path: at }] };
    case 'force-via-l1':
      if (fi.maxDelay) {
        return { value: 'good', reasons: [{ text: `Users can force a transaction in through L1, and it must be included within ${fi.maxDelay.seconds === 0 ? 'the next block' : describe(fi.maxDelay)}.`, path: 'exits.forcedInclusion.maxDelay' }] };
      }
      return { value: 'warning', reasons: [{ text: 'Users can force a transaction in through L1, but the spec gives no bound on how long it can be held back (exits.forcedInclusion.maxDelay).', path: at }] };
    case 'enqueue':
      return { value: 'warning', reasons: [{ text: 'Users can enqueue transactions through L1; the sequencer cannot skip the queue but can stall it.', path: at }] };
    case 'security-council':
      return councilInclusion(model, at);
    case 'none':
      return { value: 'bad', reasons: [{ text: 'There is no way around the sequencer: it can censor users indefinitely.', path: at }] };
    default:
      return { value: 'bad', reasons: [{ text: `Forced-inclusion mode "${String(fi?.mode)}" is not one l2spec recognises.`, path: at }] };
  }
}

// ---------------------------------------------------------------------------------------------
// Proposer failure

/** L2BEAT's proposer-failure slice; `unverified` when a good or warning verdict rests on a claimed fallback (or unilateral exit). */
export function rateProposerFailure(model: SpecModel): Rated<L2beatSentiment> {
  return sentimentOnClaims(model, placeProposerFailure(model), ['exits.proposerFallback', 'exits.proposerFallbackTimeout', 'exits.unilateral'], 'Proposer failure');
}

function placeProposerFailure(model: SpecModel): Rated<L2beatSentiment> {
  const fallback = model.exits?.proposerFallback;
  const at = 'exits.proposerFallback';
  const state = proposerFallbackOpen(model);
  if (state.late) {
    return { value: 'bad', reasons: [{ text: `If the proposers stop, ${state.why}: L2BEAT rates a fallback that opens after months like none.`, path: state.path }] };
  }
  const after = state.timeout ? ` after ${describe(state.timeout)} of silence` : ' after a timeout';
  switch (fallback) {
    case 'self-propose':
      return { value: 'good', reasons: [{ text: `If the proposers stop, users can post state themselves${after}.`, path: state.timeout ? 'exits.proposerFallbackTimeout' : at }] };
    case 'escape-hatch':
      return { value: 'good', reasons: [{ text: `If the proposers stop, users can withdraw with a proof of their balance (escape hatch)${state.timeout ? after : ''}.`, path: state.timeout ? 'exits.proposerFallbackTimeout' : at }] };
    case 'governance':
      return { value: 'warning', reasons: [{ text: 'If the proposers stop, a governance decision must appoint new ones; withdrawals wait for it.', path: at }] };
    case 'security-council':
      return { value: 'warning', reasons: [{ text: 'If the proposers stop, the security council must appoint new ones; withdrawals wait for it.', path: at }] };
    case 'none':
      return { value: 'bad', reasons: [{ text: 'If the whitelisted proposers stop, nobody can withdraw.', path: at }] };
    case undefined: {
      if (model.exits?.unilateral === true) {
        return { value: 'good', reasons: [{ text: 'Users can exit unilaterally with their own L1 transaction, which needs no proposer.', path: 'exits.unilateral' }] };
      }
      const local = noSharedChain(model);
      if (local) return { value: 'not-applicable', reasons: [local] };
      const m = missingFact(model, 'exits.proposerFallback', 'what users can do if the proposers stop (exits.proposerFallback)');
      return { value: 'unverified', reasons: [{ text: 'The spec does not say what users can do if the proposers stop (exits.proposerFallback), so the slice stays unverified.', path: model.exits ? 'exits' : undefined }], missing: [m] };
    }
    default:
      return { value: 'bad', reasons: [{ text: `Proposer fallback "${String(fallback)}" is not one l2spec recognises.`, path: at }] };
  }
}

/**
 * Forced inclusion through the security council: a warning (an escape, weaker than forcing through
 * L1), said with the threshold the spec gives. With no council declared there is no mechanism to
 * rate: the missing council is a missing fact, never read as an escape.
 */
function councilInclusion(model: SpecModel, at: string): Rated<L2beatSentiment> {
  const ref = model.governance?.securityCouncil ?? councilComponentRef(model);
  const view = viewOf(model, ref);
  if (!view) {
    const m = ref
      ? { path: ref.path, fact: 'who is on the security council', unreadable: { path: ref.path, ruleId: 'L2S-FMT-005', what: `"${ref.ref}" names no component` } }
      : missingFact(model, 'governance.securityCouncil', 'which security council can include censored transactions (governance.securityCouncil)');
    return { value: 'unverified', reasons: [{ text: `Censored transactions are to be included by the security council (mode: security-council), but ${missingPhrase(m)}, so the slice stays unverified.`, path: at }], missing: [m] };
  }
  const t = model.exits?.forcedInclusion?.councilThreshold ?? view.component?.threshold;
  const size = view.members ?? t?.n;
  const who = t === undefined
    ? `Members of the security council ${view.label}`
    : size !== undefined && t.m * 2 < size
      ? `A minority of the security council ${view.label} (${t.m} of ${size})`
      : `${t.m} of the ${size ?? t.n} members of the security council ${view.label}`;
  return { value: 'warning', reasons: [{ text: `${who} can include censored transactions: a weaker escape than forcing them in through L1, but an escape.`, path: model.exits?.forcedInclusion?.councilThreshold ? 'exits.forcedInclusion.councilThreshold' : at }] };
}

function councilComponentRef(model: SpecModel): SignerSetRef | undefined {
  const c = model.components.find((x) => x.kind === 'security-council');
  return c ? { ref: c.id, component: c, path: c.path } : undefined;
}
