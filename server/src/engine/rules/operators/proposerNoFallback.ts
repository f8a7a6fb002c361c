import type { Rule } from '../../types.js';
import { componentPath, isRollupLike } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-008',
    title: 'Whitelisted proposer without a fallback',
    axis: 'proposerFailure',
    severity: 'high',
    rationale: 'Funds can be frozen if the whitelisted proposer stops posting state: withdrawals need a new state root and nobody else may provide one.',
    criterion: { framework: 'L2BEAT', criterion: 'Proposer failure: self-proposing after a timeout or an escape hatch is good; replacing the proposer by governance is a warning; a whitelisted proposer with no fallback ("cannot withdraw") is bad.' },
    remediation: 'Let anyone propose state after a timeout (self-propose) or add an escape hatch that pays out against a Merkle/ZK proof of balance; declare exits.proposerFallback.',
  },
  check(ctx) {
    const m = ctx.model;
    if (!isRollupLike(m)) return;
    const proposer = m.components.find((c) => c.kind === 'proposer');
    if (proposer?.permissionless === true) return;
    const fallback = m.exits?.proposerFallback;
    if (fallback && fallback !== 'none') return;
    ctx.report({
      path: 'exits.proposerFallback',
      message: fallback === 'none'
        ? 'Only the whitelisted proposer can post state and there is no fallback (proposerFallback: none): if it stops, users cannot withdraw.'
        : 'The spec does not declare what happens if the proposer stops: declare exits.proposerFallback; until then nothing shows users could withdraw if a whitelisted proposer stopped.',
      related: proposer ? [{ path: componentPath(m, proposer), message: 'the proposer' }] : undefined,
    });
  },
};
