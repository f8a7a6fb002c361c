// The path to a better tier and stage in `l2spec check` output (text and JSON).
import { createAnalyzer, planImprovements, PLAN_ANALYZER, THOROUGH_MAX_ANALYSES, type AnalysisResult, type Analyzer, type ImprovementPlan, type L2specConfig } from '../engine/index.js';

/**
 * Time bound per spec for the search in `check`, in milliseconds: the re-analysis bound alone
 * would let a huge spec (seconds per analysis) hold CI for minutes; goals left open are reported
 * as cut off.
 */
export const CHECK_PLAN_BUDGET_MS = 2000;
/**
 * Time bound for the searches of one whole `check` run, in milliseconds: checking many specs
 * must not cost one full search each (issue 22, item 7). Each spec gets at most
 * CHECK_PLAN_BUDGET_MS and at most an equal share of what is left of this, so a run of 20 large
 * specs spends about this long on plans however long each one's search would take.
 */
export const CHECK_RUN_PLAN_BUDGET_MS = 10_000;

/**
 * Milliseconds on a monotonic clock, for the CLI's time budgets: `process.hrtime`, since the first
 * use of `performance` makes Node load its performance module (~0.5 ms of a cold start).
 */
export function clockMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Plans for the specs of one run, within CHECK_PLAN_BUDGET_MS each and CHECK_RUN_PLAN_BUDGET_MS
 * in all. `specs` is how many specs the run will plan (for their equal shares of the run budget).
 */
export class RunPlanner {
  private readonly runDeadline: number;
  private left: number;

  constructor(specs: number, runBudgetMs = CHECK_RUN_PLAN_BUDGET_MS, private readonly specBudgetMs = CHECK_PLAN_BUDGET_MS) {
    this.runDeadline = clockMs() + runBudgetMs;
    this.left = Math.max(1, specs);
  }

  /** An analyzer whose analysis of a spec warms the plan's re-analyses (they re-parse only what an edit touches). */
  analyzer(): Analyzer {
    return createAnalyzer(PLAN_ANALYZER);
  }

  /**
   * The plan of one spec: `result` is `analyzer.analyze(text, …)` (which took `analysisMs`).
   * See planImprovements for the search and its bounds.
   */
  plan(text: string, result: AnalysisResult, config: L2specConfig, analyzer?: Analyzer, analysisMs?: number): ImprovementPlan {
    const now = clockMs();
    const share = Math.min(this.specBudgetMs, Math.max(0, (this.runDeadline - now) / this.left));
    this.left = Math.max(1, this.left - 1);
    return planImprovements(text, { config, budgetMs: share, maxAnalyses: THOROUGH_MAX_ANALYSES, analyzer, baseMs: analysisMs, now: clockMs }, result);
  }
}

/** Plans the improvements for one analysed spec (see planImprovements for the search and its bound). */
export function planFor(text: string, result: AnalysisResult, config: L2specConfig): ImprovementPlan {
  return new RunPlanner(1).plan(text, result, config);
}

/** "What it would take" as text lines, indented under a file's summary. */
export function planText(plan: ImprovementPlan): string[] {
  const out: string[] = [];
  if (plan.goals.length === 0) return out;
  out.push('  What it would take (each path verified by re-analysing the changed spec):');
  const bound = plan.search.bound === 'time'
    ? `the search's time bound (${CHECK_PLAN_BUDGET_MS / 1000} s per spec, ${CHECK_RUN_PLAN_BUDGET_MS / 1000} s per run) ran out`
    : `the search bound (${plan.search.maxAnalyses} re-analyses) ran out`;
  for (const g of plan.goals) {
    const goal = `${g.kind} ${g.target}`;
    if (g.status !== 'found') {
      out.push(`    ${goal}: ${g.status === 'none' ? 'no path within the format' : `not settled: ${bound}`}${g.blockers.length ? `; in the way: ${g.blockers.slice(0, 3).join(' ')}${g.blockers.length > 3 ? ` (+${g.blockers.length - 3} more)` : ''}` : ''}`);
      continue;
    }
    const [path, ...alternatives] = g.paths;
    out.push(`    ${goal}: ${path!.steps.length} change${path!.steps.length === 1 ? '' : 's'} → tier ${path!.verified.tier}, stage ${path!.verified.stage}`);
    for (const s of path!.steps) {
      const edits = s.edits.length > 3 ? `${s.edits.slice(0, 3).map((e) => `${e.path}: ${e.value}`).join(', ')}, … (${s.edits.length} edits)` : s.edits.map((e) => `${e.path}: ${e.value}`).join(', ');
      out.push(`      - ${s.title} [${s.kind}] {${edits}}${s.clears.length ? ` clears ${[...new Set(s.clears.map((c) => c.ruleId))].join(', ')}` : ''}`);
    }
    for (const alt of alternatives) out.push(`      or: ${alt.steps.map((s) => s.title).join(' + ')}`);
  }
  if (plan.stageNote) out.push(`    (${plan.stageNote})`);
  return out;
}
