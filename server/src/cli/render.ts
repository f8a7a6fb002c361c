// `l2spec render`: the same stack diagram as the editor preview, as SVG or a standalone HTML review report.
import type { AnalysisResult, ImprovementPlan } from '../engine/index.js';
import { buildSnapshot, renderReport, renderSvg } from '../render/index.js';

/**
 * `title` is the spec's display path; the report prints it, the SVG names the system instead.
 * `plan`, when given, is shown in the report as "What it would take".
 */
export function render(result: AnalysisResult, format: 'svg' | 'html', title: string, plan?: ImprovementPlan): string {
  const snapshot = buildSnapshot(result, { plan });
  return format === 'svg' ? renderSvg(snapshot, { theme: 'light' }) : renderReport(snapshot, { source: title });
}
