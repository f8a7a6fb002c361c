// L2BEAT Stages for rollup-style designs. A design's stage is the highest whose requirements are
// all met (each stage includes the ones below). A rollup that misses a Stage 0 requirement is not
// at "stage 0 with gaps": L2BEAT lists it under "Others". The Stage type has no such value, so
// l2spec reports it as `not-applicable`, with a first reason saying it does not qualify for
// Stage 0 and one reason per missing requirement.
import type { Component, SignerSetRef, SpecModel } from '../model.js';
import { isRollupLike } from '../rules/support.js';
import type { Rated, Reason, Stage } from '../types.js';
import { exitDelay, exitDelayPhrase, upgradeFacts, viewOf, windowPhrase, type UpgradePath } from './common.js';
import { permissionlessChallenge } from './custody.js';
import { proposerFallbackOpen } from './fallbacks.js';
import { FRAMEWORK_FLOORS } from './floors.js';

export function rateStage(model: SpecModel): Rated<Stage> {
  if (!isRollupLike(model)) {
    return {
      value: 'not-applicable',
      reasons: [{ text: 'L2BEAT stages apply to rollup-style designs; this design neither belongs to a rollup family nor claims to be a rollup.', path: model.system.family ? 'system.family' : undefined }],
    };
  }
  const missing0 = stage0Missing(model);
  if (missing0.length) {
    return {
      value: 'not-applicable',
      reasons: [{ text: 'This rollup-style design does not meet the Stage 0 requirements, so L2BEAT would list it under "Others" rather than give it a stage.', path: 'system' }, ...missing0],
    };
  }
  const missing1 = stage1Missing(model);
  if (missing1.length) return { value: 'stage-0', reasons: [{ text: 'Meets every Stage 0 requirement: a working proof system, enough challengers, state and data on L1, and an open node.' }, ...missing1] };
  const missing2 = stage2Missing(model);
  if (missing2.length) return { value: 'stage-1', reasons: [{ text: 'Meets every Stage 1 requirement: users can exit on their own, and only a proper security council can act faster than the exit window.' }, ...missing2] };
  return { value: 'stage-2', reasons: [{ text: 'Meets every Stage 2 requirement: permissionless proofs, at least 30 days to exit before any upgrade, and a council limited to provable bugs.' }] };
}

const PROOF_MECHANISMS = ['fraud-proofs', 'validity-proofs', 'bitvm'] as const;

function isOptimistic(model: SpecModel): boolean {
  const m = model.stateValidation?.mechanism;
  return m === 'fraud-proofs' || m === 'bitvm';
}

// ---------------------------------------------------------------------------------------------
// Stage 0

function stage0Missing(model: SpecModel): Reason[] {
  const out: Reason[] = [];
  const need = (text: string, path?: string) => out.push({ text: `Stage 0 needs ${text}`, path });
  const sv = model.stateValidation;
  const mechanism = sv?.mechanism;

  if (!mechanism || !(PROOF_MECHANISMS as readonly string[]).includes(mechanism)) {
    need(`a complete proof system (fraud proofs, validity proofs or BitVM); the spec ${mechanism ? `declares "${mechanism}"` : 'declares none'}.`, mechanism ? 'stateValidation.mechanism' : sv ? 'stateValidation' : undefined);
  } else {
    if (sv!.proverSource === 'closed') need('a proof system that can be verified; the prover and verifier are closed source.', 'stateValidation.proverSource');
    if (model.l1.anchoring?.bridgeFinalizesOnAnchor === false) need('the bridge to pay out only on proven state; it does not finalise on the anchored state.', 'l1.anchoring.bridgeFinalizesOnAnchor');
    if (isOptimistic(model) && !permissionlessChallenge(model)) {
      const view = viewOf(model, sv!.challengers);
      const external = view?.external;
      if (external === undefined || external < FRAMEWORK_FLOORS.minExternalChallengers) {
        need(`at least ${FRAMEWORK_FLOORS.minExternalChallengers} external actors able to submit fraud proofs; ${view ? (external === undefined ? `the spec does not say how many members of ${view.label} are external` : `${view.label} has ${external} external`) : 'the spec names no challengers and does not say anyone may challenge'}.`, view ? view.path : 'stateValidation');
      }
    }
  }

  const posted = model.l1.anchoring?.what ?? [];
  if (!posted.includes('state-roots') && !posted.includes('validity-proofs')) {
    need('state roots (or validity proofs) posted to L1; l1.anchoring.what lists neither.', model.l1.anchoring ? 'l1.anchoring.what' : 'l1');
  }
  const host = model.l1.host ?? 'bitcoin';
  const location = model.dataAvailability?.location;
  const dataOnHost = (host === 'bitcoin' && location === 'bitcoin') || (host === 'ethereum' && location === 'ethereum');
  if (!dataOnHost) {
    const alt = alternativeDaMissing(model);
    if (alt === undefined) {
      need(`all data posted to the settlement chain (${host}), or a validium/optimium's data committee or DA layer verified there; the data ${location ? `lives on "${location}"` : 'location is not declared'}.`, location ? 'dataAvailability.location' : model.dataAvailability ? 'dataAvailability' : undefined);
    } else {
      for (const r of alt) out.push({ ...r, text: `Stage 0 needs ${r.text}` });
    }
  }
  const node = model.transparency?.nodeSource;
  if (node !== 'open' && node !== 'source-available') {
    need(`a source-available node that can rebuild state from L1; the node is ${node === 'closed' ? 'closed source' : 'not declared open or source-available (transparency.nodeSource)'}.`, node ? 'transparency.nodeSource' : model.transparency ? 'transparency' : undefined);
  }
  return out;
}

/**
 * Validiums and optimiums (data off the settlement chain) get stages under L2BEAT's alternative-DA
 * rules when the data is attested by a committee, or an external DA layer, that the settlement
 * chain verifies. L2BEAT lists them under "Others" when there is no DA bridge, when the committee
 * has fewer than 5 external members, or when its threshold is so low that more than a third of
 * the members must be honest. Returns the unmet requirements (empty when met), or undefined when
 * the data location is not an alternative-DA one.
 */
function alternativeDaMissing(model: SpecModel): Reason[] | undefined {
  const da = model.dataAvailability;
  const f = FRAMEWORK_FLOORS;
  if (da?.location === 'external-da') {
    return da.daBridge === true ? [] : [{ text: `a DA bridge: data on an external DA layer must be verified on the settlement chain (dataAvailability.daBridge); ${da.daBridge === false ? 'the spec says there is none' : 'the spec does not say there is one'} (L2BEAT: "Others", no DA bridge).`, path: da.daBridge === false ? 'dataAvailability.daBridge' : 'dataAvailability' }];
  }
  if (da?.location !== 'committee') return undefined;
  const view = viewOf(model, da.committee);
  if (!view) return [{ text: 'a data-availability committee the settlement chain verifies; the spec names none (dataAvailability.committee).', path: 'dataAvailability' }];
  const out: Reason[] = [];
  if (view.external === undefined || view.external < f.minDacExternal) {
    out.push({ text: `a DA committee with at least ${f.minDacExternal} members external to the builder; ${view.label} ${view.external === undefined ? 'does not say how many are external' : `has ${view.external}`} (L2BEAT: "Others", a DAC with too few external members).`, path: view.external === undefined ? view.path : `${view.path}.external` });
  }
  if (view.publiclyKnown !== 'all') {
    out.push({ text: `a DA committee whose members are publicly known; ${view.label} ${view.publiclyKnown === undefined ? 'does not say' : `declares publiclyKnown: ${view.publiclyKnown}`}.`, path: view.publiclyKnown === undefined ? view.path : `${view.path}.publiclyKnown` });
  }
  const t = view.component?.threshold;
  if (!t) {
    out.push({ text: `a DA committee threshold high enough that no more than a third of the members must be honest; ${view.label} declares no threshold.`, path: view.path });
  } else {
    const honest = (t.n - t.m + 1) / t.n;
    if (honest > f.maxDacHonestFraction + 1e-9) {
      out.push({ text: `a DA committee threshold high enough that no more than a third of the members must be honest; with ${t.text}, ${t.n - t.m + 1} of ${t.n} must be (L2BEAT: "Others", a low DAC threshold).`, path: `${view.path}.threshold` });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Stage 1

interface CouncilCheck {
  council?: Component;
  path?: string;
  proper: boolean;
  problems: Reason[];
}

/**
 * A properly set-up council (L2BEAT): at least 8 members, a threshold of at least 75%, and enough
 * external members to block a quorum on their own (more than 25% of the members).
 */
function checkCouncil(model: SpecModel, ref: SignerSetRef | undefined = model.governance?.securityCouncil): CouncilCheck {
  const view = viewOf(model, ref);
  if (!view) return { proper: false, problems: [] };
  const problems: Reason[] = [];
  const f = FRAMEWORK_FLOORS;
  const n = view.members;
  const t = view.component?.threshold;
  if (n === undefined || n < f.councilMinMembers) {
    problems.push({ text: `a security council of at least ${f.councilMinMembers} members; ${view.label} ${n === undefined ? 'does not declare its size' : `has ${n}`}.`, path: n === undefined ? view.path : `${view.path}.operators` });
  }
  if (!t) {
    problems.push({ text: `a council threshold of at least ${pct(f.councilMinThresholdFraction)}; ${view.label} declares no threshold.`, path: view.path });
  } else if (t.m / t.n < f.councilMinThresholdFraction - 1e-9) {
    problems.push({ text: `a council threshold of at least ${pct(f.councilMinThresholdFraction)}; ${view.label} needs ${t.text} (${pct(t.m / t.n)}).`, path: `${view.path}.threshold` });
  }
  if (t) {
    const blocking = t.n - t.m + 1;
    const external = view.external;
    if (external === undefined || external < blocking || external / t.n <= f.councilMinExternalFraction) {
      problems.push({
        text: `enough external council members to block a quorum (${blocking} of ${t.n}, more than ${pct(f.councilMinExternalFraction)}); ${view.label} ${external === undefined ? 'does not say how many members are external' : `has ${external} external`}.`,
        path: external === undefined ? view.path : `${view.path}.external`,
      });
    }
  }
  return { council: view.component, path: view.path, proper: problems.length === 0, problems };
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/**
 * True when a proper Security Council must sign the path. With a two-party sign-off (a
 * foundation and a council) the path counts as the council's when the council's part alone meets
 * the bar (L2BEAT 2026): every holder must sign, so the council can block it.
 */
function byProperCouncil(model: SpecModel, p: UpgradePath, council: CouncilCheck): boolean {
  return p.holders.some((h) => {
    if (!h.component) return false;
    if (council.council && h.component === council.council) return council.proper;
    return h.component.kind === 'security-council' && checkCouncil(model, h).proper;
  });
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
  const canForce = forced === 'self-sequence' || forced === 'force-via-l1';
  const canPropose = fallback.open === true;
  if (exits?.unilateral !== true && !(canForce && canPropose)) {
    const gaps = [
      !canForce ? `censored users cannot force their transactions in (${forced ? `forcedInclusion.mode: ${forced}` : 'no forcedInclusion declared'})` : undefined,
      !canPropose ? fallback.why : undefined,
    ].filter(Boolean);
    out.push({ text: `Stage 1 needs users to be able to exit without the operators' help; ${gaps.join(', and ')}.`, path: fallback.late ? fallback.path : exits ? 'exits' : undefined });
  }

  const hidden = undisclosedUpgrades(model);
  if (hidden) out.push({ ...hidden, text: `Stage 1 needs at least 7 days to exit before upgrades by anyone less decentralised than a proper security council; ${hidden.text}.` });
  const exit = exitDelay(model);
  for (const p of upgradeFacts(model).paths) {
    if (byProperCouncil(model, p, council)) continue;
    if (!p.delay) {
      out.push({ text: `Stage 1 needs at least 7 days to exit before upgrades by anyone less decentralised than a proper security council; the spec gives no delay for ${p.what}, so the window cannot be confirmed.`, path: p.path });
      continue;
    }
    const window = p.delaySeconds - exit.seconds;
    if (window < FRAMEWORK_FLOORS.exitWindowBadSeconds) {
      out.push({ text: `Stage 1 needs at least 7 days to exit before upgrades by anyone less decentralised than a proper security council; ${p.what} leave ${windowPhrase(window)} once ${exitDelayPhrase(exit)} is subtracted.`, path: p.path });
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
  if (council.council && scope !== 'provable-bugs') {
    out.push({ text: `Stage 2 needs the security council to act only on bugs proven on chain; its scope is ${scope ? `"${scope}"` : 'not declared (governance.councilScope)'}.`, path: scope ? 'governance.councilScope' : council.path });
  }
  const hidden = undisclosedUpgrades(model);
  if (hidden) out.push({ ...hidden, text: `Stage 2 needs at least 30 days to exit before upgrades not limited to provable bugs; ${hidden.text}.` });
  const exit = exitDelay(model);
  for (const p of upgradeFacts(model).paths) {
    if (p.scope === 'provable-bugs') continue;
    if (scope === 'provable-bugs' && p.holders.some((h) => council.council !== undefined && h.component === council.council)) continue;
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
