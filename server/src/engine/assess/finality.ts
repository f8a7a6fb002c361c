// Bitcoin Layers, finality: what makes L2 state final, and can it be reverted by someone?
import type { SpecModel } from '../model.js';
import type { BitcoinLayersRating, Rated, Reason } from '../types.js';
import { missingFact, outsideRubric, restOnClaims, underReview, unverified } from './common.js';

/**
 * Finality from data posted to the host chain (§8): Ethereum, a large alternative consensus →
 * medium; a smaller host chain → high; Bitcoin as the host → low, as for `bitcoin`.
 */
function rateHostChain(model: SpecModel): Rated<BitcoinLayersRating> {
  const host = model.l1.host;
  switch (host) {
    case 'bitcoin':
      return { value: 'low', reasons: [{ text: 'State finalises from data posted to its host chain, Bitcoin.', path: 'l1.host' }] };
    case 'ethereum':
      return { value: 'medium', reasons: [{ text: "State finalises from data posted to Ethereum, an alternative consensus network: final once Ethereum's is, not Bitcoin's.", path: 'l1.host' }] };
    case 'other':
      return { value: 'high', reasons: [{ text: 'State finalises from data posted to a smaller host chain (l1.host: other), whose consensus is weaker than an established network.', path: 'l1.host' }] };
    default:
      return unverified([missingFact(model, 'l1.host', 'which chain the system settles on (l1.host)')], 'State finalises from data posted to its host chain');
  }
}

/**
 * A system hosted on another chain that also writes its state to Bitcoin: its bridge settles on
 * the host, so the host's finality applies (BL: "writing to Bitcoin is not settling on Bitcoin";
 * Hemi's checkpoints to Bitcoin are rated medium, the finality of its Ethereum data).
 */
function writtenNotSettled(model: SpecModel, source: 'bitcoin' | 'bitcoin-checkpoint'): Rated<BitcoinLayersRating> {
  const host = rateHostChain(model);
  const what = source === 'bitcoin-checkpoint' ? 'Checkpoints posted to Bitcoin make a reorganisation harder' : 'State is written to Bitcoin';
  return {
    value: host.value,
    reasons: [
      { text: `${what}, but the system settles on its host chain (l1.host: ${model.l1.host}), whose bridge does not wait for Bitcoin: writing to Bitcoin is not settling on Bitcoin, so the host chain's finality applies.`, path: 'finality.source' },
      ...host.reasons,
    ],
    ...(host.missing ? { missing: host.missing } : {}),
  };
}

/**
 * Bitcoin Layers' finality axis (its table as the reviews apply it, §8), `under-review` when the
 * spec marks it so (`finality.underReview`), and `unverified` when the level rests on a fact the
 * spec marks as only claimed (`finality.claimed: [source]`, `[provableKeyDeletion]`).
 */
export function rateFinality(model: SpecModel): Rated<BitcoinLayersRating> {
  const marked = underReview(model.finality?.underReview, 'finality.underReview', 'finality');
  if (marked) return marked;
  return restOnClaims(model, rateFinalitySource(model), ['finality.source', 'finality.provableKeyDeletion'], 'Finality');
}

function rateFinalitySource(model: SpecModel): Rated<BitcoinLayersRating> {
  const fin = model.finality;
  const source = fin?.source;
  const at = 'finality.source';

  // Statechains: a previous owner who kept its key share can still spend with the operator.
  if (fin?.provableKeyDeletion === false) {
    return { value: 'very-high', reasons: [{ text: "Previous owners' key deletion cannot be proven, so finality rests on the operator and past owners not colluding.", path: 'finality.provableKeyDeletion' }] };
  }
  switch (source) {
    case undefined:
      // The source selects the row: missing, it is asked for, never read as the worst.
      return unverified([missingFact(model, at, 'what makes state final (finality.source)')], 'Finality is rated by what makes state final');
    case 'bitcoin':
    case 'bitcoin-checkpoint':
      if (model.l1.host === 'ethereum' || model.l1.host === 'other') return writtenNotSettled(model, source);
      // Anchoring the bridge does not wait for: BL degrades it to medium, checkpoints included.
      if (model.l1.anchoring?.bridgeFinalizesOnAnchor === false) {
        return {
          value: 'medium',
          reasons: [
            { text: `${source === 'bitcoin-checkpoint' ? 'Checkpoints are' : 'State is'} written to Bitcoin, but the bridge does not finalise on ${source === 'bitcoin-checkpoint' ? 'them' : 'it'}: writing to Bitcoin is not settling on Bitcoin, so finality is degraded to medium.`, path: 'l1.anchoring.bridgeFinalizesOnAnchor' },
          ],
        };
      }
      if (source === 'bitcoin-checkpoint') {
        return { value: 'low', reasons: [{ text: "Validators cannot build a block without referencing the latest checkpoint posted to Bitcoin, so the chain cannot be reorganised without reorganising Bitcoin.", path: at }] };
      }
      return { value: 'low', reasons: [{ text: 'State finalises from data posted to Bitcoin.', path: at }] };
    case 'user-held': {
      if (model.system.family === 'statechain' && fin?.provableKeyDeletion !== true) {
        return {
          value: 'very-high',
          reasons: [{ text: "This is a statechain, and the spec does not show that previous owners' key deletion is provable, so finality rests on the operator.", path: fin?.provableKeyDeletion === undefined ? 'finality' : 'finality.provableKeyDeletion' }],
        };
      }
      const reasons: Reason[] = [{ text: 'Users keep a periodic, provable assurance that only they can spend their funds.', path: at }];
      if (model.exits?.outOfRoundTrusted === true) {
        reasons.push({ text: 'Out-of-round payments are not covered until they are renewed in a round; until then they are only as final as the sender and operator are honest.', path: 'exits.outOfRoundTrusted' });
      }
      return { value: 'low', reasons };
    }
    case 'host-chain':
      return rateHostChain(model);
    case 'alt-consensus':
      return { value: 'medium', reasons: [{ text: "State is final once the system's own consensus network (not Bitcoin) agrees on it.", path: at }] };
    case 'external-da':
      return { value: 'high', reasons: [{ text: 'State finalises from data on an external data-availability network, whose consensus (not Bitcoin, not the host chain) decides what is final.', path: at }] };
    case 'federation':
      return { value: 'high', reasons: [{ text: 'A federation decides when state is final.', path: at }] };
    case 'operator':
      return { value: 'very-high', reasons: [{ text: 'The operator decides when state is final and can rewrite it.', path: at }] };
    case 'single-operator':
      return { value: 'very-high', reasons: [{ text: 'A single operator decides when state is final and can reorder or rewrite history.', path: at }] };
    default:
      return outsideRubric(`Finality source "${String(source)}" is not one l2spec rates.`, at);
  }
}
