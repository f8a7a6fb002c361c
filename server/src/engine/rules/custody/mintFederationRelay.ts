import type { Rule } from '../../types.js';
import { pegPath } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-015',
    title: 'Mint triggered by a federation relay',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Funds can be stolen if a quorum of the relaying federation attests a deposit that never happened: the token is only as well backed as that quorum is honest.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Wrapped-token rubric: a mint triggered by a federation relay is Medium risk; an on-chain Bitcoin light client is Low.' },
    remediation: 'Verify Bitcoin deposits on-chain with a light client (or user-supplied SPV proofs) instead of federation attestations.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (peg.mintTrigger !== 'federation') continue;
      ctx.report({ path: `${pegPath(m, peg)}.mintTrigger`, message: `Peg "${peg.id}" mints ${peg.asset ?? 'its token'} on a federation's attestation rather than an on-chain proof of the deposit.` });
    }
  },
};
