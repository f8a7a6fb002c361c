// Turns the plain JS value of a spec into the typed SpecModel. It is lenient: a value of the
// wrong type is left out (the schema check reports it), so the rest can still be analysed.
// It reports what only the model can see: invalid thresholds, duplicate ids, dangling references.
import { CONTROL_HOLDERS } from '../model.js';
import type {
  ClaimedFact, Component, ControlHolder, ControlRef, CustodyHop, Duration, EmergencyRecovery, Peg, PegControls, SignerSetRef, SlashingOffence,
  SpecModel, Threshold, UnreadableFact, UpgradeAuthority, UpgradeRoute, WeightedThreshold,
} from '../model.js';
import type { Report } from '../types.js';
import { parseDuration, parseThreshold, parseWeightedThreshold } from './values.js';
import { closest, quoted } from './didYouMean.js';

/** A format problem found before the model is built (schema check), as buildModel needs it. */
export interface FormatProblem {
  ruleId: string;
  path: string;
  /** The problem is about a key (unknown key) rather than a value. */
  key: boolean;
  /** For an unknown key: the key it most likely meant. */
  suggestion?: string;
  message: string;
}


type Obj = Record<string, unknown>;

export interface ModelProblem extends Report {
  ruleId: string;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** An `underReview` note: non-empty text only (the schema check reports anything else, and the axis is rated as if unmarked). */
const note = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
function oneOf<T extends string>(v: unknown): T | undefined {
  return typeof v === 'string' ? (v as T) : undefined;
}
function strings<T extends string>(v: unknown): T[] {
  return Array.isArray(v) ? v.filter((x): x is T => typeof x === 'string') : [];
}

/**
 * Format 2: the facts each kind of object may mark as only claimed (`claimed: [field, …]`): the
 * ones a Bitcoin Layers rating reads. The schema lists the same names (schemas/l2spec.schema.json).
 */
export const CLAIMABLE = {
  component: ['operators', 'threshold', 'external', 'publiclyKnown', 'permissionless', 'openSource', 'hashrateShare', 'stakeBtc', 'stakeHasMarketValue', 'slashedFor', 'trustedHardware'],
  peg: ['custody', 'signers', 'threshold', 'upgrade', 'collateralBtc', 'valueAtRiskBtc', 'bridgeSource', 'contractsVerified'],
  hop: ['custody', 'signers', 'threshold', 'upgrade', 'bridgeSource', 'contractsVerified'],
  exits: ['unilateral', 'mechanism', 'forcedInclusion', 'proposerFallback', 'proposerFallbackTimeout', 'delay'],
  dataAvailability: ['location', 'committee', 'nodeOpenSource', 'daBridge', 'economicSecurity'],
  stateValidation: ['mechanism', 'challengers', 'challengePeriod', 'proverSource'],
  finality: ['source', 'provableKeyDeletion'],
  /** An upgrade path (`governance.upgradePaths[]`, a peg's `upgrade.emergency`): its delay and scope. */
  route: ['delay', 'scope'],
} as const;

class Builder {
  readonly problems: ModelProblem[] = [];
  /** Facts marked as only claimed, by the fact's path (see SpecModel.claimed). */
  readonly claimed = new Map<string, ClaimedFact>();

  /**
   * Records an object's `claimed` list; names it does not know are left to the schema check. A
   * single name written as a string is read as a one-item list (the schema check asks for the list
   * form): dropping it would let the claim vanish and the rating rise on it. A claim of a field the
   * object does not write claims nothing: a format finding, and the fact stays missing.
   */
  claims(v: Obj, path: string, kind: keyof typeof CLAIMABLE): void {
    const list: unknown[] = Array.isArray(v.claimed) ? v.claimed : typeof v.claimed === 'string' ? [v.claimed] : [];
    const known: readonly string[] = CLAIMABLE[kind];
    const single = !Array.isArray(v.claimed);
    list.forEach((field, i) => {
      if (typeof field !== 'string' || !known.includes(field)) return;
      const marker = single ? `${path}.claimed` : `${path}.claimed.${i}`;
      if (v[field] === undefined || v[field] === null) {
        this.problems.push({ ruleId: 'L2S-FMT-002', path: marker, message: `claimed names ${quoted(field)}, but ${path} does not write ${field}: there is no fact to claim. Write the fact (and keep the claim) or remove it from claimed.` });
        return;
      }
      const at = `${path}.${field}`;
      if (!this.claimed.has(at)) this.claimed.set(at, { path: at, marker });
    });
  }

  /** Paths of thresholds written in a threshold's form but impossible: unreadable facts, not missing ones. */
  readonly impossible: string[] = [];
  private readonly pendingRefs: { ref: SignerSetRef; expects?: string }[] = [];

  constructor(private readonly componentsById: Map<string, Component>) {}

  duration(v: unknown, path: string): Duration | undefined {
    if (v === undefined || v === null) return undefined;
    // Malformed durations are reported by the schema check; here they are just left out.
    return parseDuration(v);
  }

  threshold(v: unknown, path: string, operators?: number): Threshold | undefined {
    if (v === undefined || v === null) return undefined;
    const t = parseThreshold(v);
    if (!t && typeof v === 'string' && /^\s*\d+\s*-of-\s*\d+\s*$/i.test(v) && Number.isSafeInteger(Number(v.split(/-of-/i)[1]))) {
      this.problems.push({ ruleId: 'L2S-FMT-004', path, message: `Threshold "${v}" is impossible: it needs between 1 and n signatures out of n.` });
      this.impossible.push(path);
    }
    if (t && operators !== undefined && operators !== t.n) {
      this.problems.push({
        ruleId: 'L2S-FMT-004', path,
        message: `Threshold ${t.text} counts ${t.n} signers, but the set declares ${operators} operators.`,
      });
    }
    return t;
  }

  weighted(v: unknown, path?: string): WeightedThreshold | undefined {
    const w = parseWeightedThreshold(v);
    if (!w && path && typeof v === 'string' && /^\s*\d+\s*\/\s*\d+\s*of\s/i.test(v)) {
      const basis = /of\s+voting/i.test(v) ? 'voting power' : 'stake';
      this.problems.push({ ruleId: 'L2S-FMT-004', path, message: `Threshold "${v}" is impossible: a share of ${basis} must be more than 0 and at most all of it.` });
      this.impossible.push(path);
    }
    return w;
  }

  component(v: Obj, path: string, inline: boolean): Component {
    const operators = num(v.operators);
    const th = obj(v.trustedHardware);
    this.claims(v, path, 'component');
    return {
      id: str(v.id) ?? (inline ? '' : `#${path}`),
      path,
      kind: oneOf(v.kind) ?? (inline ? 'signer-set' : 'operator'),
      name: str(v.name),
      description: str(v.description),
      operators,
      threshold: this.threshold(v.threshold, `${path}.threshold`, operators),
      external: num(v.external),
      operatedBy: str(v.operatedBy),
      publiclyKnown: oneOf(v.publiclyKnown),
      permissionless: bool(v.permissionless),
      openSource: bool(v.openSource),
      hsm: bool(v.hsm),
      hashrateShare: num(v.hashrateShare),
      stakeBtc: num(v.stakeBtc),
      weightedThreshold: this.weighted(v.threshold, `${path}.threshold`),
      stakeHasMarketValue: bool(v.stakeHasMarketValue),
      slashedFor: Array.isArray(v.slashedFor) ? strings<SlashingOffence>(v.slashedFor) : undefined,
      trustedHardware: th && { kind: str(th.kind), attestationPublic: bool(th.attestationPublic) },
      underReview: note(v.underReview),
    };
  }

  /** One upgrade route: `holder` (one set) or `holders` (all must sign), a delay, a kind and a scope. */
  route(v: Obj, path: string): UpgradeRoute {
    this.claims(v, path, 'route');
    const holders: SignerSetRef[] = [];
    const one = this.signerSet(v.holder, `${path}.holder`);
    if (one) holders.push(one);
    if (Array.isArray(v.holders)) {
      v.holders.forEach((h, i) => {
        const ref = this.signerSet(h, `${path}.holders.${i}`);
        if (ref) holders.push(ref);
      });
    }
    return { id: str(v.id), path, holders, delay: this.duration(v.delay, `${path}.delay`), kind: oneOf(v.kind), scope: oneOf(v.scope) };
  }

  upgrade(up: Obj, path: string): UpgradeAuthority {
    const emergency = obj(up.emergency);
    return {
      authority: up.authority === 'none' ? 'none' : this.signerSet(up.authority, `${path}.authority`),
      delay: this.duration(up.delay, `${path}.delay`),
      emergency: emergency && { ...this.route(emergency, `${path}.emergency`), kind: 'emergency' },
    };
  }

  control(v: unknown, path: string): ControlRef | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && (CONTROL_HOLDERS as readonly string[]).includes(v)) return { holder: v as ControlHolder, path };
    const set = this.signerSet(v, path);
    return set ? { set, path } : undefined;
  }

  controls(v: Obj, path: string): PegControls {
    return { pause: this.control(v.pause, `${path}.pause`), blacklist: this.control(v.blacklist, `${path}.blacklist`), mint: this.control(v.mint, `${path}.mint`) };
  }

  hop(v: Obj, path: string): CustodyHop {
    const up = obj(v.upgrade);
    this.claims(v, path, 'hop');
    return {
      path,
      name: str(v.name),
      custody: oneOf(v.custody),
      signers: this.signerSet(v.signers, `${path}.signers`),
      threshold: this.threshold(v.threshold, `${path}.threshold`),
      weightedThreshold: this.weighted(v.threshold, `${path}.threshold`),
      upgrade: up && this.upgrade(up, `${path}.upgrade`),
      bridgeSource: oneOf(v.bridgeSource),
      contractsVerified: bool(v.contractsVerified),
    };
  }

  /** A signer-set reference: a component id (resolved later) or an inline set. */
  signerSet(v: unknown, path: string): SignerSetRef | undefined {
    if (typeof v === 'string') {
      const ref: SignerSetRef = { ref: v, path };
      this.pendingRefs.push({ ref });
      return ref;
    }
    if (isObj(v)) return { path, component: this.component(v, path, true) };
    return undefined;
  }

  resolveRefs(): void {
    // `operatedBy` names another component (or the builder); a name that resolves to nothing is a dangling reference.
    for (const c of this.componentsById.values()) {
      if (c.operatedBy === undefined || c.operatedBy === 'builder' || this.componentsById.has(c.operatedBy)) continue;
      const hint = closest(c.operatedBy, [...this.componentsById.keys(), 'builder']);
      this.problems.push({ ruleId: 'L2S-FMT-005', path: `${c.path}.operatedBy`, message: `${quoted(c.operatedBy)} does not name a component or "builder"${hint ? `; did you mean ${quoted(hint)}?` : '.'}` });
    }
    for (const { ref } of this.pendingRefs) {
      const target = this.componentsById.get(ref.ref!);
      if (target) {
        ref.component = target;
      } else {
        const known = [...this.componentsById.keys()];
        const hint = closest(ref.ref!, known);
        this.problems.push({
          ruleId: 'L2S-FMT-005', path: ref.path,
          message: `${quoted(ref.ref!)} does not name a component${hint ? `; did you mean ${quoted(hint)}?` : known.length ? `; known ids: ${known.slice(0, 8).map((k) => quoted(k, 40)).join(', ')}.` : ' (the spec defines no components).'}`,
        });
      }
    }
  }

  /** A peg's own threshold must count the same signers as the set it refers to. */
  checkPegThreshold(peg: Peg): void {
    const set = peg.signers?.component;
    if (!peg.threshold || set?.operators === undefined || set.operators === peg.threshold.n) return;
    this.problems.push({
      ruleId: 'L2S-FMT-004', path: `${peg.path}.threshold`,
      message: `Threshold ${peg.threshold.text} counts ${peg.threshold.n} signers, but its signer set declares ${set.operators} operators.`,
      related: peg.signers?.ref ? [{ path: `${set.path}.operators`, message: `operators of signer set "${peg.signers.ref}"` }] : undefined,
    });
  }

  peg(v: Obj, path: string, index: number): Peg {
    const er = v.emergencyRecovery;
    let emergencyRecovery: EmergencyRecovery | 'none' | undefined;
    if (er === 'none') emergencyRecovery = 'none';
    else if (isObj(er)) {
      emergencyRecovery = {
        signers: this.signerSet(er.signers, `${path}.emergencyRecovery.signers`),
        threshold: this.threshold(er.threshold, `${path}.emergencyRecovery.threshold`),
        timelock: this.duration(er.timelock, `${path}.emergencyRecovery.timelock`),
      };
    }
    const up = obj(v.upgrade);
    const upgrade = up && this.upgrade(up, `${path}.upgrade`);
    const hops: CustodyHop[] = [];
    if (Array.isArray(v.hops)) v.hops.forEach((h, j) => { if (isObj(h)) hops.push(this.hop(h, `${path}.hops.${j}`)); });
    const controls = obj(v.controls);
    const por = obj(v.proofOfReserves);
    this.claims(v, path, 'peg');
    return {
      id: str(v.id) ?? `peg-${index}`,
      path,
      asset: str(v.asset),
      custody: oneOf(v.custody),
      signers: this.signerSet(v.signers, `${path}.signers`),
      threshold: this.threshold(v.threshold, `${path}.threshold`),
      emergencyRecovery,
      upgrade,
      mintTrigger: oneOf(v.mintTrigger),
      pegInConfirmations: num(v.pegInConfirmations),
      collateralBtc: num(v.collateralBtc),
      valueAtRiskBtc: num(v.valueAtRiskBtc),
      depositSizeBtc: num(v.depositSizeBtc),
      withdrawalsPermissioned: bool(v.withdrawalsPermissioned),
      canonical: bool(v.canonical),
      weightedThreshold: this.weighted(v.threshold, `${path}.threshold`),
      hops: hops.length ? hops : undefined,
      controls: controls && this.controls(controls, `${path}.controls`),
      backedBy: typeof v.backedBy === 'string' ? { ref: v.backedBy, path: `${path}.backedBy` } : undefined,
      proofOfReserves: por && { method: oneOf(por.method), interval: this.duration(por.interval, `${path}.proofOfReserves.interval`) },
      bridgeSource: oneOf(v.bridgeSource),
      contractsVerified: bool(v.contractsVerified),
      underReview: note(v.underReview),
    };
  }

  /** A peg backed by another peg's token: resolve the id; a dangling id is a format finding. */
  resolveBacking(pegs: Peg[]): void {
    const byId = new Map(pegs.map((p) => [p.id, p]));
    for (const peg of pegs) {
      const b = peg.backedBy;
      if (!b) continue;
      const target = byId.get(b.ref);
      // Not enumerable: a model serialised as JSON (or cloned) stays linear in a chain and finite on a cycle.
      if (target && target !== peg) Object.defineProperty(b, 'peg', { value: target, enumerable: false, writable: true, configurable: true });
      else this.problems.push({ ruleId: 'L2S-FMT-005', path: b.path, message: target ? `Peg "${peg.id}" cannot be backed by itself.` : `"${b.ref}" does not name a peg; backedBy takes the id of another peg in pegs.` });
    }
    for (const cycle of backingCycles(pegs)) {
      const names = cycle.length <= 4 ? `(${[...cycle, cycle[0]!].map((p) => `"${p.id}"`).join(' → ')})` : `of ${cycle.length} pegs`;
      for (const peg of cycle) {
        this.problems.push({
          ruleId: 'L2S-FMT-011',
          path: peg.backedBy!.path,
          message: `Peg "${peg.id}" is backed by "${peg.backedBy!.peg!.id}", and the backing goes round a cycle ${names}: no peg in it holds the BTC, so each is rated as the worst peg of the cycle.`,
        });
      }
    }
  }
}

/**
 * The cycles of resolved backedBy references, each in backing order. Each peg names at most one
 * backing peg, so every walk ends at a peg without one or enters exactly one cycle: linear time.
 */
export function backingCycles(pegs: readonly Peg[]): Peg[][] {
  const done = new Set<Peg>();
  const cycles: Peg[][] = [];
  for (const start of pegs) {
    const walk = new Map<Peg, number>();
    const order: Peg[] = [];
    let p: Peg | undefined = start;
    while (p && !done.has(p) && !walk.has(p)) {
      walk.set(p, order.length);
      order.push(p);
      p = p.backedBy?.peg;
    }
    if (p && walk.has(p)) cycles.push(order.slice(walk.get(p)!));
    for (const q of order) done.add(q);
  }
  return cycles;
}

/**
 * Facts written in a form l2spec could not read, from the schema problems: a value of the wrong
 * type or form is unreadable at its own path; an unknown key with a likely meaning makes the key
 * it most likely meant unreadable (unless that key is also written).
 */
function unreadableFacts(problems: readonly FormatProblem[], root: Obj): Map<string, UnreadableFact> {
  const out = new Map<string, UnreadableFact>();
  for (const p of problems) {
    if (p.key && p.suggestion) {
      const segs = p.path.split('.');
      const written = segs.pop()!;
      const meant = [...segs, p.suggestion].join('.');
      if (!hasPath(root, meant) && !out.has(meant)) out.set(meant, { path: p.path, ruleId: p.ruleId, what: `written as the unknown key "${written}"` });
    } else if (!p.key && p.ruleId === 'L2S-FMT-002' && !out.has(p.path)) {
      out.set(p.path, { path: p.path, ruleId: p.ruleId, what: 'written in a form l2spec cannot read' });
    }
  }
  return out;
}

function hasPath(root: unknown, path: string): boolean {
  let v: unknown = root;
  for (const seg of path.split('.')) {
    if (v === null || typeof v !== 'object') return false;
    if (!Object.prototype.hasOwnProperty.call(v, seg)) return false;
    v = (v as Obj)[seg];
  }
  return true;
}

/**
 * Builds the model from the spec's plain value. `formatProblems` (from the schema check) lets the
 * model tell an unreadable fact from a missing one (`model.unreadable`).
 */
export function buildModel(root: Obj, formatProblems: readonly FormatProblem[] = []): { model: SpecModel; problems: ModelProblem[] } {
  const componentsById = new Map<string, Component>();
  const b = new Builder(componentsById);

  const components: Component[] = [];
  const rawComponents = Array.isArray(root.components) ? root.components : [];
  rawComponents.forEach((raw, i) => {
    if (!isObj(raw)) return;
    const c = b.component(raw, `components.${i}`, false);
    components.push(c);
    if (typeof raw.id !== 'string') return;
    const first = componentsById.get(c.id);
    if (first) {
      b.problems.push({
        ruleId: 'L2S-FMT-006', path: `components.${i}.id`,
        message: `Component id "${c.id}" is already used by ${first.path}; references to it are ambiguous.`,
        related: [{ path: `${first.path}.id`, message: 'first definition' }],
      });
    } else componentsById.set(c.id, c);
  });

  const system = obj(root.system) ?? {};
  const l1 = obj(root.l1) ?? {};
  const anchoring = obj(l1.anchoring);
  const exits = obj(root.exits);
  const da = obj(root.dataAvailability);
  const sv = obj(root.stateValidation);
  const fin = obj(root.finality);
  const gov = obj(root.governance);
  const tr = obj(root.transparency);
  const fi = exits ? obj(exits.forcedInclusion) : undefined;
  const wt = exits ? obj(exits.watchtowers) : undefined;
  const btc = obj(l1.bitcoin);
  if (exits) b.claims(exits, 'exits', 'exits');
  if (da) b.claims(da, 'dataAvailability', 'dataAvailability');
  if (fin) b.claims(fin, 'finality', 'finality');
  if (sv) b.claims(sv, 'stateValidation', 'stateValidation');

  const pegs: Peg[] = [];
  (Array.isArray(root.pegs) ? root.pegs : []).forEach((raw, i) => {
    if (isObj(raw)) pegs.push(b.peg(raw, `pegs.${i}`, i));
  });

  const model: SpecModel = {
    formatVersion: num(root.l2spec),
    system: {
      name: str(system.name),
      family: oneOf(system.family),
      claims: strings(system.claims),
      description: str(system.description),
    },
    l1: {
      host: oneOf(l1.host),
      settlement: oneOf(l1.settlement),
      anchoring: anchoring && {
        what: strings(anchoring.what),
        interval: b.duration(anchoring.interval, 'l1.anchoring.interval'),
        bridgeFinalizesOnAnchor: bool(anchoring.bridgeFinalizesOnAnchor),
      },
      bitcoin: btc && { relation: oneOf(btc.relation), what: strings(btc.what) },
    },
    components,
    componentsById,
    pegs,
    exits: exits && {
      unilateral: bool(exits.unilateral),
      mechanism: oneOf(exits.mechanism),
      delay: b.duration(exits.delay, 'exits.delay'),
      forcedInclusion: fi && { mode: oneOf(fi.mode), maxDelay: b.duration(fi.maxDelay, 'exits.forcedInclusion.maxDelay'), councilThreshold: b.threshold(fi.councilThreshold, 'exits.forcedInclusion.councilThreshold'), councilWeightedThreshold: b.weighted(fi.councilThreshold, 'exits.forcedInclusion.councilThreshold') },
      proposerFallback: oneOf(exits.proposerFallback),
      proposerFallbackTimeout: b.duration(exits.proposerFallbackTimeout, 'exits.proposerFallbackTimeout'),
      watchtowers: wt && {
        required: bool(wt.required),
        set: b.signerSet(wt.set, 'exits.watchtowers.set'),
        permissionless: bool(wt.permissionless),
      },
      vtxoExpiry: b.duration(exits.vtxoExpiry, 'exits.vtxoExpiry'),
      outOfRoundTrusted: bool(exits.outOfRoundTrusted),
    },
    dataAvailability: da && {
      location: oneOf(da.location),
      committee: b.signerSet(da.committee, 'dataAvailability.committee'),
      daBridge: bool(da.daBridge),
      nodeOpenSource: bool(da.nodeOpenSource),
      permissionedAccess: bool(da.permissionedAccess),
      backup: bool(da.backup),
      economicSecurity: bool(da.economicSecurity),
      underReview: note(da.underReview),
    },
    stateValidation: sv && {
      mechanism: oneOf(sv.mechanism),
      challengers: b.signerSet(sv.challengers, 'stateValidation.challengers'),
      challengePeriod: b.duration(sv.challengePeriod, 'stateValidation.challengePeriod'),
      proofSystem: oneOf(sv.proofSystem),
      proverSource: oneOf(sv.proverSource),
    },
    finality: fin && { source: oneOf(fin.source), provableKeyDeletion: bool(fin.provableKeyDeletion), underReview: note(fin.underReview) },
    governance: gov && {
      upgradeDelay: b.duration(gov.upgradeDelay, 'governance.upgradeDelay'),
      upgradeable: bool(gov.upgradeable),
      securityCouncil: b.signerSet(gov.securityCouncil, 'governance.securityCouncil'),
      councilScope: oneOf(gov.councilScope),
      pause: oneOf(gov.pause),
      blacklist: oneOf(gov.blacklist),
      tokenUpgradeDelay: b.duration(gov.tokenUpgradeDelay, 'governance.tokenUpgradeDelay'),
      upgradePaths: Array.isArray(gov.upgradePaths)
        ? gov.upgradePaths.flatMap((r, i) => (isObj(r) ? [b.route(r, `governance.upgradePaths.${i}`)] : []))
        : undefined,
    },
    transparency: tr && {
      nodeSource: oneOf(tr.nodeSource),
      contractsVerified: bool(tr.contractsVerified),
      audits: strings(tr.audits),
      operatorsDisclosed: bool(tr.operatorsDisclosed),
    },
    unreadable: unreadableFacts(formatProblems, root),
    claimed: b.claimed,
  };
  b.resolveRefs();
  b.resolveBacking(pegs);
  pegs.forEach((peg) => b.checkPegThreshold(peg));
  // The forced-inclusion threshold counts members of the security council: its n must be the council's size.
  const fiThreshold = model.exits?.forcedInclusion?.councilThreshold;
  const council = model.governance?.securityCouncil?.component;
  const councilSize = council?.operators ?? council?.threshold?.n;
  if (fiThreshold && councilSize !== undefined && fiThreshold.n !== councilSize) {
    b.problems.push({
      ruleId: 'L2S-FMT-004', path: 'exits.forcedInclusion.councilThreshold',
      message: `Threshold ${fiThreshold.text} counts ${fiThreshold.n} council members, but the security council${council!.name || council!.id ? ` "${council!.name ?? council!.id}"` : ''} has ${councilSize}.`,
      related: [{ path: council!.operators !== undefined ? `${council!.path}.operators` : `${council!.path}.threshold`, message: 'the council\'s size' }],
    });
  }
  // An impossible threshold was written, so the fact is unreadable rather than missing; and one token
  // gets one finding: the schema's (L2S-FMT-002) when it already refused the value.
  const refused = new Set(formatProblems.filter((p) => !p.key && p.ruleId === 'L2S-FMT-002').map((p) => p.path));
  const impossible = new Set(b.impossible);
  for (const path of impossible) {
    if (!model.unreadable!.has(path)) model.unreadable!.set(path, { path, ruleId: 'L2S-FMT-004', what: 'written as an impossible threshold' });
  }
  for (let i = b.problems.length - 1; i >= 0; i--) {
    const p = b.problems[i]!;
    if (p.ruleId === 'L2S-FMT-004' && refused.has(p.path) && impossible.has(p.path)) b.problems.splice(i, 1);
  }
  // Two upgrade paths with one id: findings and reasons name paths by id, so they would be confused.
  const routeIds = new Map<string, string>();
  for (const route of model.governance?.upgradePaths ?? []) {
    if (route.id === undefined) continue;
    const first = routeIds.get(route.id);
    if (first === undefined) routeIds.set(route.id, route.path);
    else b.problems.push({ ruleId: 'L2S-FMT-006', path: `${route.path}.id`, message: `Upgrade path id "${route.id}" is already used by ${first}; findings and reasons that name the path are ambiguous.`, related: [{ path: `${first}.id`, message: 'first definition' }] });
  }
  return { model, problems: b.problems };
}

export { closest } from './didYouMean.js';
