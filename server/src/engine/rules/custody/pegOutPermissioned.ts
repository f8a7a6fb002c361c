import type { Rule } from '../../types.js';
import { pegPath } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-016',
    title: 'Peg-outs only through members or to whitelisted addresses',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Users can be censored if the members who process peg-outs refuse theirs: only members (or whitelisted addresses) can take BTC out of the peg.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is Low risk only when users can exit unilaterally; a peg-out open only to members or whitelisted addresses makes every other user depend on them to leave.' },
    remediation: 'Let any holder request a peg-out to an address of their choice, processed by the protocol rather than by member discretion, with a bounded processing time.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (peg.withdrawalsPermissioned !== true) continue;
      ctx.report({ path: `${pegPath(m, peg)}.withdrawalsPermissioned`, message: `Peg-outs from "${peg.id}" go only through members or to whitelisted addresses (withdrawalsPermissioned: true): other users need a member to leave.` });
    }
  },
};
