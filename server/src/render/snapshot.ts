// The review snapshot: everything the preview, the exports and the CLI report show, as plain
// JSON (it crosses the LSP connection and the webview message channel). Built once per analysis.
import type { ImprovementPlan } from '../engine/review/plan.js';
import type { AnalysisResult, BitcoinLayersAxis, L2beatAxis, Range, Ratings, Reason, Severity, Stage, Tier } from '../engine/types.js';
import {
  BITCOIN_LAYERS_CLASS, BITCOIN_LAYERS_LABEL, CLASS_SCORE, L2BEAT_CLASS, L2BEAT_LABEL, STAGE_LABEL, TIER_CLASS, TIER_LABEL,
  TIER_MEANING, type RatingClass,
} from './labels.js';
import { layoutDiagram, nodeForPath, type Diagram } from './layout.js';
import { normalise } from './text.js';
import { visibleLabel } from './labels.js';
import { snapshotCollusion, type SnapshotCollusion } from './collusion.js';

export const SNAPSHOT_FORMAT = 1;

export interface SnapshotReason {
  text: string;
  path?: string;
  ruleId?: string;
  /** Diagram element the reason points at, when its path maps to one. */
  elementId?: string;
}

export interface SnapshotRating {
  axis: BitcoinLayersAxis | L2beatAxis;
  framework: 'Bitcoin Layers' | 'L2BEAT';
  label: string;
  /** Short label for the radial chart. */
  short: string;
  value: string;
  valueLabel: string;
  cls: RatingClass;
  /** Petal length in the radial chart, 0–1 (1 = safest). */
  score: number;
  reasons: SnapshotReason[];
}

/** One peg's own custody rating (Bitcoin Layers rates each peg; the canonical one is the custody axis). */
export interface SnapshotPeg {
  id: string;
  asset?: string;
  canonical: boolean;
  value: string;
  valueLabel: string;
  cls: RatingClass;
  reasons: SnapshotReason[];
  elementId?: string;
}

export interface SnapshotFinding {
  /** Index in `findings`; the webview refers to findings by it. */
  index: number;
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  path: string;
  axis: string;
  suppressed?: { kind: string; justification: string };
  elementId?: string;
}

export interface ParseError {
  /** Index of the corresponding entry in `findings`. */
  index: number;
  ruleId: string;
  message: string;
  range: Range;
}

/** One change of a plan path: its description and the findings it clears on its own. */
export interface SnapshotPlanStep {
  title: string;
  /** The concrete edits of the change (spec path → new value), which code actions apply. */
  edits: { path: string; value: string; insert: boolean }[];
  clears: { ruleId: string; message: string }[];
  /** What the change does on its own to who must collude ("stealing needs 8 entities (was 3)"). */
  effect?: string;
}

/** A better tier or stage and what it would take (from planImprovements, every path verified). */
export interface SnapshotPlanGoal {
  kind: 'tier' | 'stage';
  target: Tier | Stage;
  targetLabel: string;
  status: 'found' | 'none' | 'cut-off';
  /** For `found`: the changes of the first (irreducible) path, and what re-analysing with them gives. */
  steps: SnapshotPlanStep[];
  verified?: { tier: string; stage: string };
  /** Other single changes that reach the goal on their own. */
  alternatives: string[];
  /** For `none` / `cut-off`: what still stands in the way. */
  blockers: string[];
}

export interface SnapshotPlan {
  goals: SnapshotPlanGoal[];
  stageNote?: string;
}

/** A verdict (tier, stage, rating, peg custody) that differs between the base revision and now. */
export interface SnapshotVerdictChange {
  old: string;
  new: string;
  oldLabel: string;
  newLabel: string;
  /** better / worse in the frameworks' order; `changed` when unordered; absent when only reasons changed. */
  direction?: 'better' | 'worse' | 'changed';
  reasonsAdded: string[];
  reasonsRemoved: string[];
}

/**
 * The design diff against a base revision (git HEAD), from diffAnalyses: what the preview shows
 * as before → after and what the status bar reads to say the tier changed.
 */
export interface SnapshotCompare {
  /** The base revision's short name (e.g. `HEAD`). */
  label: string;
  /** Set when the base text could not be read as a spec; nothing else is compared then. */
  baseError?: string;
  changed: boolean;
  /** The tier, stage or a rating got worse, or a finding is new or more severe. */
  regressed: boolean;
  tier?: SnapshotVerdictChange;
  stage?: SnapshotVerdictChange;
  /** Axes whose value or reasons changed, in the order of `ratings`. */
  ratings: (SnapshotVerdictChange & { axis: SnapshotRating['axis']; label: string })[];
  /** Pegs whose custody changed, that are new (no `old`) or gone (no `new`). */
  pegs: { id: string; oldLabel?: string; newLabel?: string; direction?: 'better' | 'worse' | 'changed' }[];
  /** Indexes into `findings` of active findings that the base did not have. */
  newFindings: number[];
  /** Indexes into `findings` whose severity changed since the base, with the base's severity. */
  changedSeverity: { index: number; old: Severity; direction: 'better' | 'worse' }[];
  /** Active findings of the base that are gone now (fixed, or `suppressed` in the current text). */
  fixedFindings: { ruleId: string; severity: Severity; message: string; path: string; suppressed?: boolean }[];
  /**
   * Who must collude: failures whose smallest coalition changed (entities; null = no coalition
   * can), file-wide first, then per peg; `worse` (fewer entities) is a regression. `text` is
   * "steal: 11 → 3 entities" (normalised). Absent when none changed.
   */
  coalitions?: SnapshotCoalitionChange[];
}

/** One change of a smallest coalition since the base (render/compare.ts). */
export interface SnapshotCoalitionChange {
  failure: 'steal' | 'freeze' | 'censor' | 'halt';
  /** The peg's id (normalised) when the change is a peg's own, not the file-wide answer. */
  peg?: string;
  old: number | null;
  new: number | null;
  direction: 'better' | 'worse';
  text: string;
}

export interface ReviewSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  engineVersion: string;
  /** System name (or a placeholder). */
  system: string;
  /** True when the text was read into a model (a diagram exists). */
  parsed: boolean;
  tier: { value: Tier; label: string; cls: RatingClass; meaning: string; reasons: SnapshotReason[] };
  stage: { value: Stage; label: string; applicable: boolean; reasons: SnapshotReason[] };
  ratings: SnapshotRating[];
  /** Custody per peg, in spec order (empty when the spec declares no peg). */
  pegs: SnapshotPeg[];
  /** All findings, suppressed ones included (marked). */
  findings: SnapshotFinding[];
  /** Unsuppressed findings per severity. */
  counts: Record<Severity, number>;
  suppressedCount: number;
  /** Errors that stop the spec from being read (or that make parts of it unreadable). */
  parseErrors: ParseError[];
  diagram: Diagram;
  /** "What it would take": present when the builder planned improvements (the review worker does). */
  plan?: SnapshotPlan;
  /** The diff against the base revision the client sent (l2spec/baseRevision), when there is one. */
  compare?: SnapshotCompare;
  /** "Who must collude": the trust model per failure (render/collusion.ts); absent without a model. */
  collusion?: SnapshotCollusion;
  /** Set when the server cut the snapshot to its message size limit (server/src/lsp/bounds.ts): what was left out. */
  notice?: string;
}

/** Rule ids whose findings mean the text itself could not be read as a spec. */
const PARSE_RULES = new Set(['L2S-FMT-001', 'L2S-FMT-008']);

/** The eight rating axes in the snapshot's order, with their framework and labels. */
export const RATING_AXES: readonly { axis: keyof Ratings; framework: 'Bitcoin Layers' | 'L2BEAT'; label: string; short: string }[] = [
  { axis: 'custody', framework: 'Bitcoin Layers', label: 'BTC custody', short: 'Custody' },
  { axis: 'dataAvailability', framework: 'Bitcoin Layers', label: 'Data availability', short: 'Data' },
  { axis: 'operators', framework: 'Bitcoin Layers', label: 'Network operators', short: 'Operators' },
  { axis: 'finality', framework: 'Bitcoin Layers', label: 'Finality', short: 'Finality' },
  { axis: 'stateValidation', framework: 'L2BEAT', label: 'State validation', short: 'Validation' },
  { axis: 'exitWindow', framework: 'L2BEAT', label: 'Exit window', short: 'Exit window' },
  { axis: 'sequencerFailure', framework: 'L2BEAT', label: 'Sequencer failure', short: 'Sequencer' },
  { axis: 'proposerFailure', framework: 'L2BEAT', label: 'Proposer failure', short: 'Proposer' },
];

const EMPTY_DIAGRAM: Diagram = { width: 0, height: 0, bands: [], nodes: [], edges: [] };

/** The plan as plain JSON for the snapshot; every sentence normalised like the rest of the snapshot. */
export function snapshotPlan(plan: ImprovementPlan): SnapshotPlan {
  const goals = plan.goals.map((g): SnapshotPlanGoal => {
    const [path, ...alternatives] = g.status === 'found' ? g.paths : [];
    return {
      kind: g.kind, target: g.target,
      targetLabel: g.kind === 'tier' ? TIER_LABEL[g.target as Tier] : STAGE_LABEL[g.target as Stage],
      status: g.status,
      steps: (path?.steps ?? []).map((s) => ({ title: normalise(s.title), edits: s.edits.map((e) => ({ path: e.path, value: e.value, insert: e.insert })), clears: s.clears.map((c) => ({ ruleId: c.ruleId, message: normalise(c.message) })), ...(s.effect ? { effect: normalise(s.effect) } : {}) })),
      ...(path ? { verified: { tier: TIER_LABEL[path.verified.tier], stage: STAGE_LABEL[path.verified.stage] } } : {}),
      alternatives: alternatives.map((a) => normalise(a.steps.map((s) => s.title).join(' + '))),
      blockers: g.blockers.map(normalise),
    };
  });
  return { goals, ...(plan.stageNote ? { stageNote: plan.stageNote } : {}) };
}

export function buildSnapshot(result: AnalysisResult, options: { plan?: ImprovementPlan } = {}): ReviewSnapshot {
  const active = result.findings.filter((f) => !f.suppressed);
  const diagram = result.model
    ? markHiddenInDiagram(layoutDiagram({ model: result.model, assessment: result.assessment, findings: active, rangeOf: (p, k) => result.rangeOf(p, k) }))
    : EMPTY_DIAGRAM;
  const elementFor = (path: string | undefined): string | undefined => (path === undefined || !result.model ? undefined : nodeForPath(diagram.nodes, path)?.id);
  const reasons = (list: readonly Reason[]): SnapshotReason[] =>
    list.map((r) => ({ text: normalise(r.text), path: r.path, ruleId: r.ruleId, elementId: r.path !== undefined ? elementFor(r.path) : undefined }));

  const { assessment } = result;
  const ratings: SnapshotRating[] = RATING_AXES.map(({ axis, framework, label, short }) => {
    const rated = assessment.ratings[axis];
    const bl = framework === 'Bitcoin Layers';
    const cls = bl ? BITCOIN_LAYERS_CLASS[rated.value as keyof typeof BITCOIN_LAYERS_CLASS] : L2BEAT_CLASS[rated.value as keyof typeof L2BEAT_CLASS];
    const valueLabel = bl ? BITCOIN_LAYERS_LABEL[rated.value as keyof typeof BITCOIN_LAYERS_LABEL] : L2BEAT_LABEL[rated.value as keyof typeof L2BEAT_LABEL];
    return {
      axis: axis as BitcoinLayersAxis | L2beatAxis, framework, label, short, value: rated.value,
      valueLabel: valueLabel ?? rated.value, cls: cls ?? 'neutral', score: CLASS_SCORE[cls ?? 'neutral'], reasons: reasons(rated.reasons),
    };
  });

  const pegs: SnapshotPeg[] = (assessment.pegs ?? []).map((p) => {
    const cls = BITCOIN_LAYERS_CLASS[p.value] ?? 'neutral';
    return {
      id: normalise(p.id), asset: p.asset === undefined ? undefined : normalise(p.asset), canonical: p.canonical, value: p.value,
      valueLabel: BITCOIN_LAYERS_LABEL[p.value] ?? p.value, cls, reasons: reasons(p.reasons), elementId: elementFor(p.path),
    };
  });

  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of active) counts[f.severity]++;
  const findings: SnapshotFinding[] = result.findings.map((f, index) => ({
    index, ruleId: f.ruleId, severity: f.severity, message: f.message, range: f.range, path: f.path, axis: f.axis,
    suppressed: f.suppressed ? { kind: f.suppressed.kind, justification: f.suppressed.justification } : undefined,
    elementId: f.suppressed ? undefined : elementFor(f.path),
  }));
  const parseErrors: ParseError[] = findings
    .filter((f) => !f.suppressed && (PARSE_RULES.has(f.ruleId) || (!result.model && f.axis === 'format')))
    .map((f) => ({ index: f.index, ruleId: f.ruleId, message: f.message, range: f.range }));
  if (!result.model && parseErrors.length === 0) {
    parseErrors.push({ index: -1, ruleId: '', message: 'The text could not be read as an l2spec design.', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  }

  const tier = assessment.tier.value;
  const stage = assessment.stage.value;
  return {
    format: 1,
    engineVersion: result.version,
    system: normalise(result.model?.system.name ?? result.system ?? '') || 'Unnamed design',
    parsed: result.model !== undefined,
    tier: { value: tier, label: TIER_LABEL[tier], cls: TIER_CLASS[tier], meaning: TIER_MEANING[tier], reasons: reasons(assessment.tier.reasons) },
    stage: { value: stage, label: STAGE_LABEL[stage], applicable: stage !== 'not-applicable', reasons: reasons(assessment.stage.reasons) },
    ratings,
    pegs,
    findings,
    counts,
    suppressedCount: result.findings.length - active.length,
    parseErrors,
    diagram,
    ...(options.plan ? { plan: snapshotPlan(options.plan) } : {}),
    ...(result.model ? { collusion: snapshotCollusion(result.model, diagram) } : {}),
  };
}

/**
 * Tooltips and accessible names are shown by the webview as text (textContent), outside the
 * element tree that marks its text nodes: mark hidden characters in them here, so a bidi override
 * in a name is visible there too.
 */
function markHiddenInDiagram(diagram: Diagram): Diagram {
  for (const n of diagram.nodes) {
    n.tooltip = visibleLabel(n.tooltip);
    n.ariaLabel = visibleLabel(n.ariaLabel);
  }
  for (const e of diagram.edges) e.tooltip = visibleLabel(e.tooltip);
  for (const b of diagram.bands) {
    b.title = visibleLabel(b.title);
    for (const line of b.titleLines) line.text = visibleLabel(line.text);
  }
  return diagram;
}

/** Every element id → its spec path and range, for mapping webview clicks back to the editor. */
export function elementTable(snapshot: ReviewSnapshot): Map<string, { path: string; range?: Range }> {
  const table = new Map<string, { path: string; range?: Range }>();
  for (const n of snapshot.diagram.nodes) table.set(n.id, { path: n.path, range: n.range });
  for (const e of snapshot.diagram.edges) if (e.path) table.set(e.id, { path: e.path, range: e.range });
  return table;
}
