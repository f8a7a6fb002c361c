import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-EXIT-002',
    title: 'Watchtowers required but none provisioned',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if users go offline during a dispute window and nobody watches the chain for them: the design needs watchtowers but names none and does not let anyone run one.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody reaches Medium (yellow) when anyone can become a watchtower and challenge bad withdrawals; a required watchtower role with no set and no open access gives users no such protection.' },
    remediation: 'Let anyone run a watchtower (permissionless: true) or name the watchtower set under exits.watchtowers.set, with at least 5 external, publicly known members.',
  },
  check(ctx) {
    const wt = ctx.model.exits?.watchtowers;
    if (wt?.required !== true || wt.set || wt.permissionless === true) return;
    ctx.report({ path: 'exits.watchtowers.set', message: 'Watchtowers are required (exits.watchtowers.required: true), but no watchtower set is named and running one is not open to anyone.' });
  },
};
