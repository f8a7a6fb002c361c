import type { Rule } from '../../types.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-GOV-005',
    title: 'Blacklist controlled by a single party',
    axis: 'governance',
    severity: 'high',
    rationale: 'Users can be censored, and their funds frozen, if the one party holding the blacklist adds their addresses.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Wrapped-token rubric: a blacklist controlled by a single party is High risk.' },
    remediation: 'Remove the blacklist, or give it to a multisig with disclosed members and a published policy, with a delay users can react to.',
  },
  check(ctx) {
    if (ctx.model.governance?.blacklist !== 'single-party') return;
    ctx.report({ path: 'governance.blacklist', message: 'A single party can blacklist addresses (blacklist: single-party), freezing their funds.' });
  },
};
