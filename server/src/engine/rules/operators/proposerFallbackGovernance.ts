import type { Rule } from '../../types.js';
import { isRollupLike } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-009',
    title: 'Proposer replaced only by governance',
    axis: 'proposerFailure',
    severity: 'medium',
    rationale: 'Withdrawals can be delayed if the proposer stops and governance (or the Security Council) is slow or unwilling to replace it: users cannot restart state posting themselves.',
    criterion: { framework: 'L2BEAT', criterion: 'Proposer failure: replacing the proposer through governance or a Security Council minority is a warning; self-proposing after a timeout or an escape hatch is good.' },
    remediation: 'Let anyone propose state after a timeout, or add an escape hatch paying out against a proof of balance.',
  },
  check(ctx) {
    const m = ctx.model;
    const fallback = m.exits?.proposerFallback;
    if (!isRollupLike(m) || (fallback !== 'governance' && fallback !== 'security-council')) return;
    ctx.report({ path: 'exits.proposerFallback', message: `If the proposer stops, only ${fallback === 'governance' ? 'governance' : 'the Security Council'} can replace it (proposerFallback: ${fallback}); users cannot propose state themselves.` });
  },
};
