import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/engine/index.js';
import { diffAnalyses, regressions } from '../../../server/src/engine/review/diff.js';

// `diff` on who must collude (issue 17): a smaller coalition is a regression, also when a smaller
// coalition of another kind keeps the failure's overall minimum where it was.
const liquid = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'liquid.l2spec.yaml'), 'utf8');

describe('review: coalition changes in diff', () => {
  it('Liquid lowered from 11-of-15 to 5-of-15: stealing through the custody keys goes 11 → 5 while the 2 emergency keys stay the smallest', () => {
    const d = diffAnalyses(analyze(liquid), analyze(liquid.replace(/threshold: 11-of-15/g, 'threshold: 5-of-15')));
    const steal = d.coalitions.filter((c) => c.failure === 'steal' && !c.peg);
    // Overall: the emergency keys (2, after 4032 blocks) are the smallest before and after: no overall line.
    assert.deepEqual(steal.map((c) => [c.via, c.old, c.new, c.direction]), [['custody', 11, 5, 'worse']]);
    assert.ok(regressions(d, 'never').includes('steal via custody: 11 → 5 entities'));
    // Freezing gets harder: 15 − 5 + 1 = 11 functionaries (+ 2 emergency keys) instead of 5 (+ 2).
    assert.deepEqual(d.coalitions.filter((c) => c.failure === 'freeze' && !c.via && !c.peg).map((c) => [c.old, c.new, c.direction]), [[7, 13, 'better']]);
  });

  it('an unchanged design has no coalition changes', () => {
    assert.deepEqual(diffAnalyses(analyze(liquid), analyze(liquid)).coalitions, []);
  });
});
