// Bitcoin Layers, data availability: can users get the data they need to rebuild state and
// prove their balances, without trusting whoever holds it?
import type { SpecModel } from '../model.js';
import type { BitcoinLayersRating, Rated, Reason } from '../types.js';
import { missingFact, outsideRubric, rateKnownExternal, restOnClaims, underReview, unverified, viewOf } from './common.js';
import { FRAMEWORK_FLOORS } from './floors.js';

/**
 * Bitcoin Layers' data-availability axis, `under-review` when the spec marks it so
 * (`dataAvailability.underReview`), and `unverified` when the level rests on a fact the spec marks
 * as only claimed (`dataAvailability.claimed: [location | committee | nodeOpenSource]`).
 */
export function rateDataAvailability(model: SpecModel): Rated<BitcoinLayersRating> {
  const marked = underReview(model.dataAvailability?.underReview, 'dataAvailability.underReview', 'data availability');
  if (marked) return marked;
  return restOnClaims(model, rateLocation(model), ['dataAvailability.location', 'dataAvailability.committee', 'dataAvailability.nodeOpenSource'], 'Data availability');
}

function rateLocation(model: SpecModel): Rated<BitcoinLayersRating> {
  const da = model.dataAvailability;
  const location = da?.location;
  const at = 'dataAvailability.location';
  switch (location) {
    case undefined:
      // The location selects the row: missing, it is asked for, never read as the worst.
      return unverified([missingFact(model, at, 'where the data to rebuild state lives (dataAvailability.location)')], 'Data availability is rated by where the data to rebuild state lives');
    case 'bitcoin':
      return { value: 'low', reasons: [{ text: 'All data needed to rebuild state is posted to Bitcoin.', path: at }] };
    case 'self-hosted':
      return { value: 'low', reasons: [{ text: 'Users keep the data for their own funds themselves (their state and exit transactions).', path: at }] };
    case 'alt-consensus':
    case 'external-da':
    case 'ethereum':
      return rateAltConsensus(model, location);
    case 'committee': {
      const view = viewOf(model, da!.committee);
      if (!view) {
        const ref = da!.committee;
        const m = ref
          ? { path: ref.path, fact: 'who is on the committee', unreadable: { path: ref.path, ruleId: 'L2S-FMT-005', what: `"${ref.ref}" names no component` } }
          : missingFact(model, 'dataAvailability.committee', 'who is on the committee (dataAvailability.committee)');
        return unverified([m], 'A committee attests that data is available');
      }
      return rateKnownExternal(model, view, FRAMEWORK_FLOORS.minExternalOperators, 'Data availability is attested by the committee');
    }
    case 'operator':
      return { value: 'very-high', reasons: [{ text: 'Only the operator holds the data: if it withholds it, users cannot rebuild state or prove their balances.', path: at }] };
    case 'none':
      return { value: 'very-high', reasons: [{ text: 'Nothing guarantees that the data to rebuild state is available.', path: at }] };
    default:
      return outsideRubric(`Data location "${String(location)}" is not one l2spec rates.`, at);
  }
}

const ALT_NAMES = { 'alt-consensus': "the system's own consensus network", 'external-da': 'an external data-availability network', ethereum: 'Ethereum' } as const;

/** Data held by a consensus other than Bitcoin: "medium" only if a full node is open source. */
function rateAltConsensus(model: SpecModel, location: keyof typeof ALT_NAMES): Rated<BitcoinLayersRating> {
  const where = ALT_NAMES[location];
  const declared = model.dataAvailability?.nodeOpenSource;
  const source = model.transparency?.nodeSource;
  const open = declared ?? (source === undefined ? undefined : source !== 'closed');
  const openPath = declared !== undefined ? 'dataAvailability.nodeOpenSource' : 'transparency.nodeSource';
  if (open === true) {
    const reasons: Reason[] = [{ text: `Data is served by ${where}, and a full node that rebuilds state from it is open source.`, path: 'dataAvailability.location' }];
    return { value: 'medium', reasons: [...reasons, { text: 'The full node can be verified and run by anyone.', path: openPath }] };
  }
  if (open === undefined) {
    return unverified([missingFact(model, 'dataAvailability.nodeOpenSource', 'whether a full node that rebuilds state is open source (dataAvailability.nodeOpenSource)')], `Data is served by ${where}, which is "medium" with an open-source full node`);
  }
  // A closed node rules out "medium", the only row for data held by another consensus.
  return {
    value: 'very-high',
    reasons: [{ text: `Data is served by ${where}, but the full node that would rebuild state from it is not open source; "medium" needs an open-source full node.`, path: openPath }],
  };
}
