import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-006',
  title: 'Duplicate component or upgrade path id',
  axis: 'format',
  severity: 'high',
  rationale: 'Trust can be attributed to the wrong group if two components share an id: every reference to it becomes ambiguous. Two upgrade paths with one id make the findings and reasons that name a path ambiguous.',
  criterion: { framework: 'l2spec', criterion: 'Component ids are unique within a spec, and so are the ids of governance.upgradePaths.' },
  remediation: 'Give each component (and each upgrade path) its own id and update the references.',
};
