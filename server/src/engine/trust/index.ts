// The trust model: who must collude to steal, freeze, censor or halt (docs/assessment.md, "Who must
// collude"). Pure: a SpecModel in, a TrustModel out; memoised per model object (models are not
// mutated after build). The tier (assess/tier.ts) and the custody ratings read it, so the engine has
// one truth about who can do what.
import type { Peg, SpecModel } from '../model.js';
import { Compiler, userHeldCustody, type Compiled } from './compile.js';
import { Parties } from './parties.js';
import { merge, solve } from './solve.js';
import type { BitcoinLink, Coalitions, TrustModel } from './types.js';

export * from './types.js';
export { userHeldCustody };

const cache = new WeakMap<SpecModel, TrustModel>();

/**
 * Builds the trust model of a spec. Cost is linear in the spec (each peg compiled once, at most a
 * handful of candidate coalitions kept per peg); bounded by MAX_TERMS per failure.
 */
export function trustModel(model: SpecModel): TrustModel {
  const known = cache.get(model);
  if (known) return known;
  const parties = new Parties(model);
  const compiler = new Compiler(model, parties);
  const canonical = canonicalPeg(model);
  const censor = solve(compiler.censor());
  const halt = solve(compiler.halt());
  // Each peg's coalitions are solved when first read (the tier needs only the canonical peg's, and
  // an edit to a spec with hundreds of hosted pegs should not pay for all of them). The getters are
  // enumerable, so JSON and structured clones carry the values.
  const solvePeg = (peg: Peg): Coalitions => ({ steal: solve(compiler.steal(peg)), freeze: solve(compiler.freeze(peg)), censor, halt });
  const pegs = model.pegs.map((peg) => lazy({ id: peg.id, path: peg.path, canonical: peg === canonical }, 'coalitions', () => solvePeg(peg)));
  const coalitions: Coalitions = canonical
    ? pegs[model.pegs.indexOf(canonical)]!.coalitions
    : { steal: solve(noPegSteal(model, parties)), freeze: solve(merge()), censor, halt };
  const result: TrustModel = { link: bitcoinLink(model, canonical), coalitions, pegs };
  cache.set(model, result);
  return result;
}

/** Adds an enumerable property computed on first read and then kept. */
export function lazy<T extends object, K extends string, V>(target: T, key: K, compute: () => V): T & Record<K, V> {
  let value: V | undefined;
  let done = false;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) { value = compute(); done = true; }
      return value as V;
    },
  });
  return target as T & Record<K, V>;
}

/** The enshrined peg: `canonical: true`, else the first (Bitcoin Layers heads custody with it, §8). */
function canonicalPeg(model: SpecModel): Peg | undefined {
  return model.pegs.find((p) => p.canonical === true) ?? model.pegs[0];
}

/** Exit mechanisms Bitcoin script enforces for the user alone (a channel close, an Ark or statechain exit). */
const SCRIPT_EXITS: readonly string[] = ['force-close', 'unilateral-vtxo-exit', 'statechain-backup-tx'];

/**
 * Without a peg, users' BTC stays in their own outputs only when they exit by a mechanism Bitcoin
 * script enforces; otherwise the spec does not say who holds it, and the model says so rather than
 * assume nobody does (a spec of six lines declaring `unilateral: true` establishes no custody).
 */
function noPegSteal(model: SpecModel, parties: Parties): Compiled {
  const e = model.exits;
  if (e?.unilateral === true && e.mechanism && SCRIPT_EXITS.includes(e.mechanism)) return merge();
  const holder = parties.named('holder of the BTC', 'pegs');
  return { terms: [{ needs: [{ set: holder, count: 1, unknown: ['pegs', ...(e?.unilateral === true ? ['exits.mechanism'] : [])] }], how: 'whoever holds the BTC (the spec declares no peg, so it does not say who)', paths: [e?.unilateral === true ? 'exits' : 'system'] }], userConditions: [] };
}

/**
 * How the user's claim reaches Bitcoin (trust-frameworks.md §6 step 1), from the structure, never
 * from `l1.settlement` (a claim the rule L2S-TRN-010 checks against this).
 */
export function bitcoinLink(model: SpecModel, canonical = canonicalPeg(model)): TrustModel['link'] {
  const link = placeLink(model, canonical);
  // A link that rests on a claimed fact (a claimed unilateral exit or custody type) is only the
  // project's word: the tier reads `claimed` like an unknown and cannot rise on it.
  const claimed = link.value === 'none' ? [] : linkFacts(model, canonical, link.value).filter((p) => model.claimed?.has(p));
  return claimed.length ? { ...link, claimed } : link;
}

/** The facts a script or anchored link rests on, by the branch of placeLink that gives it. */
function linkFacts(model: SpecModel, canonical: Peg | undefined, value: BitcoinLink): string[] {
  const da = 'dataAvailability.location';
  if (value === 'script') {
    if (!canonical) return ['exits.unilateral', 'exits.mechanism', da];
    const ch = model.stateValidation?.challengers;
    return [`${canonical.path}.custody`, 'exits.unilateral', da, ...(canonical.custody === 'bitvm' ? ['stateValidation.challengers', ...(ch?.component ? [`${ch.component.path}.permissionless`] : [])] : [])];
  }
  // Anchored: only when nothing the spec states outright (anchoring, the family) gives the tie.
  const f = model.system.family;
  const anchored = (model.l1.anchoring?.bridgeFinalizesOnAnchor !== false && (model.l1.anchoring?.what?.length ?? 0) > 0)
    || f === 'metaprotocol' || f === 'client-side-validation' || f === 'merge-mined-sidechain' || f === 'drivechain';
  if (anchored) return [];
  // Each of these anchors on its own: the link rests on claims only when every one that applies is claimed.
  const fin = model.finality?.source;
  const sources = [
    ...(canonical && (canonical.custody === 'bitvm' || canonical.custody === 'miner-vote') ? [`${canonical.path}.custody`] : []),
    ...(fin === 'bitcoin' || fin === 'bitcoin-checkpoint' ? ['finality.source'] : []),
  ];
  return sources.every((p) => model.claimed?.has(p)) ? sources : [];
}

function placeLink(model: SpecModel, canonical: Peg | undefined): TrustModel['link'] {
  const host = model.l1.host ?? 'bitcoin';
  if (host !== 'bitcoin') {
    return { value: 'none', why: `The system settles on ${host === 'ethereum' ? 'Ethereum' : 'another chain'}; writing to Bitcoin is not settling there.`, path: 'l1.host' };
  }
  const exits = model.exits;
  const location = model.dataAvailability?.location;
  const dataHeldByOthers = location === 'operator' || location === 'committee' || location === 'none' || location === 'external-da';
  const script = (why: string, path: string): TrustModel['link'] => ({ value: 'script', why, path });
  if (!canonical) {
    if (exits?.unilateral === true && exits.mechanism && SCRIPT_EXITS.includes(exits.mechanism) && !dataHeldByOthers) {
      return script(`No peg holds users' BTC: they leave with their own Bitcoin transactions (${exits.mechanism}).`, 'exits.mechanism');
    }
  } else if (userHeldCustody(canonical) && exits?.unilateral !== false && !dataHeldByOthers) {
    return script(`Users take their BTC back with Bitcoin transactions alone (${canonical.custody === 'statechain' ? 'the statechain backup transaction' : exits?.mechanism ?? 'a unilateral exit'}).`, `${canonical.path}.custody`);
  } else if (canonical.custody === 'n-of-n-covenant' && !dataHeldByOthers) {
    return script('The BTC sits in an N-of-N covenant whose pre-signed transactions Bitcoin enforces.', `${canonical.path}.custody`);
  } else if (canonical.custody === 'bitvm' && model.stateValidation?.challengers?.component?.permissionless === true && !dataHeldByOthers) {
    return script('A false payout claim can be stopped on Bitcoin by any challenger (BitVM, 1-of-N).', 'stateValidation.challengers');
  }
  // Anchoring the bridge does not finalise on gives users nothing: writing to Bitcoin is not settling there.
  const ignored = model.l1.anchoring?.bridgeFinalizesOnAnchor === false;
  const anchoring = ignored ? [] : model.l1.anchoring?.what ?? [];
  const f = model.system.family;
  const fin = model.finality?.source;
  if (anchoring.length > 0 || f === 'metaprotocol' || f === 'client-side-validation' || f === 'merge-mined-sidechain' || f === 'drivechain' || fin === 'bitcoin' || fin === 'bitcoin-checkpoint' || canonical?.custody === 'bitvm' || canonical?.custody === 'miner-vote') {
    const what = anchoring.length ? anchoring.join(', ') : f === 'metaprotocol' || f === 'client-side-validation' ? 'the chain is ordered in Bitcoin blocks' : f === 'merge-mined-sidechain' ? 'merge-mining' : canonical?.custody === 'bitvm' ? 'a BitVM bridge whose challengers are not open to anyone' : fin === 'bitcoin-checkpoint' ? 'checkpoints' : 'Bitcoin';
    return { value: 'anchored', why: `The system is tied to Bitcoin (${what}), but its own parties decide validity or hold the peg.`, path: anchoring.length ? 'l1.anchoring.what' : 'system.family' };
  }
  if (ignored) return { value: 'none', why: 'The system writes to Bitcoin, but its bridge does not finalise on what it writes (bridgeFinalizesOnAnchor: false): writing to Bitcoin is not settling there.', path: 'l1.anchoring.bridgeFinalizesOnAnchor' };
  return { value: 'none', why: 'No exit is enforced by Bitcoin script, and nothing is anchored to Bitcoin.', path: 'l1' };
}

/** The words of a link, for reasons. */
export const LINK_WORDS: Record<BitcoinLink, string> = {
  script: 'script-enforced',
  anchored: 'anchored',
  none: 'not linked to Bitcoin',
};
