import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { memberCount, pegPath, percent, setField } from '../support.js';
import { basisText, isSingleSigner, movesByQuorum, pegQuorum, saferThreshold } from '../quorum.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-001',
    title: 'Single custodian or 1-of-n key',
    axis: 'custody',
    severity: 'critical',
    rationale: 'Funds can be stolen if one key holder decides to take them: a single custodian, or any one of several keys, can move every coin of the peg.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody: a single custodian (or an MPC custodian acting as one) is below "red" (≥5 publicly known external signers), which makes custody Very High risk ("Stop!"). A threshold is read in any notation: a share of stake or voting power no larger than 1/n of an n-member set is one signer, since the largest holder has at least 1/n.' },
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
      if (!movesByQuorum(peg)) continue;
      const t = pegQuorum(m, peg);
      if (t && isSingleSigner(t.quorum)) {
        const q = t.quorum;
        const members = q.members ?? 1;
        const fix = members >= 2 ? { title: `Require ${saferThreshold(q, F.safeThresholdFraction)}`, path: t.valuePath, value: saferThreshold(q, F.safeThresholdFraction) } : undefined;
        let message: string;
        if (q.notation === 'count') {
          message = members === 1
            ? `Peg "${peg.id}" is released by a single key (${q.text}): whoever holds it can move all the funds.`
            : `Peg "${peg.id}" is released by ${q.text}: any one of the ${members} key holders can move all the funds alone.`;
        } else {
          message = members === 1
            ? `Peg "${peg.id}" is released by ${q.text} held by a set with one member: that party can move all the funds.`
            : `Peg "${peg.id}" is released by ${q.text} among ${members} members: whichever holds the most ${basisText(q)} holds at least ${percent(1 / members)} of it, so one of them can move all the funds alone (like 1-of-${members}).`;
        }
        ctx.report({ ...t.target, message, fix });
        continue;
      }
      const ref = peg.signers;
      if (!t && ref?.component && memberCount(ref.component) === 1) {
        ctx.report({ ...setField(m, ref, 'operators', 'the signer set has a single member'), message: `Peg "${peg.id}" is controlled by a signer set with one member: that party can move all the funds.` });
      }
    }
  },
};
