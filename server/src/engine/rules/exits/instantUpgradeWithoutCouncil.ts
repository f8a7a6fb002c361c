import type { SpecModel } from '../../model.js';
import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { componentPath, councilProblems, daysValue, exitSeconds, humanSeconds, setName, upgradePaths, type UpgradePath } from '../support.js';

/** An upgrade of BTC-holding logic that can happen at once, by someone other than a proper Security Council. */
export function instantWithoutCouncil(model: SpecModel, up: UpgradePath): boolean {
  if (!up.holdsBtc || (up.delay && up.delay.seconds > 0)) return false;
  const council = up.authority?.component;
  return !council || councilProblems(council, F).length > 0;
}

export const rule: Rule = {
  meta: {
    id: 'L2S-EXIT-007',
    title: 'Instant upgrade of BTC-holding logic without a proper council',
    axis: 'exitWindow',
    severity: 'critical',
    rationale: 'Funds can be stolen if whoever holds the upgrade keys swaps the bridge logic: with no delay and no properly set up council, they can take every coin before anyone can react.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'A rollup bridge contract that can be upgraded instantly is "Stop!" whatever else it has; L2BEAT rates an instant upgrade as no exit window (bad) unless only a Security Council of ≥8 members with a ≥75% threshold can act.' },
    remediation: `Put a delay of at least ${humanSeconds(F.exitWindowGoodSeconds)} plus the exit time on upgrades, or make the custody logic immutable; if emergency upgrades are needed, give them only to a Security Council with ≥${F.councilMinMembers} members, a ≥${F.councilMinThresholdFraction * 100}% threshold and a >${F.councilMinExternalFraction * 100}% external minority.`,
  },
  check(ctx) {
    const m = ctx.model;
    const exit = exitSeconds(m);
    for (const up of upgradePaths(m)) {
      if (!instantWithoutCouncil(m, up)) continue;
      const council = up.authority?.component;
      const who = council ? `${setName(council, 'the upgrade authority')}, which is not a properly set up Security Council (${councilProblems(council, F).join('; ')})` : 'an authority the spec does not name as a Security Council';
      const related = council && up.authority?.ref !== undefined ? [{ path: componentPath(m, council), message: 'upgrade authority' }] : undefined;
      ctx.report({
        path: up.delayPath,
        message: `${up.label[0]!.toUpperCase()}${up.label.slice(1)} can be upgraded ${up.delay ? 'instantly' : 'with no declared delay (treated as instant)'} by ${who}.`,
        related,
        fix: { title: `Set the delay to ${daysValue(exit.seconds + F.exitWindowGoodSeconds)}`, path: up.delayPath, value: daysValue(exit.seconds + F.exitWindowGoodSeconds) },
        undeclared: up.delay === undefined,
      });
    }
  },
};
