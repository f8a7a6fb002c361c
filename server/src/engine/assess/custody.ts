// Bitcoin Layers, BTC custody: who can take or freeze the BTC the system holds.
// Each peg is rated on its custody mechanism and, separately, on who can upgrade it; the peg's
// rating is the worse of the two and the axis takes the worst peg. Unverifiable code (a closed
// node, unverified contracts, a closed prover the bridge relies on) puts the axis at "very high"
// whatever else the spec says.
import type { CustodyType, Peg, SpecModel } from '../model.js';
import type { BitcoinLayersRating, Rated, Reason } from '../types.js';
import {
  combineRatings, describe, exitDelay, exitDelayPhrase, pegPath, pegUpgradePath, governancePath,
  rateKnownExternal, unverifiable, viewOf, windowPhrase, worseLevel, RATING_WORDS,
  type Level, type SetView, type UpgradePath,
} from './common.js';
import { ASSESSMENT_FLOORS } from './floors.js';

type Verdict = { value: BitcoinLayersRating; reasons: Reason[] };

/** Custody types where a set of keys decides where the BTC goes. */
const KEY_CUSTODY: readonly CustodyType[] = ['federation-multisig', 'threshold-signature', 'mpc', 'ecash-mint'];

export function rateCustody(model: SpecModel): Rated<BitcoinLayersRating> {
  const base = model.pegs.length === 0 ? withoutPegs(model) : combineRatings(model.pegs.map((peg) => ratePeg(model, peg)));
  const caps = unverifiable(model, { node: true, contracts: true, prover: model.pegs.some((p) => p.custody === 'bitvm' || p.custody === 'smart-contract') });
  if (caps.length === 0) return base;
  const stop = caps.map((r) => ({ ...r, text: `${r.text} Custody that cannot be verified is rated very high.` }));
  return { value: 'very-high', reasons: base.value === 'very-high' ? [...base.reasons, ...stop] : [...stop, ...base.reasons.map(context(base.value))] };
}

function context(value: BitcoinLayersRating) {
  return (r: Reason): Reason => ({ ...r, text: `Otherwise ${RATING_WORDS[value]}: ${r.text}` });
}

/** No peg: the BTC stays in users' own L1 outputs, or the spec does not say who holds it. */
function withoutPegs(model: SpecModel): Verdict {
  if (model.exits?.unilateral === true) {
    return { value: 'low', reasons: [{ text: 'No peg holds BTC for users, and users can exit unilaterally with their own L1 transaction.', path: 'exits.unilateral' }] };
  }
  return {
    value: 'under-review',
    reasons: [{ text: 'The spec declares no peg and no unilateral exit, so it does not say who holds the BTC. Add a pegs entry (or exits.unilateral: true).', path: model.exits ? 'exits' : undefined }],
  };
}

function ratePeg(model: SpecModel, peg: Peg): Verdict {
  const mechanism = rateMechanism(model, peg);
  const upgrade = rateUpgrade(model, peg);
  if (!upgrade) return mechanism;
  if (mechanism.value === 'under-review') {
    return upgrade.value === 'very-high' ? upgrade : { value: 'under-review', reasons: [...mechanism.reasons, ...upgrade.reasons] };
  }
  const worst = worseLevel(mechanism.value as Level, upgrade.value);
  // When the upgrade path decides, its reasons lead and the mechanism's become context.
  if (worst !== mechanism.value) return { value: worst, reasons: [...upgrade.reasons, ...mechanism.reasons.map(context(mechanism.value))] };
  return { value: worst, reasons: [...mechanism.reasons, ...upgrade.reasons] };
}

// ---------------------------------------------------------------------------------------------
// The custody mechanism

function rateMechanism(model: SpecModel, peg: Peg): Verdict {
  const at = pegPath(model, peg);
  const custody = peg.custody;
  const name = `Peg "${peg.id}"`;
  const unilateralExit = model.exits?.unilateral === true;

  if (custody === undefined) {
    // A peg that names signers but not its custody type is a key-held peg in all but name.
    if (peg.signers) return rateKeySet(model, peg, `${name} (custody type not declared, but it names signers)`);
    return { value: 'under-review', reasons: [{ text: `${name} does not declare its custody type, so custody cannot be rated.`, path: at }] };
  }
  switch (custody) {
    case 'unilateral':
      if (model.exits?.unilateral === false) {
        return { value: 'medium', reasons: [{ text: `${name}: users keep custody of their BTC but cannot exit unilaterally (exits.unilateral: false), which degrades custody to medium.`, path: 'exits.unilateral' }] };
      }
      return { value: 'low', reasons: [{ text: `${name}: users can exit unilaterally with their own L1 transaction; nobody else has to sign.`, path: `${at}.custody` }] };
    case 'single-custodian':
      return { value: 'very-high', reasons: [{ text: `${name} is held by a single custodian, who can take or freeze all of it.`, path: `${at}.custody` }] };
    case 'n-of-n-covenant':
      if (unilateralExit) return lowByExit(name);
      return rateOneHonestSet(model, viewOf(model, peg.signers), `${name} is locked in an N-of-N key-deletion covenant`, `${at}.signers`);
    case 'bitvm':
      if (unilateralExit) return lowByExit(name);
      return rateChallengeable(model, name, at);
    case 'smart-contract':
      return rateContract(model, name, at, unilateralExit);
    case 'pos-stake':
      return ratePosStake(model, peg, name, at);
    case 'miner-vote':
      return { value: 'medium', reasons: [{ text: `${name}: withdrawals need a vote of Bitcoin miners, an alternative consensus financially incentivised not to steal.`, path: `${at}.custody` }] };
    default:
      if (KEY_CUSTODY.includes(custody)) return rateKeySet(model, peg, name);
      return { value: 'under-review', reasons: [{ text: `${name} uses a custody type l2spec does not rate.`, path: `${at}.custody` }] };
  }
}

function lowByExit(name: string): Verdict {
  return { value: 'low', reasons: [{ text: `${name}: users can exit unilaterally with their own L1 transaction (exits.unilateral: true).`, path: 'exits.unilateral' }] };
}

/** Multisig, threshold signature, MPC, mint federation: rated by who holds the keys. */
function rateKeySet(model: SpecModel, peg: Peg, name: string): Verdict {
  const at = pegPath(model, peg);
  const view = viewOf(model, peg.signers);
  if (!view) {
    const text = peg.signers ? `${name}: its signer reference "${peg.signers.ref}" names no component, so the signers are undisclosed.` : `${name}: the spec does not say who holds the keys, so the signers count as undisclosed.`;
    return { value: 'very-high', reasons: [{ text, path: peg.signers?.path ?? at }] };
  }
  const threshold = peg.threshold ?? view.component?.threshold;
  if (threshold && threshold.m === 1 && threshold.n > 1) {
    return { value: 'very-high', reasons: [{ text: `${name}: with a ${threshold.text} threshold any single signer can move the BTC, like a single custodian.`, path: peg.threshold ? `${at}.threshold` : `${view.path}.threshold` }] };
  }
  if (view.openSource === false) {
    return { value: 'very-high', reasons: [{ text: `${name}: the signers of ${view.label} run closed software, which cannot be verified.`, path: `${view.path}.openSource` }] };
  }
  return rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} is held by`);
}

/**
 * Custody protected by a challenge on Bitcoin (BitVM): "medium" when anyone may watch and challenge
 * a bad withdrawal; a permissioned challenger set is rated like a signer set.
 */
function rateChallengeable(model: SpecModel, name: string, at: string): Verdict {
  const open = permissionlessChallenge(model);
  if (open) return { value: 'medium', reasons: [{ text: `${name}: anyone can act as a challenger and stop a bad withdrawal on Bitcoin (one honest challenger suffices).`, path: open }] };
  const view = viewOf(model, model.stateValidation?.challengers) ?? viewOf(model, model.exits?.watchtowers?.set);
  if (!view) {
    return { value: 'very-high', reasons: [{ text: `${name}: withdrawals are protected by challenges, but the spec names no challenger set and does not say anyone may challenge, so the challengers count as undisclosed.`, path: model.stateValidation ? 'stateValidation' : `${at}.custody` }] };
  }
  return rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} relies on the permissioned challengers`);
}

/** The spec path proving challenges are permissionless, if any. */
export function permissionlessChallenge(model: SpecModel): string | undefined {
  const challengers = viewOf(model, model.stateValidation?.challengers);
  if (challengers?.permissionless === true) return `${challengers.path}.permissionless`;
  if (model.exits?.watchtowers?.permissionless === true) return 'exits.watchtowers.permissionless';
  const towers = viewOf(model, model.exits?.watchtowers?.set);
  if (towers?.permissionless === true) return `${towers.path}.permissionless`;
  return undefined;
}

/** N-of-N covenants: safe while one signer deleted its key, so rated like a 1-of-N set. */
function rateOneHonestSet(model: SpecModel, view: SetView | undefined, what: string, refPath: string): Verdict {
  if (!view) return { value: 'very-high', reasons: [{ text: `${what}, but the spec does not say who the signers are, so they count as undisclosed.`, path: refPath }] };
  if (view.permissionless === true) return { value: 'medium', reasons: [{ text: `${what}, and anyone may join ${view.label}.`, path: `${view.path}.permissionless` }] };
  return rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${what}, signed by`);
}

/** A contract on another chain that pays out against the L2's state. */
function rateContract(model: SpecModel, name: string, at: string, unilateralExit: boolean): Verdict {
  if (unilateralExit) return lowByExit(name);
  const mechanism = model.stateValidation?.mechanism;
  if (mechanism === 'validity-proofs') {
    return { value: 'medium', reasons: [{ text: `${name}: the contract pays out only against state proven by validity proofs, but users cannot exit unilaterally.`, path: 'stateValidation.mechanism' }] };
  }
  if (mechanism === 'fraud-proofs' || mechanism === 'bitvm') return rateChallengeable(model, name, at);
  return {
    value: 'very-high',
    reasons: [{ text: `${name}: the contract pays out on whatever state is posted, and ${mechanism ? `state validation is "${mechanism}"` : 'the spec declares no state validation'}, so whoever posts state controls the BTC.`, path: mechanism ? 'stateValidation.mechanism' : `${at}.custody` }],
  };
}

/** Proof of stake: "medium" only when the slashable stake is worth at least the BTC it guards. */
function ratePosStake(model: SpecModel, peg: Peg, name: string, at: string): Verdict {
  const view = viewOf(model, peg.signers);
  const stake = peg.collateralBtc ?? view?.component?.stakeBtc;
  const value = peg.valueAtRiskBtc;
  if (stake !== undefined && value !== undefined && stake >= value) {
    return { value: 'medium', reasons: [{ text: `${name}: validators stake ${stake} BTC against ${value} BTC held, so they are financially incentivised not to steal.`, path: peg.collateralBtc !== undefined ? `${at}.collateralBtc` : `${view!.path}.stakeBtc` }] };
  }
  const why = stake === undefined || value === undefined
    ? `the spec does not give both the stake (collateralBtc or stakeBtc) and the BTC at risk (valueAtRiskBtc), so the stake cannot be shown to outweigh the BTC it guards`
    : `the stake (${stake} BTC) is worth less than the ${value} BTC it guards, so stealing would pay`;
  const because: Reason = { text: `${name}: ${why}; the validators are rated as a signer set.`, path: at };
  if (!view) return { value: 'very-high', reasons: [because, { text: `${name}: the spec does not say who the validators are, so they count as undisclosed.`, path: at }] };
  const set = rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} is guarded by the validators`);
  return { value: set.value, reasons: [because, ...set.reasons] };
}

// ---------------------------------------------------------------------------------------------
// Who can upgrade the custody

/**
 * Bitcoin Layers rates upgradeable custody by who can upgrade it and the timelock. An instant
 * upgrade is "very high"; an upgrade that leaves users at least 30 days to leave first does not
 * count; anything shorter makes the upgraders custodians, rated like a signer set.
 */
function rateUpgrade(model: SpecModel, peg: Peg): { value: Level; reasons: Reason[] } | undefined {
  const path: UpgradePath | undefined = peg.upgrade ? pegUpgradePath(model, peg) : governancePath(model);
  if (!path) return undefined;
  const name = `Peg "${peg.id}"`;
  const through = peg.upgrade ? '' : ' through system upgrades (governance)';
  if (path.delaySeconds === 0) {
    const text = path.delay
      ? `${name} can be upgraded instantly${through}: the custody logic can change before anyone can leave.`
      : `${name} can be upgraded${through}, and the spec gives no delay, so the upgrade counts as instant.`;
    return { value: 'very-high', reasons: [{ text, path: path.path }] };
  }
  const exit = exitDelay(model);
  const window = path.delaySeconds - exit.seconds;
  const floor = ASSESSMENT_FLOORS.custodyUpgradeExitWindowSeconds;
  const windowText = `upgrades${through} take effect after ${describe(path.delay!)}; subtracting ${exitDelayPhrase(exit)} leaves users ${windowPhrase(window)} to leave first`;
  if (window >= floor) {
    return { value: 'low', reasons: [{ text: `${name}: ${windowText}, which is at least ${windowPhrase(floor)}, so whoever upgrades it is not counted as a custodian.`, path: path.path }] };
  }
  const lead: Reason = { text: `${name}: ${windowText}, less than ${windowPhrase(floor)}, so whoever upgrades it is in effect a custodian.`, path: path.path };
  const view = viewOf(model, path.authority);
  if (!view) {
    return { value: 'very-high', reasons: [lead, { text: `${name}: the spec does not say who can upgrade it, so the upgraders count as undisclosed.`, path: path.authority?.path ?? path.path }] };
  }
  const set = rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} can be upgraded by`);
  return { value: set.value, reasons: [lead, ...set.reasons] };
}
