import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-002',
  title: 'Value does not match the spec format',
  axis: 'format',
  severity: 'medium',
  rationale: 'Trust assumptions can be misjudged if a value has the wrong type or an unknown option: l2spec leaves it out, and the rating then rests on less than the author wrote.',
  criterion: { framework: 'l2spec', criterion: 'Every field must match the spec format (versions 1 and 2, schemas/l2spec.schema.json).' },
  remediation: 'Use a value of the documented type; hover the key to see the allowed values and examples.',
};
