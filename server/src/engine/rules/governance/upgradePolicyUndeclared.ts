import type { Rule } from '../../types.js';
import { hasContractCustody, isRollupLike } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-GOV-006',
    title: 'Upgradeability not declared',
    axis: 'exitWindow',
    severity: 'medium',
    rationale: 'Funds can be stolen by an upgrade users never see coming if the spec does not say whether, by whom and how fast the BTC-holding logic can be changed.',
    criterion: { framework: 'L2BEAT', criterion: 'The exit window (upgrade delay minus exit time) is rated from the upgrade delay: ∞ for immutable contracts, bad for instant upgrades; without it the rating stays under review.' },
    remediation: 'Declare governance.upgradeable, and for upgradeable designs the upgradeDelay and who can upgrade (securityCouncil or pegs[].upgrade).',
  },
  check(ctx) {
    const m = ctx.model;
    const holdsContractBtc = isRollupLike(m) || hasContractCustody(m) || (m.l1.host !== undefined && m.l1.host !== 'bitcoin' && m.pegs.length > 0);
    if (!holdsContractBtc) return;
    const g = m.governance;
    if (g?.upgradeable !== undefined || g?.upgradeDelay !== undefined || g?.upgradePaths?.length || m.pegs.some((p) => p.upgrade)) return;
    // A delay written in a form l2spec cannot read is declared: its format finding says so.
    if (m.unreadable?.has('governance.upgradeDelay')) return;
    ctx.report({ path: 'governance.upgradeable', message: 'The design holds BTC in contract or program logic but does not say whether that logic can be upgraded, or with what delay.' });
  },
};
