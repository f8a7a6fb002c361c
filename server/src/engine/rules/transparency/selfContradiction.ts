import type { Component, CustodyHop, Peg, SignerSetRef, Threshold, WeightedThreshold } from '../../model.js';
import type { Report, Rule, RuleContext } from '../../types.js';
import { setName } from '../support.js';

/**
 * Two facts of one spec that cannot both be true: a peg's threshold and its signer set's, the
 * operators-disclosed flag and a set's publiclyKnown, a set with more external members than
 * members, a unilateral exit denied by its own mechanism. Each contradiction is reported on both
 * places, each pointing at the other, because either may be the wrong one.
 */
export const rule: Rule = {
  meta: {
    id: 'L2S-TRN-006',
    title: 'The spec contradicts itself',
    axis: 'transparency',
    severity: 'high',
    rationale: 'Funds can be stolen or frozen under different rules than a reader believes when two parts of the design disagree: the ratings read one of the two facts, and a reviewer may read the other.',
    criterion: { framework: 'Bitcoin Layers', criterion: 'A review rates a design from one consistent set of facts (a peg\'s signers, their threshold, their disclosure); a fact stated two ways cannot be checked, and a review marks what it cannot check "Unverified" rather than picking one.' },
    remediation: 'Decide which of the two facts is true and make the other agree (or remove it); the finding appears on both places until they do.',
  },
  check(ctx) {
    const m = ctx.model;
    for (const peg of m.pegs) {
      thresholds(ctx, `Peg "${peg.id}"`, peg.path, peg, peg.signers);
      peg.hops?.forEach((hop: CustodyHop, j) => thresholds(ctx, `Hop ${j + 2} of peg "${peg.id}"`, hop.path, hop, hop.signers));
    }
    disclosure(ctx);
    for (const c of m.components) {
      if (c.external !== undefined && c.operators !== undefined && c.external > c.operators) {
        both(ctx,
          { path: `${c.path}.external`, message: `${setName(c, 'A set')} declares ${c.external} external members but only ${c.operators} members in all (operators: ${c.operators}).` },
          { path: `${c.path}.operators`, message: `${setName(c, 'A set')} declares ${c.operators} members, fewer than the ${c.external} it calls external.` });
      }
      // operatedBy: builder says every member is the builder's (docs/spec-format.md: like external: 0).
      if (c.operatedBy === 'builder' && c.external !== undefined && c.external > 0) {
        both(ctx,
          { path: `${c.path}.operatedBy`, message: `${setName(c, 'A set')} is run by the builder (operatedBy: builder), so none of its members is external, but it declares external: ${c.external}; the ratings read operatedBy.` },
          { path: `${c.path}.external`, message: `${setName(c, 'A set')} declares ${c.external} external members, but operatedBy: builder says every member is the builder's.` });
      }
    }
    councilScope(ctx);
    const exits = m.exits;
    const unilateralMechanisms = ['force-close', 'unilateral-vtxo-exit', 'statechain-backup-tx'];
    if (exits?.unilateral === false && exits.mechanism && unilateralMechanisms.includes(exits.mechanism)) {
      both(ctx,
        { path: 'exits.unilateral', message: `The spec says users cannot exit unilaterally, but its exit mechanism (${exits.mechanism}) is one users run alone.` },
        { path: 'exits.mechanism', message: `The exit mechanism ${exits.mechanism} is one users run alone, but the spec says exits are not unilateral (exits.unilateral: false).` });
    }
  },
};

/**
 * `councilScope: provable-bugs` says the council may only fix bugs proven on chain, but one of the
 * council's upgrade paths declares `scope: any`. The stage takes the path at its word (L2BEAT
 * Stage 2 asks 30 days for every upgrade not limited to provable bugs).
 */
function councilScope(ctx: RuleContext): void {
  const g = ctx.model.governance;
  const council = g?.securityCouncil?.component;
  if (g?.councilScope !== 'provable-bugs' || !council) return;
  const routes = [...(g.upgradePaths ?? []), ...ctx.model.pegs.flatMap((p) => (p.upgrade?.emergency ? [p.upgrade.emergency] : []))];
  const clashing = routes.filter((r) => r.scope === 'any' && r.holders.some((h) => h.component === council));
  if (!clashing.length) return;
  const nameOf = (r: (typeof routes)[number]) => (r.id ? `upgrade path "${r.id}"` : `the upgrade path at ${r.path}`);
  // One finding at councilScope naming every clashing path, and one on each path's scope.
  ctx.report({
    path: 'governance.councilScope',
    message: `The spec limits the security council ${setName(council, '')} to bugs proven on chain (councilScope: provable-bugs), but ${clashing.map(nameOf).join(', ')}, which it holds, ${clashing.length === 1 ? 'declares' : 'declare'} scope: any; the ratings read each path's own scope.`,
    related: clashing.map((r) => ({ path: `${r.path}.scope`, message: 'the contradicting fact' })),
  });
  for (const r of clashing) {
    const name = nameOf(r);
    ctx.report({
      path: `${r.path}.scope`,
      message: `${name.charAt(0).toUpperCase()}${name.slice(1)} is held by the security council ${setName(council, '')} and declares scope: any, but governance.councilScope says the council may only fix bugs proven on chain.`,
      related: [{ path: 'governance.councilScope', message: 'the contradicting fact' }],
    });
  }
}

/** Reports a contradiction at both places, each pointing at the other. */
function both(ctx: RuleContext, a: Report, b: Report): void {
  ctx.report({ ...a, related: [{ path: b.path, message: 'the contradicting fact' }] });
  ctx.report({ ...b, related: [{ path: a.path, message: 'the contradicting fact' }] });
}

/** A peg (or hop) and its signer set each give a threshold, and they differ. */
function thresholds(ctx: RuleContext, who: string, at: string, h: { threshold?: Threshold; weightedThreshold?: WeightedThreshold }, signers: SignerSetRef | undefined): void {
  const set: Component | undefined = signers?.component;
  if (!set || signers?.ref === undefined) return; // an inline set is the peg's own: one place only
  const name = setName(set);
  if (h.threshold && set.threshold && (h.threshold.m !== set.threshold.m || h.threshold.n !== set.threshold.n)) {
    both(ctx,
      { path: `${at}.threshold`, message: `${who} releases BTC with ${h.threshold.text}, but its signer set ${name} declares ${set.threshold.text}.` },
      { path: `${set.path}.threshold`, message: `${name} declares ${set.threshold.text}, but ${who.charAt(0).toLowerCase()}${who.slice(1)}, which it signs for, says ${h.threshold.text}.` });
  }
  const pw = h.weightedThreshold;
  const sw = set.weightedThreshold;
  if (pw && sw && (Math.abs(pw.fraction - sw.fraction) > 1e-9 || pw.basis !== sw.basis)) {
    both(ctx,
      { path: `${at}.threshold`, message: `${who} releases BTC with ${pw.text}, but its signer set ${name} declares ${sw.text}.` },
      { path: `${set.path}.threshold`, message: `${name} declares ${sw.text}, but ${who.charAt(0).toLowerCase()}${who.slice(1)} says ${pw.text}.` });
  }
}

/** transparency.operatorsDisclosed against the sets' own publiclyKnown. */
function disclosure(ctx: RuleContext): void {
  const m = ctx.model;
  const flag = m.transparency?.operatorsDisclosed;
  if (flag === undefined) return;
  const contradicting = m.components.filter((c) => (flag === false ? c.publiclyKnown === 'all' : c.publiclyKnown === 'none') && c.kind !== 'users' && c.permissionless !== true);
  if (contradicting.length === 0) return;
  const names = contradicting.map((c) => setName(c, 'a set')).join(', ');
  ctx.report({
    path: 'transparency.operatorsDisclosed',
    message: flag === false
      ? `The spec says the operators are not disclosed (operatorsDisclosed: false), but ${names} declare${contradicting.length === 1 ? 's' : ''} every member publicly known.`
      : `The spec says the operators are disclosed (operatorsDisclosed: true), but ${names} declare${contradicting.length === 1 ? 's' : ''} no member publicly known.`,
    related: contradicting.map((c) => ({ path: `${c.path}.publiclyKnown`, message: 'the contradicting fact' })),
  });
  for (const c of contradicting) {
    ctx.report({
      path: `${c.path}.publiclyKnown`,
      message: `${setName(c, 'This set')} declares publiclyKnown: ${c.publiclyKnown}, but the spec says operatorsDisclosed: ${flag}.`,
      related: [{ path: 'transparency.operatorsDisclosed', message: 'the contradicting fact' }],
    });
  }
}
