import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { isKeyCustody, memberCount, minSigners, pegPath, pegThreshold, setField } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-001',
    title: 'Single custodian or 1-of-n key',
    axis: 'custody',
    severity: 'critical',
    rationale: 'Funds can be stolen if one key holder decides to take them: a single custodian, or any one of several keys, can move every coin of the peg.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody: a single custodian (or an MPC custodian acting as one) is below "red" (≥5 publicly known external signers), which makes custody Very High risk ("Stop!").' },
    remediation: 'Hold the BTC in a multisig or covenant that needs at least two thirds of five or more independent signers, or let users exit unilaterally with their own L1 transaction.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      const base = pegPath(m, peg);
      if (peg.custody === 'single-custodian') {
        ctx.report({ path: `${base}.custody`, message: `Peg "${peg.id}" is held by a single custodian: one party can move all of the ${peg.asset ?? 'BTC'} it guards.` });
        continue;
      }
      if (!isKeyCustody(peg)) continue;
      const t = pegThreshold(m, peg);
      if (t && t.threshold.m === 1) {
        const n = t.threshold.n;
        const safe = minSigners(n, F.safeThresholdFraction);
        ctx.report({
          ...t.target,
          message: n === 1
            ? `Peg "${peg.id}" is released by a single key (${t.threshold.text}): whoever holds it can move all the funds.`
            : `Peg "${peg.id}" is released by ${t.threshold.text}: any one of the ${n} key holders can move all the funds alone.`,
          fix: n >= 2 ? { title: `Require ${safe}-of-${n} signatures`, path: t.valuePath, value: `${safe}-of-${n}` } : undefined,
        });
        continue;
      }
      const ref = peg.signers;
      if (!t && ref?.component && memberCount(ref.component) === 1) {
        ctx.report({ ...setField(m, ref, 'operators', 'the signer set has a single member'), message: `Peg "${peg.id}" is controlled by a signer set with one member: that party can move all the funds.` });
      }
    }
  },
};
