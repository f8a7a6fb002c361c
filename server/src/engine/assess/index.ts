// Ratings, stage and tier. (Being written: see docs/assessment.md.)
import type { SpecModel } from '../model.js';
import type { Assessment, Finding } from '../types.js';

export function assess(model: SpecModel | undefined, findings: readonly Finding[]): Assessment {
  const ur = { value: 'under-review' as const, reasons: [{ text: 'not assessed yet' }] };
  const na = { value: 'not-applicable' as const, reasons: [] };
  void model; void findings;
  return {
    tier: { value: 'weak', reasons: [{ text: 'not assessed yet' }] },
    stage: { value: 'not-applicable', reasons: [] },
    ratings: { custody: ur, dataAvailability: ur, operators: ur, finality: ur, exitWindow: na, stateValidation: na, sequencerFailure: na, proposerFailure: na },
  };
}
