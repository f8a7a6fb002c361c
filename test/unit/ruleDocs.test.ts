import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectedRuleDocs, RULE_DOCS_DIR } from '../../scripts/gen-rule-docs.js';

describe('generated rule docs', () => {
  it('docs/rules matches the rule metadata (run `npm run docs` when this fails)', () => {
    const expected = expectedRuleDocs();
    const present = existsSync(RULE_DOCS_DIR) ? readdirSync(RULE_DOCS_DIR).sort() : [];
    assert.deepEqual(present, [...expected.keys()].sort(), 'docs/rules has missing or extra files');
    for (const [name, text] of expected) {
      assert.equal(readFileSync(join(RULE_DOCS_DIR, name), 'utf8'), text, `docs/rules/${name} is stale`);
    }
  });

  it('every rule page carries the risk, the criterion and the fix', () => {
    for (const [name, text] of expectedRuleDocs()) {
      if (name === 'README.md') continue;
      assert.match(text, /## Risk\n\n\S/);
      assert.match(text, /## Criterion\n\n\S/);
      assert.match(text, /## How to fix\n\n\S/);
    }
  });
});
