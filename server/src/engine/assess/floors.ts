// Numbers the ratings compare against. The framework floors shared with the trust rules live in
// rules/thresholds.ts; the few that only the assessment needs are added here, as data with the
// date they were last checked against the frameworks, never inside a decision.
import { FRAMEWORK_FLOORS } from '../rules/thresholds.js';
import { DAY } from '../parse/values.js';

export { FRAMEWORK_FLOORS };

export const ASSESSMENT_FLOORS = {
  lastVerified: '2026-11',

  /**
   * Bitcoin Layers, BTC custody "high" (red): at least this many publicly known signers external
   * to the builder. (The sidesystem minimum in FRAMEWORK_FLOORS.minExternalSigners is lower: 4.)
   */
  custodyMinExternalSigners: 5,

  /**
   * l2spec's reading of "rate upgradeable custody by who can upgrade it and the timelock": when an
   * upgrade leaves users at least this long to leave first (upgrade delay minus exit delay), the
   * upgraders are not counted as custodians. 30 days is L2BEAT's "good" exit window and the month
   * Clementine proposes before a signer-set replacement.
   */
  custodyUpgradeExitWindowSeconds: 30 * DAY,

  /**
   * L2BEAT, proposer failure (2026 reviews): self-propose after a timeout, or an escape hatch, is
   * "good" only when it opens after days; one that opens after months is rated as no fallback.
   * l2spec draws the line at 30 days, the longest "days" the reviews accept.
   */
  proposerFallbackMaxSeconds: 30 * DAY,
} as const;
