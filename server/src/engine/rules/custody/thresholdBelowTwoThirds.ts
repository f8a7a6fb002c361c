import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { isKeyCustody, minSigners, percent, pegThreshold } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-006',
    title: 'Signing threshold below two thirds',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Funds can be stolen if a bare majority of the signers collude: the threshold is under two thirds, so fewer compromised keys are enough than a Byzantine-tolerant quorum would need.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is rated by who can move the coins; l2spec asks for a two-thirds quorum (m ≥ 2n/3) so that up to a third of the signers can fail or turn without stealing or freezing the funds.' },
    remediation: 'Raise the threshold to at least two thirds of the signers (e.g. 6-of-9 instead of 5-of-9); add signers if liveness would suffer.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (!isKeyCustody(peg) || peg.custody === 'single-custodian') continue;
      const t = pegThreshold(m, peg);
      if (!t) continue;
      const { m: k, n } = t.threshold;
      const fraction = k / n;
      if (k <= 1 || fraction < F.majorityFraction || fraction >= F.safeThresholdFraction) continue;
      const safe = minSigners(n, F.safeThresholdFraction);
      ctx.report({
        ...t.target,
        message: `Peg "${peg.id}" is released by ${t.threshold.text} (${percent(fraction)}), under two thirds: any ${k} of the ${n} signers can move the funds; ${safe}-of-${n} would need ${safe - k} more.`,
        fix: { title: `Require ${safe}-of-${n} signatures`, path: t.valuePath, value: `${safe}-of-${n}` },
      });
    }
  },
};
