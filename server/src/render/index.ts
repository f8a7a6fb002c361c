// Public surface of the pure renderer: snapshot, layout, SVG and HTML report.
export { buildSnapshot, elementTable, snapshotPlan, SNAPSHOT_FORMAT, RATING_AXES } from './snapshot.js';
export { snapshotCompare, buildCompare, baseErrorCompare, compareLabel, COMPARE_LABEL_MAX, type CompareBase, type CompareOptions } from './compare.js';
export type { ReviewSnapshot, SnapshotFinding, SnapshotRating, SnapshotReason, ParseError, SnapshotPlan, SnapshotPlanGoal, SnapshotPlanStep, SnapshotCompare, SnapshotVerdictChange } from './snapshot.js';
export { layoutDiagram, nodeForPath, nodeAtPosition, encodeId, ELEMENT_ID_PATTERN, NODE_W, NODE_H } from './layout.js';
export type { Diagram, DiagramNode, DiagramEdge, DiagramBand, TextLine, Rect, BandKind, EdgeKind, NodeKind } from './layout.js';
export { renderSvg, svgTree, exportCss, PALETTES, FONT_STACK, type ExportTheme, type SvgOptions } from './svg.js';
export { renderReport, type ReportOptions } from './report.js';
export { snapshotCollusion, type SnapshotCollusion, type SnapshotFailure, type SnapshotCoalition } from './collusion.js';
export { diagramTree, chartTree, serialise, escapeXml, h, CHART_W, CHART_H, type VNode } from './tree.js';
export { textWidth, wrap, truncate } from './text.js';
export type { RatingClass } from './labels.js';
export { measureDiagram, type DiagramMetrics } from './metrics.js';
