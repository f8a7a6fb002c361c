// Standalone SVG export: header (system, tier, stage, counts), the stack diagram, the radial
// ratings chart and a text legend. Fixed light/dark palettes, no external resources, no script.
import type { ReviewSnapshot } from './snapshot.js';
import { CHART_H, CHART_W, chartTree, diagramTree, h, serialise, type VNode } from './tree.js';
import { textWidth, truncate, wrap } from './text.js';

export type ExportTheme = 'light' | 'dark';

interface Palette {
  bg: string; fg: string; muted: string; nodeBg: string; nodeBorder: string; labelBg: string;
  bandL2: string; bandPeg: string; bandL1: string; ring: string;
  good: string; warning: string; bad: string; critical: string; review: string; neutral: string;
}

// Okabe–Ito based rating colours: distinguishable with the common colour-vision deficiencies,
// and every rating is also written out in words next to its colour.
export const PALETTES: Record<ExportTheme, Palette> = {
  light: {
    bg: '#ffffff', fg: '#1f2328', muted: '#57606a', nodeBg: '#ffffff', nodeBorder: '#8c959f', labelBg: '#ffffff',
    bandL2: '#eef4fb', bandPeg: '#f4effa', bandL1: '#fdf3e1', ring: '#d0d7de',
    good: '#007a5a', warning: '#b97800', bad: '#c74600', critical: '#882255', review: '#5b6b7b', neutral: '#6e7781',
  },
  dark: {
    bg: '#1e1e1e', fg: '#e6edf3', muted: '#9da7b3', nodeBg: '#252526', nodeBorder: '#6e7681', labelBg: '#1e1e1e',
    bandL2: '#1d2733', bandPeg: '#262036', bandL1: '#30261a', ring: '#3d444d',
    good: '#35c39a', warning: '#f0b429', bad: '#ff7a45', critical: '#e46aa7', review: '#9aa7b4', neutral: '#8b949e',
  },
};

export const FONT_STACK = `system-ui, -apple-system, 'Segoe UI', Ubuntu, 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif`;

/** CSS for the shared element tree with a fixed palette (exports and the HTML report). */
export function exportCss(theme: ExportTheme, scope = ''): string {
  const p = PALETTES[theme];
  const s = scope ? `${scope} ` : '';
  const ratings = (['good', 'warning', 'bad', 'critical', 'review', 'neutral'] as const)
    .map((c) => `${s}.rating-${c}{--rc:${p[c]}}`).join('');
  return [
    `${s}text{font-family:${FONT_STACK};fill:${p.fg}}`,
    ratings,
    `${s}.band-box{stroke:none}${s}.band-l2 .band-box{fill:${p.bandL2}}${s}.band-peg .band-box{fill:${p.bandPeg}}${s}.band-l1 .band-box{fill:${p.bandL1}}`,
    `${s}.band-title{font-size:13px;font-weight:700;fill:${p.muted};paint-order:stroke;stroke-width:4px;stroke-linejoin:round}`,
    `${s}.band-l2 .band-title{stroke:${p.bandL2}}${s}.band-peg .band-title{stroke:${p.bandPeg}}${s}.band-l1 .band-title{stroke:${p.bandL1}}`,
    `${s}.node-box{fill:${p.nodeBg};stroke:var(--rc);stroke-width:1.5}${s}.node-stripe{fill:var(--rc)}`,
    `${s}.rating-critical .node-box{stroke-width:3}${s}.rating-bad .node-box{stroke-width:2}`,
    `${s}.node-title{font-size:13px;font-weight:700}${s}.node-sub{font-size:11px;fill:${p.muted}}`,
    `${s}.node-rating{font-size:11px;font-weight:700;fill:var(--rc)}${s}.node-count{font-size:11px;fill:${p.muted}}`,
    `${s}.edge-line{stroke:var(--rc);stroke-width:1.6}${s}.edge-arrow{fill:var(--rc)}`,
    `${s}.edge-custody .edge-line{stroke-width:2.4}${s}.edge-data .edge-line{stroke-dasharray:6 3}`,
    `${s}.edge-upgrade .edge-line{stroke-dasharray:2 3}${s}.edge-exit .edge-line{stroke-dasharray:9 3 2 3}${s}.edge-anchor .edge-line{stroke-dasharray:12 4}`,
    `${s}.edge-label-bg{fill:${p.labelBg};stroke:var(--rc);stroke-width:1}${s}.edge-label-text{font-size:11px}`,
    `${s}.chart-ring{stroke:${p.ring}}${s}.chart-divider{stroke:${p.ring};stroke-dasharray:3 3}`,
    `${s}.chart-petal{fill:var(--rc);fill-opacity:.8;stroke:${p.bg};stroke-width:1}`,
    `${s}.chart-label{font-size:11px;font-weight:700}${s}.chart-value{font-size:11px;fill:var(--rc);font-weight:700}`,
    `${s}.chart-caption{font-size:12px;font-weight:700;fill:${p.muted}}${s}.chart-note{font-size:10px;fill:${p.muted}}`,
    `${s}.hdr-title{font-size:20px;font-weight:700}${s}.hdr-sub{font-size:12px;fill:${p.muted}}`,
    `${s}.tier-box{fill:var(--rc)}${s}.tier-text{font-size:14px;font-weight:700;fill:${p.bg}}`,
    `${s}.legend-text{font-size:12px}${s}.legend-value{font-size:12px;font-weight:700;fill:var(--rc)}`,
  ].join('');
}

const HEADER_H = 92;
const SIDE_GAP = 24;

export interface SvgOptions {
  theme?: ExportTheme;
}

/** The whole review as one standalone SVG document (string). */
export function renderSvg(snapshot: ReviewSnapshot, options: SvgOptions = {}): string {
  const { tree, width, height } = svgTree(snapshot, options);
  void width; void height;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(tree)}\n`;
}

export function svgTree(snapshot: ReviewSnapshot, options: SvgOptions = {}): { tree: VNode; width: number; height: number } {
  const theme = options.theme ?? 'light';
  const p = PALETTES[theme];
  const d = snapshot.diagram;
  const diagramW = Math.max(d.width, 480);
  const sideX = diagramW + SIDE_GAP;
  const width = sideX + CHART_W + 16;

  const header: VNode[] = [];
  const title = truncate(snapshot.system, width - 220, { size: 20, bold: true });
  header.push(h('text', { class: 'hdr-title', x: 16, y: 32 }, [title]));
  const tierText = `Tier: ${snapshot.tier.label}`;
  const tierW = textWidth(tierText, { size: 14, bold: true }) + 20;
  header.push(h('g', { class: `tier rating-${snapshot.tier.cls}`, role: 'img', 'aria-label': `Security tier ${snapshot.tier.label}` }, [
    h('rect', { class: 'tier-box', x: 16, y: 44, width: tierW, height: 26, rx: 13 }),
    h('text', { class: 'tier-text', x: 26, y: 62 }, [tierText]),
  ]));
  const c = snapshot.counts;
  const summary = [
    snapshot.tier.meaning,
    snapshot.stage.applicable ? `L2BEAT ${snapshot.stage.label}` : undefined,
    `Findings: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info`,
  ].filter(Boolean).join(' · ');
  header.push(h('text', { class: 'hdr-sub', x: 26 + tierW, y: 62 }, [truncate(summary, width - tierW - 48, { size: 12 })]));
  const reason = snapshot.tier.reasons[0]?.text;
  if (reason) header.push(h('text', { class: 'hdr-sub', x: 16, y: 86 }, [truncate(`Why: ${reason}`, width - 32, { size: 12 })]));

  const body: VNode[] = [];
  if (snapshot.parsed) {
    body.push(h('g', { transform: `translate(0 ${HEADER_H})` }, [diagramTree(d)]));
  } else {
    snapshot.parseErrors.slice(0, 12).forEach((e, i) => {
      body.push(h('text', { class: 'legend-text', x: 16, y: HEADER_H + 24 + i * 18 }, [truncate(`Line ${e.range.start.line + 1}: ${e.message}`, diagramW - 32, { size: 12 })]));
    });
  }

  const side: VNode[] = [h('g', { transform: `translate(${sideX} ${HEADER_H})` }, [chartTree(snapshot.ratings, 'svg-chart')])];
  let ly = HEADER_H + CHART_H + 24;
  let lastFramework = '';
  for (const r of snapshot.ratings) {
    if (r.framework !== lastFramework) {
      side.push(h('text', { class: 'chart-caption', x: sideX + 8, y: ly }, [r.framework]));
      ly += 18;
      lastFramework = r.framework;
    }
    side.push(h('g', { class: `legend rating-${r.cls}` }, [
      h('rect', { class: 'tier-box', x: sideX + 8, y: ly - 10, width: 10, height: 10, rx: 2 }),
      h('text', { class: 'legend-text', x: sideX + 24, y: ly }, [r.label + ':']),
      h('text', { class: 'legend-value', x: sideX + 24 + textWidth(r.label + ': ', { size: 12 }), y: ly }, [truncate(r.valueLabel, 200, { size: 12, bold: true })]),
    ]));
    ly += 18;
  }
  ly += 8;
  for (const line of wrap('Ratings follow the Bitcoin Layers and L2BEAT frameworks; colours are always paired with the rating in words.', CHART_W - 16, { size: 12 }, 3)) {
    side.push(h('text', { class: 'hdr-sub', x: sideX + 8, y: ly }, [line]));
    ly += 16;
  }
  const height = Math.max(HEADER_H + (snapshot.parsed ? d.height : 40 + snapshot.parseErrors.length * 18), ly + 8);

  const tree = h('svg', {
    xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${snapshot.system}: security tier ${snapshot.tier.label}`,
  }, [
    h('title', {}, [`${snapshot.system}: l2spec review, tier ${snapshot.tier.label}`]),
    h('style', {}, [exportCss(theme)]),
    h('rect', { x: 0, y: 0, width, height, fill: p.bg }),
    ...header,
    ...body,
    ...side,
  ]);
  return { tree, width, height };
}
