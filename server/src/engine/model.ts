// The typed model of an l2spec design (spec format v1), as the rules see it.
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
  | 'other';

/** What the design says it is ("rollup", "l2", "sidechain"…): used to flag misleading claims. */
export type Claim = 'l2' | 'bitcoin-l2' | 'rollup' | 'zk-rollup' | 'optimistic-rollup' | 'sidechain' | 'trust-minimized' | 'trustless' | 'validium';

export type L1Host = 'bitcoin' | 'ethereum' | 'other';

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
  | 'smart-contract';

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
}

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

export type ForcedInclusionMode = 'self-sequence' | 'force-via-l1' | 'enqueue' | 'none';
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
  forcedInclusion?: { mode?: ForcedInclusionMode; maxDelay?: Duration };
  proposerFallback?: ProposerFallback;
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
}

export type ValidationMechanism = 'none' | 'fraud-proofs' | 'validity-proofs' | 'bitvm' | 'consensus' | 'penalty' | 'client-side';

export interface StateValidation {
  mechanism?: ValidationMechanism;
  /** The challenger set (component reference or inline). */
  challengers?: SignerSetRef;
  challengePeriod?: Duration;
  proofSystem?: 'snark' | 'stark' | 'interactive' | 'single-round';
  proverSource?: 'open' | 'closed';
}

export type FinalitySource = 'bitcoin' | 'user-held' | 'alt-consensus' | 'federation' | 'operator' | 'single-operator';

export interface Finality {
  source?: FinalitySource;
  /** Statechains: previous owners' key deletion is provable. */
  provableKeyDeletion?: boolean;
}

export type CouncilScope = 'provable-bugs' | 'emergency-only' | 'unlimited';
export type ControlHolder = 'none' | 'single-party' | 'multisig' | 'security-council' | 'governance';

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
}
