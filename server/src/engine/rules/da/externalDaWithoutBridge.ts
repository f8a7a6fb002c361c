import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-004',
    title: 'External DA layer without a DA bridge',
    axis: 'dataAvailability',
    severity: 'high',
    rationale: 'Funds can be frozen if the operator commits to data the external DA layer never received: without a DA bridge the settlement side cannot check that the data is published.',
    criterion: { framework: 'L2BEAT', criterion: 'Data availability on an external DA layer without a DA bridge verified on the settlement chain is bad, and keeps the project out of the Stages.' },
    remediation: 'Verify data-availability attestations of the external layer on the settlement chain (a DA bridge) before accepting state, or post the data to Bitcoin.',
  },
  check(ctx) {
    const da = ctx.model.dataAvailability;
    if (da?.location !== 'external-da' || da.daBridge === true) return;
    ctx.report({
      path: 'dataAvailability.daBridge',
      message: da.daBridge === false
        ? 'Data goes to an external DA layer with no DA bridge (daBridge: false): the settlement side accepts state without knowing the data was published.'
        : 'Data goes to an external DA layer and the spec does not declare a DA bridge: declare daBridge; without one the settlement side cannot check that the data was published.',
    });
  },
};
