// The l2spec preview webview: draws the review snapshot pushed by the extension. Spec text is
// only ever placed with textContent / setAttribute on elements we create; the HTML shell is
// never reloaded, so zoom and scroll survive every update (and reloads, via setState).
import { bandTree, chartTree, CHART_H, CHART_W, edgeLabelTree, edgeTree, nodeTree, type VNode } from '../../server/src/render/tree.js';
import { nodeForPath } from '../../server/src/render/layout.js';
import type { DiagramNode } from '../../server/src/render/layout.js';

import type { ReviewSnapshot, SnapshotCompare, SnapshotFinding, SnapshotPlanGoal, SnapshotReason } from '../../server/src/render/snapshot.js';
import { compareSummary, PLAN_STATUS_CLASS, planGoalHeading, planHeading, ratingClass, SEVERITY_CLASS, SEVERITY_LABEL, visibleLabel, whyTierHeading } from '../../server/src/render/labels.js';
import { SEVERITIES } from '../../server/src/engine/types.js';
import { parseHostMessage, type HostMessage, type WebviewMessage } from '../src/preview/protocol.js';
import { createCollusionPanel, type CoalitionSelection } from './collusion.js';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface ViewState {
  uri?: string;
  zoom: number;
  tx: number;
  ty: number;
  /** The user zoomed or panned; until then every update fits the whole diagram into the canvas. */
  touched: boolean;
  focusId?: string;
  /** The panel is locked on its spec (kept here so the extension restores it locked after a reload). */
  locked?: boolean;
  /** Show the change since the base revision (git HEAD) when the snapshot carries one (default on). */
  compare: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
/** The opening view never enlarges the drawing beyond this (a tiny design stays at its size). */
const MAX_FIT_ZOOM = 1.25;
/** "Why this tier" opens expanded on a new document when it holds at most this many reasons. */
const WHY_OPEN_MAX = 4;
const SEVERITY_ORDER = SEVERITIES;
const SEVERITY_TITLE: Record<string, string> = SEVERITY_LABEL;

const vscode = acquireVsCodeApi();
const saved = vscode.getState() as Partial<ViewState> | undefined;
const state: ViewState = {
  uri: typeof saved?.uri === 'string' ? saved.uri : undefined,
  zoom: typeof saved?.zoom === 'number' && saved.zoom >= MIN_ZOOM && saved.zoom <= MAX_ZOOM ? saved.zoom : 1,
  tx: typeof saved?.tx === 'number' && Number.isFinite(saved.tx) ? saved.tx : 0,
  ty: typeof saved?.ty === 'number' && Number.isFinite(saved.ty) ? saved.ty : 0,
  touched: saved?.touched === true,
  focusId: typeof saved?.focusId === 'string' ? saved.focusId : undefined,
  locked: saved?.locked === true,
  compare: saved?.compare !== false,
};

let snapshot: ReviewSnapshot | undefined;
let nodeById = new Map<string, DiagramNode>();

// ---------------------------------------------------------------------------------------------
// DOM helpers

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; attrs?: Record<string, string> } = {}, children: Node[] = []): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.text !== undefined) e.textContent = props.text;
  for (const [k, v] of Object.entries(props.attrs ?? {})) e.setAttribute(k, v);
  for (const c of children) e.appendChild(c);
  return e;
}

/** Turns the renderer's element tree into SVG DOM: attributes via setAttribute, text via text nodes. */
function materialise(node: VNode | string): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const e = document.createElementNS(SVG_NS, node.tag);
  for (const [k, v] of Object.entries(node.attrs)) {
    // The tree never carries these, but refuse them outright should that ever change.
    if (/^on/i.test(k) || /href$/i.test(k) || k === 'style') continue;
    e.setAttribute(k, String(v));
  }
  for (const c of node.children) e.appendChild(materialise(c));
  return e;
}

function svg(tag: string, attrs: Record<string, string | number> = {}): SVGElement {
  const e = document.createElementNS(SVG_NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function saveState(): void {
  vscode.setState({ ...state });
}

// ---------------------------------------------------------------------------------------------
// Static skeleton (built once; only its contents change with each snapshot)

const app = document.getElementById('app')!;
app.textContent = '';
app.className = 'app';

const header = el('header', { class: 'top' });
const titleEl = el('h1', { class: 'system-name', attrs: { id: 'system-name' } });
const tierBadge = el('span', { class: 'tier-badge', attrs: { role: 'status', id: 'tier-badge' } });
const stageEl = el('span', { class: 'stage-chip', attrs: { id: 'stage' } });
const countsEl = el('span', { class: 'counts', attrs: { id: 'counts' } });
// "Compare with HEAD": shown only when the snapshot carries a base revision's diff.
const compareToggle = el('button', { class: 'compare-toggle', attrs: { type: 'button', id: 'compare-toggle', hidden: '', 'aria-pressed': 'true' } });
const compareLine = el('p', { class: 'compare-summary', attrs: { id: 'compare-summary', hidden: '', 'aria-live': 'polite' } });
const tierMeaning = el('p', { class: 'tier-meaning' });
const reasonsList = el('ul', { class: 'reasons', attrs: { 'aria-label': 'Why this tier' } });
// The summary says how many reasons the list holds, so a collapsed list still tells what it hides.
const whySummary = el('summary', { attrs: { id: 'why-summary' } });
const whyBox = el('details', { class: 'why', attrs: { id: 'why' } }, [whySummary, reasonsList]);
// "What it would take": the verified paths to the next tiers and stages (collapsed until opened;
// the user's choice stands across updates).
const planSummary = el('summary', { attrs: { id: 'plan-summary' } });
const planList = el('ul', { class: 'plan-goals', attrs: { id: 'plan-goals' } });
const planNote = el('p', { class: 'muted plan-note' });
const planBox = el('details', { class: 'plan', attrs: { id: 'plan', hidden: '' } }, [planSummary, planList, planNote]);
// The header is one line (plus the compare line): everything longer lives in the side panel,
// which scrolls on its own, so no text ever shrinks the diagram.
header.append(
  el('div', { class: 'title-row' }, [titleEl, tierBadge, stageEl, countsEl, compareToggle]),
  compareLine,
);

const errorsBox = el('section', { class: 'parse-errors', attrs: { role: 'alert', hidden: '' } });
const emptyBox = el('section', { class: 'empty-state', attrs: { hidden: '' } });

const toolbar = el('div', { class: 'toolbar', attrs: { role: 'toolbar', 'aria-label': 'Diagram zoom' } });
const zoomOut = el('button', { text: '−', attrs: { type: 'button', title: 'Zoom out (-)', 'aria-label': 'Zoom out' } });
const zoomIn = el('button', { text: '+', attrs: { type: 'button', title: 'Zoom in (+)', 'aria-label': 'Zoom in' } });
const zoomFit = el('button', { text: 'Fit', attrs: { type: 'button', title: 'Fit the whole diagram (F)', 'aria-label': 'Fit the whole diagram' } });
const zoomReset = el('button', { text: '100%', attrs: { type: 'button', title: 'Actual size (0)', 'aria-label': 'Actual size' } });
const zoomLabel = el('span', { class: 'zoom-label', attrs: { 'aria-live': 'polite' } });
// Says which way more of the diagram lies when it does not fit the canvas (see updateOverflowCue).
const overflowCue = el('span', { class: 'overflow-cue', attrs: { id: 'overflow-cue', hidden: '' } });
// Said when a huge design is drawn as an overview (boxes only; see Diagram.hiddenEdges).
const overviewNote = el('span', { class: 'overview-note', attrs: { id: 'overview-note', hidden: '' } });
toolbar.append(zoomOut, zoomIn, zoomFit, zoomReset, zoomLabel, overflowCue, overviewNote);

const canvas = el('div', { class: 'canvas', attrs: { tabindex: '0', role: 'group', 'aria-label': 'Stack diagram. Arrow keys pan, plus and minus zoom; Tab moves into the elements, Enter shows one in the spec.', title: 'Click an element for its details, double-click to show it in the spec. Drag to pan; Ctrl/Cmd + wheel or pinch to zoom.' } });
const stage = svg('svg', { class: 'diagram-svg', width: '100%', height: '100%' }) as SVGSVGElement;
const viewport = svg('g', { class: 'viewport' }) as SVGGElement;
stage.appendChild(viewport);
// Same layer structure as the renderer's diagramTree (so the same CSS applies to both).
const diagramG = svg('g', { class: 'diagram' });
const layers = {
  bands: svg('g', { class: 'bands' }),
  edges: svg('g', { class: 'edges' }),
  nodes: svg('g', { class: 'nodes' }),
  labels: svg('g', { class: 'edge-labels' }),
};
diagramG.append(layers.bands, layers.edges, layers.nodes, layers.labels);
viewport.appendChild(diagramG);
canvas.appendChild(stage);
const legendEdges = el('p', { class: 'edge-legend', text: 'Lines: solid thick = custody · dashed = data · dotted = upgrade · dash-dot = exit · long dash = anchoring. Every box and line also states its rating in words.' });
const diagramPane = el('section', { class: 'diagram-pane', attrs: { 'aria-label': 'Stack diagram' } }, [toolbar, canvas, legendEdges]);

// Details of the selection: first in the side panel (wide), a drawer over the diagram's bottom
// (narrow); either way visible without scrolling. Filled with DOM APIs only.
const detailsTitle = el('h2', { attrs: { id: 'details-heading' } });
const detailsBody = el('div', { class: 'details-body' });
const detailsReveal = el('button', { class: 'details-reveal', text: 'Reveal in spec', attrs: { type: 'button', id: 'details-reveal', title: 'Show this in the spec (double-click does the same)' } });
const detailsClose = el('button', { class: 'details-close', text: '×', attrs: { type: 'button', title: 'Close the details (Esc)', 'aria-label': 'Close the details' } });
const details = el('section', { class: 'details', attrs: { id: 'details', hidden: '', 'aria-labelledby': 'details-heading', 'aria-live': 'polite' } }, [
  el('div', { class: 'details-head' }, [detailsTitle, detailsReveal, detailsClose]),
  detailsBody,
]);
/**
 * Slot for the "Who must collude" panel (coalitions per failure, its own issue): a section of
 * the side panel, hidden until filled. Selecting a coalition there should call
 * `highlightSet(ids)` (or the host can post `{ type: 'highlight', ids }`) to mark its parties.
 */
const coalitionsSection = el('section', { class: 'coalitions', attrs: { id: 'coalitions', hidden: '', 'aria-label': 'Who must collude' } });
const tierSection = el('section', { class: 'tier-section', attrs: { 'aria-label': 'Why this tier and what it would take' } }, [tierMeaning, whyBox, planBox]);

const chartSvg = svg('svg', { class: 'chart-svg', viewBox: `0 0 ${CHART_W} ${CHART_H}`, role: 'img', 'aria-labelledby': 'ratings-heading' }) as SVGSVGElement;
const ratingsList = el('ul', { class: 'ratings-legend' });
const stageDetail = el('p', { class: 'stage-detail' });
const findingsBox = el('div', { class: 'findings' });
const side = el('aside', { class: 'side' }, [
  details,
  coalitionsSection,
  tierSection,
  el('section', { class: 'ratings', attrs: { 'aria-labelledby': 'ratings-heading' } }, [el('h2', { text: 'Ratings', attrs: { id: 'ratings-heading' } }), chartSvg, ratingsList, stageDetail]),
  el('section', { attrs: { 'aria-labelledby': 'findings-heading' } }, [el('h2', { text: 'Findings', attrs: { id: 'findings-heading' } }), findingsBox]),
]);
// "Who must collude" (its own module, client/webview/collusion.ts) fills its slot; selecting a
// coalition marks its parties and paths through highlightSet (markCoalition).
const collusion = createCollusionPanel({ highlightCoalition: markCoalition });
coalitionsSection.replaceWith(collusion.element);
const main = el('main', { class: 'layout' }, [diagramPane, side]);
app.append(header, errorsBox, emptyBox, main);

// ---------------------------------------------------------------------------------------------
// Rendering a snapshot

function nodeEls(): SVGGElement[] {
  return [...layers.nodes.children] as SVGGElement[];
}

/**
 * Keyed rendering: an item whose data did not change keeps its DOM element, so an update while
 * typing rebuilds only what changed (and focus and highlight survive it).
 */
type Keyed = Map<string, { sig: string; el: Element }>;
const rendered: Record<keyof typeof layers, Keyed> = { bands: new Map(), edges: new Map(), nodes: new Map(), labels: new Map() };

/** Source ranges are not drawn: a line inserted above must not force a redraw of everything. */
function drawnOnly(key: string, value: unknown): unknown {
  return key === 'range' || key === 'ranges' ? undefined : value;
}

function renderLayer<T extends { id: string }>(layer: keyof typeof layers, items: readonly T[], build: (item: T) => Element): void {
  const before = rendered[layer];
  const after: Keyed = new Map();
  const els: Element[] = [];
  for (const item of items) {
    const sig = JSON.stringify(item, drawnOnly);
    const old = before.get(item.id);
    const el = old && old.sig === sig ? old.el : build(item);
    after.set(item.id, { sig, el });
    els.push(el);
  }
  rendered[layer] = after;
  // Patch in place: untouched elements stay where they are, so the browser restyles and
  // re-lays out only what changed.
  const parent = layers[layer];
  const keep = new Set(els);
  for (const child of [...parent.children]) if (!keep.has(child)) child.remove();
  let ref = parent.firstElementChild;
  for (const el of els) {
    if (el === ref) {
      ref = ref.nextElementSibling;
      continue;
    }
    parent.insertBefore(el, ref);
  }
}

function forgetRendered(): void {
  for (const key of Object.keys(rendered) as (keyof typeof layers)[]) {
    rendered[key] = new Map();
    layers[key].replaceChildren();
  }
}

let titleCounter = 0;
function buildNode(n: DiagramNode): Element {
  const g = materialise(nodeTree(n)) as SVGGElement;
  g.setAttribute('tabindex', '-1');
  g.classList.add('focusable');
  // The <title> is both the tooltip and the accessible description.
  const title = g.querySelector('title');
  if (title) {
    title.id = `tip-${titleCounter++}`;
    g.setAttribute('aria-describedby', title.id);
  }
  return g;
}

function renderSnapshot(uri: string, snap: ReviewSnapshot): void {
  const sameDoc = state.uri === uri;
  if (!sameDoc) {
    // Another document: nothing of the old drawing can be reused.
    forgetRendered();
    state.uri = uri;
    state.touched = false;
    state.focusId = undefined;
  }
  snapshot = snap;
  app.classList.remove('loading');
  emptyBox.hidden = true;
  main.hidden = false;
  header.hidden = false;

  titleEl.textContent = snap.system;
  const cmp = comparing(snap);
  renderCompareHeader(snap);
  // Before → after only when the value changed (a change of reasons alone is not shown here).
  const tierChange = cmp?.tier && cmp.tier.old !== cmp.tier.new ? cmp.tier : undefined;
  const stageChange = cmp?.stage && cmp.stage.old !== cmp.stage.new ? cmp.stage : undefined;
  tierBadge.textContent = tierChange ? `Tier: ${tierChange.oldLabel} → ${tierChange.newLabel}` : `Tier: ${snap.tier.label}`;
  tierBadge.className = `tier-badge rating-${snap.tier.cls}${tierChange ? ` ${deltaClass(tierChange.direction)}` : ''}`;
  tierBadge.setAttribute('aria-label', tierChange ? `Security tier: ${snap.tier.label}, was ${tierChange.oldLabel} at ${cmp!.label}` : `Security tier: ${snap.tier.label}`);
  const stageText = snap.stage.applicable ? `L2BEAT ${snap.stage.label}` : 'L2BEAT stage: n/a';
  stageEl.textContent = stageChange ? `L2BEAT ${stageChange.oldLabel} → ${stageChange.newLabel}` : stageText;
  stageEl.className = `stage-chip${stageChange ? ` ${deltaClass(stageChange.direction)}` : ''}`;
  stageEl.title = snap.stage.reasons.map((r) => r.text).join('\n') || (snap.stage.applicable ? '' : 'L2BEAT stages apply to rollups.');
  const c = snap.counts;
  countsEl.textContent = `${c.critical} critical · ${c.high} high · ${c.medium} medium · ${c.low + c.info} low/info`;
  tierMeaning.textContent = snap.tier.meaning;
  renderWhy(snap, !sameDoc);
  renderPlan(snap);

  renderErrors(snap);
  renderDiagram(snap);
  collusion.render(snap.collusion);
  renderRatings(snap);
  renderFindings(snap);
  if (selection) showSelection(selection, false);
  if (!state.touched) fitWhole(false);
  applyTransform();
  saveState();
}

/** The diff to show: the snapshot's `compare` while the user has comparing on (and it could be made). */
function comparing(snap: ReviewSnapshot): SnapshotCompare | undefined {
  return state.compare && snap.compare && !snap.compare.baseError ? snap.compare : undefined;
}

/** Fixed classes per direction (never built from data). */
function deltaClass(direction: string | undefined): string {
  return direction === 'better' ? 'delta-better' : direction === 'worse' ? 'delta-worse' : 'delta-changed';
}

function renderCompareHeader(snap: ReviewSnapshot): void {
  const c = snap.compare;
  compareToggle.hidden = !c;
  compareLine.hidden = !c || !state.compare;
  if (!c) return;
  compareToggle.textContent = state.compare ? `Comparing with ${c.label}` : `Compare with ${c.label}`;
  compareToggle.setAttribute('aria-pressed', String(state.compare));
  compareToggle.title = state.compare ? `Hide the changes since ${c.label}` : `Show what changed since ${c.label} (the last commit)`;
  compareLine.textContent = compareSummary(c);
  compareLine.className = `compare-summary${c.regressed ? ' delta-worse' : ''}`;
}

compareToggle.addEventListener('click', () => {
  state.compare = !state.compare;
  saveState();
  if (snapshot && state.uri) renderSnapshot(state.uri, snapshot);
});

/**
 * "Why this tier": a details element whose summary counts the reasons. A new document opens it
 * when the list is short; afterwards the user's choice stands across updates. The list is never
 * cut off: expanded, it shows every reason.
 */
function renderWhy(snap: ReviewSnapshot, newDocument: boolean): void {
  const reasons = snap.tier.reasons;
  whySummary.textContent = whyTierHeading(reasons.length);
  reasonsList.replaceChildren(...reasons.map((r) => reasonItem(r)));
  if (!reasons.length) reasonsList.append(el('li', { class: 'muted', text: 'No reasons given.' }));
  if (newDocument || !whyBox.hasAttribute('data-seen')) {
    whyBox.open = reasons.length <= WHY_OPEN_MAX;
    whyBox.setAttribute('data-seen', '');
  }
}

/** One item per goal: its status and, when found, each change with the findings it clears. */
function renderPlan(snap: ReviewSnapshot): void {
  const plan = snap.plan;
  if (!plan || !plan.goals.length) {
    planBox.hidden = true;
    planList.replaceChildren();
    return;
  }
  planBox.hidden = false;
  planSummary.textContent = planHeading(plan);
  planList.replaceChildren(...plan.goals.map(planGoalItem));
  planNote.textContent = plan.stageNote ?? '';
  planNote.hidden = !plan.stageNote;
}

function planGoalItem(g: SnapshotPlanGoal): HTMLLIElement {
  const li = el('li', { class: `plan-goal ${PLAN_STATUS_CLASS[g.status] ?? ''}`, attrs: { 'data-goal': g.kind === 'tier' ? 'tier' : 'stage' } });
  li.append(el('span', { class: 'plan-goal-heading', text: planGoalHeading(g) }));
  if (g.steps.length) {
    li.append(el('ol', { class: 'plan-steps' }, g.steps.map((s) => {
      const step = el('li', { class: 'plan-step' }, [el('span', { class: 'plan-step-title', text: s.title })]);
      if (s.effect) step.append(el('span', { class: 'plan-step-effect', text: ` → ${s.effect}` }));
      const rules = [...new Set(s.clears.map((c) => c.ruleId))];
      if (rules.length) step.append(el('span', { class: 'rule plan-clears', text: ` clears ${rules.join(', ')}` }));
      return step;
    })));
  }
  if (g.alternatives.length) li.append(el('p', { class: 'muted', text: `Or, on its own: ${g.alternatives.join('; ')}` }));
  if (g.blockers.length) li.append(el('ul', { class: 'plan-blockers' }, g.blockers.map((b) => el('li', { class: 'muted', text: `In the way: ${b}` }))));
  return li;
}

function reasonItem(r: SnapshotReason): HTMLLIElement {
  const li = el('li');
  if (r.elementId) {
    const b = el('button', { class: 'link', text: r.text, attrs: { type: 'button', 'data-element-id': r.elementId, title: 'Click to select in the diagram, double-click to show in the spec' } });
    li.append(b);
  } else li.append(document.createTextNode(r.text));
  if (r.ruleId) li.append(el('span', { class: 'rule', text: ` ${r.ruleId}` }));
  return li;
}

function renderErrors(snap: ReviewSnapshot): void {
  // A snapshot cut to the server's message limit says what it left out (plain text, never markup).
  const notice = snap.notice ? [el('p', { class: 'notice', text: snap.notice })] : [];
  if (!snap.parseErrors.length) {
    errorsBox.hidden = notice.length === 0;
    errorsBox.replaceChildren(...notice);
    return;
  }
  errorsBox.hidden = false;
  const heading = el('h2', { text: snap.parsed ? 'Parts of the spec could not be read' : 'The spec could not be read' });
  const list = el('ul', {}, snap.parseErrors.map((e) => {
    const text = `Line ${e.range.start.line + 1}: ${e.message}`;
    const li = el('li');
    if (e.index >= 0) li.append(el('button', { class: 'link', text, attrs: { type: 'button', 'data-finding-index': String(e.index) } }));
    else li.append(document.createTextNode(text));
    return li;
  }));
  errorsBox.replaceChildren(...notice, heading, list, el('p', { class: 'muted', text: snap.parsed ? 'The diagram shows what could be read.' : 'Fix the errors above; the preview updates as you type.' }));
}

function renderDiagram(snap: ReviewSnapshot): void {
  const d = snap.diagram;
  canvas.hidden = !snap.parsed;
  toolbar.hidden = !snap.parsed;
  legendEdges.hidden = !snap.parsed || d.edges.length === 0;
  overviewNote.hidden = !d.hiddenEdges;
  overviewNote.textContent = d.hiddenEdges ? `Overview: this design is too large to draw its ${d.hiddenEdges} links; select a box for its details.` : '';
  const focused = document.activeElement;
  renderLayer('bands', d.bands, (b) => materialise(bandTree(b)) as Element);
  renderLayer('edges', d.edges, (e) => materialise(edgeTree(e)) as Element);
  renderLayer('nodes', d.nodes, buildNode);
  renderLayer('labels', d.edges, (e) => materialise(edgeLabelTree(e)) as Element);
  nodeById = new Map(d.nodes.map((n) => [n.id, n]));
  if (highlightedId) highlight(highlightedId, false);
  if (highlightedSet.length) highlightSet(highlightedSet);
  // Roving tabindex: exactly one element is in the tab order.
  const nodes = nodeEls();
  const keep = (state.focusId && nodes.find((g) => g.getAttribute('data-element-id') === state.focusId)) || nodes[0];
  for (const g of nodes) if (g !== keep && g.getAttribute('tabindex') !== '-1') g.setAttribute('tabindex', '-1');
  if (keep) keep.setAttribute('tabindex', '0');
  // A rebuilt element loses focus; give it back to its successor.
  if (keep && focused && !focused.isConnected && focused instanceof SVGElement && focused.classList.contains('node')) keep.focus({ preventScroll: true });
}

function renderRatings(snap: ReviewSnapshot): void {
  chartSvg.replaceChildren(materialise(chartTree(snap.ratings, 'wv-chart')));
  let framework = '';
  const items: HTMLElement[] = [];
  const cmp = comparing(snap);
  for (const r of snap.ratings) {
    if (r.framework !== framework) {
      framework = r.framework;
      items.push(el('li', { class: 'framework', text: framework }));
    }
    const change = cmp?.ratings.find((x) => x.axis === r.axis && x.old !== x.new);
    const line = [
      el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } }),
      el('span', { class: 'axis', text: `${r.label}: ` }),
      ...(change ? [el('span', { class: `was ${deltaClass(change.direction)}`, text: `${change.oldLabel} → ` })] : []),
      el('strong', { class: 'value', text: r.valueLabel }),
    ];
    // Reasons fold away so that the eight ratings stay visible at a glance.
    const li = r.reasons.length
      ? el('li', { class: `rating rating-${r.cls}`, attrs: { 'data-axis': r.axis } }, [
        el('details', {}, [el('summary', {}, line), el('ul', { class: 'rating-reasons' }, r.reasons.map((x) => reasonItem(x)))]),
      ])
      : el('li', { class: `rating rating-${r.cls} no-reasons`, attrs: { 'data-axis': r.axis } }, line);
    items.push(li);
    // Bitcoin Layers rates each peg on its own; the custody axis is the enshrined one's.
    if (r.axis === 'custody' && snap.pegs.length > 1) items.push(...snap.pegs.map(pegItem));
  }
  ratingsList.replaceChildren(...items);
  stageDetail.textContent = snap.stage.applicable
    ? `L2BEAT ${snap.stage.label}${snap.stage.reasons.length ? `: ${snap.stage.reasons.map((r) => r.text).join(' ')}` : ''}`
    : 'L2BEAT stages do not apply to this design.';
}

function pegItem(p: ReviewSnapshot['pegs'][number]): HTMLElement {
  const change = snapshot && comparing(snapshot)?.pegs.find((x) => x.id === p.id && x.oldLabel !== undefined && x.oldLabel !== x.newLabel);
  const line = [
    el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } }),
    el('span', { class: 'axis', text: `Peg ${p.id}${p.asset ? ` (${p.asset})` : ''}${p.canonical ? ', enshrined' : ''}: ` }),
    ...(change ? [el('span', { class: `was ${deltaClass(change.direction)}`, text: `${change.oldLabel} → ` })] : []),
    el('strong', { class: 'value', text: p.valueLabel }),
  ];
  return el('li', { class: `rating peg rating-${p.cls}`, attrs: { 'data-peg': p.id } }, [
    el('details', {}, [el('summary', {}, line), el('ul', { class: 'rating-reasons' }, p.reasons.map((x) => reasonItem(x)))]),
  ]);
}

/** How a finding relates to the base revision, when comparing: new, or its severity changed. */
interface FindingDelta {
  isNew: boolean;
  oldSeverity?: string;
}

function findingButton(f: SnapshotFinding, delta?: FindingDelta): HTMLButtonElement {
  const b = el('button', { class: `finding rating-${SEVERITY_CLASS[f.severity] ?? 'neutral'}${f.suppressed ? ' suppressed' : ''}`, attrs: { type: 'button', 'data-finding-index': String(f.index) } });
  if (f.elementId) b.setAttribute('data-target-id', f.elementId);
  const mark = delta?.isNew ? 'new' : delta?.oldSeverity ? `was ${SEVERITY_TITLE[delta.oldSeverity] ?? delta.oldSeverity}` : '';
  b.append(
    el('span', { class: 'sev', text: SEVERITY_TITLE[f.severity] ?? f.severity }),
    el('span', { class: 'rule', text: f.ruleId }),
    el('span', { class: 'msg', text: f.message }),
    el('span', { class: 'loc', text: `line ${f.range.start.line + 1}` }),
  );
  if (mark) b.append(el('span', { class: `delta-badge${delta?.isNew ? ' badge-new' : ' badge-severity'}`, text: mark }));
  b.setAttribute('aria-label', `${mark ? `${mark}: ` : ''}${SEVERITY_TITLE[f.severity] ?? f.severity} ${f.ruleId}: ${f.message}. Line ${f.range.start.line + 1}.${f.suppressed ? ' Suppressed.' : ''}`);
  if (f.suppressed) b.title = `Suppressed: ${f.suppressed.justification}`;
  return b;
}

function renderFindings(snap: ReviewSnapshot): void {
  const groups: HTMLElement[] = [];
  const active = snap.findings.filter((f) => !f.suppressed);
  const cmp = comparing(snap);
  const isNew = new Set(cmp?.newFindings ?? []);
  const oldSeverity = new Map((cmp?.changedSeverity ?? []).map((x) => [x.index, x.old] as const));
  const delta = (f: SnapshotFinding): FindingDelta | undefined => (cmp ? { isNew: isNew.has(f.index), oldSeverity: oldSeverity.get(f.index) } : undefined);
  for (const sev of SEVERITY_ORDER) {
    const list = active.filter((f) => f.severity === sev);
    if (!list.length) continue;
    groups.push(el('section', { class: `finding-group sev-${sev}`, attrs: { 'data-severity': sev } }, [
      el('h3', { text: `${SEVERITY_TITLE[sev]} (${list.length})` }),
      el('ul', {}, list.map((f) => el('li', {}, [findingButton(f, delta(f))]))),
    ]));
  }
  // Findings of the base revision that are gone: fixed (or suppressed) since. Not in the text any
  // more, so they are listed, not linked.
  if (cmp?.fixedFindings.length) {
    groups.push(el('section', { class: 'finding-group fixed-group', attrs: { id: 'fixed-findings' } }, [
      el('h3', { text: `Fixed since ${cmp.label} (${cmp.fixedFindings.length})` }),
      el('ul', {}, cmp.fixedFindings.map((f) => el('li', { class: `fixed-finding rating-${SEVERITY_CLASS[f.severity] ?? 'neutral'}` }, [
        el('span', { class: 'sev', text: SEVERITY_TITLE[f.severity] ?? f.severity }),
        el('span', { class: 'rule', text: ` ${f.ruleId} ` }),
        el('span', { class: 'msg', text: f.message }),
        ...(f.suppressed ? [el('span', { class: 'muted', text: ' (suppressed now)' })] : []),
      ]))),
    ]));
  }
  const suppressed = snap.findings.filter((f) => f.suppressed);
  if (suppressed.length) {
    groups.push(el('details', { class: 'finding-group suppressed-group' }, [
      el('summary', { text: `Suppressed (${suppressed.length})` }),
      el('ul', {}, suppressed.map((f) => el('li', {}, [findingButton(f)]))),
    ]));
  }
  if (!groups.length) groups.push(el('p', { class: 'muted', text: 'No open findings.' }));
  findingsBox.replaceChildren(...groups);
}

function showEmpty(reason: string): void {
  snapshot = undefined;
  collusion.render(undefined);
  app.classList.remove('loading');
  header.hidden = true;
  main.hidden = true;
  errorsBox.hidden = true;
  emptyBox.hidden = false;
  emptyBox.replaceChildren(el('p', { text: reason }));
}

// ---------------------------------------------------------------------------------------------
// Zoom and pan

// The canvas size, kept by a ResizeObserver so that drawing never forces a synchronous layout.
let canvasW = 0;
let canvasH = 0;
new ResizeObserver((entries) => {
  const box = entries[entries.length - 1]!.contentRect;
  const first = canvasW === 0;
  const resized = Math.abs(box.width - canvasW) > 1 || Math.abs(box.height - canvasH) > 1;
  canvasW = box.width;
  canvasH = box.height;
  // Until the user zooms or pans, the whole diagram stays fitted as the panel resizes.
  if (snapshot && ((!state.touched && resized) || first)) fitWhole(false);
  else updateOverflowCue();
}).observe(canvas);

function applyTransform(): void {
  viewport.setAttribute('transform', `translate(${round(state.tx)} ${round(state.ty)}) scale(${round(state.zoom, 1000)})`);
  zoomLabel.textContent = `${Math.round(state.zoom * 100)}%`;
  updateOverflowCue();
}

/**
 * Nothing is cut off without a cue: when part of the diagram lies outside the canvas, the
 * toolbar says where ("More right and below: scroll, drag or use the arrow keys") and the
 * canvas edges on those sides fade (CSS classes more-left/right/up/down).
 */
function updateOverflowCue(): void {
  const d = snapshot?.parsed ? snapshot.diagram : undefined;
  const sides = { left: false, right: false, up: false, down: false };
  if (d && canvasW && canvasH) {
    sides.left = state.tx < -2;
    sides.up = state.ty < -2;
    sides.right = state.tx + d.width * state.zoom > canvasW + 2;
    sides.down = state.ty + d.height * state.zoom > canvasH + 2;
  }
  for (const [side, on] of Object.entries(sides)) canvas.classList.toggle(`more-${side}`, on);
  const where = [sides.left && 'left', sides.right && 'right', sides.up && 'above', sides.down && 'below'].filter(Boolean) as string[];
  overflowCue.hidden = where.length === 0;
  overflowCue.textContent = where.length ? `More ${where.join(' and ')}: scroll, drag or use the arrow keys` : '';
}

function round(n: number, f = 10): number {
  return Math.round(n * f) / f;
}

let saveQueued = false;
function changed(): void {
  state.touched = true;
  applyTransform();
  if (!saveQueued) {
    saveQueued = true;
    requestAnimationFrame(() => { saveQueued = false; saveState(); });
  }
}

function zoomAt(factor: number, cx?: number, cy?: number): void {
  const px = cx ?? canvasW / 2;
  const py = cy ?? canvasH / 2;
  const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, state.zoom * factor));
  // Keep the point under the cursor still.
  state.tx = px - ((px - state.tx) * next) / state.zoom;
  state.ty = py - ((py - state.ty) * next) / state.zoom;
  state.zoom = next;
  changed();
}

/**
 * Fits the whole diagram (both dimensions) into the canvas, centred; the opening view and the
 * Fit button (F) do the same. The layout is compact enough that at 1400×900, full width or side
 * by side, box titles stay at 10 CSS px or more (checked by the webview and workbench tests).
 */
function fitWhole(userAction: boolean): void {
  if (!snapshot || !snapshot.parsed) return;
  const width = canvasW || 800;
  const height = canvasH || 600;
  const d = snapshot.diagram;
  const fit = Math.min((width - 8) / Math.max(1, d.width), (height - 8) / Math.max(1, d.height));
  state.zoom = Math.max(MIN_ZOOM, Math.min(MAX_FIT_ZOOM, fit));
  state.tx = Math.max(4, (width - d.width * state.zoom) / 2);
  state.ty = Math.max(4, (height - d.height * state.zoom) / 2);
  if (userAction) { changed(); state.touched = false; saveState(); }
  else applyTransform();
}

/** Pans just enough to bring a node into view. */
function ensureVisible(n: DiagramNode): void {
  // Read now (one layout on an explicit request): the details line may just have resized the canvas.
  const w = canvas.clientWidth || canvasW;
  const hgt = canvas.clientHeight || canvasH;
  if (!w || !hgt) return;
  const left = n.x * state.zoom + state.tx;
  const top = n.y * state.zoom + state.ty;
  const right = left + n.w * state.zoom;
  const bottom = top + n.h * state.zoom;
  let dx = 0;
  let dy = 0;
  if (left < 8) dx = 8 - left; else if (right > w - 8) dx = Math.max(8 - left, w - 8 - right);
  if (top < 8) dy = 8 - top; else if (bottom > hgt - 8) dy = Math.max(8 - top, hgt - 8 - bottom);
  if (dx || dy) {
    state.tx += dx;
    state.ty += dy;
    applyTransform();
    saveState();
  }
}

canvas.addEventListener('wheel', (ev) => {
  ev.preventDefault();
  const rect = canvas.getBoundingClientRect();
  if (ev.ctrlKey || ev.metaKey) {
    zoomAt(Math.exp(-ev.deltaY * 0.002), ev.clientX - rect.left, ev.clientY - rect.top);
  } else {
    state.tx -= ev.deltaX;
    state.ty -= ev.deltaY;
    changed();
  }
}, { passive: false });

let drag: { x: number; y: number; tx: number; ty: number; id: number; moved: boolean } | undefined;
canvas.addEventListener('pointerdown', (ev) => {
  if (ev.button !== 0) return;
  drag = { x: ev.clientX, y: ev.clientY, tx: state.tx, ty: state.ty, id: ev.pointerId, moved: false };
});
canvas.addEventListener('pointermove', (ev) => {
  if (!drag || drag.id !== ev.pointerId) return;
  const dx = ev.clientX - drag.x;
  const dy = ev.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) { drag.moved = true; canvas.setPointerCapture(ev.pointerId); canvas.classList.add('panning'); }
  state.tx = drag.tx + dx;
  state.ty = drag.ty + dy;
  changed();
});
const endDrag = (ev: PointerEvent) => {
  if (!drag || drag.id !== ev.pointerId) return;
  if (drag.moved) {
    canvas.classList.remove('panning');
    // Swallow the click that ends a pan so it does not reveal anything.
    const stop = (e: Event) => { e.stopPropagation(); e.preventDefault(); };
    canvas.addEventListener('click', stop, { capture: true, once: true });
    setTimeout(() => canvas.removeEventListener('click', stop, { capture: true }), 0);
  }
  drag = undefined;
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

zoomIn.addEventListener('click', () => zoomAt(1.25));
zoomOut.addEventListener('click', () => zoomAt(0.8));
zoomFit.addEventListener('click', () => fitWhole(true));
zoomReset.addEventListener('click', () => { state.zoom = 1; state.tx = 4; state.ty = 4; changed(); });

// ---------------------------------------------------------------------------------------------
// Interaction: reveal, keyboard navigation, highlight

function elementIdOf(target: EventTarget | null): string | undefined {
  const t = target as Element | null;
  const holder = t?.closest?.('[data-element-id]');
  return holder?.getAttribute('data-element-id') ?? undefined;
}

// As in Markdown's preview: a single click selects (highlights the element and shows its details),
// a double click reveals it in the spec. Enter or Space on a focused item reveals it too (a
// keyboard-made click has `detail` 0).
const byKeyboard = (ev: MouseEvent) => ev.detail === 0;

canvas.addEventListener('click', (ev) => {
  const id = elementIdOf(ev.target);
  if (!id) return;
  const g = nodeEls().find((n) => n.getAttribute('data-element-id') === id);
  if (g) focusNode(g, false);
  else select({ elementId: id });
  highlight(id, false);
});
canvas.addEventListener('dblclick', (ev) => {
  const id = elementIdOf(ev.target);
  if (id) post({ type: 'reveal', elementId: id });
});

let selectedFinding: Element | undefined;
function selectFinding(holder: Element | undefined): void {
  selectedFinding?.classList.remove('selected');
  selectedFinding?.removeAttribute('aria-current');
  selectedFinding = holder;
  holder?.classList.add('selected');
  holder?.setAttribute('aria-current', 'true');
}

/** What a click in the header or side panel points at: a finding (by index) or a diagram element. */
function sideTarget(t: Element | null): { finding?: Element; index?: number; elementId?: string } | undefined {
  if (!t || canvas.contains(t)) return undefined;
  const findingHolder = t.closest?.('[data-finding-index]');
  if (findingHolder) {
    const index = Number(findingHolder.getAttribute('data-finding-index'));
    return Number.isSafeInteger(index) && index >= 0 ? { finding: findingHolder, index, elementId: findingHolder.getAttribute('data-target-id') ?? undefined } : undefined;
  }
  const id = elementIdOf(t);
  return id && t.closest('button') ? { elementId: id } : undefined;
}

document.addEventListener('click', (ev) => {
  const target = sideTarget(ev.target as Element | null);
  if (!target) return;
  // A finding with nothing to select in the diagram (a parse error) is revealed at once.
  const reveal = byKeyboard(ev) || (target.index !== undefined && !target.elementId);
  if (target.finding) selectFinding(target.finding);
  if (target.elementId) highlight(target.elementId, true);
  if (target.index !== undefined) select({ finding: target.index });
  else if (target.elementId) select({ elementId: target.elementId });
  if (!reveal) return;
  if (target.index !== undefined) post({ type: 'revealFinding', index: target.index });
  else if (target.elementId) post({ type: 'reveal', elementId: target.elementId });
});
document.addEventListener('dblclick', (ev) => {
  const target = sideTarget(ev.target as Element | null);
  if (!target || (target.index !== undefined && !target.elementId)) return; // already revealed by the click
  if (target.index !== undefined) post({ type: 'revealFinding', index: target.index });
  else if (target.elementId) post({ type: 'reveal', elementId: target.elementId });
});

// Hovering or focusing a finding points at its element in the diagram.
for (const type of ['mouseover', 'focusin'] as const) {
  side.addEventListener(type, (ev) => {
    const b = (ev.target as Element | null)?.closest?.('[data-target-id]');
    const id = b?.getAttribute('data-target-id');
    if (id) highlight(id, false);
  });
}

function focusNode(g: SVGGElement, reveal: boolean): void {
  for (const n of nodeEls()) n.setAttribute('tabindex', n === g ? '0' : '-1');
  g.focus({ preventScroll: true });
  const id = g.getAttribute('data-element-id')!;
  state.focusId = id;
  const n = nodeById.get(id);
  if (n) {
    ensureVisible(n);
    select({ elementId: id });
  }
  saveState();
  if (reveal) post({ type: 'reveal', elementId: id });
}

function neighbour(from: DiagramNode, dir: 'left' | 'right' | 'up' | 'down'): DiagramNode | undefined {
  if (!snapshot) return undefined;
  const cx = from.x + from.w / 2;
  const cy = from.y + from.h / 2;
  let best: DiagramNode | undefined;
  let bestScore = Infinity;
  for (const n of snapshot.diagram.nodes) {
    if (n === from) continue;
    const dx = n.x + n.w / 2 - cx;
    const dy = n.y + n.h / 2 - cy;
    const along = dir === 'left' ? -dx : dir === 'right' ? dx : dir === 'up' ? -dy : dy;
    const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) continue;
    const score = along + across * 2;
    if (score < bestScore) { best = n; bestScore = score; }
  }
  return best;
}

canvas.addEventListener('keydown', (ev) => {
  const target = ev.target as Element;
  const g = target.closest?.('g.node') as SVGGElement | null;
  const key = ev.key;
  if (g && snapshot) {
    const id = g.getAttribute('data-element-id')!;
    const n = nodeById.get(id);
    if (key === 'Enter' || key === ' ') {
      ev.preventDefault();
      post({ type: 'reveal', elementId: id });
      return;
    }
    const dirs: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    if (n && dirs[key]) {
      ev.preventDefault();
      const next = neighbour(n, dirs[key]!);
      const ng = next && nodeEls().find((x) => x.getAttribute('data-element-id') === next.id);
      if (ng) focusNode(ng, false);
      return;
    }
    if (key === 'Home' || key === 'End') {
      ev.preventDefault();
      const all = nodeEls();
      const ng = key === 'Home' ? all[0] : all[all.length - 1];
      if (ng) focusNode(ng, false);
      return;
    }
    if (key === 'Escape') {
      ev.preventDefault();
      canvas.focus();
      return;
    }
  } else if (target === canvas) {
    const step = 40;
    const pans: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (pans[key]) {
      ev.preventDefault();
      state.tx += pans[key]![0];
      state.ty += pans[key]![1];
      changed();
      return;
    }
    if (key === 'Enter') {
      const first = nodeEls().find((x) => x.getAttribute('tabindex') === '0');
      if (first) { ev.preventDefault(); focusNode(first, false); }
      return;
    }
  }
  if (key === '+' || key === '=') { ev.preventDefault(); zoomAt(1.25); }
  else if (key === '-' || key === '_') { ev.preventDefault(); zoomAt(0.8); }
  else if (key === '0') { ev.preventDefault(); state.zoom = 1; changed(); }
  else if (key === 'f' || key === 'F') { ev.preventDefault(); fitWhole(true); }
});

canvas.addEventListener('focusin', (ev) => {
  const g = (ev.target as Element).closest?.('g.node');
  if (!g || !snapshot) return;
  const id = g.getAttribute('data-element-id') ?? '';
  if (nodeById.has(id) && selection?.elementId !== id) select({ elementId: id });
});
// A double click must not select the text of a box (the CSS says so too; this covers old engines).
canvas.addEventListener('mousedown', (ev) => { if (ev.detail > 1) ev.preventDefault(); });

let highlightedId: string | undefined;

/**
 * The diagram side of "Who must collude": the coalition's parties and paths through the set hook
 * (highlightSet dims the rest), and fixed classes telling parties (boxes) from paths (lines).
 */
function markCoalition(selection: CoalitionSelection | undefined): void {
  highlightSet(selection ? [...selection.parties, ...selection.paths] : []);
  for (const e of viewport.querySelectorAll('.coalition-party, .coalition-path')) e.classList.remove('coalition-party', 'coalition-path');
  if (!selection) return;
  const parties = new Set(selection.parties);
  const paths = new Set(selection.paths);
  for (const e of viewport.querySelectorAll('[data-element-id]')) {
    const id = e.getAttribute('data-element-id')!;
    if (parties.has(id)) e.classList.add('coalition-party');
    else if (paths.has(id)) e.classList.add('coalition-path');
  }
}

function highlight(elementId: string | undefined, scroll: boolean): void {
  highlightedId = elementId;
  for (const e of viewport.querySelectorAll('.highlighted')) e.classList.remove('highlighted');
  if (!elementId || !snapshot) return;
  for (const e of viewport.querySelectorAll('[data-element-id]')) {
    if (e.getAttribute('data-element-id') === elementId) e.classList.add('highlighted');
  }
  const n = nodeById.get(elementId);
  if (n && scroll) ensureVisible(n);
}

// ---------------------------------------------------------------------------------------------
// Highlighting a set of elements (the hook for "Who must collude": a coalition's parties)

let highlightedSet: string[] = [];

/**
 * Marks the elements whose ids are in `ids` (class `in-set`) and dims the rest of the diagram
 * (class `set-active` on the drawing); an empty list clears it. Unknown ids are ignored. The
 * set survives snapshot updates until replaced. Ids are component element ids as in the
 * snapshot (`c:<encoded spec id>`, see encodeId), never class names.
 */
export function highlightSet(ids: readonly string[]): void {
  highlightedSet = [...ids];
  const wanted = new Set(highlightedSet);
  for (const e of viewport.querySelectorAll('.in-set')) e.classList.remove('in-set');
  let any = false;
  for (const e of viewport.querySelectorAll('[data-element-id]')) {
    if (wanted.has(e.getAttribute('data-element-id') ?? '')) { e.classList.add('in-set'); any = true; }
  }
  diagramG.classList.toggle('set-active', any);
}

// ---------------------------------------------------------------------------------------------
// Selection and its details

/** What is selected: a diagram element (box or edge) or a finding (by index). */
interface Selection { elementId?: string; finding?: number }
let selection: Selection | undefined;

function select(sel: Selection): void {
  selection = sel;
  showSelection(sel, true);
}

function clearSelection(): void {
  selection = undefined;
  details.hidden = true;
  detailsBody.replaceChildren();
  app.classList.remove('has-details');
}

function factList(items: readonly string[]): HTMLElement {
  return el('ul', { class: 'details-facts' }, items.map((t) => el('li', { text: visibleLabel(t) })));
}

/** Fills the details panel for `sel` from the current snapshot (nothing when it no longer exists). */
function showSelection(sel: Selection, fresh: boolean): void {
  if (!snapshot) return;
  const body: Node[] = [];
  let title = '';
  if (sel.finding !== undefined) {
    const f = snapshot.findings[sel.finding];
    if (!f) return clearSelection();
    title = `${SEVERITY_TITLE[f.severity] ?? f.severity} finding ${f.ruleId}`;
    body.push(el('p', { class: `details-rating rating-${SEVERITY_CLASS[f.severity] ?? 'neutral'}`, text: visibleLabel(f.message) }));
    body.push(el('p', { class: 'muted', text: `Line ${f.range.start.line + 1}${f.path ? ` · ${f.path}` : ''}${f.suppressed ? ' · suppressed' : ''}` }));
    const n = f.elementId ? nodeById.get(f.elementId) : undefined;
    if (n) body.push(el('p', {}, [document.createTextNode('In the diagram: '), el('button', { class: 'link', text: n.title, attrs: { type: 'button', 'data-element-id': n.id } })]));
  } else if (sel.elementId) {
    const n = nodeById.get(sel.elementId);
    const e = n ? undefined : snapshot.diagram.edges.find((x) => x.id === sel.elementId);
    if (n) {
      // Spec text goes in as text, with hidden characters (bidi overrides) made visible.
      title = visibleLabel(n.title);
      body.push(el('p', { class: 'muted details-kind', text: n.kindLabel }));
      body.push(el('p', { class: `details-rating rating-${ratingClass(n.cls)}`, text: n.fullRating ?? n.ratingText }));
      if (n.facts?.length) body.push(factList(n.facts));
      for (const t of n.detail ?? []) body.push(el('p', { class: 'details-description', text: visibleLabel(t) }));
      const own = snapshot.findings.filter((f) => !f.suppressed && f.elementId === n.id);
      if (own.length) {
        body.push(el('h3', { text: `Findings (${own.length})` }));
        body.push(el('ul', { class: 'details-findings' }, own.map((f) => el('li', {}, [findingButton(f)]))));
      } else body.push(el('p', { class: 'muted', text: 'No open findings.' }));
    } else if (e) {
      title = visibleLabel(e.label);
      const from = nodeById.get(e.from);
      const to = nodeById.get(e.to);
      body.push(el('p', { class: 'muted details-kind', text: visibleLabel(`From ${from?.title ?? e.from} to ${to?.title ?? e.to}`) }));
      const rating = e.tooltip.split('\n').slice(2).join(' ');
      if (rating) body.push(el('p', { class: `details-rating rating-${ratingClass(e.cls)}`, text: rating }));
    } else return clearSelection();
  } else return clearSelection();
  detailsTitle.textContent = title;
  detailsBody.replaceChildren(...body);
  details.hidden = false;
  app.classList.add('has-details');
  // A finding picked in the side list is where the user looks already: scrolling the side panel
  // to the details would move the list from under the pointer (a double click would then miss).
  if (fresh && sel.finding === undefined) details.scrollIntoView?.({ block: 'nearest' });
}

detailsReveal.addEventListener('click', () => {
  if (selection?.finding !== undefined) post({ type: 'revealFinding', index: selection.finding });
  else if (selection?.elementId) post({ type: 'reveal', elementId: selection.elementId });
});
detailsClose.addEventListener('click', () => clearSelection());
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && selection && !(ev.target as Element | null)?.closest?.('g.node')) clearSelection();
});

// ---------------------------------------------------------------------------------------------
// PNG rasterisation of an SVG export (the extension cannot rasterise by itself)

function rasterise(msg: Extract<HostMessage, { type: 'exportRequest' }>): void {
  const fail = (error: string) => post({ type: 'exportResult', requestId: msg.requestId, ok: false, error });
  const url = URL.createObjectURL(new Blob([msg.svg], { type: 'image/svg+xml' }));
  const img = new Image();
  img.onload = () => {
    try {
      const c = document.createElement('canvas');
      c.width = Math.max(1, Math.round(msg.width * msg.scale));
      c.height = Math.max(1, Math.round(msg.height * msg.scale));
      const ctx = c.getContext('2d');
      if (!ctx) return fail('no 2D canvas');
      ctx.drawImage(img, 0, 0, c.width, c.height);
      const data = c.toDataURL('image/png');
      const comma = data.indexOf(',');
      if (!data.startsWith('data:image/png;base64,') || comma < 0) return fail('the canvas did not produce a PNG');
      post({ type: 'exportResult', requestId: msg.requestId, ok: true, data: data.slice(comma + 1) });
    } catch (e) {
      fail(String((e as Error)?.message ?? e));
    } finally {
      URL.revokeObjectURL(url);
    }
  };
  img.onerror = () => { URL.revokeObjectURL(url); fail('the SVG could not be loaded as an image'); };
  img.src = url;
}

// ---------------------------------------------------------------------------------------------

window.addEventListener('message', (ev: MessageEvent) => {
  const msg = parseHostMessage(ev.data);
  if (!msg) return;
  switch (msg.type) {
    case 'snapshot':
      renderSnapshot(msg.uri, msg.snapshot);
      break;
    case 'highlight': {
      if (msg.ids) { highlightSet(msg.ids); break; }
      let id = msg.elementId;
      if (!id && msg.path !== undefined && snapshot) id = nodeForPath(snapshot.diagram.nodes, msg.path)?.id;
      highlight(id, true);
      break;
    }
    case 'clear':
      showEmpty(msg.reason);
      break;
    case 'selectCoalition':
      collusion.select(msg.failure, msg.index);
      break;
    case 'panel':
      state.locked = msg.locked;
      saveState();
      break;
    case 'exportRequest':
      rasterise(msg);
      break;
  }
});

post({ type: 'ready' });
