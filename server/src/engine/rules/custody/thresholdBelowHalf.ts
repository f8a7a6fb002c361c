import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { percent } from '../support.js';
import { basisText, isSingleSigner, movesByQuorum, pegQuorum, saferThreshold } from '../quorum.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-005',
    title: 'Minority of signers can move the funds',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if a minority of the signers collude: the threshold lets fewer than half of them sign a peg-out on their own.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is rated by who can move the coins: with an m-of-n peg the trust is in any m signers, so m below half of n puts the funds in the hands of a minority. A share of stake or voting power below one half is the same minority, however it is written.' },
    remediation: 'Raise the threshold to at least two thirds of the signers (e.g. 7-of-10), so that neither a minority can steal nor a third can freeze.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (!movesByQuorum(peg) || peg.custody === 'single-custodian') continue;
      const t = pegQuorum(m, peg);
      if (!t) continue;
      const q = t.quorum;
      // One signer alone is L2S-CUST-001.
      if (isSingleSigner(q) || q.fraction >= F.majorityFraction) continue;
      const safe = saferThreshold(q, F.safeThresholdFraction);
      const message = q.notation === 'count'
        ? `Peg "${peg.id}" is released by ${q.text} (${percent(q.fraction)}): a minority of ${q.m} signers out of ${q.n} can move all the funds.`
        : `Peg "${peg.id}" is released by ${q.text}: members holding a minority (${percent(q.fraction)}) of the ${basisText(q)} can move all the funds${q.enough !== undefined ? `; of its ${q.members} members, ${q.enough} or fewer are always enough` : ''}.`;
      ctx.report({ ...t.target, message, fix: { title: `Require ${safe}`, path: t.valuePath, value: safe } });
    }
  },
};
