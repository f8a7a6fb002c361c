import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-003',
    title: 'Forced inclusion only enqueues',
    axis: 'sequencerFailure',
    severity: 'medium',
    rationale: 'Withdrawals can be delayed if the sequencer stalls: users can queue transactions on L1, and the sequencer cannot skip them, but it can stop processing the queue.',
    criterion: { framework: 'L2BEAT', criterion: 'Sequencer failure: an L1 queue that the sequencer cannot skip but can stall is a warning; forcing with a bounded delay or self-sequencing is good.' },
    remediation: 'Let queued transactions take effect without the sequencer after a bounded delay (force via L1), or let users self-sequence when the queue is not processed.',
  },
  check(ctx) {
    if (ctx.model.exits?.forcedInclusion?.mode !== 'enqueue') return;
    ctx.report({ path: 'exits.forcedInclusion.mode', message: 'Users can only enqueue transactions on L1 (mode: enqueue): the sequencer cannot skip them but can stall the queue indefinitely.' });
  },
};
