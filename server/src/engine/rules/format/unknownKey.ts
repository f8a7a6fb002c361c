import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-003',
  title: 'Unknown key',
  axis: 'format',
  severity: 'medium',
  rationale: 'Trust assumptions can be silently dropped if a key is misspelt: l2spec does not know it and judges the design as if the fact were missing.',
  criterion: { framework: 'l2spec', criterion: 'The spec format (versions 1 and 2) only has the keys its schema documents.' },
  remediation: 'Rename the key to the documented one (see the suggestion), or remove it.',
};
