// Numbers the trust rules compare against. They come from the Bitcoin Layers and L2BEAT
// frameworks (and, where noted, from protocol practice) and change when the frameworks do, so
// they live here as data with the date they were last checked, never inside a rule.
import { BLOCK_SECONDS, DAY } from '../parse/values.js';

export const FRAMEWORK_FLOORS = {
  lastVerified: '2025-11',

  // Bitcoin Layers, BTC custody and the "sidesystem" minimum.
  /** A peg needs at least this many signers to count as a sidesystem bridge. */
  minSigners: 5,
  /** …of which at least this many are external to the main developer. */
  minExternalSigners: 4,
  /** Below this signing fraction a minority of signers can move the funds. */
  majorityFraction: 1 / 2,
  /** Byzantine-tolerant quorum: a third of the signers can neither steal nor freeze. */
  safeThresholdFraction: 2 / 3,

  // Bitcoin Layers, network operators / DA committee ("red" needs ≥5 external, publicly known).
  minExternalOperators: 5,
  /** Merge-mined chains rate yellow only above this share of Bitcoin hashrate. */
  mergeMiningHashrateShare: 0.5,

  // L2BEAT, permissioned fraud proofs: fewer than 5 (external) challengers is "bad".
  minChallengers: 5,
  minExternalChallengers: 5,

  // L2BEAT, data-availability committee: getDacSentiment (l2beat/l2beat
  // packages/config/src/common/DaCommitteeSecurityRisk.ts) rates a DAC bad with fewer than 6 members,
  // fewer than 5 external, or (n − m + 1) / n > 1/3; "Others" takes SMALL_DAC (< 5 external) and
  // LOW_DAC_THRESHOLD (common/reasonsForBeingOther.ts). Checked against the code 2026-12.
  minDacMembers: 6,
  minDacExternal: 5,
  /** A DAC is "bad" when more than this fraction of members must be honest (strictly more). */
  maxDacHonestFraction: 1 / 3,

  // L2BEAT exit window (upgrade delay minus worst-case exit time) and Stages.
  exitWindowBadSeconds: 7 * DAY,
  exitWindowGoodSeconds: 30 * DAY,
  /**
   * A properly set up Security Council (Stage 1). L2BEAT's stage code takes it as a reviewer's
   * boolean (`securityCouncilProperlySetUp`, common/stages/getRollupStage.ts); the numbers are its
   * published requirements: ≥ 8 members, ≥ 75% threshold, > 25% ("at least 26%") external.
   */
  councilMinMembers: 8,
  councilMinThresholdFraction: 0.75,
  /** The quorum-blocking minority that must be external (strictly more than this fraction). */
  councilMinExternalFraction: 0.25,

  // Bitcoin Layers wrapped-token rubric: a token upgrade needs at least this delay to be low risk.
  tokenUpgradeDelaySeconds: 48 * 3600,

  // Protocol practice: LDK enforces to_self_delay ≥ 144 blocks (~1 day) for Lightning channels; l2spec
  // applies the same floor to every dispute window a user or watchtower must answer in time.
  minDisputeSeconds: 144 * BLOCK_SECONDS,
} as const;

export type FrameworkFloors = typeof FRAMEWORK_FLOORS;
