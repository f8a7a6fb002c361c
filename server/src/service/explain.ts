// "Explain <topic>": a rule's metadata (and its bundled doc, when the caller can read it), or a
// glossary entry. Shared by the l2spec/explain request and the hover.
import { catalogue } from '../engine/index.js';
import { findGlossaryTopic, glossary, glossaryMarkdown } from '../engine/glossary.js';
import type { ExplainResult } from '../protocol.js';
import { escapeMarkdown, plainText } from './markdown.js';

export function explain(topic: string, readRuleDoc?: (id: string) => string | undefined): ExplainResult {
  const wanted = topic.trim();
  const meta = catalogue.get(wanted.toUpperCase());
  if (meta) {
    const doc = readRuleDoc?.(meta.id);
    if (doc && doc.trim()) return { title: `${meta.id}: ${meta.title}`, markdown: doc };
    const markdown = [
      `# ${meta.id}: ${meta.title}`,
      `**Severity:** ${meta.severity} · **Area:** ${meta.axis}`,
      `## The risk\n\n${meta.rationale}`,
      `## Framework\n\n*${meta.criterion.framework}:* ${meta.criterion.criterion}`,
      `## How to fix\n\n${meta.remediation}`,
      `## Accepting the risk\n\nIf the design accepts this risk on purpose, say why where it applies:\n\n\`\`\`yaml\n# l2spec-disable-next-line ${meta.id} -- <why this risk is accepted>\n\`\`\``,
    ].join('\n\n');
    return { title: `${meta.id}: ${meta.title}`, markdown };
  }
  const entry = findGlossaryTopic(wanted);
  if (entry) return { title: entry.term, markdown: glossaryMarkdown(entry) };
  const lower = wanted.toLowerCase();
  const near = glossary.filter((e) => e.term.toLowerCase().includes(lower) || e.aliases.some((a) => a.toLowerCase().includes(lower))).slice(0, 5);
  const rules = [...catalogue.values()].filter((m) => m.title.toLowerCase().includes(lower)).slice(0, 5);
  const hints = [...near.map((e) => `- ${e.term}`), ...rules.map((m) => `- ${m.id}: ${m.title}`)];
  return {
    // The topic can be any word under the cursor, so spec text: escaped like every other.
    title: wanted ? plainText(wanted, 60) : 'l2spec',
    markdown: `No rule or glossary term is called "${escapeMarkdown(wanted.length > 60 ? `${wanted.slice(0, 59)}…` : wanted)}".${hints.length ? `\n\nPerhaps:\n\n${hints.join('\n')}` : ''}`,
  };
}
