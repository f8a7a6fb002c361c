import type { Rule } from '../../types.js';
import { pegPath } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-013',
    title: 'Undisclosed mint trigger',
    axis: 'custody',
    severity: 'critical',
    rationale: 'Funds can be stolen if whoever triggers minting creates tokens without a matching BTC deposit: when users cannot see who or what mints, the wrapped asset may be unbacked.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Wrapped-token rubric: minting triggered by an undisclosed party is Very High risk (a Bitcoin light client is low, a federation relay medium, a single relayer high).' },
    remediation: 'Disclose how deposits are verified before minting and prefer an on-chain Bitcoin light client (or user-supplied SPV proofs); declare it as mintTrigger.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      const path = `${pegPath(m, peg)}.mintTrigger`;
      if (peg.mintTrigger === 'undisclosed') {
        ctx.report({ path, message: `Peg "${peg.id}" mints ${peg.asset ?? 'its token'} on a trigger that is not disclosed (mintTrigger: undisclosed).` });
      } else if (peg.mintTrigger === undefined && m.system.family === 'wrapped-btc') {
        ctx.report({ path, message: `Wrapped-BTC peg "${peg.id}" does not say what triggers minting: declare mintTrigger; until then the trigger cannot be checked.`, undeclared: true });
      }
    }
  },
};
