// Small spec models for the assessment tests, built from YAML through the real model builder
// (not analyze(), so the trust rules cannot influence what assess() is given).
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { buildModel } from '../../../server/src/engine/parse/buildModel.js';
import type { SpecModel } from '../../../server/src/engine/model.js';
import type { Finding, Rated, Reason } from '../../../server/src/engine/types.js';

/** A model from a YAML fragment; `l2spec: 1` and a system name are added when missing. */
export function model(yaml: string): SpecModel {
  return modelOf((parse(yaml) ?? {}) as Record<string, unknown>);
}

/** A model from the plain value of a spec (what YAML parsing yields). */
export function modelOf(value: Record<string, unknown>): SpecModel {
  const root: Record<string, unknown> = { l2spec: 1, ...value };
  root.system = { name: 'Test', ...((value.system as object | undefined) ?? {}) };
  return buildModel(root).model;
}

/** The reason whose text matches `pattern` (fails the test when there is none). */
export function reason(rated: Rated<string>, pattern: RegExp): Reason {
  const found = rated.reasons.find((r) => pattern.test(r.text));
  assert.ok(found, `no reason matches ${pattern}; reasons were:\n${rated.reasons.map((r) => `  - ${r.text}`).join('\n')}`);
  return found;
}

/** Asserts the value and that some reason matches `pattern` (and points at `path`, when given). */
export function expectRated<T extends string>(rated: Rated<T>, value: T, pattern: RegExp, path?: string): void {
  assert.equal(rated.value, value, `expected ${value}, got ${rated.value}; reasons:\n${rated.reasons.map((r) => `  - ${r.text} @ ${r.path ?? ''}`).join('\n')}`);
  const r = reason(rated, pattern);
  if (path !== undefined) assert.equal(r.path, path, `reason "${r.text}" points at ${r.path}, expected ${path}`);
}

/** A finding as analyze() would pass it on (only the fields assess() reads matter). */
export function finding(ruleId: string, severity: Finding['severity'], axis: Finding['axis'], path = 'pegs.0'): Finding {
  const zero = { line: 0, character: 0 };
  return { ruleId, severity, axis, path, message: `test finding ${ruleId}`, range: { start: zero, end: zero } };
}
