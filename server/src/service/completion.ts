// Completion: keys and enum values from the schema (aware of the mapping the cursor is in and of
// the keys already written), the schema's defaultSnippets, whole-design snippets at the top of an
// empty spec, and component ids where a reference is expected.
//
// The text being typed is usually not valid YAML yet, so the cursor's place in the tree is found by
// re-parsing a copy of the text with a marker written at the cursor (as a key, or as a value) and
// reading the marker's path: the YAML parser resolves indentation exactly as it will later.
import { escapeMarkdown, markdownCode, plainText } from './markdown.js';
import {
  CompletionItemKind, InsertTextFormat, MarkupKind,
  type CompletionItem, type CompletionList, type Position, type Range,
} from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { catalogue, parseThreshold, type AnalysisResult } from '../engine/index.js';
import {
  enumValues, fieldDoc, isArrayNode, isObjectNode, propertiesOf, rawPropertyAt, resolve, schemaAt, typesOf,
  type DefaultSnippet, type SchemaNode,
} from './schema.js';
import { designSnippets, snippetBodyToYaml } from './snippets.js';
import { componentIds, parseIndex, isReferencePath, joinPath, type Segment, type YamlIndex } from './specIndex.js';

const MARKER = 'lspcompletionmarker';

type Mode = 'key' | 'item' | 'value';

export interface CompletionContext {
  mode: Mode;
  /** Path of the mapping (key mode), the sequence item (item mode) or the value (value mode). */
  segments: Segment[];
  /** Keys already present in the mapping (key mode). */
  existing: Set<string>;
  /** Range the completion replaces (the word being typed). */
  replace: Range;
  /** Value mode: there is no space after the colon yet. */
  needsSpace: boolean;
  /** Top-level keys present in the document. */
  topLevel: Set<string>;
  /** The engine's parse of the text with the marker at the cursor (ids and siblings are read from it). */
  index: YamlIndex;
}

const VALUE_LINE = /^(\s*)((?:-\s+)*)([^\s:#'"\-][^:#]*?|"[^"]*"|'[^']*'):(\s*)([^\s#]*)$/;
const KEY_LINE = /^(\s*)((?:-\s*)*)([A-Za-z0-9_-]*)$/;

/** Works out what is being typed at the position; undefined inside comments or flow collections. */
export function completionContext(doc: TextDocument, position: Position): CompletionContext | undefined {
  const text = doc.getText();
  const offset = doc.offsetAt(position);
  const lineStart = doc.offsetAt({ line: position.line, character: 0 });
  const nextLine = doc.offsetAt({ line: position.line + 1, character: 0 });
  const lineEnd = nextLine > lineStart && text[nextLine - 1] === '\n' ? nextLine - (text[nextLine - 2] === '\r' ? 2 : 1) : nextLine;
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  if (/(^|\s)#/.test(before)) return undefined;
  const wordAfter = /^[^\s#:]*/.exec(after)![0];

  let mode: Mode;
  let patchedLine: string;
  let prefix: string;
  let needsSpace = false;
  const value = VALUE_LINE.exec(before);
  const key = value ? undefined : KEY_LINE.exec(before);
  if (value) {
    mode = 'value';
    prefix = value[5]!;
    needsSpace = value[4] === '';
    patchedLine = `${value[1]}${value[2]}${value[3]}: ${MARKER}`;
  } else if (key) {
    prefix = key[3]!;
    const dashes = key[2]!;
    if (dashes.trim()) {
      mode = 'item';
      patchedLine = `${key[1]}${dashes.endsWith(' ') ? dashes : `${dashes} `}${MARKER}`;
    } else {
      mode = 'key';
      patchedLine = `${key[1]}${MARKER}: 0`;
    }
  } else return undefined;

  const patched = text.slice(0, lineStart) + patchedLine + text.slice(lineEnd);
  const index = parseIndex(patched);
  let segments: Segment[] | undefined;
  const existing = new Set<string>();
  for (const entry of index.entries) {
    if (mode === 'key' && entry.key && entry.segments[entry.segments.length - 1] === MARKER) {
      segments = entry.segments.slice(0, -1);
      break;
    }
    if (mode !== 'key' && entry.kind === 'scalar' && entry.scalar === MARKER) {
      segments = entry.segments;
      break;
    }
  }
  if (!segments) return undefined;
  if (mode === 'key') {
    const parent = joinPath(segments);
    for (const entry of index.entries) {
      const last = entry.segments[entry.segments.length - 1];
      if (entry.key && entry.segments.length === segments.length + 1 && joinPath(entry.segments.slice(0, -1)) === parent && last !== MARKER) existing.add(String(last));
    }
  }
  const topLevel = new Set<string>();
  for (const entry of index.entries) if (entry.segments.length === 1 && entry.key && entry.segments[0] !== MARKER) topLevel.add(String(entry.segments[0]));

  const replace: Range = {
    start: { line: position.line, character: position.character - prefix.length },
    end: { line: position.line, character: position.character + wordAfter.length },
  };
  return { mode, segments, existing, replace, needsSpace, topLevel, index };
}

const SUPPRESSION_PREFIX = /#\s*l2spec-disable-(?:next-line|file)\b((?:\s*[A-Z0-9-]+\s*,)*\s*)([A-Z0-9-]*)$/i;

/** Rule IDs inside a `# l2spec-disable-…` comment, before its `--`. */
function suppressionItems(doc: TextDocument, position: Position): CompletionItem[] | undefined {
  const before = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const match = SUPPRESSION_PREFIX.exec(before);
  if (!match || before.slice(before.indexOf('l2spec-disable')).includes('--')) return undefined;
  const typed = match[2]!;
  const range: Range = { start: { line: position.line, character: position.character - typed.length }, end: position };
  return [...catalogue.values()].map((meta) => ({
    label: meta.id,
    kind: CompletionItemKind.Constant,
    detail: `${meta.severity} · ${meta.title}`,
    documentation: docOf(meta.rationale),
    textEdit: { range, newText: meta.id },
  }));
}

/**
 * Completion items at a position. `result` (the latest analysis, possibly of an older version) only
 * adds detail to component ids; the structure comes from the engine's parse of the marker text.
 */
export function completion(doc: TextDocument, result: AnalysisResult | undefined, position: Position): CompletionList {
  const suppression = suppressionItems(doc, position);
  if (suppression) return { isIncomplete: false, items: suppression };
  const ctx = completionContext(doc, position);
  const items: CompletionItem[] = [];
  if (!ctx) return { isIncomplete: false, items };
  const node = schemaAt(ctx.segments);
  if (ctx.mode === 'value') {
    items.push(...valueItems(ctx, node, result));
  } else if (ctx.mode === 'item') {
    if (isObjectNode(node)) items.push(...keyItems(ctx, node, '  '), ...snippetItems(ctx, node, '', '  '));
    else items.push(...valueItems(ctx, node, result));
  } else if (isArrayNode(node) && !isObjectNode(node)) {
    // Under a sequence key with no dash yet: offer whole items.
    const item = resolve(node!.items);
    items.push(...snippetItems(ctx, item, '- ', '  '));
    for (const v of enumValues(item)) items.push(valueItem(v.value, v.description, ctx, `- ${v.value}`));
  } else {
    items.push(...keyItems(ctx, node, ''));
    if (ctx.existing.size === 0) items.push(...snippetItems(ctx, node, '', ''));
    if (ctx.segments.length === 0) items.push(...designItems(ctx));
  }
  return { isIncomplete: false, items };
}

function docOf(markdown: string | undefined): CompletionItem['documentation'] {
  return markdown ? { kind: MarkupKind.Markdown, value: markdown } : undefined;
}

/** Keys of the mapping that are not written yet; `continuation` indents the lines after the first. */
function keyItems(ctx: CompletionContext, node: SchemaNode | undefined, continuation: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  const props = propertiesOf(node);
  const required = new Set(node?.required ?? []);
  for (const [name, raw] of Object.entries(props)) {
    if (ctx.existing.has(name)) continue;
    const prop = resolve(raw);
    items.push({
      label: name,
      kind: CompletionItemKind.Property,
      detail: prop?.title,
      documentation: docOf(fieldDoc(prop, { withValues: true })),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: ctx.replace, newText: keySnippet(name, prop, continuation, raw) },
      sortText: `${required.has(name) ? '0' : '1'}${name}`,
    });
    for (const snippet of prop?.defaultSnippets ?? []) {
      const body = snippetText(snippet);
      if (!body) continue;
      const scalarBody = body.length === 1 && !/^[\w-]+:/.test(body[0]!);
      const newText = scalarBody ? `${name}: ${body[0]}` : [`${name}:`, ...body.map((l) => `${continuation}  ${l}`)].join('\n');
      items.push({
        label: `${name}: ${snippet.label ?? 'snippet'}`,
        kind: CompletionItemKind.Snippet,
        detail: snippet.description,
        documentation: docOf(snippet.markdownDescription ?? '```yaml\n' + newText.replace(/\$\{\d+[:|]?([^}|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '') + '\n```'),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: ctx.replace, newText },
        filterText: name,
        sortText: `2${name}`,
      });
    }
  }
  return items;
}

function keySnippet(name: string, prop: SchemaNode | undefined, continuation: string, raw?: SchemaNode): string {
  const values = enumValues(prop);
  const types = typesOf(prop);
  // A component reference: the id is typed next, and completion offers the ids.
  if (raw?.$ref === '#/definitions/signerSetRef' || /^(signers|authority|committee|challengers|securityCouncil|set|holder)$/.test(name)) return `${name}: $0`;
  if (values.length && !types.includes('object')) return `${name}: \${1|${values.map((v) => escapeChoice(v.value)).join(',')}|}`;
  if (types.length === 1 && types[0] === 'boolean') return `${name}: \${1|true,false|}`;
  if (types.includes('array')) {
    const item = resolve(prop?.items);
    const itemValues = enumValues(item);
    if (itemValues.length) return `${name}:\n${continuation}  - \${1|${itemValues.map((v) => escapeChoice(v.value)).join(',')}|}`;
    return `${name}:\n${continuation}  - $0`;
  }
  if (types.length === 1 && types[0] === 'object') return `${name}:\n${continuation}  $0`;
  return `${name}: $0`;
}

function escapeChoice(s: string): string {
  return s.replace(/[,|\\$}]/g, (c) => `\\${c}`);
}

function snippetText(snippet: DefaultSnippet): string[] | undefined {
  if (snippet.bodyText) return snippet.bodyText.split('\n');
  if (snippet.body === undefined) return undefined;
  return snippetBodyToYaml(snippet.body);
}

/** The node's own defaultSnippets as whole bodies (e.g. a component in a fresh list item). */
function snippetItems(ctx: CompletionContext, node: SchemaNode | undefined, lead: string, continuation: string): CompletionItem[] {
  const items: CompletionItem[] = [];
  for (const snippet of node?.defaultSnippets ?? []) {
    const body = snippetText(snippet);
    if (!body?.length) continue;
    const newText = [`${lead}${body[0]}`, ...body.slice(1).map((l) => `${continuation}${l}`)].join('\n');
    items.push({
      label: snippet.label ?? body[0]!,
      kind: CompletionItemKind.Snippet,
      detail: snippet.description,
      documentation: docOf(snippet.markdownDescription),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: ctx.replace, newText },
      filterText: body[0]!.replace(/:.*/, ''),
      sortText: `3${snippet.label ?? ''}`,
    });
  }
  return items;
}

/** Whole designs, offered while the document has no content besides `l2spec:` (and the word typed). */
function designItems(ctx: CompletionContext): CompletionItem[] {
  const present = [...ctx.topLevel].filter((k) => k !== 'l2spec');
  if (present.length > 0) return [];
  return designSnippets.map((d) => ({
    label: d.label,
    kind: CompletionItemKind.Snippet,
    detail: d.detail,
    documentation: docOf(`Inserts a complete ${d.label.replace('design: ', '')} spec to adapt.`),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: ctx.replace, newText: ctx.topLevel.has('l2spec') ? d.body.replace(/^l2spec: 1\n/, '') : d.body },
    filterText: `design ${d.label.replace('design: ', '')}`,
    sortText: `0${d.label}`,
    preselect: d === designSnippets[0],
  }));
}

function valueItem(value: string, description: string | undefined, ctx: CompletionContext, insert = value, kind: CompletionItemKind = CompletionItemKind.EnumMember): CompletionItem {
  return {
    label: value,
    kind,
    documentation: docOf(description),
    textEdit: { range: ctx.replace, newText: `${ctx.needsSpace ? ' ' : ''}${insert}` },
    filterText: value,
  };
}

function valueItems(ctx: CompletionContext, node: SchemaNode | undefined, result: AnalysisResult | undefined): CompletionItem[] {
  const index = ctx.index;
  const items: CompletionItem[] = [];
  const path = joinPath(ctx.segments);
  const raw = rawPropertyAt(ctx.segments);
  const isRef = isReferencePath(path) || raw?.$ref === '#/definitions/signerSetRef';
  if (isRef) {
    for (const c of componentIds(index)) {
      if (c.id === MARKER) continue;
      const component = result?.model?.componentsById.get(c.id);
      items.push({
        ...valueItem(c.id, component ? `Component of kind ${markdownCode(component.kind)}${component.threshold ? `, threshold ${component.threshold.text}` : ''}` : undefined, ctx, c.id, CompletionItemKind.Reference),
        detail: component ? plainText(`${component.kind}${component.name ? ` — ${component.name}` : ''}`) : 'component',
        sortText: `0${c.id}`,
      });
    }
    if (/upgrade\.authority$/.test(path)) items.push(valueItem('none', 'Nobody can upgrade: the custody logic is immutable.', ctx));
    return items;
  }
  for (const v of enumValues(node)) items.push(valueItem(v.value, v.description, ctx));
  const types = typesOf(node);
  if (types.includes('boolean')) for (const b of ['true', 'false']) items.push(valueItem(b, undefined, ctx, b, CompletionItemKind.Value));
  if (node?.title === 'Threshold' || /threshold$/i.test(path)) items.push(...thresholdItems(ctx, ctx.index));
  else {
    for (const example of node?.examples ?? []) {
      if (typeof example === 'object' || example === null) continue;
      const text = String(example);
      if (items.some((i) => i.label === text)) continue;
      items.push({ ...valueItem(text, undefined, ctx, text, CompletionItemKind.Value), sortText: `5${text}` });
    }
  }
  if (isObjectNode(node) && ctx.needsSpace === false) {
    // `key: |` on an object field: its snippets can start on the next line.
    for (const snippet of node?.defaultSnippets ?? []) {
      const body = snippetText(snippet);
      if (!body?.length || !/^[\w-]+:/.test(body[0]!)) continue;
      items.push({
        label: snippet.label ?? 'snippet',
        kind: CompletionItemKind.Snippet,
        detail: snippet.description,
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: ctx.replace, newText: `\n${body.map((l) => `  ${l}`).join('\n')}` },
        sortText: `4${snippet.label ?? ''}`,
      });
    }
  }
  return items;
}

/** Thresholds that fit the set's size (from the sibling `operators`), at 2/3, 3/4 and n-of-n. */
function thresholdItems(ctx: CompletionContext, index: YamlIndex): CompletionItem[] {
  const parent = ctx.segments.slice(0, -1);
  const operators = index.byPath.get(joinPath([...parent, 'operators']))?.scalar;
  const n = typeof operators === 'number' && operators > 0 && operators < 10000 ? operators : undefined;
  const candidates: [string, string][] = [];
  if (n) {
    const two = Math.ceil((2 * n) / 3);
    const three = Math.ceil((3 * n) / 4);
    candidates.push([`${two}-of-${n}`, 'Two thirds of the members: a minority cannot move funds, a third can be lost.']);
    if (three !== two) candidates.push([`${three}-of-${n}`, 'Three quarters: what L2BEAT asks of a security council.']);
    candidates.push([`${n}-of-${n}`, 'Every member must sign: safest against theft, but one lost key freezes funds.']);
  } else {
    candidates.push(['2-of-3', ''], ['5-of-9', ''], ['11-of-15', '']);
  }
  return candidates.filter(([t]) => parseThreshold(t)).map(([t, why], i) => ({ ...valueItem(t, why || undefined, ctx, t, CompletionItemKind.Value), sortText: `1${i}` }));
}
