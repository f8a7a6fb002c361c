import assert from 'node:assert/strict';
import { hasHidden } from '../../../server/src/engine/visible.js';
import { checkBudget } from '../../../server/src/engine/index.js';

// The fast paths of the whole-text scans every analysis runs (issue 21) give the plain scans' answers.
describe('engine: whole-text scans', () => {
  let seed = 11;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };

  it('hasHidden finds a hidden character wherever it stands, after any number of other non-ASCII ones', () => {
    const hidden = ['\u202E', '\u0007', '\u200B', '\u00AD', '\u007F', '\uDB40\uDC10', '\uFEFF'];
    const visible = ['a', ' ', '\t', '\n', '\r\n', '—', 'é', '中', '\u200D', '\uDB40', '\uDC90', '~'];
    for (let k = 0; k < 3000; k++) {
      const parts = Array.from({ length: rnd(60) }, () => visible[rnd(visible.length)]!);
      assert.equal(hasHidden(parts.join('')), false, JSON.stringify(parts.join('')));
      parts.splice(rnd(parts.length + 1), 0, hidden[rnd(hidden.length)]!);
      assert.equal(hasHidden(parts.join('')), true, JSON.stringify(parts.join('')));
    }
  });

  it('checkBudget still sees a comment, a nested value or a flow collection after plain text on a line', () => {
    assert.equal(checkBudget('a: plain text # [[[[\n', { maxDepth: 2 }), undefined);
    assert.equal(checkBudget('a: plain-text-with:colons?and-dashes [b\n', { maxDepth: 1 }), undefined);
    assert.equal(checkBudget('a: x\nb: - - - c\n', { maxDepth: 2 })?.what, 'depth');
    assert.equal(checkBudget('key with words: [a, [b, [c]]]\n', { maxDepth: 2 })?.what, 'depth');
    assert.equal(checkBudget('k: v\n"q: x: [": [1, 2, 3]\n', { maxCollectionItems: 2 })?.what, 'collection items');
  });
});
