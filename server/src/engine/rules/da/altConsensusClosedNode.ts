import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-006',
    title: 'Alternative-consensus DA without an open-source node',
    axis: 'dataAvailability',
    severity: 'high',
    rationale: 'Funds can be frozen if the network serves data only its own closed software can read or check: users cannot run an independent node to obtain and verify it.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Data availability is Medium (yellow) when data is served by an alternative consensus network and its full node is open source; without an open-source node it falls below that.' },
    remediation: 'Publish the full-node software under an open-source licence so anyone can sync and serve the data, and declare dataAvailability.nodeOpenSource: true.',
  },
  check(ctx) {
    const m = ctx.model;
    const da = m.dataAvailability;
    if (da?.location !== 'alt-consensus') return;
    const nodeSource = m.transparency?.nodeSource;
    if (nodeSource === 'closed') return; // L2S-TRN-001 reports closed software as critical
    if (da.nodeOpenSource === true || (da.nodeOpenSource === undefined && nodeSource === 'open')) return;
    ctx.report({
      path: 'dataAvailability.nodeOpenSource',
      message: da.nodeOpenSource === false
        ? 'Data is served by the network’s own consensus, but its full node is not open source (nodeOpenSource: false).'
        : `Data is served by the network’s own consensus, and the spec does not declare an open-source full node${nodeSource === 'source-available' ? ' (the node is only source-available)' : ''}.`,
    });
  },
};
