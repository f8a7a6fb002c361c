// Outline and component-id navigation: document symbols, go-to-definition, find references,
// rename (definition + every reference) and prepareRename (only ids can be renamed).
import { SymbolKind, type DocumentSymbol, type Location, type Position, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { componentIds, componentReferences, toRange, type IndexEntry, type YamlIndex } from './specIndex.js';

const SECTION_KIND: Record<string, SymbolKind> = {
  l2spec: SymbolKind.Constant,
  system: SymbolKind.Module,
  l1: SymbolKind.Namespace,
  components: SymbolKind.Namespace,
  pegs: SymbolKind.Namespace,
};

function entrySpan(entry: IndexEntry): [number, number] {
  const start = entry.key ? Math.min(entry.key[0], entry.value[0]) : entry.value[0];
  return [start, Math.max(entry.value[1], entry.key?.[1] ?? 0)];
}

function childrenOf(index: YamlIndex, entry: IndexEntry): IndexEntry[] {
  const depth = entry.segments.length + 1;
  const prefix = `${entry.path}.`;
  return index.entries.filter((e) => e.segments.length === depth && e.path.startsWith(prefix));
}

function scalarAt(index: YamlIndex, path: string): string | undefined {
  const v = index.byPath.get(path)?.scalar;
  return v === undefined || v === null ? undefined : String(v);
}

export function documentSymbols(index: YamlIndex): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  for (const top of index.entries.filter((e) => e.segments.length === 1 && e.key)) {
    const name = String(top.segments[0]);
    const range = toRange(index, entrySpan(top));
    const symbol: DocumentSymbol = { name, kind: SECTION_KIND[name] ?? SymbolKind.Namespace, range, selectionRange: toRange(index, top.key!), children: [] };
    if (name === 'system') symbol.detail = scalarAt(index, 'system.name');
    if (top.kind === 'scalar') symbol.detail = String(top.scalar);
    if (name === 'components' || name === 'pegs') {
      for (const item of childrenOf(index, top)) {
        const id = scalarAt(index, `${item.path}.id`) ?? `#${String(item.segments[1])}`;
        const detail = name === 'components' ? scalarAt(index, `${item.path}.kind`) : scalarAt(index, `${item.path}.custody`);
        const idEntry = index.byPath.get(`${item.path}.id`);
        const itemRange = toRange(index, item.value);
        symbol.children!.push({
          name: id,
          detail,
          kind: name === 'components' ? SymbolKind.Object : SymbolKind.Struct,
          range: itemRange,
          selectionRange: idEntry ? toRange(index, idEntry.value) : itemRange,
        });
      }
    } else if (top.kind === 'map') {
      for (const child of childrenOf(index, top)) {
        if (!child.key) continue;
        symbol.children!.push({
          name: String(child.segments[1]),
          detail: child.kind === 'scalar' ? String(child.scalar) : undefined,
          kind: child.kind === 'map' ? SymbolKind.Object : child.kind === 'seq' ? SymbolKind.Array : SymbolKind.Property,
          range: toRange(index, entrySpan(child)),
          selectionRange: toRange(index, child.key),
        });
      }
    }
    symbols.push(symbol);
  }
  return symbols;
}

interface IdAt {
  id: string;
  span: [number, number];
  isDefinition: boolean;
}

/** The component id (definition or reference) under the offset. */
export function idAt(index: YamlIndex, offset: number): IdAt | undefined {
  for (const d of componentIds(index)) if (d.span[0] <= offset && offset <= d.span[1]) return { id: d.id, span: d.span, isDefinition: true };
  for (const r of componentReferences(index)) if (r.span[0] <= offset && offset <= r.span[1]) return { id: r.id, span: r.span, isDefinition: false };
  return undefined;
}

export function definition(doc: TextDocument, index: YamlIndex, position: Position): Location[] {
  const at = idAt(index, doc.offsetAt(position));
  if (!at) return [];
  return componentIds(index).filter((d) => d.id === at.id).map((d) => ({ uri: doc.uri, range: toRange(index, d.span) }));
}

export function references(doc: TextDocument, index: YamlIndex, position: Position, includeDeclaration: boolean): Location[] {
  const at = idAt(index, doc.offsetAt(position));
  if (!at) return [];
  const spans: [number, number][] = [];
  // Loops, not push(...): a spread of more than ~100,000 references would overflow the stack.
  if (includeDeclaration) for (const d of componentIds(index)) if (d.id === at.id) spans.push(d.span);
  for (const r of componentReferences(index)) if (r.id === at.id) spans.push(r.span);
  return spans.sort((a, b) => a[0] - b[0]).map((s) => ({ uri: doc.uri, range: toRange(index, s) }));
}

export const COMPONENT_ID = /^[a-z][a-z0-9-]*$/;

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };

export function prepareRename(doc: TextDocument, index: YamlIndex, position: Position): PrepareRenameResult {
  const at = idAt(index, doc.offsetAt(position));
  if (!at) return { error: 'Only component ids (under components: or where a component is referenced) can be renamed.' };
  if (!at.isDefinition && !componentIds(index).some((d) => d.id === at.id)) return { error: `"${at.id}" does not name a declared component; declare it before renaming.` };
  return { range: toRange(index, at.span), placeholder: at.id };
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string };

export function rename(doc: TextDocument, index: YamlIndex, position: Position, newName: string): RenameResult {
  const prepared = prepareRename(doc, index, position);
  if ('error' in prepared) return prepared;
  const id = prepared.placeholder;
  if (!COMPONENT_ID.test(newName) || newName === 'none') return { error: `"${newName}" is not a valid component id: use lower-case letters, digits and hyphens, starting with a letter (and not "none").` };
  if (newName !== id && componentIds(index).some((d) => d.id === newName)) return { error: `A component with id "${newName}" already exists.` };
  const edits: TextEdit[] = references(doc, index, position, true).map((loc) => ({ range: loc.range, newText: newName }));
  return { edit: { changes: { [doc.uri]: edits } } };
}
