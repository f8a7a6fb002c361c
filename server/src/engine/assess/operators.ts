// Bitcoin Layers, network operators: who runs the network, and can users be censored or the
// network halted by them?
import type { Component, ComponentKind, SpecModel } from '../model.js';
import type { BitcoinLayersRating, Rated, Reason } from '../types.js';
import { combineRatings, rateKnownExternal, unverifiable, viewOfComponent, RATING_WORDS } from './common.js';
import { FRAMEWORK_FLOORS } from './floors.js';

/**
 * Who operates the network, in order of precedence: the block producers of a chain; else a
 * service operator (Ark server, statechain entity, mint); else a federation that signs blocks.
 * A federation that only holds the peg next to miners or a sequencer is judged under custody.
 */
const OPERATOR_GROUPS: readonly (readonly ComponentKind[])[] = [['sequencer', 'validators', 'miners'], ['operator'], ['federation']];

export function rateOperators(model: SpecModel): Rated<BitcoinLayersRating> {
  const base = rateNetwork(model);
  const caps = unverifiable(model, { node: true });
  if (caps.length === 0) return base;
  const stop = caps.map((r) => ({ ...r, text: `${r.text} Operators running unverifiable software are rated very high.` }));
  if (base.value === 'very-high') return { value: 'very-high', reasons: [...base.reasons, ...stop] };
  return { value: 'very-high', reasons: [...stop, ...base.reasons.map((r) => ({ ...r, text: `Otherwise ${RATING_WORDS[base.value]}: ${r.text}` }))] };
}

function networkOperators(model: SpecModel): Component[] {
  for (const kinds of OPERATOR_GROUPS) {
    const group = model.components.filter((c) => kinds.includes(c.kind));
    if (group.length) return group;
  }
  return [];
}

function rateNetwork(model: SpecModel): Rated<BitcoinLayersRating> {
  const operators = networkOperators(model);
  const onlyUsers = operators.length === 0 && model.components.some((c) => c.kind === 'users');
  if (model.system.family === 'payment-channel' || onlyUsers) {
    return {
      value: 'low',
      reasons: [{ text: 'Users transact peer-to-peer; no operator sits between them.', path: model.system.family === 'payment-channel' ? 'system.family' : undefined }],
    };
  }
  if (operators.length === 0) {
    return {
      value: 'under-review',
      reasons: [{ text: 'The spec names no component that runs the network (a sequencer, validators, miners, an operator or a federation), so network operators cannot be rated.', path: model.components.length ? 'components' : undefined }],
    };
  }
  return combineRatings(operators.map((c) => rateOperatorSet(model, c)));
}

function rateOperatorSet(model: SpecModel, c: Component): Rated<BitcoinLayersRating> {
  const view = viewOfComponent(model, c);
  if (c.openSource === false) {
    return { value: 'very-high', reasons: [{ text: `${view.label} runs closed software, which nobody can verify.`, path: `${view.path}.openSource` }] };
  }
  if (c.kind === 'miners' && c.hashrateShare !== undefined && c.hashrateShare > FRAMEWORK_FLOORS.mergeMiningHashrateShare) {
    return {
      value: 'medium',
      reasons: [{ text: `${view.label} merge-mine with ${Math.round(c.hashrateShare * 100)}% of Bitcoin's hashrate, more than half.`, path: `${view.path}.hashrateShare` }],
    };
  }
  const open = c.openSource ?? (model.transparency?.nodeSource === 'open' || model.transparency?.nodeSource === 'source-available' ? true : undefined);
  if (c.permissionless === true && open === true) {
    return {
      value: 'medium',
      reasons: [{ text: `Anyone may join ${view.label} (at most minimally permissioned entry), and the node is open source.`, path: `${view.path}.permissionless` }],
    };
  }
  const set = rateKnownExternal(model, view, FRAMEWORK_FLOORS.minExternalOperators, 'The network is run by');
  const reasons: Reason[] = set.reasons;
  if (set.value === 'very-high' && view.members === 1) {
    reasons.unshift({ text: `${view.label} is a single operator: it alone can censor users or halt the network.`, path: c.operators !== undefined ? `${view.path}.operators` : view.path });
  } else if (set.value === 'very-high' && c.permissionless === true) {
    reasons.unshift({ text: `Anyone may join ${view.label}, but the spec does not show the node is open source, which "medium" needs.`, path: `${view.path}.permissionless` });
  }
  return { value: set.value, reasons };
}
