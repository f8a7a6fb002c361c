import type { Rule } from '../../types.js';
import { isStatechain, statechainOperator } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-FIN-004',
    title: 'Unprovable key deletion by a single statechain operator',
    axis: 'finality',
    severity: 'critical',
    rationale: 'Funds can be stolen if the single operator kept an old key share and colludes with any previous owner of the coin: nobody can prove the share was deleted.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Finality is Very High risk ("Stop!") for a single operator or unprovable key deletion; Low needs a periodic, provable assurance that only the current owner can spend.' },
    remediation: 'Spread the operator role over a threshold of independent parties (each deleting its share, in attested hardware), and make deletion verifiable; declare finality.provableKeyDeletion when it is.',
  },
  check(ctx) {
    const m = ctx.model;
    if (!isStatechain(m) || m.finality?.provableKeyDeletion === true) return;
    const op = statechainOperator(m);
    if (op.count !== undefined && op.count > 1) return; // L2S-FIN-005
    ctx.report({
      path: 'finality.provableKeyDeletion',
      message: `Previous owners' safety rests on ${op.count === 1 ? 'a single operator' : 'an operator (the spec does not say it is more than one party)'} deleting its old key shares, and that deletion cannot be proven.`,
      related: op.path ? [{ path: op.path, message: 'statechain operator' }] : undefined,
      undeclared: m.finality?.provableKeyDeletion === undefined,
    });
  },
};
