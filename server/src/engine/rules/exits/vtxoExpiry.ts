import type { Rule } from '../../types.js';
import { describe } from '../support.js';

export const rule: Rule = {
  meta: {
    id: 'L2S-EXIT-003',
    title: 'Ark VTXOs expire unless renewed',
    axis: 'custody',
    severity: 'medium',
    rationale: 'Funds can be lost if a user does not come online to renew before the batch expires: the operator may then sweep the unrenewed VTXOs.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody and finality are Low risk only while users keep a periodic, provable assurance that only they can spend; an Ark VTXO keeps it only until its batch expires, so the user must renew in time.' },
    remediation: 'Declare the expiry, make it long (weeks), and give users automatic renewal (wallet background refresh or a delegated renewal service) plus clear warnings before expiry.',
  },
  check(ctx) {
    const m = ctx.model;
    const expiry = m.exits?.vtxoExpiry;
    if (expiry) {
      ctx.report({ path: 'exits.vtxoExpiry', message: `VTXOs expire after ${describe(expiry)}: a user who does not renew within that time can have the operator sweep their funds.` });
    } else if (m.system.family === 'ark') {
      ctx.report({ path: 'exits.vtxoExpiry', message: 'The Ark design does not declare when VTXOs expire (exits.vtxoExpiry); users cannot know how often they must come online to keep their funds.' });
    }
  },
};
