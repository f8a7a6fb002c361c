import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-008',
  title: 'Spec cannot be analysed as one design',
  axis: 'format',
  severity: 'high',
  rationale: 'Trust assumptions can go unreviewed if the file is empty, holds several documents, is not a mapping, nests too deeply, uses too many aliases or is too large: l2spec can only judge part of it or none.',
  criterion: { framework: 'l2spec', criterion: 'One l2spec file holds one design as a single YAML mapping of bounded size.' },
  remediation: 'Keep one design per file as a single YAML mapping; split very large specs and remove alias chains.',
};
