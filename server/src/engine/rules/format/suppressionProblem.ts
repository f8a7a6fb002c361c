import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-007',
  title: 'Malformed suppression comment',
  axis: 'format',
  severity: 'medium',
  rationale: 'Findings can be hidden without review if a suppression names no reason or an unknown rule: reviewers cannot tell what was accepted and why.',
  criterion: { framework: 'l2spec', criterion: 'Every suppression names known rule IDs and gives a reason after --.' },
  remediation: 'Write # l2spec-disable-next-line <RULE-ID> -- <why this risk is accepted>, using IDs from l2spec rules.',
};
