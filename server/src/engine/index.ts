// Public surface of the l2spec engine. Pure: no vscode, LSP or Node built-ins (the build enforces it).
export { analyze, createAnalyzer, ENGINE_VERSION, DEFAULT_MAX_SIZE, withoutBom, type Analyzer, type AnalyzerTuning } from './analyze.js';
export { compareText } from './collate.js';
export { checkBudget, DEFAULT_BUDGET, type BudgetLimits, type BudgetExcess } from './parse/budget.js';
export { catalogue, rules, formatRules } from './rules/index.js';
export { parseConfig, parseRuleSettings, CONFIG_FILE_NAME, type ParsedConfig } from './config.js';
export { parseDuration, parseThreshold, parseWeightedThreshold, BLOCK_SECONDS, DAY } from './parse/values.js';
export { specSchema } from './parse/schemaCheck.js';
export { parseSource, SourceMap, type SourceEntry, type EntryKind, type Span } from './parse/source.js';
export type * from './types.js';
export type * from './model.js';
export { CONTROL_HOLDERS } from './model.js';
export { SEVERITIES } from './types.js';
export { ruleMarkdown, ruleIndexMarkdown, axisName, SEVERITY_MEANING } from './docs.js';
export { glossary, lookupGlossary, findGlossaryTopic, glossaryMarkdown, type GlossaryEntry } from './glossary.js';
export * from './review/index.js';
