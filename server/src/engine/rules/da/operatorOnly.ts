import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-001',
    title: 'Data available only from the operator (or nowhere)',
    axis: 'dataAvailability',
    severity: 'critical',
    rationale: 'Funds can be frozen if the operator withholds the data: without it users can neither rebuild the state nor prove what they own in order to exit.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Data availability is Very High risk ("Stop!") unless the data is on Bitcoin, self-hosted by users, served by an alternative consensus with an open-source node, or attested by a committee of ≥5 external, publicly known members.' },
    remediation: 'Post the data (or state diffs) to Bitcoin, let users hold their own state and exit transactions, or at least publish it through an open-source consensus network or a disclosed DA committee; declare dataAvailability.location.',
  },
  check(ctx) {
    const da = ctx.model.dataAvailability;
    const location = da?.location;
    if (location === 'operator') {
      ctx.report({ path: 'dataAvailability.location', message: 'Only the operator holds the data needed to rebuild the state (location: operator); if it withholds it, users cannot prove their balances.' });
    } else if (location === 'none') {
      ctx.report({ path: 'dataAvailability.location', message: 'No party is committed to keeping the data available (location: none); users may be unable to rebuild the state or exit.' });
    } else if (location === undefined && ctx.model.system.family !== 'wrapped-btc' && !da?.underReview) {
      // Under review asks for nothing (docs/assessment.md, principle 2): the author says the axis is not settled.
      // A wrapped token's data is its host chain's; its risks are custody and governance.
      ctx.report({ path: 'dataAvailability.location', message: 'The spec does not say where the data needed to rebuild the state lives: declare dataAvailability.location; until then data availability is unverified.', undeclared: true });
    }
  },
};
