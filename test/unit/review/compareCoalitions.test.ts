import assert from 'node:assert/strict';
import { analyze, diffAnalyses } from '../../../server/src/engine/index.js';
import { buildCompare, buildSnapshot, snapshotCompare } from '../../../server/src/render/index.js';
import { compareSummary } from '../../../server/src/render/labels.js';
import { statusChange } from '../../../client/src/statusChange.js';

// The HEAD comparison and the status bar (issue 17 item 3): a smaller coalition is shown as
// "steal: 11 → 3 entities" and counts as a regression, even when the tier stays. Hand-derived:
// a federation of 15 external members signing 11-of-15 needs 11 entities to steal and
// 15 − 11 + 1 = 5 to freeze or censor; at 3-of-5 it needs 3 to steal and 5 − 3 + 1 = 3 to freeze.
const federation = (m: number, n: number, pegId = 'lbtc') => `l2spec: 2
system: { name: Shrinking Federation, family: sidechain }
l1: { host: bitcoin }
components:
  - { id: functionaries, kind: federation, operators: ${n}, threshold: ${m}-of-${n}, publiclyKnown: all, external: ${n} }
pegs:
  - { id: "${pegId}", custody: federation-multisig, signers: functionaries, threshold: ${m}-of-${n}, upgrade: { authority: none }, emergencyRecovery: none }
  - { id: "other", custody: federation-multisig, signers: functionaries, threshold: ${n}-of-${n}, upgrade: { authority: none }, emergencyRecovery: none }
exits: { unilateral: false, mechanism: federation-peg-out }
`;

function compare(base: string, now: string) {
  const current = analyze(now);
  const snapshot = buildSnapshot(current);
  return snapshotCompare(diffAnalyses(analyze(base), current), 'HEAD', snapshot.findings);
}

describe('review: coalitions in the HEAD comparison and the status bar', () => {
  it('11-of-15 → 3-of-5: "steal: 11 → 3 entities", a regression with the tier unchanged', () => {
    const c = compare(federation(11, 15), federation(3, 5));
    assert.equal(c.tier?.old === c.tier?.new || c.tier === undefined, true, 'a federation is weak either way');
    assert.equal(c.regressed, true);
    const fileWide = (c.coalitions ?? []).filter((x) => x.peg === undefined);
    assert.deepEqual(fileWide.map((x) => [x.text, x.direction]), [
      ['steal: 11 → 3 entities', 'worse'],
      ['freeze: 5 → 3 entities', 'worse'],
      ['censor: 5 → 3 entities', 'worse'],
    ]);
    assert.match(compareSummary(c), /^Since HEAD: steal: 11 → 3 entities, freeze: 5 → 3 entities, /);
    const s = statusChange(c)!;
    assert.equal(s.worse, true);
    assert.match(s.text, /^\$\(arrow-down\) steal: 11 → 3 entities \+\d+$/);
    assert.match(s.accessible, /fewer must collude since HEAD: steal: 11 → 3 entities; freeze: 5 → 3 entities/);
  });

  it('the reverse is no regression, and the status bar keeps to the tier', () => {
    const c = compare(federation(3, 5), federation(11, 15));
    assert.equal(c.regressed, false);
    assert.ok(c.coalitions?.some((x) => x.text === 'steal: 3 → 11 entities' && x.direction === 'better'));
    assert.equal(statusChange(c), undefined);
  });

  it('nothing changed: no coalitions key; an unreadable base: nothing compared', () => {
    const same = compare(federation(11, 15), federation(11, 15));
    assert.equal(same.coalitions, undefined);
    assert.equal(statusChange(same), undefined);
    const current = analyze(federation(3, 5));
    const broken = buildCompare({ label: 'HEAD', text: '- not\n- a mapping\n' }, current, buildSnapshot(current).findings);
    assert.ok(broken.baseError);
    assert.equal(statusChange(broken), undefined);
  });

  it('a peg id is spec text: normalised, and never an icon in the status bar', () => {
    // The second peg shrinks from 15-of-15 to 5-of-5 only in its own answer (the first is file-wide).
    const id = '$(alert)\u202e';
    const base = federation(11, 15).replace('id: "other"', `id: "${id}"`);
    const now = federation(11, 15).replace('id: "other"', `id: "${id}"`).replace('threshold: 15-of-15, upgrade', 'threshold: 1-of-15, upgrade');
    const c = compare(base, now);
    const peg = c.coalitions!.find((x) => x.peg !== undefined && x.failure === 'steal')!;
    assert.equal(peg.direction, 'worse');
    assert.doesNotMatch(peg.text, /\u202e/);
    const s = statusChange(c)!;
    assert.doesNotMatch(s.text, /\$\(alert\)/);
    assert.match(s.text, /^\$\(arrow-down\) steal \(peg \$ \(alert\)/);
  });
});
