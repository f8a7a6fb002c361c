// "Explain <topic>": a rule's metadata (and its bundled doc, when the caller can read it), or a
// value, key or glossary entry as `l2spec explain` finds them (service/topics.ts). Shared by the
// l2spec/explain request and the hover.
import { catalogue } from '../engine/index.js';
import { glossary } from '../engine/glossary.js';
import type { ExplainResult } from '../protocol.js';
import { escapeMarkdown, markdownCode, plainText } from './markdown.js';
import { explainTopic } from './topics.js';

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
  // A value, a key or a term, as `l2spec explain` finds them (a misspelt one by its closest match).
  const topicFound = explainTopic(wanted);
  if (topicFound && topicFound.kind !== 'rule') {
    const note = topicFound.correctedFrom !== undefined ? `*Nothing is called "${escapeMarkdown(topicFound.correctedFrom.slice(0, 60))}"; showing ${markdownCode(topicFound.title)}.*\n\n` : '';
    return { title: plainText(topicFound.title, 60), markdown: note + topicFound.markdown };
  }
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
