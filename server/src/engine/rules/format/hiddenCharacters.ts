import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-010',
  title: 'Hidden or bidirectional characters in spec text',
  axis: 'format',
  severity: 'high',
  rationale: 'Trust can be misjudged by reviewers if a name, id or key holds bidi overrides, zero-width or control characters: they are shown a different design than the one l2spec judges ("fed" and "fed" followed by an invisible mark look the same but are different ids, and reversed text reads backwards).',
  criterion: { framework: 'l2spec', criterion: 'Spec text holds no bidirectional control, invisible or control characters (tabs and line breaks in text are fine).' },
  remediation: 'Delete the characters shown as ⟨U+…⟩ in the message; retype the name or id if unsure.',
};
