// Reads the spec's JSON Schema (schemas/l2spec.schema.json, the same one the engine validates
// with) for editor features: the node that documents a YAML path, its keys, enum values and
// snippets. `$ref`s to local definitions are followed; keywords written beside a `$ref` win
// over the definition's (a field's own title and description are more specific).
import { specSchema } from '../engine/index.js';
import type { Segment } from './specIndex.js';

export interface DefaultSnippet {
  label?: string;
  description?: string;
  markdownDescription?: string;
  body?: unknown;
  bodyText?: string;
}

export interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  enumDescriptions?: string[];
  markdownEnumDescriptions?: string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  examples?: unknown[];
  default?: unknown;
  defaultSnippets?: DefaultSnippet[];
  definitions?: Record<string, SchemaNode>;
  pattern?: string;
  deprecationMessage?: string;
}

const root = specSchema as SchemaNode;

/** Follows `$ref` (local definitions only) and merges the referring node's own keywords on top. */
export function resolve(node: SchemaNode | undefined, depth = 0): SchemaNode | undefined {
  if (!node || depth > 16) return node;
  if (!node.$ref) return node;
  const target = lookupRef(node.$ref);
  if (!target) return node;
  const { $ref: _ignored, ...own } = node;
  const base = resolve(target, depth + 1) ?? {};
  return { ...base, ...own };
}

function lookupRef(ref: string): SchemaNode | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node as SchemaNode | undefined;
}

/** Branches of a combinator, resolved, or the node itself. */
function alternatives(node: SchemaNode): SchemaNode[] {
  const branches = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])].map((b) => resolve(b)!).filter(Boolean);
  return branches.length ? [node, ...branches] : [node];
}

/** The schema node documenting the value at a path ([] = the document). */
export function schemaAt(segments: readonly Segment[]): SchemaNode | undefined {
  let node = resolve(root);
  for (const segment of segments) {
    if (!node) return undefined;
    let next: SchemaNode | undefined;
    for (const alt of alternatives(node)) {
      if (typeof segment === 'number') {
        if (alt.items) next = resolve(alt.items);
      } else if (alt.properties && Object.prototype.hasOwnProperty.call(alt.properties, segment)) {
        next = resolve(alt.properties[segment]);
      }
      if (next) break;
    }
    node = next;
  }
  return node;
}

/** The raw (unresolved) property node, to see whether a field is a component reference. */
export function rawPropertyAt(segments: readonly Segment[]): SchemaNode | undefined {
  if (segments.length === 0) return root;
  const parent = schemaAt(segments.slice(0, -1));
  const last = segments[segments.length - 1]!;
  if (!parent) return undefined;
  for (const alt of alternatives(parent)) {
    if (typeof last === 'number' && alt.items) return alt.items;
    if (typeof last === 'string' && alt.properties?.[last]) return alt.properties[last];
  }
  return undefined;
}

/** Properties a mapping at this schema node may have. */
export function propertiesOf(node: SchemaNode | undefined): Record<string, SchemaNode> {
  const props: Record<string, SchemaNode> = {};
  if (!node) return props;
  for (const alt of alternatives(node)) Object.assign(props, alt.properties ?? {});
  return props;
}

export function typesOf(node: SchemaNode | undefined): string[] {
  if (!node) return [];
  const set = new Set<string>();
  for (const alt of alternatives(node)) {
    const t = alt.type;
    if (Array.isArray(t)) t.forEach((x) => set.add(x));
    else if (t) set.add(t);
    if (alt.enum || alt.const !== undefined) set.add('string');
  }
  return [...set];
}

export interface EnumValue {
  value: string;
  description?: string;
}

/** Enum (or const) values a node allows, with their descriptions. */
export function enumValues(node: SchemaNode | undefined): EnumValue[] {
  if (!node) return [];
  const values: EnumValue[] = [];
  for (const alt of alternatives(node)) {
    if (alt.const !== undefined) values.push({ value: String(alt.const), description: alt.markdownDescription ?? alt.description });
    (alt.enum ?? []).forEach((v, i) => values.push({ value: String(v), description: alt.markdownEnumDescriptions?.[i] ?? alt.enumDescriptions?.[i] }));
    // A string alternative fixed by a pattern like ^none$ is a keyword the author can type.
    const keyword = alt.pattern && /^\^([a-z-]+)\$$/.exec(alt.pattern);
    if (keyword && !values.some((v) => v.value === keyword[1])) values.push({ value: keyword[1]!, description: alt.markdownDescription ?? alt.description });
  }
  return values;
}

export function enumDescription(node: SchemaNode | undefined, value: string): string | undefined {
  return enumValues(node).find((v) => v.value === value)?.description;
}

/** Markdown documenting a field: title, description, allowed values and examples. */
export function fieldDoc(node: SchemaNode | undefined, opts: { withValues?: boolean } = {}): string | undefined {
  if (!node) return undefined;
  const parts: string[] = [];
  if (node.title) parts.push(`**${node.title}**`);
  const text = node.markdownDescription ?? node.description;
  if (text) parts.push(text);
  if (opts.withValues) {
    const values = enumValues(node);
    if (values.length) parts.push(`Allowed: ${values.map((v) => `\`${v.value}\``).join(' · ')}`);
    const examples = (node.examples ?? []).filter((e) => typeof e !== 'object');
    if (!values.length && examples.length) parts.push(`Examples: ${examples.map((e) => `\`${String(e)}\``).join(', ')}`);
  }
  return parts.length ? parts.join('\n\n') : undefined;
}

export function isObjectNode(node: SchemaNode | undefined): boolean {
  return typesOf(node).includes('object') || Object.keys(propertiesOf(node)).length > 0;
}

export function isArrayNode(node: SchemaNode | undefined): boolean {
  return typesOf(node).includes('array') || Boolean(node?.items);
}

/** Where a key is documented in the spec schema: its paths (`pegs[].threshold`) and its hover text. */
export interface KeyDoc {
  /** Dotted paths of every place the key can be written, lists as `[]`. */
  paths: string[];
  /** The hover's Markdown for the key (fieldDoc with its allowed values). */
  markdown: string;
}

let keyIndex: Map<string, { path: string; node: SchemaNode }[]> | undefined;

/** Every property name of the schema with the nodes documenting it, built once (bounded depth). */
function keysOfSchema(): Map<string, { path: string; node: SchemaNode }[]> {
  if (keyIndex) return keyIndex;
  const index = new Map<string, { path: string; node: SchemaNode }[]>();
  const seen = new Set<string>();
  const walk = (node: SchemaNode | undefined, path: string, depth: number): void => {
    if (!node || depth > 8) return;
    for (const alt of alternatives(node)) {
      if (alt.items) walk(resolve(alt.items), `${path}[]`, depth + 1);
      for (const [name, raw] of Object.entries(alt.properties ?? {})) {
        const child = `${path ? `${path}.` : ''}${name}`;
        if (seen.has(child)) continue;
        seen.add(child);
        const resolved = resolve(raw);
        if (!resolved) continue;
        const list = index.get(name) ?? [];
        list.push({ path: child, node: resolved });
        index.set(name, list);
        walk(resolved, child, depth + 1);
      }
    }
  };
  walk(resolve(root), '', 0);
  return (keyIndex = index);
}

/** Every key name the spec format knows (for did-you-mean). */
export function schemaKeyNames(): string[] {
  return [...keysOfSchema().keys()];
}

/**
 * What the hover says about a key, for a key name without a path (`l2spec explain threshold`):
 * one entry per distinct documentation, with every path it applies to. Case-sensitive, as YAML
 * keys are; [] for a name the format does not know.
 */
export function keyDocs(name: string): KeyDoc[] {
  const out: KeyDoc[] = [];
  for (const { path, node } of keysOfSchema().get(name.trim()) ?? []) {
    const markdown = fieldDoc(node, { withValues: true });
    if (!markdown) continue;
    const same = out.find((d) => d.markdown === markdown);
    if (same) same.paths.push(path);
    else out.push({ paths: [path], markdown });
  }
  return out;
}
