// Hover: what the finding under the cursor means and how to fix it, what a key documents
// (schema), what a value means (enum description, threshold arithmetic, duration against the
// frameworks' floors, the component a reference points at) and the glossary entry behind it.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue, CONTROL_HOLDERS, type AnalysisResult, type Component, type Finding } from '../engine/index.js';
import { glossaryMarkdown, lookupGlossary } from '../engine/glossary.js';
import { visibleFindings } from './diagnostics.js';
import { escapeMarkdown, markdownCode } from './markdown.js';
import { enumDescription, fieldDoc, schemaAt } from './schema.js';
import { explainDuration, explainThreshold, explainWeightedThreshold } from './values.js';
import { pegCoalitionsMarkdown, setAt, setRolesMarkdown } from './hoverCoalitions.js';
import { componentReferences, isReferencePath, nodeAt, toRange, type YamlIndex } from './specIndex.js';

export interface HoverOptions {
  suppressSchemaDiagnostics?: boolean;
}

const RULE = '\n\n---\n\n';

export function findingMarkdown(f: Finding): string {
  const meta = catalogue.get(f.ruleId);
  const head = `**${f.ruleId}** · ${f.severity}${meta ? ` · ${meta.title}` : ''}`;
  // The message quotes spec text: all of it is escaped (engine messages are plain text, never markdown).
  const parts = [head, escapeMarkdown(f.message)];
  if (meta) {
    parts.push(`*Why it matters:* ${meta.rationale}`);
    parts.push(`*How to fix:* ${meta.remediation}`);
    parts.push(`*${meta.criterion.framework}:* ${meta.criterion.criterion}`);
  }
  if (f.fix) parts.push(`Quick fix available: ${escapeMarkdown(f.fix.title)}.`);
  return parts.join('\n\n');
}

function contains(range: Finding['range'], pos: Position): boolean {
  const { start, end } = range;
  if (pos.line < start.line || pos.line > end.line) return false;
  if (pos.line === start.line && pos.character < start.character) return false;
  if (pos.line === end.line && pos.character > end.character) return false;
  return true;
}

function componentSummary(c: Component): string {
  const facts: string[] = [`kind ${markdownCode(c.kind)}`];
  if (c.operators !== undefined) facts.push(`${c.operators} member${c.operators === 1 ? '' : 's'}`);
  // The threshold text is rebuilt from two integers by parseThreshold: no spec text reaches it.
  if (c.threshold) facts.push(`threshold ${c.threshold.text}`);
  if (c.external !== undefined) facts.push(`${c.external} external`);
  if (c.publiclyKnown) facts.push(`publicly known: ${escapeMarkdown(c.publiclyKnown)}`);
  if (c.permissionless !== undefined) facts.push(c.permissionless ? 'permissionless' : 'permissioned');
  return `**Component ${markdownCode(c.id)}**${c.name ? ` — ${escapeMarkdown(c.name)}` : ''}\n\n${facts.join(' · ')}`;
}

export function hover(doc: TextDocument, index: YamlIndex, result: AnalysisResult | undefined, position: Position, options: HoverOptions = {}): Hover | null {
  const sections: string[] = [];
  let range: Hover['range'];

  if (result) {
    for (const f of visibleFindings(result, options)) {
      if (contains(f.range, position)) {
        sections.push(findingMarkdown(f));
        range ??= f.range;
      }
    }
  }

  const rule = ruleIdInComment(doc, position);
  if (rule) {
    const meta = catalogue.get(rule.id)!;
    sections.push(`**${meta.id}** · ${meta.severity} · ${meta.title}\n\n${meta.rationale}\n\n*How to fix:* ${meta.remediation}`);
    range ??= rule.range;
  }

  const at = nodeAt(index, doc.offsetAt(position));
  if (at) {
    const { entry, onKey } = at;
    const node = schemaAt(entry.segments);
    const lastKey = [...entry.segments].reverse().find((s): s is string => typeof s === 'string');
    if (onKey && entry.key) {
      range = toRange(index, entry.key);
      const doc = fieldDoc(node, { withValues: true });
      if (doc) sections.push(doc);
      const term = lastKey ? lookupGlossary(lastKey, entry.path) : undefined;
      if (term) sections.push(glossaryMarkdown(term));
    } else if (entry.kind === 'scalar') {
      range = toRange(index, entry.value);
      const value = entry.scalar;
      const text = String(value);
      const valueSections: string[] = [];
      if (node?.title) valueSections.push(`*${node.title}*`);
      if (typeof value === 'string' && isReferencePath(entry.path)) {
        const component = result?.model?.componentsById.get(value);
        if (component) valueSections.push(componentSummary(component));
        else if (!CONTROL_KEYWORDS.has(value)) valueSections.push(`${markdownCode(value)} does not name a component declared under \`components\`.`);
      }
      const threshold = typeof value === 'string' ? explainThreshold(value, entry.path, setOf(result, entry.segments)) : undefined;
      if (threshold) valueSections.push(threshold);
      const weighted = typeof value === 'string' ? explainWeightedThreshold(value) : undefined;
      if (weighted) valueSections.push(weighted);
      const duration = explainDuration(value, entry.path, { exitDelay: result?.model?.exits?.delay, family: result?.model?.system.family });
      if (duration && (typeof value === 'string' || /delay|timelock|period|expiry|interval/i.test(lastKey ?? ''))) valueSections.push(duration);
      if (typeof value === 'string' && /^components\.\d+\.id$/.test(entry.path)) {
        const component = result?.model?.componentsById.get(value);
        const uses = componentReferences(index).filter((r) => r.id === value).length;
        if (component) valueSections.push(componentSummary(component));
        valueSections.push(`Referenced ${uses === 0 ? 'nowhere yet' : uses === 1 ? 'once' : `${uses} times`} in this spec.`);
      }
      const peg = pegRatingSection(result, entry.path);
      if (peg) valueSections.push(peg);
      // Who must collude: the coalitions the hovered set belongs to, or the peg's (engine/trust).
      const set = setAt(result, entry.path, value, isReferencePath(entry.path));
      const roles = set !== undefined ? setRolesMarkdown(result, set) : undefined;
      if (roles) valueSections.push(roles);
      const pegRoles = pegCoalitionsMarkdown(result, entry.path);
      if (pegRoles) valueSections.push(pegRoles);
      const described = enumDescription(node, text);
      if (described) valueSections.push(described);
      const term = typeof value === 'string' ? lookupGlossary(text) : undefined;
      // With the value's own description shown, the glossary adds its framework criterion only.
      if (term && !described) valueSections.push(glossaryMarkdown(term));
      else if (term?.criterion) valueSections.push(`*${term.criterion.framework}:* ${term.criterion.criterion}`);
      if (valueSections.length > (node?.title ? 1 : 0)) sections.push(valueSections.join('\n\n'));
    }
  }
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join(RULE) }, range };
}

/** Values of a reference field that are keywords, not component ids (`none`, token-control holders). */
const CONTROL_KEYWORDS: ReadonlySet<string> = new Set(CONTROL_HOLDERS);

const CUSTODY_WORDS: Record<string, string> = {
  low: 'Low', medium: 'Medium', high: 'High', 'very-high': 'Very high (Stop!)', unverified: 'Unverified', 'under-review': 'Under review', 'not-applicable': 'Not applicable',
};

/** On a peg's `id` or `custody` value: the peg's own Bitcoin Layers custody rating with its reasons. */
function pegRatingSection(result: AnalysisResult | undefined, path: string): string | undefined {
  const m = /^(pegs\.\d+)\.(id|custody)$/.exec(path);
  const rating = m ? result?.assessment.pegs?.find((p) => p.path === m[1]) : undefined;
  if (!rating) return undefined;
  const role = rating.canonical ? 'the enshrined peg: its rating is the custody axis' : 'not the enshrined peg: rated beside the custody axis';
  // Reasons quote spec text (set names, ids): escaped like every spec-derived string in markdown.
  const reasons = rating.reasons.map((r) => `- ${escapeMarkdown(r.text)}`).join('\n');
  return `**Custody of this peg: ${CUSTODY_WORDS[rating.value] ?? rating.value}** (${role})\n\n${reasons}`;
}

/** A known rule ID under the cursor inside a `# l2spec-disable-…` comment. */
function ruleIdInComment(doc: TextDocument, position: Position): { id: string; range: NonNullable<Hover['range']> } | undefined {
  const line = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  const directive = /#\s*l2spec-disable-(?:next-line|file)\b/.exec(line);
  if (!directive) return undefined;
  for (const m of line.matchAll(/L2S-[A-Z]+-\d{3}/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (start > directive.index && position.character >= start && position.character <= end && catalogue.has(m[0])) {
      return { id: m[0], range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } };
    }
  }
  return undefined;
}

/** The set a threshold belongs to (same component, or the peg's signers), to judge it against the floors. */
function setOf(result: AnalysisResult | undefined, segments: readonly (string | number)[]): { external?: number; kind?: string } {
  const model = result?.model;
  if (!model) return {};
  let c: Component | undefined;
  if (segments[0] === 'components' && typeof segments[1] === 'number') c = model.components[segments[1]];
  else if (segments[0] === 'pegs' && typeof segments[1] === 'number' && segments[2] === 'threshold') c = model.pegs[segments[1]]?.signers?.component;
  return c ? { external: c.external, kind: c.kind } : {};
}
