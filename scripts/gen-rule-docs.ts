// Writes docs/rules/<ID>.md and docs/rules/README.md from the rule metadata (npm run docs).
// test/unit/ruleDocs.test.ts fails when these files are stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, ruleIndexMarkdown, ruleMarkdown } from '../server/src/engine/index.js';

export const RULE_DOCS_DIR = join(__dirname, '..', 'docs', 'rules');

export function expectedRuleDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const meta of catalogue.values()) files.set(`${meta.id}.md`, ruleMarkdown(meta));
  files.set('README.md', ruleIndexMarkdown());
  return files;
}

if (require.main === module) {
  mkdirSync(RULE_DOCS_DIR, { recursive: true });
  const expected = expectedRuleDocs();
  for (const name of readdirSync(RULE_DOCS_DIR)) if (!expected.has(name)) rmSync(join(RULE_DOCS_DIR, name));
  for (const [name, text] of expected) writeFileSync(join(RULE_DOCS_DIR, name), text);
  console.log(`wrote ${expected.size} files to docs/rules`);
}
