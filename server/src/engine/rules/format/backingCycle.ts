import type { RuleMeta } from '../../types.js';

// Reported by the parser stage (buildModel resolves backedBy), not by a model check: the spec
// text itself is at fault. Every peg of the cycle gets its own finding.
export const meta: RuleMeta = {
  id: 'L2S-FMT-011',
  title: 'Pegs back each other in a cycle',
  axis: 'format',
  severity: 'high',
  rationale: 'Funds can be backed by nothing if tokens back each other round a cycle (A backed by B, B backed by A): no BTC outside the cycle stands behind them, and the custody of the BTC they claim cannot be traced to a peg that holds it.',
  criterion: { framework: 'Bitcoin Layers', criterion: 'BTC custody is rated per peg, and a token backed by another token can be no safer than that token (trust-frameworks.md §8): the chain of backing must end at a peg that holds BTC.' },
  remediation: 'Point backedBy at the peg that actually holds the deposits and remove it from the peg at the bottom of the chain; every chain of backedBy must end at a peg without one. Until then each peg of the cycle is rated as the worst peg in it.',
};
