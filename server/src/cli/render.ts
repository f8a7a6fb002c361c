// `l2spec render`: the same stack diagram as the editor preview, as SVG or a standalone HTML report.
import type { AnalysisResult } from '../engine/index.js';

export function render(result: AnalysisResult, format: 'svg' | 'html', title: string): string {
  void result; void format; void title;
  throw new Error('render is not wired yet');
}
