// L2BEAT Stages for rollup-style designs, as L2BEAT's own stage code computes them
// (l2beat/l2beat packages/config/src/common/stages/: stage.ts, getRollupStage.ts, getAltDaStage.ts).
// A design's stage is the highest whose requirements are all met (each stage includes the ones
// below). Stage 0 is the floor: L2BEAT's stage code never rates a project below it. A project
// leaves the stages only for one of L2BEAT's five "Others" reasons (REASON_FOR_BEING_OTHER in
// packages/config/src/common/reasonsForBeingOther.ts); the Stage type has no "Others" value, so
// l2spec reports it as `not-applicable`, with a first reason naming the "Others" labels and one
// reason per cause.
import type { Component, SignerSetRef, SpecModel, Threshold, WeightedThreshold } from '../model.js';
import { isRollupLike, minSigners } from '../rules/support.js';
import type { ClaimedFactRef, Rated, Reason, Stage } from '../types.js';
import { claimsAmong, claimsOn, exitDelay, exitDelayPhrase, missingFact, missingPhrase, setClaims, upgradeFacts, viewOf, windowPhrase, type SetView, type UpgradePath } from './common.js';
import { permissionlessChallenge } from './custody.js';
import { proposerFallbackOpen } from './fallbacks.js';
import { FRAMEWORK_FLOORS } from './floors.js';

/**
 * L2BEAT's reasons for listing a project under "Others" instead of giving it a stage, with the
 * label L2BEAT shows (REASON_FOR_BEING_OTHER): no working proof system, fewer than 5 external
 * challengers, no DA bridge, a DAC with fewer than 5 external members, a DAC threshold so low
 * that more than a third of the members must be honest.
 */
export type OthersReason = 'no-proofs' | 'closed-proofs' | 'no-da-bridge' | 'small-dac' | 'low-dac-threshold';

export const OTHERS_LABELS: Record<OthersReason, string> = {
  'no-proofs': 'No proofs',
  'closed-proofs': 'Closed proofs',
  'no-da-bridge': 'No DA bridge',
  'small-dac': 'Small DAC',
  'low-dac-threshold': 'Low DAC threshold',
};

interface OthersCause { reason: OthersReason; text: string; path?: string }

export function rateStage(model: SpecModel): Rated<Stage> {
  if (!isRollupLike(model)) {
    return {
      value: 'not-applicable',
      reasons: [{ text: 'L2BEAT stages apply to rollup-style designs; this design neither belongs to a rollup family nor claims to be a rollup.', path: model.system.family ? 'system.family' : undefined }],
    };
  }
  const others = othersCauses(model);
  if (others.length) {
    const labels = [...new Set(others.map((o) => `"${OTHERS_LABELS[o.reason]}"`))].join(', ');
    return {
      value: 'not-applicable',
      reasons: [
        { text: `L2BEAT would list this rollup-style design under "Others" rather than give it a stage (its reasons: ${labels}).`, path: 'system' },
        ...others.map((o) => ({ text: `"Others" (${OTHERS_LABELS[o.reason]}): ${o.text}`, path: o.path })),
      ],
    };
  }
  const missing0 = stage0Missing(model);
  const missing1 = [...stage1Missing(model), ...claimedItems(model)];
  if (missing0.length) {
    // L2BEAT keeps such a project at Stage 0 and shows the unmet item as a warning; its code would
    // let Stage 1 items lift it, but l2spec lets no design with an unmet Stage 0 item go higher.
    return {
      value: 'stage-0',
      reasons: [{ text: 'Stage 0 at most: L2BEAT never rates a rollup below Stage 0 unless one of its "Others" reasons applies, but these Stage 0 requirements are unmet (L2BEAT shows them as a warning).' }, ...missing0, ...missing1],
    };
  }
  if (missing1.length) return { value: 'stage-0', reasons: [{ text: 'Meets every Stage 0 requirement: a working proof system, enough challengers, state and data on L1 (or a verified DA committee or layer), and an open node.' }, ...missing1] };
  const missing2 = stage2Missing(model);
  if (missing2.length) return { value: 'stage-1', reasons: [{ text: 'Meets every Stage 1 requirement: users can exit on their own, and only a proper security council can act faster than the exit window.' }, ...missing2] };
  return { value: 'stage-2', reasons: [{ text: 'Meets every Stage 2 requirement: permissionless proofs, at least 30 days to exit before any upgrade, and a council limited to provable bugs.' }] };
}

const PROOF_MECHANISMS = ['fraud-proofs', 'validity-proofs', 'bitvm'] as const;

/** The facts of the exits, proofs, council and data that the Stage 1 and 2 items read. */
const STAGE_FACTS = [
  'exits.unilateral', 'exits.forcedInclusion', 'exits.mechanism', 'exits.proposerFallback', 'exits.proposerFallbackTimeout', 'exits.delay',
  'stateValidation.mechanism', 'stateValidation.challengers', 'stateValidation.challengePeriod', 'stateValidation.proverSource',
  'dataAvailability.location', 'dataAvailability.committee', 'dataAvailability.daBridge', 'dataAvailability.economicSecurity',
  'governance.councilScope',
] as const;

/**
 * Claimed facts (`claimed: [field]`) that the Stage 1 and 2 items rest on, one unmet Stage 1 item
 * each: a claim cannot be checked, so a stage cannot rise on it (Bitcoin Layers' "Unverified" for
 * claims, and l2spec's rule that a claim never lifts a verdict). A claimed shortfall already fails
 * its own item at its word; the extra item only says the claim must be backed.
 */
function claimedItems(model: SpecModel): Reason[] {
  const da = model.dataAvailability;
  const refs: ClaimedFactRef[] = [
    ...claimsAmong(model, STAGE_FACTS),
    ...setClaims(model, model.governance?.securityCouncil),
    ...setClaims(model, model.stateValidation?.challengers),
    ...(da?.location === 'committee' ? setClaims(model, da.committee) : []),
    ...exitDelay(model).claimed,
    ...upgradeFacts(model).paths.flatMap((p) => [...claimsOn(model, p.path), ...claimsOn(model, `${p.path.replace(/\.delay$/, '')}.scope`)]),
  ];
  const seen = new Set<string>();
  return refs.filter((r) => !seen.has(r.path) && seen.add(r.path)).map((r) => ({
    text: `Stage 1 needs the facts its requirements rest on to be checkable; ${r.path} is only claimed (${r.marker.replace(/\.\d+$/, '')}), so the requirement it decides cannot be confirmed.`,
    path: r.path,
  }));
}

function isOptimistic(model: SpecModel): boolean {
  const m = model.stateValidation?.mechanism;
  return m === 'fraud-proofs' || m === 'bitvm';
}

// ---------------------------------------------------------------------------------------------
// "Others" (L2BEAT REASON_FOR_BEING_OTHER) and Stage 0

/** True when the data lives on the settlement chain itself (a rollup, not a validium or optimium). */
function dataOnHost(model: SpecModel): boolean {
  const host = model.l1.host ?? 'bitcoin';
  const location = model.dataAvailability?.location;
  return (host === 'bitcoin' && location === 'bitcoin') || (host === 'ethereum' && location === 'ethereum');
}

/**
 * L2BEAT's "Others" causes that apply (empty when none): its five REASON_FOR_BEING_OTHER entries,
 * each read from the spec. "No proofs" also covers a bridge that does not pay out on the proven
 * state (the proofs then protect nothing); the DA reasons apply only to validiums and optimiums.
 */
function othersCauses(model: SpecModel): OthersCause[] {
  const out: OthersCause[] = [];
  const sv = model.stateValidation;
  const mechanism = sv?.mechanism;
  if (!mechanism || !(PROOF_MECHANISMS as readonly string[]).includes(mechanism)) {
    out.push({ reason: 'no-proofs', text: `there is no complete proof system (fraud proofs, validity proofs or BitVM); the spec ${mechanism ? `declares "${mechanism}"` : 'declares none'}.`, path: mechanism ? 'stateValidation.mechanism' : sv ? 'stateValidation' : undefined });
  } else if (model.l1.anchoring?.bridgeFinalizesOnAnchor === false) {
    out.push({ reason: 'no-proofs', text: 'the bridge does not pay out only on the proven state (l1.anchoring.bridgeFinalizesOnAnchor: false), so the proof system protects no withdrawal.', path: 'l1.anchoring.bridgeFinalizesOnAnchor' });
  }
  if (mechanism && isOptimistic(model) && !permissionlessChallenge(model)) {
    const view = viewOf(model, sv!.challengers);
    const external = view?.external;
    if (external === undefined || external < FRAMEWORK_FLOORS.minExternalChallengers) {
      out.push({ reason: 'closed-proofs', text: `fewer than ${FRAMEWORK_FLOORS.minExternalChallengers} external actors can be shown to submit fraud proofs; ${view ? (external === undefined ? `the spec does not say how many members of ${view.label} are external` : `${view.label} has ${external} external`) : 'the spec names no challengers and does not say anyone may challenge'}.`, path: view ? view.path : 'stateValidation' });
    }
  }
  if (!dataOnHost(model)) out.push(...alternativeDaCauses(model));
  return out;
}

/**
 * Validiums and optimiums (data off the settlement chain). L2BEAT's alternative-DA stages
 * (getAltDaStage.ts) need the data attested by a committee or an external DA layer, not by the
 * sequencer alone, and "Others" takes the project when there is no DA bridge, when the committee
 * has fewer than 5 external members, or when more than a third of the members must be honest:
 * (n − m + 1) / n > 1/3, as L2BEAT's getDacSentiment computes it.
 */
function alternativeDaCauses(model: SpecModel): OthersCause[] {
  const da = model.dataAvailability;
  const f = FRAMEWORK_FLOORS;
  const host = model.l1.host ?? 'bitcoin';
  if (da?.location === 'external-da') {
    return da.daBridge === true ? [] : [{ reason: 'no-da-bridge', text: `data on an external DA layer must be verified on the settlement chain (dataAvailability.daBridge); ${da.daBridge === false ? 'the spec says there is no DA bridge' : 'the spec does not say there is one'}.`, path: da.daBridge === false ? 'dataAvailability.daBridge' : 'dataAvailability' }];
  }
  if (da?.location !== 'committee') {
    return [{ reason: 'no-da-bridge', text: `the data is neither posted to the settlement chain (${host}) nor attested by a committee or external DA layer that the settlement chain checks; the data ${da?.location ? `lives on "${da.location}"` : 'location is not declared'}, so nobody but the operator vouches for it.`, path: da?.location ? 'dataAvailability.location' : da ? 'dataAvailability' : undefined }];
  }
  // Every reason that applies is listed, as L2BEAT lists each of its labels.
  const out: OthersCause[] = [];
  if (da.daBridge !== true) {
    // A missing daBridge is never read as a bridge (principle 3): the committee stays unchecked.
    const m = missingFact(model, 'dataAvailability.daBridge', 'whether the settlement chain checks the committee\'s attestations (dataAvailability.daBridge)');
    out.push(da.daBridge === false
      ? { reason: 'no-da-bridge', text: 'the committee\'s attestations are not checked on the settlement chain (dataAvailability.daBridge: false).', path: 'dataAvailability.daBridge' }
      : { reason: 'no-da-bridge', text: `a committee's attestations count only when the settlement chain checks them; ${missingPhrase(m)}, so no DA bridge can be confirmed.`, path: m.unreadable?.path ?? 'dataAvailability' });
  }
  const view = viewOf(model, da.committee);
  if (!view) return [...out, { reason: 'small-dac', text: 'the spec names no data-availability committee (dataAvailability.committee), so its external members cannot be counted.', path: 'dataAvailability' }];
  if (view.external === undefined || view.external < f.minDacExternal) {
    out.push({ reason: 'small-dac', text: `the DA committee needs at least ${f.minDacExternal} members external to the builder; ${view.label} ${view.external === undefined ? 'does not say how many are external' : `has ${view.external}`}.`, path: view.external === undefined ? view.path : `${view.path}.external` });
  }
  const t = view.component?.threshold;
  if (!t) {
    out.push({ reason: 'low-dac-threshold', text: `the DA committee threshold must leave no more than a third of the members needing to be honest; ${view.label} declares no threshold.`, path: view.path });
  } else if (honestFraction(t) > f.maxDacHonestFraction + 1e-9) {
    out.push({ reason: 'low-dac-threshold', text: `the DA committee threshold must leave no more than a third of the members needing to be honest; with ${t.text}, ${t.n - t.m + 1} of ${t.n} must be.`, path: `${view.path}.threshold` });
  }
  return out;
}

/** Share of an m-of-n committee that must be honest to stop an unavailable commitment: (n − m + 1) / n. */
function honestFraction(t: Threshold): number {
  return (t.n - t.m + 1) / t.n;
}

/** L2BEAT Stage 0 items besides the "Others" causes: state roots on L1 and a source-available node. */
function stage0Missing(model: SpecModel): Reason[] {
  const out: Reason[] = [];
  const need = (text: string, path?: string) => out.push({ text: `Stage 0 needs ${text}`, path });
  const posted = model.l1.anchoring?.what ?? [];
  if (!posted.includes('state-roots') && !posted.includes('validity-proofs')) {
    need('state roots (or validity proofs) posted to L1; l1.anchoring.what lists neither.', model.l1.anchoring ? 'l1.anchoring.what' : 'l1');
  }
  const node = model.transparency?.nodeSource;
  if (node !== 'open' && node !== 'source-available') {
    need(`a source-available node that can rebuild state from ${dataOnHost(model) ? 'L1' : 'the available data'}; the node is ${node === 'closed' ? 'closed source' : 'not declared open or source-available (transparency.nodeSource)'}.`, node ? 'transparency.nodeSource' : model.transparency ? 'transparency' : undefined);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stage 1

interface CouncilCheck {
  view?: SetView;
  /** The council's threshold as m-of-n (a share of voting power read as a head count). */
  threshold?: Threshold;
  proper: boolean;
  problems: Reason[];
}

/**
 * A council's threshold as m-of-n, read the way the rest of l2spec reads thresholds: m-of-n as
 * written, or a share of stake or voting power as ⌈share × n⌉-of-n over its declared members
 * (docs/assessment.md, "Shares of stake are read as head counts").
 */
function headCount(t: Threshold | undefined, w: WeightedThreshold | undefined, members: number | undefined): Threshold | undefined {
  if (t) return t;
  if (!w || members === undefined || !Number.isSafeInteger(members) || members < 1) return undefined;
  return { text: w.text, m: Math.max(1, minSigners(members, w.fraction)), n: members };
}

/**
 * The council as the stage reads it. `operatedBy: builder` says every member is the builder's, so
 * none is external whatever `external` says: the reading the trust model uses (L2S-TRN-006 reports
 * an `external` count beside it).
 */
function councilView(model: SpecModel, ref: SignerSetRef | undefined): SetView | undefined {
  const view = viewOf(model, ref);
  return view && view.component?.operatedBy === 'builder' ? { ...view, external: 0 } : view;
}

/**
 * The members outside the builder a council needs to block a quorum: n − m + 1, and more than a
 * quarter of the members (L2BEAT's "at least 26%"): 10-of-12 needs 4, not 3.
 */
export function councilExternalNeeded(t: Threshold): number {
  return Math.max(t.n - t.m + 1, Math.floor(t.n * FRAMEWORK_FLOORS.councilMinExternalFraction + 1e-9) + 1);
}

/**
 * A properly set-up Security Council. L2BEAT's stage code takes this as a per-project boolean
 * (`securityCouncilProperlySetUp`, omitted with `null` when there is no council); the bar it
 * stands for is L2BEAT's published one: at least 8 members, a threshold of at least 75%, members
 * publicly known (L2BEAT marks it unmet with "Security Council members are not publicly known"),
 * and a quorum-blocking group outside the builder: external ≥ n − m + 1, and more than 25% of the
 * members (L2BEAT's "at least 26%"). A council marked `underReview` is not rated, so the item
 * cannot be confirmed met; a missing or unreadable fact is a problem that names it.
 */
function checkCouncil(model: SpecModel, ref: SignerSetRef | undefined = model.governance?.securityCouncil): CouncilCheck {
  const view = councilView(model, ref);
  if (!view) return { proper: false, problems: [] };
  const problems: Reason[] = [];
  const f = FRAMEWORK_FLOORS;
  const c = view.component;
  const n = view.members;
  const t = headCount(c?.threshold, c?.weightedThreshold, n);
  if (c?.underReview) {
    problems.push({ text: `a properly set-up security council; ${view.label} is marked under review (underReview: ${c.underReview}), so its setup is not rated and cannot be confirmed.`, path: `${view.path}.underReview` });
  }
  if (n === undefined || n < f.councilMinMembers) {
    problems.push({ text: `a security council of at least ${f.councilMinMembers} members; ${view.label} ${n === undefined ? 'does not declare its size' : `has ${n}`}.`, path: n === undefined ? view.path : `${view.path}.operators` });
  }
  if (!t) {
    const m = missingFact(model, `${view.path}.threshold`, `the threshold of ${view.label}`);
    const why = c?.weightedThreshold ? `${view.label} gives its threshold as ${c.weightedThreshold.text} but not how many members hold that weight (operators)` : missingPhrase(m);
    problems.push({ text: `a council threshold of at least ${pct(f.councilMinThresholdFraction)}; ${why}.`, path: m.unreadable?.path ?? view.path });
  } else if (t.m / t.n < f.councilMinThresholdFraction - 1e-9) {
    problems.push({ text: `a council threshold of at least ${pct(f.councilMinThresholdFraction)}; ${view.label} needs ${t.text}${c?.threshold ? '' : ` (${t.m} of ${t.n} members)`} (${pct(t.m / t.n)}).`, path: `${view.path}.threshold` });
  }
  if (view.publiclyKnown !== 'all') {
    problems.push({ text: `a council whose members are publicly known; ${view.label} ${view.publiclyKnown === undefined ? 'does not say (publiclyKnown)' : `declares publiclyKnown: ${view.publiclyKnown}`}.`, path: view.publiclyKnown === undefined ? view.path : `${view.path}.publiclyKnown` });
  }
  if (t) {
    const blocking = t.n - t.m + 1;
    const needed = councilExternalNeeded(t);
    const external = view.external;
    if (external === undefined || external < needed) {
      const has = c?.operatedBy === 'builder'
        ? 'is run by the builder (operatedBy: builder), so none of its members is external'
        : external === undefined ? 'does not say how many members are external' : `has ${external} external`;
      problems.push({
        text: `enough external council members to block a quorum (${needed} of ${t.n}: ${blocking} can block ${t.text}, and more than ${pct(f.councilMinExternalFraction)} of the members); ${view.label} ${has}.`,
        path: c?.operatedBy === 'builder' ? `${view.path}.operatedBy` : external === undefined ? view.path : `${view.path}.external`,
      });
    }
  }
  return { view, threshold: t, proper: problems.length === 0, problems };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/**
 * True when a proper Security Council must sign the path. Every holder of a path must sign (a
 * nested approval such as the OP Stack's 2-of-2 of a foundation Safe and the council's Safe lists
 * both), so the path is the council's when any holder is a proper council: the others cannot act
 * without it. A multisig that any one of several parties can drive is written as one path per
 * party, and each is rated on its own.
 */
function byProperCouncil(model: SpecModel, p: UpgradePath, council: CouncilCheck): boolean {
  return p.holders.some((h) => {
    if (!h.component) return false;
    if (council.view?.component && h.component === council.view.component) return council.proper;
    return h.component.kind === 'security-council' && checkCouncil(model, h).proper;
  });
}

/**
 * Forced inclusion through a Security Council minority (L2BEAT riskView SEQUENCER_CAN_SKIP: a
 * council minority can bypass the sequencer). L2BEAT's Stage 1 principle trusts at most a
 * quorum-blocking minority of a proper council, and it rates Starknet Stage 1 with such an escape,
 * so it counts for "users can exit without the operators" when the council is proper and the
 * members needed (`forcedInclusion.councilThreshold`, m′ of n) are no more than n − m + 1.
 * Returns why it does not count, or undefined when it does.
 */
function councilMinorityGap(model: SpecModel, council: CouncilCheck): string | undefined {
  if (!council.view) return 'censored users must rely on a security-council minority, but the spec declares no security council (governance.securityCouncil)';
  if (!council.proper) return `censored users must rely on a minority of ${council.view.label}, which is not a properly set-up council`;
  const t = council.threshold!;
  const blocking = t.n - t.m + 1;
  const fi = model.exits?.forcedInclusion;
  const minority = headCount(fi?.councilThreshold, fi?.councilWeightedThreshold, t.n);
  const path = 'exits.forcedInclusion.councilThreshold';
  if (!minority) {
    const m = missingFact(model, path, `how many members of ${council.view.label} must act to include a censored transaction (${path})`);
    return `${missingPhrase(m)}, so it cannot be confirmed that a quorum-blocking minority (${blocking} of ${t.n}) suffices`;
  }
  // m′ counts members of this council: an n′ that is not the council's size cannot be placed (L2S-FMT-004).
  if (minority.n !== t.n) return `including a censored transaction needs ${minority.text}, counted over ${minority.n} members while ${council.view.label} has ${t.n} (see L2S-FMT-004), so it cannot be confirmed that a quorum-blocking minority (${blocking} of ${t.n}) suffices`;
  if (minority.m > blocking) return `including a censored transaction needs ${minority.text}${fi?.councilThreshold ? '' : ` (${minority.m} of ${t.n} members)`} of ${council.view.label}, more than the quorum-blocking minority (${blocking} of ${t.n}) L2BEAT trusts`;
  return undefined;
}

/**
 * Why a large holder of a path does not count as a council: only the declared
 * `governance.securityCouncil` or a `kind: security-council` set is one (L2BEAT rates a named
 * Security Council, not any multisig of its size). Empty when no holder has the council's size.
 */
function uncountedCouncilNote(model: SpecModel, p: UpgradePath): string {
  const council = model.governance?.securityCouncil?.component;
  const big = p.holders.map((h) => h.component).filter((c): c is Component => c !== undefined && c !== council && c.kind !== 'security-council' && (c.operators ?? c.threshold?.n ?? 0) >= FRAMEWORK_FLOORS.councilMinMembers);
  if (!big.length) return '';
  const name = (c: Component) => (c.name ? `"${c.name}"` : c.id ? `"${c.id}"` : `the inline set at ${c.path}`);
  return ` (${big.map(name).join(', ')} ${big.length === 1 ? 'is' : 'are'} not a security council: only governance.securityCouncil or a set with kind: security-council counts as one)`;
}

/** Upgrade facts both stages read (the exit-window slice reads the same, see l2beat.ts). */
function undisclosedUpgrades(model: SpecModel): Reason | undefined {
  const facts = upgradeFacts(model);
  if (facts.paths.length || facts.immutable) return undefined;
  return { text: 'the spec does not disclose whether or how the system can be upgraded (governance), and an undisclosed upgrade path counts as instant', path: model.governance ? 'governance' : undefined };
}

function stage1Missing(model: SpecModel): Reason[] {
  const out: Reason[] = [];
  const council = checkCouncil(model);
  for (const p of council.problems) out.push({ ...p, text: `Stage 1 needs ${p.text}` });

  const exits = model.exits;
  const forced = exits?.forcedInclusion?.mode;
  const fallback = proposerFallbackOpen(model);
  const minorityGap = forced === 'security-council' ? councilMinorityGap(model, council) : undefined;
  const canForce = forced === 'self-sequence' || forced === 'force-via-l1' || (forced === 'security-council' && minorityGap === undefined);
  const canPropose = fallback.open === true;
  if (exits?.unilateral !== true && !(canForce && canPropose)) {
    const gaps = [
      !canForce ? (minorityGap ?? `censored users cannot force their transactions in (${forced ? `forcedInclusion.mode: ${forced}` : 'no forcedInclusion declared'})`) : undefined,
      !canPropose ? fallback.why : undefined,
    ].filter(Boolean);
    const path = fallback.late ? fallback.path : forced === 'security-council' && !canForce ? 'exits.forcedInclusion' : exits ? 'exits' : undefined;
    out.push({ text: `Stage 1 needs users to be able to exit without the operators' help; ${gaps.join(', and ')}.`, path });
  }

  // getRollupStage.ts / getAltDaStage.ts, Stage 1 `proverSourcePublished`.
  if (model.stateValidation?.proverSource === 'closed') {
    out.push({ text: 'Stage 1 needs the prover\'s source code published; the spec declares it closed (stateValidation.proverSource).', path: 'stateValidation.proverSource' });
  }
  if (!dataOnHost(model)) out.push(...altDaStage1Missing(model));

  const hidden = undisclosedUpgrades(model);
  if (hidden) out.push({ ...hidden, text: `Stage 1 needs at least 7 days to exit before upgrades by anyone less decentralised than a proper security council; ${hidden.text}.` });
  const exit = exitDelay(model);
  for (const p of upgradeFacts(model).paths) {
    if (byProperCouncil(model, p, council)) continue;
    const notCouncil = uncountedCouncilNote(model, p);
    if (!p.delay) {
      out.push({ text: `Stage 1 needs at least 7 days to exit before upgrades by anyone less decentralised than a proper security council; the spec gives no delay for ${p.what}, so the window cannot be confirmed${notCouncil}.`, path: p.path });
      continue;
    }
    const window = p.delaySeconds - exit.seconds;
    if (window < FRAMEWORK_FLOORS.exitWindowBadSeconds) {
      out.push({ text: `Stage 1 needs at least 7 days to exit before upgrades by anyone less decentralised than a proper security council; ${p.what} leave ${windowPhrase(window)} once ${exitDelayPhrase(exit)} is subtracted${notCouncil}.`, path: p.path });
    } else if (exit.missing.length) {
      out.push({ text: `Stage 1 needs at least 7 days to exit before upgrades by anyone less decentralised than a proper security council; ${p.what} leave at most ${windowPhrase(window)}, and the spec does not give ${exit.missing.map((m) => m.path).join(' or ')}, so the window cannot be confirmed.`, path: exit.missing[0]!.path });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stage 2

function stage2Missing(model: SpecModel): Reason[] {
  const out: Reason[] = [];
  if (isOptimistic(model) && !permissionlessChallenge(model)) {
    out.push({ text: 'Stage 2 needs permissionless fraud proofs; only a permissioned set may challenge.', path: model.stateValidation?.challengers?.path ?? 'stateValidation' });
  }
  const scope = model.governance?.councilScope;
  const council = checkCouncil(model);
  if (council.view && scope !== 'provable-bugs') {
    out.push({ text: `Stage 2 needs the security council to act only on bugs proven on chain; its scope is ${scope ? `"${scope}"` : 'not declared (governance.councilScope)'}.`, path: scope ? 'governance.councilScope' : council.view.path });
  } else if (council.view && model.exits?.forcedInclusion?.mode === 'security-council') {
    // A council that includes censored transactions acts on more than provable bugs
    // (proofSystemOverriddenOnlyInCaseOfABug), whatever councilScope says.
    out.push({ text: 'Stage 2 needs the security council to act only on bugs proven on chain; it also includes censored transactions (exits.forcedInclusion.mode: security-council).', path: 'exits.forcedInclusion.mode' });
  }
  if (!dataOnHost(model)) out.push(...altDaStage2Missing(model));
  const hidden = undisclosedUpgrades(model);
  if (hidden) out.push({ ...hidden, text: `Stage 2 needs at least 30 days to exit before upgrades not limited to provable bugs; ${hidden.text}.` });
  const exit = exitDelay(model);
  for (const p of upgradeFacts(model).paths) {
    if (p.scope === 'provable-bugs') continue;
    // councilScope covers the council's paths that say nothing of their own scope; a path that
    // declares `scope: any` may make any upgrade, so it needs its 30 days (L2S-TRN-006 reports the clash).
    if (scope === 'provable-bugs' && p.scope !== 'any' && p.holders.some((h) => council.view?.component !== undefined && h.component === council.view.component)) continue;
    if (!p.delay) {
      out.push({ text: `Stage 2 needs at least 30 days to exit before upgrades not limited to provable bugs; the spec gives no delay for ${p.what}, so the window cannot be confirmed.`, path: p.path });
      continue;
    }
    const window = p.delaySeconds - exit.seconds;
    if (window < FRAMEWORK_FLOORS.exitWindowGoodSeconds) {
      out.push({ text: `Stage 2 needs at least 30 days to exit before upgrades not limited to provable bugs; ${p.what} leave ${windowPhrase(window)} once ${exitDelayPhrase(exit)} is subtracted.`, path: p.path });
    } else if (exit.missing.length) {
      out.push({ text: `Stage 2 needs at least 30 days to exit before upgrades not limited to provable bugs; ${p.what} leave at most ${windowPhrase(window)}, and the spec does not give ${exit.missing.map((m) => m.path).join(' or ')}, so the window cannot be confirmed.`, path: exit.missing[0]!.path });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Alternative DA (getAltDaStage.ts): the items a validium or optimium adds at Stage 1 and 2.
// Its DA verifier is part of the system, so the upgrade paths' 7- and 30-day exit windows
// (daVerifier7DayExitWindow, daVerifier30DayExitWindow) are the same checks as above.

/**
 * Stage 1 `daCommitteeDecentralized`: a DAC with at least 5 external members under an
 * honest-minority assumption (the "Others" causes already hold both), whose members are known:
 * L2BEAT's committee rating is bad when the member list is not known. An external DA layer
 * meets it through its DA bridge (`daVerifierSecureOnL1`), already required.
 */
function altDaStage1Missing(model: SpecModel): Reason[] {
  const da = model.dataAvailability;
  if (da?.location !== 'committee') return [];
  const view = viewOf(model, da.committee);
  if (!view || view.publiclyKnown === 'all') return [];
  return [{ text: `Stage 1 needs a decentralised DA committee whose members are publicly known; ${view.label} ${view.publiclyKnown === undefined ? 'does not say (publiclyKnown)' : `declares publiclyKnown: ${view.publiclyKnown}`}.`, path: view.publiclyKnown === undefined ? view.path : `${view.path}.publiclyKnown` }];
}

/**
 * Stage 2 `daMechanismEconomicSecurity`: the DA attesters' stake that misbehaviour would slash is
 * worth more than the value the system secures (`dataAvailability.economicSecurity: true`).
 */
function altDaStage2Missing(model: SpecModel): Reason[] {
  const es = model.dataAvailability?.economicSecurity;
  if (es === true) return [];
  return [{ text: `Stage 2 needs the data-availability mechanism to have economic security: stake slashable for withholding data worth more than the value secured; ${es === false ? 'the spec says it has none' : 'the spec does not say (dataAvailability.economicSecurity)'}.`, path: es === false ? 'dataAvailability.economicSecurity' : 'dataAvailability' }];
}
