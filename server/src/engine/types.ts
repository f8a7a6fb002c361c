// Shared vocabulary of the engine: positions, findings, rules and the assessment.
// Positions follow LSP: 0-based lines, UTF-16 code-unit characters.
import type { SpecModel } from './model.js';
import type { SourceMap } from './parse/source.js';

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** The area of trust a rule is about. */
export type Axis =
  | 'custody'
  | 'dataAvailability'
  | 'operators'
  | 'finality'
  | 'exitWindow'
  | 'stateValidation'
  | 'sequencerFailure'
  | 'proposerFailure'
  | 'governance'
  | 'transparency'
  | 'format';

export interface FrameworkCriterion {
  framework: 'Bitcoin Layers' | 'L2BEAT' | 'l2spec';
  /** The criterion in our own words, e.g. "BTC custody: red needs ≥5 publicly known external signers". */
  criterion: string;
}

/** A concrete edit a quick fix can apply: set (or insert) the value at a spec path, or rename its key. */
export interface FixData {
  title: string;
  /** Dotted spec path, e.g. "governance.upgradeDelay". */
  path: string;
  /** New YAML scalar text for the value, e.g. "30d" or "true"; with `key`, the key's new name. */
  value: string;
  /**
   * True when the fix renames the key at `path` to `value` (a misspelt key, e.g.
   * "pegInConfirmatons" → "pegInConfirmations"), keeping its value; absent for value fixes.
   */
  key?: true;
}

export interface RuleMeta {
  /** Stable ID, e.g. "L2S-CUST-001". Never reused. */
  id: string;
  title: string;
  axis: Axis;
  severity: Severity;
  /** The risk, phrased "Funds can be stolen if…" / "Users can be censored if…". */
  rationale: string;
  criterion: FrameworkCriterion;
  remediation: string;
}

export interface RelatedLocation {
  /** Spec path of the other node involved. */
  path: string;
  message: string;
  /** Point at the key at `path` rather than its value (e.g. a misspelt key, where its format finding is). */
  key?: boolean;
}

export interface Report {
  message: string;
  /**
   * Spec path of the node that causes the finding. When the path does not exist
   * (a missing key), the finding lands on the nearest existing parent key.
   */
  path: string;
  related?: RelatedLocation[];
  fix?: FixData;
  /**
   * True when the finding's only cause is a field the spec does not declare (a missing fact, not a
   * declared shortfall). Such a finding asks for the fact and is never more severe than
   * UNDECLARED_SEVERITY: a fact that is simply not stated is "unverified", never the worst level by
   * itself (Bitcoin Layers, trust-frameworks.md §2 and §8).
   */
  undeclared?: boolean;
}

/** The most severe a finding whose only cause is an undeclared field can be. */
export const UNDECLARED_SEVERITY: Severity = 'medium';

export interface RuleContext {
  readonly model: SpecModel;
  /** True when the spec text sets this path (even to null). */
  has(path: string): boolean;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** Spec path the finding was reported at (after falling back to an existing parent). */
  path: string;
  /**
   * Set when the finding is about a key the spec does not write (a missing fact): its path. The
   * finding then sits on the nearest existing parent, and editors offer to insert the key.
   */
  missing?: string;
  axis: Axis;
  related?: { range: Range; path: string; message: string }[];
  /** With `key`, `range` is the key's and `insert` is false. */
  fix?: FixData & { range: Range; /** true when the key does not exist yet and must be inserted. */ insert: boolean };
  /** Set when the only cause is a field the spec does not declare (see Report.undeclared). */
  undeclared?: boolean;
  suppressed?: { kind: 'line' | 'file'; justification: string };
}

/**
 * A Bitcoin Layers level, or one of its statuses, with Bitcoin Layers' meaning:
 * - `unverified`: a fact the level needs cannot be checked — the spec leaves it out, writes it in a
 *   form l2spec cannot read (`missing` names it), or marks it as only claimed (`claimed` names it);
 * - `under-review`: not rated — the spec marks the axis as under review (`underReview`), the
 *   declared design is outside the framework's table, or the spec could not be read at all;
 * - `not-applicable`: the axis does not apply (an "Alternative PoS Network").
 */
export type BitcoinLayersRating = 'low' | 'medium' | 'high' | 'very-high' | 'unverified' | 'under-review' | 'not-applicable';
/** `unverified`: the fact that decides the slice is missing (the slice names it in `missing`). */
export type L2beatSentiment = 'good' | 'warning' | 'bad' | 'unverified' | 'not-applicable';
export type Tier = 'strong' | 'moderate' | 'weak';
export type Stage = 'stage-0' | 'stage-1' | 'stage-2' | 'not-applicable';

export type BitcoinLayersAxis = 'custody' | 'dataAvailability' | 'operators' | 'finality';
export type L2beatAxis = 'exitWindow' | 'stateValidation' | 'sequencerFailure' | 'proposerFailure';

/** One reason behind a verdict: plain text, optionally pointing at a spec path and the rule that caused it. */
export interface Reason {
  text: string;
  path?: string;
  ruleId?: string;
}

export interface Rated<T> {
  value: T;
  reasons: Reason[];
  /** Facts whose absence (or unreadable form) kept this rating at `unverified`. */
  missing?: MissingFact[];
  /**
   * Facts the spec marks as only claimed (`claimed: [...]`) that the level would rest on: they kept
   * this rating at `unverified` (Bitcoin Layers' "Unverified": a claim nobody can check).
   */
  claimed?: ClaimedFactRef[];
}

/** A claimed fact a rating would rest on: where it is, and the `claimed` entry that marks it. */
export interface ClaimedFactRef {
  /** Spec path of the fact, e.g. "pegs.0.custody". */
  path: string;
  /** Spec path of the `claimed` entry, e.g. "pegs.0.claimed.0". */
  marker: string;
}

/** A fact a rating needs that the spec does not give in a readable form. */
export interface MissingFact {
  /** Spec path where the fact belongs, e.g. "components.0.publiclyKnown". */
  path: string;
  /** What the fact is, in words: "whether the members of \"fed\" are publicly known". */
  fact: string;
  /** Set when the author wrote it, but in a form l2spec could not read. */
  unreadable?: { path: string; ruleId: string; what: string };
}

/** Bitcoin Layers' custody rating of one peg (the axis is the canonical peg's). */
export interface PegRating extends Rated<BitcoinLayersRating> {
  id: string;
  asset?: string;
  /** Spec path of the peg (`pegs.<i>`). */
  path: string;
  /** The enshrined peg the chain itself runs: its rating is the custody axis. */
  canonical: boolean;
  /** Who must collude to steal this peg's BTC, freeze its withdrawals, censor or halt (engine/trust). */
  coalitions?: import('./trust/types.js').Coalitions;
}

export interface Ratings {
  custody: Rated<BitcoinLayersRating>;
  dataAvailability: Rated<BitcoinLayersRating>;
  operators: Rated<BitcoinLayersRating>;
  finality: Rated<BitcoinLayersRating>;
  exitWindow: Rated<L2beatSentiment>;
  stateValidation: Rated<L2beatSentiment>;
  sequencerFailure: Rated<L2beatSentiment>;
  proposerFailure: Rated<L2beatSentiment>;
}

export interface Assessment {
  tier: Rated<Tier>;
  stage: Rated<Stage>;
  ratings: Ratings;
  /**
   * One custody rating per peg, in spec order; the canonical one heads the custody axis. Always
   * set by the engine (optional only so hand-built assessments in tests may leave it out).
   */
  pegs?: PegRating[];
  /**
   * Who must collude to steal, freeze, censor or halt (the trust model, engine/trust): the
   * canonical peg's coalitions with the system's. Always set by the engine for a readable spec.
   */
  coalitions?: import('./trust/types.js').Coalitions;
  /** How users' claims reach Bitcoin (`script`, `anchored`, `none`), the trust model's first question. */
  link?: import('./trust/types.js').TrustModel['link'];
}

/** Per-rule configuration from `.l2spec.yaml` or editor settings. */
export interface L2specConfig {
  rules?: Record<string, Severity | 'off'>;
}

export interface AnalyzeOptions {
  config?: L2specConfig;
  /** Refuse (with a finding) texts larger than this many UTF-16 code units. Default 10 MiB. */
  maxSize?: number;
  /** Report suppression directives (or rule IDs in them) that suppressed nothing, as L2S-FMT-007. */
  reportUnusedSuppressions?: boolean;
  /** Cost limits (line length, YAML nodes, collection items); defaults in parse/budget.ts. */
  budget?: Partial<import('./parse/budget.js').BudgetLimits>;
}

export interface AnalysisResult {
  /** Engine version (package version). */
  version: string;
  /** The system's name, when the spec gives one. */
  system?: string;
  /** Undefined when the text could not be parsed into a mapping at all. */
  model?: SpecModel;
  /** Findings sorted by position; suppressed ones included (with `suppressed`). */
  findings: Finding[];
  assessment: Assessment;
  /** Resolves a spec path to its source range (value node, or key when `key` is set). */
  rangeOf(path: string, key?: boolean): Range | undefined;
  /**
   * The parse the findings were located with: every key and value with its path and range. Editor
   * features read it (never a parse of their own), so their positions agree with the findings.
   * Undefined when the text was not parsed (too large, over budget, unparsable).
   */
  source?: SourceMap;
}
