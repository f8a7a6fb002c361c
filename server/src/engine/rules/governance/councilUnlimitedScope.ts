import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-GOV-002',
    title: 'Security Council with unlimited powers',
    axis: 'governance',
    severity: 'medium',
    rationale: 'Funds can be stolen if the council is compromised, because it may change anything at any time rather than only fix provable bugs.',
    criterion: { framework: 'L2BEAT', criterion: 'Stage 2 allows the Security Council to act only on bugs provable on-chain; a council that may upgrade or intervene for any reason keeps the project below Stage 2.' },
    remediation: 'Restrict the council to provable on-chain bugs (and emergencies with a delay), route every other upgrade through the delayed path, and declare governance.councilScope.',
  },
  check(ctx) {
    const g = ctx.model.governance;
    if (!g?.securityCouncil || g.councilScope === 'provable-bugs' || g.councilScope === 'emergency-only') return;
    ctx.report({
      path: 'governance.councilScope',
      message: g.councilScope === 'unlimited'
        ? 'The Security Council may act for any reason (councilScope: unlimited), not only on provable bugs.'
        : 'The spec does not limit what the Security Council may do: declare councilScope; until then its powers cannot be shown to be limited.',
      fix: { title: 'Limit the council to provable bugs', path: 'governance.councilScope', value: 'provable-bugs' },
    });
  },
};
