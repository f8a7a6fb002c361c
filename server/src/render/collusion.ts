// "Who must collude" for the preview: the trust model's answer per failure (engine/trust), as plain
// JSON for the snapshot, with the diagram elements each coalition stands on so the webview can
// highlight its parties (component boxes) and paths (edges). Every sentence is normalised like the
// rest of the snapshot; the webview places it with text nodes only.
import type { SpecModel } from '../engine/model.js';
import { FAILURE_KINDS, LINK_WORDS, trustModel, type BitcoinLink, type Coalition, type FailureKind } from '../engine/trust/index.js';
import { describeFailure, FAILURE_WORDS } from '../engine/trust/describe.js';
import { nodeForPath, type Diagram } from './layout.js';
import { normalise } from './text.js';

/** One coalition as the panel lists it. */
export interface SnapshotCoalition {
  /** Independent organisations that must act together. */
  entities: number;
  /** "11 of 15 of "functionaries"", with the diagram box of the set when there is one. */
  members: { set: string; count: number; of?: number; text: string; elementId?: string }[];
  /** What the coalition does, in words. */
  how: string;
  /** "after 4032 blocks", "if the coins stay unmoved that long" (each absent when unconditional). */
  after?: string;
  condition?: string;
  /** Facts the count rests on that the spec does not give ("components.1.operators"). */
  unknown: string[];
  /** Diagram boxes of the parties (the members' sets), in member order, each once. */
  partyIds: string[];
  /** Diagram elements of the facts the coalition rests on (the peg, its custody and upgrade lines). */
  pathIds: string[];
}

/** One failure: the smallest coalition in entities and the few smallest coalitions. */
export interface SnapshotFailure {
  kind: FailureKind;
  /** "Steal", "Freeze", "Censor", "Halt". */
  title: string;
  /** The one-line answer ("To steal the BTC takes 5 independent organisations: …"). */
  summary: string;
  /** Null when no coalition of others can cause it. */
  minEntities: number | null;
  coalitions: SnapshotCoalition[];
  /** What users must do for the failure not to happen (watch the channel, renew VTXOs). */
  userConditions: string[];
  /** The search stopped at its bound: a smaller coalition may exist. */
  approximate: boolean;
}

export interface SnapshotCollusion {
  /** How users' claims reach Bitcoin, in words. */
  link: { value: BitcoinLink; text: string };
  failures: SnapshotFailure[];
}

/** The panel's data for a model laid out as `diagram`. */
export function snapshotCollusion(model: SpecModel, diagram: Diagram): SnapshotCollusion {
  const tm = trustModel(model);
  const nodeOf = (path: string | undefined) => (path === undefined ? undefined : nodeForPath(diagram.nodes, path)?.id);
  const coalition = (c: Coalition): SnapshotCoalition => {
    const members = c.members.map((m) => ({
      set: normalise(m.set), count: m.count, ...(m.of !== undefined ? { of: m.of } : {}),
      text: normalise(`${m.count}${m.of !== undefined ? ` of ${m.of}` : ''} of "${m.set}"`),
      ...(nodeOf(m.path) ? { elementId: nodeOf(m.path) } : {}),
    }));
    const partyIds = [...new Set(members.flatMap((m) => (m.elementId ? [m.elementId] : [])))];
    const on = (p: string, q: string) => p === q || p.startsWith(`${q}.`) || q.startsWith(`${p}.`);
    const pathIds = new Set<string>();
    for (const p of c.paths) {
      const n = nodeOf(p);
      if (n && !partyIds.includes(n)) pathIds.add(n);
      for (const e of diagram.edges) if (e.path && on(e.path, p)) pathIds.add(e.id);
    }
    return {
      entities: c.entities, members, how: normalise(c.how),
      ...(c.after ? { after: normalise(c.after) } : {}),
      ...(c.condition ? { condition: normalise(c.condition) } : {}),
      unknown: (c.unknown ?? []).map(normalise),
      partyIds, pathIds: [...pathIds],
    };
  };
  return {
    link: { value: tm.link.value, text: normalise(`Users' claims are ${LINK_WORDS[tm.link.value]}: ${tm.link.why}`) },
    failures: FAILURE_KINDS.map((kind): SnapshotFailure => {
      const f = tm.coalitions[kind];
      return {
        kind, title: FAILURE_WORDS[kind].title, summary: normalise(describeFailure(kind, f)), minEntities: f.minEntities,
        coalitions: f.coalitions.map(coalition), userConditions: f.userConditions.map(normalise), approximate: f.approximate === true,
      };
    }),
  };
}
