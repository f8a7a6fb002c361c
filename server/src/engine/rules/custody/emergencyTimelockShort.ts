import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { blocksText, describe, humanSeconds, isKeyCustody, pegPath } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-CUST-009',
    title: 'Emergency recovery timelock too short',
    axis: 'custody',
    severity: 'high',
    rationale: 'Funds can be stolen if the emergency key holders act soon after coins stop moving: a short (or missing) timelock turns the recovery path into a second, quicker way to spend the peg.',
    criterion: { framework: 'L2BEAT', criterion: `Stage 1: anyone less decentralised than a proper Security Council may act only after users had at least ${humanSeconds(F.exitWindowBadSeconds)} to react; an emergency key set is such an actor, so its timelock must be at least that long.` },
    remediation: `Set the recovery branch's relative timelock to at least ${blocksText(F.exitWindowBadSeconds)} (≈ ${humanSeconds(F.exitWindowBadSeconds)}); federations commonly use ~4 weeks (4032 blocks) or more.`,
  },
  check(ctx) {
    const m = ctx.model;
    const floor = F.exitWindowBadSeconds;
    for (const peg of m.pegs) {
      const er = peg.emergencyRecovery;
      if (!isKeyCustody(peg) || er === undefined || er === 'none') continue;
      const path = `${pegPath(m, peg)}.emergencyRecovery.timelock`;
      const fix = { title: `Set the timelock to ${blocksText(floor)}`, path, value: blocksText(floor) };
      if (!er.timelock) {
        ctx.report({ path, message: `Peg "${peg.id}"'s emergency recovery path declares no timelock: its keys could spend the peg at any time.`, fix });
      } else if (er.timelock.seconds < floor) {
        ctx.report({ path, message: `Peg "${peg.id}"'s emergency keys can spend coins idle for ${describe(er.timelock)}, less than ${blocksText(floor)} (≈ ${humanSeconds(floor)}).`, fix });
      }
    }
  },
};
