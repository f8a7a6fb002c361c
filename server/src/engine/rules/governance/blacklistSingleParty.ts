import type { Rule } from '../../types.js';
import { capFirst, controlHolderName, isSinglePartyControl } from '../support.js';

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
    // Format 2: the control of one token (pegs[].controls.blacklist).
    for (const peg of ctx.model.pegs) {
      const c = peg.controls?.blacklist;
      if (isSinglePartyControl(c)) {
        ctx.report({ path: c!.path, message: `${capFirst(controlHolderName(c!))} can blacklist peg "${peg.id}"${peg.asset ? ` (${peg.asset})` : ''} alone, freezing any holder of that token.` });
      }
    }
    if (ctx.model.governance?.blacklist !== 'single-party') return;
    ctx.report({ path: 'governance.blacklist', message: 'A single party can blacklist addresses (blacklist: single-party), freezing their funds.' });
  },
};
