import assert from 'node:assert/strict';
import { SPEC_FILE_GLOB } from '../../client/src/constants';
import { buildDocumentSelector, SPEC_SELECTOR, filesFromRepoConfig, isAnchoredAnywhere, resolveGlobs, selectorKey } from '../../client/src/specGlobs';

// The pure half of the client's document selection (the VS Code half runs in test/e2e).
describe('client document selector', () => {
  it('serves the l2spec language only, and claims no YAML file without a glob', () => {
    assert.deepEqual(SPEC_SELECTOR, [{ language: 'l2spec' }]);
    assert.deepEqual(buildDocumentSelector([]), []);
    // One character before the suffix: the repository config `.l2spec.yaml` is not a spec.
    assert.equal(SPEC_FILE_GLOB, '**/?*.l2spec.{yaml,yml}');
  });

  it('adds extra globs once each, relative ones with their base folder', () => {
    const selector = buildDocumentSelector([
      { pattern: '**/designs/*.yaml' },
      { pattern: 'specs/*.yaml', baseUri: 'file:///ws' },
      { pattern: 'specs/*.yaml', baseUri: 'file:///ws' },
      { pattern: 'specs/*.yaml', baseUri: 'file:///other' },
    ]);
    assert.equal(selector.length, 3);
    assert.deepEqual(selector[0], { language: 'yaml', pattern: '**/designs/*.yaml' });
    assert.deepEqual(selector[1], { language: 'yaml', pattern: { baseUri: 'file:///ws', pattern: 'specs/*.yaml' } });
    assert.notEqual(selectorKey(selector), selectorKey(buildDocumentSelector([])));
    assert.equal(selectorKey(selector), selectorKey(buildDocumentSelector([{ pattern: '**/designs/*.yaml' }, { pattern: 'specs/*.yaml', baseUri: 'file:///ws' }, { pattern: 'specs/*.yaml', baseUri: 'file:///other' }])));
  });

  it('resolves setting globs against every folder unless they match anywhere', () => {
    assert.deepEqual(resolveGlobs(['designs/*.yaml', './a.yaml', '**/x.yaml', '/abs/y.yaml', 'C:\\specs\\*.yaml', '  '], ['file:///a', 'file:///b']), [
      { pattern: 'designs/*.yaml', baseUri: 'file:///a' },
      { pattern: 'designs/*.yaml', baseUri: 'file:///b' },
      { pattern: 'a.yaml', baseUri: 'file:///a' },
      { pattern: 'a.yaml', baseUri: 'file:///b' },
      { pattern: '**/x.yaml' },
      { pattern: '/abs/y.yaml' },
      { pattern: 'C:/specs/*.yaml' },
    ]);
    assert.deepEqual(resolveGlobs(['designs/*.yaml'], []), [], 'relative globs need a folder');
    assert.ok(isAnchoredAnywhere('**/a') && !isAnchoredAnywhere('a/**'));
  });

  it('reads the files list of a repository config and ignores anything malformed', () => {
    assert.deepEqual(filesFromRepoConfig('rules:\n  L2S-FMT-003: off\nfiles:\n  - designs/*.yaml\n  - " other.yaml "\n  - 3\n'), ['designs/*.yaml', 'other.yaml']);
    for (const text of ['', 'files: designs', '- a', 'files: [', 'rules: {}', 'files:\n  - ""']) assert.deepEqual(filesFromRepoConfig(text), [], text);
  });
});
