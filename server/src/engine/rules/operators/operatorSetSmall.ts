import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { componentPath, isSingleSequencer, operatorSets, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-006',
    title: 'Operator set below five external operators',
    axis: 'operators',
    // A "Stop!" on the operators axis: users can be censored or the chain halted, but funds are not
    // taken by it alone, so high (the tier procedure caps such designs at Moderate, reference §6).
    severity: 'high',
    rationale: 'Users can be censored, and the chain halted, if a handful of operators collude or fail: fewer than five independent operators run the network.',
    criterion: { framework: 'Bitcoin Layers', criterion: `Network operators are High (red) with an operator set of at least ${F.minExternalOperators} external, publicly known operators; a smaller set is Very High ("Stop!"). A single sequencer is rated by the ways around it instead (forced inclusion and a proposer fallback: Medium; one of them: High; neither: Very High), which L2S-OPS-001, L2S-OPS-002 and L2S-OPS-008 report.` },
    remediation: `Grow the permissioned operator set to at least ${F.minExternalOperators} operators independent of the builder, or open block production to anyone (e.g. bonded PoS with an open-source node).`,
  },
  check(ctx) {
    const m = ctx.model;
    for (const c of operatorSets(m)) {
      if (c.permissionless === true) continue;
      // A single sequencer's level follows from the ways around it (operators axis), not from its size.
      // (An unreadable count is not taken as one: the finding then says l2spec cannot read it.)
      const base = componentPath(m, c);
      if (c.kind === 'sequencer' && isSingleSequencer(c) && !m.unreadable?.has(`${base}.operators`)) continue;
      const who = setName(c, 'the operator set');
      const n = c.operators ?? c.threshold?.n;
      if (n === undefined) {
        ctx.report({ path: `${base}.operators`, message: `${who} does not declare how many operators run the network; at least ${F.minExternalOperators} external ones are needed.`, undeclared: true });
      } else if (n < F.minExternalOperators) {
        ctx.report({ path: `${base}.operators`, message: n === 1 ? `${who} is run by a single operator.` : `${who} has ${n} operators; at least ${F.minExternalOperators} external ones are needed.` });
      } else if (c.external === undefined || c.external < F.minExternalOperators) {
        ctx.report({
          path: `${base}.external`,
          message: c.external === undefined
            ? `${who} does not declare how many of its ${n} operators are external to the builder: declare external; until then none can be counted.`
            : `Only ${c.external} of the ${n} operators of ${who} are external to the builder; at least ${F.minExternalOperators} are needed.`,
          undeclared: c.external === undefined,
        });
      }
    }
  },
};
