// "Who must collude" in the CLI's formats: the trust model's answer (engine/trust) per file as
// JSON (a public contract, see README), SARIF run properties, a short text section and a Markdown
// section. Kept apart from report.ts so the other output formats change independently.
// Every string here may quote spec text (set names, peg ids): the caller's escaping applies
// (terminalSafe for text, markdownText for Markdown); JSON and SARIF carry it as data.
import type { AnalysisResult } from '../engine/index.js';
import { coalitionChangeText, type AnalysisDiff } from '../engine/review/diff.js';
import { coalitionText, countText, entitiesText, FAILURE_WORDS, membersText } from '../engine/trust/describe.js';
import { FAILURE_KINDS, type Coalition, type Coalitions, type FailureAnalysis, type FailureKind } from '../engine/trust/types.js';
import { markdownText } from './escape.js';

// ---------- JSON ----------

/**
 * Longest `how` kept in JSON and SARIF. The engine's `how` of a coalition reached through a
 * `backedBy` chain names every peg of the chain, so a chain of n pegs would print n² words; the
 * start (what the coalition does, and to which peg) and the end (the peg it reaches) are kept.
 */
export const MAX_HOW = 300;

/** `text` with its middle elided to at most `max` characters ("start … end"). */
export function elide(text: string, max = MAX_HOW): string {
  if (text.length <= max) return text;
  const tail = Math.floor(max / 3);
  return `${text.slice(0, max - tail - 3)} … ${text.slice(text.length - tail)}`;
}

/** One coalition in the JSON contract: `entities`, `via`, `members` (`set`, `count`, `of` when known), `after`, `condition`, `how`, `unknown`. */
export interface JsonCoalition {
  entities: number;
  /** What it acts through: custody, emergency, upgrade, state, control, operation or data. */
  via: string;
  members: { set: string; count: number; of?: number }[];
  after?: string;
  condition?: string;
  /** What the coalition does, in words; beyond MAX_HOW characters its middle is elided. */
  how: string;
  unknown?: string[];
}

/** One failure in the JSON contract; `minEntities` is null when no coalition can cause it. */
export interface JsonFailure {
  minEntities: number | null;
  coalitions: JsonCoalition[];
  userConditions: string[];
  approximate?: true;
}

export type JsonCoalitions = Record<FailureKind, JsonFailure>;

/**
 * The trust model's coalitions as the JSON output carries them (per file and per peg), field by
 * field, so the contract does not follow the engine's internals (spec paths are left out).
 */
export function coalitionsJson(c: Coalitions): JsonCoalitions {
  const failure = (f: FailureAnalysis): JsonFailure => ({
    minEntities: f.minEntities,
    coalitions: f.coalitions.map((x) => ({
      entities: x.entities,
      via: x.via,
      members: x.members.map((m) => ({ set: m.set, count: m.count, ...(m.of !== undefined ? { of: m.of } : {}) })),
      ...(x.after !== undefined ? { after: x.after } : {}),
      ...(x.condition !== undefined ? { condition: x.condition } : {}),
      how: elide(x.how),
      ...(x.unknown?.length ? { unknown: [...x.unknown] } : {}),
    })),
    userConditions: [...f.userConditions],
    ...(f.approximate ? { approximate: true as const } : {}),
  });
  return Object.fromEntries(FAILURE_KINDS.map((k) => [k, failure(c[k])])) as JsonCoalitions;
}

/** SARIF run properties of one file: the link to Bitcoin and the smallest coalition per failure, file-wide and per peg. */
export function coalitionsSarif(result: AnalysisResult): Record<string, unknown> | undefined {
  const { coalitions, link, pegs } = result.assessment;
  if (!coalitions) return undefined;
  const brief = (c: Coalitions) => Object.fromEntries(FAILURE_KINDS.map((k) => [k, {
    minEntities: c[k].minEntities,
    ...(c[k].coalitions[0] ? { smallest: coalitionText({ ...c[k].coalitions[0]!, how: elide(c[k].coalitions[0]!.how) }) } : {}),
    ...(c[k].userConditions.length ? { userConditions: [...c[k].userConditions] } : {}),
    ...(c[k].approximate ? { approximate: true } : {}),
  }]));
  return {
    ...(link ? { bitcoinLink: link.value } : {}),
    coalitions: brief(coalitions),
    pegCoalitions: (pegs ?? []).filter((p) => p.coalitions).map((p) => ({ id: p.id, canonical: p.canonical, steal: p.coalitions!.steal.minEntities, freeze: p.coalitions!.freeze.minEntities })),
  };
}

// ---------- text and Markdown ----------

/** Longest user condition or coalition line kept in the short section; the JSON has the rest. */
const MAX_LINE = 240;
const clip = (s: string) => (s.length > MAX_LINE ? `${s.slice(0, MAX_LINE - 1)}…` : s);

/** The facts a failure's coalitions rest on that the spec does not give (deduplicated, in order). */
function unknownFacts(f: FailureAnalysis): string[] {
  return [...new Set(f.coalitions.flatMap((c) => c.unknown ?? []))];
}

/** The when of a coalition: "after 4032 blocks, if the coins stay unmoved", or ''. */
function whenText(c: Coalition): string {
  return [c.after ? `after ${c.after}` : '', c.condition ? `if ${c.condition}` : ''].filter(Boolean).join(', ');
}

/** One failure, as the short section says it: a headline and detail lines (plain text, spec text not yet escaped). */
export interface FailureLines {
  kind: FailureKind;
  /** "steal the BTC: 1 organisation" or "freeze withdrawals: no coalition of others can". */
  head: string;
  /** The smallest coalition: members, what they do, when. */
  smallest?: string;
  /** How many other coalitions the JSON lists besides (the same size or larger). */
  others: number;
  userConditions: string[];
  unknown: string[];
  approximate: boolean;
}

/** The short section's content per failure (shared by text and Markdown). */
export function failureLines(c: Coalitions): FailureLines[] {
  return FAILURE_KINDS.map((kind) => {
    const f = c[kind];
    const first = f.coalitions[0];
    const when = first ? whenText(first) : '';
    return {
      kind,
      head: `${FAILURE_WORDS[kind].verb}: ${f.minEntities === null || !f.coalitions[0] ? 'no coalition of others can' : countText(f.coalitions[0])}`,
      ...(first ? { smallest: clip(`${membersText(first)} — ${elide(first.how, 160)}${when ? ` (${when})` : ''}`) } : {}),
      others: Math.max(0, f.coalitions.length - 1),
      userConditions: f.userConditions.map(clip),
      unknown: unknownFacts(f),
      approximate: Boolean(f.approximate),
    };
  });
}

/** Pegs other than the file-wide one whose steal or freeze answer differs, one short line each. */
function otherPegs(result: AnalysisResult): { id: string; text: string }[] {
  const file = result.assessment.coalitions;
  const w = (n: number | null) => (n === null ? 'nobody' : entitiesText(n));
  return (result.assessment.pegs ?? [])
    .filter((p) => !p.canonical && p.coalitions && file && (p.coalitions.steal.minEntities !== file.steal.minEntities || p.coalitions.freeze.minEntities !== file.freeze.minEntities))
    .map((p) => ({ id: p.id, text: `steal ${w(p.coalitions!.steal.minEntities)} · freeze ${w(p.coalitions!.freeze.minEntities)}` }));
}

/**
 * The text section (indented two spaces like the rest of a file's summary), or [] for a result
 * without a trust model. Lines are unescaped: the caller passes them through terminalSafe.
 */
export function colludeText(result: AnalysisResult): string[] {
  const c = result.assessment.coalitions;
  if (!c) return [];
  const link = result.assessment.link;
  const out = [`  Who must collude${link ? ` (users' claims reach Bitcoin: ${link.value === 'script' ? 'script-enforced' : link.value === 'anchored' ? 'anchored' : 'not at all'})` : ''}`];
  for (const f of failureLines(c)) {
    out.push(`    ${f.head}${f.approximate ? ' (search bounded: a smaller coalition may exist)' : ''}`);
    if (f.smallest) out.push(`      ${f.smallest}${f.others ? ` (+${f.others} more in --format json)` : ''}`);
    for (const u of f.userConditions) out.push(`      users must: ${u}`);
    if (f.unknown.length) out.push(`      not declared: ${f.unknown.join(', ')}`);
  }
  for (const p of otherPegs(result)) out.push(`    peg ${p.id}: ${p.text}`);
  return out;
}

/** The Markdown section (a heading and a table), spec text escaped; [] without a trust model. */
export function colludeMarkdown(result: AnalysisResult): string[] {
  const c = result.assessment.coalitions;
  if (!c) return [];
  const md = markdownText;
  const link = result.assessment.link;
  const out = ['', '#### Who must collude', ''];
  if (link) out.push(`How users' claims reach Bitcoin: **${link.value}** — ${md(link.why)}`, '');
  out.push('| Failure | Entities | Smallest coalition, and when | Users must | Not declared |', '|---|---:|---|---|---|');
  for (const f of failureLines(c)) {
    const size = c[f.kind].minEntities === null ? 'none' : String(c[f.kind].minEntities) + (f.approximate ? ' (bounded)' : '');
    const who = f.smallest ? `${md(f.smallest)}${f.others ? ` (+${f.others} more)` : ''}` : '—';
    out.push(`| ${FAILURE_WORDS[f.kind].title} | ${size} | ${who} | ${f.userConditions.map(md).join('<br>') || '—'} | ${f.unknown.map(md).join(', ') || '—'} |`);
  }
  const pegs = otherPegs(result);
  if (pegs.length) {
    out.push('');
    for (const p of pegs) out.push(`- Peg ${md(p.id)}: ${md(p.text)}`);
  }
  return out;
}

// ---------- l2spec diff ----------

const ARROW: Record<'better' | 'worse', string> = { better: '▲', worse: '▼' };

/**
 * The diff's coalition changes as text lines ("  coalitions  steal: 11 → 3 entities ▼"), file-wide
 * first, then per peg. Unescaped: the diff's text output passes every line through terminalSafe.
 */
export function coalitionDiffText(d: AnalysisDiff): string[] {
  return (d.coalitions ?? []).map((c) => `  coalitions  ${coalitionChangeText(c)} ${ARROW[c.direction]}`);
}

/** The diff's coalition changes as a Markdown list under "Who must collude" (peg ids escaped); [] when none changed. */
export function coalitionDiffMarkdown(d: AnalysisDiff): string[] {
  const changes = d.coalitions ?? [];
  if (!changes.length) return [];
  const out = ['**Who must collude** (entities in the smallest coalition; fewer is weaker)', ''];
  const w = (n: number | null) => (n === null ? 'none' : String(n));
  // Only the peg id is spec text; the rest is ours, written as coalitionChangeText writes it.
  for (const c of changes) out.push(`- ${c.failure}${c.peg !== undefined ? ` (peg ${markdownText(c.peg)})` : ''}: ${w(c.old)} → ${w(c.new)} entities ${ARROW[c.direction]}${c.direction === 'worse' ? ' **regression**' : ''}`);
  out.push('');
  return out;
}
