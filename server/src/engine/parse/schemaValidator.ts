// The spec schema's validator. Tests and tools running the TypeScript sources compile it here at
// run time; the bundles (scripts/build.mjs) replace this module with ajv standalone code generated
// at build time, with the same options, so the CLI does not compile the schema on every start.
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import schema from '../../../../schemas/l2spec.schema.json';

/** Options shared with the build-time generation in scripts/build.mjs: keep them equal. */
export const VALIDATOR_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

/** A validator for schemas/l2spec.schema.json. */
export function createValidator(): ValidateFunction {
  return new Ajv(VALIDATOR_OPTIONS).compile(schema);
}
