import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-FIN-003',
    title: 'Finality from a single operator',
    axis: 'finality',
    severity: 'critical',
    rationale: 'Funds can be stolen if the operator rewrites or double-spends confirmed transactions: finality is whatever one party declares.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Finality from a single operator is Very High risk ("Stop!"): below a federation (red), an alternative consensus (yellow) or data posted to Bitcoin (green).' },
    remediation: 'Derive finality from data posted to Bitcoin, or from a disclosed federation or open consensus at the very least; let users keep proofs that only they can spend.',
  },
  check(ctx) {
    const source = ctx.model.finality?.source;
    if (source !== 'operator' && source !== 'single-operator') return;
    ctx.report({ path: 'finality.source', message: `Transactions are final only because the operator says so (finality: ${source}): it can reorder or reverse them.` });
  },
};
