// `l2spec explain <ruleId|term>`: a rule's documentation, or a glossary entry.
import { catalogue, glossaryMarkdown, lookupGlossary, ruleMarkdown } from '../engine/index.js';

export function explain(topic: string): string | undefined {
  const rule = catalogue.get(topic.trim().toUpperCase());
  if (rule) return ruleMarkdown(rule);
  const entry = lookupGlossary(topic);
  return entry ? glossaryMarkdown(entry) : undefined;
}
