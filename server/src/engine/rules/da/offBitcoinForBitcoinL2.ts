import type { Rule } from '../../types.js';
import { claimsBitcoinL2 } from '../support.js';

const WHERE: Record<string, string> = {
  'alt-consensus': 'the network’s own consensus',
  committee: 'an off-chain committee',
  'external-da': 'an external DA layer',
  ethereum: 'Ethereum',
};

export const rule: Rule = {
  meta: {
    id: 'L2S-DA-005',
    title: 'Data kept off Bitcoin by a design that claims to be a Bitcoin L2',
    axis: 'dataAvailability',
    severity: 'medium',
    rationale: 'Users can be misled about who they trust if a self-described Bitcoin L2 keeps its data elsewhere: Bitcoin cannot help them rebuild the state, so its security does not carry over.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'Data availability is Low risk (green) only when all data needed to rebuild the state is on Bitcoin or self-hosted by users; data kept elsewhere caps the design below the Strong tier.' },
    remediation: 'Post transaction data or state diffs to Bitcoin (or let users hold their own state), or describe the design as a sidechain rather than a Bitcoin L2.',
  },
  check(ctx) {
    const m = ctx.model;
    const location = m.dataAvailability?.location;
    if (!location || !(location in WHERE) || !claimsBitcoinL2(m)) return;
    ctx.report({ path: 'dataAvailability.location', message: `The design claims to be a Bitcoin L2, but its data is kept by ${WHERE[location]} (location: ${location}), not on Bitcoin.`, related: [{ path: 'system.claims', message: 'the design claims to be a Bitcoin L2 here' }] });
  },
};
