import assert from 'node:assert/strict';
import { analyze, rules, type Rule } from '../../../server/src/engine/index.js';
import { federated, only } from './helpers.js';

// A rule that throws must not silence the others: its failure becomes L2S-FMT-009.
describe('engine: a failing rule', () => {
  const broken: Rule = {
    meta: { id: 'L2S-TEST-999', title: 'Always throws', axis: 'custody', severity: 'high', rationale: 'Funds can be lost if tests lie.', criterion: { framework: 'l2spec', criterion: 'test' }, remediation: 'none' },
    check() {
      throw new TypeError('boom');
    },
  };

  it('becomes an internal-error finding while every other rule still reports', () => {
    const text = federated().replace('    publiclyKnown: all\n    openSource', '    publiclyKnown: partial\n    openSource');
    const before = analyze(text).findings.map((f) => f.ruleId);
    const registry = rules as Rule[];
    registry.unshift(broken);
    try {
      const result = analyze(text);
      const [internal] = only(result, 'L2S-FMT-009');
      assert.ok(internal, 'the failure is reported');
      assert.match(internal.message, /Rule L2S-TEST-999 failed on this spec \(boom\)/);
      assert.deepEqual(result.findings.map((f) => f.ruleId).filter((id) => id !== 'L2S-FMT-009'), before);
      assert.ok(before.length > 0, 'the spec has findings from other rules');
    } finally {
      registry.splice(registry.indexOf(broken), 1);
    }
  });
});
