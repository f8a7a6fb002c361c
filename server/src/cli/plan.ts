// The path to a better tier and stage in `l2spec check` output (text and JSON).
import { planImprovements, THOROUGH_MAX_ANALYSES, type AnalysisResult, type ImprovementPlan, type L2specConfig } from '../engine/index.js';

/**
 * Time bound per spec for the search in `check`, in milliseconds: the re-analysis bound alone
 * would let a huge spec (seconds per analysis) hold CI for minutes; goals left open are reported
 * as cut off.
 */
export const CHECK_PLAN_BUDGET_MS = 2000;

/** Plans the improvements for one analysed spec (see planImprovements for the search and its bound). */
export function planFor(text: string, result: AnalysisResult, config: L2specConfig): ImprovementPlan {
  return planImprovements(text, { config, budgetMs: CHECK_PLAN_BUDGET_MS, maxAnalyses: THOROUGH_MAX_ANALYSES }, result);
}

/** "What it would take" as text lines, indented under a file's summary. */
export function planText(plan: ImprovementPlan): string[] {
  const out: string[] = [];
  if (plan.goals.length === 0) return out;
  out.push('  What it would take (each path verified by re-analysing the changed spec):');
  for (const g of plan.goals) {
    const goal = `${g.kind} ${g.target}`;
    if (g.status !== 'found') {
      out.push(`    ${goal}: ${g.status === 'none' ? 'no path within the format' : `not settled: the search bound (${plan.search.maxAnalyses} re-analyses) ran out`}${g.blockers.length ? `; in the way: ${g.blockers.slice(0, 3).join(' ')}${g.blockers.length > 3 ? ` (+${g.blockers.length - 3} more)` : ''}` : ''}`);
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
