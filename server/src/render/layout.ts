// Deterministic stack-diagram layout: Layer 2 on top, the peg / bridge in the middle, Bitcoin L1
// at the bottom. This file decides what the boxes and edges say and which band they belong to;
// Eclipse ELK's layered algorithm (elkjs, ./elk.ts) places the boxes that have edges and routes
// the edges orthogonally with their labels inline, the bands being ELK partitions so they stay
// in order. Boxes without edges and the band titles then get strips of their own, placed where
// no line passes.
import type { Component, ComponentKind, SignerSetRef, SpecModel } from '../engine/model.js';
import type { Assessment, Finding, Range, Ratings, Severity } from '../engine/types.js';
import {
  ANCHOR_LABEL, BITCOIN_LAYERS_CLASS, BITCOIN_LAYERS_LABEL, CUSTODY_LABEL, DATA_LABEL, DISCLOSURE_LABEL, EXIT_LABEL,
  FALLBACK_LABEL, FAMILY_LABEL, FINALITY_LABEL, FORCED_LABEL, KIND_LABEL, L2BEAT_CLASS, L2BEAT_LABEL, MINT_LABEL,
  SETTLEMENT_LABEL, SEVERITY_CLASS, TIER_CLASS, TIER_LABEL, VALIDATION_LABEL, type RatingClass, worseClass,
} from './labels.js';
import { normalise, textWidth, truncate, wrap } from './text.js';
import { elkLayout, type ElkEdge, type ElkNode } from './elk.js';

export type BandKind = 'l2' | 'peg' | 'l1';
export type EdgeKind = 'custody' | 'data' | 'upgrade' | 'exit' | 'anchor';
export type NodeKind =
  | 'system' | 'component' | 'peg' | 'no-peg' | 'emergency' | 'upgrade' | 'data' | 'validation' | 'liveness'
  | 'governance' | 'finality' | 'bitcoin' | 'anchoring' | 'exit';

export interface Rect { x: number; y: number; w: number; h: number }

/** One line of text, already wrapped/truncated; `y` is the baseline, `width` the estimate. */
export interface TextLine {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
  /** Role of the line, used as a CSS class: title, sub, rating, count, band, edge. */
  role: 'title' | 'sub' | 'rating' | 'count' | 'band' | 'edge';
  width: number;
}

export interface DiagramNode extends Rect {
  /** Stable element id: derived from the spec's own ids, safe characters only. */
  id: string;
  band: BandKind;
  kind: NodeKind;
  componentKind?: ComponentKind;
  /** Full (unwrapped) title. */
  title: string;
  /** Kind of element in words ("Federation", "Peg", "Exit to L1"). */
  kindLabel: string;
  cls: RatingClass;
  /** Rating in words, e.g. "Custody: High risk". */
  ratingText: string;
  lines: TextLine[];
  /** Spec path revealed on click. */
  path: string;
  /** Every spec path this element stands for (cursor highlight, finding mapping). */
  paths: string[];
  range?: Range;
  /** Source ranges of `paths` (same order, missing ones dropped). */
  ranges: Range[];
  tooltip: string;
  ariaLabel: string;
  findings: number;
  worst?: Severity;
  /** What the box stands for, in words (shown in the details panel, not in the box). */
  facts?: string[];
  /** Longer descriptions from the spec (details panel). */
  detail?: string[];
  /** The box's rating in full ("Custody: High risk (…)"), when it decides one. */
  fullRating?: string;
}

export interface DiagramEdge {
  id: string;
  kind: EdgeKind;
  from: string;
  to: string;
  cls: RatingClass;
  label: string;
  /** The label, wrapped onto one to three lines inside `labelBox`. */
  labelLines: TextLine[];
  labelBox: Rect;
  /** Orthogonal polyline from source to target (px); it passes under its own label only. */
  points: [number, number][];
  /** Arrow head triangle at the target. */
  arrow: [number, number][];
  tooltip: string;
  path?: string;
  range?: Range;
}

export interface DiagramBand extends Rect {
  id: string;
  kind: BandKind;
  title: string;
  /** The title, wrapped onto one to three lines at the band's top. */
  titleLines: TextLine[];
}

export interface Diagram {
  width: number;
  height: number;
  bands: DiagramBand[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /**
   * Set in the overview of a huge design (more than OVERVIEW_MAX_LINKED boxes with edges, or
   * OVERVIEW_MAX_EDGES edges): how many edges are not drawn. Every box is then in a grid.
   */
  hiddenEdges?: number;
}

export interface LayoutInput {
  model: SpecModel;
  assessment: Assessment;
  /** Active (unsuppressed) findings. */
  findings: readonly Finding[];
  rangeOf(path: string, key?: boolean): Range | undefined;
}

// Geometry (px). Boxes are compact (name, kind, the rating the box decides, a findings count
// only when there are findings): everything else is in the details beside the diagram.
export const NODE_W = 121;
/** Height of a box with a one-line title and no findings line (boxes grow by a line for each). */
export const NODE_H = 50;
const MARGIN = 8;
const BAND_X = 6; // bands span the width, inset this much
const BAND_PAD = 10; // boxes start this far inside a band
const TEXT_X = 10; // after the 4 px rating stripe
const TEXT_W = NODE_W - TEXT_X - 8;
const MIN_WIDTH = 420;
/** Edge labels wrap onto at most three lines this wide. */
const EDGE_LABEL_MAX = 86;
const EDGE_LINE = 13;
const BAND_LINE = 17;
/** Height of the strip above each band's boxes that holds its title. */
const BAND_TITLE_H = 18;
/** Boxes without edges sit in rows of at most this many. */
const FREE_COLS = 3;

const TITLE = { size: 13, bold: true } as const;
const SUB = { size: 11 } as const;
const RATING = { size: 11, bold: true } as const;
const EDGE = { size: 11 } as const;
const BAND = { size: 13, bold: true } as const;

const BAND_ORDER: BandKind[] = ['l2', 'peg', 'l1'];

/** Makes a spec id safe for use as (part of) an element id: keeps [A-Za-z0-9_-], %-encodes the rest. */
export function encodeId(id: string): string {
  let out = '';
  for (const ch of id.slice(0, 80)) {
    if (/[A-Za-z0-9_-]/.test(ch)) out += ch;
    else out += [...new TextEncoder().encode(ch)].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
  }
  return out || '%00';
}

/** Element ids only ever use these characters; the extension rejects anything else. */
export const ELEMENT_ID_PATTERN = /^[A-Za-z0-9_%:.~>-]{1,1000}$/;

// ---------------------------------------------------------------------------------------------
// Node content

interface NodeDraft {
  id: string;
  band: BandKind;
  kind: NodeKind;
  componentKind?: ComponentKind;
  title: string;
  kindLabel: string;
  facts: string[];
  detail: string[];
  axis?: keyof Ratings;
  /** Fixed class (L1 node follows the tier) instead of an axis. */
  fixed?: { cls: RatingClass; text: string };
  path: string;
  paths: string[];
  /** Grouping key for ordering inside the band. */
  order: number;
}

/** Axis names short enough for a box. */
const AXIS_SHORT: Record<keyof Ratings, string> = {
  custody: 'Custody', dataAvailability: 'Data', operators: 'Operators', finality: 'Finality',
  exitWindow: 'Exit window', stateValidation: 'Validation', sequencerFailure: 'Sequencer', proposerFailure: 'Proposer',
};
const VALUE_SHORT: Record<string, string> = {
  low: 'Low', medium: 'Medium', high: 'High', 'very-high': 'Stop!', unverified: 'Unverified', 'under-review': 'Under review', 'not-applicable': 'n/a',
  good: 'Good', warning: 'Warning', bad: 'Bad',
};

const AXIS_LABEL: Record<keyof Ratings, string> = {
  custody: 'Custody', dataAvailability: 'Data availability', operators: 'Operators', finality: 'Finality',
  exitWindow: 'Exit window', stateValidation: 'State validation', sequencerFailure: 'Sequencer failure', proposerFailure: 'Proposer failure',
};

function axisRating(ratings: Ratings, axis: keyof Ratings): { cls: RatingClass; label: string; short: string } {
  const r = ratings[axis];
  const short = VALUE_SHORT[r.value] ?? String(r.value);
  if (axis === 'custody' || axis === 'dataAvailability' || axis === 'operators' || axis === 'finality') {
    const v = r.value as keyof typeof BITCOIN_LAYERS_CLASS;
    return { cls: BITCOIN_LAYERS_CLASS[v] ?? 'neutral', label: BITCOIN_LAYERS_LABEL[v] ?? String(v), short };
  }
  const v = r.value as keyof typeof L2BEAT_CLASS;
  return { cls: L2BEAT_CLASS[v] ?? 'neutral', label: L2BEAT_LABEL[v] ?? String(v), short };
}

const KIND_ORDER: ComponentKind[] = [
  'sequencer', 'operator', 'proposer', 'validators', 'miners', 'federation', 'signer-set', 'relayer',
  'prover', 'challengers', 'watchtowers', 'da-committee', 'security-council', 'users',
];
const KIND_AXIS: Record<ComponentKind, keyof Ratings | undefined> = {
  sequencer: 'operators', operator: 'operators', proposer: 'operators', validators: 'operators', miners: 'operators',
  federation: 'custody', 'signer-set': 'custody', relayer: 'custody', prover: 'stateValidation', challengers: 'stateValidation',
  watchtowers: 'stateValidation', 'da-committee': 'dataAvailability', 'security-council': 'exitWindow', users: undefined,
};

function describeSet(c: Component | undefined, thresholdText?: string): string {
  if (!c) return thresholdText ?? '';
  const parts: string[] = [];
  const t = thresholdText ?? c.threshold?.text;
  if (t) parts.push(`${t} ${(KIND_LABEL[c.kind] ?? c.kind).toLowerCase()}`);
  else if (c.operators !== undefined) parts.push(`${c.operators} × ${(KIND_LABEL[c.kind] ?? c.kind).toLowerCase()}`);
  else parts.push((c.name ?? c.id));
  if (c.publiclyKnown) parts.push(DISCLOSURE_LABEL[c.publiclyKnown] ?? c.publiclyKnown);
  return parts.join(', ');
}

function componentFacts(c: Component): string[] {
  const facts: string[] = [];
  if (c.threshold) facts.push(c.threshold.text);
  else if (c.operators !== undefined) facts.push(`${c.operators} member${c.operators === 1 ? '' : 's'}`);
  if (c.external !== undefined) facts.push(`${c.external} external`);
  if (c.publiclyKnown) facts.push(DISCLOSURE_LABEL[c.publiclyKnown] ?? c.publiclyKnown);
  if (c.permissionless) facts.push('permissionless');
  if (c.hashrateShare !== undefined) facts.push(`${Math.round(c.hashrateShare * 100)}% hashrate`);
  if (c.stakeBtc !== undefined) facts.push(`${c.stakeBtc} BTC staked`);
  if (c.hsm) facts.push('HSM');
  if (c.openSource === false) facts.push('closed source');
  return facts;
}

function refLabel(ref: SignerSetRef | undefined): string | undefined {
  if (!ref) return undefined;
  return ref.component?.name ?? ref.ref ?? ref.component?.id;
}

function buildDrafts(model: SpecModel): { drafts: NodeDraft[]; componentNode: Map<Component, string> } {
  const drafts: NodeDraft[] = [];
  const componentNode = new Map<Component, string>();
  const used = new Set<string>();
  const uniq = (base: string): string => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}~${n}`;
    used.add(id);
    return id;
  };

  // Roles a component plays, so it is rated on the axis it matters for.
  const role = new Map<Component, keyof Ratings>();
  for (const peg of model.pegs) {
    if (peg.signers?.component) role.set(peg.signers.component, 'custody');
    const em = peg.emergencyRecovery;
    if (em && em !== 'none' && em.signers?.component) role.set(em.signers.component, 'custody');
    const up = peg.upgrade?.authority;
    if (up && up !== 'none' && up.component && !role.has(up.component)) role.set(up.component, 'exitWindow');
  }
  if (model.dataAvailability?.committee?.component) role.set(model.dataAvailability.committee.component, 'dataAvailability');
  if (model.stateValidation?.challengers?.component) role.set(model.stateValidation.challengers.component, 'stateValidation');
  if (model.governance?.securityCouncil?.component && !role.has(model.governance.securityCouncil.component)) {
    role.set(model.governance.securityCouncil.component, 'exitWindow');
  }

  // --- Layer 2 band: the system and its aspects first, then the components by role.
  const sys = model.system;
  const sysFacts = [sys.family ? FAMILY_LABEL[sys.family] ?? sys.family : 'Family not given'];
  if (sys.claims.length) sysFacts.push(`claims: ${sys.claims.join(', ')}`);
  if (model.transparency?.nodeSource) sysFacts.push(`node ${model.transparency.nodeSource}`);
  drafts.push({
    id: uniq('system'), band: 'l2', kind: 'system', title: sys.name ?? 'Unnamed system', kindLabel: 'Layer 2 system',
    facts: sysFacts, detail: sys.description ? [sys.description] : [], path: 'system', paths: ['system', 'transparency', 'formatVersion'], order: 0,
  });

  const da = model.dataAvailability;
  if (da) {
    const facts = [da.location ? DATA_LABEL[da.location] ?? da.location : 'Location not given'];
    const committee = da.committee?.component;
    if (committee) facts.push(describeSet(committee));
    if (da.daBridge !== undefined) facts.push(da.daBridge ? 'DA bridge' : 'no DA bridge');
    if (da.permissionedAccess) facts.push('permissioned access');
    if (da.backup === false) facts.push('no backup');
    drafts.push({
      id: uniq('data'), band: da.location === 'bitcoin' ? 'l1' : 'l2', kind: 'data', title: 'Data availability', kindLabel: 'Data availability',
      facts, detail: [], axis: 'dataAvailability', path: 'dataAvailability', paths: ['dataAvailability'], order: da.location === 'bitcoin' ? 3 : 1,
    });
  }
  const sv = model.stateValidation;
  if (sv) {
    const facts = [sv.mechanism ? VALIDATION_LABEL[sv.mechanism] ?? sv.mechanism : 'Mechanism not given'];
    if (sv.proofSystem) facts.push(sv.proofSystem);
    if (sv.challengePeriod) facts.push(`challenge ${sv.challengePeriod.text}`);
    const ch = refLabel(sv.challengers);
    if (ch) facts.push(`challengers: ${ch}`);
    if (sv.proverSource === 'closed') facts.push('closed prover');
    drafts.push({
      id: uniq('validation'), band: 'l2', kind: 'validation', title: 'State validation', kindLabel: 'State validation',
      facts, detail: [], axis: 'stateValidation', path: 'stateValidation', paths: ['stateValidation'], order: 2,
    });
  }
  const ex = model.exits;
  if (ex && (ex.forcedInclusion || ex.proposerFallback)) {
    const facts: string[] = [];
    if (ex.forcedInclusion?.mode) facts.push(FORCED_LABEL[ex.forcedInclusion.mode] ?? ex.forcedInclusion.mode);
    if (ex.forcedInclusion?.maxDelay) facts.push(`within ${ex.forcedInclusion.maxDelay.text}`);
    if (ex.proposerFallback) facts.push(FALLBACK_LABEL[ex.proposerFallback] ?? ex.proposerFallback);
    drafts.push({
      id: uniq('liveness'), band: 'l2', kind: 'liveness', title: 'Liveness fallbacks', kindLabel: 'Censorship and liveness',
      facts, detail: [], axis: 'sequencerFailure', path: ex.forcedInclusion ? 'exits.forcedInclusion' : 'exits.proposerFallback',
      paths: ['exits.forcedInclusion', 'exits.proposerFallback'], order: 3,
    });
  }
  const gov = model.governance;
  if (gov) {
    const facts: string[] = [];
    if (gov.upgradeable === false) facts.push('immutable');
    else if (gov.upgradeDelay) facts.push(`upgrade delay ${gov.upgradeDelay.text}`);
    else if (gov.upgradeable) facts.push('upgradeable, no delay given');
    const council = refLabel(gov.securityCouncil);
    if (council) facts.push(`council: ${council}`);
    if (gov.councilScope) facts.push(`scope: ${gov.councilScope}`);
    if (gov.pause && gov.pause !== 'none') facts.push(`pause: ${gov.pause}`);
    if (gov.blacklist && gov.blacklist !== 'none') facts.push(`blacklist: ${gov.blacklist}`);
    drafts.push({
      id: uniq('governance'), band: 'l2', kind: 'governance', title: 'Governance', kindLabel: 'Governance',
      facts, detail: [], axis: 'exitWindow', path: 'governance', paths: ['governance'], order: 4,
    });
  }
  const fin = model.finality;
  if (fin) {
    const onBitcoin = fin.source === 'bitcoin' || fin.source === 'user-held';
    const facts = [fin.source ? FINALITY_LABEL[fin.source] ?? fin.source : 'Source not given'];
    if (fin.provableKeyDeletion !== undefined) facts.push(fin.provableKeyDeletion ? 'provable key deletion' : 'key deletion not provable');
    drafts.push({
      id: uniq('finality'), band: onBitcoin ? 'l1' : 'l2', kind: 'finality', title: 'Finality', kindLabel: 'Finality',
      facts, detail: [], axis: 'finality', path: 'finality', paths: ['finality'], order: onBitcoin ? 4 : 5,
    });
  }

  const indexed = model.components.map((c, i) => ({ c, i }));
  indexed.sort((a, b) => (KIND_ORDER.indexOf(a.c.kind) - KIND_ORDER.indexOf(b.c.kind)) || a.i - b.i);
  for (const { c, i } of indexed) {
    const id = uniq(`c:${encodeId(c.id)}`);
    componentNode.set(c, id);
    drafts.push({
      id, band: 'l2', kind: 'component', componentKind: c.kind, title: c.name ?? c.id, kindLabel: KIND_LABEL[c.kind] ?? 'Component',
      facts: componentFacts(c), detail: c.description ? [c.description] : [], axis: role.get(c) ?? KIND_AXIS[c.kind],
      path: c.path || `components.${i}`, paths: [c.path || `components.${i}`], order: 10,
    });
  }

  // --- Peg band: one row per peg (the peg, its emergency path, its upgrade authority).
  if (model.pegs.length === 0) {
    drafts.push({
      id: uniq('no-peg'), band: 'peg', kind: 'no-peg', title: 'No peg declared', kindLabel: 'Peg',
      facts: ['How BTC enters and leaves is not described'], detail: [], axis: 'custody', path: 'pegs', paths: ['pegs'], order: 0,
    });
  }
  model.pegs.forEach((peg, i) => {
    const base = `peg:${encodeId(peg.id)}`;
    const pp = peg.path || `pegs.${i}`;
    const facts: string[] = [peg.custody ? CUSTODY_LABEL[peg.custody] ?? peg.custody : 'Custody not given'];
    const signers = describeSet(peg.signers?.component, peg.threshold?.text);
    if (signers) facts.push(signers);
    else if (peg.signers?.ref) facts.push(`signers: ${peg.signers.ref}`);
    if (peg.mintTrigger) facts.push(MINT_LABEL[peg.mintTrigger] ?? peg.mintTrigger);
    if (peg.pegInConfirmations !== undefined) facts.push(`peg-in after ${peg.pegInConfirmations} confirmations`);
    if (peg.withdrawalsPermissioned) facts.push('permissioned peg-outs');
    if (peg.depositSizeBtc !== undefined) facts.push(`${peg.depositSizeBtc} BTC deposits`);
    drafts.push({
      id: uniq(base), band: 'peg', kind: 'peg', title: `Peg: ${peg.asset ?? peg.id}`, kindLabel: 'Peg / bridge',
      facts, detail: [], axis: 'custody', path: pp, paths: [pp], order: i * 3,
    });
    const em = peg.emergencyRecovery;
    const emFacts: string[] = [];
    if (em === 'none') emFacts.push('None: funds freeze if signers vanish');
    else if (!em) emFacts.push('Not described');
    else {
      const who = describeSet(em.signers?.component, em.threshold?.text) || refLabel(em.signers) || 'Recovery keys';
      emFacts.push(who);
      if (em.timelock) emFacts.push(`after ${em.timelock.text}`);
    }
    drafts.push({
      id: uniq(`${base}:emergency`), band: 'peg', kind: 'emergency', title: 'Emergency path', kindLabel: 'Emergency recovery',
      facts: emFacts, detail: [], path: em ? `${pp}.emergencyRecovery` : pp, paths: [`${pp}.emergencyRecovery`], order: i * 3 + 1,
    });
    const up = peg.upgrade;
    const upFacts: string[] = [];
    if (!up) upFacts.push('Not described');
    else if (up.authority === 'none') upFacts.push('Immutable: nobody can upgrade');
    else {
      upFacts.push(up.authority ? describeSet(up.authority.component) || refLabel(up.authority) || 'Authority not given' : 'Authority not given');
      upFacts.push(up.delay ? `${up.delay.text} delay` : 'no delay given');
    }
    drafts.push({
      id: uniq(`${base}:upgrade`), band: 'peg', kind: 'upgrade', title: 'Upgrade authority', kindLabel: 'Upgrade authority',
      facts: upFacts, detail: [], axis: up?.authority === 'none' ? undefined : 'exitWindow',
      path: up ? `${pp}.upgrade` : pp, paths: [`${pp}.upgrade`], order: i * 3 + 2,
    });
  });

  // --- Bitcoin L1 band: what is settled, anchored or posted there, and the way out.
  const l1 = model.l1;
  const host = l1.host ?? 'bitcoin';
  const l1Facts = [l1.settlement ? SETTLEMENT_LABEL[l1.settlement] : 'Settlement not described'];
  if (host !== 'bitcoin') l1Facts.unshift(`Runs on ${host === 'ethereum' ? 'Ethereum' : 'another chain'}; BTC is wrapped`);
  drafts.push({
    id: uniq('bitcoin'), band: 'l1', kind: 'bitcoin', title: 'Bitcoin L1', kindLabel: 'Bitcoin base layer',
    facts: l1Facts, detail: [], path: 'l1', paths: ['l1'], order: 0,
  });
  if (l1.anchoring) {
    const a = l1.anchoring;
    const facts: string[] = [];
    if (a.what?.length) facts.push(a.what.map((w) => ANCHOR_LABEL[w] ?? w).join(', '));
    if (a.interval) facts.push(`every ${a.interval.text}`);
    if (a.bridgeFinalizesOnAnchor !== undefined) facts.push(a.bridgeFinalizesOnAnchor ? 'bridge settles on it' : 'bridge does not settle on it');
    drafts.push({
      id: uniq('anchoring'), band: 'l1', kind: 'anchoring', title: 'Anchored on Bitcoin', kindLabel: 'Anchoring',
      facts, detail: [], axis: 'finality', path: 'l1.anchoring', paths: ['l1.anchoring'], order: 1,
    });
  }
  if (ex) {
    const facts = [ex.mechanism ? EXIT_LABEL[ex.mechanism] ?? ex.mechanism : 'Mechanism not given'];
    if (ex.unilateral !== undefined) facts.push(ex.unilateral ? 'unilateral' : 'needs operator help');
    if (ex.delay) facts.push(`takes up to ${ex.delay.text}`);
    if (ex.watchtowers?.required) facts.push('watchtowers required');
    if (ex.vtxoExpiry) facts.push(`VTXOs expire after ${ex.vtxoExpiry.text}`);
    drafts.push({
      id: uniq('exit'), band: 'l1', kind: 'exit', title: 'Exit to L1', kindLabel: 'Exit path',
      facts, detail: [], axis: 'exitWindow', path: 'exits', paths: ['exits'], order: 2,
    });
  }
  return { drafts, componentNode };
}

// ---------------------------------------------------------------------------------------------
// Edges (logical)

interface EdgeDraft {
  kind: EdgeKind;
  from: string;
  to: string;
  label: string;
  axis?: keyof Ratings;
  path?: string;
}

function buildEdgeDrafts(model: SpecModel, drafts: NodeDraft[], componentNode: Map<Component, string>): EdgeDraft[] {
  const byKind = (kind: NodeKind) => drafts.find((d) => d.kind === kind)?.id;
  const edges: EdgeDraft[] = [];
  const nodeOf = (ref: SignerSetRef | undefined) => (ref?.component ? componentNode.get(ref.component) : undefined);
  const pegDrafts = drafts.filter((d) => d.kind === 'peg');
  const emDrafts = drafts.filter((d) => d.kind === 'emergency');
  const upDrafts = drafts.filter((d) => d.kind === 'upgrade');
  const bitcoin = byKind('bitcoin')!;

  model.pegs.forEach((peg, i) => {
    const pegId = pegDrafts[i]!.id;
    const pp = peg.path || `pegs.${i}`;
    const signer = nodeOf(peg.signers);
    const t = peg.threshold?.text ?? peg.signers?.component?.threshold?.text;
    if (signer) edges.push({ kind: 'custody', from: signer, to: pegId, label: `Custody: holds the keys${t ? ` (${t})` : ''}`, axis: 'custody', path: `${pp}.signers` });
    edges.push({ kind: 'custody', from: pegId, to: bitcoin, label: `Custody: BTC locked on L1${peg.custody ? ` (${CUSTODY_LABEL[peg.custody] ?? peg.custody})` : ''}`, axis: 'custody', path: `${pp}.custody` });
    const em = peg.emergencyRecovery;
    if (em && em !== 'none') {
      const who = nodeOf(em.signers);
      if (who) edges.push({ kind: 'custody', from: who, to: emDrafts[i]!.id, label: `Custody: recovery keys${em.timelock ? ` after ${em.timelock.text}` : ''}`, axis: 'custody', path: `${pp}.emergencyRecovery.signers` });
    }
    const up = peg.upgrade?.authority;
    if (up && up !== 'none') {
      const who = nodeOf(up);
      if (who) edges.push({ kind: 'upgrade', from: who, to: upDrafts[i]!.id, label: `Upgrade: can change the peg${peg.upgrade?.delay ? ` after ${peg.upgrade.delay.text}` : ', no delay'}`, axis: 'exitWindow', path: `${pp}.upgrade.authority` });
    }
  });

  const council = nodeOf(model.governance?.securityCouncil);
  const govId = byKind('governance');
  if (council && govId) edges.push({ kind: 'upgrade', from: council, to: govId, label: 'Upgrade: security council powers', axis: 'exitWindow', path: 'governance.securityCouncil' });

  const producerKinds: ComponentKind[] = ['sequencer', 'operator', 'validators', 'miners', 'proposer'];
  let producer: string | undefined;
  for (const k of producerKinds) {
    const c = model.components.find((x) => x.kind === k);
    if (c) { producer = componentNode.get(c); break; }
  }
  const system = byKind('system')!;
  const dataId = byKind('data');
  const da = model.dataAvailability;
  if (dataId && da) {
    const where = da.location ? (DATA_LABEL[da.location] ?? da.location).toLowerCase() : 'location not given';
    edges.push({ kind: 'data', from: producer ?? system, to: dataId, label: `Data: ${where}`, axis: 'dataAvailability', path: 'dataAvailability.location' });
    const committee = nodeOf(da.committee);
    if (committee) edges.push({ kind: 'data', from: committee, to: dataId, label: 'Data: committee attests availability', axis: 'dataAvailability', path: 'dataAvailability.committee' });
  }
  const anchorId = byKind('anchoring');
  if (anchorId) {
    const a = model.l1.anchoring!;
    const what = a.what?.length ? a.what.map((w) => ANCHOR_LABEL[w] ?? w).join(', ') : 'commitments';
    edges.push({ kind: 'anchor', from: producer ?? system, to: anchorId, label: `Anchor: ${what}${a.interval ? ` every ${a.interval.text}` : ''}`, axis: 'finality', path: 'l1.anchoring' });
  }
  const exitId = byKind('exit');
  if (exitId) {
    const users = model.components.find((c) => c.kind === 'users');
    const ex = model.exits!;
    const how = ex.mechanism ? (EXIT_LABEL[ex.mechanism] ?? ex.mechanism).toLowerCase() : 'exit';
    edges.push({ kind: 'exit', from: (users && componentNode.get(users)) ?? system, to: exitId, label: `Exit: ${how}${ex.unilateral ? ', unilateral' : ''}`, axis: 'exitWindow', path: 'exits.mechanism' });
  }
  // One edge per (kind, from, to); self-loops carry no information.
  const seen = new Set<string>();
  return edges.filter((e) => {
    const key = `${e.kind}|${e.from}|${e.to}`;
    if (e.from === e.to || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Geometry: rows per band, then the layered layout (./layered.ts) places and routes them.

const pathIndexes = new WeakMap<readonly Pick<DiagramNode, 'paths' | 'kind'>[], Map<string, Pick<DiagramNode, 'paths' | 'kind'>>>();

/** The node a spec path belongs to: the one with the longest matching path, else the system node. */
export function nodeForPath<N extends Pick<DiagramNode, 'paths' | 'kind'>>(nodes: readonly N[], path: string): N | undefined {
  let index = pathIndexes.get(nodes) as Map<string, N> | undefined;
  if (!index) {
    index = new Map();
    for (const n of nodes) for (const p of n.paths) if (!index.has(p)) index.set(p, n);
    pathIndexes.set(nodes, index);
  }
  // Walk up the dotted path: "pegs.0.upgrade.delay" → "pegs.0.upgrade" → "pegs.0" → "pegs".
  for (let p = path; ; ) {
    const hit = index.get(p);
    if (hit) return hit;
    const dot = p.lastIndexOf('.');
    if (dot < 0) break;
    p = p.slice(0, dot);
  }
  return nodes.find((n) => n.kind === 'system');
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** Splits `list` into the fewest rows of at most `size`, as even as possible (5 → 3 + 2). */
function chunk<T>(list: readonly T[], size: number): T[][] {
  const rows = Math.ceil(list.length / size);
  const out: T[][] = [];
  for (let r = 0, at = 0; r < rows; r++) {
    const n = Math.ceil((list.length - at) / (rows - r));
    out.push(list.slice(at, at + n));
    at += n;
  }
  return out;
}

/** Beyond this many boxes with edges, or edges, the diagram is an overview without edges (ELK would take too long). */
export const OVERVIEW_MAX_LINKED = 150;
export const OVERVIEW_MAX_EDGES = 150;

/**
 * What ELK lays out: the boxes with edges, one partition per band (partitions are stacked top to
 * bottom, and ELK layers each by its edges). Boxes without edges would all land in one long
 * layer of their partition, so they go to `grid` instead (packed later in a strip of their band:
 * above the linked boxes in Layer 2, below them elsewhere, where no line runs), except that a few
 * of them share the linked row of the peg and L1 bands (one strip less for lines to cross).
 * Keeping them out of ELK also keeps its graph small: ELK's time grows with every box.
 */
function partitions(drafts: readonly NodeDraft[], edges: readonly EdgeDraft[]): { partition: Map<string, number>; bandOfPartition: BandKind[]; grid: Map<BandKind, NodeDraft[]> } {
  const linked = new Set<string>();
  for (const e of edges) { linked.add(e.from); linked.add(e.to); }
  const partition = new Map<string, number>();
  const bandOfPartition: BandKind[] = [];
  const grid = new Map<BandKind, NodeDraft[]>();
  for (const band of BAND_ORDER) {
    const list = drafts.filter((d) => d.band === band).sort((a, c) => a.order - c.order);
    const free = list.filter((d) => !linked.has(d.id));
    const flow = list.filter((d) => linked.has(d.id));
    const row = band !== 'l2' && flow.length > 0 && flow.length + free.length <= FREE_COLS + 1 ? list : flow;
    if (row.length) {
      for (const d of row) partition.set(d.id, bandOfPartition.length);
      bandOfPartition.push(band);
    }
    const rest = free.filter((d) => !partition.has(d.id));
    if (rest.length) grid.set(band, rest);
  }
  return { partition, bandOfPartition, grid };
}

/** Free stretches of [from, to) between the busy intervals (sorted by start), as [start, end). */
function freeStretches(busy: [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [];
  let at = from;
  for (const [s, e] of [...busy].sort((p, q) => p[0] - q[0])) {
    if (s > at) out.push([at, Math.min(s, to)]);
    at = Math.max(at, e);
    if (at >= to) break;
  }
  if (at < to) out.push([at, to]);
  return out.filter(([s, e]) => e > s);
}

/** Boxes in the order ELK keeps within a layer: linked boxes first (left), so lines run straight down. */
function orderForElk(drafts: readonly NodeDraft[], edges: readonly EdgeDraft[]): NodeDraft[] {
  const linked = new Set<string>();
  for (const e of edges) { linked.add(e.from); linked.add(e.to); }
  return [...drafts.filter((d) => linked.has(d.id)), ...drafts.filter((d) => !linked.has(d.id))];
}

/**
 * ELK layered options: top-down, orthogonal edges, labels inline on their edge. The spec's order
 * is not kept inside a layer (ELK's own ordering drew narrower and as short on the examples).
 */
const ELK_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.partitioning.activate': 'true',
  'elk.separateConnectedComponents': 'false',
  'elk.padding': `[top=${MARGIN},left=${BAND_X + BAND_PAD},bottom=${MARGIN},right=${BAND_X + BAND_PAD}]`,
  'elk.spacing.nodeNode': '10',
  'elk.layered.spacing.nodeNodeBetweenLayers': '6',
  'elk.spacing.edgeNode': '8',
  'elk.spacing.edgeEdge': '6',
  'elk.layered.spacing.edgeNodeBetweenLayers': '6',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '8',
  'elk.spacing.edgeLabel': '3',
  'elk.edgeLabels.inline': 'true',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.nodePlacement.favorStraightEdges': 'false',
  // Edges into the same box share their last stretch: narrower (Citrea 897 → 851 px wide).
  'elk.layered.mergeEdges': 'true',
  // A cheaper crossing minimisation than ELK's default (thoroughness 7, greedy switch on): the same
  // drawing on every example and the generated specs at about 0.7× the CPU time (bench/RESULTS.md);
  // thoroughness 1 left a crossing in the 20-component spec.
  'elk.layered.thoroughness': '2',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
};

interface Box { draft: NodeDraft; lines: Omit<TextLine, 'x' | 'y'>[]; dy: number[]; h: number; cls: RatingClass; ratingText: string; fullRating: string; countText: string; own: Finding[]; worst?: Severity }

export function layoutDiagram(input: LayoutInput): Diagram {
  const { model, assessment, findings, rangeOf } = input;
  const { drafts, componentNode } = buildDrafts(model);
  const edgeDrafts = buildEdgeDrafts(model, drafts, componentNode);

  // Map findings to drafts by path (longest prefix wins).
  const pseudo = drafts.map((d) => ({ paths: d.paths, kind: d.kind, id: d.id }));
  const findingsOf = new Map<string, Finding[]>();
  for (const f of findings) {
    const n = nodeForPath(pseudo, f.path);
    if (!n) continue;
    const list = findingsOf.get(n.id) ?? [];
    list.push(f);
    findingsOf.set(n.id, list);
  }

  // Band titles are short (they sit in a strip between lines); the full wording is the band's `title`.
  const l1Short = model.l1.host && model.l1.host !== 'bitcoin' ? `Base layer: ${model.l1.host === 'ethereum' ? 'Ethereum' : 'other chain'}` : 'Bitcoin L1';
  const bandTitles: Record<BandKind, { short: string; full: string }> = {
    l2: {
      short: `Layer 2: ${model.system.name ?? 'unnamed system'}`,
      full: `Layer 2: ${model.system.name ?? 'unnamed system'}${model.system.family ? ` (${FAMILY_LABEL[model.system.family] ?? model.system.family})` : ''}`,
    },
    peg: { short: 'Peg and bridge', full: 'Peg and bridge: who holds the BTC' },
    l1: { short: l1Short, full: model.l1.host && model.l1.host !== 'bitcoin' ? `${l1Short}, with Bitcoin below` : 'Bitcoin L1: what is settled, anchored or posted' },
  };

  // --- Box contents (and so their heights), before placing them.
  const boxes = new Map<string, Box>();
  for (const d of drafts) {
    const own = findingsOf.get(d.id) ?? [];
    let worst: Severity | undefined;
    for (const f of own) if (!worst || SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst]) worst = f.severity;
    let cls: RatingClass = 'neutral';
    let ratingText = own.length ? 'See findings' : 'No findings';
    let fullRating = '';
    if (d.kind === 'bitcoin') {
      cls = TIER_CLASS[assessment.tier.value];
      ratingText = `Tier: ${TIER_LABEL[assessment.tier.value]}`;
    } else if (d.axis) {
      const r = axisRating(assessment.ratings, d.axis);
      cls = r.cls;
      ratingText = `${AXIS_SHORT[d.axis]}: ${r.short}`;
      fullRating = `${AXIS_LABEL[d.axis]}: ${r.label}`;
    }
    // A critical or high finding on an element outweighs a favourable axis rating: the box takes
    // the finding's colour, and its count line says why ("worst critical").
    if (worst && d.kind !== 'bitcoin' && (worst === 'critical' || worst === 'high') && cls !== 'neutral' && cls !== 'review') {
      cls = worseClass(cls, SEVERITY_CLASS[worst]);
    }
    if ((cls === 'neutral' || cls === 'review') && worst) {
      cls = worseClass(cls === 'review' ? 'neutral' : cls, SEVERITY_CLASS[worst]);
      if (!d.axis || d.kind === 'bitcoin') ratingText = `Worst finding: ${worst}`;
    }
    const countText = own.length ? `${own.length} finding${own.length === 1 ? '' : 's'}${worst ? `, worst ${worst}` : ''}` : '';
    const lines: Omit<TextLine, 'x' | 'y'>[] = [];
    const dy: number[] = [];
    const title = wrap(normalise(d.title) || d.kindLabel, TEXT_W, TITLE, 2);
    title.forEach((t, i) => { lines.push({ text: t, size: TITLE.size, bold: true, role: 'title', width: textWidth(t, TITLE) }); dy.push(16 + i * 17); });
    let y = 16 + (title.length - 1) * 17;
    // Components and pegs say what they are; the other boxes' titles already do, so they show their first fact.
    const kindText = truncate(normalise(d.kind === 'component' || d.kind === 'peg' ? d.kindLabel : d.facts[0] ?? d.kindLabel), TEXT_W, SUB);
    y += 15; lines.push({ text: kindText, size: SUB.size, bold: false, role: 'sub', width: textWidth(kindText, SUB) }); dy.push(y);
    // The rating is what the box is for: it wraps rather than losing its value ("Exit window:" / "Good").
    wrap(ratingText, TEXT_W, RATING, 2).forEach((rt, k) => {
      y += 14; lines.push({ text: rt, size: RATING.size, bold: true, role: 'rating', width: textWidth(rt, RATING) }); dy.push(y);
    });
    if (countText) {
      const ct = truncate(countText, TEXT_W, SUB);
      y += 14; lines.push({ text: ct, size: SUB.size, bold: false, role: 'count', width: textWidth(ct, SUB) }); dy.push(y);
    }
    boxes.set(d.id, { draft: d, lines, dy, h: y + 6, cls, ratingText, fullRating, countText, own, worst });
  }

  // --- ELK: boxes, edges with their label sizes, bands as partitions.
  const labelTexts = edgeDrafts.map((e) => wrap(normalise(e.label), EDGE_LABEL_MAX, EDGE, 3));
  const labelSize = labelTexts.map((lines) => ({
    w: 2 * Math.ceil((Math.max(...lines.map((l) => textWidth(l, EDGE))) + 10) / 2),
    h: lines.length * EDGE_LINE + 5,
  }));
  const parts = partitions(drafts, edgeDrafts);
  // A huge linked graph would take ELK minutes (its time grows much faster than the edges):
  // such a design gets an overview, every box in its band's grid and no edge drawn.
  const overview = parts.partition.size > OVERVIEW_MAX_LINKED || edgeDrafts.length > OVERVIEW_MAX_EDGES;
  const { partition, bandOfPartition, grid } = overview
    ? { partition: new Map<string, number>(), bandOfPartition: [] as BandKind[], grid: new Map(BAND_ORDER.map((b) => [b, drafts.filter((d) => d.band === b)] as const).filter(([, l]) => l.length)) }
    : parts;
  const drawnEdges = overview ? [] : edgeDrafts;
  const inElk = drafts.filter((d) => partition.has(d.id));
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: ELK_OPTIONS,
    children: orderForElk(inElk, edgeDrafts).map((d) => ({ id: d.id, width: NODE_W, height: boxes.get(d.id)!.h, layoutOptions: { 'elk.partitioning.partition': String(partition.get(d.id) ?? 0) } })),
    edges: drawnEdges.map((e, i): ElkEdge => ({ id: `e${i}`, sources: [e.from], targets: [e.to], labels: [{ id: `l${i}`, text: 'label', width: labelSize[i]!.w, height: labelSize[i]!.h }] })),
  };
  const out: ElkNode = inElk.length ? elkLayout(graph) : { id: 'root', width: 0, height: MARGIN, children: [], edges: [] };
  const placed = new Map((out.children ?? []).map((c) => [c.id, c]));
  const routes = new Map((out.edges ?? []).map((e) => [e.id, e]));

  // --- Strips. Every band's laid-out boxes occupy [top, bottom]. Strips are inserted into the
  // drawing (everything below them moves down, so vertical lines just get longer): a title strip
  // above each band's boxes and a strip of its unlinked boxes (above the linked ones in Layer 2,
  // below them elsewhere). Titles and boxes in a strip go where no line or label crosses it.
  const bandKinds = BAND_ORDER.filter((b) => drafts.some((d) => d.band === b));
  const extent = new Map<BandKind, { top: number; bottom: number }>();
  for (const d of inElk) {
    const c = placed.get(d.id)!;
    const b = bandOfPartition[partition.get(d.id) ?? 0] ?? d.band;
    const e = extent.get(b) ?? { top: Infinity, bottom: -Infinity };
    e.top = Math.min(e.top, c.y!);
    e.bottom = Math.max(e.bottom, c.y! + c.height!);
    extent.set(b, e);
  }
  const labelRects: Rect[] = (out.edges ?? []).map((e) => {
    const l = e.labels?.[0];
    return { x: l?.x ?? 0, y: l?.y ?? 0, w: l?.width ?? 0, h: l?.height ?? 0 };
  });
  // Cut above each band: the lowest y in the gap to the band above that no label straddles.
  // A band with no laid-out box (all in its grid) is cut just below the band above.
  const cuts = new Map<BandKind, number>();
  let lastBottom = MARGIN;
  for (const b of bandKinds) {
    const e = extent.get(b);
    if (!e) { cuts.set(b, lastBottom + 2); continue; }
    let cut = e.top - 4;
    if (cuts.size > 0) {
      for (let y = e.top - 4; y > lastBottom + 2; y -= 2) {
        if (!labelRects.some((r) => r.y <= y && y <= r.y + r.h)) { cut = y; break; }
      }
      cut = Math.max(cut, lastBottom + 2);
    }
    cuts.set(b, cut);
    lastBottom = e.bottom;
  }
  // Grid strips: their rows (boxes placed later), and the insertions, in drawing order.
  // As many columns as ELK's drawing is wide (a row less is a row shorter), at least FREE_COLS.
  const perRow = Math.floor((Math.max(MIN_WIDTH, out.width ?? 0) - 2 * (BAND_X + BAND_PAD) + 14) / (NODE_W + 14));
  const gridCols = (n: number) => Math.max(FREE_COLS, perRow, Math.ceil(Math.sqrt(n * 1.5)));
  const gridRowH = (list: readonly NodeDraft[]) => Math.max(...list.map((d) => boxes.get(d.id)!.h)) + 14;
  interface Insertion { y: number; h: number; band: BandKind; what: 'title' | 'grid'; rows: NodeDraft[][] }
  const insertions: Insertion[] = [];
  for (const b of bandKinds) {
    const cut = cuts.get(b)!;
    insertions.push({ y: cut, h: BAND_TITLE_H, band: b, what: 'title', rows: [] });
    const list = grid.get(b);
    if (!list?.length) continue;
    const rows = chunk(list, gridCols(list.length));
    const h = rows.reduce((sum, r) => sum + gridRowH(r), 0);
    const e = extent.get(b);
    insertions.push({ y: b === 'l2' || !e ? cut : e.bottom + 2, h, band: b, what: 'grid', rows });
  }
  // Stable by y: at the same y, a band's title comes before its grid.
  insertions.sort((p, q) => p.y - q.y);
  const stripTop = new Map<Insertion, number>();
  { let before = 0; for (const ins of insertions) { stripTop.set(ins, ins.y + before); before += ins.h; } }
  const shift = (y: number): number => {
    let s = 0;
    for (const ins of insertions) if (y >= ins.y) s += ins.h;
    return y + s;
  };

  // Edges after the shift.
  const edgePoints = drawnEdges.map((_, i) => {
    const points: [number, number][] = [];
    for (const s of routes.get(`e${i}`)?.sections ?? []) {
      const add = (p: { x: number; y: number }) => {
        // Rounded as the boxes are (equal coordinates stay equal, so stretches stay orthogonal and ends stay on their boxes).
        const q: [number, number] = [Math.round(p.x), Math.round(shift(p.y))];
        const last = points[points.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) points.push(q);
      };
      add(s.startPoint);
      for (const b of s.bendPoints ?? []) add(b);
      add(s.endPoint);
    }
    return points;
  });
  const labelBoxes = labelRects.map((r) => {
    const cy = shift(r.y + r.h / 2);
    return { x: r.x, y: cy - r.h / 2, w: r.w, h: r.h };
  });
  /** x intervals that lines or labels occupy between `top` and `bottom` (padded by 6 px). */
  const busyIn = (top: number, bottom: number): [number, number][] => {
    const busy: [number, number][] = [];
    for (const pts of edgePoints) {
      for (let k = 1; k < pts.length; k++) {
        const [x1, y1] = pts[k - 1]!;
        const [x2, y2] = pts[k]!;
        if (Math.max(y1, y2) > top && Math.min(y1, y2) < bottom) busy.push([Math.min(x1, x2) - 6, Math.max(x1, x2) + 6]);
      }
    }
    for (const r of labelBoxes) if (r.y < bottom && r.y + r.h > top) busy.push([r.x - 6, r.x + r.w + 6]);
    return busy;
  };

  // Grids: each row fills the free stretches left to right, continuing past the drawing's right end.
  const gridPos = new Map<string, { x: number; y: number }>();
  let right = out.width ?? 0;
  for (const ins of insertions) {
    if (ins.what !== 'grid') continue;
    let y = stripTop.get(ins)!;
    for (const row of ins.rows) {
      const rh = gridRowH(row);
      const stretches = freeStretches(busyIn(y, y + rh), BAND_X + BAND_PAD, Infinity);
      let k = 0;
      for (const [s, e] of stretches) {
        let x = s;
        while (k < row.length && x + NODE_W <= e) {
          gridPos.set(row[k]!.id, { x, y: y + 7 });
          x += NODE_W + 14;
          k++;
        }
        right = Math.max(right, x + BAND_X + BAND_PAD - 14);
        if (k >= row.length) break;
      }
      y += rh;
    }
  }
  const width = Math.max(MIN_WIDTH, Math.ceil(right));
  // Below ELK's drawing, or below the last strip when ELK drew nothing there (the overview).
  const height = Math.ceil(Math.max(shift(out.height ?? 0), ...[...stripTop].map(([ins, top]) => top + ins.h + MARGIN)));

  // --- Bands and their titles: each title goes where no line or label crosses its strip.
  const bands: DiagramBand[] = [];
  bandKinds.forEach((b, i) => {
    const title = insertions.find((x) => x.band === b && x.what === 'title')!;
    const top = stripTop.get(title)!;
    const next = bandKinds[i + 1];
    const bottom = next ? stripTop.get(insertions.find((x) => x.band === next && x.what === 'title')!)! : height - MARGIN / 2;
    const y = i === 0 ? MARGIN / 2 : top;
    const full = bandTitles[b].full;
    let text = normalise(bandTitles[b].short);
    let w = textWidth(text, BAND);
    const stretches = freeStretches(busyIn(top, top + BAND_TITLE_H), BAND_X + BAND_PAD, width - BAND_X - 4);
    // Leftmost free stretch wide enough for the title; else the widest one, with the title cut to fit.
    const fits = stretches.find(([s, e]) => e - s >= w);
    const widest = [...stretches].sort((p, q) => (q[1] - q[0]) - (p[1] - p[0]))[0] ?? [BAND_X + BAND_PAD, width];
    const [x, end] = fits ?? widest;
    if (end - x < w) { text = truncate(text, Math.max(40, end - x), BAND); w = textWidth(text, BAND); }
    bands.push({
      id: `band:${b}`, kind: b, x: BAND_X, y, w: width - 2 * BAND_X, h: bottom - y, title: normalise(full),
      titleLines: [{ text, x, y: top + 14, size: BAND.size, bold: true, role: 'band', width: w }],
    });
  });
  void BAND_LINE;

  // --- Nodes.
  const nodes: DiagramNode[] = [];
  const nodeById = new Map<string, DiagramNode>();
  for (const d of drafts) {
    const box = boxes.get(d.id)!;
    const c = placed.get(d.id);
    const g = gridPos.get(d.id);
    const x = Math.round(g ? g.x : c!.x!);
    const ny = Math.round(g ? g.y : shift(c!.y!));
    const lines: TextLine[] = box.lines.map((l, k) => ({ ...l, x: x + TEXT_X, y: ny + box.dy[k]! }));
    const { own, fullRating, ratingText, countText } = box;
    const reasons = d.axis ? assessment.ratings[d.axis].reasons.slice(0, 3).map((r) => `• ${normalise(r.text)}`) : [];
    const tooltip = [
      `${normalise(d.title)} (${d.kindLabel})`,
      ...d.facts.map(normalise),
      ...d.detail.map((t) => clip(normalise(t), 300)),
      fullRating || ratingText,
      ...reasons,
      ...own.slice(0, 4).map((f) => `${f.severity.toUpperCase()} ${f.ruleId}: ${clip(normalise(f.message), 200)}`),
      ...(own.length > 4 ? [`…and ${own.length - 4} more findings`] : []),
    ].join('\n');
    const ranges = d.paths.map((p) => rangeOf(p)).filter((r): r is Range => r !== undefined);
    const node: DiagramNode = {
      id: d.id, band: d.band, kind: d.kind, componentKind: d.componentKind, title: normalise(d.title) || d.kindLabel, kindLabel: d.kindLabel,
      x, y: ny, w: NODE_W, h: box.h, cls: box.cls, ratingText, lines, path: d.path, paths: d.paths,
      range: rangeOf(d.path) ?? ranges[0], ranges, tooltip,
      ariaLabel: clip(`${normalise(d.title)}, ${d.kindLabel}. ${fullRating || ratingText}. ${countText || 'No open findings'}.`, 300),
      findings: own.length, worst: box.worst, facts: d.facts.map(normalise), detail: d.detail.map((t) => clip(normalise(t), 600)),
      ...(fullRating ? { fullRating } : {}),
    };
    nodes.push(node);
    nodeById.set(node.id, node);
  }

  // --- Edges: ELK's routes, the label centred where ELK put it.
  const edges: DiagramEdge[] = drawnEdges.map((e, i) => {
    const s = nodeById.get(e.from)!;
    const t = nodeById.get(e.to)!;
    const points = edgePoints[i]!;
    const r = e.axis ? axisRating(assessment.ratings, e.axis) : undefined;
    const range = e.path ? rangeOf(e.path) : undefined;
    const labelBox = labelBoxes[i]!;
    const labelLines = labelTexts[i]!.map((text, k): TextLine => ({
      text, x: labelBox.x + 5, y: labelBox.y + 12 + k * EDGE_LINE, size: EDGE.size, bold: false, role: 'edge', width: textWidth(text, EDGE),
    }));
    return {
      id: `e:${e.kind}:${e.from}>${e.to}`, kind: e.kind, from: e.from, to: e.to, cls: r?.cls ?? 'neutral', label: normalise(e.label),
      labelLines, labelBox, points, arrow: arrowHead(points),
      tooltip: `${normalise(e.label)}\nFrom ${s.title} to ${t.title}${r ? `\n${AXIS_LABEL[e.axis!]}: ${r.label}` : ''}`,
      path: e.path && range ? e.path : undefined, range,
    };
  });

  return { width, height, bands, nodes, edges, ...(overview ? { hiddenEdges: edgeDrafts.length } : {}) };
}

/** Arrow head (triangle, 8 px long) at the last point, along the last segment. */
function arrowHead(points: readonly [number, number][]): [number, number][] {
  const end = points[points.length - 1];
  const prev = points[points.length - 2];
  if (!end || !prev) return [];
  const len = Math.hypot(end[0] - prev[0], end[1] - prev[1]) || 1;
  const dx = (end[0] - prev[0]) / len;
  const dy = (end[1] - prev[1]) / len;
  return [end, [end[0] - dx * 8 - dy * 4, end[1] - dy * 8 + dx * 4], [end[0] - dx * 8 + dy * 4, end[1] - dy * 8 - dx * 4]];
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/** The smallest element whose source range contains `pos` (for cursor-follow highlighting). */
export function nodeAtPosition(nodes: readonly DiagramNode[], pos: { line: number; character: number }): DiagramNode | undefined {
  let best: DiagramNode | undefined;
  let bestSize = Infinity;
  for (const n of nodes) {
    for (const r of n.ranges) {
      if (!contains(r, pos)) continue;
      const size = (r.end.line - r.start.line) * 100000 + (r.end.character - r.start.character);
      if (size < bestSize) { best = n; bestSize = size; }
    }
  }
  return best;
}

function contains(r: Range, p: { line: number; character: number }): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
