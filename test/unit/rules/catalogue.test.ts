// The catalogue as a whole: enough rules, well-formed and complete metadata, every rule file
// registered, and every trust rule covered by a triggering and a non-triggering test case.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, formatRules, rules, SEVERITIES } from '../../../server/src/engine/index.js';
import { FRAMEWORK_FLOORS } from '../../../server/src/engine/rules/thresholds.js';
import { custodyCases } from './cases/custody.js';
import { daCases } from './cases/da.js';
import { exitsCases } from './cases/exits.js';
import { finalityCases } from './cases/finality.js';
import { governanceCases } from './cases/governance.js';
import { operatorsCases } from './cases/operators.js';
import { transparencyCases } from './cases/transparency.js';
import { validationCases } from './cases/validation.js';

const RULES_DIR = join(__dirname, '..', '..', '..', 'server', 'src', 'engine', 'rules');
/** Rule areas (directories) and the ID prefixes they own. */
const AREAS: Record<string, string[]> = {
  custody: ['CUST'], exits: ['EXIT'], da: ['DA'], operators: ['OPS'], validation: ['PROOF'],
  finality: ['FIN'], governance: ['GOV'], transparency: ['TRN'],
};
// Format rules may also speak of findings being hidden (the risk is to the review itself).
const RISK_PHRASE = /^(Funds can|Users can|Withdrawals can|Findings can|Trust)\b/;
const allCases = [...custodyCases, ...exitsCases, ...daCases, ...operatorsCases, ...validationCases, ...finalityCases, ...governanceCases, ...transparencyCases];

describe('rule catalogue', () => {
  it('has at least 35 rules, at least 30 of them trust rules', () => {
    assert.ok(catalogue.size >= 35, `catalogue has ${catalogue.size} rules`);
    assert.ok(rules.length >= 30, `${rules.length} trust rules`);
  });

  it('has unique, well-formed IDs', () => {
    const ids = [...formatRules.map((m) => m.id), ...rules.map((r) => r.meta.id)];
    assert.equal(new Set(ids).size, ids.length, 'duplicate rule IDs');
    assert.equal(catalogue.size, ids.length);
    for (const id of ids) assert.match(id, /^L2S-[A-Z]+-[0-9]{3}$/);
  });

  it('gives every rule complete metadata', () => {
    for (const meta of catalogue.values()) {
      for (const key of ['id', 'title', 'axis', 'severity', 'rationale', 'remediation'] as const) {
        assert.ok(typeof meta[key] === 'string' && meta[key].trim().length > 0, `${meta.id}: empty ${key}`);
      }
      assert.ok(meta.criterion.framework.trim() && meta.criterion.criterion.trim(), `${meta.id}: empty criterion`);
      assert.ok(SEVERITIES.includes(meta.severity), `${meta.id}: severity ${meta.severity}`);
      assert.match(meta.rationale, RISK_PHRASE, `${meta.id}: rationale must state the risk`);
    }
  });

  it('ties every trust rule to a framework criterion and a rated axis', () => {
    for (const { meta } of rules) {
      assert.ok(meta.criterion.framework === 'Bitcoin Layers' || meta.criterion.framework === 'L2BEAT', `${meta.id}: framework ${meta.criterion.framework}`);
      assert.notEqual(meta.axis, 'format', `${meta.id} is a trust rule`);
      assert.ok(meta.remediation.length > 40, `${meta.id}: remediation should be concrete`);
    }
  });

  it('registers every rule file, one rule per file, in the area that owns its ID prefix', () => {
    const registered = new Map(rules.map((r) => [r.meta.id, r]));
    let files = 0;
    for (const [area, prefixes] of Object.entries(AREAS)) {
      for (const file of readdirSync(join(RULES_DIR, area)).filter((f) => f.endsWith('.ts'))) {
        files++;
        const text = readFileSync(join(RULES_DIR, area, file), 'utf8');
        const ids = [...text.matchAll(/\bid: '(L2S-[A-Z]+-\d{3})'/g)].map((m) => m[1]!);
        assert.equal(ids.length, 1, `${area}/${file} must define exactly one rule`);
        assert.ok(registered.has(ids[0]!), `${ids[0]} (${area}/${file}) is not registered in rules/trust.ts`);
        assert.ok(prefixes.includes(ids[0]!.split('-')[1]!), `${ids[0]} does not belong in ${area}/`);
      }
    }
    assert.equal(files, rules.length, 'every trust rule lives in its own area file');
  });

  it('keeps framework numbers in one dated module', () => {
    assert.match(FRAMEWORK_FLOORS.lastVerified, /^\d{4}-\d{2}$/);
  });

  it('has a triggering and a non-triggering test case for every trust rule', () => {
    for (const { meta } of rules) {
      const cases = allCases.filter((c) => c.id === meta.id);
      assert.ok(cases.length > 0, `${meta.id} has no positive test case`);
      assert.ok(cases.some((c) => c.negatives.length > 0), `${meta.id} has no negative test case`);
    }
    for (const c of allCases) assert.ok(rules.some((r) => r.meta.id === c.id), `test case for unknown rule ${c.id}`);
  });
});
