import type { RuleMeta } from '../../types.js';

// Reported by the parser stage, not by a model check: the spec text itself is at fault.
export const meta: RuleMeta = {
  id: 'L2S-FMT-004',
  title: 'Impossible or inconsistent threshold',
  axis: 'format',
  severity: 'high',
  rationale: 'Funds can be stolen or frozen under a different quorum than the reader believes if the threshold contradicts the size of its signer set.',
  criterion: { framework: 'l2spec', criterion: 'A threshold m-of-n needs 1 ≤ m ≤ n, and n must equal the operator count of the set.' },
  remediation: 'Write the threshold as m-of-n with the real number of signers, and keep it consistent with the operators field.',
};
