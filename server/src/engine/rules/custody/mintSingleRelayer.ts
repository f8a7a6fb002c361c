import type { Rule } from '../../types.js';
import { capFirst, controlHolderName, isSinglePartyControl, pegPath } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-014',
    title: 'Mint triggered by a single relayer',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if the one relayer reports a deposit that never happened: every holder of the wrapped token is diluted by unbacked mints.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Wrapped-token rubric: a mint triggered by a single relayer is High risk; a federation relay is Medium and an on-chain Bitcoin light client Low.' },
    remediation: 'Verify deposits on-chain with a Bitcoin light client or SPV proofs supplied by the user, or at least require a threshold of independent relayers.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      const mint = peg.controls?.mint;
      if (isSinglePartyControl(mint)) {
        // Format 2: the party that mints this token (pegs[].controls.mint).
        ctx.report({ path: mint!.path, message: `${capFirst(controlHolderName(mint!))} alone can mint ${peg.asset ?? `peg "${peg.id}"'s token`}: unbacked tokens can be minted without any deposit.` });
      }
      if (peg.mintTrigger !== 'single-relayer') continue;
      ctx.report({ path: `${pegPath(m, peg)}.mintTrigger`, message: `Peg "${peg.id}" mints ${peg.asset ?? 'its token'} when a single relayer reports a deposit: that relayer alone can mint unbacked tokens.` });
    }
  },
};
