// Compiles a spec into candidate coalitions ("terms"): for each failure, each way the design lets a
// group of parties cause it, as the sets and member counts that must act together, with the
// conditions under which that works. solve.ts then counts entities and keeps the smallest.
//
// Sources: trust-frameworks.md §6 (who must collude to steal), §2 (custody: who can move or
// upgrade the BTC), §3 (L2BEAT exit window: an upgrade faster than users can exit), §4 (protocol
// facts: channels, Liquid's emergency path, BitVM2's N-of-N covenant and 1-of-N operators, Ark
// expiry, statechains).
import type { Component, CustodyType, Peg, SignerSetRef, SpecModel, Threshold, WeightedThreshold } from '../model.js';
import { exitDelay, hasLocalState, pathsForPeg, type UpgradePath } from '../assess/common.js';
import { describe, humanSeconds as humanSecondsOf, isRollupLike } from '../rules/support.js';
import { prune } from './solve.js';
import type { CoalitionVia } from './types.js';
import { actingNeed, allOf, blockingNeed, claimedAt, shareNeed, type Need, type Parties, type PartySet } from './parties.js';

/** One candidate coalition before counting. */
export interface Term {
  /** What the coalition acts through (default `custody`): for ratings that ask one kind of question, and for the preview. */
  via?: CoalitionVia;
  needs: Need[];
  how: string;
  /** Set when the term comes from a backing peg: the peg it backs (the nearest one) and its `backedBy` path. */
  behind?: { peg: string; path: string };
  paths: string[];
  after?: string;
  condition?: string;
  /** The coalition exists only if a claimed fact is false (see Coalition.ifClaimFalse). */
  ifClaimFalse?: true;
}

/** What compile() produces for one failure: candidate coalitions and user-side conditions. */
export interface Compiled {
  terms: Term[];
  userConditions: string[];
}

const KEY_CUSTODY: readonly CustodyType[] = ['federation-multisig', 'threshold-signature', 'mpc', 'ecash-mint', 'tee', 'single-custodian'];

/** Custody where the user can take the BTC back with Bitcoin transactions alone. */
export function userHeldCustody(peg: Peg): boolean {
  return peg.custody === 'unilateral' || peg.custody === 'statechain';
}

/** The compiler for one model; memoises per peg so `backedBy` chains are compiled once each. */
export class Compiler {
  private readonly stealMemo = new Map<Peg, Compiled>();
  private readonly freezeMemo = new Map<Peg, Compiled>();

  constructor(private readonly model: SpecModel, private readonly parties: Parties) {}

  // -------------------------------------------------------------------------------------------
  // Steal: move users' BTC, or the tokens backed by it.

  steal(peg: Peg, visiting: Set<Peg> = new Set()): Compiled {
    const memo = this.stealMemo.get(peg);
    if (memo) return memo;
    visiting.add(peg);
    const out: Compiled = { terms: [], userConditions: [] };
    this.claimsOf(peg.path, ['custody', 'signers', 'threshold'], out, () => this.custodySteal(peg, peg.custody, peg.signers, peg.threshold, peg.weightedThreshold, peg.path, `peg "${peg.id}"`, out));
    this.emergencySteal(peg, out);
    const upgrades = pathsForPeg(this.model, peg).paths;
    this.upgradeTerms(upgrades, `peg "${peg.id}"`, 'move the BTC', out);
    if (upgrades.length === 0 && this.upgradeUnknown(peg)) {
      // Code that holds BTC (a contract, a BitVM program) with no word on who may change it.
      out.terms.push({ via: 'upgrade', needs: [{ set: this.parties.named(`upgrader of peg "${peg.id}"`, `${peg.path}.upgrade`), count: 1, unknown: [`${peg.path}.upgrade`] }], how: `change the code that holds the BTC of peg "${peg.id}" (the spec does not say who can upgrade it)`, paths: [peg.path] });
    }
    if (this.paysOutOnState(peg)) this.stateSteal(peg, out);
    peg.hops?.forEach((hop, j) => {
      const at = `${peg.path}.hops.${j}`;
      const label = `hop "${hop.name ?? j + 1}" of peg "${peg.id}"`;
      this.claimsOf(at, ['custody', 'signers', 'threshold'], out, () => this.custodySteal(peg, hop.custody, hop.signers, hop.threshold, hop.weightedThreshold, at, label, out));
      if (hop.upgrade && hop.upgrade.authority !== 'none') {
        const holders = hop.upgrade.authority ? [hop.upgrade.authority] : [];
        this.upgradeTerms([{ what: `upgrades of ${label}`, path: `${at}.upgrade`, delaySeconds: hop.upgrade.delay?.seconds ?? 0, delay: hop.upgrade.delay, holders }], label, 'move the BTC', out);
      }
    });
    this.mintTriggerSteal(peg, out);
    this.claimsOf(peg.path, ['bridgeSource', 'contractsVerified'], out, () => this.closedBridgeSteal(peg, out));
    const mint = peg.controls?.mint;
    if (mint && mint.holder !== 'none') {
      out.terms.push({ via: 'control', needs: [this.controlNeed(mint.set, mint.holder, mint.path)], how: `mint tokens of peg "${peg.id}" that no BTC backs`, paths: [mint.path] });
    }
    const backing = peg.backedBy?.peg;
    if (backing && !visiting.has(backing)) {
      const b = this.steal(backing, visiting);
      // Refer to the nearest backed peg only: copying text at every hop would grow with the square of the chain.
      for (const t of b.terms) out.terms.push({ ...t, behind: { peg: peg.id, path: peg.backedBy!.path } });
      out.userConditions.push(...b.userConditions);
    }
    visiting.delete(peg);
    const kept = prune(out);
    this.stealMemo.set(peg, kept);
    return kept;
  }

  /**
   * Runs `add` and names the claimed facts among `fields` of the object at `at` in the `unknown` of
   * every term it adds: a coalition that rests on a claimed signer set, threshold or custody type
   * is only the project's word, so the tier cannot rise on it.
   */
  private claimsOf(at: string, fields: readonly string[], out: Compiled, add: () => void): void {
    const before = out.terms.length;
    add();
    const claimed = claimedAt(this.model, fields.map((f) => `${at}.${f}`));
    if (claimed.length === 0) return;
    for (let i = before; i < out.terms.length; i++) out.terms[i] = withUnknown(out.terms[i]!, claimed);
  }

  /** The custody mechanism of a peg or hop (trust-frameworks.md §2 custody, §4 protocol facts). */
  private custodySteal(peg: Peg, custody: CustodyType | undefined, signers: SignerSetRef | undefined, threshold: Threshold | undefined, weighted: WeightedThreshold | undefined, at: string, label: string, out: Compiled): void {
    const m = this.model;
    const exits = m.exits;
    switch (custody) {
      case 'unilateral': {
        if (m.system.family === 'payment-channel' || exits?.mechanism === 'force-close') {
          out.userConditions.push(`Each user (or a watchtower for them) watches Bitcoin and answers a cheating close${exits?.delay ? ` within ${describe(exits.delay)}` : ' within the dispute delay'}; otherwise the counterparty can take the channel's funds.`);
        }
        if (m.system.family === 'ark' || exits?.mechanism === 'unilateral-vtxo-exit' || exits?.vtxoExpiry) {
          out.userConditions.push(`Each user comes online and renews their VTXOs${exits?.vtxoExpiry ? ` before they expire (${describe(exits.vtxoExpiry)})` : ' before their batch expires'}; otherwise the operator can sweep them.`);
          if (exits?.outOfRoundTrusted) out.userConditions.push('A user who accepts an out-of-round payment trusts its sender and the operator not to collude until the VTXO is renewed in a round.');
        }
        return;
      }
      case 'statechain': {
        // The operator keeps a key share with every owner; with any previous owner's share it can
        // sign the UTXO away at once (trust-frameworks.md §5: unprovable key deletion).
        const op = this.parties.ofRef(signers ?? this.refOfKind('operator'), 'statechain-operator', at);
        const prev = this.parties.named('previous-owner', `${at}`, { size: 1 });
        out.terms.push({ needs: [actingNeed(op, threshold, weighted), { set: prev, count: 1 }], how: `the statechain operator signs the UTXO over together with a previous owner of it (${label})`, paths: [at, op.path ?? at] });
        if (exits?.watchtowers?.required) out.userConditions.push("The current owner watches Bitcoin and publishes their backup transaction before an older owner's matures.");
        return;
      }
      case 'n-of-n-covenant':
        this.covenantSteal(signers, at, label, out);
        return;
      case 'bitvm': {
        this.covenantSteal(signers, at, label, out);
        this.bitvmPayoutSteal(at, label, out);
        return;
      }
      case 'pos-stake': {
        const set = this.parties.ofRef(signers ?? this.refOfKind('validators'), 'validators', at);
        const w = weighted ?? set.component?.weightedThreshold;
        const need = w ? shareNeed(set, w.fraction) : actingNeed(set, threshold);
        const slashed = slashedForTheft(set.component);
        const stake = set.component?.stakeBtc ?? peg.collateralBtc;
        out.terms.push({
          needs: [need], how: `validators holding ${w ? w.text : 'the signing threshold'} sign the peg's BTC away (${label})`, paths: [at],
          condition: slashed ? `they forfeit the stake slashed for stealing the peg${stake !== undefined ? ` (${stake} BTC)` : ''}` : undefined,
        });
        return;
      }
      case 'miner-vote': {
        const miners = this.parties.ofRef(this.refOfKind('miners'), 'hashrate-majority', at);
        out.terms.push({ needs: [miners.component ? shareNeed(miners, 0.5) : { set: miners, count: 1, unknown: [`${at}.custody`] }], how: `a majority of hashrate votes the BTC out (${label})`, paths: [at], after: 'the withdrawal vote' });
        return;
      }
      case 'smart-contract':
        return; // the contract's rules are changed by its upgrade paths, and it pays out on state (stateSteal)
      case undefined:
        if (!signers) {
          if (at === peg.path) {
            out.terms.push({ needs: [{ set: this.parties.named(`holder of ${label}`, at), count: 1, unknown: [`${at}.custody`] }], how: `whoever holds the BTC of ${label} (the spec does not say who)`, paths: [at] });
          }
          return;
        }
        this.keySteal(custody, signers, threshold, weighted, at, label, out);
        return;
      default:
        this.keySteal(custody, signers, threshold, weighted, at, label, out);
    }
  }

  /** Keys decide where the BTC goes: the signing threshold of the set (or the single custodian). */
  private keySteal(custody: CustodyType | undefined, signers: SignerSetRef | undefined, threshold: Threshold | undefined, weighted: WeightedThreshold | undefined, at: string, label: string, out: Compiled): void {
    if (custody === 'single-custodian' && !signers) {
      out.terms.push({ needs: [{ set: this.parties.named(`custodian of ${label}`, at, { size: 1 }), count: 1 }], how: `the custodian moves the BTC (${label})`, paths: [at] });
      return;
    }
    if (custody !== undefined && !KEY_CUSTODY.includes(custody)) return;
    const set = this.parties.ofRef(signers, `signers of ${label}`, at);
    const need = custody === 'single-custodian' ? { set, count: 1 } : actingNeed(set, threshold, weighted);
    const words = threshold ? `${need.count} of the ${threshold.n} keys` : weighted ? weighted.text : `the signing threshold of ${set.name}`;
    out.terms.push({
      needs: [need], how: `sign with ${words} (${label})`, paths: [at, ...(set.path ? [set.path] : [])],
      condition: custody === 'tee' ? 'the trusted hardware is broken or runs code its operators chose' : undefined,
    });
  }

  /**
   * Who triggers mints of the token (Bitcoin Layers' wrapped-token rubric): a single relayer or an
   * undisclosed party can mint tokens no BTC backs; a federation relay needs its threshold; a light
   * client or the user's own proof needs nobody.
   */
  private mintTriggerSteal(peg: Peg, out: Compiled): void {
    const t = peg.mintTrigger;
    if (!t || t === 'light-client' || t === 'user-proof') return;
    const at = `${peg.path}.mintTrigger`;
    const relayer = this.refOfKind('relayer');
    const how = `mint tokens of peg "${peg.id}" that no BTC backs`;
    if (t === 'single-relayer') {
      const set = relayer?.component ? this.parties.of(relayer.component) : this.parties.named(`relayer of peg "${peg.id}"`, at, { size: 1 });
      out.terms.push({ via: 'control', needs: [{ set, count: 1 }], how: `${how} (a single relayer triggers mints)`, paths: [at] });
    } else if (t === 'federation') {
      const ref = relayer ?? peg.signers;
      out.terms.push({ via: 'control', needs: [actingNeed(this.parties.ofRef(ref, `mint federation of peg "${peg.id}"`, at))], how: `${how} (the relay federation attests a deposit that never happened)`, paths: [at] });
    } else {
      out.terms.push({ via: 'control', needs: [{ set: this.parties.named(`undisclosed minter of peg "${peg.id}"`, at), count: 1, unknown: [at] }], how: `${how} (whoever triggers mints is not disclosed)`, paths: [at] });
    }
  }

  /**
   * Bridge code nobody can verify (a closed bridge program, unverified peg contracts): whatever the
   * keys and scripts say, the code its authors wrote decides where the BTC goes (Bitcoin Layers:
   * unverifiable bridge code affects custody). Its authors are the builder.
   */
  private closedBridgeSteal(peg: Peg, out: Compiled): void {
    const contractLike = peg.custody === 'bitvm' || peg.custody === 'smart-contract';
    const unverified = peg.contractsVerified === false || (peg.contractsVerified === undefined && contractLike && this.model.transparency?.contractsVerified === false);
    if (peg.bridgeSource !== 'closed' && !unverified) return;
    const at = peg.bridgeSource === 'closed' ? `${peg.path}.bridgeSource` : peg.contractsVerified === false ? `${peg.path}.contractsVerified` : 'transparency.contractsVerified';
    const builder = this.parties.named('builder', at, { size: 1, builder: 1 });
    out.terms.push({ via: 'custody', needs: [{ set: builder, count: 1 }], how: `ship bridge code that releases the BTC of peg "${peg.id}" (nobody can verify the code: ${peg.bridgeSource === 'closed' ? 'closed source' : 'unverified contracts'})`, paths: [at] });
  }

  /** An N-of-N key-deletion covenant: safe while one signer deleted its key, so all of them together can steal. */
  private covenantSteal(signers: SignerSetRef | undefined, at: string, label: string, out: Compiled): void {
    const set = this.parties.ofRef(signers, `covenant committee of ${label}`, `${at}.signers`);
    out.terms.push({ needs: [allOf(set)], how: `every member of the covenant committee keeps its key and signs the deposits away (${label})`, paths: [at, ...(set.path ? [set.path] : [])] });
  }

  /**
   * BitVM payout: an operator can claim reimbursement for a payout it never made; one challenger
   * stops it. A permissionless challenger set is no coalition (anyone may challenge: a user-side
   * condition); a fixed set must all stay silent. Watchtowers that only report are not challengers.
   */
  private bitvmPayoutSteal(at: string, label: string, out: Compiled): void {
    const challengers = this.model.stateValidation?.challengers;
    const ch = challengers?.component;
    if (ch?.permissionless === true && !this.claimedOpen()) {
      out.userConditions.push(`Someone (anyone may) challenges a false payout claim${this.model.stateValidation?.challengePeriod ? ` within ${describe(this.model.stateValidation.challengePeriod)}` : ' within the challenge period'}.`);
      return;
    }
    const op = this.parties.ofRef(this.refOfKind('operator'), 'payout-operator', at);
    const chSet = this.parties.ofRef(challengers, 'challengers', 'stateValidation.challengers');
    const open = this.claimedOpen();
    out.terms.push({
      needs: [{ set: op, count: 1 }, open ? { ...allOf(chSet), unknown: open } : allOf(chSet)],
      how: `a payout operator claims a false payout and every member of the fixed challenger set stays silent (${label})`,
      paths: [at, challengers?.path ?? 'stateValidation'],
      ...(open ? { ifClaimFalse: true as const } : {}),
    });
  }

  private emergencySteal(peg: Peg, out: Compiled): void {
    const e = peg.emergencyRecovery;
    if (!e || e === 'none') return;
    const set = this.parties.ofRef(e.signers, `emergency keys of peg "${peg.id}"`, `${peg.path}.emergencyRecovery`);
    out.terms.push({ via: 'emergency',
      needs: [actingNeed(set, e.threshold)],
      how: `the emergency key holders spend the peg's coins (peg "${peg.id}")`,
      paths: [`${peg.path}.emergencyRecovery`, ...(set.path ? [set.path] : [])],
      after: e.timelock ? e.timelock.text : undefined,
      condition: e.timelock ? 'the coins stay unmoved that long' : 'no timelock is declared, so possibly at once',
    });
  }

  /**
   * Upgrade paths: every holder must sign. A path users can outrun (its delay ≥ the time they need
   * to exit, and an exit exists) is a user-side condition, not a coalition (L2BEAT's exit window).
   */
  private upgradeTerms(paths: readonly UpgradePath[], label: string, what: string, out: Compiled): void {
    const exit = exitDelay(this.model);
    const canExit = this.hasExit();
    // Time to leave that rests on a claimed exit (its existence or its time) cannot be checked.
    const exitClaims = [...new Set([...exit.claimed.map((c) => `${c.path} (claimed)`), ...claimedAt(this.model, ['exits.unilateral', 'exits.mechanism', 'exits.forcedInclusion'])])];
    for (const p of paths) {
      const pathClaims = claimedAt(this.model, prefixes(p.path));
      const needs = p.holders.length
        ? p.holders.map((h) => actingNeed(this.parties.ofRef(h, 'upgrade holder', p.path)))
        : [{ set: this.parties.named(`holder of ${p.what}`, p.path), count: 1, unknown: [holderPath(p)] }];
      const delay = p.delaySeconds;
      const outrun = canExit && exit.declared && delay > 0 && delay >= exit.seconds;
      if (outrun && exitClaims.length === 0 && pathClaims.length === 0) {
        out.userConditions.push(`Users exit within ${humanSecondsOf(delay - exit.seconds)} of an announced upgrade (${p.what}: ${humanSecondsOf(delay)} delay, ${humanSecondsOf(exit.seconds)} to exit).`);
        continue;
      }
      // A shortfall (no time to leave) counts at its word: only the time to leave rests on the claims.
      const claims = outrun ? [...exitClaims, ...pathClaims] : [];
      const condition = outrun
        ? `users cannot in fact exit within the ${humanSecondsOf(delay)} before the upgrade takes effect (the time to leave rests on claims nobody can check)`
        : delay === 0
          ? undefined
          : !canExit ? 'users have no exit that does not depend on the operators'
            : exit.declared ? `users cannot exit within the ${humanSecondsOf(delay)} before the upgrade takes effect (they need ${humanSecondsOf(exit.seconds)})`
              : 'users cannot exit before the upgrade takes effect (the spec gives no exit time)';
      const term: Term = {
        via: 'upgrade', needs: needs.map((n) => (!exit.declared && delay > 0 ? { ...n, unknown: [...(n.unknown ?? []), 'exits.delay'] } : n)), how: `upgrade ${label} to ${what} (${p.what})`, paths: [p.path], condition,
        ...(outrun ? { ifClaimFalse: true as const } : {}),
      };
      out.terms.push(claims.length ? withUnknown(term, claims) : term);
    }
  }

  /** Contract or BitVM custody whose upgrade policy the spec leaves out entirely (no peg `upgrade`, no governance). */
  private upgradeUnknown(peg: Peg): boolean {
    const g = this.model.governance;
    const contractLike = peg.custody === 'smart-contract' || peg.custody === 'bitvm';
    return contractLike && peg.upgrade === undefined && (g === undefined || (g.upgradeable === undefined && !g.upgradeDelay && !g.upgradePaths?.length));
  }

  /** A bridge that pays out on the system's state: whoever can get invalid state accepted can drain it. */
  private paysOutOnState(peg: Peg): boolean {
    return peg.custody === 'smart-contract' || (peg.custody === undefined && isRollupLike(this.model) && !peg.signers);
  }

  private stateSteal(peg: Peg, out: Compiled): void {
    const sv = this.model.stateValidation;
    const proposer = this.proposer();
    const mech = sv?.mechanism;
    const mechClaim = claimedAt(this.model, ['stateValidation.mechanism']);
    if (mech === 'validity-proofs' && mechClaim.length === 0) return;
    if (mech === 'validity-proofs') {
      // Proofs the project only claims to check: the proposer's state is its word.
      out.terms.push({ via: 'state', needs: [{ ...actingNeed(proposer), unknown: mechClaim }], how: `the proposer posts invalid state if the claimed validity proofs are not in fact checked (peg "${peg.id}")`, paths: ['stateValidation.mechanism'], ifClaimFalse: true });
      return;
    }
    if (mech === 'fraud-proofs' || mech === 'bitvm') {
      const ch = sv?.challengers?.component;
      if (ch?.permissionless === true && !this.claimedOpen()) {
        out.userConditions.push(`Someone (anyone may) challenges invalid state${sv?.challengePeriod ? ` within ${describe(sv.challengePeriod)}` : ' within the challenge period'}.`);
        return;
      }
      const chSet = this.parties.ofRef(sv?.challengers, 'challengers', 'stateValidation.challengers');
      const open = this.claimedOpen();
      out.terms.push({ via: 'state', needs: [actingNeed(proposer), open ? { ...allOf(chSet), unknown: open } : allOf(chSet)], how: `the proposer posts invalid state and every challenger stays silent (peg "${peg.id}")`, paths: ['stateValidation.challengers'], ...(open ? { ifClaimFalse: true as const } : {}) });
      return;
    }
    if (mech === 'tee') {
      out.terms.push({ via: 'state', needs: [actingNeed(proposer)], how: `the proposer posts invalid state (peg "${peg.id}")`, paths: ['stateValidation.mechanism'], condition: 'the trusted hardware is broken or runs code its operators chose' });
      return;
    }
    const unknown = mech === undefined ? ['stateValidation.mechanism'] : undefined;
    out.terms.push({ via: 'state', needs: [{ ...actingNeed(proposer), ...(unknown ? { unknown } : {}) }], how: `the proposer posts invalid state that nothing checks (peg "${peg.id}")`, paths: [mech ? 'stateValidation.mechanism' : 'stateValidation'] });
  }

  // -------------------------------------------------------------------------------------------
  // Freeze: stop withdrawals with no end.

  freeze(peg: Peg, visiting: Set<Peg> = new Set()): Compiled {
    const memo = this.freezeMemo.get(peg);
    if (memo) return memo;
    visiting.add(peg);
    const out: Compiled = { terms: [], userConditions: [] };
    const m = this.model;
    const unilateral = userHeldCustody(peg) && m.exits?.unilateral !== false;
    if (!unilateral) {
      if (peg.custody === 'bitvm') {
        // Payouts need one operator: a fixed operator set that all refuses freezes withdrawals.
        const opRef = this.refOfKind('operator');
        const op = this.parties.ofRef(opRef, 'payout-operators', peg.path);
        if (!op.permissionless) out.terms.push({ needs: [allOf(op)], how: `every payout operator refuses to pay out (peg "${peg.id}")`, paths: [opRef?.path ?? peg.path] });
      } else if (peg.custody === 'n-of-n-covenant') {
        // Pre-signed exits: nobody can stop them.
      } else if (peg.custody !== 'smart-contract' && peg.custody !== 'miner-vote' && (peg.signers || (peg.custody && KEY_CUSTODY.includes(peg.custody)) || peg.custody === 'pos-stake')) {
        const set = this.parties.ofRef(peg.signers ?? (peg.custody === 'pos-stake' ? this.refOfKind('validators') : undefined), `signers of peg "${peg.id}"`, peg.path);
        const block = peg.custody === 'single-custodian' ? { set, count: 1 } : blockingNeed(set, peg.threshold, peg.weightedThreshold);
        const needs = [block];
        const e = peg.emergencyRecovery;
        let how = `${block.count} signer${block.count === 1 ? ' of peg "' + peg.id + '" refuses' : 's of peg "' + peg.id + '" refuse'} every peg-out`;
        if (e && e !== 'none') {
          const es = this.parties.ofRef(e.signers, `emergency keys of peg "${peg.id}"`, `${peg.path}.emergencyRecovery`);
          const eb = blockingNeed(es, e.threshold);
          needs.push(eb);
          how += `, and ${eb.count} emergency key holder${eb.count === 1 ? ' blocks' : 's block'} the emergency path`;
        }
        out.terms.push({ needs, how, paths: [peg.path] });
      }
      if (peg.custody === 'smart-contract' || this.paysOutOnState(peg)) this.proposerFreeze(peg, out);
    } else {
      out.userConditions.push(`Bitcoin confirms the user's exit transaction${m.exits?.delay ? ` and the user waits out ${describe(m.exits.delay)}` : ''}.`);
    }
    const pause = peg.controls?.pause;
    if (pause && pause.holder !== 'none') out.terms.push({ via: 'control', needs: [this.controlNeed(pause.set, pause.holder, pause.path)], how: `pause the token of peg "${peg.id}" with no end`, paths: [pause.path] });
    else if (!pause && m.governance?.pause && m.governance.pause !== 'none' && peg === (m.pegs.find((p) => p.canonical) ?? m.pegs[0])) {
      out.terms.push({ via: 'control', needs: [this.controlNeed(undefined, m.governance.pause, 'governance.pause')], how: 'pause withdrawals with no end', paths: ['governance.pause'] });
    }
    this.upgradeTerms(pathsForPeg(m, peg).paths, `peg "${peg.id}"`, 'stop withdrawals', out);
    const backing = peg.backedBy?.peg;
    if (backing && !visiting.has(backing)) {
      const b = this.freeze(backing, visiting);
      for (const t of b.terms) out.terms.push({ ...t, behind: { peg: peg.id, path: peg.backedBy!.path } });
    }
    visiting.delete(peg);
    const kept = prune(out);
    this.freezeMemo.set(peg, kept);
    return kept;
  }

  /** A rollup whose proposers stop: withdrawals wait on state that never comes, unless users can self-propose. */
  private proposerFreeze(peg: Peg, out: Compiled): void {
    const fb = this.model.exits?.proposerFallback;
    if (fb === 'self-propose' || fb === 'escape-hatch') {
      out.userConditions.push(`If the proposers stop, users ${fb === 'self-propose' ? 'propose state themselves' : 'withdraw through the escape hatch'}${this.model.exits?.proposerFallbackTimeout ? ` after ${describe(this.model.exits.proposerFallbackTimeout)}` : ''}.`);
      return;
    }
    const proposer = this.proposer();
    const need = blockingNeed(proposer);
    out.terms.push({ via: 'state',
      needs: fb === undefined ? [{ ...need, unknown: [...(need.unknown ?? []), 'exits.proposerFallback'] }] : [need],
      how: `the proposers stop posting state, so withdrawals of peg "${peg.id}" never finalise`,
      paths: [fb === undefined ? 'exits' : 'exits.proposerFallback'],
      condition: fb === 'governance' || fb === 'security-council' ? `${fb === 'governance' ? 'governance' : 'the Security Council'} does not replace them` : undefined,
    });
  }

  // -------------------------------------------------------------------------------------------
  // Censor: keep one user's transactions or withdrawal out.

  censor(): Compiled {
    const out: Compiled = { terms: [], userConditions: [] };
    const m = this.model;
    const f = m.system.family;
    if (f === 'metaprotocol' || f === 'client-side-validation') {
      out.userConditions.push('Bitcoin miners include the user\'s Bitcoin transactions (the chain is ordered by Bitcoin).');
    } else if (f === 'payment-channel') {
      out.userConditions.push('A user whose peers refuse to route or co-sign closes the channel on Bitcoin.');
    } else {
      const producer = this.producer();
      if (producer) {
        const fi = m.exits?.forcedInclusion?.mode;
        if ((fi === 'self-sequence' || fi === 'force-via-l1') && !hasLocalState(m)) {
          out.userConditions.push(`A censored user forces the transaction in through ${fi === 'self-sequence' ? 'their own block or sequencing' : 'Bitcoin or the host chain'}${m.exits?.forcedInclusion?.maxDelay ? ` (within ${describe(m.exits.forcedInclusion.maxDelay)})` : ''}.`);
        } else if (fi === 'enqueue' && !hasLocalState(m)) {
          out.userConditions.push('A censored user enqueues the transaction on the host chain; the operators can delay it but not skip it.');
        } else {
          const need = producer.set.component?.kind === 'miners' ? shareNeed(producer.set, 0.5) : actingNeed(producer.set, undefined, undefined);
          const needs = [need];
          let how = `leave the user's transactions out (${producer.set.name})`;
          if (fi === 'security-council') {
            const council = this.parties.ofRef(m.governance?.securityCouncil ?? this.refOfKind('security-council'), 'security-council', 'governance.securityCouncil');
            needs.push(actingNeed(council));
            how += ', and enough of the Security Council refuse to include them';
          }
          out.terms.push({ via: 'operation', needs: fi === undefined && !hasLocalState(m) ? needs.map((n, i) => (i === 0 ? { ...n, unknown: [...(n.unknown ?? []), 'exits.forcedInclusion'] } : n)) : needs, how, paths: [producer.path] });
          if (hasLocalState(m) && m.exits?.unilateral) out.userConditions.push('A censored user can still leave with their unilateral exit on Bitcoin.');
        }
      }
    }
    // Withdrawals that need signers: enough of them can refuse one user's peg-out.
    const peg = m.pegs.find((p) => p.canonical) ?? m.pegs[0];
    if (peg && !(userHeldCustody(peg) && m.exits?.unilateral !== false) && peg.signers && (peg.custody === undefined || KEY_CUSTODY.includes(peg.custody))) {
      const set = this.parties.ofRef(peg.signers, 'signers', peg.path);
      out.terms.push({ via: 'custody', needs: [blockingNeed(set, peg.threshold, peg.weightedThreshold)], how: `signers of peg "${peg.id}" refuse one user's peg-out`, paths: [peg.path] });
    }
    for (const p of m.pegs) {
      const bl = p.controls?.blacklist;
      if (bl && bl.holder !== 'none') out.terms.push({ via: 'control', needs: [this.controlNeed(bl.set, bl.holder, bl.path)], how: `blacklist a holder of peg "${p.id}"`, paths: [bl.path] });
    }
    if (m.governance?.blacklist && m.governance.blacklist !== 'none') {
      out.terms.push({ via: 'control', needs: [this.controlNeed(undefined, m.governance.blacklist, 'governance.blacklist')], how: 'blacklist a user', paths: ['governance.blacklist'] });
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Halt: stop the system, or withhold the data users need to exit.

  halt(): Compiled {
    const out: Compiled = { terms: [], userConditions: [] };
    const m = this.model;
    const f = m.system.family;
    const fi = m.exits?.forcedInclusion?.mode;
    if (f !== 'payment-channel' && f !== 'metaprotocol' && f !== 'client-side-validation') {
      const producer = this.producer();
      if (producer && !(fi === 'self-sequence') && !producer.set.permissionless) {
        const need = producer.set.component?.kind === 'miners' ? shareNeed(producer.set, 0.5) : blockingNeed(producer.set);
        out.terms.push({ via: 'operation', needs: [need], how: `stop producing blocks (${producer.set.name})`, paths: [producer.path] });
        if (hasLocalState(m) && m.exits?.unilateral) out.userConditions.push('If the operator stops, users leave with their unilateral exit on Bitcoin.');
      }
    }
    const da = m.dataAvailability;
    switch (da?.location) {
      case 'committee': {
        const set = this.parties.ofRef(da.committee, 'da-committee', 'dataAvailability.committee');
        out.terms.push({ via: 'data', needs: [blockingNeed(set)], how: 'the DA committee withholds the data users need to exit', paths: [da.committee?.path ?? 'dataAvailability'] });
        break;
      }
      case 'operator': {
        const producer = this.producer();
        const set = producer?.set ?? this.parties.named('operator', 'dataAvailability.location', { size: 1 });
        out.terms.push({ via: 'data', needs: [{ set, count: 1 }], how: 'the operator withholds the data users need to exit', paths: ['dataAvailability.location'] });
        break;
      }
      case 'none':
        out.terms.push({ via: 'data', needs: [{ set: this.parties.named('anyone holding the data', 'dataAvailability.location', { size: 1 }), count: 1 }], how: 'nobody is bound to keep the data users need to exit', paths: ['dataAvailability.location'] });
        break;
      case 'external-da':
        out.terms.push({ via: 'data', needs: [{ set: this.parties.named('external DA network', 'dataAvailability.location'), count: 1, unknown: ['dataAvailability.location'] }], how: 'the external DA network withholds the data', paths: ['dataAvailability.location'] });
        break;
      case 'self-hosted':
        out.userConditions.push('Each user keeps (and backs up) their own data: losing it can lose the funds.');
        break;
      case undefined:
        // Under review asks for nothing: the location is not "not declared" but not yet rated.
        if (f !== 'payment-channel') out.terms.push({ via: 'data', needs: [{ set: this.parties.named('whoever holds the data', 'dataAvailability', { size: 1 }), count: 1, ...(da?.underReview ? {} : { unknown: ['dataAvailability.location'] }) }], how: da?.underReview ? 'the data users need to exit is withheld (where it lives is under review)' : 'the data users need to exit is withheld (the spec does not say where it lives)', paths: [da ? 'dataAvailability' : 'system'] });
        break;
      default:
        break; // bitcoin, ethereum, alt-consensus: the chain that halts is counted above or is an L1
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------

  /** The set that orders transactions: a sequencer, validators, operators, a federation, miners. */
  private producer(): { set: PartySet; path: string } | undefined {
    const f = this.model.system.family;
    const mined = f === 'merge-mined-sidechain' || f === 'drivechain' ? this.refOfKind('miners') : undefined;
    const ref = mined ?? this.refOfKind('sequencer') ?? this.refOfKind('validators') ?? this.refOfKind('operator') ?? this.refOfKind('federation') ?? this.refOfKind('miners');
    return ref?.component ? { set: this.parties.of(ref.component), path: ref.component.path } : undefined;
  }

  /** The set that posts state: a proposer, else the sequencer, else an operator. */
  private proposer(): PartySet {
    return this.parties.ofRef(this.refOfKind('proposer') ?? this.refOfKind('sequencer') ?? this.refOfKind('operator'), 'proposer', 'components');
  }

  /** The claimed fact behind a permissionless challenger set, as an unknown; undefined when it is not claimed. */
  private claimedOpen(): string[] | undefined {
    const ch = this.model.stateValidation?.challengers;
    const c = claimedAt(this.model, ['stateValidation.challengers', ...(ch?.component ? [`${ch.component.path}.permissionless`] : [])]);
    return c.length ? c : undefined;
  }

  private refOfKind(kind: Component['kind']): SignerSetRef | undefined {
    const c = this.model.components.find((x) => x.kind === kind);
    return c ? { ref: c.id, component: c, path: c.path } : undefined;
  }

  private controlNeed(set: SignerSetRef | undefined, holder: string | undefined, path: string): Need {
    if (set) return actingNeed(this.parties.ofRef(set, 'control holder', path));
    if (holder === 'single-party') return { set: this.parties.named(`single party (${path})`, path, { size: 1 }), count: 1 };
    if (holder === 'security-council' && this.model.governance?.securityCouncil) return actingNeed(this.parties.ofRef(this.model.governance.securityCouncil, 'security-council', path));
    return { set: this.parties.named(`${holder ?? 'holder'} (${path})`, path), count: 1, unknown: [path] };
  }

  /** Users have a way out that does not need the parties being judged. */
  private hasExit(): boolean {
    const e = this.model.exits;
    if (!e) return false;
    if (e.unilateral === true) return true;
    if (e.mechanism === 'none') return false;
    return e.mechanism !== undefined || e.forcedInclusion?.mode === 'self-sequence' || e.forcedInclusion?.mode === 'force-via-l1';
  }
}

/** Where the holders of an upgrade path belong: the v1 council, else the route's `holders`. */
function holderPath(p: UpgradePath): string {
  if (p.path === 'governance.upgradeDelay' || p.path === 'governance.upgradeable' || p.path === 'governance') return 'governance.securityCouncil';
  return `${p.path.replace(/\.delay$/, '')}.holders`;
}

/** Stake slashed for stealing the peg (format 2 `slashedFor`); stake slashed only for double-signing does not secure the peg. */
function slashedForTheft(c: Component | undefined): boolean {
  const s = (c as (Component & { slashedFor?: readonly string[] }) | undefined)?.slashedFor;
  return Array.isArray(s) && s.includes('peg-theft');
}


/** A term whose first need also names `unknown` (facts the coalition rests on that cannot be checked). */
function withUnknown(t: Term, unknown: readonly string[]): Term {
  const [first, ...rest] = t.needs;
  if (!first) return t;
  return { ...t, needs: [{ ...first, unknown: [...new Set([...(first.unknown ?? []), ...unknown])] }, ...rest] };
}

/** `a`, `a.b`, `a.b.c` for `a.b.c`: a claim on a section covers the fields under it. */
function prefixes(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}
