// The trust model's vocabulary: who must collude to cause each failure (docs/assessment.md,
// "Who must collude"). Pure data; JSON-safe (the CLI, SARIF, the preview and `diff` read it as is).

/** The four failures the model answers for (trust-frameworks.md §1: "Funds can be stolen if…"). */
export type FailureKind = 'steal' | 'freeze' | 'censor' | 'halt';
export const FAILURE_KINDS: readonly FailureKind[] = ['steal', 'freeze', 'censor', 'halt'];

/** How many members of one set a coalition needs. */
export interface CoalitionMember {
  /** The set: a component id, or a name for a party the spec implies ("previous-owner", "builder"). */
  set: string;
  /** Members of the set that must act. */
  count: number;
  /** Members the set has, when known. */
  of?: number;
  /** Spec path of the set's definition (or of the field that implies the party). */
  path?: string;
}

/**
 * One way to cause a failure: these members acting together, under the conditions given.
 * `entities` counts independent organisations: members the spec gives as the builder's count as
 * one entity (the builder), across every set; external members count one each unless the spec
 * says their sets share operators (`operatedBy`).
 */
/**
 * What a coalition acts through: the custody keys or covenant, an emergency path, an upgrade, the
 * system's state (proposers, challengers), a token control (mint, pause, blacklist), block
 * production, or the data users need.
 */
export type CoalitionVia = 'custody' | 'emergency' | 'upgrade' | 'state' | 'control' | 'operation' | 'data';

export interface Coalition {
  entities: number;
  via: CoalitionVia;
  members: CoalitionMember[];
  /** Only after this delay ("4032 blocks"): an emergency path's timelock. */
  after?: string;
  /** Only when this holds ("the coins stay unmoved", "users cannot exit before the upgrade takes effect"). */
  condition?: string;
  /** What the coalition does, in words: 'sign with 11 of the 15 keys of peg "lbtc"'. */
  how: string;
  /** Spec paths of the facts the coalition rests on (for highlighting and "reveal"). */
  paths: string[];
  /**
   * Facts the count rests on that the spec does not give ("components.1.external"), or marks as
   * only claimed ("components.1.external (claimed)"): the count may be off.
   */
  unknown?: string[];
  /**
   * Set when the coalition exists only if a claimed fact in `unknown` is false (an upgrade users
   * could outrun by a claimed exit time, a proposer facing claimed validity proofs or claimed
   * permissionless challengers): taken at its word there is no such coalition, so the tier treats
   * it as unknown, never as a shortfall.
   */
  ifClaimFalse?: true;
}

/** Everything the model says about one failure. */
export interface FailureAnalysis {
  /** Entities in the smallest coalition; null when no coalition of others can cause the failure. */
  minEntities: number | null;
  /** The smallest coalitions, smallest first (at most MAX_LISTED). */
  coalitions: Coalition[];
  /**
   * The smallest coalition of each kind (what it acts through), in entities: a diff sees custody
   * going from 11 to 5 signers even while a smaller emergency coalition sets `minEntities`.
   */
  byVia: Partial<Record<CoalitionVia, number>>;
  /** What users (or anyone on their behalf) must do for the failure not to happen, e.g. watch the channel. */
  userConditions: string[];
  /** Set when the search stopped at its bound: the coalitions listed are real, a smaller one may exist. */
  approximate?: boolean;
}

export type Coalitions = Record<FailureKind, FailureAnalysis>;

/**
 * How the user's claim reaches Bitcoin (trust-frameworks.md §6 step 1):
 * `script` — users (or watchtowers for them) take the BTC back with Bitcoin transactions alone, or
 * a 1-of-N BitVM payout that anyone may challenge; `anchored` — the system's state, checkpoints or
 * blocks are committed to Bitcoin but its own parties hold the peg; `none` — no such link.
 */
export type BitcoinLink = 'script' | 'anchored' | 'none';

/** The model of one spec: its link to Bitcoin and the coalitions per failure, file-wide and per peg. */
export interface TrustModel {
  /**
   * `claimed`: spec paths of facts the link rests on that the spec marks as only claimed (a claimed
   * unilateral exit or custody type); the tier treats them like unknowns and cannot rise on them.
   */
  link: { value: BitcoinLink; why: string; path?: string; claimed?: string[] };
  coalitions: Coalitions;
  /** One entry per peg, in spec order (ids as written). */
  pegs: { id: string; path: string; canonical: boolean; coalitions: Coalitions }[];
}

/** At most this many coalitions are listed per failure (the smallest). */
export const MAX_LISTED = 5;
/**
 * Bound of the search: at most this many candidate coalitions per failure and peg. Designs people
 * write have tens; beyond it the result is marked `approximate`.
 */
export const MAX_TERMS = 256;
