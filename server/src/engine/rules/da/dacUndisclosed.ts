import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { setField, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-002',
    title: 'DA committee undisclosed or with few external members',
    axis: 'dataAvailability',
    severity: 'critical',
    rationale: 'Funds can be frozen if the committee members withhold the data together: when they are unknown or mostly the builder’s own, nothing stops them.',
    criterion: { framework: 'Bitcoin Layers', criterion: `Data availability is High (red) for an off-chain committee of at least ${F.minExternalOperators} external, publicly known members; anything weaker is Very High ("Stop!"). L2BEAT likewise moves projects with a DAC of fewer than ${F.minDacExternal} external members to "Others".` },
    remediation: `Publish who the committee members are and include at least ${F.minExternalOperators} members independent of the builder; declare publiclyKnown: all and external on the committee.`,
  },
  check(ctx) {
    const m = ctx.model;
    const da = m.dataAvailability;
    if (da?.location !== 'committee') return;
    const ref = da.committee;
    if (!ref) {
      ctx.report({ path: 'dataAvailability.committee', message: 'Data is held by a committee, but the spec does not say who is on it: name the committee; until then its members cannot be counted as known.', undeclared: true });
      return;
    }
    const c = ref.component;
    if (!c) return;
    const who = setName(c, 'the DA committee');
    if (c.publiclyKnown !== 'all') {
      ctx.report({
        ...setField(m, ref, 'publiclyKnown', 'disclosure of the committee'),
        message: c.publiclyKnown === undefined
          ? `The DA committee ${who} does not declare whether its members are publicly known: declare publiclyKnown (all, partial or none); until then they cannot be counted as known.`
          : `The members of the DA committee ${who} are ${c.publiclyKnown === 'partial' ? 'only partly' : 'not'} publicly known (publiclyKnown: ${c.publiclyKnown}).`,
        undeclared: c.publiclyKnown === undefined,
      });
    } else if (c.external === undefined || c.external < F.minDacExternal) {
      ctx.report({
        ...setField(m, ref, 'external', 'external committee members'),
        message: c.external === undefined
          ? `The DA committee ${who} does not declare how many members are external to the builder: declare external; until then none can be counted (at least ${F.minDacExternal} are needed).`
          : `Only ${c.external} member${c.external === 1 ? ' of the DA committee ' + who + ' is' : 's of the DA committee ' + who + ' are'} external to the builder; at least ${F.minDacExternal} are needed.`,
        undeclared: c.external === undefined,
      });
    }
  },
};
