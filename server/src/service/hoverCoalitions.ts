// Hover: which of the trust model's coalitions a set of parties belongs to ("11 of its 15 members
// can steal the BTC (11 independent organisations in all)"), and who must collude for a peg
// (docs/assessment.md, "Who must collude"). Every string that may quote spec text (set names, peg
// ids, conditions) is escaped; each section is bounded in lines and characters.
import type { AnalysisResult, Component, SignerSetRef } from '../engine/index.js';
import { describeFailure, entitiesText, roleOfSet } from '../engine/trust/describe.js';
import { FAILURE_KINDS, type Coalitions } from '../engine/trust/types.js';
import { escapeMarkdown } from './markdown.js';

/** Role lines shown at most; the preview's "Who must collude" panel lists everything. */
export const MAX_ROLE_LINES = 6;
/** Longest line kept (before escaping). */
export const MAX_ROLE_CHARS = 300;

const clip = (s: string) => (s.length > MAX_ROLE_CHARS ? `${s.slice(0, MAX_ROLE_CHARS - 1)}…` : s);

/** The name the trust model gives a set (engine/trust/parties.ts): the component id, else its name, else its path. */
function setName(c: Component): string {
  return c.id || c.name || c.path;
}

function refName(ref: SignerSetRef | undefined): string | undefined {
  return ref?.component ? setName(ref.component) : ref?.ref;
}

/** Every set a spec defines, inline ones included, with the path it is defined at. */
function sets(result: AnalysisResult): { path: string; name: string }[] {
  const model = result.model;
  if (!model) return [];
  const out = model.components.map((c) => ({ path: c.path, name: setName(c) }));
  const inline = (ref: SignerSetRef | undefined) => {
    if (ref?.component && ref.ref === undefined) out.push({ path: ref.component.path, name: setName(ref.component) });
  };
  for (const p of model.pegs) {
    inline(p.signers);
    if (p.emergencyRecovery && p.emergencyRecovery !== 'none') inline(p.emergencyRecovery.signers);
  }
  return out;
}

/** "Smallest coalitions: steal 1 · freeze 6 · censor 5 · halt 1 (independent organisations)." */
function smallestLine(c: Coalitions): string {
  return `Smallest coalitions (independent organisations): ${FAILURE_KINDS.map((k) => `${k} ${c[k].minEntities ?? 'none'}`).join(' · ')}.`;
}

/**
 * The roles of one set in the file's coalitions and in each other peg's, as Markdown, or
 * undefined when the result has no trust model. A set in no listed coalition says so.
 */
export function setRolesMarkdown(result: AnalysisResult | undefined, set: string): string | undefined {
  const file = result?.assessment.coalitions;
  if (!result || !file) return undefined;
  const lines: string[] = roleOfSet(set, file);
  for (const p of result.assessment.pegs ?? []) {
    if (p.canonical || !p.coalitions) continue;
    for (const r of roleOfSet(set, p.coalitions)) lines.push(`for peg "${p.id}": ${r}`);
  }
  const unique = [...new Set(lines)];
  const head = `**Who must collude** — ${escapeMarkdown(`"${set}"`)}`;
  if (!unique.length) return `${head}\n\nIn none of the smallest coalitions that can steal, freeze, censor or halt. ${smallestLine(file)}`;
  const shown = unique.slice(0, MAX_ROLE_LINES).map((l) => `- ${escapeMarkdown(clip(l))}`);
  if (unique.length > shown.length) shown.push(`- … ${unique.length - shown.length} more in the preview`);
  return `${head}\n\n${shown.join('\n')}\n\n${smallestLine(file)}`;
}

/**
 * The set a hovered value belongs to: a component's own fields (`components.<i>.id|kind|threshold|…`),
 * an inline set's fields, a peg's `threshold` (its signers) or `emergencyRecovery.threshold`
 * (the emergency keys), or a reference value naming a component.
 */
export function setAt(result: AnalysisResult | undefined, path: string, value: unknown, isReference: boolean): string | undefined {
  const model = result?.model;
  if (!model || !result) return undefined;
  if (isReference && typeof value === 'string' && model.componentsById.has(value)) return setName(model.componentsById.get(value)!);
  const peg = /^(pegs\.\d+)\.(threshold|weightedThreshold|emergencyRecovery\.threshold)$/.exec(path);
  if (peg) {
    const p = model.pegs.find((x) => x.path === peg[1]);
    if (!p) return undefined;
    return peg[2] === 'emergencyRecovery.threshold' ? (p.emergencyRecovery && p.emergencyRecovery !== 'none' ? refName(p.emergencyRecovery.signers) : undefined) : refName(p.signers);
  }
  // The innermost set whose definition holds the value (not its nested lists' items).
  const own = sets(result).filter((s) => path.startsWith(`${s.path}.`) && /^[A-Za-z]+$/.test(path.slice(s.path.length + 1)));
  return own.sort((a, b) => b.path.length - a.path.length)[0]?.name;
}

/** On a peg's `id` or `custody`: who must collude to steal its BTC or freeze its withdrawals. */
export function pegCoalitionsMarkdown(result: AnalysisResult | undefined, path: string): string | undefined {
  const m = /^(pegs\.\d+)\.(id|custody)$/.exec(path);
  const peg = m ? result?.assessment.pegs?.find((p) => p.path === m[1]) : undefined;
  if (!peg?.coalitions) return undefined;
  const lines = (['steal', 'freeze'] as const).map((k) => `- ${escapeMarkdown(clip(describeFailure(k, peg.coalitions![k])))}`);
  const more = peg.coalitions.steal.coalitions.length - 1;
  if (more > 0) lines.push(`- ${more} other coalition${more === 1 ? '' : 's'} can also steal (the next needs ${escapeMarkdown(entitiesText(peg.coalitions.steal.coalitions[1]!.entities))}).`);
  return `**Who must collude for this peg**\n\n${lines.join('\n')}`;
}
