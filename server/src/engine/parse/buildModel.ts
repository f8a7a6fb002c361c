// Turns the plain JS value of a spec into the typed SpecModel. It is lenient: a value of the
// wrong type is left out (the schema check reports it), so the rest can still be analysed.
// It reports what only the model can see: invalid thresholds, duplicate ids, dangling references.
import type {
  Component, Duration, EmergencyRecovery, Peg, SignerSetRef, SpecModel, Threshold, UpgradeAuthority,
} from '../model.js';
import type { Report } from '../types.js';
import { parseDuration, parseThreshold } from './values.js';
import { closest, quoted } from './didYouMean.js';

type Obj = Record<string, unknown>;

export interface ModelProblem extends Report {
  ruleId: string;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);
function oneOf<T extends string>(v: unknown): T | undefined {
  return typeof v === 'string' ? (v as T) : undefined;
}
function strings<T extends string>(v: unknown): T[] {
  return Array.isArray(v) ? v.filter((x): x is T => typeof x === 'string') : [];
}

class Builder {
  readonly problems: ModelProblem[] = [];
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
    if (!t && typeof v === 'string' && /^\s*\d+\s*-of-\s*\d+\s*$/i.test(v)) {
      this.problems.push({ ruleId: 'L2S-FMT-004', path, message: `Threshold "${v}" is impossible: it needs between 1 and n signatures out of n.` });
    }
    if (t && operators !== undefined && operators !== t.n) {
      this.problems.push({
        ruleId: 'L2S-FMT-004', path,
        message: `Threshold ${t.text} counts ${t.n} signers, but the set declares ${operators} operators.`,
      });
    }
    return t;
  }

  component(v: Obj, path: string, inline: boolean): Component {
    const operators = num(v.operators);
    return {
      id: str(v.id) ?? (inline ? '' : `#${path}`),
      path,
      kind: oneOf(v.kind) ?? (inline ? 'signer-set' : 'operator'),
      name: str(v.name),
      description: str(v.description),
      operators,
      threshold: this.threshold(v.threshold, `${path}.threshold`, operators),
      external: num(v.external),
      publiclyKnown: oneOf(v.publiclyKnown),
      permissionless: bool(v.permissionless),
      openSource: bool(v.openSource),
      hsm: bool(v.hsm),
      hashrateShare: num(v.hashrateShare),
      stakeBtc: num(v.stakeBtc),
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
    let upgrade: UpgradeAuthority | undefined;
    if (up) {
      upgrade = {
        authority: up.authority === 'none' ? 'none' : this.signerSet(up.authority, `${path}.upgrade.authority`),
        delay: this.duration(up.delay, `${path}.upgrade.delay`),
      };
    }
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
    };
  }
}

export function buildModel(root: Obj): { model: SpecModel; problems: ModelProblem[] } {
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
    },
    components,
    componentsById,
    pegs,
    exits: exits && {
      unilateral: bool(exits.unilateral),
      mechanism: oneOf(exits.mechanism),
      delay: b.duration(exits.delay, 'exits.delay'),
      forcedInclusion: fi && { mode: oneOf(fi.mode), maxDelay: b.duration(fi.maxDelay, 'exits.forcedInclusion.maxDelay') },
      proposerFallback: oneOf(exits.proposerFallback),
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
    },
    stateValidation: sv && {
      mechanism: oneOf(sv.mechanism),
      challengers: b.signerSet(sv.challengers, 'stateValidation.challengers'),
      challengePeriod: b.duration(sv.challengePeriod, 'stateValidation.challengePeriod'),
      proofSystem: oneOf(sv.proofSystem),
      proverSource: oneOf(sv.proverSource),
    },
    finality: fin && { source: oneOf(fin.source), provableKeyDeletion: bool(fin.provableKeyDeletion) },
    governance: gov && {
      upgradeDelay: b.duration(gov.upgradeDelay, 'governance.upgradeDelay'),
      upgradeable: bool(gov.upgradeable),
      securityCouncil: b.signerSet(gov.securityCouncil, 'governance.securityCouncil'),
      councilScope: oneOf(gov.councilScope),
      pause: oneOf(gov.pause),
      blacklist: oneOf(gov.blacklist),
      tokenUpgradeDelay: b.duration(gov.tokenUpgradeDelay, 'governance.tokenUpgradeDelay'),
    },
    transparency: tr && {
      nodeSource: oneOf(tr.nodeSource),
      contractsVerified: bool(tr.contractsVerified),
      audits: strings(tr.audits),
      operatorsDisclosed: bool(tr.operatorsDisclosed),
    },
  };
  b.resolveRefs();
  pegs.forEach((peg) => b.checkPegThreshold(peg));
  return { model, problems: b.problems };
}

export { closest } from './didYouMean.js';
