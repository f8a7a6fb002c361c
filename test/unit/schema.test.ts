// The JSON Schemas are user documentation (hover, completion, snippets) as much as validation,
// so besides accept/reject cases this checks every property is documented, every enum value
// explained, every example and snippet valid, and that the documented example in
// docs/spec-format.md stays valid.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { getLanguageService } from 'yaml-language-server/lib/umd/languageservice/yamlLanguageService.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../server/src/engine/index.js';

const root = resolve(__dirname, '../..');
const specSchemaText = readFileSync(resolve(root, 'schemas/l2spec.schema.json'), 'utf8');
const configSchemaText = readFileSync(resolve(root, 'schemas/l2spec-config.schema.json'), 'utf8');
const specSchema = JSON.parse(specSchemaText) as Schema;
const configSchema = JSON.parse(configSchemaText) as Schema;
const docText = readFileSync(resolve(root, 'docs/spec-format.md'), 'utf8');

type Schema = Record<string, any>;

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(specSchema, 'spec');
  ajv.addSchema(configSchema, 'config');
  return ajv;
}
const ajv = newAjv();
const validateSpec = ajv.getSchema('spec') as ValidateFunction;
const validateConfig = ajv.getSchema('config') as ValidateFunction;

function errorsOf(v: ValidateFunction, data: unknown): string[] {
  return v(data) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}
function assertValid(v: ValidateFunction, data: unknown, what: string): void {
  const errors = errorsOf(v, data);
  assert.deepEqual(errors, [], `${what} should be valid`);
}
function assertInvalid(v: ValidateFunction, data: unknown, pathFragment: string): void {
  assert.equal(v(data), false, `expected ${JSON.stringify(data)} to be rejected`);
  assert.ok(
    (v.errors ?? []).some((e) => e.instancePath === pathFragment || e.instancePath.startsWith(pathFragment + '/')),
    `expected an error at ${pathFragment}, got ${JSON.stringify(v.errors?.map((e) => e.instancePath + ' ' + e.message))}`,
  );
}

/** The first ```yaml block of the "Complete example" section of docs/spec-format.md. */
function docExample(): string {
  const section = docText.slice(docText.indexOf('## Complete example'));
  const m = /```yaml\n([\s\S]*?)```/.exec(section);
  assert.ok(m, 'docs/spec-format.md has a yaml block under "## Complete example"');
  return m[1];
}

const minimal = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ l2spec: 1, system: { name: 'Test' }, ...extra });

/** A federated sidechain in the style of Liquid, written independently of the docs example. */
const federatedSidechain = {
  l2spec: 1,
  system: { name: 'Federated sidechain', family: 'sidechain', claims: ['sidechain'], description: 'Federation-run chain.' },
  l1: { host: 'bitcoin', settlement: 'anchored', anchoring: { what: ['checkpoints'], interval: '1 day', bridgeFinalizesOnAnchor: false } },
  components: [
    { id: 'functionaries', kind: 'federation', name: 'Functionaries', operators: 15, threshold: '11-of-15', external: 12, publiclyKnown: 'partial', hsm: true, openSource: true, permissionless: false },
    { id: 'miners', kind: 'miners', hashrateShare: 0.3 },
    { id: 'validators', kind: 'validators', operators: 21, stakeBtc: 120.5 },
  ],
  pegs: [
    {
      id: 'main-peg', asset: 'L-BTC', custody: 'federation-multisig', signers: 'functionaries', threshold: '11-of-15',
      emergencyRecovery: { signers: { operators: 3, threshold: '2-of-3', publiclyKnown: 'none', kind: 'signer-set' }, threshold: '2-of-3', timelock: '4032 blocks' },
      upgrade: { authority: 'functionaries', delay: 'instant' }, mintTrigger: 'federation', pegInConfirmations: 102,
      collateralBtc: 0, valueAtRiskBtc: 3500, depositSizeBtc: 0.5, withdrawalsPermissioned: true,
    },
    { id: 'legacy', emergencyRecovery: 'none', upgrade: { authority: 'none' } },
  ],
  exits: {
    unilateral: false, mechanism: 'federation-peg-out', delay: 0,
    forcedInclusion: { mode: 'none', maxDelay: '0' }, proposerFallback: 'none',
    watchtowers: { required: false, set: { permissionless: true }, permissionless: true },
    vtxoExpiry: '4 weeks', outOfRoundTrusted: false,
  },
  dataAvailability: { location: 'alt-consensus', committee: 'functionaries', daBridge: false, nodeOpenSource: true, permissionedAccess: true, backup: false },
  stateValidation: { mechanism: 'consensus', challengers: 'functionaries', challengePeriod: '2.5h', proofSystem: 'single-round', proverSource: 'closed' },
  finality: { source: 'federation', provableKeyDeletion: false },
  governance: {
    upgradeDelay: '48 hrs', upgradeable: true, securityCouncil: { operators: 8, threshold: '6-of-8', external: 5 },
    councilScope: 'unlimited', pause: 'single-party', blacklist: 'multisig', tokenUpgradeDelay: '90 mins',
  },
  transparency: { nodeSource: 'source-available', contractsVerified: false, audits: ['Auditor, 2024-01'], operatorsDisclosed: false },
};

// ---------------------------------------------------------------- schema walking

interface Visit {
  schema: Schema;
  /** JSON pointer inside the schema document. */
  pointer: string;
  /** Set when the schema is the value of a `properties` / `patternProperties` entry. */
  property?: string;
}

/** Every subschema reachable in the document (not following $ref: definitions are walked in place). */
function walk(schema: Schema): Visit[] {
  const out: Visit[] = [];
  const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  const visit = (s: unknown, pointer: string, property?: string) => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return;
    const sch = s as Schema;
    out.push({ schema: sch, pointer, property });
    for (const key of ['properties', 'patternProperties', 'definitions']) {
      for (const [k, v] of Object.entries((sch[key] ?? {}) as Schema)) visit(v, `${pointer}/${key}/${esc(k)}`, key === 'definitions' ? undefined : k);
    }
    // A map's value schema (keys constrained by propertyNames) documents each entry like a property.
    if (sch.additionalProperties && typeof sch.additionalProperties === 'object') visit(sch.additionalProperties, `${pointer}/additionalProperties`, '(entry)');
    if (sch.items) visit(sch.items, `${pointer}/items`);
    for (const key of ['anyOf', 'oneOf', 'allOf']) (sch[key] as unknown[] | undefined)?.forEach((v, i) => visit(v, `${pointer}/${key}/${i}`));
    for (const key of ['not', 'propertyNames', 'if', 'then', 'else']) if (sch[key]) visit(sch[key], `${pointer}/${key}`);
  };
  visit(schema, '');
  return out;
}

/** Follows a local $ref (one level is all these schemas use). */
function deref(doc: Schema, s: Schema): Schema {
  if (typeof s.$ref !== 'string') return s;
  const target = s.$ref.replace(/^#\//, '').split('/').reduce((o: Schema, k: string) => o[k], doc);
  return { ...target, ...s };
}

const isObjectSchema = (s: Schema) => s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')) || 'properties' in s || 'patternProperties' in s;

/** Turns a VS Code snippet body into the value a user gets when accepting every default. */
function fillSnippet(body: unknown): unknown {
  const fillText = (t: string) => t.replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
  if (typeof body === 'string') {
    const text = fillText(body);
    // A leading ^ asks the editor to insert the text as a raw YAML scalar (number, boolean).
    return body.startsWith('^') ? parseYaml(text.slice(1)) : text;
  }
  if (Array.isArray(body)) return body.map(fillSnippet);
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, v]) => [fillText(k), fillSnippet(v)]));
  return body;
}

for (const [name, doc, id] of [['l2spec.schema.json', specSchema, 'spec'], ['l2spec-config.schema.json', configSchema, 'config']] as const) {
  describe(`schemas/${name}: documentation quality`, () => {
    const visits = walk(doc);

    it('is a draft-07 schema that compiles with ajv 8 (non-strict)', () => {
      assert.equal(doc.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.ok(!('$defs' in doc), 'use "definitions" for draft-07 tooling');
      assert.doesNotThrow(() => new Ajv({ allErrors: true, strict: false }).compile(doc));
    });

    it('documents every property with title, description, markdownDescription and examples', () => {
      const props = visits.filter((v) => v.property !== undefined);
      assert.ok(props.length >= 3, 'the walk finds the properties');
      for (const v of props) {
        for (const key of ['title', 'description', 'markdownDescription']) {
          assert.equal(typeof v.schema[key], 'string', `${v.pointer} needs ${key}`);
          assert.ok((v.schema[key] as string).trim().length > 0, `${v.pointer} has an empty ${key}`);
        }
        assert.ok(Array.isArray(v.schema.examples) && v.schema.examples.length > 0, `${v.pointer} needs examples`);
        assert.ok(!/[*`]/.test(v.schema.description), `${v.pointer}: description is plain text (markdown belongs in markdownDescription)`);
      }
    });

    it('explains every enum value in enumDescriptions and markdownEnumDescriptions', () => {
      const enums = visits.filter((v) => Array.isArray(v.schema.enum));
      assert.ok(enums.length > 0);
      for (const v of enums) {
        const n = v.schema.enum.length;
        assert.equal(new Set(v.schema.enum).size, n, `${v.pointer}: duplicate enum values`);
        for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
          assert.ok(Array.isArray(v.schema[key]), `${v.pointer} needs ${key}`);
          assert.equal(v.schema[key].length, n, `${v.pointer}: ${key} must have one entry per value`);
          for (const d of v.schema[key]) assert.ok(typeof d === 'string' && d.trim().length > 10, `${v.pointer}: ${key} entries must say something`);
        }
      }
    });

    it('closes every object schema: additionalProperties false, or a map whose keys propertyNames restricts', () => {
      const objects = visits.filter((v) => isObjectSchema(v.schema) || v.schema.propertyNames);
      assert.ok(objects.length > 0);
      for (const v of objects) {
        if (v.schema.propertyNames) {
          // Maps keyed by an id pattern (the config's rules): unknown keys are still rejected, by pattern.
          assert.equal(typeof v.schema.propertyNames.pattern, 'string', `${v.pointer}: propertyNames must restrict keys`);
          assert.equal(typeof v.schema.additionalProperties, 'object', `${v.pointer}: map values need a schema`);
        } else {
          assert.equal(v.schema.additionalProperties, false, `${v.pointer || '(root)'} must set additionalProperties: false`);
        }
      }
    });

    it('offers defaultSnippets for every object and every array of objects', () => {
      for (const v of visits) {
        const s = deref(doc, v.schema);
        const needs = isObjectSchema(s) || (s.type === 'array' && isObjectSchema(deref(doc, s.items ?? {})));
        if (!needs) continue;
        const snippets = s.defaultSnippets ?? (s.type === 'array' ? deref(doc, s.items).defaultSnippets : undefined);
        assert.ok(Array.isArray(snippets) && snippets.length > 0, `${v.pointer || '(root)'} needs defaultSnippets`);
        for (const sn of snippets) {
          assert.equal(typeof sn.label, 'string', `${v.pointer}: snippet label`);
          assert.equal(typeof sn.description, 'string', `${v.pointer}: snippet description`);
          assert.ok('body' in sn, `${v.pointer}: snippet body`);
        }
      }
    });

    it('has examples and snippet bodies that are themselves valid', () => {
      let checked = 0;
      for (const v of visits) {
        const validate = ajv.compile({ $ref: `${id}#${v.pointer}` });
        for (const example of v.schema.examples ?? []) {
          assert.deepEqual(errorsOf(validate, example), [], `example ${JSON.stringify(example)} at ${v.pointer}`);
          checked++;
        }
        for (const sn of v.schema.defaultSnippets ?? []) {
          const value = fillSnippet(sn.body);
          // A snippet on an array's item schema inserts one item; elsewhere it is the whole value.
          assert.deepEqual(errorsOf(validate, value), [], `snippet "${sn.label}" at ${v.pointer} fills to ${JSON.stringify(value)}`);
          checked++;
        }
      }
      assert.ok(checked >= visits.filter((v) => v.property !== undefined).length, 'every property contributes at least one example');
    });
  });
}

// ---------------------------------------------------------------- spec validation

describe('schemas/l2spec.schema.json: validation', () => {
  it('accepts a minimal spec and requires l2spec: 1 (or 2, format 2) and system.name', () => {
    assertValid(validateSpec, minimal(), 'minimal spec');
    assertValid(validateSpec, { l2spec: 2, system: { name: 'x' } }, 'format 2');
    assertInvalid(validateSpec, { system: { name: 'x' } }, '');
    assertInvalid(validateSpec, { l2spec: 3, system: { name: 'x' } }, '/l2spec');
    assertInvalid(validateSpec, { l2spec: '1', system: { name: 'x' } }, '/l2spec');
    assertInvalid(validateSpec, { l2spec: 1, system: {} }, '/system');
    assertInvalid(validateSpec, { l2spec: 1 }, '');
  });

  it('accepts a full spec using every field', () => {
    assertValid(validateSpec, federatedSidechain, 'federated sidechain');
  });

  it('accepts the complete example of docs/spec-format.md', () => {
    const example = parseYaml(docExample());
    assertValid(validateSpec, example, 'docs example');
    // The example is meant to exercise every section.
    for (const key of Object.keys(specSchema.properties)) assert.ok(key in example, `docs example uses ${key}`);
  });

  it('keeps the docs example free of spec-format findings in the engine (references, thresholds, ids)', () => {
    const format = analyze(docExample(), {}).findings.filter((f) => f.axis === 'format');
    assert.deepEqual(format.map((f) => `${f.ruleId} ${f.path}: ${f.message}`), []);
  });

  it('rejects unknown keys at every level', () => {
    assertInvalid(validateSpec, minimal({ componentsById: {} }), '');
    assertInvalid(validateSpec, minimal({ system: { name: 'x', nmae: 'y' } }), '/system');
    assertInvalid(validateSpec, minimal({ components: [{ id: 'a', kind: 'operator', operator: 1 }] }), '/components/0');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', signers: { operators: 3, signers: 2 } }] }), '/pegs/0/signers');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', emergencyRecovery: { timelock: '1y', delay: '1y' } }] }), '/pegs/0/emergencyRecovery');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', upgrade: { authority: 'none', timelock: '1d' } }] }), '/pegs/0/upgrade');
    assertInvalid(validateSpec, minimal({ exits: { forcedInclusion: { mode: 'none', delay: '1d' } } }), '/exits/forcedInclusion');
    assertInvalid(validateSpec, minimal({ exits: { watchtowers: { count: 3 } } }), '/exits/watchtowers');
    assertInvalid(validateSpec, minimal({ l1: { anchoring: { every: '1d' } } }), '/l1/anchoring');
    for (const section of ['dataAvailability', 'stateValidation', 'finality', 'governance', 'transparency']) {
      assertInvalid(validateSpec, minimal({ [section]: { unknownKey: true } }), `/${section}`);
    }
  });

  it('accepts every documented duration form', () => {
    const good = ['144 blocks', '1 block', '48h', '7d', '30 days', '4 weeks', '90m', '1 year', '2 years', 'instant', '0', 0,
      '1.5d', '30s', '10 secs', '1 second', '5 mins', '2 minutes', '3 hrs', '1 hour', '2w', '1y', '12 seconds'];
    for (const d of good) assertValid(validateSpec, minimal({ exits: { delay: d } }), `duration ${JSON.stringify(d)}`);
  });

  it('rejects malformed durations', () => {
    const bad = ['7 Days', '7D', 'seven days', '7', '7 fortnights', '-1d', '1,5d', 'd7', ' 7d', '7d ', 'instantly', 5, -1, 0.5, true, '', '1 day 2 hours'];
    for (const d of bad) assertInvalid(validateSpec, minimal({ exits: { delay: d } }), '/exits/delay');
    assertInvalid(validateSpec, minimal({ governance: { upgradeDelay: '30 dayz' } }), '/governance/upgradeDelay');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', emergencyRecovery: { timelock: '4032blocks!' } }] }), '/pegs/0/emergencyRecovery/timelock');
  });

  it('accepts m-of-n thresholds and rejects other forms', () => {
    for (const t of ['11-of-15', '1-of-1', '10-of-10']) assertValid(validateSpec, minimal({ pegs: [{ id: 'p', threshold: t }] }), `threshold ${t}`);
    for (const t of ['11/15', '11 of 15', 'of-15', '11-of-', '11-OF-15', 'eleven-of-fifteen', 11, '11-of-15 ']) {
      assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', threshold: t }] }), '/pegs/0/threshold');
    }
    assertInvalid(validateSpec, minimal({ components: [{ id: 'c', kind: 'federation', threshold: '2 of 3' }] }), '/components/0/threshold');
  });

  it('rejects values outside the enums', () => {
    assertInvalid(validateSpec, minimal({ system: { name: 'x', family: 'plasma' } }), '/system/family');
    assertInvalid(validateSpec, minimal({ system: { name: 'x', claims: ['decentralized'] } }), '/system/claims/0');
    assertInvalid(validateSpec, minimal({ system: { name: 'x', claims: ['l2', 'l2'] } }), '/system/claims');
    assertInvalid(validateSpec, minimal({ components: [{ id: 'c', kind: 'sequencers' }] }), '/components/0/kind');
    assertInvalid(validateSpec, minimal({ components: [{ id: 'c', kind: 'federation', publiclyKnown: 'some' }] }), '/components/0/publiclyKnown');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', custody: 'multisig' }] }), '/pegs/0/custody');
    assertInvalid(validateSpec, minimal({ exits: { mechanism: 'peg-out' } }), '/exits/mechanism');
    assertInvalid(validateSpec, minimal({ dataAvailability: { location: 'celestia' } }), '/dataAvailability/location');
    assertInvalid(validateSpec, minimal({ stateValidation: { proofSystem: 'plonk' } }), '/stateValidation/proofSystem');
    assertInvalid(validateSpec, minimal({ finality: { source: 'miners' } }), '/finality/source');
    assertInvalid(validateSpec, minimal({ governance: { pause: 'anyone' } }), '/governance/pause');
    assertInvalid(validateSpec, minimal({ transparency: { nodeSource: 'proprietary' } }), '/transparency/nodeSource');
    assertInvalid(validateSpec, minimal({ l1: { host: 'litecoin' } }), '/l1/host');
  });

  it('checks component ids, references and numeric ranges', () => {
    assertInvalid(validateSpec, minimal({ components: [{ kind: 'operator' }] }), '/components/0');
    assertInvalid(validateSpec, minimal({ components: [{ id: 'a' }] }), '/components/0');
    for (const id of ['Fed', '1fed', 'fed_1', 'none', '']) assertInvalid(validateSpec, minimal({ components: [{ id, kind: 'federation' }] }), '/components/0/id');
    assertValid(validateSpec, minimal({ components: [{ id: 'none-such', kind: 'federation' }] }), 'an id merely starting with "none"');
    assertInvalid(validateSpec, minimal({ components: [{ id: 'm', kind: 'miners', hashrateShare: 1.2 }] }), '/components/0/hashrateShare');
    assertInvalid(validateSpec, minimal({ components: [{ id: 'm', kind: 'miners', operators: 2.5 }] }), '/components/0/operators');
    assertInvalid(validateSpec, minimal({ pegs: [{ asset: 'X' }] }), '/pegs/0');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', signers: 'Functionaries' }] }), '/pegs/0/signers');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', signers: 15 }] }), '/pegs/0/signers');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', emergencyRecovery: 'never' }] }), '/pegs/0/emergencyRecovery');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', depositSizeBtc: 0 }] }), '/pegs/0/depositSizeBtc');
    assertInvalid(validateSpec, minimal({ pegs: [{ id: 'p', valueAtRiskBtc: -1 }] }), '/pegs/0/valueAtRiskBtc');
    // Inline sets take component fields, with id and kind optional.
    assertValid(validateSpec, minimal({ governance: { securityCouncil: { id: 'council', kind: 'security-council', operators: 8 } } }), 'inline council');
    assertValid(validateSpec, minimal({ governance: { securityCouncil: {} } }), 'empty inline set');
  });

  it('rejects nulls written as empty keys', () => {
    assertInvalid(validateSpec, minimal({ exits: { delay: null } }), '/exits/delay');
    assertInvalid(validateSpec, minimal({ governance: null }), '/governance');
  });
});

describe('docs/spec-format.md', () => {
  it('documents every field of the schema', () => {
    for (const v of walk(specSchema)) {
      if (v.property === undefined) continue;
      assert.ok(docText.includes('`' + v.property + '`'), `docs/spec-format.md should mention \`${v.property}\``);
    }
  });

  it('documents suppression comments and the duration and threshold syntax', () => {
    assert.match(docText, /# l2spec-disable-next-line L2S-[A-Z]+-\d{3}, L2S-[A-Z]+-\d{3} -- \S/);
    assert.match(docText, /# l2spec-disable-file L2S-[A-Z]+-\d{3} -- \S/);
    assert.match(docText, /10 minutes/);
    assert.match(docText, /`11-of-15`/);
  });
});

// ---------------------------------------------------------------- config validation

describe('schemas/l2spec-config.schema.json: validation', () => {
  it('accepts rule overrides and file globs', () => {
    assertValid(validateConfig, {}, 'empty config');
    assertValid(validateConfig, { rules: { 'L2S-CUST-001': 'off', 'L2S-DA-002': 'critical', 'L2S-GOV-010': 'info' }, files: ['designs/**/*.yaml'] }, 'config');
    for (const s of ['critical', 'high', 'medium', 'low', 'info', 'off']) assertValid(validateConfig, { rules: { 'L2S-EXIT-003': s } }, s);
  });

  it('rejects malformed rule ids, severities and unknown keys', () => {
    for (const id of ['L2S-cust-001', 'L2S-CUST-1', 'CUST-001', 'L2S-CUST-0001', 'l2s-CUST-001']) assertInvalid(validateConfig, { rules: { [id]: 'off' } }, '/rules');
    assertInvalid(validateConfig, { rules: { 'L2S-CUST-001': 'warning' } }, '/rules/L2S-CUST-001');
    assertInvalid(validateConfig, { rules: { 'L2S-CUST-001': false } }, '/rules/L2S-CUST-001');
    assertInvalid(validateConfig, { files: 'designs/*.yaml' }, '/files');
    assertInvalid(validateConfig, { files: [''] }, '/files/0');
    assertInvalid(validateConfig, { rule: {} }, '');
  });
});

// ---------------------------------------------------------------- editor behaviour

describe('schemas in yaml-language-server (what VS Code users see)', () => {
  const specUri = 'file:///schemas/l2spec.schema.json';
  const configUri = 'file:///schemas/l2spec-config.schema.json';
  const service = getLanguageService({
    schemaRequestService: async (uri: string) => {
      if (uri === specUri) return specSchemaText;
      if (uri === configUri) return configSchemaText;
      throw new Error(`unexpected schema request ${uri}`);
    },
    workspaceContext: { resolveRelativePath: (rel: string, res: string) => new URL(rel, res).toString() },
    clientCapabilities: {
      textDocument: {
        completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'], snippetSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
  service.configure({
    validate: true, hover: true, completion: true,
    schemas: [{ uri: specUri, fileMatch: ['*.l2spec.yaml'] }, { uri: configUri, fileMatch: ['.l2spec.yaml'] }],
  });
  let n = 0;
  const docOf = (text: string, name = 'design.l2spec.yaml') => TextDocument.create(`file:///ws/${n++}/${name}`, 'yaml', 1, text);
  const hoverText = async (text: string, line: number, character: number) => {
    const h = await service.doHover(docOf(text), { line, character });
    return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
  };

  it('reports no problems in the docs example', async () => {
    const diagnostics = await service.doValidation(docOf(docExample()), false);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
  });

  it('reports unknown keys and bad durations with readable messages', async () => {
    const diagnostics = await service.doValidation(docOf('l2spec: 1\nsystem:\n  name: X\nexits:\n  delay: 7 Days\n  dealy: 7d\n'), false);
    const messages = diagnostics.map((d) => `${d.range.start.line}: ${d.message}`);
    assert.ok(messages.some((m) => m.startsWith('4:') && m.includes('144 blocks')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('5:') && m.includes('dealy')), messages.join('\n'));
  });

  it('shows the markdown description on hover, including for referenced definitions', async () => {
    const text = 'l2spec: 1\nsystem:\n  name: X\npegs:\n  - id: p\n    signers: fed\n    threshold: 11-of-15\n';
    const signers = await hoverText(text, 5, 6);
    assert.ok(signers.includes('#### Signers'), signers);
    assert.ok(signers.includes(specSchema.properties.pegs.items.properties.signers.markdownDescription), signers);
    const threshold = await hoverText(text, 6, 6);
    assert.ok(threshold.includes('#### Threshold') && threshold.includes('peg-out'), threshold);
    // Durations share one definition; each field must still show its own title and text.
    const timelocks = 'l2spec: 1\nsystem:\n  name: X\npegs:\n  - id: p\n    emergencyRecovery:\n      timelock: 4032 blocks\n    upgrade:\n      delay: 30 days\n';
    const timelock = await hoverText(timelocks, 6, 8);
    assert.ok(timelock.startsWith('#### Recovery timelock\n') && timelock.includes('**idle**'), timelock);
    const delay = await hoverText(timelocks, 8, 8);
    assert.ok(delay.startsWith('#### Upgrade delay\n') && delay.includes('announced and taking effect'), delay);
  });

  it('offers the skeleton snippets and explained enum values in completion', async () => {
    const items = async (text: string, line: number, character: number, name?: string) =>
      (await service.doComplete(docOf(text, name), { line, character }, false)).items;
    const top = await items('\n', 0, 0);
    assert.ok(top.some((i) => i.label === 'l2spec skeleton'), top.map((i) => i.label).join(', '));
    const comps = await items('l2spec: 1\ncomponents:\n  - \n', 2, 4);
    for (const label of ['federation', 'challengers', 'security council']) assert.ok(comps.some((i) => i.label === label), label);
    const pegs = await items('l2spec: 1\npegs:\n  - \n', 2, 4);
    assert.ok(pegs.some((i) => i.label === 'BitVM peg'));
    const exits = await items('l2spec: 1\nexits:\n  \n', 2, 2);
    assert.ok(exits.some((i) => i.label === 'channel exit'));
    const mechanisms = await items('l2spec: 1\nexits:\n  mechanism: \n', 2, 13);
    const forceClose = mechanisms.find((i) => i.label === 'force-close');
    assert.ok(forceClose, mechanisms.map((i) => i.label).join(', '));
    assert.match(JSON.stringify(forceClose.documentation), /Force-close/);
    const config = await items('rules:\n  L2S-CUST-001: \n', 1, 16, '.l2spec.yaml');
    // `off` is offered quoted: YAML 1.1 readers would take a bare off for a boolean.
    for (const level of ['critical', 'info', '"off"']) assert.ok(config.some((i) => i.label === level), config.map((i) => i.label).join(', '));
  });
});
