// Code actions for findings in a range: the finding's own quick fix (replace a value, or insert a
// missing key under its parent at the right indentation), "Declare <key>" for a missing fact (a
// snippet of its allowed values), "Suppress <ID> on line <n>" and "Explain <ID>".
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { plainText } from './markdown.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, Finding } from '../engine/index.js';
import { toDiagnostic, visibleFindings, type DiagnosticOptions } from './diagnostics.js';
import { enumValues, schemaAt, typesOf } from './schema.js';
import { joinPath, position, scalarSpan, type Segment, type YamlIndex } from './specIndex.js';

export interface CodeActionOptions extends DiagnosticOptions {
  /** The client applies snippet edits in workspace edits (LSP 3.18 `snippetEditSupport`). */
  snippetEdits?: boolean;
  /** Version of the document the index describes, for versioned snippet edits. */
  version?: number;
}

export const EXPLAIN_COMMAND = 'l2spec.explainRule';
/** What the suppression comment says until the author writes the real reason. */
export const REASON_PLACEHOLDER = '<reason>';

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Quick fixes for the findings that overlap `range`: their own fix, the missing key to declare, Suppress and Explain. */
export function codeActions(doc: TextDocument, index: YamlIndex, result: AnalysisResult, range: Range, options: CodeActionOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  const explained = new Set<string>();
  for (const finding of visibleFindings(result, options)) {
    if (!overlaps(finding.range, range)) continue;
    const diagnostic = toDiagnostic(finding, options);
    if (finding.fix) {
      const edit = fixEdit(doc, index, finding);
      if (edit) {
        actions.push({
          // Fix titles quote values; spec text in a title is shown as plain, visible, single-line text.
          title: plainText(finding.fix.title),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: { changes: { [doc.uri]: [edit] } },
        });
      }
    }
    if (!finding.fix && finding.missing && options.snippetEdits) {
      const declare = declareAction(doc, index, finding, diagnostic, options.version);
      if (declare) actions.push(declare);
    }
    actions.push(suppressAction(doc, finding, diagnostic));
    if (!explained.has(finding.ruleId)) {
      explained.add(finding.ruleId);
      actions.push({
        title: `Explain ${finding.ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: { title: `Explain ${finding.ruleId}`, command: EXPLAIN_COMMAND, arguments: [finding.ruleId] },
      });
    }
  }
  return actions;
}

function lineIndent(doc: TextDocument, line: number): string {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return /^[ \t]*/.exec(text)![0];
}

export function suppressAction(doc: TextDocument, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const line = finding.range.start.line;
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  // A finding on a list item's line: the comment goes at the dash's column.
  const indent = lineIndent(doc, line);
  const eol = lineText.endsWith('\r\n') ? '\r\n' : '\n';
  return {
    // The finding may span lines or sit on a parent key: the title says which line the comment covers.
    title: `Suppress ${finding.ruleId} on line ${line + 1}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: {
      changes: {
        [doc.uri]: [{
          range: { start: { line, character: 0 }, end: { line, character: 0 } },
          newText: `${indent}# l2spec-disable-next-line ${finding.ruleId} -- ${REASON_PLACEHOLDER}${eol}`,
        }],
      },
    },
  };
}

/**
 * "Declare <key>" for a finding about a key the spec does not write: inserts the key under its
 * parent with a snippet of the values the schema allows (a choice for an enum or a boolean, the
 * schema's example otherwise), so the author only picks.
 */
export function declareAction(doc: TextDocument, index: YamlIndex, finding: Finding, diagnostic: Diagnostic, version?: number): CodeAction | undefined {
  const segments: Segment[] = finding.missing!.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const key = segments.at(-1);
  const node = schemaAt(segments);
  if (typeof key !== 'string' || !node) return undefined;
  const marker = '\u0000value\u0000';
  const edit = insertEdit(doc, index, segments, marker);
  if (!edit) return undefined;
  const [before, after] = edit.newText.split(marker) as [string, string];
  const snippet = escapeSnippet(before) + valueSnippet(node) + escapeSnippet(after);
  return {
    title: `Declare ${key}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: version ?? null }, edits: [{ range: edit.range, snippet: { kind: 'snippet', value: snippet } }] }] },
  };
}

/** The snippet of a key's value: its allowed values as a choice, or a placeholder with the schema's example. */
function valueSnippet(node: NonNullable<ReturnType<typeof schemaAt>>): string {
  const values = enumValues(node).map((v) => v.value);
  const types = typesOf(node);
  if (values.length && !types.includes('object')) return `\${1|${values.map(escapeChoice).join(',')}|}`;
  if (types.length === 1 && types[0] === 'boolean') return '${1|true,false|}';
  const example = (node.examples ?? []).find((e) => typeof e === 'string' || typeof e === 'number');
  return example !== undefined ? `\${1:${escapeSnippet(String(example))}}` : '$1';
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[,|\\$}]/g, (c) => `\\${c}`);
}

/** The text edit that applies a finding's fix, or undefined when it cannot be placed safely. */
export function fixEdit(doc: TextDocument, index: YamlIndex, finding: Finding): TextEdit | undefined {
  const fix = finding.fix;
  if (!fix) return undefined;
  if (!fix.insert) {
    const entry = index.byPath.get(fix.path);
    if (entry && entry.kind === 'scalar') {
      const span = scalarSpan(index.text, entry.value);
      return { range: { start: position(index, span[0]), end: position(index, span[1]) }, newText: fix.value };
    }
    if (entry && entry.kind === 'null' && entry.key) {
      // `key:` with no value yet: write the value after the colon.
      const colon = index.text.indexOf(':', entry.key[1]);
      if (colon >= 0) return { range: { start: position(index, colon + 1), end: position(index, colon + 1) }, newText: ` ${fix.value}` };
    }
    return { range: fix.range, newText: fix.value };
  }
  return insertEdit(doc, index, fix.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), fix.value);
}

/** Inserts `key: value` (creating missing parent mappings) under the deepest existing ancestor. */
export function insertEdit(doc: TextDocument, index: YamlIndex, segments: Segment[], value: string): TextEdit | undefined {
  let depth = segments.length - 1;
  while (depth > 0 && !index.byPath.has(joinPath(segments.slice(0, depth)))) depth--;
  const missing = segments.slice(depth);
  if (missing.some((s) => typeof s === 'number')) return undefined;
  const ancestor = depth > 0 ? index.byPath.get(joinPath(segments.slice(0, depth))) : undefined;
  const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
  const block = (indent: string, step: string): string =>
    missing.map((key, i) => `${indent}${step.repeat(i)}${String(key)}:${i === missing.length - 1 ? ` ${value}` : ''}`).join(eol);

  if (!ancestor) {
    if (!index.rootIsMap && index.entries.length > 0) return undefined;
    const text = doc.getText();
    const indent = ' '.repeat(index.rootChildIndent);
    const end = doc.positionAt(text.length);
    const lead = text.length === 0 || text.endsWith('\n') ? '' : eol;
    return { range: { start: end, end }, newText: `${lead}${block(indent, '  ')}${eol}` };
  }
  if (ancestor.flow) return undefined;
  const keyIndent = position(index, ancestor.key ? ancestor.key[0] : ancestor.value[0]).character;
  if (ancestor.kind === 'map') {
    const indent = ' '.repeat(ancestor.childIndent ?? keyIndent + 2);
    const last = lastContentLine(doc, index, ancestor.value[1]);
    const at = { line: last, character: lineLength(doc, last) };
    return { range: { start: at, end: at }, newText: `${eol}${block(indent, '  ')}` };
  }
  if (ancestor.kind === 'null' && ancestor.key) {
    const line = position(index, ancestor.key[0]).line;
    const at = { line, character: lineLength(doc, line) };
    return { range: { start: at, end: at }, newText: `${eol}${block(' '.repeat(keyIndent + 2), '  ')}` };
  }
  return undefined;
}

function lineLength(doc: TextDocument, line: number): number {
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$/, '').length;
}

/** The last line holding content of a node that ends at `endOffset` (its range may run into the next line). */
function lastContentLine(doc: TextDocument, index: YamlIndex, endOffset: number): number {
  let line = position(index, endOffset).line;
  while (line > 0) {
    const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    const atLineStart = position(index, endOffset).line === line && position(index, endOffset).character === 0;
    if (text.trim() !== '' && !text.trim().startsWith('#') && !atLineStart) break;
    line--;
  }
  return line;
}
