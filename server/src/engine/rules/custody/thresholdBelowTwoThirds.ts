import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { minSigners, percent } from '../support.js';
import { basisText, isSingleSigner, movesByQuorum, pegQuorum, saferThreshold } from '../quorum.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-006',
    title: 'Signing threshold below two thirds',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Funds can be stolen if a bare majority of the signers collude: the threshold is under two thirds, so fewer compromised keys are enough than a Byzantine-tolerant quorum would need.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is rated by who can move the coins; l2spec asks for a two-thirds quorum (m ≥ 2n/3, or two thirds of the stake or voting power) so that up to a third of the signers can fail or turn without stealing or freezing the funds.' },
    remediation: 'Raise the threshold to at least two thirds of the signers (e.g. 6-of-9 instead of 5-of-9); add signers if liveness would suffer.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (!movesByQuorum(peg) || peg.custody === 'single-custodian') continue;
      const t = pegQuorum(m, peg);
      if (!t) continue;
      const q = t.quorum;
      if (isSingleSigner(q) || q.fraction < F.majorityFraction || q.fraction >= F.safeThresholdFraction) continue;
      const fix = saferThreshold(q, F.safeThresholdFraction);
      let message: string;
      if (q.notation === 'count') {
        const safe = minSigners(q.n!, F.safeThresholdFraction);
        message = `Peg "${peg.id}" is released by ${q.text} (${percent(q.fraction)}), under two thirds: any ${q.m} of the ${q.n} signers can move the funds; ${safe}-of-${q.n} would need ${safe - q.m!} more.`;
      } else {
        message = `Peg "${peg.id}" is released by ${q.text} (${percent(q.fraction)}), under two thirds: members holding a bare majority of the ${basisText(q)} can move the funds; ${fix} would need a Byzantine-tolerant quorum.`;
      }
      ctx.report({ ...t.target, message, fix: { title: `Require ${fix}`, path: t.valuePath, value: fix } });
    }
  },
};
