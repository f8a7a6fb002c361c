// The assessment: the four Bitcoin Layers axes, four L2BEAT rosette slices, the L2BEAT stage and
// the security tier, each with the reasons that decided it. Pure: the model and the active
// (unsuppressed) findings in, an Assessment out. The procedure is documented in docs/assessment.md.
import type { SpecModel } from '../model.js';
import type { Assessment, BitcoinLayersRating, Finding, Rated, Ratings } from '../types.js';
import { rateCustody, type CustodyAssessment } from './custody.js';
import { rateDataAvailability } from './dataAvailability.js';
import { rateExitWindow, rateProposerFailure, rateSequencerFailure, rateStateValidation } from './l2beat.js';
import { rateFinality } from './finality.js';
import { rateOperators } from './operators.js';
import { rateStage } from './stage.js';
import { rateTier } from './tier.js';
import { lazy, trustModel } from '../trust/index.js';

export { ASSESSMENT_FLOORS } from './floors.js';

export function assess(model: SpecModel | undefined, findings: readonly Finding[]): Assessment {
  if (!model) return unreadable();
  const axes = bitcoinLayersAxes(model);
  const custody = axes.custody;
  const ratings: Ratings = {
    custody: custody.axis,
    dataAvailability: axes.dataAvailability,
    operators: axes.operators,
    finality: axes.finality,
    exitWindow: rateExitWindow(model),
    stateValidation: rateStateValidation(model),
    sequencerFailure: rateSequencerFailure(model),
    proposerFailure: rateProposerFailure(model),
  };
  const trust = trustModel(model);
  const pegs = custody.pegs.map((p, i) => lazy({ ...p }, 'coalitions', () => trust.pegs[i]?.coalitions));
  return { tier: rateTier(model, ratings, findings, custody.pegs), stage: rateStage(model), ratings, pegs, coalitions: trust.coalitions, link: trust.link };
}

/** The four Bitcoin Layers axes of one model, rated once (rule L2S-TRN-005 and assess() share them). */
export interface BitcoinLayersAxes {
  custody: CustodyAssessment;
  dataAvailability: Rated<BitcoinLayersRating>;
  operators: Rated<BitcoinLayersRating>;
  finality: Rated<BitcoinLayersRating>;
}

const axesCache = new WeakMap<SpecModel, BitcoinLayersAxes>();

/** Rates the Bitcoin Layers axes of a model; memoised per model object (models are not mutated after build). */
export function bitcoinLayersAxes(model: SpecModel): BitcoinLayersAxes {
  const cached = axesCache.get(model);
  if (cached) return cached;
  const alt = alternativePosNetwork(model);
  const axes: BitcoinLayersAxes = {
    custody: rateCustody(model),
    dataAvailability: alt ?? rateDataAvailability(model),
    operators: alt ?? rateOperators(model),
    finality: alt ?? rateFinality(model),
  };
  axesCache.set(model, axes);
  return axes;
}

/**
 * Bitcoin Layers' "Alternative PoS Network" status (§8): it rates custody per BTC token and gives
 * the other three axes this status instead of a level, for an alternative L1 that only hosts
 * wrapped BTC (`family: alt-l1`) and for a proof-of-stake chain that takes nothing from Bitcoin
 * (`family: pos-sidechain` with `l1.settlement: none` and nothing anchored to Bitcoin), whether
 * its BTC arrives through its own bridge or others' (Side Protocol is rated this way).
 */
export function alternativePosNetwork(model: SpecModel): Rated<BitcoinLayersRating> | undefined {
  const family = model.system.family;
  if (family === 'alt-l1') {
    return {
      value: 'not-applicable',
      reasons: [{ text: 'An alternative L1 that only hosts wrapped BTC ("Alternative PoS Network"): Bitcoin Layers rates each BTC token\'s custody and no level on this axis.', path: 'system.family' }],
    };
  }
  if (family === 'pos-sidechain' && model.l1.settlement === 'none' && !model.l1.anchoring?.what?.length) {
    return {
      value: 'not-applicable',
      reasons: [{ text: 'A proof-of-stake chain that neither settles on nor anchors to Bitcoin (l1.settlement: none) is an "Alternative PoS Network" to Bitcoin Layers: it rates the BTC peg\'s custody and no level on this axis.', path: 'l1.settlement' }],
    };
  }
  return undefined;
}

/** Nothing could be read: no axis can be rated, and an unreadable design earns no trust. */
function unreadable(): Assessment {
  const why = { text: 'The spec could not be read into a design, so nothing can be rated; fix the reported problems first.' };
  const ur = () => ({ value: 'under-review' as const, reasons: [why] });
  const na = () => ({ value: 'not-applicable' as const, reasons: [why] });
  return {
    tier: { value: 'weak', reasons: [{ text: 'The spec could not be read into a design, so no trust can be established: weak.' }] },
    stage: na(),
    ratings: {
      custody: ur(), dataAvailability: ur(), operators: ur(), finality: ur(),
      exitWindow: na(), stateValidation: na(), sequencerFailure: na(), proposerFailure: na(),
    },
    pegs: [],
  };
}
