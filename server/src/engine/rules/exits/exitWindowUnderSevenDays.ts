import type { Rule } from '../../types.js';
import { DAY } from '../../parse/values.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { councilProblems, daysValue, exitSeconds, exitText, humanSeconds, upgradePaths } from '../support.js';
import { instantWithoutCouncil } from './instantUpgradeWithoutCouncil.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-EXIT-005',
    title: 'Exit window under 7 days',
    axis: 'exitWindow',
    severity: 'high',
    rationale: 'Funds can be stolen if an unwanted upgrade takes effect before users can get out: the upgrade delay minus the time to exit leaves less than a week.',
    criterion: { framework: 'L2BEAT', criterion: `Exit window = upgrade delay − worst-case exit time; under ${humanSeconds(F.exitWindowBadSeconds)} it is rated bad (and an instant upgrade leaves none).` },
    remediation: `Lengthen the upgrade delay so that it exceeds the exit time by at least ${humanSeconds(F.exitWindowGoodSeconds)}, or make the contracts immutable; reserve faster action for a properly set up Security Council on provable bugs.`,
  },
  check(ctx) {
    const m = ctx.model;
    const exit = exitSeconds(m);
    for (const up of upgradePaths(m)) {
      if (instantWithoutCouncil(m, up)) continue; // reported as critical by L2S-EXIT-007
      const delay = up.delay?.seconds ?? 0;
      const window = delay - exit.seconds;
      if (window >= F.exitWindowBadSeconds) continue;
      const council = up.authority?.component;
      const properCouncil = council && councilProblems(council, F).length === 0;
      const how = up.delay ? `upgrade delay ${humanSeconds(delay)} − ${exitText(exit)}` : 'no upgrade delay is declared';
      ctx.report({
        path: up.delayPath,
        message: window <= 0
          ? `Users have no time to exit before an upgrade of ${up.label} takes effect (${how})${properCouncil ? ', even though the upgrade needs the Security Council' : ''}.`
          : `The exit window for ${up.label} is ${humanSeconds(window)} (${how}), under ${humanSeconds(F.exitWindowBadSeconds)}.`,
        related: exit.path ? [{ path: exit.path, message: `worst-case exit time ${humanSeconds(exit.seconds)}` }] : undefined,
        fix: { title: `Set the delay to ${daysValue(exit.seconds + F.exitWindowGoodSeconds)} (a ${F.exitWindowGoodSeconds / DAY}-day exit window)`, path: up.delayPath, value: daysValue(exit.seconds + F.exitWindowGoodSeconds) },
      });
    }
  },
};
