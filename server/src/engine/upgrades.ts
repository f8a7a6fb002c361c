// Every way a design can be upgraded, enumerated once. The ratings (assess/) and the trust rules
// (rules/) both read this list, so a path the format can express is never seen by one and missed
// by the other. Each side words and filters the paths for its own purpose.
import type { Duration, Peg, SignerSetRef, SpecModel, UpgradeRoute } from './model.js';

/** One upgrade path, with who must sign it and the delay before it takes effect. */
export interface DeclaredUpgrade {
  /** `system`: governance (v1 `upgradeDelay` or format 2 `upgradePaths`); `peg`: one peg's own. */
  owner: 'system' | 'peg';
  /** Spec path of the route (`governance`, `governance.upgradePaths.0`, `pegs.0.upgrade`, `pegs.0.upgrade.emergency`). */
  routePath: string;
  /** Spec path where the delay is written, or belongs. */
  delayPath: string;
  /** Undefined when the spec gives no delay. */
  delay?: Duration;
  /** Everyone who must sign (a two-party sign-off lists two); empty when the spec does not say. */
  holders: SignerSetRef[];
  kind?: 'regular' | 'emergency';
  /** `provable-bugs`: may only fix bugs proven on chain (L2BEAT Stage 2). */
  scope?: 'any' | 'provable-bugs';
  /** The route's id (format 2) or kind, for messages. */
  name?: string;
  /** True for the v1 shape (`governance.upgradeDelay`, read as the security council's path). */
  legacy?: boolean;
  peg?: Peg;
}

function fromRoute(r: UpgradeRoute, owner: DeclaredUpgrade['owner'], name: string, peg?: Peg): DeclaredUpgrade {
  return { owner, routePath: r.path, delayPath: `${r.path}.delay`, delay: r.delay, holders: r.holders, kind: r.kind, scope: r.scope, name, peg };
}

/**
 * The system-wide paths: format 2's `governance.upgradePaths`, else the v1 shape — one path with
 * `upgradeDelay` when `upgradeable: true` or a delay is written, held by `securityCouncil` when one
 * is declared. Nothing when `upgradeable: false`.
 */
export function systemUpgrades(model: SpecModel): DeclaredUpgrade[] {
  const g = model.governance;
  if (!g || g.upgradeable === false) return [];
  if (g.upgradePaths?.length) return g.upgradePaths.map((r, i) => fromRoute(r, 'system', String(r.id ?? r.kind ?? i + 1)));
  // A delay written in a form l2spec cannot read still says the system is upgradeable.
  if (g.upgradeable !== true && !g.upgradeDelay && !model.unreadable?.has('governance.upgradeDelay')) return [];
  return [{
    owner: 'system', routePath: 'governance', delayPath: 'governance.upgradeDelay', delay: g.upgradeDelay,
    holders: g.securityCouncil ? [g.securityCouncil] : [], legacy: true,
  }];
}

/** One peg's own paths: its `upgrade` (unless `authority: none`) and its `upgrade.emergency`. */
export function pegUpgrades(peg: Peg): DeclaredUpgrade[] {
  const up = peg.upgrade;
  if (!up) return [];
  const out: DeclaredUpgrade[] = [];
  if (up.authority !== 'none') {
    out.push({
      owner: 'peg', routePath: `${peg.path}.upgrade`, delayPath: `${peg.path}.upgrade.delay`, delay: up.delay,
      holders: up.authority ? [up.authority] : [], kind: up.emergency ? 'regular' : undefined, peg,
    });
  }
  if (up.emergency) out.push({ ...fromRoute(up.emergency, 'peg', 'emergency', peg), kind: 'emergency' });
  return out;
}
