import type { Rule } from '../../types.js';
import { isKeyCustody, pegPath, setField } from '../support.js';
import { pegQuorum } from '../quorum.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-008',
    title: 'Emergency recovery path weaker than the main signer set',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if the few holders of the emergency keys collude once the timelock has passed: the recovery branch needs fewer signatures than the federation it backs up.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is rated by everyone who can move the coins, including alternative spending paths and their timelocks; a recovery path with fewer (or undisclosed) signers lowers the custody rating to that of the smaller set.' },
    remediation: 'Give the recovery branch a threshold at least as high as the main set’s (or the same federation plus a long timelock), disclose its key holders, and keep its timelock long.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      const er = peg.emergencyRecovery;
      if (!isKeyCustody(peg) || er === undefined || er === 'none') continue;
      const base = pegPath(m, peg);
      // The main threshold in any notation: for a share of stake, the signers certainly enough (⌈share × n⌉).
      const mainT = pegQuorum(m, peg);
      const main = mainT?.quorum;
      const mainText = main && (main.notation === 'count' || main.enough === undefined ? main.text : `${main.text} of ${main.members} members, ${main.enough} of them at most`);
      const ref = er.signers;
      const emergency = er.threshold ?? ref?.component?.threshold;
      if (!emergency) {
        ctx.report({ path: `${base}.emergencyRecovery.threshold`, message: `Peg "${peg.id}" has an emergency recovery path but does not say how many signatures it needs; l2spec cannot tell whether it is weaker than ${main ? `the main ${mainText}` : 'the main set'}.` });
        continue;
      }
      if (!main || main.enough === undefined || emergency.m >= main.enough) continue;
      const target = er.threshold
        ? { path: `${base}.emergencyRecovery.threshold` }
        : setField(m, ref!, 'threshold', `emergency threshold ${emergency.text}`);
      ctx.report({
        ...target,
        message: `Peg "${peg.id}"'s emergency path (${emergency.text}) needs fewer signatures than the main ${mainText}: after the timelock, ${emergency.m} key holder${emergency.m === 1 ? '' : 's'} can move coins that otherwise need ${main.enough}.`,
        related: [...(target.related ?? []), { path: mainT!.valuePath, message: `main threshold ${main.text}` }],
      });
    }
  },
};
