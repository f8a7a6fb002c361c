// What changed between two analyses of a design: the tier, the stage, every rating (with the
// reasons that changed), each peg's custody and the findings that are new, gone or changed
// severity. Findings are paired by rule ID and *stable* spec path, never by line: list indexes
// are replaced by the item's id where it has one (`pegs.0.threshold` → `pegs[lbtc].threshold`),
// so moving text around, or reordering pegs and components, is no change.
// Pure: it compares two AnalysisResults and never re-analyses anything.
import type { AnalysisResult, BitcoinLayersRating, Finding, L2beatSentiment, Rated, Ratings, Severity, Stage, Tier } from '../types.js';
import { SEVERITIES } from '../types.js';
import { compareText } from '../collate.js';
import type { SpecModel } from '../model.js';
import { FAILURE_KINDS, type CoalitionVia, type Coalitions, type FailureKind } from '../trust/types.js';
import { compareThresholds, type ThresholdChange } from './thresholds.js';

/** better / worse when the two values are ordered by the frameworks; `changed` when they are not (e.g. to `not-applicable`). */
export type Direction = 'better' | 'worse' | 'changed';

/** A verdict whose value or reasons changed. Reasons are compared as sentences (their paths may move). */
export interface VerdictChange<T extends string> {
  old: T;
  new: T;
  /** Undefined when only the reasons changed. */
  direction?: Direction;
  reasonsAdded: string[];
  reasonsRemoved: string[];
}

export interface RatingChange extends VerdictChange<string> {
  axis: keyof Ratings;
  framework: 'Bitcoin Layers' | 'L2BEAT';
}

export interface PegChange {
  /** The peg's id (pegs are paired by id). */
  id: string;
  /** Undefined when the peg is new. */
  old?: BitcoinLayersRating;
  /** Undefined when the peg was removed. */
  new?: BitcoinLayersRating;
  direction?: Direction;
  reasonsAdded: string[];
  reasonsRemoved: string[];
}

/** A failure whose smallest coalition changed size (entities; null = no coalition can). */
export interface CoalitionChange {
  failure: FailureKind;
  /**
   * Set when the change is in the smallest coalition of one kind (custody keys, an upgrade path…)
   * while the failure's overall smallest did not change the same way: lowering a federation from
   * 11 to 5 signers is a regression even when 2 emergency keys remain the smallest coalition.
   */
  via?: CoalitionVia;
  /** The peg's id, or undefined for the file-wide (canonical peg and system) answer. */
  peg?: string;
  old: number | null;
  new: number | null;
  direction: 'better' | 'worse';
}

/** A finding as the diff reports it: `key` is `ruleId@stablePath`, the pairing key. */
export interface FindingRef {
  key: string;
  ruleId: string;
  severity: Severity;
  /** The stable path (ids instead of list indexes where the item has an id). */
  stablePath: string;
  /** The spec path in the analysis the finding comes from (new one for added, old one for removed). */
  path: string;
  message: string;
  /** 0-based line in the text it comes from. */
  line: number;
}

export interface SeverityChange {
  key: string;
  ruleId: string;
  stablePath: string;
  path: string;
  message: string;
  old: Severity;
  new: Severity;
  direction: 'better' | 'worse';
}

/**
 * The JSON contract of `l2spec diff` (one per pair of files) and of `diffAnalyses`. Every list is
 * empty and `tier`/`stage` are absent when nothing changed (`changed: false`).
 */
export interface AnalysisDiff {
  system: { old?: string; new?: string };
  changed: boolean;
  /** True when the tier, the stage, any rating, any peg's custody or any threshold got worse, or a finding is new or more severe. */
  regressed: boolean;
  tier?: VerdictChange<Tier>;
  stage?: VerdictChange<Stage>;
  /** Only the axes whose value or reasons changed, in the order of `Ratings`. */
  ratings: RatingChange[];
  /** Pegs whose custody rating or reasons changed, that were added or removed. */
  pegs: PegChange[];
  /**
   * Who must collude (engine/trust): failures whose smallest coalition changed, file-wide and per
   * peg (by id). A smaller coalition, or one where there was none, is a regression ("steal: 11 → 3").
   */
  coalitions: CoalitionChange[];
  /**
   * Signing thresholds that changed, in any notation (`m-of-n`, share of stake or voting power),
   * paired by stable path; a `worse` one is a regression even when no rating or finding moved.
   */
  thresholds: ThresholdChange[];
  findings: {
    /** Active (unsuppressed) findings in the new analysis with no partner in the old one. */
    added: FindingRef[];
    /** Active findings of the old analysis with no partner in the new one. `suppressed` when the new text suppresses it. */
    removed: (FindingRef & { suppressed?: boolean })[];
    changedSeverity: SeverityChange[];
  };
}

const TIER_RANK: Record<Tier, number> = { weak: 0, moderate: 1, strong: 2 };
const STAGE_RANK: Record<Stage, number> = { 'not-applicable': 0, 'stage-0': 1, 'stage-1': 2, 'stage-2': 3 };
// docs/assessment.md: "worst" orders low < medium < high < under-review < unverified < very-high.
const BL_BADNESS: Partial<Record<BitcoinLayersRating, number>> = { low: 0, medium: 1, high: 2, 'under-review': 3, unverified: 4, 'very-high': 5 };
const L2B_GOODNESS: Partial<Record<L2beatSentiment, number>> = { bad: 0, warning: 1, good: 2 };
const BL_AXES = ['custody', 'dataAvailability', 'operators', 'finality'] as const;
const L2B_AXES = ['exitWindow', 'stateValidation', 'sequencerFailure', 'proposerFailure'] as const;

export function tierDirection(a: Tier, b: Tier): Direction | undefined {
  return a === b ? undefined : TIER_RANK[b] > TIER_RANK[a] ? 'better' : 'worse';
}

/** Stages order not-applicable (no stage, or L2BEAT's "Others") < stage-0 < stage-1 < stage-2. */
export function stageDirection(a: Stage, b: Stage): Direction | undefined {
  return a === b ? undefined : STAGE_RANK[b] > STAGE_RANK[a] ? 'better' : 'worse';
}

export function blDirection(a: BitcoinLayersRating, b: BitcoinLayersRating): Direction | undefined {
  if (a === b) return undefined;
  const x = BL_BADNESS[a];
  const y = BL_BADNESS[b];
  if (x === undefined || y === undefined) return 'changed';
  return y < x ? 'better' : 'worse';
}

export function l2bDirection(a: L2beatSentiment, b: L2beatSentiment): Direction | undefined {
  if (a === b) return undefined;
  const x = L2B_GOODNESS[a];
  const y = L2B_GOODNESS[b];
  if (x === undefined || y === undefined) return 'changed';
  return y > x ? 'better' : 'worse';
}

/** Sentences in `b` and not in `a`, counting repeats (a multiset difference), in `b`'s order. */
function minus(b: readonly string[], a: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const s of a) left.set(s, (left.get(s) ?? 0) + 1);
  const out: string[] = [];
  for (const s of b) {
    const n = left.get(s) ?? 0;
    if (n > 0) left.set(s, n - 1);
    else out.push(s);
  }
  return out;
}

function verdict<T extends string>(a: Rated<T>, b: Rated<T>, direction: (x: T, y: T) => Direction | undefined): VerdictChange<T> | undefined {
  const oldTexts = a.reasons.map((r) => r.text);
  const newTexts = b.reasons.map((r) => r.text);
  const reasonsAdded = minus(newTexts, oldTexts);
  const reasonsRemoved = minus(oldTexts, newTexts);
  const dir = direction(a.value, b.value);
  if (!dir && reasonsAdded.length === 0 && reasonsRemoved.length === 0) return undefined;
  return { old: a.value, new: b.value, ...(dir ? { direction: dir } : {}), reasonsAdded, reasonsRemoved };
}

/**
 * Maps a spec path to its stable form: `components.<i>`, `pegs.<i>` and
 * `governance.upgradePaths.<i>` become `components[<id>]`… when the item has an id, so the same
 * fact keeps its key when items are reordered. Other indexes stay as they are.
 */
export function stablePathFn(model: SpecModel | undefined): (path: string) => string {
  const ids = new Map<string, string>();
  if (model) {
    for (const c of model.components) if (/^components\.\d+$/.test(c.path)) ids.set(c.path, `components[${c.id}]`);
    for (const p of model.pegs) if (/^pegs\.\d+$/.test(p.path)) ids.set(p.path, `pegs[${p.id}]`);
    for (const u of model.governance?.upgradePaths ?? []) if (u.id && /^governance\.upgradePaths\.\d+$/.test(u.path)) ids.set(u.path, `governance.upgradePaths[${u.id}]`);
  }
  return (path) => {
    if (ids.size === 0) return path;
    const m = /^(components\.\d+|pegs\.\d+|governance\.upgradePaths\.\d+)(\..*)?$/.exec(path);
    const id = m && ids.get(m[1]!);
    return id ? id + (m![2] ?? '') : path;
  };
}

function refs(result: AnalysisResult): { active: FindingRef[]; suppressed: Set<string> } {
  const stable = stablePathFn(result.model);
  const active: FindingRef[] = [];
  const suppressed = new Set<string>();
  for (const f of result.findings) {
    const stablePath = stable(f.path);
    const key = `${f.ruleId}@${stablePath}`;
    if (f.suppressed) suppressed.add(key);
    else active.push(toRef(f, key, stablePath));
  }
  return { active, suppressed };
}

function toRef(f: Finding, key: string, stablePath: string): FindingRef {
  return { key, ruleId: f.ruleId, severity: f.severity, stablePath, path: f.path, message: f.message, line: f.range.start.line };
}

/**
 * Compares two analyses of (versions of) one design. Total: never throws; results without a
 * model (unparsable text) compare by their findings and default assessments like any other.
 * Symmetric: `diffAnalyses(b, a)` is `diffAnalyses(a, b)` with old and new swapped, added and
 * removed swapped and every direction reversed.
 */
export function diffAnalyses(oldResult: AnalysisResult, newResult: AnalysisResult): AnalysisDiff {
  const a = oldResult.assessment;
  const b = newResult.assessment;
  const tier = verdict(a.tier, b.tier, tierDirection);
  const stage = verdict(a.stage, b.stage, stageDirection);
  const ratings: RatingChange[] = [];
  for (const axis of BL_AXES) {
    const c = verdict(a.ratings[axis], b.ratings[axis], blDirection);
    if (c) ratings.push({ axis, framework: 'Bitcoin Layers', ...c });
  }
  for (const axis of L2B_AXES) {
    const c = verdict(a.ratings[axis], b.ratings[axis], l2bDirection);
    if (c) ratings.push({ axis, framework: 'L2BEAT', ...c });
  }

  const pegs: PegChange[] = [];
  const oldPegs = new Map((a.pegs ?? []).map((p) => [p.id, p]));
  const newPegs = new Map((b.pegs ?? []).map((p) => [p.id, p]));
  for (const id of [...oldPegs.keys(), ...[...newPegs.keys()].filter((k) => !oldPegs.has(k))]) {
    const o = oldPegs.get(id);
    const n = newPegs.get(id);
    if (o && n) {
      const c = verdict(o, n, blDirection);
      if (c) pegs.push({ id, ...c });
    } else if (o) {
      pegs.push({ id, old: o.value, reasonsAdded: [], reasonsRemoved: o.reasons.map((r) => r.text) });
    } else if (n) {
      pegs.push({ id, new: n.value, reasonsAdded: n.reasons.map((r) => r.text), reasonsRemoved: [] });
    }
  }

  // Findings: pair by key; within a key, pair equal messages first, then any (a rule may report
  // twice at one path, e.g. when both fall back to the same parent).
  const before = refs(oldResult);
  const after = refs(newResult);
  const byKey = (list: FindingRef[]) => {
    const m = new Map<string, FindingRef[]>();
    for (const f of list) m.set(f.key, [...(m.get(f.key) ?? []), f]);
    return m;
  };
  const oldByKey = byKey(before.active);
  const newByKey = byKey(after.active);
  const added: FindingRef[] = [];
  const removed: (FindingRef & { suppressed?: boolean })[] = [];
  const changedSeverity: SeverityChange[] = [];
  for (const key of new Set([...oldByKey.keys(), ...newByKey.keys()])) {
    const olds = [...(oldByKey.get(key) ?? [])];
    const news = [...(newByKey.get(key) ?? [])];
    const pairs: [FindingRef, FindingRef][] = [];
    for (const match of [(x: FindingRef, y: FindingRef) => x.message === y.message && x.severity === y.severity, (x: FindingRef, y: FindingRef) => x.severity === y.severity, () => true]) {
      for (let i = 0; i < olds.length; ) {
        const j = news.findIndex((n) => match(olds[i]!, n));
        if (j >= 0) {
          pairs.push([olds[i]!, news[j]!]);
          olds.splice(i, 1);
          news.splice(j, 1);
        } else i++;
      }
    }
    for (const [o, n] of pairs) {
      if (o.severity !== n.severity) {
        changedSeverity.push({
          key, ruleId: n.ruleId, stablePath: n.stablePath, path: n.path, message: n.message, old: o.severity, new: n.severity,
          direction: SEVERITIES.indexOf(n.severity) < SEVERITIES.indexOf(o.severity) ? 'worse' : 'better',
        });
      }
    }
    added.push(...news);
    removed.push(...olds.map((o) => (after.suppressed.has(key) ? { ...o, suppressed: true } : o)));
  }
  const order = (x: FindingRef, y: FindingRef) => SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity) || compareText(x.key, y.key) || compareText(x.message, y.message);
  added.sort(order);
  removed.sort(order);
  changedSeverity.sort((x, y) => compareText(x.key, y.key));

  const coalitions = coalitionChanges(oldResult, newResult);
  const thresholds = compareThresholds(oldResult.model, newResult.model, stablePathFn(oldResult.model), stablePathFn(newResult.model));

  const worse = (d?: Direction) => d === 'worse';
  const regressed = worse(tier?.direction) || worse(stage?.direction) || ratings.some((r) => worse(r.direction)) ||
    pegs.some((p) => worse(p.direction)) || coalitions.some((c) => worse(c.direction)) || thresholds.some((t) => worse(t.direction)) ||
    added.length > 0 || changedSeverity.some((c) => c.direction === 'worse');
  const changed = Boolean(tier || stage || ratings.length || pegs.length || coalitions.length || thresholds.length || added.length || removed.length || changedSeverity.length);
  return {
    system: { ...(oldResult.system !== undefined ? { old: oldResult.system } : {}), ...(newResult.system !== undefined ? { new: newResult.system } : {}) },
    changed,
    regressed,
    ...(tier ? { tier } : {}),
    ...(stage ? { stage } : {}),
    ratings,
    pegs,
    coalitions,
    thresholds,
    findings: { added, removed, changedSeverity },
  };
}

/**
 * The smallest coalitions compared, file-wide then per peg present in both (by id). Fewer entities,
 * or a coalition where none existed, is `worse`; a peg added or removed is judged by its custody.
 */
export function coalitionChanges(oldResult: AnalysisResult, newResult: AnalysisResult): CoalitionChange[] {
  const out: CoalitionChange[] = [];
  const compare = (a: Coalitions | undefined, b: Coalitions | undefined, peg?: string) => {
    if (!a || !b) return;
    const push = (failure: FailureKind, o: number | null, n: number | null, via?: CoalitionVia) => {
      const worse = n !== null && (o === null || n < o);
      out.push({ failure, ...(via ? { via } : {}), ...(peg !== undefined ? { peg } : {}), old: o, new: n, direction: worse ? 'worse' : 'better' });
    };
    for (const failure of FAILURE_KINDS) {
      const o = a[failure].minEntities;
      const n = b[failure].minEntities;
      if (o !== n) push(failure, o, n);
      const oldVia = a[failure].byVia ?? {};
      const newVia = b[failure].byVia ?? {};
      for (const via of new Set([...Object.keys(oldVia), ...Object.keys(newVia)]) as Set<CoalitionVia>) {
        const ov = oldVia[via] ?? null;
        const nv = newVia[via] ?? null;
        if (ov === nv || (ov === o && nv === n)) continue; // no change, or the overall line already says it
        push(failure, ov, nv, via);
      }
    }
  };
  compare(oldResult.assessment.coalitions, newResult.assessment.coalitions);
  const oldPegs = new Map((oldResult.assessment.pegs ?? []).map((p) => [p.id, p]));
  for (const p of newResult.assessment.pegs ?? []) {
    const o = oldPegs.get(p.id);
    if (o && !(p.canonical && o.canonical)) compare(o.coalitions, p.coalitions, p.id);
  }
  return out;
}

/** "steal: 11 → 3 entities" (or "none" where no coalition can), with the peg when it is not the file-wide answer. */
export function coalitionChangeText(c: CoalitionChange): string {
  const w = (n: number | null) => (n === null ? 'none' : String(n));
  return `${c.failure}${c.via ? ` via ${c.via}` : ''}${c.peg !== undefined ? ` (peg ${c.peg})` : ''}: ${w(c.old)} → ${w(c.new)} entities`;
}

/**
 * Regressions as short sentences, for exit codes and summaries: the tier, stage, ratings, pegs or
 * thresholds that got worse, and new or more severe findings at or above `failOn` (every one when undefined,
 * none with `never`).
 */
export function regressions(diff: AnalysisDiff, failOn?: Severity | 'never'): string[] {
  const out: string[] = [];
  const atOrAbove = (s: Severity) => failOn === undefined || (failOn !== 'never' && SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(failOn));
  if (diff.tier?.direction === 'worse') out.push(`tier ${diff.tier.old} → ${diff.tier.new}`);
  if (diff.stage?.direction === 'worse') out.push(`stage ${diff.stage.old} → ${diff.stage.new}`);
  for (const r of diff.ratings) if (r.direction === 'worse') out.push(`${r.axis} ${r.old} → ${r.new}`);
  for (const p of diff.pegs) if (p.direction === 'worse') out.push(`peg ${p.id} custody ${p.old} → ${p.new}`);
  for (const c of diff.coalitions ?? []) if (c.direction === 'worse') out.push(coalitionChangeText(c));
  for (const t of diff.thresholds) if (t.direction === 'worse') out.push(`weaker threshold at ${t.stablePath}: ${t.old} → ${t.new ?? '(none)'}`);
  for (const f of diff.findings.added) if (atOrAbove(f.severity)) out.push(`new ${f.severity} finding ${f.ruleId} at ${f.stablePath}`);
  for (const c of diff.findings.changedSeverity) if (c.direction === 'worse' && atOrAbove(c.new)) out.push(`${c.ruleId} at ${c.stablePath} ${c.old} → ${c.new}`);
  return out;
}
