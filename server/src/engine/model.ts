// The typed model of an l2spec design (spec formats 1 and 2), as the rules see it. Format 2 only
// adds fields (docs/spec-format.md, "Format 2"); a version-1 spec reads into the same model.
// The parser (parse/buildModel.ts) turns YAML into this shape; every value keeps its
// source position through the SourceMap, addressed by a dotted path such as
// "pegs.0.threshold" (the same path the JSON Schema validator reports).
// Values the author did not write are `undefined`: rules decide what "missing" means.

/** A duration as written ("144 blocks", "48h", "7d", "30 days") and normalised to seconds. */
export interface Duration {
  text: string;
  seconds: number;
  /** Equivalent in Bitcoin blocks (10 minutes each). */
  blocks: number;
}

/** An m-of-n threshold ("11-of-15"). */
export interface Threshold {
  text: string;
  m: number;
  n: number;
}

/**
 * A threshold written as a share of stake or voting power ("67% of stake", "2/3 of voting power"),
 * as proof-of-stake pegs state it. `fraction` is 0–1.
 */
export interface WeightedThreshold {
  text: string;
  fraction: number;
  basis: 'stake' | 'voting-power';
}

export type Family =
  | 'payment-channel'
  | 'sidechain'
  | 'merge-mined-sidechain'
  | 'pos-sidechain'
  | 'rollup'
  | 'bitvm-rollup'
  | 'bitvm-bridge'
  | 'statechain'
  | 'ark'
  | 'ecash-mint'
  | 'drivechain'
  | 'wrapped-btc'
  /** Transactions are Bitcoin transactions ordered by Bitcoin miners; indexers derive the state. */
  | 'metaprotocol'
  /** Client-side validation (RGB, Taproot Assets): Bitcoin orders commitments, users keep the data. */
  | 'client-side-validation'
  /** An alternative L1 that only hosts wrapped BTC (Bitcoin Layers: "Alternative PoS Network"). */
  | 'alt-l1'
  | 'other';

/** What the design says it is ("rollup", "l2", "sidechain"…): used to flag misleading claims. */
export type Claim = 'l2' | 'bitcoin-l2' | 'rollup' | 'zk-rollup' | 'optimistic-rollup' | 'sidechain' | 'trust-minimized' | 'trustless' | 'validium';

export type L1Host = 'bitcoin' | 'ethereum' | 'other';

/** How a system whose host chain is not Bitcoin relates to Bitcoin (format 2, `l1.bitcoin`). */
export type BitcoinRelation = 'settles' | 'anchors' | 'none';

/** direct: Bitcoin script enforces the user's claim; anchored: checkpoints / state roots / merge-mining; none: independent. */
export type SettlementMode = 'direct' | 'anchored' | 'none';

export type AnchorKind = 'state-roots' | 'validity-proofs' | 'transaction-data' | 'state-diffs' | 'checkpoints' | 'merge-mining' | 'commitments';

export type ComponentKind =
  | 'sequencer'
  | 'proposer'
  | 'validators'
  | 'federation'
  | 'signer-set'
  | 'da-committee'
  | 'watchtowers'
  | 'prover'
  | 'challengers'
  | 'security-council'
  | 'operator'
  | 'relayer'
  | 'miners'
  | 'users';

/** How many of a set's members are publicly known. */
export type Disclosure = 'all' | 'partial' | 'none';

export interface Component {
  id: string;
  /** Source path of the definition: `components.<i>`, or the reference path of an inline set. */
  path: string;
  kind: ComponentKind;
  name?: string;
  description?: string;
  /** Number of operators / members / signers. */
  operators?: number;
  threshold?: Threshold;
  /** How many members are external to the main builder. */
  external?: number;
  /**
   * Format 2: who runs the members when it is not one organisation each: `builder` (all of them), or
   * the id of another component whose organisations also hold this set's keys. The trust model
   * (engine/trust) counts such members once.
   */
  operatedBy?: string;
  publiclyKnown?: Disclosure;
  /** Anyone may join (bonded or not). */
  permissionless?: boolean;
  /** Node / signer software is open source (verifiable). */
  openSource?: boolean;
  hsm?: boolean;
  /** For merge-mined or PoW components: share of Bitcoin hashrate (0–1). */
  hashrateShare?: number;
  /** For PoS components: bonded stake value in BTC. */
  stakeBtc?: number;
  /** Format 2: a threshold written as a share of stake or voting power. */
  weightedThreshold?: WeightedThreshold;
  /** Format 2: false when the staked token has no market value (then the stake secures nothing). */
  stakeHasMarketValue?: boolean;
  /**
   * Format 2: what the set's stake is slashed for. Stake secures a peg only when it is slashed for
   * stealing the peg (`peg-theft`); slashing for double-signing or downtime protects consensus only.
   */
  slashedFor?: SlashingOffence[];
  /** Format 2: the set's keys or proofs live in trusted hardware (a TEE such as SGX or Nitro). */
  trustedHardware?: TrustedHardware;
  /**
   * Format 2: the author's note that the set's part in the network is under review (not yet
   * settled): network operators are then `under-review` when the set runs the network.
   */
  underReview?: string;
}

/** Format 2: an offence a staked set is slashed for. */
export type SlashingOffence = 'peg-theft' | 'double-signing' | 'downtime';

/** Format 2: trusted execution hardware a set relies on. */
export interface TrustedHardware {
  kind?: string;
  /** Remote attestations are published so anyone can check what code runs. */
  attestationPublic?: boolean;
}

export type CustodyType =
  | 'unilateral'
  | 'n-of-n-covenant'
  | 'bitvm'
  | 'federation-multisig'
  | 'threshold-signature'
  | 'mpc'
  | 'single-custodian'
  | 'pos-stake'
  | 'miner-vote'
  | 'ecash-mint'
  | 'smart-contract'
  /** Format 2: a statechain: the UTXO key is shared by the current owner and the statechain entity. */
  | 'statechain'
  /** Format 2: keys held inside trusted execution environments (TEEs). */
  | 'tee';

export type MintTrigger = 'light-client' | 'federation' | 'single-relayer' | 'undisclosed' | 'user-proof';

/** A signer set, either referenced by component id or written inline. */
export interface SignerSetRef {
  /** Component id when the YAML referenced one; undefined for an inline set. */
  ref?: string;
  /** The resolved (or inline) component; undefined when a reference dangles. */
  component?: Component;
  /** Source path of the reference or inline object (for positions and related information). */
  path: string;
}

export interface EmergencyRecovery {
  signers?: SignerSetRef;
  threshold?: Threshold;
  timelock?: Duration;
}

export interface UpgradeAuthority {
  /** Who can upgrade: a component reference, or 'none' when the custody logic is immutable. */
  authority?: SignerSetRef | 'none';
  delay?: Duration;
  /** Format 2: further paths for the same thing (e.g. an emergency path beside the regular one). */
  emergency?: UpgradeRoute;
}

/**
 * Format 2: one way to upgrade, with who must sign and the delay before it takes effect
 * (`governance.upgradePaths[]`, `pegs[].upgrade.emergency`, `pegs[].hops[].upgrade`).
 */
export interface UpgradeRoute {
  id?: string;
  /** Source path of the route. */
  path: string;
  /** Every party that must sign (a two-party sign-off lists two). Empty when not declared. */
  holders: SignerSetRef[];
  delay?: Duration;
  /** regular (timelocked) or emergency (fast). */
  kind?: 'regular' | 'emergency';
  /** What the route may change: all upgrades, or only fixes of bugs proven on chain. */
  scope?: 'any' | 'provable-bugs';
}

/** Format 2: who can pause, blacklist or mint one token (`pegs[].controls`). */
export interface PegControls {
  pause?: ControlRef;
  blacklist?: ControlRef;
  mint?: ControlRef;
}

/** A control is held by a kind of party (`single-party`, `multisig`…) or by a named set. */
export interface ControlRef {
  holder?: ControlHolder;
  set?: SignerSetRef;
  path: string;
}

/**
 * Format 2: one custody hop of a token carried through a second bridge (e.g. BTC held by a
 * custodian, whose wrapped token is then locked in a rollup's bridge). Each hop has its own holder
 * and upgrade path; the worst hop rates the token.
 */
export interface CustodyHop {
  /** Source path: `pegs.<i>.hops.<j>`. */
  path: string;
  name?: string;
  custody?: CustodyType;
  signers?: SignerSetRef;
  threshold?: Threshold;
  weightedThreshold?: WeightedThreshold;
  upgrade?: UpgradeAuthority;
  /** Unverified or closed code of this hop's bridge. */
  bridgeSource?: 'open' | 'closed';
  contractsVerified?: boolean;
}

export type ProofOfReservesMethod = 'on-chain' | 'attestation' | 'none';

export interface Peg {
  id: string;
  /** Source path: `pegs.<i>` as written (non-mapping list items are skipped, not renumbered). */
  path: string;
  asset?: string;
  custody?: CustodyType;
  signers?: SignerSetRef;
  threshold?: Threshold;
  emergencyRecovery?: EmergencyRecovery | 'none';
  upgrade?: UpgradeAuthority;
  mintTrigger?: MintTrigger;
  pegInConfirmations?: number;
  /** Value the stake / collateral securing the peg is worth, in BTC. */
  collateralBtc?: number;
  /** BTC the peg guards (value at risk). */
  valueAtRiskBtc?: number;
  /** Fixed deposit denomination in BTC, if any. */
  depositSizeBtc?: number;
  /** Peg-outs go only to whitelisted addresses / through members. */
  withdrawalsPermissioned?: boolean;
  /** Format 2: the enshrined peg the chain itself runs; defaults to the first peg. */
  canonical?: boolean;
  /** Format 2: the signer threshold as a share of stake or voting power. */
  weightedThreshold?: WeightedThreshold;
  /** Format 2: custody hops after this peg's own (a token carried through further bridges). */
  hops?: CustodyHop[];
  /** Format 2: who can pause, blacklist or mint this token. */
  controls?: PegControls;
  /** Format 2: id of the peg whose token backs this one; its custody is inherited. */
  backedBy?: { ref: string; peg?: Peg; path: string };
  /** Format 2: how reserves are proven. */
  proofOfReserves?: { method?: ProofOfReservesMethod; interval?: Duration };
  /** Format 2: the bridge program (signer software, peg contracts) is open or closed source. */
  bridgeSource?: 'open' | 'closed';
  /** Format 2: the peg's contracts are verified against published source (overrides transparency.contractsVerified). */
  contractsVerified?: boolean;
  /** Format 2: the author's note that this peg's custody is under review: its custody is `under-review`. */
  underReview?: string;
}

export type ExitMechanism =
  | 'force-close'
  | 'unilateral-vtxo-exit'
  | 'statechain-backup-tx'
  | 'escape-hatch'
  | 'withdrawal-request'
  | 'federation-peg-out'
  | 'bitvm-payout'
  | 'none';

/** `security-council`: a council minority can include censored transactions (format 2). */
export type ForcedInclusionMode = 'self-sequence' | 'force-via-l1' | 'enqueue' | 'security-council' | 'none';
export type ProposerFallback = 'self-propose' | 'escape-hatch' | 'governance' | 'security-council' | 'none';

export interface Watchtowers {
  required?: boolean;
  /** Component id of the watchtower set, when there is one. */
  set?: SignerSetRef;
  /** Anyone can run a watchtower. */
  permissionless?: boolean;
}

export interface Exits {
  unilateral?: boolean;
  mechanism?: ExitMechanism;
  /** Worst-case time for a user to exit (e.g. a channel's to_self_delay or a challenge period). */
  delay?: Duration;
  /**
   * `councilThreshold` (format 2): with `mode: security-council`, how many members of the security
   * council must act to include a censored transaction (m′ of the council's n);
   * `councilWeightedThreshold` when it is written as a share ("25% of voting power").
   */
  forcedInclusion?: { mode?: ForcedInclusionMode; maxDelay?: Duration; councilThreshold?: Threshold; councilWeightedThreshold?: WeightedThreshold };
  proposerFallback?: ProposerFallback;
  /** Format 2: how long the proposers must be silent before the fallback opens. */
  proposerFallbackTimeout?: Duration;
  watchtowers?: Watchtowers;
  /** Ark batches / VTXOs: time until the operator may sweep unrenewed outputs. */
  vtxoExpiry?: Duration;
  /** Ark out-of-round payments accepted without an on-chain round. */
  outOfRoundTrusted?: boolean;
}

export type DataLocation = 'bitcoin' | 'self-hosted' | 'alt-consensus' | 'committee' | 'operator' | 'external-da' | 'ethereum' | 'none';

export interface DataAvailability {
  location?: DataLocation;
  committee?: SignerSetRef;
  /** An external DA layer is verified on the settlement chain (DA bridge). */
  daBridge?: boolean;
  nodeOpenSource?: boolean;
  /** Data only reachable through permissioned / operator-run nodes. */
  permissionedAccess?: boolean;
  /** Client-side data has a backup or recovery story. */
  backup?: boolean;
  /**
   * Format 2: the DA attesters' stake slashable for withholding data is worth more than the value
   * the system secures (L2BEAT alternative-DA Stage 2, `daMechanismEconomicSecurity`).
   */
  economicSecurity?: boolean;
  /** Format 2: the author's note that data availability is under review: the axis is `under-review`. */
  underReview?: string;
}

/** `tee`: state is attested by trusted hardware, not proven (format 2). */
export type ValidationMechanism = 'none' | 'fraud-proofs' | 'validity-proofs' | 'bitvm' | 'consensus' | 'penalty' | 'client-side' | 'tee';

export interface StateValidation {
  mechanism?: ValidationMechanism;
  /** The challenger set (component reference or inline). */
  challengers?: SignerSetRef;
  challengePeriod?: Duration;
  proofSystem?: 'snark' | 'stark' | 'interactive' | 'single-round';
  proverSource?: 'open' | 'closed';
}

/**
 * Format 2 adds: `bitcoin-checkpoint` (blocks must build on the latest checkpoint posted to
 * Bitcoin), `host-chain` (data posted to the host chain named in `l1.host`), `external-da`.
 */
export type FinalitySource =
  | 'bitcoin' | 'bitcoin-checkpoint' | 'user-held' | 'host-chain' | 'alt-consensus' | 'external-da'
  | 'federation' | 'operator' | 'single-operator';

export interface Finality {
  source?: FinalitySource;
  /** Statechains: previous owners' key deletion is provable. */
  provableKeyDeletion?: boolean;
  /** Format 2: the author's note that finality is under review: the axis is `under-review`. */
  underReview?: string;
}

export type CouncilScope = 'provable-bugs' | 'emergency-only' | 'unlimited';
/** Kinds of party that can hold a control; also the keywords a reference field accepts instead of a component id. */
export const CONTROL_HOLDERS = ['none', 'single-party', 'multisig', 'security-council', 'governance'] as const;
export type ControlHolder = (typeof CONTROL_HOLDERS)[number];

export interface Governance {
  /** Delay before an upgrade of the system's contracts / rules takes effect. */
  upgradeDelay?: Duration;
  /** Upgradeable at all? false = immutable. */
  upgradeable?: boolean;
  securityCouncil?: SignerSetRef;
  councilScope?: CouncilScope;
  pause?: ControlHolder;
  blacklist?: ControlHolder;
  /** Delay before a wrapped-token contract upgrade takes effect. */
  tokenUpgradeDelay?: Duration;
  /** Format 2: every way to upgrade the system, each with who must sign and its delay. */
  upgradePaths?: UpgradeRoute[];
}

export interface Transparency {
  nodeSource?: 'open' | 'source-available' | 'closed';
  contractsVerified?: boolean;
  audits?: string[];
  operatorsDisclosed?: boolean;
}

export interface Anchoring {
  what?: AnchorKind[];
  interval?: Duration;
  /** The bridge only pays out on state that was anchored to Bitcoin. */
  bridgeFinalizesOnAnchor?: boolean;
}

export interface SpecModel {
  formatVersion?: number;
  system: {
    name?: string;
    family?: Family;
    claims: Claim[];
    description?: string;
  };
  l1: {
    host?: L1Host;
    settlement?: SettlementMode;
    anchoring?: Anchoring;
    /** Format 2: the relation to Bitcoin of a system whose host chain is another chain. */
    bitcoin?: { relation?: BitcoinRelation; what?: AnchorKind[] };
  };
  components: Component[];
  /** Components by id (first definition wins; duplicates are a finding). */
  componentsById: Map<string, Component>;
  pegs: Peg[];
  exits?: Exits;
  dataAvailability?: DataAvailability;
  stateValidation?: StateValidation;
  finality?: Finality;
  governance?: Governance;
  transparency?: Transparency;
  /**
   * Facts the author wrote but l2spec could not read: a misspelled key (keyed by the path of the
   * key it most likely meant) or a value of the wrong form. Rules and ratings say "unreadable"
   * and point at the format finding instead of "not declared".
   */
  unreadable?: Map<string, UnreadableFact>;
  /**
   * Format 2: facts the spec states but marks as only *claimed* (a `claimed: [field, …]` list on a
   * component, peg, hop, `exits`, `dataAvailability` or `finality`): the project says so, but
   * nothing public lets anyone check it. Keyed by the fact's spec path
   * (`components.2.publiclyKnown`). A claim never lifts a rating: a level that rests on one is
   * `unverified` (Bitcoin Layers' "Unverified": claims that cannot be checked).
   */
  claimed?: Map<string, ClaimedFact>;
}

/** A fact the spec marks as claimed but not verifiable (see `SpecModel.claimed`). */
export interface ClaimedFact {
  /** Spec path of the claimed fact: `pegs.0.custody`. */
  path: string;
  /** Spec path of the `claimed` entry that marks it: `pegs.0.claimed.0`. */
  marker: string;
}

/** A fact written in a form l2spec could not read, and the format finding that says why. */
export interface UnreadableFact {
  /** Where the format finding is (the misspelled key, or the malformed value). */
  path: string;
  ruleId: string;
  /** "misspelled as \"publiclyKnwon\"" / "\"2wk\" is not a duration". */
  what: string;
}
