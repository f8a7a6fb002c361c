// `l2spec render`: the same stack diagram as the editor preview, as SVG or a standalone HTML review report.
import type { AnalysisResult } from '../engine/index.js';
import { buildSnapshot, renderReport, renderSvg } from '../render/index.js';

/** `title` is the spec's display path; the report prints it, the SVG names the system instead. */
export function render(result: AnalysisResult, format: 'svg' | 'html', title: string): string {
  const snapshot = buildSnapshot(result);
  return format === 'svg' ? renderSvg(snapshot, { theme: 'light' }) : renderReport(snapshot, { source: title });
}
