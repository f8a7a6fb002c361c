// The path to a better tier and stage: the smallest sets of changes to declared facts that raise
// the security tier (weak → moderate → strong) and the L2BEAT stage. Every set reported was
// applied to the text and re-analysed; nothing is predicted. The search:
//   1. candidates come from the rules' fixes and remediations and the rating tables (levers.ts);
//   2. each candidate is tried alone on the spec: which goal blockers it clears (the tier's caps
//      below the goal, the base tier, the stage's missing requirements);
//   3. greedy: add the candidate that helps most per unit of effort, re-analyse, repeat until the
//      goal is reached or nothing helps;
//   4. prune: drop every change the goal does not need (re-analysed each time), so the set is
//      irreducible; single changes that reach the goal on their own are listed as alternatives.
// The number of re-analyses is bounded (`maxAnalyses`); goals the bound cuts off say so.
import { createAnalyzer, type Analyzer, type AnalyzerTuning } from '../analyze.js';
import type { AnalysisResult, AnalyzeOptions, Stage, Tier } from '../types.js';
import { isRollupLike } from '../rules/support.js';
import { compareText } from '../collate.js';
import { applyEdits, type SpecEdit } from './edit.js';
import { candidateChanges, CHANGE_COST, type Change } from './levers.js';
import { stablePathFn } from './diff.js';
import { coalitionEffect, tierBlockers, tierScore } from './goals.js';

const TIERS: readonly Tier[] = ['weak', 'moderate', 'strong'];
const STAGES: readonly Stage[] = ['not-applicable', 'stage-0', 'stage-1', 'stage-2'];

/**
 * Re-analyses allowed to callers that also bound the search by wall-clock time (`l2spec check`,
 * the editor's settling build): enough to settle every goal of the examples (the weak multisig
 * bridge needs about 140), while `budgetMs` keeps the time in hand.
 */
export const THOROUGH_MAX_ANALYSES = 256;

/**
 * How the search's analyzer parses: in fragments whatever the size, since each variant it
 * re-analyses differs from the spec in a section or two (a small spec's re-analysis then re-parses
 * one section, not the whole text), and keeping the fragments of earlier variants (up to 256 KiB of
 * their text), since the sets of changes tried combine the same few changes again and again.
 * Callers that pass their own `analyzer` create it with this.
 */
export const PLAN_ANALYZER: AnalyzerTuning = { minFragmentLength: 0, keepFragmentChars: 256 * 1024 };

export interface PlanOptions extends AnalyzeOptions {
  /** Most re-analyses for the whole plan (default 64). */
  maxAnalyses?: number;
  /** Longest set of changes the greedy step builds (default 10). */
  maxChanges?: number;
  /**
   * Wall-clock budget in milliseconds for interactive callers (the editor): goals not settled
   * when it runs out are `cut-off`. Without it the plan is deterministic (bounded by maxAnalyses only).
   */
  budgetMs?: number;
  /**
   * Absolute deadline (a time on the `now` clock, ms) shared with other work: a caller that plans
   * several specs passes the end of its whole budget here, and the plan stops at whichever of this
   * and `budgetMs` comes first.
   */
  deadline?: number;
  /**
   * The clock of `budgetMs` and `deadline`, in ms (default `performance.now`). The CLI passes
   * `process.hrtime`'s: Node loads its performance module (~0.5 ms) on first use of `performance`.
   */
  now?: () => number;
  /**
   * The analyzer that produced `base` (its fragment cache holds the parse of `text`): re-analyses
   * then re-parse only the fragment an edit touched. Without it the first re-analysis parses the
   * whole text again. The plan leaves the analyzer's cache on a variant of `text`.
   */
  analyzer?: Analyzer;
  /**
   * How long the analysis of `base` took, in ms: the estimate of the first re-analysis, so a spec
   * whose one analysis would overrun the deadline is not started (see the deadline in the search).
   */
  baseMs?: number;
}

/** A finding a change clears: it is active before and gone after (paired by rule and stable path). */
export interface ClearedFinding {
  ruleId: string;
  path: string;
  message: string;
}

export interface PlanStep {
  title: string;
  kind: Change['kind'];
  source: Change['source'];
  /** Concrete edits: set the value at each spec path (inserting the key when it is missing). */
  edits: (SpecEdit & { insert: boolean })[];
  /** Findings this change clears when applied on its own to the current spec. */
  clears: ClearedFinding[];
  /** What the change does on its own to who must collude ("stealing needs 8 entities (was 3)"); goals.ts. */
  effect?: string;
}

export interface PlanPath {
  steps: PlanStep[];
  /** What re-analysing the spec with every step applied gives. */
  verified: { tier: Tier; stage: Stage };
  /** Findings the whole set clears, and findings it adds (a stricter fact can raise a new question). */
  clears: ClearedFinding[];
  introduces: ClearedFinding[];
}

export interface PlanGoal {
  kind: 'tier' | 'stage';
  target: Tier | Stage;
  /**
   * `found`: `paths[0]` is an irreducible verified set (others are alternatives of one change);
   * `none`: no combination of the changes l2spec knows reaches it — `blockers` says what stands in
   * the way, and nothing within the format lifts it; `cut-off`: the analysis bound ran out first.
   */
  status: 'found' | 'none' | 'cut-off';
  paths: PlanPath[];
  /** For `none` / `cut-off`: what still stands in the way at the best point reached. */
  blockers: string[];
}

export interface ImprovementPlan {
  current: { tier: Tier; stage: Stage };
  /** One goal per tier above the current one, and per stage above it for rollup-style designs. */
  goals: PlanGoal[];
  /** Why stages are not planned (the design is not rollup-style). */
  stageNote?: string;
  /**
   * `cutOff`: a bound ran out before every goal was settled; `bound` says which one: the number of
   * re-analyses or the time (budgetMs / deadline).
   */
  search: { candidates: number; analyses: number; maxAnalyses: number; cutOff: boolean; bound?: 'analyses' | 'time' };
}

interface Evaluated {
  /** The analysis of the changed text, without its parse (`source`). */
  result: AnalysisResult;
  ok: boolean;
}

interface Goal {
  kind: 'tier' | 'stage';
  target: Tier | Stage;
}

/** What stands between an analysis and a goal, as stable sentences. Empty when the goal is met. */
export function blockers(result: AnalysisResult, goal: Goal): string[] {
  const a = result.assessment;
  if (goal.kind === 'tier') {
    if (TIERS.indexOf(a.tier.value) >= TIERS.indexOf(goal.target as Tier)) return [];
    const out = tierBlockers(result, goal.target as Tier).map((b) => b.text).filter(Boolean);
    return out.length ? out : [`The tier is ${a.tier.value}.`];
  }
  const want = STAGES.indexOf(goal.target as Stage);
  const have = STAGES.indexOf(a.stage.value);
  if (have >= want) return [];
  // The stage's reasons after the first are the next stage's missing requirements; each stage
  // still to climb after that counts as one more blocker.
  const missing = a.stage.reasons.slice(1).map((r) => r.text);
  for (let s = have + 2; s <= want; s++) missing.push(`(then the ${STAGES[s]} requirements)`);
  return missing;
}

/**
 * Whether a candidate is about a fact behind the goal's blockers: one of its edit paths and one
 * path named by the blockers, by the worst-rated axes' reasons and missing facts, or by a critical
 * finding, lie on one line of descent (`exits` and `exits.forcedInclusion.mode`) or share their
 * first two segments (`components.4.external` and `components.4.threshold`). A blocker without a
 * path makes every candidate relevant.
 */
function relevance(result: AnalysisResult, goal: Goal): (c: Change) => boolean {
  const a = result.assessment;
  const paths: (string | undefined)[] = [];
  // The tier reads only the trust model: its blockers name every fact behind it (goals.ts).
  if (goal.kind === 'tier') paths.push(...tierBlockers(result, goal.target as Tier).map((b) => b.path));
  else paths.push(...a.stage.reasons.slice(1).map((r) => r.path));
  if (goal.kind === 'stage') for (const r of [...Object.values(a.ratings), ...(a.pegs ?? [])] as { value: string; reasons: { path?: string }[]; missing?: { path: string }[] }[]) {
    if (r.value !== 'very-high' && r.value !== 'unverified' && r.value !== 'bad') continue;
    for (const x of r.reasons) if (x.path) paths.push(x.path);
    for (const m of r.missing ?? []) paths.push(m.path);
  }
  if (goal.kind === 'stage') for (const f of result.findings) if (f.severity === 'critical' && !f.suppressed) paths.push(f.path, ...(f.related ?? []).map((x) => x.path));
  if (paths.some((p) => p === undefined || p === '')) return () => true;
  const known = paths as string[];
  const two = (p: string) => p.split('.').slice(0, 2).join('.');
  // Each known path's first two segments once, not once per candidate edit.
  const knownTwo = known.map(two);
  const related = (p: string, pTwo: string, i: number) => {
    const q = known[i]!;
    return p === q || p.startsWith(`${q}.`) || q.startsWith(`${p}.`) || pTwo === knownTwo[i];
  };
  return (c) => c.edits.some((e) => {
    const eTwo = two(e.path);
    return known.some((_, i) => related(e.path, eTwo, i));
  });
}

function score(result: AnalysisResult, goal: Goal): number {
  if (goal.kind === 'tier') return tierScore(result, goal.target as Tier);
  return STAGES.indexOf(result.assessment.stage.value) * 1000 - blockers(result, goal).length;
}

/** Ratings as values and reason sentences: two results with the same signature rate alike. */
function signature(result: AnalysisResult): string {
  const a = result.assessment;
  return JSON.stringify([a.tier.reasons.map((r) => r.text), a.stage.reasons.map((r) => r.text), (Object.values(a.ratings) as { value: string; reasons: { text: string }[] }[]).map((r) => [r.value, r.reasons.map((x) => x.text)]), (a.pegs ?? []).map((p) => p.value)]);
}

function met(result: AnalysisResult, goal: Goal): boolean {
  return goal.kind === 'tier'
    ? TIERS.indexOf(result.assessment.tier.value) >= TIERS.indexOf(goal.target as Tier)
    : STAGES.indexOf(result.assessment.stage.value) >= STAGES.indexOf(goal.target as Stage);
}

function findingKeys(result: AnalysisResult): Map<string, ClearedFinding> {
  const stable = stablePathFn(result.model);
  const out = new Map<string, ClearedFinding>();
  for (const f of result.findings) {
    if (f.suppressed) continue;
    const key = `${f.ruleId}@${stable(f.path)}`;
    if (!out.has(key)) out.set(key, { ruleId: f.ruleId, path: f.path, message: f.message });
  }
  return out;
}

function formatCount(result: AnalysisResult): number {
  return result.findings.filter((f) => f.axis === 'format' && !f.suppressed).length;
}

/**
 * Plans the path from the spec `text` to each better tier and stage. Pure and deterministic: the
 * same text and options give the same plan. `base`, when given, must be `analyze(text, options)`.
 * Never throws; a text without a model gets a plan with no goals.
 */
export function planImprovements(text: string, options: PlanOptions = {}, base?: AnalysisResult): ImprovementPlan {
  const maxAnalyses = options.maxAnalyses ?? 64;
  const maxChanges = options.maxChanges ?? 10;
  // Fragments at any size: the search re-analyses many variants of one text, each differing in one or two sections.
  const analyzer = options.analyzer ?? createAnalyzer(PLAN_ANALYZER);
  const analyzeOptions: AnalyzeOptions = { config: options.config, maxSize: options.maxSize };
  // performance.now exists in Node and in browsers alike (no import: the engine stays pure).
  const now = options.now ?? (() => globalThis.performance.now());
  const started = now();
  const deadline = Math.min(options.budgetMs !== undefined ? started + options.budgetMs : Infinity, options.deadline ?? Infinity);
  const timed = deadline !== Infinity;
  // The caller's analysis of this text is the starting point (positions for the edits included);
  // the analyzer's fragment cache fills on the first re-analysis.
  const root = base ?? analyzer.analyze(text, analyzeOptions);
  /**
   * What the next step (applying a set of changes and re-analysing) is expected to take, in ms: a
   * step is started only when one that long still ends before the deadline, so the deadline holds
   * within one step's error even on a spec whose analysis takes seconds (issue 22, item 7). The
   * larger of the mean and the last step; before any, half the base analysis (measured here, or
   * `baseMs`): a re-analysis re-parses one fragment, but runs every check on the whole model again
   * (about a quarter of a whole analysis on generated 5k-line specs; half leaves a margin).
   */
  const seedMs = (base ? (options.baseMs ?? 0) : now() - started) / 2;
  let stepsMs = 0;
  let lastStepMs = 0;
  const estimate = () => (analyses === 0 ? seedMs : Math.max(stepsMs / analyses, lastStepMs));
  const start = root;
  const current = { tier: start.assessment.tier.value, stage: start.assessment.stage.value };
  const candidates = candidateChanges(root);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const rootFormat = formatCount(root);
  const rootFindings = findingKeys(root);
  let analyses = 0;
  let outOfBudget: false | 'analyses' | 'time' = false;
  const cache = new Map<string, Evaluated | undefined>();

  /** Applies a set of changes (by id) to the original text and re-analyses; undefined past the bound. */
  const evaluate = (ids: readonly string[]): Evaluated | undefined => {
    const key = [...ids].sort().join('|');
    if (cache.has(key)) return cache.get(key);
    if (ids.length === 0) return { result: root, ok: true };
    const edits = ids.flatMap((id) => byId.get(id)!.edits);
    const paths = new Set(edits.map((e) => e.path));
    if (paths.size !== edits.length) {
      cache.set(key, undefined);
      return undefined;
    }
    const t0 = now();
    if (timed && t0 + estimate() > deadline) {
      outOfBudget = 'time';
      return undefined;
    }
    const changed = applyEdits(text, root, edits);
    if (changed === undefined) {
      cache.set(key, undefined);
      return undefined;
    }
    if (analyses >= maxAnalyses) {
      outOfBudget = 'analyses';
      return undefined;
    }
    analyses++;
    // Kept for the rest of the search: without its parse (the text and every position), which
    // nothing here reads, so dozens of kept results do not fill the heap (and the collector's time).
    const { source: _source, rangeOf: _rangeOf, ...kept } = analyzer.analyze(changed, analyzeOptions);
    const result: AnalysisResult = { ...kept, rangeOf: () => undefined };
    const took = now() - t0;
    stepsMs += took;
    lastStepMs = took;
    // An edit that made the spec unreadable somewhere is not a change to a declared fact.
    const evaluated = { result, ok: formatCount(result) <= rootFormat };
    cache.set(key, evaluated);
    return evaluated;
  };

  // Nearest goals first (next tier, next stage, then the ones after), so a bound that runs out
  // cuts off the furthest goals, not the most useful ones.
  const tierGoals: Goal[] = [];
  for (let i = TIERS.indexOf(current.tier) + 1; i < TIERS.length; i++) tierGoals.push({ kind: 'tier', target: TIERS[i]! });
  const rollup = root.model ? isRollupLike(root.model) : false;
  const stageGoals: Goal[] = [];
  if (rollup) for (let i = STAGES.indexOf(current.stage) + 1; i < STAGES.length; i++) stageGoals.push({ kind: 'stage', target: STAGES[i]! });
  const goals: Goal[] = [];
  for (let i = 0; i < Math.max(tierGoals.length, stageGoals.length); i++) goals.push(...(tierGoals[i] ? [tierGoals[i]!] : []), ...(stageGoals[i] ? [stageGoals[i]!] : []));

  const compatible = (ids: readonly string[], id: string) => {
    const paths = new Set(ids.flatMap((x) => byId.get(x)!.edits.map((e) => e.path)));
    return byId.get(id)!.edits.every((e) => !paths.has(e.path));
  };
  const cost = (ids: readonly string[]) => ids.reduce((s, id) => s + CHANGE_COST[byId.get(id)!.kind], 0);
  const planned: PlanGoal[] = [];
  let seedByKind: Record<'tier' | 'stage', string[]> = { tier: [], stage: [] };
  let cutOff = false;

  // Signatures and scores of one result are read again and again (each goal, each greedy step).
  const signatures = new Map<AnalysisResult, string>();
  const signatureOf = (r: AnalysisResult) => {
    let sig = signatures.get(r);
    if (sig === undefined) signatures.set(r, (sig = signature(r)));
    return sig;
  };
  for (const goal of goals) {
    if (!root.model) break;
    const scores = new Map<AnalysisResult, number>();
    const scoreOf = (r: AnalysisResult) => {
      let sc = scores.get(r);
      if (sc === undefined) scores.set(r, (sc = score(r, goal)));
      return sc;
    };
    // Step 2: every candidate alone (shared between goals through the cache).
    const singles: { id: string; gain: number; reaches: boolean; touches: boolean }[] = [];
    const baseScore = scoreOf(root);
    const rootSignature = signatureOf(root);
    const near = relevance(root, goal);
    for (const c of candidates) {
      // Candidates about none of the facts behind the blockers are tried later, only if needed.
      if (!near(c)) continue;
      const e = evaluate([c.id]);
      if (!e) {
        if (outOfBudget) cutOff = true;
        continue;
      }
      if (!e.ok) continue;
      const gain = scoreOf(e.result) - baseScore;
      singles.push({ id: c.id, gain, reaches: met(e.result, goal), touches: signatureOf(e.result) !== rootSignature });
    }
    const reachAlone = singles.filter((s) => s.reaches).sort((x, y) => cost([x.id]) - cost([y.id]) || compareText(x.id, y.id));

    let found: string[] | undefined = reachAlone[0] ? [reachAlone[0].id] : undefined;
    let best: { ids: string[]; result: AnalysisResult } = { ids: [], result: root };
    if (!found) {
      // Step 3: greedy from the previous goal's set of the same kind (a path to strong usually
      // passes through moderate's); pruning below removes what this goal does not need.
      let ids = seedByKind[goal.kind].filter((id) => byId.has(id));
      let cur = evaluate(ids);
      if (!cur || !cur.ok) {
        ids = [];
        cur = evaluate([])!;
      }
      best = { ids, result: cur.result };
      const helpful = singles.filter((s) => s.gain > 0).sort((x, y) => y.gain / cost([y.id]) - x.gain / cost([x.id]) || compareText(x.id, y.id));
      while (!met(best.result, goal) && best.ids.length < maxChanges) {
        let next: { ids: string[]; result: AnalysisResult; s: number } | undefined;
        const curScore = scoreOf(best.result);
        // Try the most promising few; a candidate's gain alone is only an estimate of its gain here.
        let tried = 0;
        for (const s of helpful) {
          if (best.ids.includes(s.id)) continue;
          if (tried >= 3) break;
          // A change that sets a path the set already sets replaces that change (direct for anchored).
          const e = evaluate([...best.ids.filter((id) => compatible([id], s.id)), s.id]);
          if (!e) {
            if (outOfBudget) cutOff = true;
            continue;
          }
          tried++;
          if (!e.ok) continue;
          const sc = scoreOf(e.result);
          if (sc > curScore && (!next || sc > next.s)) next = { ids: [...best.ids.filter((id) => compatible([id], s.id)), s.id], result: e.result, s: sc };
          if (met(e.result, goal)) break;
        }
        if (!next) {
          // The estimates from the spec as it is miss requirements that only show once others are
          // met (Stage 2's after Stage 1's): try the rest on top of the current set, cheapest first.
          const untried = candidates.filter((c) => !singles.some((x) => x.id === c.id)).map((c) => ({ id: c.id, gain: 0, reaches: false, touches: false }));
          for (const s of [...singles, ...untried].sort((x, y) => cost([x.id]) - cost([y.id]) || compareText(x.id, y.id))) {
            if (best.ids.includes(s.id) || helpful.slice(0, 3).some((h) => h.id === s.id)) continue;
            const ids = [...best.ids.filter((id) => compatible([id], s.id)), s.id];
            const e = evaluate(ids);
            if (!e) {
              if (outOfBudget) { cutOff = true; break; }
              continue;
            }
            if (e.ok && scoreOf(e.result) > curScore) {
              next = { ids, result: e.result, s: scoreOf(e.result) };
              break;
            }
          }
        }
        if (!next) {
          // No single step helps: requirements that only count together (a set disclosed *and*
          // external *and* a long upgrade delay). Add every change that moves some rating at
          // once; pruning removes the ones the goal does not need.
          const bulk = [...best.ids];
          for (const s of singles) if (s.touches && !bulk.includes(s.id) && compatible(bulk, s.id)) bulk.push(s.id);
          const e = bulk.length > best.ids.length ? evaluate(bulk) : undefined;
          if (e && e.ok && scoreOf(e.result) > curScore) next = { ids: bulk, result: e.result, s: scoreOf(e.result) };
        }
        if (!next) break;
        best = { ids: next.ids, result: next.result };
      }
      if (met(best.result, goal)) found = best.ids;
    }

    if (found) {
      // Step 4: drop what the goal does not need, most effortful first.
      let ids = [...found];
      for (const id of [...ids].sort((x, y) => cost([y]) - cost([x]) || compareText(y, x))) {
        if (ids.length === 1) break;
        const without = ids.filter((x) => x !== id);
        const e = evaluate(without);
        if (e && e.ok && met(e.result, goal)) ids = without;
      }
      seedByKind = { ...seedByKind, [goal.kind]: ids };
      const paths = [toPath(ids)];
      for (const alt of reachAlone.slice(ids.length === 1 ? 1 : 0, 3)) if (!ids.includes(alt.id)) paths.push(toPath([alt.id]));
      planned.push({ kind: goal.kind, target: goal.target, status: 'found', paths, blockers: [] });
    } else {
      planned.push({ kind: goal.kind, target: goal.target, status: cutOff || outOfBudget ? 'cut-off' : 'none', paths: [], blockers: blockers(best.result, goal) });
    }
  }

  function toPath(ids: readonly string[]): PlanPath {
    const ordered = [...ids].sort((x, y) => cost([x]) - cost([y]) || compareText(x, y));
    const all = evaluate(ordered)!;
    const after = findingKeys(all.result);
    const steps = ordered.map((id): PlanStep => {
      const c = byId.get(id)!;
      const alone = evaluate([id]);
      const aloneKeys = alone ? findingKeys(alone.result) : rootFindings;
      const effect = alone && coalitionEffect(root, alone.result);
      return {
        title: c.title, kind: c.kind, source: c.source,
        ...(effect ? { effect } : {}),
        edits: c.edits.map((e) => ({ ...e, insert: root.rangeOf(e.path) === undefined })),
        clears: [...rootFindings].filter(([k]) => !aloneKeys.has(k)).map(([, f]) => f),
      };
    });
    return {
      steps,
      verified: { tier: all.result.assessment.tier.value, stage: all.result.assessment.stage.value },
      clears: [...rootFindings].filter(([k]) => !after.has(k)).map(([, f]) => f),
      introduces: [...after].filter(([k]) => !rootFindings.has(k)).map(([, f]) => f),
    };
  }

  return {
    current,
    goals: planned,
    ...(root.model && !rollup ? { stageNote: 'L2BEAT stages apply to rollup-style designs only; this design is not one, so no stage is planned.' } : {}),
    search: { candidates: candidates.length, analyses, maxAnalyses, cutOff: outOfBudget !== false, ...(outOfBudget ? { bound: outOfBudget } : {}) },
  };
}

/** Applies every step of a plan path to the text (as `planImprovements` verified it). */
export function applyPath(text: string, base: AnalysisResult, path: PlanPath): string | undefined {
  return applyEdits(text, base, path.steps.flatMap((s) => s.edits.map(({ path: p, value }) => ({ path: p, value }))));
}
