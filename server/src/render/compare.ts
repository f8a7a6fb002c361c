// The design diff against a base revision as the review snapshot carries it (`compare`): the
// engine's AnalysisDiff with labels for every value, every sentence normalised like the rest of
// the snapshot (spec text is untrusted), and findings referred to by their index in the current
// snapshot's `findings`. Pure: the language server's review worker and the tests call it alike.
import { analyze, DEFAULT_MAX_SIZE } from '../engine/analyze.js';
import { coalitionChangeText, diffAnalyses, type AnalysisDiff, type VerdictChange } from '../engine/review/diff.js';
import type { AnalysisResult, AnalyzeOptions, BitcoinLayersRating, L2beatSentiment } from '../engine/types.js';
import { BITCOIN_LAYERS_LABEL, L2BEAT_LABEL, STAGE_LABEL, TIER_LABEL } from './labels.js';
import { RATING_AXES, type SnapshotCoalitionChange, type SnapshotCompare, type SnapshotFinding, type SnapshotVerdictChange } from './snapshot.js';
import { normalise } from './text.js';

/** Longest base label kept (it names a revision, e.g. `HEAD`; the client sends it). */
export const COMPARE_LABEL_MAX = 60;

/** The base revision's label as shown: normalised, bounded, never empty (`base`). */
export function compareLabel(label: string): string {
  const clean = normalise(String(label ?? ''));
  if (!clean) return 'base';
  return clean.length > COMPARE_LABEL_MAX ? `${clean.slice(0, COMPARE_LABEL_MAX - 1)}…` : clean;
}

function verdict<T extends string>(change: VerdictChange<T>, labels: Partial<Record<string, string>>): SnapshotVerdictChange {
  return {
    old: change.old,
    new: change.new,
    oldLabel: labels[change.old] ?? normalise(change.old),
    newLabel: labels[change.new] ?? normalise(change.new),
    ...(change.direction ? { direction: change.direction } : {}),
    reasonsAdded: change.reasonsAdded.map(normalise),
    reasonsRemoved: change.reasonsRemoved.map(normalise),
  };
}

/**
 * Maps an AnalysisDiff (base → current) to the snapshot's `compare`.
 *
 * - `label`: the base revision's short name (normalised and bounded, see compareLabel).
 * - `findings`: the current snapshot's `findings` (buildSnapshot of the diff's *new* analysis).
 *   Added findings and severity changes are paired to them by rule ID, spec path and message (each
 *   finding used once, suppressed ones never) and reported as their indexes, ascending; a diff
 *   finding with no partner there is left out rather than pointing at the wrong finding.
 * - Ratings come in the snapshot's `ratings` order with the axis label; pegs only when their
 *   custody value changed, or they are new or gone (a peg whose reasons alone changed is not listed).
 *
 * - `coalitions`: each failure whose smallest coalition changed ("steal: 11 → 3 entities"), when any did.
 *
 * Every sentence (reasons, fixed findings' messages and paths, peg ids) goes through `normalise`:
 * hidden characters become visible tokens and line breaks spaces. Total: never throws.
 */
export function snapshotCompare(diff: AnalysisDiff, label: string, findings: readonly SnapshotFinding[]): SnapshotCompare {
  const order = new Map(RATING_AXES.map((a, i) => [a.axis as string, i]));
  const axisLabel = new Map(RATING_AXES.map((a) => [a.axis as string, a.label]));
  const ratings = [...diff.ratings]
    .sort((a, b) => (order.get(a.axis) ?? 99) - (order.get(b.axis) ?? 99))
    .map((r) => ({
      axis: r.axis as SnapshotCompare['ratings'][number]['axis'],
      label: axisLabel.get(r.axis) ?? r.axis,
      ...verdict(r, r.framework === 'Bitcoin Layers' ? BITCOIN_LAYERS_LABEL : L2BEAT_LABEL),
    }));

  const blLabel = (v: BitcoinLayersRating) => BITCOIN_LAYERS_LABEL[v] ?? normalise(v);
  const pegs: SnapshotCompare['pegs'] = diff.pegs
    .filter((p) => p.old === undefined || p.new === undefined || p.old !== p.new)
    .map((p) => ({
      id: normalise(p.id),
      ...(p.old !== undefined ? { oldLabel: blLabel(p.old) } : {}),
      ...(p.new !== undefined ? { newLabel: blLabel(p.new) } : {}),
      ...(p.direction ? { direction: p.direction } : {}),
    }));

  // Active current findings by rule, path and message; each index is handed out once.
  const pool = new Map<string, number[]>();
  const keyOf = (ruleId: string, path: string, message: string) => `${ruleId}\u0000${path}\u0000${message}`;
  for (const f of findings) {
    if (f.suppressed) continue;
    const k = keyOf(f.ruleId, f.path, f.message);
    const list = pool.get(k);
    if (list) list.push(f.index);
    else pool.set(k, [f.index]);
  }
  const take = (ruleId: string, path: string, message: string): number | undefined => pool.get(keyOf(ruleId, path, message))?.shift();

  const newFindings: number[] = [];
  for (const f of diff.findings.added) {
    const index = take(f.ruleId, f.path, f.message);
    if (index !== undefined) newFindings.push(index);
  }
  newFindings.sort((a, b) => a - b);
  const changedSeverity: SnapshotCompare['changedSeverity'] = [];
  for (const c of diff.findings.changedSeverity) {
    const index = take(c.ruleId, c.path, c.message);
    if (index !== undefined) changedSeverity.push({ index, old: c.old, direction: c.direction });
  }
  changedSeverity.sort((a, b) => a.index - b.index);

  // A smaller coalition for any failure is a regression (diff.regressed counts it): "steal: 11 → 3 entities".
  const coalitions = (diff.coalitions ?? []).map((c): SnapshotCoalitionChange => ({
    failure: c.failure,
    ...(c.peg !== undefined ? { peg: normalise(c.peg) } : {}),
    old: c.old, new: c.new, direction: c.direction,
    text: normalise(coalitionChangeText(c)),
  }));

  return {
    label: compareLabel(label),
    changed: diff.changed,
    regressed: diff.regressed,
    ...(diff.tier ? { tier: verdict(diff.tier, TIER_LABEL) } : {}),
    ...(diff.stage ? { stage: verdict(diff.stage, STAGE_LABEL) } : {}),
    ratings,
    pegs,
    newFindings,
    changedSeverity,
    fixedFindings: diff.findings.removed.map((f) => ({
      ruleId: f.ruleId, severity: f.severity, message: normalise(f.message), path: normalise(f.path), ...(f.suppressed ? { suppressed: true } : {}),
    })),
    ...(coalitions.length ? { coalitions } : {}),
  };
}

/** A `compare` that compares nothing: the base could not be used, `reason` says why (one plain sentence). */
export function baseErrorCompare(label: string, reason: string): SnapshotCompare {
  return {
    label: compareLabel(label), baseError: normalise(reason), changed: false, regressed: false,
    ratings: [], pegs: [], newFindings: [], changedSeverity: [], fixedFindings: [],
  };
}

/** The base revision of a document: its label and text (absent when the server did not keep it, with its `size`). */
export interface CompareBase {
  label: string;
  /** The document's text at the base revision. Absent when it was too large to keep. */
  text?: string;
  /** Length of the base text in UTF-16 code units, when `text` is absent. */
  size?: number;
}

export interface CompareOptions extends AnalyzeOptions {
  /**
   * Analyses the base text (default: the engine's `analyze`). The review worker passes a cache,
   * since the base rarely changes while the current text changes with every keystroke.
   */
  analyzeBase?: (text: string, options: AnalyzeOptions) => AnalysisResult;
}

function sizeText(units: number): string {
  if (units >= 1048576) return `${(units / 1048576).toFixed(1)} MiB`;
  if (units >= 1024) return `${Math.round(units / 1024)} KiB`;
  return `${units} characters`;
}

/**
 * Builds `compare` for a snapshot without the language server (the CLI and tests call it too):
 * analyses the base text with the same options as the current text (its `config` and `maxSize`),
 * diffs it against `current` and maps the diff onto `findings` (the snapshot of `current`).
 *
 * Not compared, with `baseError` and empty lists: a base above `options.maxSize` (default
 * DEFAULT_MAX_SIZE, the server passes `l2spec.maxFileSize`) or without its text; a base the engine
 * could not read into a model (not YAML, not a mapping, over the cost budget), with its first
 * format finding. Never throws for any text.
 */
export function buildCompare(base: CompareBase, current: AnalysisResult, findings: readonly SnapshotFinding[], options: CompareOptions = {}): SnapshotCompare {
  const { analyzeBase = analyze, ...analyzeOptions } = options;
  const label = compareLabel(base.label);
  const maxSize = analyzeOptions.maxSize ?? DEFAULT_MAX_SIZE;
  const size = base.text?.length ?? base.size ?? 0;
  if (base.text === undefined || size > maxSize) {
    return baseErrorCompare(label, `The ${label} version is ${sizeText(size)}, above the ${sizeText(maxSize)} limit (l2spec.maxFileSize), so it is not compared.`);
  }
  const baseResult = analyzeBase(base.text, analyzeOptions);
  if (!baseResult.model) {
    const first = baseResult.findings.find((f) => !f.suppressed && f.axis === 'format');
    const why = first ? ` (line ${first.range.start.line + 1}: ${first.message})` : '';
    return baseErrorCompare(label, `The ${label} version could not be read as an l2spec design${why}, so nothing is compared.`);
  }
  return snapshotCompare(diffAnalyses(baseResult, current), label, findings);
}
