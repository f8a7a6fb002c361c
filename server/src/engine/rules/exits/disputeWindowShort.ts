import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { blocksText, describe, hasDisputeWindow, humanSeconds, isBitvm } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-EXIT-001',
    title: 'Dispute timelock under 144 blocks',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if a user (or their watchtower) is offline or censored for longer than the dispute window: an outdated state or a bad payout then goes unchallenged.',
    criterion: { framework: 'Bitcoin Layers', criterion: `BTC custody is Low risk only when users can really enforce their unilateral claim; l2spec requires a dispute window of at least ${blocksText(F.minDisputeSeconds)} (≈ ${humanSeconds(F.minDisputeSeconds)}), the floor Lightning implementations such as LDK enforce for to_self_delay.` },
    remediation: `Set the relative timelock (to_self_delay, exit or challenge period) to at least ${blocksText(F.minDisputeSeconds)}; use longer windows for large balances and when users rely on their own node.`,
  },
  check(ctx) {
    const m = ctx.model;
    if (!hasDisputeWindow(m)) return;
    const challenge = isBitvm(m) ? m.stateValidation?.challengePeriod : undefined;
    const duration = challenge ?? m.exits?.delay;
    const path = challenge ? 'stateValidation.challengePeriod' : 'exits.delay';
    const fix = { title: `Set the dispute window to ${blocksText(F.minDisputeSeconds)}`, path, value: blocksText(F.minDisputeSeconds) };
    if (!duration) {
      ctx.report({ path, message: `The design relies on users or watchtowers answering disputes in time but does not declare how long they have (exits.delay); at least ${blocksText(F.minDisputeSeconds)} is needed.`, fix });
    } else if (duration.seconds < F.minDisputeSeconds) {
      ctx.report({ path, message: `The dispute window is ${describe(duration)}, under ${blocksText(F.minDisputeSeconds)} (≈ ${humanSeconds(F.minDisputeSeconds)}): anyone offline for less than that can miss a cheating close or payout.`, fix });
    }
  },
};
