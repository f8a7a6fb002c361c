import type { Rule } from '../../types.js';
import { componentPath, isSingleSequencer, sequencer, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-001',
    title: 'Single sequencer without forced inclusion',
    axis: 'sequencerFailure',
    severity: 'critical',
    rationale: 'Users can be censored if the single sequencer ignores their transactions, including withdrawals: nothing lets them get a transaction in without it.',
    criterion: { framework: 'L2BEAT', criterion: 'Sequencer failure is bad when users have no mechanism to self-sequence or force transactions via L1; Bitcoin Layers rates a single-sequencer network Very High on operators.' },
    remediation: 'Let users force transactions through L1 with a bounded delay (or self-sequence when the sequencer stalls), and declare exits.forcedInclusion.mode and maxDelay.',
  },
  check(ctx) {
    const m = ctx.model;
    const seq = sequencer(m);
    if (!seq || !isSingleSequencer(seq)) return;
    const mode = m.exits?.forcedInclusion?.mode;
    if (mode && mode !== 'none') return;
    ctx.report({
      path: 'exits.forcedInclusion.mode',
      message: mode === 'none'
        ? `${setName(seq, 'The sequencer')} is a single sequencer and users cannot force transactions in (forcedInclusion: none): it can censor anyone indefinitely.`
        : `${setName(seq, 'The sequencer')} is a single sequencer and the spec does not say whether users can force transactions in: declare exits.forcedInclusion; without it, the sequencer can censor anyone indefinitely.`,
      related: [{ path: componentPath(m, seq), message: 'the single sequencer' }],
      undeclared: mode === undefined,
    });
  },
};
