// Validates the spec's plain value against schemas/l2spec.schema.json (the same schema users see in
// hover and completion) and turns ajv's errors into precise, readable problems.
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../../../schemas/l2spec.schema.json';
import { createValidator } from './schemaValidator.js';
import { closest, quoted } from './didYouMean.js';
import { oneLineVisible } from '../visible.js';

export interface SchemaProblem {
  ruleId: 'L2S-FMT-002' | 'L2S-FMT-003';
  path: string;
  /** Point at the key rather than the value (unknown keys). */
  key: boolean;
  message: string;
  /** A replacement for an unknown key or a mistyped enum value, when one is likely. */
  suggestion?: string;
  /** For a missing required key: its name. */
  missing?: string;
}

let validator: ValidateFunction | undefined;
function validate(): ValidateFunction {
  // Created once per process (precompiled in the bundles, see schemaValidator.ts).
  validator ??= createValidator();
  return validator;
}

export const specSchema: unknown = schema;

export function checkSchema(value: unknown): SchemaProblem[] {
  const fn = validate();
  if (fn(value)) return [];
  const errors = relevantErrors(fn.errors ?? [], value);
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const problem = describe(error);
    const key = `${problem.path}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return oneProblemPerValue(problems);
}

/**
 * A value that fails every branch of an anyOf whose branches are shared definitions gets one
 * error per branch plus the combinator's own: keep the most helpful — one with a did-you-mean
 * suggestion, else the specific ones — and drop "must match a schema in anyOf" when a more
 * specific problem names the same value.
 */
function oneProblemPerValue(problems: SchemaProblem[]): SchemaProblem[] {
  const byPath = new Map<string, SchemaProblem[]>();
  for (const p of problems) {
    if (p.key) continue;
    const list = byPath.get(p.path) ?? [];
    list.push(p);
    byPath.set(p.path, list);
  }
  const drop = new Set<SchemaProblem>();
  for (const list of byPath.values()) {
    if (list.length < 2) continue;
    const suggested = list.find((p) => p.suggestion);
    for (const p of list) {
      if (suggested ? p !== suggested : / must match a schema in anyOf\.$/.test(p.message)) drop.add(p);
    }
  }
  return drop.size ? problems.filter((p) => !drop.has(p)) : problems;
}

function toPath(instancePath: string): string {
  return instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).join('.');
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * With allErrors, a failing anyOf/oneOf reports every branch. Keep only the errors of branches
 * whose type matches the value (the author's evident intent); fall back to the combinator error.
 */
function relevantErrors(errors: ErrorObject[], root: unknown): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  if (combinators.length === 0) return errors;
  const drop = new Set<ErrorObject>();
  for (const combinator of combinators) {
    const prefix = `${combinator.schemaPath}/`;
    const branchErrors = errors.filter((e) => e.schemaPath.startsWith(prefix) && e.instancePath.startsWith(combinator.instancePath));
    const value = valueAt(root, combinator.instancePath);
    const matching = branchErrors.filter((e) => {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      const branchSchema = (combinator.schema as unknown[] | undefined)?.[Number(branch)] as { type?: string | string[] } | undefined;
      return branchSchema?.type === undefined || typeMatches(branchSchema.type, value);
    });
    for (const e of branchErrors) if (!matching.includes(e)) drop.add(e);
    if (matching.length > 0) drop.add(combinator);
  }
  return errors.filter((e) => !drop.has(e));
}

function valueAt(root: unknown, instancePath: string): unknown {
  let v: unknown = root;
  for (const seg of instancePath.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return v;
}

function typeMatches(type: string | string[], value: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  const actual = jsonType(value);
  return types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function shown(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return oneLineVisible(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

function describe(e: ErrorObject): SchemaProblem {
  const path = toPath(e.instancePath);
  const where = path || 'the document';
  const parent = e.parentSchema as { title?: string; examples?: unknown[]; properties?: Record<string, unknown>; type?: string | string[]; patternErrorMessage?: string } | undefined;
  const title = parent?.title ? ` (${parent.title})` : '';
  // `key:` with nothing after it is null in YAML: say "empty" on the key, whatever check failed
  // (one message for all of them, so the deduplication keeps one finding).
  if (e.data === null && e.keyword !== 'required' && e.keyword !== 'additionalProperties' && path) {
    return { ruleId: 'L2S-FMT-002', path, key: true, message: `${where}${title} is empty; give it a value or remove the key.` };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys(parent?.properties ?? {});
      const suggestion = closest(name, allowed);
      return {
        ruleId: 'L2S-FMT-003', path: join(path, name), key: true, suggestion,
        message: `Unknown key ${quoted(name)} in ${where}${suggestion ? `; did you mean "${suggestion}"?` : allowed.length ? `; expected one of: ${allowed.join(', ')}.` : '.'}`,
      };
    }
    case 'required': {
      const name = String((e.params as { missingProperty: string }).missingProperty);
      return { ruleId: 'L2S-FMT-002', path, key: true, missing: name, message: `Missing required key ${quoted(name)} in ${where}.` };
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const suggestion = typeof e.data === 'string' ? closest(e.data, allowed) : undefined;
      return {
        ruleId: 'L2S-FMT-002', path, key: false, suggestion,
        message: `${shown(e.data)} is not a valid value for ${where}${title}${suggestion ? `; did you mean "${suggestion}"?` : `; expected one of: ${allowed.join(', ')}.`}`,
      };
    }
    case 'const':
      return { ruleId: 'L2S-FMT-002', path, key: false, message: `${where}${title} must be ${shown((e.params as { allowedValue: unknown }).allowedValue)}, not ${shown(e.data)}.` };
    case 'type':
      return { ruleId: 'L2S-FMT-002', path, key: false, message: `${where}${title} must be ${article(String((e.params as { type: string }).type))}, not ${article(jsonType(e.data))}.` };
    case 'minimum':
    case 'maximum':
      // A number where a string form is the norm (e.g. `delay: 5` for a duration): say which form is wanted.
      if (Array.isArray(parent?.type) && parent.type.includes('string')) return invalidForm(e, path, where, parent);
      return { ruleId: 'L2S-FMT-002', path, key: false, message: `${where}${title} ${e.message ?? 'is out of range'}, not ${shown(e.data)}.` };
    case 'pattern':
      return invalidForm(e, path, where, parent);
    default:
      return { ruleId: 'L2S-FMT-002', path, key: false, message: `${where}${title}: ${e.message ?? 'invalid value'}.` };
  }
}

function invalidForm(e: ErrorObject, path: string, where: string, parent: { title?: string; examples?: unknown[]; patternErrorMessage?: string } | undefined): SchemaProblem {
  const examples = parent?.examples?.length ? `; for example ${parent.examples.slice(0, 3).map(shown).join(', ')}` : '';
  const hint = parent?.patternErrorMessage ? `. ${parent.patternErrorMessage}` : `${examples}.`;
  return { ruleId: 'L2S-FMT-002', path, key: false, message: `${shown(e.data)} is not a valid ${parent?.title ?? 'value'} for ${where}${hint}` };
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
