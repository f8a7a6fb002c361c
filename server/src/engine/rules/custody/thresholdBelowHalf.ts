import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { isKeyCustody, minSigners, percent, pegThreshold } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-005',
    title: 'Minority of signers can move the funds',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if a minority of the signers collude: the threshold lets fewer than half of them sign a peg-out on their own.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is rated by who can move the coins: with an m-of-n peg the trust is in any m signers, so m below half of n puts the funds in the hands of a minority.' },
    remediation: 'Raise the threshold to at least two thirds of the signers (e.g. 7-of-10), so that neither a minority can steal nor a third can freeze.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (!isKeyCustody(peg) || peg.custody === 'single-custodian') continue;
      const t = pegThreshold(m, peg);
      if (!t) continue;
      const { m: k, n } = t.threshold;
      if (k <= 1 || k / n >= F.majorityFraction) continue; // 1-of-n is L2S-CUST-001
      const safe = minSigners(n, F.safeThresholdFraction);
      ctx.report({
        ...t.target,
        message: `Peg "${peg.id}" is released by ${t.threshold.text} (${percent(k / n)}): a minority of ${k} signers out of ${n} can move all the funds.`,
        fix: { title: `Require ${safe}-of-${n} signatures`, path: t.valuePath, value: `${safe}-of-${n}` },
      });
    }
  },
};
