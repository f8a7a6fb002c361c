import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { describe, humanSeconds } from '../support.js';

const FLOOR_TEXT = `${F.tokenUpgradeDelaySeconds / 3600}h`;

export const rule: Rule = {
  meta: {
    id: 'L2S-GOV-003',
    title: 'Wrapped-token upgrade delay under 48 hours',
    axis: 'governance',
    severity: 'medium',
    rationale: 'Funds can be stolen if the token contract is upgraded to a malicious version before holders can redeem or sell: the upgrade delay gives them less than two days.',
    criterion: { framework: 'Bitcoin Layers', criterion: `Wrapped-token rubric: a governance delay of at least ${humanSeconds(F.tokenUpgradeDelaySeconds)} (${FLOOR_TEXT}) before a token upgrade takes effect is low risk; a shorter delay is not.` },
    remediation: `Put a timelock of at least ${FLOOR_TEXT} on token upgrades (longer is better), announced publicly, or make the token immutable.`,
  },
  check(ctx) {
    const m = ctx.model;
    const d = m.governance?.tokenUpgradeDelay;
    const fix = { title: `Set the token upgrade delay to ${FLOOR_TEXT}`, path: 'governance.tokenUpgradeDelay', value: FLOOR_TEXT };
    if (d && d.seconds < F.tokenUpgradeDelaySeconds) {
      ctx.report({ path: 'governance.tokenUpgradeDelay', message: `The wrapped token can be upgraded after ${describe(d)}, less than ${FLOOR_TEXT}.`, fix });
    } else if (!d && m.system.family === 'wrapped-btc' && m.governance?.upgradeable !== false) {
      ctx.report({ path: 'governance.tokenUpgradeDelay', message: `The spec does not declare a delay before the wrapped token can be upgraded: declare tokenUpgradeDelay; until then it cannot be shown to be at least ${FLOOR_TEXT}.`, fix });
    }
  },
};
