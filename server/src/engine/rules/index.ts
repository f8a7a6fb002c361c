// The rule catalogue. Trust rules check the model; format rules are reported by the parser stage.
// Every rule lives in its own file with its metadata beside its check.
import type { Rule, RuleMeta } from '../types.js';
import { meta as syntaxError } from './format/syntaxError.js';
import { meta as schemaViolation } from './format/schemaViolation.js';
import { meta as unknownKey } from './format/unknownKey.js';
import { meta as invalidThreshold } from './format/invalidThreshold.js';
import { meta as danglingReference } from './format/danglingReference.js';
import { meta as duplicateId } from './format/duplicateId.js';
import { meta as suppressionProblem } from './format/suppressionProblem.js';
import { meta as unsupportedDocument } from './format/unsupportedDocument.js';
import { meta as internalError } from './format/internalError.js';
import { meta as hiddenCharacters } from './format/hiddenCharacters.js';
import { meta as backingCycle } from './format/backingCycle.js';
import { trustRules } from './trust.js';

export const formatRules: readonly RuleMeta[] = [
  syntaxError, schemaViolation, unknownKey, invalidThreshold, danglingReference, duplicateId,
  suppressionProblem, unsupportedDocument, internalError, hiddenCharacters, backingCycle,
];

export const rules: readonly Rule[] = trustRules;

/** Every rule's metadata, format rules first, by ID. */
export const catalogue: ReadonlyMap<string, RuleMeta> = new Map(
  [...formatRules, ...trustRules.map((r) => r.meta)].map((m) => [m.id, m]),
);
