// The candidate changes to declared facts that the path-to-a-better-tier search may combine.
// Each comes from one of three sources, and says which:
//   - a finding's own fix (the rule's concrete edit, e.g. "Require 4-of-5 signatures");
//   - a rule's remediation, turned into facts (e.g. L2S-CUST-002 "declare publiclyKnown: all");
//   - a row of the rating tables in docs/assessment.md (e.g. "5 publicly known external members
//     → high", "an exit window of 30 days → good", "forced inclusion through L1 → good").
// Only facts the design owns are proposed: l2spec never suggests moving the system to another
// host chain or family. Candidates are limited to the sets and sections the ratings, the stage
// and the tier actually read (the canonical peg and the sets it references, the operators, the
// DA committee, the challengers, the council, the upgrade paths), so their number does not grow
// with the size of the spec.
import type { Component, SignerSetRef, SpecModel } from '../model.js';
import type { AnalysisResult } from '../types.js';
import { canonicalPeg } from '../assess/custody.js';
import { exitDelay, upgradeFacts } from '../assess/common.js';
import { FRAMEWORK_FLOORS as F } from '../rules/thresholds.js';
import { ASSESSMENT_FLOORS as A } from '../assess/floors.js';
import { daysValue, isRollupLike } from '../rules/support.js';
import type { SpecEdit } from './edit.js';
import { trustModel, type Coalition } from '../trust/index.js';

/** Where a family lets users leave by Bitcoin transactions alone (trust-frameworks.md §4). */
const FAMILY_EXIT: Partial<Record<string, string>> = { 'payment-channel': 'force-close', ark: 'unilateral-vtxo-exit', statechain: 'statechain-backup-tx' };

function componentAt(model: SpecModel, path: string | undefined): Component | undefined {
  if (!path) return undefined;
  return model.components.find((x) => x.path === path) ?? model.pegs.flatMap((p) => [p.signers?.component, ...(p.hops ?? []).map((h) => h.signers?.component)]).find((x) => x?.path === path);
}

/**
 * Changes that shrink or remove the coalitions that can steal (the tier's question, trust model):
 * raise a signing threshold to two thirds, remove an emergency path (or give it a timelock), make a
 * peg's custody code immutable or its upgrade slower than users' exit, let anyone challenge, give
 * users a unilateral exit where the family has one. Disclosing members, making them external and
 * growing a set to the floor come from `knownExternal` on the same sets. Each names the coalition.
 */
function stealLevers(model: SpecModel, out: Change[]): void {
  const tm = trustModel(model);
  const steal = tm.coalitions.steal.coalitions;
  const seen = new Set<string>();
  const once = (c: Change) => { if (!seen.has(c.id)) { seen.add(c.id); out.push(c); } };
  for (const c of steal) {
    for (const peg of model.pegs) {
      if (!c.paths.some((p) => p === peg.path || p.startsWith(`${peg.path}.`))) continue;
      const e = peg.emergencyRecovery;
      if (e && e !== 'none' && c.paths.includes(`${peg.path}.emergencyRecovery`)) {
        once(change(`Remove the emergency path of peg "${peg.id}" (emergencyRecovery: none)`, 'mechanism', [{ path: `${peg.path}.emergencyRecovery`, value: 'none' }], { from: 'rating-table' }));
        if (!e.timelock) once(change(`Let the emergency keys of peg "${peg.id}" act only after a timelock (timelock: 4032 blocks)`, 'parameter', [{ path: `${peg.path}.emergencyRecovery.timelock`, value: '4032 blocks' }], { from: 'rating-table' }));
        raiseThreshold(`the emergency path of peg "${peg.id}"`, e.threshold, `${peg.path}.emergencyRecovery.threshold`, componentAt(model, e.signers?.component?.path), once);
      } else if (c.how.startsWith('sign with') && c.paths[0] === peg.path) {
        raiseThreshold(`peg "${peg.id}"`, peg.threshold, `${peg.path}.threshold`, componentAt(model, c.members[0]?.path), once);
      }
      if (c.paths.includes(`${peg.path}.mintTrigger`) && (peg.mintTrigger === 'single-relayer' || peg.mintTrigger === 'undisclosed' || peg.mintTrigger === 'federation')) {
        // Bitcoin Layers' wrapped-token rubric: a mint triggered by an on-chain Bitcoin light client is low risk.
        once(change(`Mint tokens of peg "${peg.id}" only on a Bitcoin light-client proof of the deposit (mintTrigger: light-client)`, 'mechanism', [{ path: `${peg.path}.mintTrigger`, value: 'light-client' }], { from: 'rating-table', ruleId: peg.mintTrigger === 'single-relayer' ? 'L2S-CUST-014' : peg.mintTrigger === 'undisclosed' ? 'L2S-CUST-013' : 'L2S-CUST-015' }));
      }
      if (c.paths.includes(`${peg.path}.bridgeSource`)) {
        once(change(`Publish the bridge program of peg "${peg.id}" (bridgeSource: open)`, 'disclose', [{ path: `${peg.path}.bridgeSource`, value: 'open' }], { from: 'rating-table' }));
      }
      if (c.paths.includes(`${peg.path}.contractsVerified`)) {
        once(change(`Verify the contracts of peg "${peg.id}" against published source (contractsVerified: true)`, 'parameter', [{ path: `${peg.path}.contractsVerified`, value: 'true' }], { from: 'rating-table' }));
      }
      if (c.how.startsWith('upgrade ') && peg.upgrade && peg.upgrade.authority !== 'none' && c.paths.some((p) => p.startsWith(`${peg.path}.upgrade`))) {
        once(change(`Make the custody code of peg "${peg.id}" immutable (upgrade.authority: none)`, 'mechanism', [{ path: `${peg.path}.upgrade.authority`, value: 'none' }], { from: 'rating-table', ruleId: 'L2S-EXIT-006' }));
      }
    }
    if (c.how.startsWith('upgrade ') && c.unknown?.includes('exits.delay') && model.exits?.mechanism && model.exits.mechanism !== 'none') {
      once(change('Declare how long users need to exit (exits.delay: 7d), if they can leave within a week', 'disclose', [{ path: 'exits.delay', value: '7d' }], { from: 'rating-table', ruleId: 'L2S-EXIT-005' }));
    }
    if (/challenger/.test(c.how)) {
      const ch = model.stateValidation?.challengers?.component;
      if (ch && ch.permissionless !== true) once(change(`Let anyone challenge (permissionless: true on ${label(ch)})`, 'mechanism', [{ path: `${ch.path}.permissionless`, value: 'true' }], { from: 'rating-table' }));
    }
    if (c.members.some((m) => m.set === 'holder of the BTC') || noExitCoalition(c)) {
      const mech = FAMILY_EXIT[model.system.family ?? ''];
      if (mech) once(change(`Let users leave with their own Bitcoin transactions (exits.unilateral: true, mechanism: ${mech})`, 'mechanism', [{ path: 'exits.unilateral', value: 'true' }, { path: 'exits.mechanism', value: mech }], { from: 'rating-table' }));
    }
  }
}

function noExitCoalition(c: Coalition): boolean {
  return c.condition === 'users have no exit that does not depend on the operators';
}

/**
 * Two thirds of the keys (Bitcoin Layers' safe threshold): the steal coalition then needs that
 * many members. Edits the threshold where the coalition reads it (the peg's own, else the set's).
 */
function raiseThreshold(what: string, t: { m: number; n: number } | undefined, at: string, set: Component | undefined, once: (c: Change) => void): void {
  const own = t ?? set?.threshold;
  if (!own) return;
  const m = Math.ceil(own.n * F.safeThresholdFraction);
  if (own.m >= m) return;
  // Where the coalition reads it: the peg's (or path's) own threshold, else the set's.
  const edits: SpecEdit[] = [{ path: t ? at : `${set!.path}.threshold`, value: `${m}-of-${own.n}` }];
  if (edits.length) once(change(`Require ${m} of ${own.n} signatures on ${what}`, 'parameter', edits, { from: 'rating-table', ruleId: 'L2S-CUST-001' }));
}

/**
 * How much a change asks of the architect: `disclose` states a fact the spec leaves out (true only
 * if it holds), `parameter` changes a number, delay or flag, `mechanism` changes how the design
 * works. The search prefers fewer changes, then cheaper ones.
 */
export type ChangeKind = 'disclose' | 'parameter' | 'mechanism';
export const CHANGE_COST: Record<ChangeKind, number> = { disclose: 1, parameter: 2, mechanism: 4 };

export interface Change {
  /** Stable within one spec: the sorted edits, e.g. "components.0.publiclyKnown=all". */
  id: string;
  title: string;
  kind: ChangeKind;
  edits: SpecEdit[];
  /** Where the change comes from: a rule's fix or remediation (with its ID), or a rating table. */
  source: { from: 'fix' | 'remediation' | 'rating-table'; ruleId?: string };
}

function change(title: string, kind: ChangeKind, edits: SpecEdit[], source: Change['source']): Change {
  const id = edits.map((e) => `${e.path}=${e.value}`).sort().join('&');
  return { id, title, kind, edits, source };
}

function label(c: Component): string {
  return `"${c.name ?? c.id}"`;
}

/** The known-external bar (BL custody/operators/DA "high"; L2BEAT challengers): ≥5 publicly known external members. */
function knownExternal(c: Component, ruleId: string | undefined, out: Change[]): void {
  const min = Math.max(A.custodyMinExternalSigners, F.minExternalOperators);
  if (c.permissionless === true) return;
  if (c.publiclyKnown !== 'all') {
    out.push(change(`Disclose every member of ${label(c)} (publiclyKnown: all)`, 'disclose', [{ path: `${c.path}.publiclyKnown`, value: 'all' }], { from: ruleId ? 'remediation' : 'rating-table', ruleId }));
  }
  if (c.external === undefined || c.external < min) {
    const n = Math.max(c.operators ?? 0, c.threshold?.n ?? 0);
    if (n >= min) {
      out.push(change(`Make at least ${min} members of ${label(c)} independent of the builder (external: ${min})`, 'parameter', [{ path: `${c.path}.external`, value: String(min) }], { from: 'rating-table', ruleId }));
    } else {
      const m = Math.ceil(min * F.safeThresholdFraction);
      const edits: SpecEdit[] = [{ path: `${c.path}.operators`, value: String(min) }, { path: `${c.path}.external`, value: String(min) }];
      if (c.threshold) edits.push({ path: `${c.path}.threshold`, value: `${m}-of-${min}` });
      out.push(change(`Grow ${label(c)} to ${min} members independent of the builder${c.threshold ? `, ${m}-of-${min}` : ''}`, 'parameter', edits, { from: 'remediation', ruleId: ruleId ?? 'L2S-CUST-003' }));
    }
  }
}

/** L2BEAT Stage 1: a Security Council of ≥8 members, ≥75% threshold, an external quorum-blocking minority. */
function properCouncil(c: Component, out: Change[]): void {
  const n = Math.max(F.councilMinMembers, c.operators ?? 0, c.threshold?.n ?? 0);
  const m = Math.ceil(n * F.councilMinThresholdFraction);
  const external = Math.max(n - m + 1, Math.floor(n * F.councilMinExternalFraction) + 1);
  const edits: SpecEdit[] = [];
  if (c.operators !== n) edits.push({ path: `${c.path}.operators`, value: String(n) });
  if (!c.threshold || c.threshold.n !== n || c.threshold.m < m) edits.push({ path: `${c.path}.threshold`, value: `${m}-of-${n}` });
  if (c.external === undefined || c.external < external) edits.push({ path: `${c.path}.external`, value: String(external) });
  if (c.publiclyKnown !== 'all') edits.push({ path: `${c.path}.publiclyKnown`, value: 'all' });
  if (edits.length) out.push(change(`Set up ${label(c)} as a proper Security Council (${m}-of-${n}, ${external} external, publicly known)`, 'parameter', edits, { from: 'remediation', ruleId: 'L2S-GOV-001' }));
}

function resolve(model: SpecModel, ref: SignerSetRef | undefined): Component | undefined {
  return ref?.component ?? (ref?.ref ? model.componentsById.get(ref.ref) : undefined);
}

/** Values that state a missing fact at its best, keyed by the fact's field (for `missing` lists). */
const DISCLOSE_DEFAULTS: Record<string, string> = {
  publiclyKnown: 'all', nodeOpenSource: 'true', openSource: 'true', nodeSource: 'open', contractsVerified: 'true',
  operatorsDisclosed: 'true', proverSource: 'open', bridgeFinalizesOnAnchor: 'true',
};

/**
 * Every candidate change for the spec behind `result`, de-duplicated. Pure; reads only the model
 * and the findings. Returns [] when there is no model (unparsable text).
 */
export function candidateChanges(result: AnalysisResult): Change[] {
  const model = result.model;
  if (!model) return [];
  const out: Change[] = [];
  const rollup = isRollupLike(model);
  const canonical = canonicalPeg(model);

  // The sets the ratings read.
  const sets = new Map<string, { c: Component; ruleId?: string }>();
  const addSet = (ref: SignerSetRef | undefined, ruleId?: string) => {
    const c = resolve(model, ref);
    if (c && !sets.has(c.path)) sets.set(c.path, { c, ruleId });
  };
  if (canonical) {
    addSet(canonical.signers, 'L2S-CUST-002');
    for (const h of canonical.hops ?? []) addSet(h.signers);
    const e = canonical.emergencyRecovery;
    if (e && e !== 'none') addSet(e.signers);
  }
  addSet(model.dataAvailability?.committee, 'L2S-DA-002');
  addSet(model.stateValidation?.challengers);
  const upgrades = upgradeFacts(model).paths;
  for (const u of upgrades) for (const h of u.holders) addSet(h);
  // Network operators: block producers, else service operators, else federations (assessment step 2).
  const roles = [['sequencer', 'validators', 'miners'], ['operator'], ['federation']];
  let producers: Component[] = [];
  for (const kinds of roles) {
    producers = model.components.filter((c) => kinds.includes(c.kind));
    if (producers.length) break;
  }
  // The operators axis is the worst of its sets, so several sets are lifted together, in one change.
  if (producers.length > 1) {
    const groups: Change[] = [];
    for (const c of producers) if (!sets.has(c.path)) knownExternal(c, undefined, groups);
    const merged = new Map<string, Change>();
    for (const g of groups) {
      const key = g.kind + g.edits.map((e) => e.path.split('.').pop()).join(',');
      const m = merged.get(key);
      if (m) m.edits.push(...g.edits);
      else merged.set(key, { ...g, edits: [...g.edits] });
    }
    for (const m of merged.values()) out.push(change(`${m.title.replace(/"[^"]*"/, `the ${producers.length} operator sets`)}`, m.kind, m.edits, m.source));
  } else {
    for (const c of producers) if (!sets.has(c.path)) sets.set(c.path, { c });
  }
  const council = resolve(model, model.governance?.securityCouncil);

  for (const { c, ruleId } of sets.values()) {
    if (c === council) continue;
    if (c.kind === 'sequencer' && (c.operators ?? 1) <= 1 && c.permissionless !== true) {
      if (c.openSource !== true) out.push(change(`Publish the sequencer's node software (openSource: true on ${label(c)})`, 'disclose', [{ path: `${c.path}.openSource`, value: 'true' }], { from: 'remediation', ruleId: 'L2S-TRN-001' }));
      continue;
    }
    if (c.kind === 'miners') continue;
    if (c.kind === 'challengers' || c.kind === 'watchtowers') {
      if (c.permissionless !== true) out.push(change(`Let anyone join ${label(c)} (permissionless: true)`, 'mechanism', [{ path: `${c.path}.permissionless`, value: 'true' }], { from: 'rating-table' }));
    }
    if (c.permissionless === true && c.openSource === undefined) {
      out.push(change(`Declare the node of ${label(c)} open source (openSource: true), if it is`, 'disclose', [{ path: `${c.path}.openSource`, value: 'true' }], { from: 'rating-table' }));
    }
    knownExternal(c, ruleId, out);
  }
  if (council) properCouncil(council, out);
  if (council && model.governance?.councilScope !== 'provable-bugs') {
    out.push(change('Limit the Security Council to provable bugs (councilScope: provable-bugs)', 'parameter', [{ path: 'governance.councilScope', value: 'provable-bugs' }], { from: 'fix', ruleId: 'L2S-GOV-002' }));
  }

  // Upgrade paths: an exit window of 7 days (L2BEAT warning, Stage 1) or 30 days (good, Stage 2, custody).
  const exit = exitDelay(model).seconds;
  for (const u of upgrades) {
    const delayPath = /(^|\.)(delay|upgradeDelay|tokenUpgradeDelay)$/.test(u.path) ? u.path : `${u.path}.delay`;
    for (const window of [F.exitWindowBadSeconds, F.exitWindowGoodSeconds]) {
      const value = daysValue(exit + window);
      if (u.delay && u.delaySeconds >= exit + window) continue;
      out.push(change(`${u.delay ? 'Lengthen' : 'Declare'} the delay of ${u.what} to ${value} (a ${window / 86400}-day exit window)`, u.delay ? 'parameter' : 'disclose', [{ path: delayPath, value }], { from: 'rating-table', ruleId: window === F.exitWindowBadSeconds ? 'L2S-EXIT-005' : 'L2S-EXIT-006' }));
    }
  }

  // Sections.
  const l1 = model.l1;
  const hostIsBitcoin = l1.host === undefined || l1.host === 'bitcoin';
  // `l1.settlement` is a claim the model checks (L2S-TRN-010), not a lever: the link to Bitcoin
  // follows from anchoring and exits. A design Bitcoin enforces nothing for can commit its state.
  const what = l1.anchoring?.what ?? [];
  if (hostIsBitcoin && model.pegs.length > 0 && trustModel(model).link.value === 'none' && what.length === 0) {
    out.push(change('Commit the state to Bitcoin (l1.anchoring.what: [state-roots])', 'mechanism', [{ path: 'l1.anchoring.what', value: '[state-roots]' }], { from: 'rating-table' }));
  }
  stealLevers(model, out);
  if (l1.anchoring?.bridgeFinalizesOnAnchor === false) {
    out.push(change('Pay out of the bridge only on state anchored to Bitcoin (bridgeFinalizesOnAnchor: true)', 'mechanism', [{ path: 'l1.anchoring.bridgeFinalizesOnAnchor', value: 'true' }], { from: 'rating-table' }));
  }
  if (rollup && !what.includes('state-roots') && !what.includes('validity-proofs')) {
    out.push(change('Post state roots to L1 (l1.anchoring.what)', 'mechanism', [{ path: 'l1.anchoring.what', value: `[${[...what, 'state-roots'].join(', ')}]` }], { from: 'rating-table' }));
  }
  const da = model.dataAvailability;
  if (da?.location !== 'bitcoin' && da?.location !== 'self-hosted' && hostIsBitcoin) {
    out.push(change('Post the data to Bitcoin (dataAvailability.location: bitcoin)', 'mechanism', [{ path: 'dataAvailability.location', value: 'bitcoin' }], { from: 'remediation', ruleId: 'L2S-DA-001' }));
  }
  if (da?.location && ['alt-consensus', 'external-da', 'ethereum'].includes(da.location) && da.nodeOpenSource === undefined) {
    out.push(change('Declare the data network\'s full node open source (nodeOpenSource: true), if it is', 'disclose', [{ path: 'dataAvailability.nodeOpenSource', value: 'true' }], { from: 'rating-table' }));
  }
  const t = model.transparency;
  if (t?.nodeSource !== 'open' && t?.nodeSource !== 'source-available') {
    out.push(change('Publish the node software (transparency.nodeSource: open)', t?.nodeSource ? 'parameter' : 'disclose', [{ path: 'transparency.nodeSource', value: 'open' }], { from: 'remediation', ruleId: 'L2S-TRN-001' }));
  }
  if (t?.contractsVerified === false) out.push(change('Verify the contracts against published source (contractsVerified: true)', 'parameter', [{ path: 'transparency.contractsVerified', value: 'true' }], { from: 'remediation', ruleId: 'L2S-TRN-002' }));
  if (t?.operatorsDisclosed === false) out.push(change('Disclose the operators (operatorsDisclosed: true)', 'parameter', [{ path: 'transparency.operatorsDisclosed', value: 'true' }], { from: 'rating-table' }));
  const sv = model.stateValidation;
  if (sv?.proverSource === 'closed') out.push(change('Publish the prover and verifier (proverSource: open)', 'parameter', [{ path: 'stateValidation.proverSource', value: 'open' }], { from: 'remediation', ruleId: 'L2S-PROOF-004' }));
  if ((rollup || sv?.mechanism !== undefined) && (!sv?.mechanism || ['none', 'consensus', 'tee'].includes(sv.mechanism))) {
    out.push(change('Validate state with validity proofs (stateValidation.mechanism: validity-proofs)', 'mechanism', [{ path: 'stateValidation.mechanism', value: 'validity-proofs' }], { from: 'remediation', ruleId: 'L2S-PROOF-001' }));
  }
  const ex = model.exits;
  const sharedChain = model.components.some((c) => c.kind === 'sequencer') || rollup || ex?.forcedInclusion !== undefined;
  if (sharedChain && ex?.forcedInclusion?.mode !== 'self-sequence' && ex?.forcedInclusion?.mode !== 'force-via-l1') {
    const edits: SpecEdit[] = [{ path: 'exits.forcedInclusion.mode', value: 'force-via-l1' }];
    if (!ex?.forcedInclusion?.maxDelay) edits.push({ path: 'exits.forcedInclusion.maxDelay', value: '1d' });
    out.push(change('Let users force transactions through L1 within a day (forcedInclusion: force-via-l1, maxDelay: 1d)', 'mechanism', edits, { from: 'remediation', ruleId: 'L2S-OPS-001' }));
  }
  if (sharedChain && ex?.unilateral !== true) {
    const fb = ex?.proposerFallback;
    const timeout = ex?.proposerFallbackTimeout;
    if (fb !== 'self-propose' && fb !== 'escape-hatch') {
      out.push(change('Let users propose state themselves when proposers stall (proposerFallback: self-propose)', 'mechanism', [{ path: 'exits.proposerFallback', value: 'self-propose' }], { from: 'rating-table' }));
    } else if (timeout && timeout.seconds > A.proposerFallbackMaxSeconds) {
      out.push(change('Open the proposer fallback within 7 days (proposerFallbackTimeout: 7d)', 'parameter', [{ path: 'exits.proposerFallbackTimeout', value: '7d' }], { from: 'rating-table' }));
    }
  }
  const fin = model.finality?.source;
  if (hostIsBitcoin && (!fin || ['operator', 'single-operator', 'federation'].includes(fin))) {
    out.push(change('Derive finality from Bitcoin (finality.source: bitcoin)', 'mechanism', [{ path: 'finality.source', value: 'bitcoin' }], { from: 'remediation', ruleId: 'L2S-FIN-003' }));
  }

  // The rules' own fixes, for findings the tier or the ratings read (not about a hosted token).
  const otherPegs = model.pegs.filter((p) => p !== canonical).map((p) => `${p.path}.`);
  const relevant = [...sets.keys(), ...(canonical ? [canonical.path] : []), 'l1', 'exits', 'dataAvailability', 'stateValidation', 'finality', 'governance', 'transparency'];
  for (const f of result.findings) {
    if (!f.fix || f.suppressed || f.axis === 'format') continue;
    if (otherPegs.some((p) => `${f.fix!.path}.`.startsWith(p))) continue;
    if (!relevant.some((p) => f.fix!.path === p || f.fix!.path.startsWith(`${p}.`))) continue;
    out.push(change(f.fix.title, 'parameter', [{ path: f.fix.path, value: f.fix.value }], { from: 'fix', ruleId: f.ruleId }));
  }

  // Critical findings cap the tier whatever else holds. Where one names a fact it is about
  // (`openSource: false` on a set, …), one change states it at its best on every set the rule
  // names, so a rule firing on forty sets is one step, not forty.
  const byRule = new Map<string, SpecEdit[]>();
  for (const f of result.findings) {
    if (f.severity !== 'critical' || f.suppressed || f.axis === 'format') continue;
    if (otherPegs.some((p) => `${f.path}.`.startsWith(p))) continue;
    const value = DISCLOSE_DEFAULTS[f.path.split('.').pop()!];
    if (!value) continue;
    const edits = byRule.get(f.ruleId) ?? [];
    if (!edits.some((e) => e.path === f.path)) edits.push({ path: f.path, value });
    byRule.set(f.ruleId, edits);
  }
  for (const [ruleId, edits] of byRule) {
    const fields = [...new Set(edits.map((e) => `${e.path.split('.').pop()}: ${e.value}`))].join(', ');
    out.push(change(`${edits.length > 1 ? `Set ${fields} on the ${edits.length} places ${ruleId} names` : `Set ${fields} (${edits[0]!.path})`}`, 'parameter', edits, { from: 'remediation', ruleId }));
  }

  // Facts that keep a rating unverified, stated at their best.
  for (const r of [...Object.values(result.assessment.ratings), ...(result.assessment.pegs ?? []).filter((p) => p.canonical)]) {
    for (const m of r.missing ?? []) {
      if (m.unreadable) continue;
      const field = m.path.split('.').pop()!;
      const value = DISCLOSE_DEFAULTS[field];
      if (value) out.push(change(`Declare ${m.fact} (${field}: ${value}), if it holds`, 'disclose', [{ path: m.path, value }], { from: 'rating-table', ruleId: 'L2S-TRN-005' }));
    }
  }

  const seen = new Set<string>();
  return out.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}
