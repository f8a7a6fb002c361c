import type { AnchorKind } from '../../model.js';
import type { Rule } from '../../types.js';
import { describe } from '../support.js';

/** Anchors that carry the L2's state (merge-mining alone carries none). */
const STATE_ANCHORS: readonly AnchorKind[] = ['state-roots', 'validity-proofs', 'transaction-data', 'state-diffs', 'checkpoints', 'commitments'];

export const rule: Rule = {
  meta: {
    id: 'L2S-FIN-001',
    title: 'Anchored state the bridge does not finalise on',
    axis: 'finality',
    severity: 'medium',
    rationale: 'Withdrawals can be paid on a state that differs from what was anchored: the bridge does not wait for the anchored state, so writing to Bitcoin is not settling on Bitcoin.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'A network that posts state roots to Bitcoin but whose bridge does not finalise on that state is degraded to Medium (yellow) on finality, and the design stays at most Moderate.' },
    remediation: 'Make the bridge pay out only against state that was anchored to Bitcoin (and, ideally, proven), and declare l1.anchoring.bridgeFinalizesOnAnchor: true.',
  },
  check(ctx) {
    const m = ctx.model;
    // With another host chain (an Ethereum rollup), l1.anchoring describes what goes to that host,
    // where the bridge lives and reads it: this rule is about writing to Bitcoin.
    if (m.l1.host !== undefined && m.l1.host !== 'bitcoin') return;
    const anchoring = m.l1.anchoring;
    const anchored = (anchoring?.what ?? []).filter((w) => STATE_ANCHORS.includes(w));
    if (!anchoring || anchored.length === 0 || m.pegs.length === 0 || anchoring.bridgeFinalizesOnAnchor === true) return;
    // When every peg is held by users themselves (channels, Ark VTXOs), no bridge pays out at all.
    if (m.pegs.every((p) => p.custody === 'unilateral')) return;
    const every = anchoring.interval ? ` every ${describe(anchoring.interval)}` : '';
    ctx.report({
      path: 'l1.anchoring.bridgeFinalizesOnAnchor',
      message: anchoring.bridgeFinalizesOnAnchor === false
        ? `The design anchors ${anchored.join(', ').replace(/-/g, ' ')} to Bitcoin${every}, but the bridge does not pay out on the anchored state (bridgeFinalizesOnAnchor: false).`
        : `The design anchors ${anchored.join(', ').replace(/-/g, ' ')} to Bitcoin${every}, but does not say the bridge pays out only on the anchored state: declare bridgeFinalizesOnAnchor; until then writing to Bitcoin cannot be counted as settling there.`,
    });
  },
};
