import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-001',
  title: 'YAML syntax error',
  axis: 'format',
  severity: 'high',
  rationale: 'Trust assumptions can be hidden if part of the spec cannot be read: everything after a syntax error may be ignored, so the assessment can look better than the design is.',
  criterion: { framework: 'l2spec', criterion: 'A spec must be well-formed YAML before it can be judged.' },
  remediation: 'Fix the YAML at the marked position (indentation, an unclosed quote or bracket, a tab used for indentation).',
};
