import type { Rule } from '../../types.js';
import { isRollupLike, isSingleSequencer, sequencer } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-002',
    title: 'Rollup without forced inclusion',
    axis: 'sequencerFailure',
    severity: 'high',
    rationale: 'Users can be censored if the sequencers collude or stop: a rollup without forced inclusion gives users no path of their own into the chain.',
    criterion: { framework: 'L2BEAT', criterion: 'Sequencer failure: self-sequencing or forcing transactions via L1 with a bounded delay is good; no mechanism at all is bad.' },
    remediation: 'Add a forced-inclusion queue on L1 with a bounded delay, or let users self-sequence when the sequencers stall; declare exits.forcedInclusion.mode.',
  },
  check(ctx) {
    const m = ctx.model;
    if (!isRollupLike(m)) return;
    const seq = sequencer(m);
    if (seq && isSingleSequencer(seq)) return; // L2S-OPS-001
    const mode = m.exits?.forcedInclusion?.mode;
    if (mode && mode !== 'none') return;
    ctx.report({
      path: 'exits.forcedInclusion.mode',
      message: mode === 'none'
        ? 'The rollup has no forced-inclusion mechanism (forcedInclusion: none): users depend on the sequencers to include their transactions.'
        : 'The rollup does not declare a forced-inclusion mechanism: declare exits.forcedInclusion; until then nothing shows users can get their transactions in without the sequencers.',
    });
  },
};
