import type { Rule } from '../../types.js';
import { isStatechain, statechainOperator } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-FIN-005',
    title: 'Unprovable key deletion by statechain operators',
    axis: 'finality',
    severity: 'high',
    rationale: 'Funds can be stolen if enough operator members kept old key shares and collude with a previous owner of the coin: the deletion they promise cannot be proven.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Finality with unprovable key deletion is below Low: users lack a provable assurance that only they can spend; a multi-party operator makes collusion harder but not verifiable.' },
    remediation: 'Make key deletion verifiable (e.g. attested hardware with remote attestation), keep the operator threshold high and its members disclosed, and declare finality.provableKeyDeletion when it is.',
  },
  check(ctx) {
    const m = ctx.model;
    if (!isStatechain(m) || m.finality?.provableKeyDeletion === true) return;
    const op = statechainOperator(m);
    if (op.count === undefined || op.count <= 1) return; // L2S-FIN-004
    const t = op.component?.threshold;
    ctx.report({
      path: 'finality.provableKeyDeletion',
      message: `Previous owners' safety rests on the ${op.count} operator members${t ? ` (${t.text})` : ''} deleting their old key shares, and that deletion cannot be proven.`,
      related: op.path ? [{ path: op.path, message: 'statechain operator set' }] : undefined,
    });
  },
};
