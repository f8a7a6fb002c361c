import type { Rule } from '../../types.js';
import { FRAMEWORK_FLOORS as F } from '../thresholds.js';
import { componentPath, percent, setName } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-OPS-007',
    title: 'Merge-mined with at most half of Bitcoin’s hashrate',
    axis: 'operators',
    severity: 'high',
    rationale: 'Users can be censored, and blocks reorganised, if a minority mining coalition controls the merge-mined chain: it inherits only the share of Bitcoin’s hashrate that actually mines it.',
    criterion: { framework: 'Bitcoin Layers', criterion: `Network operators are Medium (yellow) for a chain merge-mined by more than ${percent(F.mergeMiningHashrateShare)} of Bitcoin’s hashrate; a smaller share falls back to the rating of the remaining operator set.` },
    remediation: 'Bring more mining pools into merge-mining and publish the measured share, or do not count merge-mining as a security property.',
  },
  check(ctx) {
    const m = ctx.model;
    const miners = m.components.filter((c) => c.kind === 'miners');
    const mergeMined = m.system.family === 'merge-mined-sidechain' || (m.l1.anchoring?.what ?? []).includes('merge-mining');
    if (miners.length === 0) {
      if (mergeMined) ctx.report({ path: 'system.family', message: 'The chain is merge-mined, but no miners component declares what share of Bitcoin’s hashrate mines it.' });
      return;
    }
    for (const c of miners) {
      const path = `${componentPath(m, c)}.hashrateShare`;
      if (c.hashrateShare === undefined) {
        if (mergeMined) ctx.report({ path, message: `${setName(c, 'The miners')} do not declare their share of Bitcoin’s hashrate; more than ${percent(F.mergeMiningHashrateShare)} is needed.` });
      } else if (c.hashrateShare <= F.mergeMiningHashrateShare) {
        ctx.report({ path, message: `The chain is merge-mined by only ${percent(c.hashrateShare)} of Bitcoin’s hashrate; more than ${percent(F.mergeMiningHashrateShare)} is needed before merge-mining counts as security.` });
      }
    }
  },
};
