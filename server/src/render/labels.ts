// Plain-language labels for the model's enumerations and the frameworks' ratings, shared by the
// diagram, the webview and the HTML report so that every surface words things the same way.
import type { BitcoinLayersRating, L2beatSentiment, Severity, Stage, Tier } from '../engine/types.js';
import type {
  AnchorKind, ComponentKind, CustodyType, DataLocation, Disclosure, ExitMechanism, Family, FinalitySource,
  ForcedInclusionMode, MintTrigger, ProposerFallback, SettlementMode, ValidationMechanism,
} from '../engine/model.js';

/** Colour class of a rating. Always shown together with a text label, never by colour alone. */
export type RatingClass = 'good' | 'warning' | 'bad' | 'critical' | 'review' | 'neutral';

export const RATING_CLASS_ORDER: readonly RatingClass[] = ['neutral', 'good', 'review', 'warning', 'bad', 'critical'];

export function worseClass(a: RatingClass, b: RatingClass): RatingClass {
  return RATING_CLASS_ORDER.indexOf(a) >= RATING_CLASS_ORDER.indexOf(b) ? a : b;
}

export const BITCOIN_LAYERS_LABEL: Record<BitcoinLayersRating, string> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
  'very-high': 'Stop! Very high risk',
  unverified: 'Unverified',
  'under-review': 'Under review',
  'not-applicable': 'Not applicable',
};
export const BITCOIN_LAYERS_CLASS: Record<BitcoinLayersRating, RatingClass> = {
  low: 'good', medium: 'warning', high: 'bad', 'very-high': 'critical', unverified: 'review', 'under-review': 'review', 'not-applicable': 'neutral',
};
export const L2BEAT_LABEL: Record<L2beatSentiment, string> = { good: 'Good', warning: 'Warning', bad: 'Bad', unverified: 'Unverified', 'not-applicable': 'Not applicable' };
export const L2BEAT_CLASS: Record<L2beatSentiment, RatingClass> = { good: 'good', warning: 'warning', bad: 'bad', unverified: 'review', 'not-applicable': 'neutral' };

/** Petal length in the radial chart (1 = safest). */
export const CLASS_SCORE: Record<RatingClass, number> = { good: 1, warning: 0.7, bad: 0.45, critical: 0.25, review: 0.15, neutral: 0.15 };

export const TIER_LABEL: Record<Tier, string> = { strong: 'Strong', moderate: 'Moderate', weak: 'Weak' };
export const TIER_CLASS: Record<Tier, RatingClass> = { strong: 'good', moderate: 'warning', weak: 'bad' };
export const TIER_MEANING: Record<Tier, string> = {
  strong: 'Bitcoin script itself enforces each user’s claim.',
  moderate: 'Anchored to Bitcoin, but the system’s own validators or signers decide.',
  weak: 'Loosely connected to Bitcoin, or independent of it.',
};
export const STAGE_LABEL: Record<Stage, string> = { 'stage-0': 'Stage 0', 'stage-1': 'Stage 1', 'stage-2': 'Stage 2', 'not-applicable': 'Not applicable' };

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low', info: 'Info' };
export const SEVERITY_CLASS: Record<Severity, RatingClass> = { critical: 'critical', high: 'bad', medium: 'warning', low: 'good', info: 'neutral' };

export const KIND_LABEL: Record<ComponentKind, string> = {
  sequencer: 'Sequencer', proposer: 'Proposer', validators: 'Validators', federation: 'Federation', 'signer-set': 'Signer set',
  'da-committee': 'DA committee', watchtowers: 'Watchtowers', prover: 'Prover', challengers: 'Challengers',
  'security-council': 'Security council', operator: 'Operator', relayer: 'Relayer', miners: 'Miners', users: 'Users',
};
export const FAMILY_LABEL: Record<Family, string> = {
  'payment-channel': 'Payment channels', sidechain: 'Sidechain', 'merge-mined-sidechain': 'Merge-mined sidechain',
  'pos-sidechain': 'Proof-of-stake sidechain', rollup: 'Rollup', 'bitvm-rollup': 'BitVM rollup', 'bitvm-bridge': 'BitVM bridge',
  statechain: 'Statechain', ark: 'Ark', 'ecash-mint': 'Ecash mint', drivechain: 'Drivechain', 'wrapped-btc': 'Wrapped BTC',
  metaprotocol: 'Metaprotocol', 'client-side-validation': 'Client-side validation', 'alt-l1': 'Alternative L1', other: 'Other design',
};
export const CUSTODY_LABEL: Record<CustodyType, string> = {
  unilateral: 'Unilateral (users hold exit)', 'n-of-n-covenant': 'N-of-N key-deletion covenant', bitvm: 'BitVM bridge',
  'federation-multisig': 'Federation multisig', 'threshold-signature': 'Threshold signature', mpc: 'MPC custodian',
  'single-custodian': 'Single custodian', 'pos-stake': 'Proof-of-stake peg', 'miner-vote': 'Miner-vote peg',
  'ecash-mint': 'Ecash mint', 'smart-contract': 'Smart contract', statechain: 'Statechain (shared key)', tee: 'Trusted hardware (TEE)',
};
export const MINT_LABEL: Record<MintTrigger, string> = {
  'light-client': 'minted on a Bitcoin light-client proof', federation: 'minted by the federation', 'single-relayer': 'minted by a single relayer',
  undisclosed: 'mint trigger undisclosed', 'user-proof': 'minted on a user proof',
};
export const DISCLOSURE_LABEL: Record<Disclosure, string> = { all: 'publicly known', partial: 'partly undisclosed', none: 'undisclosed' };
export const EXIT_LABEL: Record<ExitMechanism, string> = {
  'force-close': 'Force-close', 'unilateral-vtxo-exit': 'Unilateral VTXO exit', 'statechain-backup-tx': 'Statechain backup transaction',
  'escape-hatch': 'Escape hatch', 'withdrawal-request': 'Withdrawal request', 'federation-peg-out': 'Federation peg-out',
  'bitvm-payout': 'BitVM payout', none: 'No exit path',
};
export const DATA_LABEL: Record<DataLocation, string> = {
  bitcoin: 'Posted to Bitcoin', 'self-hosted': 'Kept by users', 'alt-consensus': 'Served by its own consensus', committee: 'DA committee',
  operator: 'Operator only', 'external-da': 'External DA layer', ethereum: 'Posted to Ethereum', none: 'Not available',
};
export const VALIDATION_LABEL: Record<ValidationMechanism, string> = {
  none: 'No state validation', 'fraud-proofs': 'Fraud proofs', 'validity-proofs': 'Validity (ZK) proofs', bitvm: 'BitVM challenges',
  consensus: 'Own consensus', penalty: 'Penalty transactions', 'client-side': 'Client-side validation', tee: 'Trusted hardware attestation',
};
export const FINALITY_LABEL: Record<FinalitySource, string> = {
  bitcoin: 'From data on Bitcoin', 'bitcoin-checkpoint': 'Blocks build on Bitcoin checkpoints', 'user-held': 'Users hold provable state',
  'host-chain': 'From data on its host chain', 'alt-consensus': 'Own consensus network', 'external-da': 'External DA network',
  federation: 'A federation', operator: 'The operator', 'single-operator': 'A single operator',
};
export const SETTLEMENT_LABEL: Record<SettlementMode, string> = {
  direct: 'Direct settlement: Bitcoin script enforces each user’s claim',
  anchored: 'Anchored: checkpoints reach Bitcoin, own validators decide',
  none: 'Not settled on Bitcoin',
};
export const ANCHOR_LABEL: Record<AnchorKind, string> = {
  'state-roots': 'state roots', 'validity-proofs': 'validity proofs', 'transaction-data': 'transaction data', 'state-diffs': 'state diffs',
  checkpoints: 'checkpoints', 'merge-mining': 'merge-mining', commitments: 'commitments',
};
export const FORCED_LABEL: Record<ForcedInclusionMode, string> = {
  'self-sequence': 'users can self-sequence', 'force-via-l1': 'forced inclusion via L1', enqueue: 'enqueue via L1 only',
  'security-council': 'council minority can include', none: 'no forced inclusion',
};
export const FALLBACK_LABEL: Record<ProposerFallback, string> = {
  'self-propose': 'self-propose fallback', 'escape-hatch': 'escape hatch', governance: 'proposer replaced by governance',
  'security-council': 'proposer replaced by the council', none: 'no proposer fallback',
};

/** Heading of a tier's reasons with their count, e.g. "Why this tier (3 reasons)": webview and report. */
/** Fixed class per plan goal status (never built from data). */
export const PLAN_STATUS_CLASS: Record<'found' | 'none' | 'cut-off', string> = { found: 'plan-found', none: 'plan-none', 'cut-off': 'plan-cut-off' };

interface PlanGoalSummary {
  kind: 'tier' | 'stage';
  targetLabel: string;
  status: 'found' | 'none' | 'cut-off';
  steps: readonly unknown[];
  verified?: { tier: string; stage: string };
}

/** A plan goal's one-line summary, in the preview and the report alike. */
export function planGoalHeading(g: PlanGoalSummary): string {
  const goal = `${g.kind === 'tier' ? 'Tier' : 'L2BEAT'} ${g.targetLabel}`;
  if (g.status === 'none') return `${goal}: no path within the format`;
  if (g.status === 'cut-off') return `${goal}: not settled within the search bound`;
  const n = g.steps.length;
  return `${goal}: ${n} change${n === 1 ? '' : 's'}${g.verified ? ` (verified: tier ${g.verified.tier}, ${g.verified.stage})` : ''}`;
}

/** "What it would take (N goals)". */
export function planHeading(plan: { goals: readonly unknown[] }): string {
  return `What it would take (${plan.goals.length})`;
}

interface CompareSummary {
  label: string;
  baseError?: string;
  changed: boolean;
  tier?: { old: string; new: string; oldLabel: string; newLabel: string };
  stage?: { old: string; new: string; oldLabel: string; newLabel: string };
  ratings: readonly { old: string; new: string }[];
  pegs: readonly unknown[];
  newFindings: readonly unknown[];
  changedSeverity: readonly unknown[];
  fixedFindings: readonly unknown[];
  coalitions?: readonly { text: string; direction: 'better' | 'worse' }[];
}

/** Coalition changes named one by one in the one-line summary; the rest are counted. */
const MAX_COALITION_CHANGES = 2;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * One line on the change since the base revision, for the preview, the status bar and the report:
 * "Since HEAD: tier Weak → Moderate, 2 ratings changed, 3 new findings, 1 fixed."
 */
export function compareSummary(c: CompareSummary): string {
  if (c.baseError) return `Not compared with ${c.label}: ${c.baseError}`;
  if (!c.changed) return `No change since ${c.label}.`;
  const parts: string[] = [];
  if (c.tier && c.tier.old !== c.tier.new) parts.push(`tier ${c.tier.oldLabel} → ${c.tier.newLabel}`);
  if (c.stage && c.stage.old !== c.stage.new) parts.push(`L2BEAT ${c.stage.oldLabel} → ${c.stage.newLabel}`);
  // Who must collude: smaller coalitions (regressions) first, "steal: 11 → 3 entities".
  const coalitions = [...(c.coalitions ?? [])].sort((a, b) => Number(b.direction === 'worse') - Number(a.direction === 'worse'));
  for (const x of coalitions.slice(0, MAX_COALITION_CHANGES)) parts.push(x.text);
  if (coalitions.length > MAX_COALITION_CHANGES) parts.push(`${plural(coalitions.length - MAX_COALITION_CHANGES, 'other coalition')} changed`);
  const ratings = c.ratings.filter((r) => r.old !== r.new).length;
  if (ratings) parts.push(`${plural(ratings, 'rating')} changed`);
  if (c.pegs.length) parts.push(`${plural(c.pegs.length, 'peg')} changed`);
  if (c.newFindings.length) parts.push(plural(c.newFindings.length, 'new finding'));
  if (c.changedSeverity.length) parts.push(`${plural(c.changedSeverity.length, 'finding')} changed severity`);
  if (c.fixedFindings.length) parts.push(`${c.fixedFindings.length} fixed`);
  if (!parts.length) parts.push('reasons changed');
  return `Since ${c.label}: ${parts.join(', ')}.`;
}

export function whyTierHeading(count: number): string {
  return `Why this tier (${count === 0 ? 'no reasons given' : count === 1 ? '1 reason' : `${count} reasons`})`;
}

// ---------------------------------------------------------------------------------------------
// Spec text in markup. Class names and attributes come only from known values; text shows hidden
// characters as visible tokens. (Case 51: a `kind` of "operator rating-review" must not restyle a box.)

/** The class for a component kind: `ck-<kind>` for a known kind, a neutral `ck-unknown` for anything else. */
export function componentKindClass(kind: string | undefined): string | undefined {
  if (kind === undefined) return undefined;
  return Object.prototype.hasOwnProperty.call(KIND_LABEL, kind) ? `ck-${kind}` : 'ck-unknown';
}

/** A rating class that is one of RATING_CLASS_ORDER, else `neutral`. */
export function ratingClass(cls: string | undefined): RatingClass {
  return (RATING_CLASS_ORDER as readonly string[]).includes(cls ?? '') ? (cls as RatingClass) : 'neutral';
}

/** `prefix-value` when the value is a plain lower-case token (as every layout kind is), else `prefix-unknown`. */
export function classToken(prefix: string, value: string | undefined): string {
  return `${prefix}-${value !== undefined && /^[a-z][a-z0-9-]{0,40}$/.test(value) ? value : 'unknown'}`;
}

/** Text as shown in a label or report: hidden characters (bidi overrides, zero-width, controls) become tokens like ⟨U+202E⟩. */
export { markHidden as visibleLabel } from '../engine/visible.js';
