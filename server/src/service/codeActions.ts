// Code actions for findings in a range: the finding's own quick fix (replace a value, rename a
// misspelt key, or insert a missing key under its parent at the right indentation), "Declare <key>" for a missing fact (a
// snippet of its allowed values), "Suppress <ID> on line <n>" and "Explain <ID>"; and the review
// snapshot's plan ("What it would take") as edits: "Toward <goal>: <change>" per change of a goal's
// verified path and "Reach <goal>: apply N verified changes" for the whole path.
import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { plainText } from './markdown.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, SourceMap, withoutBom, type AnalysisResult, type Finding } from '../engine/index.js';
import type { ReviewSnapshot, SnapshotPlan, SnapshotPlanGoal } from '../render/snapshot.js';
import { normalise } from '../render/text.js';
import { textDiff } from './textDiff.js';
import { DIAGNOSTIC_SOURCE, toDiagnostic, visibleFindings, type DiagnosticOptions } from './diagnostics.js';
import { enumValues, schemaAt, typesOf } from './schema.js';
import { joinPath, position, scalarSpan, type Segment, type YamlIndex } from './specIndex.js';

export interface CodeActionOptions extends DiagnosticOptions {
  /** The client applies snippet edits in workspace edits (LSP 3.18 `snippetEditSupport`). */
  snippetEdits?: boolean;
  /** Version of the document the index describes, for versioned snippet edits. */
  version?: number;
  /**
   * The latest review snapshot of the document and the version it was built for. Its plan's
   * found goals become code actions, only when `review.version` is the document's version (a
   * snapshot of an older text is stale: its edits belong to another text) and `result` has a parse.
   */
  review?: { version: number; snapshot: ReviewSnapshot };
  /** The request's context: the diagnostics at the range (a plan change that clears one becomes its quick fix) and the kinds asked for. */
  context?: { diagnostics?: Diagnostic[]; only?: string[] };
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
    // Two findings of one rule on one line share one directive: offer it once.
    const suppress = suppressAction(doc, finding, diagnostic);
    if (!actions.some((a) => a.title === suppress.title)) actions.push(suppress);
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
  if (options.review) actions.push(...planCodeActions(doc, result, options.review, range, options.context ?? {}, actions));
  return actions;
}

// ---------------------------------------------------------------------------------------------
// The plan as code actions.

/** Most plan actions in one answer. */
export const MAX_PLAN_ACTIONS = 12;

/** A change of the plan (one change, or a goal's whole path) as text edits of the current text. */
export interface PlanChange {
  /** A single change of a path (`step`) or the whole path (`path`). */
  kind: 'step' | 'path';
  /** Plain one-line title: "Toward Moderate tier: …", "Reach Moderate tier: apply 2 verified changes". */
  title: string;
  goal: Pick<SnapshotPlanGoal, 'kind' | 'target' | 'targetLabel'>;
  /** The edits from the current text to the changed one: each changed run of lines, narrowed to what differs. */
  edits: TextEdit[];
  /** Identity of the edits (offsets and new texts), so the same change is offered once. */
  key: string;
  /** Where the change is offered without being asked for: the keys and values it edits (or their nearest parent) and the findings it clears. */
  anchors: Range[];
  /** The findings a step clears on its own (rule and normalised message); empty for a whole path. */
  clears: { ruleId: string; message: string }[];
}

/**
 * The same AnalysisResult with a working `rangeOf`: a result that crossed a thread boundary (the
 * language server's analysis pool) keeps its SourceMap's data but not the function.
 */
export function withSourceRanges(result: AnalysisResult): AnalysisResult {
  const map = result.source ? SourceMap.revive(result.source) : undefined;
  return { ...result, source: map, rangeOf: (path, key) => map?.rangeOf(path, key) };
}

/**
 * The text edits that turn `before` (the document's text) into `after`: one per changed run of
 * lines, narrowed to what differs (textDiff). Empty when the texts are equal.
 */
export function minimalEdits(doc: TextDocument, before: string, after: string): TextEdit[] {
  return textDiff(before, after).map((s) => ({ range: { start: doc.positionAt(s.start), end: doc.positionAt(s.end) }, newText: s.newText }));
}

function goalName(goal: Pick<SnapshotPlanGoal, 'kind' | 'targetLabel'>, label = goal.targetLabel): string {
  return goal.kind === 'tier' ? `${label} tier` : `L2BEAT ${label}`;
}

/** What the whole path verifiably reaches (the goal, or more when re-analysing gave more). */
function reachName(goal: SnapshotPlanGoal): string {
  return goalName(goal, (goal.kind === 'tier' ? goal.verified?.tier : goal.verified?.stage) ?? goal.targetLabel);
}

function linesOverlap(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

const planCache = new WeakMap<SnapshotPlan, { text: string; result: AnalysisResult; changes: PlanChange[] }>();

/**
 * The plan's found goals as edits of `doc`'s text: per goal, every change of its first (verified,
 * irreducible) path and the whole path, in plan order. Each change's spec edits are applied with
 * the engine's `applyEdits` to the text `result` describes, and the new text is turned into a few
 * narrow TextEdits (minimalEdits: one per changed run of lines, common prefix and suffix left out).
 * A change that cannot be placed (applyEdits gives undefined) or changes nothing is left out; an
 * edit already listed is not listed again (a path of one change is only its "Reach" action).
 * Returns [] when `result` has no parse or is not an analysis of `doc`'s text. Cached per plan
 * object, text and result object.
 */
export function planChanges(doc: TextDocument, result: AnalysisResult, plan: SnapshotPlan): PlanChange[] {
  const text = doc.getText();
  const cached = planCache.get(plan);
  if (cached && cached.text === text && cached.result === result) return cached.changes;
  const changes = computePlanChanges(doc, text, result, plan);
  planCache.set(plan, { text, result, changes });
  return changes;
}

function computePlanChanges(doc: TextDocument, text: string, result: AnalysisResult, plan: SnapshotPlan): PlanChange[] {
  if (!result.model || !result.source) return [];
  const ranged = withSourceRanges(result);
  const map = ranged.source!;
  const body = withoutBom(text);
  // The analysis must describe exactly this text, or its positions would place the edits wrongly.
  if (map.source !== body) return [];
  const bom = text.slice(0, text.length - body.length);
  const active = result.findings.filter((f) => !f.suppressed);
  const changes: PlanChange[] = [];
  const seen = new Set<string>();

  const anchorsOf = (edits: readonly { path: string }[], clears: readonly { ruleId: string; message: string }[]): Range[] => {
    const out: Range[] = [];
    for (const e of edits) {
      const value = map.rangeOf(e.path);
      const key = map.rangeOf(e.path, true);
      if (value || key) out.push({ start: (key ?? value)!.start, end: (value ?? key)!.end });
      else out.push(map.locate(e.path).range);
    }
    for (const c of clears) for (const f of active) if (f.ruleId === c.ruleId && normalise(f.message) === c.message) out.push(f.range);
    return out;
  };
  const add = (change: Omit<PlanChange, 'edits' | 'key'>, specEdits: readonly { path: string; value: string }[]): void => {
    const applied = applyEdits(body, ranged, specEdits.map(({ path, value }) => ({ path, value })));
    if (applied === undefined) return;
    const edits = minimalEdits(doc, text, bom + applied);
    if (edits.length === 0) return;
    const key = editsKey(doc, edits);
    if (seen.has(key)) return;
    seen.add(key);
    changes.push({ ...change, edits, key });
  };

  for (const goal of plan.goals) {
    if (goal.status !== 'found' || goal.steps.length === 0) continue;
    const g = { kind: goal.kind, target: goal.target, targetLabel: goal.targetLabel };
    const reach = reachName(goal);
    const allEdits = goal.steps.flatMap((s) => s.edits);
    const allClears = goal.steps.flatMap((s) => s.clears);
    if (goal.steps.length === 1) {
      const step = goal.steps[0]!;
      add({ kind: 'path', title: plainText(`Reach ${reach}: ${step.title}`), goal: g, anchors: anchorsOf(step.edits, step.clears), clears: step.clears }, step.edits);
      continue;
    }
    add({ kind: 'path', title: plainText(`Reach ${reach}: apply ${goal.steps.length} verified changes`), goal: g, anchors: anchorsOf(allEdits, allClears), clears: [] }, allEdits);
    for (const step of goal.steps) {
      add({ kind: 'step', title: plainText(`Toward ${goalName(goal)}: ${step.title}`), goal: g, anchors: anchorsOf(step.edits, step.clears), clears: step.clears }, step.edits);
    }
  }
  return changes;
}

/** Offsets and new texts of minimal edits: two changes with the same key do the same thing. */
function editsKey(doc: TextDocument, edits: readonly TextEdit[]): string {
  return JSON.stringify(edits.map((e) => [doc.offsetAt(e.range.start), doc.offsetAt(e.range.end), e.newText]));
}

/** The key of what an existing action's plain text edit does (reduced to minimal edits), if it has one. */
function actionEditKey(doc: TextDocument, action: CodeAction): string | undefined {
  const edits = action.edit?.changes?.[doc.uri];
  if (!edits || edits.length !== 1) return undefined;
  const text = doc.getText();
  const e = edits[0]!;
  const after = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  const minimal = minimalEdits(doc, text, after);
  return minimal.length ? editsKey(doc, minimal) : undefined;
}

function kindAllowed(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * The plan's code actions for a request at `range` (see planChanges for what they are):
 *
 * - none when `review.version` is not `doc.version` (stale snapshot) or it has no plan;
 * - a change that clears a diagnostic of `context.diagnostics` (same rule ID and message) is a
 *   `quickfix` on that diagnostic;
 * - otherwise a `refactor.rewrite`, offered where the change applies (the lines of the keys and
 *   values it edits, or of the findings it clears), or anywhere when the request asks for
 *   refactorings (`only` holds `refactor` or `refactor.rewrite`: the "Refactor…" menu);
 * - kinds outside `context.only` are left out, and so is an edit that `existing` actions already make;
 * - at most MAX_PLAN_ACTIONS.
 */
export function planCodeActions(
  doc: TextDocument, result: AnalysisResult, review: { version: number; snapshot: ReviewSnapshot }, range: Range,
  context: { diagnostics?: Diagnostic[]; only?: string[] }, existing: readonly CodeAction[] = [],
): CodeAction[] {
  const plan = review.snapshot.plan;
  if (review.version !== doc.version || !plan) return [];
  const only = context.only;
  const askedForRefactors = (only ?? []).some((o) => o === CodeActionKind.Refactor || o === CodeActionKind.RefactorRewrite);
  const taken = new Set<string>();
  for (const a of existing) {
    const key = actionEditKey(doc, a);
    if (key) taken.add(key);
  }
  const ours = (context.diagnostics ?? []).filter((d) => d.source === undefined || d.source === DIAGNOSTIC_SOURCE);
  const actions: CodeAction[] = [];
  for (const change of planChanges(doc, result, plan)) {
    if (actions.length >= MAX_PLAN_ACTIONS) break;
    if (taken.has(change.key)) continue;
    const cleared = ours.filter((d) => change.clears.some((c) => c.ruleId === String(d.code ?? '') && c.message === normalise(typeof d.message === 'string' ? d.message : String(d.message?.value ?? ''))));
    const edit = { changes: { [doc.uri]: change.edits } };
    if (cleared.length && kindAllowed(CodeActionKind.QuickFix, only)) {
      actions.push({ title: change.title, kind: CodeActionKind.QuickFix, diagnostics: cleared, edit });
    } else if (kindAllowed(CodeActionKind.RefactorRewrite, only) && (askedForRefactors || change.anchors.some((a) => linesOverlap(a, range)))) {
      actions.push({ title: change.title, kind: CodeActionKind.RefactorRewrite, edit });
    } else continue;
    taken.add(change.key);
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
  const edit = atLineStart(doc, insertEdit(doc, index, segments, marker));
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

/**
 * A snippet edit that starts a new line is moved to the start of the next line: VS Code indents
 * every snippet line after the first by the whitespace of the line it is inserted on, so text
 * inserted after `  mechanism: x` would land 2 columns too deep (it did: `    delay:` under a
 * 2-space `exits:`). At column 0 there is nothing to add, and the key keeps its own indentation.
 */
function atLineStart(doc: TextDocument, edit: TextEdit | undefined): TextEdit | undefined {
  if (!edit) return undefined;
  const eol = edit.newText.startsWith('\r\n') ? '\r\n' : edit.newText.startsWith('\n') ? '\n' : undefined;
  const { start, end } = edit.range;
  if (!eol || start.line !== end.line || start.character !== end.character || start.line + 1 >= doc.lineCount) return edit;
  const at = { line: start.line + 1, character: 0 };
  return { range: { start: at, end: at }, newText: edit.newText.slice(eol.length) + eol };
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
  if (fix.key) {
    // A misspelt key: rename it where it is written (quotes kept), its value untouched.
    const entry = index.byPath.get(fix.path);
    if (!entry?.key) return undefined;
    const span = scalarSpan(index.text, entry.key);
    return { range: { start: position(index, span[0]), end: position(index, span[1]) }, newText: fix.value };
  }
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
