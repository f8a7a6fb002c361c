import type { Rule } from '../../types.js';
import { isKeyCustody } from '../support.js';

const HOLDER: Record<string, string> = {
  'federation-multisig': 'a federation multisig',
  'threshold-signature': 'a threshold-signature group',
  mpc: 'an MPC key group',
  'single-custodian': 'a single custodian',
};

export const rule: Rule = {
  meta: {
    id: 'L2S-TRN-004',
    title: 'Claims to be trustless but relies on key holders',
    axis: 'transparency',
    severity: 'low',
    rationale: 'Users can be misled about who they trust if a design called trustless or trust-minimized keeps their BTC under the keys of a custodian or federation without a unilateral exit.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is Low risk only when users can exit unilaterally; a federation or custodian peg is at best High risk (red), which is not trust-minimized.' },
    remediation: 'Remove the claim, or give users a unilateral exit (or a 1-of-N honest-party bridge with permissionless challengers) so the claim holds.',
  },
  check(ctx) {
    const m = ctx.model;
    if (m.exits?.unilateral === true) return;
    const keyed = m.pegs.find((p) => isKeyCustody(p));
    if (!keyed) return;
    m.system.claims.forEach((claim, i) => {
      if (claim !== 'trustless' && claim !== 'trust-minimized') return;
      ctx.report({ path: `system.claims.${i}`, message: `The design claims to be ${claim}, but peg "${keyed.id}" is held by ${HOLDER[keyed.custody ?? ''] ?? 'a signer set'} and users cannot exit unilaterally.` });
    });
  },
};
