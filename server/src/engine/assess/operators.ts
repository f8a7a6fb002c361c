// Bitcoin Layers, network operators: who runs the network, and can users be censored or the
// network halted by them? Follows the reviews (trust-frameworks.md §8): a single sequencer is
// judged by the ways around it (self-sequencing consideration), a chain ordered by Bitcoin miners
// is low, and a closed node rules out only "medium" (whose criterion asks for an open node).
import type { Component, ComponentKind, SpecModel } from '../model.js';
import { isSingleSequencer, orderedByBitcoin } from '../rules/support.js';
import type { BitcoinLayersRating, MissingFact, Rated, Reason } from '../types.js';
import { combineRatings, missingFact, rateKnownExternal, restOnClaims, underReview, unverified, viewOfComponent } from './common.js';
import { proposerFallbackOpen } from './fallbacks.js';
import { FRAMEWORK_FLOORS } from './floors.js';

/**
 * Who operates the network, in order of precedence: the block producers of a chain; else a
 * service operator (Ark server, statechain entity, mint); else a federation that signs blocks.
 * A federation that only holds the peg next to miners or a sequencer is judged under custody.
 */
const OPERATOR_GROUPS: readonly (readonly ComponentKind[])[] = [['sequencer', 'validators', 'miners'], ['operator'], ['federation']];

export function rateOperators(model: SpecModel): Rated<BitcoinLayersRating> {
  const operators = networkOperators(model);
  const onlyUsers = operators.length === 0 && model.components.some((c) => c.kind === 'users');
  if (model.system.family === 'payment-channel' || onlyUsers) {
    return {
      value: 'low',
      reasons: [{ text: 'Users transact peer-to-peer; no operator sits between them.', path: model.system.family === 'payment-channel' ? 'system.family' : undefined }],
    };
  }
  const bitcoinOrdered = orderedByBitcoin(model);
  if (bitcoinOrdered) {
    return {
      value: 'low',
      reasons: [{ text: "Every transaction is a Bitcoin transaction, ordered by Bitcoin's miners in Bitcoin blocks: Bitcoin itself is the sequencer (this is not merge-mining).", path: bitcoinOrdered }],
    };
  }
  if (operators.length === 0) {
    // Who runs the network selects the row: missing, it is asked for, never read as the worst.
    return unverified([missingFact(model, 'components', 'who runs the network (a component of kind sequencer, validators, miners, operator or federation)')], 'Network operators are rated by who runs the network');
  }
  // The author marks a set that runs the network as under review: the axis is not rated yet.
  for (const c of operators) {
    const marked = underReview(c.underReview, `${c.path}.underReview`, `${viewOfComponent(model, c).label}, which runs the network,`);
    if (marked) return marked;
  }
  return combineRatings(operators.map((c) => rateOperatorSet(model, c)));
}

function networkOperators(model: SpecModel): Component[] {
  for (const kinds of OPERATOR_GROUPS) {
    const group = model.components.filter((c) => kinds.includes(c.kind));
    if (group.length) return group;
  }
  return [];
}

/** Whether the set's node is open source: its own `openSource`, else `transparency.nodeSource`. */
function nodeOpen(model: SpecModel, c: Component): { open?: boolean; path: string } {
  if (c.openSource !== undefined) return { open: c.openSource, path: `${c.path}.openSource` };
  const source = model.transparency?.nodeSource;
  if (source !== undefined) return { open: source !== 'closed', path: 'transparency.nodeSource' };
  return { open: undefined, path: `${c.path}.openSource` };
}

function rateOperatorSet(model: SpecModel, c: Component): Rated<BitcoinLayersRating> {
  const view = viewOfComponent(model, c);
  if (c.kind === 'miners' && c.hashrateShare !== undefined && c.hashrateShare > FRAMEWORK_FLOORS.mergeMiningHashrateShare) {
    return restOnClaims(model, {
      value: 'medium',
      reasons: [{ text: `${view.label} merge-mine with ${Math.round(c.hashrateShare * 100)}% of Bitcoin's hashrate, more than half.`, path: `${view.path}.hashrateShare` }],
    }, [`${view.path}.hashrateShare`], `${view.label}: "medium"`);
  }
  if (c.kind === 'sequencer' && isSingleSequencer(c)) {
    // The ways around the sequencer decide its level: a claimed one cannot be checked.
    return restOnClaims(model, rateSingleSequencer(model, c), ['exits.forcedInclusion', 'exits.proposerFallback', 'exits.proposerFallbackTimeout', `${view.path}.openSource`], `${view.label}'s rating`);
  }
  const node = nodeOpen(model, c);
  if (c.permissionless === true) {
    if (node.open === true) {
      return restOnClaims(model, { value: 'medium', reasons: [{ text: `Anyone may join ${view.label} (at most minimally permissioned entry), and the node is open source.`, path: `${view.path}.permissionless` }] }, [`${view.path}.permissionless`, `${view.path}.openSource`], `${view.label}: "medium"`);
    }
    if (node.open === undefined) {
      return unverified([missingFact(model, node.path, `whether the node ${view.label} run is open source (openSource)`)], `Anyone may join ${view.label}, which is "medium" with an open-source node`);
    }
  }
  const set = rateKnownExternal(model, view, FRAMEWORK_FLOORS.minExternalOperators, 'The network is run by');
  const reasons: Reason[] = [...set.reasons];
  if (set.value === 'very-high' && view.members === 1) {
    reasons.unshift({ text: `${view.label} is a single operator: it alone can censor users or halt the network.`, path: c.operators !== undefined ? `${view.path}.operators` : view.path });
  }
  if (node.open === false) {
    reasons.push({ text: `${view.label} runs${c.permissionless ? ', open to anyone,' : ''} a closed-source node, which rules out "medium" (it needs an open-source node); the set is rated by who runs it.`, path: node.path });
  }
  return { ...set, reasons };
}

/**
 * Bitcoin Layers' self-sequencing consideration for one sequencer: users who can force their
 * transactions in through the parent chain *and* self-propose state (or use an escape hatch) if the
 * operator fails → medium; only one of the two → high; neither → very high. A closed node rules
 * out medium. A fallback that opens only after months counts as none (see fallbacks.ts).
 */
function rateSingleSequencer(model: SpecModel, c: Component): Rated<BitcoinLayersRating> {
  const view = viewOfComponent(model, c);
  const who = `${view.label} is the only sequencer`;
  const mode = model.exits?.forcedInclusion?.mode;
  const fallback = proposerFallbackOpen(model);
  const missing: MissingFact[] = [];
  if (mode === undefined) missing.push(missingFact(model, 'exits.forcedInclusion.mode', 'whether users can force their transactions in through the parent chain (exits.forcedInclusion.mode)'));
  if (fallback.open === undefined) missing.push(missingFact(model, 'exits.proposerFallback', 'whether users can propose state or exit themselves if the operator fails (exits.proposerFallback)'));
  const canForce = mode === 'force-via-l1' || mode === 'self-sequence';
  const canPropose = fallback.open === true;
  // Either missing fact could change the level, so the rating waits for it.
  if (missing.length) return unverified(missing, who);
  const forceText = canForce ? `users can force their transactions in through the parent chain (forcedInclusion: ${mode})` : `users cannot force their transactions in (forcedInclusion: ${mode})`;
  const proposeText = canPropose ? `can ${fallback.what} if the operator fails` : fallback.why;
  const node = nodeOpen(model, c);
  if (canForce && canPropose) {
    if (node.open === false) {
      return { value: 'high', reasons: [{ text: `${who}; ${forceText} and ${proposeText}, which would be "medium", but its node is closed source, which rules out "medium".`, path: node.path }] };
    }
    return { value: 'medium', reasons: [{ text: `${who}, but ${forceText} and ${proposeText}: there is a way around it.`, path: 'exits.forcedInclusion.mode' }] };
  }
  if (canForce || canPropose) {
    return { value: 'high', reasons: [{ text: `${who}; ${forceText}, but ${canPropose ? proposeText : `${proposeText}`}.`, path: canForce ? 'exits.proposerFallback' : 'exits.forcedInclusion.mode' }] };
  }
  return { value: 'very-high', reasons: [{ text: `${who}: ${forceText}, and ${proposeText}; it alone can censor users or halt the network.`, path: 'exits.forcedInclusion.mode' }] };
}
