// The l2spec language service: editor features as functions of a TextDocument and an
// AnalysisResult, returning LSP types. No connection, no I/O: the LSP layer (server/src/lsp)
// owns documents, timing and configuration.
export { indexOf, parseIndex, nodeAt, type YamlIndex } from './specIndex.js';
export { toDiagnostics, toDiagnostic, toLspSeverity, visibleFindings, SCHEMA_RULES, DIAGNOSTIC_SOURCE } from './diagnostics.js';
export { hover, findingMarkdown } from './hover.js';
export { completion, completionContext } from './completion.js';
export { codeActions, fixEdit, insertEdit, planChanges, planCodeActions, minimalEdits, withSourceRanges, EXPLAIN_COMMAND, REASON_PLACEHOLDER, MAX_PLAN_ACTIONS, type PlanChange, type CodeActionOptions } from './codeActions.js';
export { documentSymbols, definition, references, prepareRename, rename } from './navigation.js';
export { explain } from './explain.js';
export { inlayHints, hintFor } from './inlayHints.js';
export { designSnippets, expandSnippet } from './snippets.js';
export { explainThreshold, explainDuration } from './values.js';
export { escapeMarkdown, markdownCode, plainText } from './markdown.js';
export { textDiff, diffLines, type Splice } from './textDiff.js';
