import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-009',
  title: 'Internal error in a rule',
  axis: 'format',
  severity: 'high',
  rationale: 'Trust assumptions can go unchecked if a rule fails on this spec: its verdict is missing from the assessment.',
  criterion: { framework: 'l2spec', criterion: 'Every rule must run to completion on every spec.' },
  remediation: 'Report the spec to the l2spec maintainers; the other rules still reported normally.',
};
