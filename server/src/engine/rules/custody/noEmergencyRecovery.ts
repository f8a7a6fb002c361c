import type { Rule } from '../../types.js';
import { isKeyCustody, memberCount, pegPath, pegThreshold } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-007',
    title: 'Federation peg without an emergency recovery path',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be frozen if enough signers lose their keys, go offline or refuse to sign: without a time-locked recovery path, nobody can ever move the BTC again.',
    criterion: { framework: 'L2BEAT', criterion: 'Proposer failure: when the only parties able to release funds stop, users need a fallback; with none ("cannot withdraw") the risk is rated bad.' },
    remediation: 'Add a time-locked recovery branch to the peg script (e.g. a separate, disclosed key set that can spend coins idle for ~4 weeks) and declare it under emergencyRecovery with its signers, threshold and timelock.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      if (!isKeyCustody(peg) || peg.custody === 'single-custodian') continue; // one custodian is L2S-CUST-001
      const er = peg.emergencyRecovery;
      if (er !== undefined && er !== 'none') continue;
      const t = pegThreshold(m, peg)?.threshold;
      const n = t?.n ?? memberCount(peg.signers?.component);
      const blockers = t ? `${t.n - t.m + 1} of its ${t.n} signers` : n ? `enough of its ${n} signers` : 'its signers';
      ctx.report({
        path: `${pegPath(m, peg)}.emergencyRecovery`,
        message: er === 'none'
          ? `Peg "${peg.id}" has no emergency recovery path: if ${blockers} lose their keys or stop signing, its BTC is frozen for good.`
          : `Peg "${peg.id}" does not declare an emergency recovery path: declare emergencyRecovery (or none); without one, if ${blockers} stop signing its BTC is frozen.`,
      });
    }
  },
};
