// What "explain <topic>" finds for a topic typed by a person (`l2spec explain`, shared with the
// editor's Explain command): a rule, a value as the hover explains it (`11-of-15`, `144 blocks`,
// `67% of stake`), a key of the spec format (its documentation as the hover shows it, then the
// related glossary terms), or a glossary term; a misspelt topic by its closest match.
import { catalogue, ruleMarkdown } from '../engine/index.js';
import { closest } from '../engine/parse/didYouMean.js';
import { findGlossaryTopic, glossary, glossaryMarkdown, lookupGlossary } from '../engine/glossary.js';
import { markdownCode } from './markdown.js';
import { keyDocs, schemaKeyNames } from './schema.js';
import { explainDuration, explainThreshold, explainWeightedThreshold } from './values.js';

export interface Topic {
  /** What was explained: a rule ID, the value as written, a key name or a glossary term. */
  title: string;
  kind: 'rule' | 'value' | 'key' | 'term';
  markdown: string;
  /** Set when the topic as typed matched nothing and its closest known topic is shown instead. */
  correctedFrom?: string;
}

/** Paths listed per key documentation before "and N more". */
const MAX_PATHS = 4;

/**
 * The explanation of a topic, or undefined when nothing matches it, not even as a likely typo.
 * Looked up in this order: rule ID, value, key, glossary term (by every alias the hover uses);
 * then the closest rule ID, key, term or alias by edit distance (`threshhold` → `threshold`).
 */
export function explainTopic(topic: string): Topic | undefined {
  const wanted = topic.trim();
  if (!wanted) return undefined;
  const exact = exactTopic(wanted);
  if (exact) return exact;
  const near = closest(wanted, candidates());
  const corrected = near ? exactTopic(near) : undefined;
  return corrected ? { ...corrected, correctedFrom: wanted } : undefined;
}

function exactTopic(wanted: string): Topic | undefined {
  const rule = catalogue.get(wanted.toUpperCase());
  if (rule) return { title: rule.id, kind: 'rule', markdown: ruleMarkdown(rule) };
  const value = valueMarkdown(wanted);
  if (value) return { title: wanted, kind: 'value', markdown: value };
  // YAML keys are case-sensitive, but a person typing a topic is not.
  const keyName = schemaKeyNames().find((k) => k === wanted) ?? schemaKeyNames().find((k) => k.toLowerCase() === wanted.toLowerCase());
  const key = keyName ? keyMarkdown(keyName) : undefined;
  if (key) return { title: keyName!, kind: 'key', markdown: key };
  const entry = findGlossaryTopic(wanted);
  return entry ? { title: entry.term, kind: 'term', markdown: glossaryMarkdown(entry) } : undefined;
}

/** What the hover says about a value written this way, wherever it stands; undefined for other text. */
function valueMarkdown(text: string): string | undefined {
  return explainThreshold(text, '') ?? explainWeightedThreshold(text) ?? (/[a-z]/i.test(text) ? explainDuration(text, '') : undefined);
}

/**
 * A key's documentation as the hover shows it (one section per distinct text, with the paths it
 * applies to), then the glossary terms it relates to: the one the hover shows on that key, and
 * the terms that entry names under "See also".
 */
function keyMarkdown(name: string): string | undefined {
  const docs = keyDocs(name);
  if (docs.length === 0) return undefined;
  const sections = docs.map((d) => {
    const shown = d.paths.slice(0, MAX_PATHS).map((p) => markdownCode(p)).join(', ');
    const more = d.paths.length > MAX_PATHS ? ` and ${d.paths.length - MAX_PATHS} more` : '';
    return `${d.markdown}\n\n*Written at* ${shown}${more}.`;
  });
  // The glossary entry the hover adds on this key (its "See also" names the terms around it).
  const term = lookupGlossary(name) ?? findGlossaryTopic(name);
  if (term) sections.push(`## Related terms\n\n${glossaryMarkdown(term)}`);
  return sections.join('\n\n');
}

let known: string[] | undefined;

/** Everything a typo can be corrected to: rule IDs, keys, glossary terms and their aliases. */
function candidates(): string[] {
  known ??= [...new Set([
    ...catalogue.keys(),
    ...schemaKeyNames(),
    ...glossary.flatMap((e) => [e.term, ...e.aliases.map((a) => a.split('.').pop()!)]),
  ])];
  return known;
}
