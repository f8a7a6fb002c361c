import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { councilHeadCount, councilProblems, minSigners, percent, setField, setFieldPath, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-GOV-001',
    title: 'Security Council not properly set up',
    axis: 'governance',
    severity: 'high',
    rationale: 'Funds can be stolen if a small or insider-dominated council pushes through a malicious upgrade: too few members, too low a threshold or too few outsiders make its approval easy to obtain.',
    criterion: { framework: 'L2BEAT', criterion: `Stage 1 needs a properly set up Security Council: at least ${F.councilMinMembers} members, a threshold of at least ${percent(F.councilMinThresholdFraction)}, and a quorum-blocking minority of more than ${percent(F.councilMinExternalFraction)} external to the builder.` },
    remediation: `Give the council at least ${F.councilMinMembers} members with a ≥${percent(F.councilMinThresholdFraction)} threshold (e.g. 9-of-12) and make more than a quarter of them independent of the builder; declare operators, threshold and external.`,
  },
  check(ctx) {
    const m = ctx.model;
    const ref = m.governance?.securityCouncil;
    const c = ref?.component;
    if (!ref || !c) return;
    const problems = councilProblems(c, F);
    if (problems.length === 0) return;
    const t = councilHeadCount(c);
    const thresholdLow = t && t.m / t.n < F.councilMinThresholdFraction - 1e-9 && t.n >= F.councilMinMembers;
    const field = c.operators === undefined || (c.operators ?? 0) < F.councilMinMembers ? 'operators' : thresholdLow || !t ? 'threshold' : 'external';
    const safe = t ? minSigners(t.n, F.councilMinThresholdFraction) : 0;
    ctx.report({
      ...setField(m, ref, field, 'council setting'),
      message: `The Security Council ${setName(c, '')} is not properly set up: ${problems.join('; ')}.`,
      fix: thresholdLow && c.threshold ? { title: `Require ${safe}-of-${t!.n} signatures`, path: setFieldPath(m, ref, 'threshold'), value: `${safe}-of-${t!.n}` } : undefined,
    });
  },
};
