// Words for the trust model, shared by the tier reasons, hover, the CLI and the preview.
import type { Coalition, Coalitions, FailureAnalysis, FailureKind } from './types.js';

/** What each failure means, as a reader searches for it. */
export const FAILURE_WORDS: Record<FailureKind, { verb: string; title: string }> = {
  steal: { verb: 'steal the BTC', title: 'Steal' },
  freeze: { verb: 'freeze withdrawals', title: 'Freeze' },
  censor: { verb: 'censor a user', title: 'Censor' },
  halt: { verb: 'halt the system or withhold exit data', title: 'Halt' },
};

/** "1 organisation" / "11 independent organisations". */
export function entitiesText(n: number): string {
  return n === 1 ? '1 organisation' : `${n} independent organisations`;
}

/**
 * A coalition's size as a reader should take it: "6 independent organisations", or, when the count
 * rests on facts the spec leaves out (members of unknown independence count one each, a set of
 * unknown size counts 1), "6 independent organisations as declared so far".
 */
export function countText(c: Coalition): string {
  return `${entitiesText(c.entities)}${c.unknown?.length ? ' as declared so far' : ''}`;
}

/** "11 of 15 of "functionaries" + 2 of 3 of "emergency-keys"". */
export function membersText(c: Coalition): string {
  return c.members.map((m) => `${m.count}${m.of !== undefined ? ` of ${m.of}` : ''} of "${m.set}"`).join(' + ');
}

/** "11 of 15 of "functionaries" (sign with 11 of the 15 keys), after 4032 blocks, if the coins stay unmoved": a coalition inside a sentence. */
export function coalitionPhrase(c: Coalition): string {
  return `${membersText(c)} (${c.how})${c.after ? `, after ${c.after}` : ''}${c.condition ? `, if ${c.condition}` : ''}`;
}

/** One coalition on one line: members, what they do, when, and what the count rests on. */
export function coalitionText(c: Coalition): string {
  const when = [c.after ? `after ${c.after}` : '', c.condition ? `if ${c.condition}` : ''].filter(Boolean).join(', ');
  const absent = c.unknown?.filter((u) => !u.endsWith(' (claimed)')) ?? [];
  const claimed = c.unknown?.filter((u) => u.endsWith(' (claimed)')) ?? [];
  const unknown = `${absent.length ? ` [not declared: ${absent.join(', ')}]` : ''}${claimed.length ? ` [only claimed: ${claimed.map((u) => u.slice(0, -' (claimed)'.length)).join(', ')}]` : ''}`;
  return `${countText(c)}: ${membersText(c)} — ${c.how}${when ? ` (${when})` : ''}${unknown}`;
}

/** "Freezing withdrawals needs 7 independent organisations: …" or "No coalition of others can …". */
export function describeFailure(kind: FailureKind, f: FailureAnalysis): string {
  const verb = FAILURE_WORDS[kind].verb;
  if (f.minEntities === null) {
    return `No coalition of others can ${verb}.${f.userConditions.length ? ` What users must do themselves: ${f.userConditions.join(' ')}` : ''}`;
  }
  const c = f.coalitions[0]!;
  return `To ${verb} takes ${countText(c)}: ${coalitionText(c).replace(/^[^:]*: /, '')}${f.approximate ? ' (search bounded: a smaller coalition may exist)' : ''}.`;
}

/** For a hover on a set: the failures in whose smallest coalitions it takes part ("can steal with 10 others"). */
export function roleOfSet(set: string, coalitions: Coalitions): string[] {
  const out: string[] = [];
  for (const kind of ['steal', 'freeze', 'censor', 'halt'] as const) {
    const f = coalitions[kind];
    const c = f.coalitions.find((x) => x.members.some((m) => m.set === set));
    if (!c) continue;
    const m = c.members.find((x) => x.set === set)!;
    const rest = c.members.filter((x) => x.set !== set).map((x) => `${x.count} of "${x.set}"`);
    out.push(`${m.count}${m.of !== undefined ? ` of its ${m.of}` : ''} member${m.count === 1 ? '' : 's'}${rest.length ? `, with ${rest.join(' and ')},` : ''} can ${FAILURE_WORDS[kind].verb} (${entitiesText(c.entities)} in all${c.unknown?.length ? ', as declared so far' : ''}${c.after ? `, after ${c.after}` : ''}${c.condition ? `, if ${c.condition}` : ''})`);
  }
  return out;
}
