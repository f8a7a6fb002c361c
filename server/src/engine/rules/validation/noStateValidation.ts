import type { Rule } from '../../types.js';
import { isRollupLike } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-PROOF-001',
    title: 'Bridge pays out on unvalidated proposer claims',
    axis: 'stateValidation',
    severity: 'critical',
    rationale: 'Funds can be stolen if the proposer posts a false state: the bridge releases BTC on whatever state it is told, with no fraud or validity proof to stop it.',
    criterion: { framework: 'L2BEAT', criterion: 'State validation: with no proof system, invalid state can be accepted (bad), and the project is not even Stage 0; a bridge paying out on such state is open to theft by the proposer.' },
    remediation: 'Verify state transitions before paying out: validity (ZK) proofs checked by the bridge, or fraud proofs/BitVM challenges open to at least 5 external (ideally any) challengers; declare stateValidation.mechanism.',
  },
  check(ctx) {
    const m = ctx.model;
    const mechanism = m.stateValidation?.mechanism;
    if (mechanism !== undefined && mechanism !== 'none') return;
    const rollup = isRollupLike(m);
    // A BitVM peg verifies payouts by construction unless the spec says explicitly that nothing is checked.
    const bridge = m.pegs.find((p) => p.custody === 'smart-contract' || (p.custody === 'bitvm' && mechanism === 'none') || (p.custody === undefined && rollup));
    if (!bridge) return;
    ctx.report({
      path: 'stateValidation.mechanism',
      message: mechanism === 'none'
        ? `Peg "${bridge.id}" pays out on proposed state, and nothing validates that state (mechanism: none).`
        : `Peg "${bridge.id}" pays out on proposed state, and the spec declares no state validation: declare stateValidation.mechanism; until then nothing shows invalid state would be rejected.`,
      undeclared: mechanism === undefined,
    });
  },
};
