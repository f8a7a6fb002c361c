// Review across revisions (diff) and the path to a better tier and stage (plan). Pure.
export { diffAnalyses, regressions, stablePathFn, tierDirection, stageDirection, blDirection, l2bDirection } from './diff.js';
export type { AnalysisDiff, Direction, FindingRef, PegChange, RatingChange, SeverityChange, VerdictChange } from './diff.js';
export { compareThresholds, quorumDirection, thresholdsOf, type ThresholdChange } from './thresholds.js';
export { applyEdits, type SpecEdit } from './edit.js';
export { candidateChanges, CHANGE_COST, type Change, type ChangeKind } from './levers.js';
export { planImprovements, applyPath, blockers, PLAN_ANALYZER, THOROUGH_MAX_ANALYSES } from './plan.js';
export type { ClearedFinding, ImprovementPlan, PlanGoal, PlanOptions, PlanPath, PlanStep } from './plan.js';
