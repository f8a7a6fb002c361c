// Bitcoin Layers, BTC custody: who can take or freeze the BTC the system holds.
//
// Bitcoin Layers rates each peg on its own (trust-frameworks.md §8): a chain that holds several
// BTC tokens gets one custody rating per peg, and its headline custody is the enshrined
// (canonical) peg's. A peg is rated on its custody mechanism and on who can upgrade it, and the
// worse of the two counts; a token carried through further bridges takes its worst hop, and a
// token backed by another token can be no better than that token. Custody is about who can move
// or upgrade the BTC: unverifiable *bridge* code (a closed bridge program, unverified peg
// contracts, a closed prover the bridge pays out on) caps it, a closed *chain node* does not.
import type { CustodyHop, CustodyType, Peg, SignerSetRef, SpecModel, Threshold, WeightedThreshold } from '../model.js';
import type { BitcoinLayersRating, PegRating, Rated, Reason } from '../types.js';
import {
  claimsOn, combineRatings, describe, exitDelay, setFacts, exitDelayPhrase, isWorse, missingFact, pathsForPeg, pegPath,
  outsideRubric, rateKnownExternal, restOnClaims, underReview, unverified, viewOf, windowPhrase, worseLevel, RATING_WORDS, type SetView, type UpgradePath,
} from './common.js';
import { ASSESSMENT_FLOORS } from './floors.js';

type Verdict = Rated<BitcoinLayersRating>;

/** Custody types where a set of keys decides where the BTC goes. */
const KEY_CUSTODY: readonly CustodyType[] = ['federation-multisig', 'threshold-signature', 'mpc', 'ecash-mint', 'tee'];

/** The custody axis (the canonical peg's rating) and one rating per peg. */
export interface CustodyAssessment {
  axis: Rated<BitcoinLayersRating>;
  pegs: PegRating[];
}

/**
 * The canonical peg: the one marked `canonical: true`, else the first. Bitcoin Layers heads a
 * system's custody with its enshrined peg, the one the chain itself runs.
 */
export function canonicalPeg(model: SpecModel): Peg | undefined {
  return model.pegs.find((p) => p.canonical === true) ?? model.pegs[0];
}

/** Rates every peg, and the custody axis from the canonical one. */
export function rateCustody(model: SpecModel): CustodyAssessment {
  if (model.pegs.length === 0) return { axis: withoutPegs(model), pegs: [] };
  const canonical = canonicalPeg(model)!;
  const rated = ratePegs(model);
  const pegs: PegRating[] = model.pegs.map((peg) => ({
    id: peg.id,
    asset: peg.asset,
    path: pegPath(model, peg),
    canonical: peg === canonical,
    ...rated.get(peg)!.verdict,
  }));
  const head = pegs.find((p) => p.canonical)!;
  const lead: Reason = {
    text: model.pegs.length > 1
      ? `Custody is the rating of the enshrined peg "${canonical.id}"${canonical.canonical ? ' (canonical: true)' : ' (the first peg; mark another with canonical: true if the chain enshrines it)'}; the other pegs are rated beside it.`
      : `Custody is the rating of the system's only peg, "${canonical.id}".`,
    path: head.path,
  };
  // A canonical peg left unverified by its backing has no missing facts of its own: the axis
  // names those of the peg that decides (once, not once per peg of the chain).
  const origin = rated.get(canonical)!.origin;
  const missing = head.missing ?? (head.value === 'unverified' && origin !== canonical ? rated.get(origin)!.verdict.missing : undefined);
  const axis: Rated<BitcoinLayersRating> = { value: head.value, reasons: [lead, ...head.reasons], ...(missing ? { missing } : {}), ...(head.claimed ? { claimed: head.claimed } : {}) };
  return { axis, pegs };
}

/** The peg that rates worse than the canonical one, if any (named in the tier reasons). */
export function worstOtherPeg(pegs: readonly PegRating[]): PegRating | undefined {
  const head = pegs.find((p) => p.canonical);
  let worst: PegRating | undefined;
  for (const p of pegs) {
    if (p.canonical || (head && !isWorse(p.value, head.value))) continue;
    if (!worst || isWorse(p.value, worst.value)) worst = p;
  }
  return worst;
}

/** No peg: the BTC stays in users' own L1 outputs, or the spec does not say who holds it. */
function withoutPegs(model: SpecModel): Verdict {
  if (model.exits?.unilateral === true) {
    return { value: 'low', reasons: [{ text: 'No peg holds BTC for users, and users can exit unilaterally with their own L1 transaction.', path: 'exits.unilateral' }] };
  }
  // Who holds the BTC is the deciding fact: missing, it leaves custody unverified, never the worst.
  return unverified([missingFact(model, 'pegs', 'who holds the BTC (a pegs entry, or exits.unilateral: true when users keep it in their own L1 outputs)')], 'Custody is rated from who holds the BTC');
}

/** A peg's rating, and the peg whose own custody decides it (itself, or one down its backing). */
interface PegVerdict {
  verdict: Verdict;
  origin: Peg;
}

/**
 * Rates every peg, backing tokens first. A token backed by another can be no better than that
 * token: its rating takes the backing peg's level, and its reasons *refer* to that peg instead of
 * copying its reasons, so the output grows with the number of pegs, not with the cube of the
 * chain. Pegs whose backing goes round in a cycle (L2S-FMT-011) back nothing but each other: each
 * is rated as the worst of the cycle. Iterative, so a chain of any length cannot exhaust the stack.
 */
function ratePegs(model: SpecModel): Map<Peg, PegVerdict> {
  const memo = new Map<Peg, PegVerdict>();
  for (const start of model.pegs) {
    const walk: Peg[] = [];
    const onWalk = new Map<Peg, number>();
    let p: Peg | undefined = start;
    while (p && !memo.has(p) && !onWalk.has(p)) {
      onWalk.set(p, walk.length);
      walk.push(p);
      p = p.backedBy?.peg;
    }
    let end = walk.length;
    if (p && onWalk.has(p)) {
      end = onWalk.get(p)!;
      rateCycle(model, walk.slice(end), memo);
    }
    for (let i = end - 1; i >= 0; i--) {
      const peg = walk[i]!;
      const backing = peg.backedBy?.peg;
      const b = backing ? memo.get(backing) : undefined;
      if (!backing || !b) {
        memo.set(peg, { verdict: ratePegWhole(model, peg), origin: peg });
        continue;
      }
      const via = b.origin === backing ? 'see its reasons' : `which comes from peg "${b.origin.id}" further down the backing chain: see that peg's reasons`;
      const part: Verdict = {
        value: b.verdict.value,
        reasons: [{ text: `Peg "${peg.id}" is backed by the token of peg "${backing.id}" and can be no safer than it; peg "${backing.id}" is rated ${RATING_WORDS[b.verdict.value]}, ${via}.`, path: `${pegPath(model, peg)}.backedBy` }],
      };
      const own = ratePegWhole(model, peg);
      const verdict = ratePegWhole(model, peg, part);
      memo.set(peg, { verdict, origin: isWorse(b.verdict.value, own.value) ? b.origin : peg });
    }
  }
  return memo;
}

/** Pegs that back each other round a cycle: each is rated as the worst peg of the cycle. */
function rateCycle(model: SpecModel, cycle: readonly Peg[], memo: Map<Peg, PegVerdict>): void {
  const alone = cycle.map((peg) => ratePegWhole(model, peg));
  let w = 0;
  alone.forEach((v, i) => { if (isWorse(v.value, alone[w]!.value)) w = i; });
  const worst = cycle[w]!;
  const value = alone[w]!.value;
  cycle.forEach((peg, i) => {
    const next = cycle[(i + 1) % cycle.length]!;
    const part: Verdict = {
      value,
      reasons: [{ text: `Peg "${peg.id}" is backed by the token of peg "${next.id}", and the backing goes round a cycle of ${cycle.length} pegs back to "${peg.id}" (L2S-FMT-011): no BTC outside the cycle backs them, so each is rated as the worst of them, ${worst === peg ? 'this one' : `peg "${worst.id}"`}, rated ${RATING_WORDS[value]}.`, path: `${pegPath(model, peg)}.backedBy`, ruleId: 'L2S-FMT-011' }],
    };
    memo.set(peg, { verdict: ratePegWhole(model, peg, part), origin: worst });
  });
}

/** A peg with its hops, its backing token (a reference, see ratePegs) and its bridge code: the worst of them. */
function ratePegWhole(model: SpecModel, peg: Peg, backing?: Verdict): Verdict {
  const name = `Peg "${peg.id}"`;
  const marked = underReview(peg.underReview, `${pegPath(model, peg)}.underReview`, `the custody of peg "${peg.id}"`);
  if (marked) return marked;
  const parts: Verdict[] = [ratePeg(model, peg)];
  peg.hops?.forEach((hop, j) => parts.push(rateHop(model, peg, hop, j)));
  if (backing) parts.push(backing);
  let verdict = parts.length === 1 ? parts[0]! : combineRatings(parts);
  const caps = bridgeCodeCaps(model, peg);
  if (caps.length) {
    const stop = caps.map((r) => ({ ...r, text: `${name}: ${r.text} Custody that cannot be verified is rated very high.` }));
    verdict = { value: 'very-high', reasons: verdict.value === 'very-high' ? [...verdict.reasons, ...stop] : [...stop, ...verdict.reasons.map(context(verdict.value))] };
  }
  if (peg.proofOfReserves?.method && peg.proofOfReserves.method !== 'none' && verdict.value !== 'low') {
    verdict = { ...verdict, reasons: [...verdict.reasons, { text: `${name} publishes proof of reserves (${peg.proofOfReserves.method}), which shows the BTC is there but not who can move it.`, path: `${pegPath(model, peg)}.proofOfReserves` }] };
  }
  return verdict;
}

function context(value: BitcoinLayersRating) {
  return (r: Reason): Reason => ({ ...r, text: `Otherwise ${RATING_WORDS[value]}: ${r.text}` });
}

/**
 * Unverifiable bridge code: the peg's bridge program is closed (`bridgeSource: closed`), its
 * contracts are not verified (`contractsVerified: false` on the peg, else on `transparency` for
 * contract and BitVM pegs), or a BitVM/contract peg pays out on proofs from a closed prover.
 */
function bridgeCodeCaps(model: SpecModel, peg: Peg): Reason[] {
  const at = pegPath(model, peg);
  const out: Reason[] = [];
  const contractLike = peg.custody === 'bitvm' || peg.custody === 'smart-contract';
  if (peg.bridgeSource === 'closed') out.push({ text: 'its bridge program is closed source, so nobody can check what releases the BTC.', path: `${at}.bridgeSource` });
  if (peg.contractsVerified === false) out.push({ text: 'its contracts or scripts are not verified against published source.', path: `${at}.contractsVerified` });
  else if (peg.contractsVerified === undefined && contractLike && model.transparency?.contractsVerified === false) {
    out.push({ text: 'the deployed contracts or scripts are not verified against published source (transparency.contractsVerified: false).', path: 'transparency.contractsVerified' });
  }
  if (contractLike && model.stateValidation?.proverSource === 'closed') {
    out.push({ text: 'it pays out on proofs whose prover and verifier are closed, so they cannot be checked.', path: 'stateValidation.proverSource' });
  }
  return out;
}

function ratePeg(model: SpecModel, peg: Peg): Verdict {
  const name = `Peg "${peg.id}"`;
  const mechanism = mechanismWithClaims(model, { ...holderOfPeg(peg), at: pegPath(model, peg), name });
  const { paths, through } = pathsForPeg(model, peg);
  return withUpgrades(model, mechanism, paths, name, through === 'system' ? ' through system upgrades (governance)' : '', { signers: peg.signers, custody: peg.custody, system: through === 'system' });
}

function rateHop(model: SpecModel, peg: Peg, hop: CustodyHop, j: number): Verdict {
  const name = `Peg "${peg.id}", hop ${j + 2}${hop.name ? ` (${hop.name})` : ''}`;
  const mechanism = mechanismWithClaims(model, { custody: hop.custody, signers: hop.signers, threshold: hop.threshold, weighted: hop.weightedThreshold, at: hop.path, name });
  const hopPaths: UpgradePath[] = [];
  const up = hop.upgrade;
  if (up && up.authority !== 'none') {
    const holders = up.authority ? [up.authority] : [];
    hopPaths.push({ what: `upgrades of ${name}`, path: up.delay ? `${hop.path}.upgrade.delay` : `${hop.path}.upgrade`, delaySeconds: up.delay?.seconds ?? 0, delay: up.delay, holders, authority: holders[0] });
  }
  let verdict = withUpgrades(model, mechanism, hopPaths, name, '', { signers: hop.signers, custody: hop.custody });
  const caps: Reason[] = [];
  if (hop.bridgeSource === 'closed') caps.push({ text: `${name}: its bridge program is closed source. Custody that cannot be verified is rated very high.`, path: `${hop.path}.bridgeSource` });
  if (hop.contractsVerified === false) caps.push({ text: `${name}: its contracts are not verified against published source. Custody that cannot be verified is rated very high.`, path: `${hop.path}.contractsVerified` });
  if (caps.length) verdict = { value: 'very-high', reasons: [...caps, ...verdict.reasons] };
  return verdict;
}

interface Holder {
  custody?: CustodyType;
  signers?: SignerSetRef;
  threshold?: Threshold;
  weighted?: WeightedThreshold;
  /** Spec path of the peg or hop. */
  at: string;
  name: string;
  peg?: Peg;
}

function holderOfPeg(peg: Peg): Omit<Holder, 'at' | 'name'> {
  return { custody: peg.custody, signers: peg.signers, threshold: peg.threshold, weighted: peg.weightedThreshold, peg };
}

/** The mechanism rating combined with every upgrade path that can change it. */
function withUpgrades(model: SpecModel, mechanism: Verdict, all: UpgradePath[], name: string, through: string, own: Owner = {}): Verdict {
  // A path that only the custody signers themselves can use adds no new party (issue 18 item 5).
  const own_ = all.filter((p) => heldBySigners(p, own));
  const paths = all.filter((p) => !heldBySigners(p, own));
  const ownReasons: Reason[] = own_.map((p) => ({ text: `${name}: ${p.kind === 'emergency' ? 'its emergency upgrade path' : 'its upgrade path'} is held by the same signers that hold the BTC, so it adds no party that could take it.`, path: p.path }));
  if (paths.length === 0) return ownReasons.length ? { ...mechanism, reasons: [...mechanism.reasons, ...ownReasons] } : mechanism;
  const upgrades = paths.map((p) => upgradeWithClaims(model, rateUpgrade(model, p, name, through, own, mechanism), p, name));
  const upgrade = upgrades.length === 1 ? upgrades[0]! : combineRatings(upgrades);
  if (mechanism.value === 'under-review') {
    return upgrade.value === 'very-high' ? upgrade : { ...mechanism, reasons: [...mechanism.reasons, ...upgrade.reasons] };
  }
  const worst = worseLevel(mechanism.value, upgrade.value);
  const missing = [...(mechanism.value === worst ? mechanism.missing ?? [] : []), ...(upgrade.value === worst ? upgrade.missing ?? [] : [])];
  const claimed = [...(mechanism.value === worst ? mechanism.claimed ?? [] : []), ...(upgrade.value === worst ? upgrade.claimed ?? [] : [])];
  const extra = { ...(missing.length ? { missing } : {}), ...(claimed.length ? { claimed } : {}) };
  // When the upgrade path decides, its reasons lead and the mechanism's become context.
  if (worst !== mechanism.value) return { value: worst, reasons: [...upgrade.reasons, ...mechanism.reasons.map(context(mechanism.value)), ...ownReasons], ...extra };
  return { value: worst, reasons: [...mechanism.reasons, ...upgrade.reasons, ...ownReasons], ...extra };
}

/** An upgrade rating that rests on a peg's or hop's `upgrade` marked as only claimed is unverified. */
function upgradeWithClaims(model: SpecModel, verdict: Verdict, p: UpgradePath, name: string): Verdict {
  const own = /^pegs\.\d+(?:\.hops\.\d+)?\.upgrade/.exec(p.path)?.[0];
  return own ? restOnClaims(model, verdict, [own], `${name}'s upgrade rating`) : verdict;
}

/** What the upgrade rating needs to know about the peg or hop it upgrades. */
interface Owner {
  signers?: SignerSetRef;
  custody?: CustodyType;
  /** The paths are the system's (governance), not the peg's or hop's own. */
  system?: boolean;
}

function heldBySigners(p: UpgradePath, own: Owner): boolean {
  const signers = own.signers?.component;
  return signers !== undefined && p.holders.length > 0 && p.holders.every((h) => h.component === signers);
}

/** Custody enforced by contracts or scripts: an instant upgrade rewrites the rules themselves (BL: Stop!). */
const CONTRACT_CUSTODY: readonly (CustodyType | undefined)[] = ['smart-contract', 'bitvm', 'n-of-n-covenant', 'unilateral', 'statechain', undefined];

// ---------------------------------------------------------------------------------------------
// The custody mechanism

/**
 * The mechanism's rating, `unverified` when it rests on a fact the peg or hop marks as only claimed:
 * its custody type, its signers or its threshold (Hemi's single-key address behind a claimed
 * threshold scheme), or the unilateral exit a low rating relies on.
 */
function mechanismWithClaims(model: SpecModel, h: Holder): Verdict {
  const verdict = rateMechanism(model, h);
  const facts = [`${h.at}.custody`, `${h.at}.signers`, `${h.at}.threshold`];
  if (h.custody === 'unilateral' || verdict.reasons.some((r) => r.path === 'exits.unilateral')) facts.push('exits.unilateral');
  return restOnClaims(model, verdict, facts, `${h.name}'s custody`);
}

function rateMechanism(model: SpecModel, h: Holder): Verdict {
  const { at, name } = h;
  const custody = h.custody;
  const unilateralExit = model.exits?.unilateral === true;

  if (custody === undefined) {
    // A peg that names signers but not its custody type is a key-held peg in all but name.
    if (h.signers) return rateKeySet(model, h, `${name} (custody type not declared, but it names signers)`);
    // The custody type selects the row: missing, the rating waits for it (never the worst).
    return unverified([missingFact(model, `${at}.custody`, `what kind of custody ${name} uses (custody)`)], `${name} is rated by its kind of custody`);
  }
  switch (custody) {
    case 'unilateral':
      if (model.exits?.unilateral === false) {
        return { value: 'medium', reasons: [{ text: `${name}: users keep custody of their BTC but cannot exit unilaterally (exits.unilateral: false), which degrades custody to medium.`, path: 'exits.unilateral' }] };
      }
      return { value: 'low', reasons: [{ text: `${name}: users can exit unilaterally with their own L1 transaction; nobody else has to sign.`, path: `${at}.custody` }] };
    case 'single-custodian':
      return { value: 'very-high', reasons: [{ text: `${name} is held by a single custodian, who can take or freeze all of it.`, path: `${at}.custody` }] };
    case 'n-of-n-covenant':
      if (unilateralExit) return lowByExit(name);
      return rateOneHonestSet(model, h, `${name} is locked in an N-of-N key-deletion covenant`);
    case 'bitvm':
      if (unilateralExit) return lowByExit(name);
      return rateBitvm(model, h);
    case 'smart-contract':
      return rateContract(model, name, unilateralExit);
    case 'pos-stake':
      return ratePosStake(model, h);
    case 'miner-vote':
      return { value: 'medium', reasons: [{ text: `${name}: withdrawals need a vote of Bitcoin miners, an alternative consensus financially incentivised not to steal.`, path: `${at}.custody` }] };
    case 'statechain':
      return rateStatechain(model, h);
    default:
      if (KEY_CUSTODY.includes(custody)) return rateKeySet(model, h, name);
      return outsideRubric(`${name} uses a custody type l2spec does not rate.`, `${at}.custody`);
  }
}

function lowByExit(name: string): Verdict {
  return { value: 'low', reasons: [{ text: `${name}: users can exit unilaterally with their own L1 transaction (exits.unilateral: true).`, path: 'exits.unilateral' }] };
}

/** The signer set a holder names, or the verdict when it names none (or a reference that dangles). */
function signerView(model: SpecModel, h: Holder, what: string) {
  const view = viewOf(model, h.signers);
  if (view) return { view };
  if (h.signers) {
    // A dangling reference is a format finding (L2S-FMT-005): the fact is written, but unreadable.
    const verdict = unverified([{ path: h.signers.path, fact: `who ${what}`, unreadable: { path: h.signers.path, ruleId: 'L2S-FMT-005', what: `"${h.signers.ref}" names no component` } }], h.name);
    return { verdict };
  }
  return { verdict: unverified([missingFact(model, `${h.at}.signers`, `who ${what} (signers)`)], h.name) };
}

/** Multisig, threshold signature, MPC, mint federation, TEE-held keys: rated by who holds the keys. */
function rateKeySet(model: SpecModel, h: Holder, name: string): Verdict {
  const { view, verdict } = signerView(model, h, 'holds the keys');
  if (!view) return verdict!;
  const threshold = h.threshold ?? view.component?.threshold;
  // A threshold written in a form l2spec cannot read (or impossible) could be 1-of-n: unverified.
  const unreadableThreshold = !threshold && !(h.weighted ?? view.component?.weightedThreshold)
    ? [`${h.at}.threshold`, `${view.path}.threshold`].find((p) => model.unreadable?.has(p)) : undefined;
  if (unreadableThreshold) return unverified([missingFact(model, unreadableThreshold, 'how many of the signers must sign (threshold)')], name);
  if (threshold && threshold.m === 1 && threshold.n > 1) {
    return { value: 'very-high', reasons: [{ text: `${name}: with a ${threshold.text} threshold any single signer can move the BTC, like a single custodian.`, path: h.threshold ? `${h.at}.threshold` : `${view.path}.threshold` }] };
  }
  const set = rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} is held by`);
  const hardware = h.custody === 'tee' || view.component?.trustedHardware ? teeReason(model, h, view.path) : undefined;
  return hardware ? { ...set, reasons: [...set.reasons, hardware] } : set;
}

function teeReason(model: SpecModel, h: Holder, setPath: string): Reason {
  const th = viewOf(model, h.signers)?.component?.trustedHardware;
  const attested = th?.attestationPublic === true ? 'with public attestations' : 'without public attestations';
  return { text: `${h.name}: the keys live in trusted hardware${th?.kind ? ` (${th.kind})` : ''} ${attested}; the hardware vendor and whoever runs it are trusted too, so the set is rated by who runs it.`, path: th ? `${setPath}.trustedHardware` : `${h.at}.custody` };
}

/**
 * Custody protected by a challenge on Bitcoin (BitVM): "medium" when anyone may watch and challenge
 * a bad withdrawal; a permissioned challenger set is rated like a signer set.
 */
function rateChallengeable(model: SpecModel, name: string): Verdict {
  const open = permissionlessChallenge(model);
  if (open) return restOnClaims(model, { value: 'medium', reasons: [{ text: `${name}: anyone can act as a challenger and stop a bad withdrawal on Bitcoin (one honest challenger suffices).`, path: open }] }, [open], `${name}: "medium"`);
  const view = viewOf(model, model.stateValidation?.challengers);
  if (!view) {
    const towers = model.exits?.watchtowers?.permissionless === true || viewOf(model, model.exits?.watchtowers?.set)?.permissionless === true;
    const v = unverified([missingFact(model, 'stateValidation.challengers', 'who may challenge a bad withdrawal (stateValidation.challengers, or a permissionless set)')], `${name}: withdrawals are protected by challenges`);
    return towers ? { ...v, reasons: [{ text: `${name}: anyone may run a watchtower, but watchtowers that only watch and report are not challengers; medium needs that anyone can challenge a bad withdrawal.`, path: 'exits.watchtowers' }, ...v.reasons] } : v;
  }
  return rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} relies on the permissioned challengers`);
}

/**
 * The spec path proving that anyone may challenge a bad withdrawal or state, if any: a challenger
 * set (`stateValidation.challengers`) that anyone may join. Watchtowers are not challengers: a
 * watchtower that anyone may run but that can only report a bad withdrawal stops nothing on
 * Bitcoin (issue 18: Bitcoin Layers' medium custody needs that anyone can *challenge*).
 */
export function permissionlessChallenge(model: SpecModel): string | undefined {
  const challengers = viewOf(model, model.stateValidation?.challengers);
  if (challengers?.permissionless === true) return `${challengers.path}.permissionless`;
  return undefined;
}

/**
 * A BitVM bridge: the BTC sits in an N-of-N covenant that the committee pre-signs, and withdrawals
 * are paid by operators and challenged on Bitcoin. Bitcoin Layers' "medium" needs both halves:
 * anyone may challenge a bad withdrawal, and the covenant committee is not the builder alone (a
 * covenant is safe while one member deleted its key, so one publicly known member independent of
 * the builder is what makes it one-of-many; a committee run by the builder alone is custody by
 * the builder). The worse half decides.
 */
function rateBitvm(model: SpecModel, h: Holder): Verdict {
  const challenge = rateChallengeable(model, h.name);
  const committee = rateCovenantCommittee(model, h);
  return combineRatings([challenge, committee]);
}

/** The covenant committee of a BitVM peg: one independent, publicly known member keeps it safe. */
function rateCovenantCommittee(model: SpecModel, h: Holder): Verdict {
  const what = `${h.name}: the covenant committee that pre-signs its deposits`;
  const { view, verdict } = signerView(model, { ...h, name: what }, 'pre-signs the covenant');
  if (!view) return verdict!;
  if (view.permissionless === true) return restOnClaims(model, { value: 'medium', reasons: [{ text: `${what}, ${view.label}, is open to anyone.`, path: `${view.path}.permissionless` }] }, [`${view.path}.permissionless`], `${what}: "medium"`);
  if (view.members === 1 || view.external === 0) {
    return { value: 'very-high', reasons: [{ text: `${what}, ${view.label}, is run by the builder alone (${view.members === 1 ? 'a single member' : 'no member is external'}): the builder can keep a key and sign a theft, so the BTC is in the builder's custody.`, path: view.members === 1 ? `${view.path}` : `${view.path}.external` }] };
  }
  if (view.publiclyKnown === 'none') {
    return { value: 'very-high', reasons: [{ text: `${what}, ${view.label}, is not publicly known, so nobody can check that any member is independent of the builder.`, path: `${view.path}.publiclyKnown` }] };
  }
  const missing = [];
  if (view.publiclyKnown === undefined) missing.push(missingFact(model, `${view.path}.publiclyKnown`, `whether the members of ${view.label} are publicly known (publiclyKnown)`));
  if (view.external === undefined) missing.push(missingFact(model, `${view.path}.external`, `how many members of ${view.label} are external to the builder (external)`));
  if (missing.length) return unverified(missing, `${what} is safe while one independent member deleted its key`);
  const safe: Verdict = { value: 'medium', reasons: [{ text: `${what}, ${view.label}, has ${view.external} publicly known member${view.external === 1 ? '' : 's'} external to the builder; one of them deleting its key keeps the covenant safe.`, path: `${view.path}.external` }] };
  return restOnClaims(model, safe, setFacts(view), `${what}: "medium"`);
}

/** N-of-N covenants: safe while one signer deleted its key, so rated like a 1-of-N set. */
function rateOneHonestSet(model: SpecModel, h: Holder, what: string): Verdict {
  const { view, verdict } = signerView(model, { ...h, name: what }, 'signed the covenant');
  if (!view) return verdict!;
  if (view.permissionless === true) return restOnClaims(model, { value: 'medium', reasons: [{ text: `${what}, and anyone may join ${view.label}.`, path: `${view.path}.permissionless` }] }, [`${view.path}.permissionless`], `${what}: "medium"`);
  return rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${what}, signed by`);
}

/** A contract on another chain that pays out against the L2's state. */
function rateContract(model: SpecModel, name: string, unilateralExit: boolean): Verdict {
  if (unilateralExit) return lowByExit(name);
  const mechanism = model.stateValidation?.mechanism;
  if (mechanism === 'validity-proofs') {
    return { value: 'medium', reasons: [{ text: `${name}: the contract pays out only against state proven by validity proofs, but users cannot exit unilaterally.`, path: 'stateValidation.mechanism' }] };
  }
  if (mechanism === 'fraud-proofs' || mechanism === 'bitvm') return rateChallengeable(model, name);
  if (mechanism === undefined) {
    const m = missingFact(model, 'stateValidation.mechanism', 'how the contract checks the state it pays out on (stateValidation.mechanism)');
    return unverified([m], `${name}: the contract pays out against posted state`);
  }
  return {
    value: 'very-high',
    reasons: [{ text: `${name}: the contract pays out on whatever state is posted, and state validation is "${mechanism}", so whoever posts state controls the BTC.`, path: 'stateValidation.mechanism' }],
  };
}

/**
 * Proof of stake: "medium" only when stake that is slashed for stealing the peg (`slashedFor`
 * includes `peg-theft`) is worth at least the BTC it guards: only then is the set "financially
 * incentivised not to steal" (BL). Stake slashed only for double-signing or downtime protects the
 * chain's consensus, not the peg, and a stake token with no market value counts as no stake (§8);
 * either way the validators are rated as a signer set. When the stake would outweigh the BTC but
 * the spec does not say what it is slashed for, the rating waits for that fact (unverified).
 * Thresholds are often a share of stake ("67% of stake") rather than a head count.
 */
function ratePosStake(model: SpecModel, h: Holder): Verdict {
  const { at, name, peg } = h;
  const view = viewOf(model, h.signers);
  const worthless = view?.component?.stakeHasMarketValue === false;
  const stake = worthless ? undefined : peg?.collateralBtc ?? view?.component?.stakeBtc;
  const value = peg?.valueAtRiskBtc;
  const weighted = h.weighted ?? view?.component?.weightedThreshold;
  const share = weighted ? ` (${weighted.text} must sign)` : '';
  const slashed = view?.component?.slashedFor;
  const slashedPath = view ? `${view.path}.slashedFor` : `${at}.signers`;
  const outweighs = stake !== undefined && value !== undefined && stake >= value;
  const stakePath = peg?.collateralBtc !== undefined ? `${at}.collateralBtc` : view ? `${view.path}.stakeBtc` : at;
  if (outweighs && slashed?.includes('peg-theft')) {
    const stakeFacts = [`${at}.collateralBtc`, `${at}.valueAtRiskBtc`, ...(view ? ['stakeBtc', 'slashedFor', 'stakeHasMarketValue'].map((f) => `${view.path}.${f}`) : [])];
    return restOnClaims(model, {
      value: 'medium',
      reasons: [
        { text: `${name}: validators stake ${stake} BTC against ${value} BTC held${share}, and the stake is slashed if they steal from the peg, so they are financially incentivised not to steal.`, path: stakePath },
        { text: `${name}: the validators' stake is slashed for stealing the peg (slashedFor: ${slashed.join(', ')}).`, path: slashedPath },
      ],
    }, stakeFacts, `${name}: "medium"`);
  }
  if (outweighs && slashed === undefined) {
    const v = unverified([missingFact(model, slashedPath, `what the validators' stake is slashed for (slashedFor: peg-theft, double-signing, downtime); stake protects the peg only when it is slashed for stealing it`)], `${name}: validators stake ${stake} BTC against ${value} BTC held${share}, which is "medium" if the stake is lost for stealing the peg`);
    return v;
  }
  const why = worthless
    ? 'the staked token has no market value, so the stake secures nothing'
    : outweighs
      ? `the stake is slashed only for ${slashed!.length ? slashed!.join(' and ') : 'nothing'}, not for stealing the peg, so it protects the chain's consensus but gives the peg no security`
      : stake === undefined || value === undefined
        ? 'the spec does not give both the stake (collateralBtc or stakeBtc) and the BTC at risk (valueAtRiskBtc), so the stake cannot be shown to outweigh the BTC it guards'
        : `the stake (${stake} BTC) is worth less than the ${value} BTC it guards, so stealing would pay`;
  const because: Reason = { text: `${name}: ${why}; the validators${share} are rated as a signer set.`, path: worthless ? `${view!.path}.stakeHasMarketValue` : outweighs ? slashedPath : at };
  if (!view) {
    const { verdict } = signerView(model, h, 'the validators are');
    return { ...verdict!, reasons: [because, ...verdict!.reasons] };
  }
  const set = rateKnownExternal(model, view, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} is guarded by the validators`);
  return { ...set, reasons: [because, ...set.reasons] };
}

/**
 * Statechains (Bitcoin Layers rates Spark and Mercury Layer low custody): the UTXO key is shared by
 * the current owner and the statechain entity, and the owner holds a pre-signed, timelocked backup
 * transaction, so users can leave with Bitcoin transactions alone. Whether past key shares were
 * deleted is judged once, under finality, where Bitcoin Layers judges it (a previous owner and the
 * entity together could spend first; that is a finality risk of the transfer, not custody). Users
 * who cannot use the backup transaction keep custody without a unilateral exit: medium.
 */
function rateStatechain(model: SpecModel, h: Holder): Verdict {
  if (model.exits?.unilateral === false) {
    return { value: 'medium', reasons: [{ text: `${h.name}: users share the key with the statechain entity but the spec says they cannot exit unilaterally (exits.unilateral: false), which degrades custody to medium.`, path: 'exits.unilateral' }] };
  }
  const deletion = model.finality?.provableKeyDeletion === true ? 'provable' : 'not shown to be provable';
  return {
    value: 'low',
    reasons: [
      { text: `${h.name}: each owner holds a pre-signed backup transaction and can take the BTC back on Bitcoin without anyone's help (Bitcoin Layers rates statechain pegs low).`, path: `${h.at}.custody` },
      { text: `Whether the statechain entity deleted previous owners' key shares (${deletion}) is rated under finality, not here: a past owner colluding with the entity is a risk to the latest transfer, counted once.`, path: model.finality?.provableKeyDeletion !== undefined ? 'finality.provableKeyDeletion' : h.at },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Who can upgrade the custody

/**
 * Bitcoin Layers rates upgradeable custody by who can upgrade it and the timelock. An instant
 * upgrade is "very high"; an upgrade that leaves users at least 30 days to leave first does not
 * count; anything shorter makes the upgraders custodians, rated like a signer set (with a
 * two-party sign-off, the stronger party decides: both must sign). A delay the spec does not give,
 * or upgraders it does not name, leave the rating unverified.
 */
function rateUpgrade(model: SpecModel, path: UpgradePath, name: string, through: string, own: Owner, mechanism: Verdict): Verdict {
  const label = path.kind === 'emergency' ? `${name} can be upgraded through the emergency path${through}` : `${name} can be upgraded${through}`;
  if (!path.delay) {
    // The worst the delay could be is none: when even an instant upgrade would not rate worse than
    // the mechanism, the missing delay changes nothing (declaring a path never rates worse than
    // leaving it out); otherwise the rating waits for it. The format 1 system path keeps its delay
    // in governance.upgradeDelay (upgradeable is a boolean).
    const instant = rateInstant(model, path, name, label, own);
    const delayAt = path.path.endsWith('.delay') || path.path.endsWith('upgradeDelay') ? path.path : path.path === 'governance.upgradeable' ? 'governance.upgradeDelay' : `${path.path}.delay`;
    const missing = missingFact(model, delayAt, `how long upgrades wait before they take effect (${delayAt === 'governance.upgradeDelay' ? 'upgradeDelay' : 'delay'})`);
    if (mechanism.value !== 'under-review' && !isWorse(instant.value, mechanism.value)) {
      return { value: mechanism.value, reasons: [{ text: `${label} with no delay written; even an instant upgrade by its holders would rate ${RATING_WORDS[instant.value]}, no worse than the custody itself.`, path: path.path }] };
    }
    return unverified([missing], label);
  }
  if (path.delaySeconds === 0) return rateInstant(model, path, name, label, own);
  const exit = exitDelay(model);
  const window = path.delaySeconds - exit.seconds;
  const floor = ASSESSMENT_FLOORS.custodyUpgradeExitWindowSeconds;
  const windowText = `upgrades${through} take effect after ${describe(path.delay)}; subtracting ${exitDelayPhrase(exit)} leaves users ${windowPhrase(window)} to leave first`;
  if (window >= floor) {
    // The window would clear the bar, but a part of the exit time the spec leaves out could shorten
    // it, and one it only claims cannot be checked (a shortfall, below, counts at its word).
    const v: Verdict = exit.missing.length
      ? unverified(exit.missing, `${name}: ${windowText}, which clears ${windowPhrase(floor)} only if nothing else delays the exit`)
      : { value: 'low', reasons: [{ text: `${name}: ${windowText}, which is at least ${windowPhrase(floor)}, so whoever upgrades it is not counted as a custodian.`, path: path.path }] };
    // The upgrade's own delay, when claimed, is as unchecked as the exit time.
    return restOnClaims(model, v, [...exit.claimed, ...claimsOn(model, path.path)].map((c) => c.path), `${name}: the time users have to leave before an upgrade`) as Verdict;
  }
  const lead: Reason = { text: `${name}: ${windowText}, less than ${windowPhrase(floor)}, so whoever upgrades it is in effect a custodian.`, path: path.path };
  const sets = path.holders.map((ref) => ({ ref, view: viewOf(model, ref) }));
  const named = sets.filter((s) => s.view);
  if (named.length === 0) {
    const m = path.holders[0]
      ? { path: path.holders[0].path, fact: 'who can upgrade it', unreadable: { path: path.holders[0].path, ruleId: 'L2S-FMT-005', what: `"${path.holders[0].ref}" names no component` } }
      : missingFact(model, path.peg ? `${pegPath(model, path.peg)}.upgrade.authority` : path.path, 'who can upgrade it (the holder of the upgrade path)');
    const v = unverified([m], name);
    return { ...v, reasons: [lead, ...v.reasons] };
  }
  const best = rateHolders(model, named.map((s) => s.view!), name);
  return { ...best, reasons: [lead, ...best.reasons] };
}

/** Every holder must sign, so the hardest one to corrupt decides. */
function rateHolders(model: SpecModel, views: SetView[], name: string): Verdict {
  const rated = views.map((v) => rateKnownExternal(model, v, ASSESSMENT_FLOORS.custodyMinExternalSigners, `${name} can be upgraded by`));
  let best = rated[0]!;
  for (const r of rated) if (isWorse(best.value, r.value)) best = r;
  return best;
}

/**
 * An upgrade with no delay. For custody enforced by contracts or scripts (a rollup bridge, BitVM,
 * a covenant) it rewrites the rules before anyone can leave: very high (BL: an instantly
 * upgradeable bridge is Stop!). For key-held custody the upgraders are simply further custodians,
 * rated by who they are: Bitcoin Layers' wrapper rubric ranks "no delay, but a disclosed federation
 * of at least 5" above a single key.
 */
function rateInstant(model: SpecModel, path: UpgradePath, name: string, label: string, own: Owner): Verdict {
  const stop: Verdict = { value: 'very-high', reasons: [{ text: `${label} instantly: the custody logic can change before anyone can leave.`, path: path.path }] };
  // System paths upgrade the chain's own contracts (a rollup bridge): Stop! whatever holds the keys.
  if (CONTRACT_CUSTODY.includes(own.custody) || own.system) return stop;
  const views = path.holders.map((ref) => viewOf(model, ref)).filter((v): v is SetView => v !== undefined);
  if (views.length === 0) {
    const m = missingFact(model, path.peg ? `${pegPath(model, path.peg)}.upgrade.authority` : path.path, 'who can upgrade it (the holder of the upgrade path)');
    const v = unverified([m], `${label} instantly, so whoever holds the path is a custodian`);
    return v;
  }
  const best = rateHolders(model, views, name);
  return { ...best, reasons: [{ text: `${label} instantly, so whoever upgrades it is in effect a custodian, rated by who they are.`, path: path.path }, ...best.reasons] };
}
