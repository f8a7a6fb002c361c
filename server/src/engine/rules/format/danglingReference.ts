import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-005',
  title: 'Reference to an unknown component',
  axis: 'format',
  severity: 'high',
  rationale: 'Funds can be held by nobody l2spec can see if a peg, committee or council points at a component id that does not exist: its trust cannot be judged.',
  criterion: { framework: 'l2spec', criterion: 'References between components must resolve to a defined component id.' },
  remediation: 'Define the component under components: with that id, or correct the reference (see the suggestion).',
};
