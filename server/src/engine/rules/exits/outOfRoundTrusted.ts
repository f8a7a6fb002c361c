import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-EXIT-004',
    title: 'Out-of-round payments trusted',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Funds can be stolen if the sender and the operator collude: a payment received out of round is not backed by an on-chain batch until the next round confirms it.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is Low risk only when users can exit unilaterally; an out-of-round VTXO can be double-spent by sender and operator together, so until the next round the receiver trusts both.' },
    remediation: 'Treat out-of-round payments as unconfirmed: refresh them in the next round before relying on them, and cap the amount a wallet accepts out of round.',
  },
  check(ctx) {
    if (ctx.model.exits?.outOfRoundTrusted !== true) return;
    ctx.report({ path: 'exits.outOfRoundTrusted', message: 'Out-of-round payments are accepted before an on-chain round (exits.outOfRoundTrusted: true): until they are refreshed, the receiver trusts that sender and operator do not collude.' });
  },
};
