import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { memberCount, percent, setField, setFieldPath, setName } from '../support.js';

/** Smallest threshold m for which at most `maxHonest` of n members must be honest. */
function safeThreshold(n: number): number {
  for (let m = 1; m <= n; m++) if ((n - m + 1) / n <= F.maxDacHonestFraction + 1e-9) return m;
  return n;
}

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-003',
    title: 'Weak data-availability committee',
    axis: 'dataAvailability',
    severity: 'high',
    rationale: 'Funds can be frozen if a few committee members sign for data they never publish: a small committee, or a low attestation threshold, lets a minority make unavailable data look available.',
    criterion: { framework: 'L2BEAT', criterion: `A DA committee is bad with fewer than ${F.minDacMembers} members, or when more than ${percent(F.maxDacHonestFraction)} of the members must be honest, i.e. (members − threshold + 1) / members > 1/3.` },
    remediation: `Use at least ${F.minDacMembers} members and a threshold high enough that at most a third of them need to be honest (e.g. 6-of-7 or 8-of-10); declare operators and threshold on the committee.`,
  },
  check(ctx) {
    const m = ctx.model;
    const da = m.dataAvailability;
    if (da?.location !== 'committee' || !da.committee?.component) return;
    const ref = da.committee;
    const c = ref.component!;
    const who = setName(c, 'the DA committee');
    const n = memberCount(c);
    if (n === undefined) {
      ctx.report({ ...setField(m, ref, 'operators', 'committee size'), message: `The DA committee ${who} does not declare its size; L2BEAT needs at least ${F.minDacMembers} members.` });
      return;
    }
    if (n < F.minDacMembers) {
      ctx.report({ ...setField(m, ref, 'operators', `${n} members`), message: `The DA committee ${who} has ${n} member${n === 1 ? '' : 's'}; at least ${F.minDacMembers} are needed.` });
      return;
    }
    const t = c.threshold;
    if (!t) {
      ctx.report({ ...setField(m, ref, 'threshold', 'attestation threshold'), message: `The DA committee ${who} does not declare how many of its ${n} members must attest; l2spec cannot tell how many must be honest.` });
      return;
    }
    const honest = (t.n - t.m + 1) / t.n;
    if (honest <= F.maxDacHonestFraction + 1e-9) return;
    const safe = safeThreshold(t.n);
    ctx.report({
      ...setField(m, ref, 'threshold', `threshold ${t.text}`),
      message: `The DA committee ${who} attests with ${t.text}: ${t.n - t.m + 1} of ${t.n} members (${percent(honest)}) must be honest for the data to be available, more than a third.`,
      fix: { title: `Require ${safe}-of-${t.n} attestations`, path: setFieldPath(m, ref, 'threshold'), value: `${safe}-of-${t.n}` },
    });
  },
};
