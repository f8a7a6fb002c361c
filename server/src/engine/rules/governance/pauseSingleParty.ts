import type { Rule } from '../../types.js';
import { capFirst, controlHolderName, isSinglePartyControl } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-GOV-004',
    title: 'Pause controlled by a single party',
    axis: 'governance',
    severity: 'high',
    rationale: 'Funds can be frozen if the one party holding the pause switch uses it, is coerced or loses the key: transfers and redemptions stop for everyone.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Wrapped-token rubric: a pause function controlled by a single party is High risk.' },
    remediation: 'Give the pause to a multisig or properly set up Security Council, bound how long a pause can last, and keep redemptions open during a pause.',
  },
  check(ctx) {
    // Format 2: the control of one token (pegs[].controls.pause).
    for (const peg of ctx.model.pegs) {
      const c = peg.controls?.pause;
      if (isSinglePartyControl(c)) {
        ctx.report({ path: c!.path, message: `${capFirst(controlHolderName(c!))} can pause peg "${peg.id}"${peg.asset ? ` (${peg.asset})` : ''} alone, freezing transfers and redemptions of that token.` });
      }
    }
    if (ctx.model.governance?.pause !== 'single-party') return;
    ctx.report({ path: 'governance.pause', message: 'A single party can pause the system (pause: single-party), freezing every user’s funds.' });
  },
};
