import type { Rule } from '../../types.js';
import { DAY } from '../../parse/values.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { daysValue, exitSeconds, exitText, humanSeconds, upgradePaths } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-EXIT-006',
    title: 'Exit window under 30 days',
    axis: 'exitWindow',
    severity: 'medium',
    rationale: 'Withdrawals can be delayed past an unwanted upgrade if users miss a short notice period: between one week and 30 days to exit is less than Stage 2 asks for.',
    criterion: { framework: 'L2BEAT', criterion: `Exit window = upgrade delay − worst-case exit time; ${humanSeconds(F.exitWindowBadSeconds)} to ${humanSeconds(F.exitWindowGoodSeconds)} is a warning, at least ${humanSeconds(F.exitWindowGoodSeconds)} is good (Stage 2).` },
    remediation: `Lengthen the upgrade delay so users get at least ${humanSeconds(F.exitWindowGoodSeconds)} after the exit time, or make the contracts immutable.`,
  },
  check(ctx) {
    const m = ctx.model;
    const exit = exitSeconds(m);
    for (const up of upgradePaths(m)) {
      if (!up.delay) continue;
      const window = up.delay.seconds - exit.seconds;
      if (window < F.exitWindowBadSeconds || window >= F.exitWindowGoodSeconds) continue;
      ctx.report({
        path: up.delayPath,
        message: `The exit window for ${up.label} is ${humanSeconds(window)} (upgrade delay ${humanSeconds(up.delay.seconds)} − ${exitText(exit)}), under ${humanSeconds(F.exitWindowGoodSeconds)}.`,
        related: exit.path ? [{ path: exit.path, message: `worst-case exit time ${humanSeconds(exit.seconds)}` }] : undefined,
        fix: { title: `Set the delay to ${daysValue(exit.seconds + F.exitWindowGoodSeconds)} (a ${F.exitWindowGoodSeconds / DAY}-day exit window)`, path: up.delayPath, value: daysValue(exit.seconds + F.exitWindowGoodSeconds) },
      });
    }
  },
};
