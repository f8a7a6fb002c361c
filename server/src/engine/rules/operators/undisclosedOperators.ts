import type { Rule } from '../../types.js';
import { componentPath, operatorSets, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-005',
    title: 'Network operators not publicly known',
    axis: 'operators',
    // A "Stop!" on the operators axis: users can be censored or the chain halted, but funds are not
    // taken by it alone, so high (the tier procedure caps such designs at Moderate, reference §6).
    severity: 'high',
    rationale: 'Users can be censored if the operators collude, and nobody can judge that risk when the operators are not known: they may all be one party.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Network operators are High (red) with at least 5 external, publicly known operators; an undisclosed set is Very High ("Stop!"), and a Bitcoin sidesystem must disclose its operators.' },
    remediation: 'Publish the identity of every operator (organisation, jurisdiction), declare publiclyKnown: all on the set and transparency.operatorsDisclosed: true, or open the set to anyone.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const c of operatorSets(m)) {
      if (c.permissionless === true) continue;
      const base = componentPath(m, c);
      const who = setName(c, 'the operator set');
      if (c.publiclyKnown !== 'all') {
        ctx.report({
          path: `${base}.publiclyKnown`,
          message: c.publiclyKnown === undefined
            ? `The operators of ${who} do not declare whether they are publicly known: declare publiclyKnown (all, partial or none); until then they cannot be counted as known.`
            : `The operators of ${who} are ${c.publiclyKnown === 'partial' ? 'only partly' : 'not'} publicly known (publiclyKnown: ${c.publiclyKnown}).`,
        });
      }
      // operatorsDisclosed: false beside publiclyKnown: all is a contradiction, reported on both places by L2S-TRN-006.
    }
  },
};
