// Parties and how many independent organisations (entities) a group of them is.
//
// A set (a component, referenced or inline) has members; the spec says how many are external to the
// builder. Members the spec gives as the builder's are one entity, the builder, across every set;
// external members count one each, unless the spec says a set is run by the same organisations as
// another (`operatedBy`), in which case taking k members of both needs only the larger k of them.
import type { Component, SignerSetRef, SpecModel, Threshold, WeightedThreshold } from '../model.js';
import { minSigners } from '../rules/support.js';
import type { CoalitionMember } from './types.js';

/** One set of parties as the model counts it. */
export interface PartySet {
  /** Stable key: the component id, the inline set's path, or a pseudo-party name. */
  key: string;
  /** How coalitions name it: the component id, else its name. */
  name: string;
  /** Spec path of the definition (or of the field that implies the party). */
  path?: string;
  /** Members, when known. */
  size?: number;
  /** Members run by the builder; undefined when the spec does not say how many are external. */
  builder?: number;
  /** Key of the set whose organisations also run this one's members (`operatedBy`). */
  group: string;
  /** Anyone may join: such a set is never a fixed coalition. */
  permissionless: boolean;
  /** Paths of facts the count needs but the spec does not give. */
  unknownSize?: string;
  unknownExternal?: string;
  /**
   * Facts the count (or the tier's bar) rests on that the spec marks as only claimed, as
   * "components.1.external (claimed)": a coalition of this set names them in `unknown`.
   */
  claimed?: string[];
  component?: Component;
}

/** A component's facts that decide how its members are counted or whether they meet the tier's bar. */
const COUNTED_FACTS = ['operators', 'threshold', 'external', 'publiclyKnown', 'permissionless', 'hashrateShare', 'stakeBtc', 'stakeHasMarketValue', 'slashedFor', 'trustedHardware'] as const;

/** "path (claimed)" for each of `paths` the spec marks as only claimed. */
export function claimedAt(model: SpecModel, paths: readonly string[]): string[] {
  return paths.filter((p) => model.claimed?.has(p)).map((p) => `${p} (claimed)`);
}

/** `count` members of `set`. */
export interface Need {
  set: PartySet;
  count: number;
  /** Facts the count itself rests on that are missing (an unknown threshold). */
  unknown?: string[];
}

/** Builds and caches the PartySet of each component of one model. */
export class Parties {
  private readonly byComponent = new Map<Component, PartySet>();
  private readonly pseudo = new Map<string, PartySet>();

  constructor(private readonly model: SpecModel) {}

  /** The set behind a reference; a dangling reference is a pseudo-party named by the id. */
  ofRef(ref: SignerSetRef | undefined, fallback: string, fallbackPath?: string): PartySet {
    if (ref?.component) return this.of(ref.component);
    return this.named(ref?.ref ?? fallback, ref?.path ?? fallbackPath, { unknownSize: ref?.path ?? fallbackPath });
  }

  of(c: Component): PartySet {
    const known = this.byComponent.get(c);
    if (known) return known;
    const size = c.operators ?? c.threshold?.n;
    const operatedBy = c.operatedBy;
    const builderRun = operatedBy === 'builder';
    const builder = builderRun ? size ?? 1 : size !== undefined && c.external !== undefined ? Math.max(0, size - Math.min(c.external, size)) : undefined;
    const key = c.id || c.path;
    const claimed = claimedAt(this.model, COUNTED_FACTS.map((f) => `${c.path}.${f}`));
    const set: PartySet = {
      key,
      name: c.id || c.name || c.path,
      path: c.path,
      size,
      builder,
      group: operatedBy && !builderRun && this.model.componentsById.has(operatedBy) ? rootGroup(this.model, operatedBy) : key,
      permissionless: c.permissionless === true,
      unknownSize: size === undefined ? `${c.path}.operators` : undefined,
      unknownExternal: builder === undefined && c.permissionless !== true ? `${c.path}.external` : undefined,
      ...(claimed.length ? { claimed } : {}),
      component: c,
    };
    this.byComponent.set(c, set);
    return set;
  }

  /** A party the spec implies but does not define (a previous owner, a custodian, an undeclared holder). */
  named(name: string, path: string | undefined, opts: { size?: number; builder?: number; unknownSize?: string } = {}): PartySet {
    const key = `~${name}`;
    const known = this.pseudo.get(key);
    if (known) return known;
    const set: PartySet = { key, name, path, size: opts.size, builder: opts.builder ?? 0, group: key, permissionless: false, unknownSize: opts.unknownSize };
    this.pseudo.set(key, set);
    return set;
  }
}

/** Follows `operatedBy` to the set that names the organisations (cycles stop at the first repeat). */
function rootGroup(model: SpecModel, id: string): string {
  const seen = new Set<string>();
  let cur = id;
  for (;;) {
    seen.add(cur);
    const next = model.componentsById.get(cur)?.operatedBy;
    if (!next || next === 'builder' || seen.has(next) || !model.componentsById.has(next)) return cur;
    cur = next;
  }
}

/** A set acting by its own rule: its m-of-n threshold, its share of stake, else all of a one-member set. */
export function actingNeed(set: PartySet, threshold?: Threshold, weighted?: WeightedThreshold): Need {
  const c = set.component;
  const t = threshold ?? c?.threshold;
  const w = weighted ?? c?.weightedThreshold;
  if (t) return { set, count: Math.max(1, Math.min(t.m, t.n)) };
  if (w) return shareNeed(set, w.fraction);
  if (set.size === 1) return { set, count: 1 };
  return { set, count: 1, unknown: set.path ? [`${set.path}.threshold`] : undefined };
}

/** Members that can block a set that acts by `m` of `n`: n − m + 1. */
export function blockingNeed(set: PartySet, threshold?: Threshold, weighted?: WeightedThreshold): Need {
  const c = set.component;
  const t = threshold ?? c?.threshold;
  const w = weighted ?? c?.weightedThreshold;
  if (t) return { set, count: Math.max(1, t.n - Math.min(t.m, t.n) + 1) };
  if (w && set.size !== undefined) return { set, count: Math.max(1, set.size - minSigners(set.size, w.fraction) + 1) };
  if (set.size === 1) return { set, count: 1 };
  return { set, count: 1, unknown: set.path ? [`${set.path}.threshold`] : undefined };
}

/** Every member of a set (an N-of-N committee, a fixed challenger set that must all stay silent). */
export function allOf(set: PartySet): Need {
  return { set, count: set.size ?? 1 };
}

/**
 * A share of stake or voting power counted as members: the fewest members that can hold that share
 * when every member holds an equal share (the spec gives no distribution; with concentrated stake
 * fewer suffice, which the coalition's `unknown` says).
 */
export function shareNeed(set: PartySet, fraction: number): Need {
  if (set.size === undefined) return { set, count: 1 };
  return { set, count: Math.max(1, minSigners(set.size, fraction)), unknown: set.path ? [`${set.path}.stake distribution`] : undefined };
}

/** Entities in a group of needs, and the facts the count rests on that are missing. */
export function countEntities(needs: readonly Need[]): { entities: number; unknown: string[] } {
  let builderUsed = false;
  const externalByGroup = new Map<string, number>();
  const unknown = new Set<string>();
  for (const n of needs) {
    if (n.count <= 0) continue;
    const builder = n.set.builder ?? 0;
    if (builder > 0) builderUsed = true;
    const ext = Math.max(0, n.count - builder);
    externalByGroup.set(n.set.group, Math.max(externalByGroup.get(n.set.group) ?? 0, ext));
    if (n.set.unknownExternal && ext > 1) unknown.add(n.set.unknownExternal);
    if (n.set.unknownSize && n.count >= (n.set.size ?? 1)) unknown.add(n.set.unknownSize);
    for (const u of n.unknown ?? []) unknown.add(u);
    // A claimed size, threshold or independence cannot be checked: the count is only the project's word.
    for (const u of n.set.claimed ?? []) unknown.add(u);
  }
  let entities = builderUsed ? 1 : 0;
  for (const e of externalByGroup.values()) entities += e;
  return { entities: Math.max(entities, needs.some((n) => n.count > 0) ? 1 : 0), unknown: [...unknown] };
}

/** The JSON members of a group of needs (one entry per set, the largest count). */
export function membersOf(needs: readonly Need[]): CoalitionMember[] {
  const bySet = new Map<string, CoalitionMember>();
  for (const n of needs) {
    const m = bySet.get(n.set.key);
    if (m) { m.count = Math.max(m.count, n.count); continue; }
    bySet.set(n.set.key, { set: n.set.name, count: n.count, ...(n.set.size !== undefined ? { of: n.set.size } : {}), ...(n.set.path ? { path: n.set.path } : {}) });
  }
  return [...bySet.values()];
}
