// Standalone HTML review report (attach to a PR): tier with its reasons, the stack diagram,
// the ratings (chart + table with reasons) and the findings grouped by severity. One file,
// inline CSS, no script, every piece of spec text escaped.
import type { Severity } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { PLAN_STATUS_CLASS, planGoalHeading, planHeading, SEVERITY_CLASS, SEVERITY_LABEL, whyTierHeading } from './labels.js';
import type { ReviewSnapshot, SnapshotFinding, SnapshotPlan, SnapshotReason } from './snapshot.js';
import { exportCss, FONT_STACK, PALETTES } from './svg.js';
import { CHART_H, CHART_W, chartTree, diagramTree, h, serialise, type VNode } from './tree.js';

export interface ReportOptions {
  /** Shown in the header, e.g. the spec's file name. */
  source?: string;
  /** ISO timestamp to print; omitted when not given (keeps output reproducible). */
  generatedAt?: string;
  /** A fixed palette; without it the page follows the reader's light or dark preference. */
  theme?: 'light' | 'dark';
}

function pageCss(theme?: 'light' | 'dark'): string {
  const l = PALETTES.light;
  const d = PALETTES.dark;
  const base = (p: typeof l) => `body{background:${p.bg};color:${p.fg}}.muted,.loc,.rule{color:${p.muted}}section,.card{border-color:${p.ring}}` +
    `.chip{color:${p.bg};background:var(--rc)}a{color:inherit}`;
  return [
    `*{box-sizing:border-box}body{margin:0;padding:24px;font:14px/1.5 ${FONT_STACK}}`,
    `h1{font-size:24px;margin:0 0 8px}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 6px}`,
    `.chip{display:inline-block;border-radius:12px;padding:2px 10px;font-weight:700;white-space:nowrap}`,
    `.tier{font-size:18px}.diagram-wrap{overflow:auto;border:1px solid;border-radius:8px;padding:8px;border-color:inherit}`,
    `.cols{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}table{border-collapse:collapse}`,
    `td,th{text-align:left;padding:4px 8px;vertical-align:top;border-bottom:1px solid rgba(127,127,127,.3)}`,
    `ul{margin:4px 0;padding-left:20px}li{margin:2px 0}.rule{font-family:ui-monospace,monospace;font-size:12px}`,
    `.finding{margin:6px 0}.suppressed{opacity:.7}.why summary{font-size:15px;font-weight:700;margin:16px 0 6px;cursor:pointer}`,
    ...(theme ? [base(PALETTES[theme]), exportCss(theme)] : [base(l), exportCss('light'), `@media (prefers-color-scheme: dark){${base(d)}${exportCss('dark')}}`]),
  ].join('\n');
}

function reasonList(reasons: readonly SnapshotReason[]): VNode {
  if (!reasons.length) return h('p', { class: 'muted' }, ['No reasons given.']);
  return h('ul', {}, reasons.map((r) => h('li', {}, [r.text, r.ruleId ? h('span', { class: 'rule' }, [` (${r.ruleId})`]) : undefined, r.path ? h('span', { class: 'loc' }, [` at ${r.path}`]) : undefined])));
}

function findingItem(f: SnapshotFinding): VNode {
  return h('li', { class: `finding${f.suppressed ? ' suppressed' : ''}` }, [
    h('span', { class: 'rule' }, [f.ruleId]), ' ',
    f.message,
    h('span', { class: 'loc' }, [` (line ${f.range.start.line + 1}${f.path ? `, ${f.path}` : ''})`]),
    f.suppressed ? h('span', { class: 'muted' }, [` suppressed: ${f.suppressed.justification || 'no justification given'}`]) : undefined,
  ]);
}

function planSection(plan: SnapshotPlan): VNode {
  return h('section', { class: 'plan' }, [
    h('h2', {}, [planHeading(plan)]),
    h('p', { class: 'muted' }, ['Each path was checked by re-analysing the spec with the changes applied.']),
    h('ul', {}, plan.goals.map((g) => h('li', { class: `plan-goal ${PLAN_STATUS_CLASS[g.status]}` }, [
      h('strong', {}, [planGoalHeading(g)]),
      g.steps.length ? h('ol', {}, g.steps.map((s) => h('li', {}, [
        s.title,
        s.effect ? h('span', { class: 'effect' }, [` → ${s.effect}`]) : undefined,
        s.clears.length ? h('span', { class: 'rule' }, [` clears ${[...new Set(s.clears.map((c) => c.ruleId))].join(', ')}`]) : undefined,
      ]))) : undefined,
      g.alternatives.length ? h('p', { class: 'muted' }, [`Or, on its own: ${g.alternatives.join('; ')}`]) : undefined,
      g.blockers.length ? h('ul', {}, g.blockers.map((b) => h('li', { class: 'muted' }, [`In the way: ${b}`]))) : undefined,
    ]))),
    plan.stageNote ? h('p', { class: 'muted' }, [plan.stageNote]) : undefined,
  ]);
}

/** The review report as a complete HTML document (string). */
export function renderReport(snapshot: ReviewSnapshot, options: ReportOptions = {}): string {
  const s = snapshot;
  const c = s.counts;
  const body: (VNode | undefined)[] = [
    h('h1', {}, [`${s.system}: l2spec design review`]),
    options.source || options.generatedAt
      ? h('p', { class: 'muted' }, [[options.source ? `Spec: ${options.source}` : '', options.generatedAt ? `Generated ${options.generatedAt}` : '', `engine ${s.engineVersion}`].filter(Boolean).join(' · ')])
      : h('p', { class: 'muted' }, [`engine ${s.engineVersion}`]),
    h('p', {}, [
      h('span', { class: `chip tier rating-${s.tier.cls}`, role: 'img', 'aria-label': `Security tier ${s.tier.label}` }, [`Tier: ${s.tier.label}`]),
      ' ', s.tier.meaning,
    ]),
    // Same as the preview: a details element that counts its reasons (works without script).
    h('details', { class: 'why', open: 'open' }, [h('summary', {}, [whyTierHeading(s.tier.reasons.length)]), reasonList(s.tier.reasons)]),
    h('p', {}, [`L2BEAT stage: ${s.stage.applicable ? s.stage.label : 'not applicable'}`]),
    s.stage.reasons.length ? reasonList(s.stage.reasons) : undefined,
    h('p', {}, [`Open findings: ${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info${s.suppressedCount ? `; ${s.suppressedCount} suppressed` : ''}.`]),
  ];

  if (s.plan && s.plan.goals.length) body.push(planSection(s.plan));
  if (s.parseErrors.length) {
    body.push(h('section', { class: 'card' }, [
      h('h2', {}, [s.parsed ? 'Parts of the spec could not be read' : 'The spec could not be read']),
      h('ul', {}, s.parseErrors.map((e) => h('li', {}, [`Line ${e.range.start.line + 1}: ${e.message}`]))),
    ]));
  }
  if (s.parsed) {
    body.push(h('h2', {}, ['Stack diagram']));
    body.push(h('div', { class: 'diagram-wrap' }, [h('svg', {
      xmlns: 'http://www.w3.org/2000/svg', width: s.diagram.width, height: s.diagram.height, viewBox: `0 0 ${s.diagram.width} ${s.diagram.height}`,
      role: 'img', 'aria-label': `Stack diagram of ${s.system}`,
    }, [diagramTree(s.diagram)])]));
  }

  body.push(h('h2', {}, ['Ratings']));
  body.push(h('div', { class: 'cols' }, [
    h('svg', { xmlns: 'http://www.w3.org/2000/svg', width: CHART_W, height: CHART_H, viewBox: `0 0 ${CHART_W} ${CHART_H}`, role: 'img', 'aria-label': 'Radial chart of the eight ratings' }, [chartTree(s.ratings, 'report-chart')]),
    h('table', {}, [
      h('thead', {}, [h('tr', {}, [h('th', {}, ['Framework']), h('th', {}, ['Axis']), h('th', {}, ['Rating']), h('th', {}, ['Why'])])]),
      h('tbody', {}, s.ratings.flatMap((r) => [h('tr', {}, [
        h('td', {}, [r.framework]), h('td', {}, [r.label]),
        h('td', {}, [h('span', { class: `chip rating-${r.cls}` }, [r.valueLabel])]),
        h('td', {}, [r.reasons.length ? h('ul', {}, r.reasons.map((x) => h('li', {}, [x.text]))) : '']),
      ]), ...(r.axis === 'custody' && s.pegs.length > 1 ? s.pegs.map(pegRow) : [])])),
    ]),
  ]));

  body.push(h('h2', {}, ['Findings']));
  const active = s.findings.filter((f) => !f.suppressed);
  if (!active.length) body.push(h('p', { class: 'muted' }, ['No open findings.']));
  for (const sev of SEVERITIES as readonly Severity[]) {
    const list = active.filter((f) => f.severity === sev);
    if (!list.length) continue;
    body.push(h('h3', {}, [h('span', { class: `chip rating-${SEVERITY_CLASS[sev]}` }, [SEVERITY_LABEL[sev]]), ` ${list.length}`]));
    body.push(h('ul', {}, list.map(findingItem)));
  }
  const suppressed = s.findings.filter((f) => f.suppressed);
  if (suppressed.length) {
    body.push(h('h3', {}, [`Suppressed (${suppressed.length})`]));
    body.push(h('ul', {}, suppressed.map(findingItem)));
  }

  const css = pageCss(options.theme);
  if (/<\/style/i.test(css)) throw new Error('report CSS must not close its style element');
  return '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${serialise(`${s.system}: l2spec review`)}</title>\n<style>${css}</style>\n</head>\n` +
    `${serialise(h('body', {}, body.filter((b): b is VNode => b !== undefined)))}\n</html>\n`;
}

/** A peg's own custody row under the custody axis (shown when the design holds several pegs). */
function pegRow(p: ReviewSnapshot['pegs'][number]): VNode {
  return h('tr', { class: 'peg-row' }, [
    h('td', {}, ['']), h('td', {}, [`Peg ${p.id}${p.asset ? ` (${p.asset})` : ''}${p.canonical ? ', enshrined' : ''}`]),
    h('td', {}, [h('span', { class: `chip rating-${p.cls}` }, [p.valueLabel])]),
    h('td', {}, [p.reasons.length ? h('ul', {}, p.reasons.map((x) => h('li', {}, [x.text]))) : '']),
  ]);
}
