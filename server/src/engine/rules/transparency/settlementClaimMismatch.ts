import { bitcoinLink } from '../../trust/index.js';
import type { Rule } from '../../types.js';

const IMPLIED = { script: 'direct', anchored: 'anchored', none: 'none' } as const;
const RANK = { none: 0, anchored: 1, direct: 2 } as const;

/**
 * `l1.settlement` is a claim: the trust model derives how users' claims reach Bitcoin from the
 * design's structure (docs/assessment.md, "How the user's claim reaches Bitcoin"), and the tier
 * follows the structure. A claim stronger than the structure misleads readers of the spec.
 */
export const rule: Rule = {
  meta: {
    id: 'L2S-TRN-010',
    title: 'Declared settlement is stronger than the design gives',
    axis: 'transparency',
    severity: 'medium',
    rationale: 'Users can be misled about what protects their funds if the spec declares direct settlement (or anchoring) that its custody, exits and anchoring do not give: Bitcoin script enforces nothing the structure does not show.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Settlement is judged by what Bitcoin enforces, not by what is written to it ("writing to Bitcoin is not settling on Bitcoin"): direct settlement means Bitcoin script enforces the user\'s claim (a channel close, an Ark or statechain exit, a BitVM payout anyone may challenge); anchoring leaves validity and the peg to the system\'s own parties.' },
    remediation: 'Either add what the claim needs (a peg users can leave by Bitcoin transactions alone, challengers anyone may join, anchoring the bridge finalises on) or declare the settlement the design has.',
  },
  check(ctx) {
    const declared = ctx.model.l1.settlement;
    if (!declared) return;
    const link = bitcoinLink(ctx.model);
    const implied = IMPLIED[link.value];
    if (RANK[declared] <= RANK[implied]) return;
    ctx.report({
      path: 'l1.settlement',
      message: `The spec declares settlement "${declared}", but the design gives ${implied === 'none' ? 'no link to Bitcoin' : 'anchoring only'}: ${link.why} The tier follows the design.`,
      related: link.path && link.path !== 'l1.settlement' ? [{ path: link.path, message: 'What the design gives' }] : undefined,
    });
  },
};
