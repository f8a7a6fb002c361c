import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-004',
    title: 'Forced-inclusion delay not bounded',
    axis: 'sequencerFailure',
    severity: 'medium',
    rationale: 'Withdrawals can be delayed for an unknown time if the forced-inclusion path has no declared upper bound: users cannot tell how long censorship can last.',
    criterion: { framework: 'L2BEAT', criterion: 'Sequencer failure is good only when forcing a transaction via L1 takes effect within a bounded delay.' },
    remediation: 'Enforce a maximum delay after which a forced transaction must be included (or the user may self-sequence), and declare it as exits.forcedInclusion.maxDelay.',
  },
  check(ctx) {
    const fi = ctx.model.exits?.forcedInclusion;
    if (fi?.mode !== 'force-via-l1' || fi.maxDelay) return;
    ctx.report({ path: 'exits.forcedInclusion.maxDelay', message: 'Transactions can be forced via L1, but the spec declares no maximum delay before they take effect; l2spec cannot tell how long the sequencer can hold them back.' });
  },
};
