// `l2spec explain <ruleId|term>`: a rule's documentation, or a glossary entry.
import { catalogue, ruleMarkdown } from '../engine/index.js';

export function explain(topic: string): string | undefined {
  const rule = catalogue.get(topic.trim().toUpperCase());
  if (rule) return ruleMarkdown(rule);
  return undefined;
}
