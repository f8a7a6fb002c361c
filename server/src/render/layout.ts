// Deterministic stack-diagram layout: Layer 2 on top, the peg / bridge in the middle, Bitcoin L1
// at the bottom. This file decides what the boxes and edges say and which rows they sit in; the
// layered layout in ./layered.ts orders the rows to avoid crossings, lines linked boxes up so edges
// run straight, and routes every edge orthogonally through its own slot in each row it passes, so
// no line runs under a box, a label or a band title.
import type { Component, ComponentKind, SignerSetRef, SpecModel } from '../engine/model.js';
import type { Assessment, Finding, Range, Ratings, Severity } from '../engine/types.js';
import {
  ANCHOR_LABEL, BITCOIN_LAYERS_CLASS, BITCOIN_LAYERS_LABEL, CUSTODY_LABEL, DATA_LABEL, DISCLOSURE_LABEL, EXIT_LABEL,
  FALLBACK_LABEL, FAMILY_LABEL, FINALITY_LABEL, FORCED_LABEL, KIND_LABEL, L2BEAT_CLASS, L2BEAT_LABEL, MINT_LABEL,
  SETTLEMENT_LABEL, SEVERITY_CLASS, TIER_CLASS, TIER_LABEL, VALIDATION_LABEL, type RatingClass, worseClass,
} from './labels.js';
import { normalise, textWidth, truncate, wrap } from './text.js';
import { layered, type ItemKind, type LEdge, type LItem, type LLayer } from './layered.js';

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
}

export interface LayoutInput {
  model: SpecModel;
  assessment: Assessment;
  /** Active (unsuppressed) findings. */
  findings: readonly Finding[];
  rangeOf(path: string, key?: boolean): Range | undefined;
}

// Geometry (px). Chosen so text sizes of 11–13 px fit with room to spare.
export const NODE_W = 188;
export const NODE_H = 124;
const ROW_GAP = 24;
const MARGIN = 8;
const BAND_X = 8; // bands span the width, inset this much
const BAND_PAD = 12; // boxes start this far inside a band
const BAND_BOTTOM = 12;
const TEXT_X = 14; // after the 5 px rating stripe
const TEXT_W = NODE_W - TEXT_X - 10;
const MIN_WIDTH = 420;
/** Edge labels wrap onto three lines at most this wide, so several fit side by side. */
const EDGE_LABEL_MAX = 150;
const EDGE_LINE = 13;
const BAND_LINE = 17;
/** Boxes with edges per row: three fit a side-by-side preview with 11 px titles. */
const FLOW_COLS = 3;

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
  low: 'Low risk', medium: 'Medium risk', high: 'High risk', 'very-high': 'Stop!', unverified: 'Unverified', 'under-review': 'Under review', 'not-applicable': 'n/a',
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

interface Row { band: BandKind; drafts: NodeDraft[] }

/** Splits `list` into the fewest rows of at most `size`, as even as possible (4 → 2 + 2). */
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

/**
 * Rows of boxes, top to bottom. Boxes without edges come first in the Layer 2 band (a plain
 * grid no line passes) and last elsewhere; boxes with edges sit in rows by their depth inside the
 * band (a security council above the governance box it controls), at most FLOW_COLS a row so the
 * diagram stays narrow enough for a side preview; each peg keeps its row (peg, emergency, upgrade).
 */
function buildRows(drafts: readonly NodeDraft[], edges: readonly EdgeDraft[]): Row[] {
  const linked = new Set<string>();
  for (const e of edges) { linked.add(e.from); linked.add(e.to); }
  const bandOf = new Map(drafts.map((d) => [d.id, d.band]));
  const rows: Row[] = [];
  for (const band of BAND_ORDER) {
    const list = drafts.filter((d) => d.band === band).sort((a, c) => a.order - c.order);
    if (band === 'peg') {
      const groups = new Map<number, NodeDraft[]>();
      for (const d of list) {
        const g = d.kind === 'no-peg' ? 0 : Math.floor(d.order / 3);
        (groups.get(g) ?? groups.set(g, []).get(g)!).push(d);
      }
      // Many pegs share rows (a few groups each), so that lines never pass hundreds of rows.
      const keys = [...groups.keys()].sort((a, b) => a - b);
      const perRow = keys.length <= 6 ? 1 : Math.ceil(Math.sqrt(keys.length / 2));
      for (const ks of chunk(keys, perRow)) rows.push({ band, drafts: ks.flatMap((k) => groups.get(k)!) });
      continue;
    }
    const free = list.filter((d) => !linked.has(d.id));
    const flow = list.filter((d) => linked.has(d.id));
    // Depth inside the band: an edge between two boxes of the band puts its target lower.
    // Targets of such edges (governance, data) never start one, so this settles in one pass per level.
    const depth = new Map(flow.map((d) => [d.id, 0]));
    for (let pass = 0; pass < 4; pass++) {
      for (const e of edges) {
        if (bandOf.get(e.from) !== band || bandOf.get(e.to) !== band) continue;
        const want = depth.get(e.from)! + 1;
        if (depth.get(e.to)! < want && want < 4) depth.set(e.to, want);
      }
    }
    const levels = [...new Set(depth.values())].sort((a, b) => a - b);
    const flowRows = levels.flatMap((lv) => {
      const level = flow.filter((d) => depth.get(d.id) === lv);
      // Large designs get wider rows: fewer rows for the lines to pass keeps the layout fast.
      return chunk(level, level.length <= 12 ? FLOW_COLS : Math.ceil(Math.sqrt(level.length * 1.5)));
    });
    const freeCols = free.length <= 12 ? FLOW_COLS : Math.min(6, Math.max(FLOW_COLS, Math.ceil(Math.sqrt(free.length / 2))));
    if (band !== 'l2') {
      // Below the lines' ends nothing passes: boxes without edges fill the last row first.
      const last = flowRows[flowRows.length - 1];
      while (last && last.length < FLOW_COLS && free.length) last.push(free.shift()!);
    }
    const freeRows = chunk(free, freeCols);
    for (const r of band === 'l2' ? [...freeRows, ...flowRows] : [...flowRows, ...freeRows]) rows.push({ band, drafts: r });
  }
  return rows;
}

const SEPARATION: Record<ItemKind, Record<ItemKind, number>> = {
  node: { node: 28, dummy: 16, label: 14, title: 20 },
  dummy: { node: 16, dummy: 10, label: 10, title: 20 },
  label: { node: 14, dummy: 10, label: 12, title: 20 },
  title: { node: 20, dummy: 20, label: 20, title: 20 },
};

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

  const bandTitles: Record<BandKind, string> = {
    l2: `Layer 2: ${model.system.name ?? 'unnamed system'}${model.system.family ? ` (${FAMILY_LABEL[model.system.family] ?? model.system.family})` : ''}`,
    peg: 'Peg and bridge: who holds the BTC',
    l1: model.l1.host && model.l1.host !== 'bitcoin' ? `Base layer: ${model.l1.host === 'ethereum' ? 'Ethereum' : 'other chain'}, with Bitcoin below` : 'Bitcoin L1: what is settled, anchored or posted',
  };

  // --- Rows, and which gap between two rows carries each edge's label.
  const rows = buildRows(drafts, edgeDrafts);
  const rowOf = new Map<string, number>();
  rows.forEach((r, i) => { for (const d of r.drafts) rowOf.set(d.id, i); });
  const labelTexts = edgeDrafts.map((e) => wrap(normalise(e.label), EDGE_LABEL_MAX, EDGE, 3));
  const labelSize = labelTexts.map((lines) => ({
    w: 2 * Math.ceil((Math.max(...lines.map((l) => textWidth(l, EDGE))) + 10) / 2),
    h: lines.length * EDGE_LINE + 5,
  }));
  const span = edgeDrafts.map((e) => {
    const a = rowOf.get(e.from)!;
    const b = rowOf.get(e.to)!;
    return { top: Math.min(a, b), bottom: Math.max(a, b), reversed: a > b };
  });
  // Each label goes into the least loaded gap its edge passes; edges with no choice go first.
  const labelGap = new Array<number>(edgeDrafts.length).fill(-1);
  const load = new Map<number, number>();
  const byChoice = edgeDrafts.map((_, i) => i).sort((a, b) => (span[a]!.bottom - span[a]!.top) - (span[b]!.bottom - span[b]!.top) || a - b);
  for (const i of byChoice) {
    const { top, bottom } = span[i]!;
    let best = -1;
    for (let g = bottom - 1; g >= top; g--) if (best < 0 || (load.get(g) ?? 0) < (load.get(best) ?? 0)) best = g;
    if (best < 0) continue;
    labelGap[i] = best;
    load.set(best, (load.get(best) ?? 0) + labelSize[i]!.w);
  }

  // --- Layers: band header, rows, and a label layer in every gap that carries labels.
  const layers: LLayer[] = [];
  const rowLayer: number[] = [];
  const gapLabelLayer = new Map<number, number>();
  const headerOf = new Map<BandKind, { layer: number; item: LItem; lines: string[] }>();
  const nodeItem = new Map<string, LItem>();
  rows.forEach((row, r) => {
    if (r > 0 && load.has(r - 1)) {
      gapLabelLayer.set(r - 1, layers.length);
      layers.push({ items: [], h: 0, gapAbove: 22, y: 0 });
    }
    if (r === 0 || rows[r - 1]!.band !== row.band) {
      // Lines cross the lower bands' headers, so their titles wrap narrower to fit between them.
      const lines = wrap(bandTitles[row.band], r === 0 ? 420 : 170, BAND, 3);
      const w = Math.ceil(Math.max(...lines.map((l) => textWidth(l, BAND))));
      const h = lines.length * BAND_LINE;
      const item: LItem = { id: `title:${row.band}`, kind: 'title', w, h, pinned: true, x: 0, layer: 0 };
      headerOf.set(row.band, { layer: layers.length, item, lines });
      layers.push({ items: [item], h, gapAbove: r === 0 ? 0 : load.has(r - 1) ? 20 : 34, y: 0 });
    }
    rowLayer[r] = layers.length;
    const items = row.drafts.map((d) => {
      const it: LItem = { id: d.id, kind: 'node', w: NODE_W, h: NODE_H, x: 0, layer: 0 };
      nodeItem.set(d.id, it);
      return it;
    });
    layers.push({ items, h: NODE_H, gapAbove: headerOf.get(row.band)!.layer === layers.length - 1 ? 12 : ROW_GAP, y: 0 });
  });
  const labelItems: (LItem | undefined)[] = [];
  const ledges: LEdge[] = edgeDrafts.map((e, i) => {
    const { top, bottom, reversed } = span[i]!;
    const upper = nodeItem.get(reversed ? e.to : e.from)!;
    const lower = nodeItem.get(reversed ? e.from : e.to)!;
    const chain: LItem[] = [upper];
    const labelLayer = labelGap[i]! >= 0 ? gapLabelLayer.get(labelGap[i]!) : undefined;
    for (let l = rowLayer[top]! + 1; l < rowLayer[bottom]!; l++) {
      const isLabel = l === labelLayer;
      const it: LItem = isLabel
        ? { id: `label:${i}`, kind: 'label', w: labelSize[i]!.w, h: labelSize[i]!.h, x: 0, layer: 0 }
        : { id: `dummy:${i}:${l}`, kind: 'dummy', w: 0, h: 0, x: 0, layer: 0 };
      if (isLabel) labelItems[i] = it;
      layers[l]!.items.push(it);
      chain.push(it);
    }
    chain.push(lower);
    return { chain, reversed };
  });
  for (const l of layers) if (l.items.some((it) => it.kind === 'label')) l.h = Math.max(...l.items.map((it) => it.h));

  const result = layered(layers, ledges, {
    minX: BAND_X + BAND_PAD, top: MARGIN + 8, separation: (a, b) => SEPARATION[a.kind][b.kind],
    trackStep: 8, trackPad: 10, portGap: 18,
  });
  const width = Math.max(MIN_WIDTH, result.width + BAND_PAD + BAND_X);
  const height = result.height + BAND_BOTTOM + MARGIN;

  // --- Bands: from the header to below the last row of the band.
  const bands: DiagramBand[] = [];
  for (const b of BAND_ORDER) {
    const head = headerOf.get(b);
    if (!head) continue;
    const last = rows.map((r, i) => (r.band === b ? i : -1)).filter((i) => i >= 0).pop()!;
    const lastLayer = layers[rowLayer[last]!]!;
    const y = layers[head.layer]!.y - 8;
    const h = lastLayer.y + lastLayer.h + BAND_BOTTOM - y;
    bands.push({
      id: `band:${b}`, kind: b, x: BAND_X, y, w: width - 2 * BAND_X, h, title: bandTitles[b],
      titleLines: head.lines.map((text, k) => ({
        text, x: head.item.x, y: layers[head.layer]!.y + 13 + k * BAND_LINE, size: BAND.size, bold: true, role: 'band', width: textWidth(text, BAND),
      })),
    });
  }

  // Nodes.
  const nodes: DiagramNode[] = [];
  const nodeById = new Map<string, DiagramNode>();
  for (const d of drafts) {
    const item = nodeItem.get(d.id)!;
    const x = item.x;
    const ny = layers[item.layer]!.y;
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
      const fromFindings = SEVERITY_CLASS[worst];
      cls = worseClass(cls === 'review' ? 'neutral' : cls, fromFindings);
      if (!d.axis || d.kind === 'bitcoin') ratingText = `Worst finding: ${worst}`;
    }
    const countText = own.length ? `${own.length} finding${own.length === 1 ? '' : 's'}${worst ? `, worst ${worst}` : ''}` : 'No open findings';

    const lines: TextLine[] = [];
    const title = wrap(d.title, TEXT_W, TITLE, 2);
    title.forEach((t, i) => lines.push({ text: t, x: x + TEXT_X, y: ny + 20 + i * 17, size: TITLE.size, bold: true, role: 'title', width: textWidth(t, TITLE) }));
    const subStart = ny + 20 + (title.length - 1) * 17 + 16;
    // Components say what they are; synthetic aspects already say it in their title.
    const factText = (d.kind === 'component' || d.kind === 'peg' ? [d.kindLabel, ...d.facts] : d.facts).filter(Boolean).join(' · ');
    wrap(factText, TEXT_W, SUB, 3).forEach((t, i) => lines.push({ text: t, x: x + TEXT_X, y: subStart + i * 14, size: SUB.size, bold: false, role: 'sub', width: textWidth(t, SUB) }));
    const rt = truncate(ratingText, TEXT_W, RATING);
    lines.push({ text: rt, x: x + TEXT_X, y: ny + NODE_H - 26, size: RATING.size, bold: true, role: 'rating', width: textWidth(rt, RATING) });
    const ct = truncate(countText, TEXT_W, SUB);
    lines.push({ text: ct, x: x + TEXT_X, y: ny + NODE_H - 10, size: SUB.size, bold: false, role: 'count', width: textWidth(ct, SUB) });

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
      x, y: ny, w: NODE_W, h: NODE_H, cls, ratingText, lines, path: d.path, paths: d.paths,
      range: rangeOf(d.path) ?? ranges[0], ranges, tooltip,
      ariaLabel: clip(`${normalise(d.title)}, ${d.kindLabel}. ${fullRating || ratingText}. ${countText}.`, 300),
      findings: own.length, worst,
    };
    nodes.push(node);
    nodeById.set(node.id, node);
  }

  // Edges: the routes from the layered layout; labels sit on their own line, in their label layer.
  const edges: DiagramEdge[] = edgeDrafts.map((e, i) => {
    const s = nodeById.get(e.from)!;
    const t = nodeById.get(e.to)!;
    const points = result.routes[i]!;
    const r = e.axis ? axisRating(assessment.ratings, e.axis) : undefined;
    const range = e.path ? rangeOf(e.path) : undefined;
    const { labelBox, labelLines } = placeLabel(labelTexts[i]!, labelSize[i]!, labelItems[i], layers, points);
    return {
      id: `e:${e.kind}:${e.from}>${e.to}`, kind: e.kind, from: e.from, to: e.to, cls: r?.cls ?? 'neutral', label: normalise(e.label),
      labelLines, labelBox, points, arrow: arrowHead(points),
      tooltip: `${normalise(e.label)}\nFrom ${s.title} to ${t.title}${r ? `\n${AXIS_LABEL[e.axis!]}: ${r.label}` : ''}`,
      path: e.path && range ? e.path : undefined, range,
    };
  });

  return { width, height, bands, nodes, edges };
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

/**
 * The label's box and text lines: centred on its own line inside its label layer. An edge
 * between neighbouring rows has no label layer; its label then sits on its longest vertical run.
 */
function placeLabel(lines: string[], size: { w: number; h: number }, item: LItem | undefined, layers: readonly LLayer[], points: readonly [number, number][]): { labelBox: Rect; labelLines: TextLine[] } {
  let box: Rect;
  if (item) {
    const layer = layers[item.layer]!;
    box = { x: item.x, y: layer.y + (layer.h - item.h) / 2, w: item.w, h: item.h };
  } else {
    let best = 0;
    let at: [number, number] = points[0] ?? [0, 0];
    for (let k = 1; k < points.length; k++) {
      const len = Math.abs(points[k]![1] - points[k - 1]![1]);
      if (len > best) { best = len; at = [points[k]![0], (points[k]![1] + points[k - 1]![1]) / 2]; }
    }
    box = { x: at[0] - size.w / 2, y: at[1] - size.h / 2, w: size.w, h: size.h };
  }
  const labelLines = lines.map((text, k): TextLine => ({
    text, x: box.x + 5, y: box.y + 12 + k * EDGE_LINE, size: EDGE.size, bold: false, role: 'edge', width: textWidth(text, EDGE),
  }));
  return { labelBox: box, labelLines };
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
