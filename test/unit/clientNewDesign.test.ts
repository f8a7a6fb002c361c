// New Design… names its untitled document after the template's system (issue 20): the tab and
// Save As read `<system name>.l2spec.yaml` in kebab case, a name the l2spec language claims.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { designFileName, templateSystemName } from '../../client/src/designName.js';
import { designSnippets, expandSnippet } from '../../server/src/service/snippets.js';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const patterns: string[] = manifest.contributes.languages.find((l: { id: string }) => l.id === 'l2spec').filenamePatterns;

describe('New Design: the name of the new document', () => {
  it('is the system name in kebab case with the spec extension', () => {
    assert.equal(designFileName('My federated sidechain'), 'my-federated-sidechain.l2spec.yaml');
    assert.equal(designFileName('My BitVM rollup'), 'my-bitvm-rollup.l2spec.yaml');
    assert.equal(designFileName('SuperRollup  v2 (test)'), 'super-rollup-v2-test.l2spec.yaml');
    assert.equal(designFileName('Café Ärk'), 'cafe-ark.l2spec.yaml');
    assert.equal(designFileName('../../etc/passwd'), 'etc-passwd.l2spec.yaml', 'never a path');
    assert.equal(designFileName('🛡️'), 'design.l2spec.yaml');
    assert.equal(designFileName(undefined), 'design.l2spec.yaml');
    assert.ok(designFileName('x'.repeat(500)).length <= 60 + '.l2spec.yaml'.length);
  });

  it('every template has a system name, and its file name is one the l2spec language claims', () => {
    for (const d of designSnippets) {
      const name = templateSystemName(expandSnippet(d.body));
      assert.ok(name, `${d.label}: no system name`);
      const file = designFileName(name);
      assert.match(file, /^[a-z0-9]+(-[a-z0-9]+)*\.l2spec\.yaml$/, d.label);
      assert.ok(patterns.some((p) => picomatch(p, { dot: true })(file)), `${file} is not an l2spec file name`);
    }
    assert.equal(templateSystemName(expandSnippet(designSnippets.find((d) => /federated/.test(d.label))!.body)), 'My federated sidechain');
  });

  it('reads a quoted or commented system name, and nothing from another section', () => {
    assert.equal(templateSystemName('l2spec: 1\nsystem:\n  family: sidechain\n  name: "Blue Heron" # the name\n'), 'Blue Heron');
    assert.equal(templateSystemName('l2spec: 1\nsystem:\n  family: sidechain\ncomponents:\n  - name: Fed\n'), undefined);
  });
});
