import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-FIN-002',
    title: 'Finality from a federation',
    axis: 'finality',
    severity: 'high',
    rationale: 'Withdrawals can be reversed or blocked if a quorum of the federation signs a conflicting history: blocks are final only because the federation says so.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Finality is High risk (red) when it comes from a federation; Medium from an alternative consensus network and Low when it follows from data posted to Bitcoin.' },
    remediation: 'Finalise state from data posted to Bitcoin (with proofs the bridge checks), or at least from an open, staked consensus network.',
  },
  check(ctx) {
    if (ctx.model.finality?.source !== 'federation') return;
    ctx.report({ path: 'finality.source', message: 'Blocks are final because the federation signs them (finality: federation), not because of anything posted to Bitcoin.' });
  },
};
