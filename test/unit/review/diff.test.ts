import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, diffAnalyses, regressions, type AnalysisDiff, type Direction } from '../../../server/src/engine/index.js';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const example = (name: string) => readFileSync(join(EXAMPLES, `${name}.l2spec.yaml`), 'utf8');
const citrea = example('citrea-bitvm');
const weak = example('weak-multisig-bridge');
// By hand (docs/assessment.md, the tier from the trust model): the Citrea example's covenant
// committee is 10 publicly known signers, 5 external; all 10 must sign to steal: the builder's 5
// (one organisation) and 5 others, 6 organisations at the sidesystem floor; the council's upgrade
// waits 60 days, longer than users need to leave (14 days): Moderate. Run by the builder alone
// (external: 0) the committee is one organisation that can steal: Weak. Forced inclusion is
// liveness: it never moves the tier.
const citreaWeak = citrea.replace('    publiclyKnown: all\n    external: 5\n', '    publiclyKnown: all\n    external: 0                   # all run by the builder\n');
const citreaBetter = citrea.replace('forcedInclusion: { mode: none }', 'forcedInclusion: { mode: force-via-l1, maxDelay: 1d }');

/** Moves the list item starting at `startMarker` (up to the next item or section) before `beforeMarker`. */
function moveBlock(text: string, startMarker: string, endMarker: string, beforeMarker: string): string {
  const s = text.indexOf(startMarker);
  const e = text.indexOf(endMarker, s + startMarker.length);
  assert.ok(s >= 0 && e > s, 'markers exist');
  const block = text.slice(s, e);
  const without = text.slice(0, s) + text.slice(e);
  const at = without.indexOf(beforeMarker);
  assert.ok(at >= 0);
  return without.slice(0, at) + block + without.slice(at);
}

describe('review: diffAnalyses', () => {
  it('forced inclusion through L1 is liveness: two ratings and a finding get better, the tier does not move', () => {
    const forced = citrea.replace('forcedInclusion: { mode: none }', 'forcedInclusion: { mode: force-via-l1, maxDelay: 1d }');
    const f = diffAnalyses(analyze(citrea), analyze(forced));
    assert.equal(f.tier?.direction, undefined, 'only the tier\'s liveness reasons change');
    assert.ok(f.findings.removed.some((x) => x.ruleId === 'L2S-OPS-001'));
  });

  it('reports independent committee members and forced inclusion as the tier, two ratings and a finding getting better', () => {
    const after = citreaBetter;
    const d = diffAnalyses(analyze(citreaWeak), analyze(after));
    assert.deepEqual([d.tier?.old, d.tier?.new, d.tier?.direction], ['weak', 'moderate', 'better']);
    // L2BEAT sequencer failure: force-via-l1 with a maxDelay → good (was none → bad).
    const seq = d.ratings.find((r) => r.axis === 'sequencerFailure');
    assert.deepEqual([seq?.old, seq?.new, seq?.direction], ['bad', 'good', 'better']);
    // Self-sequencing consideration: force yes, propose no → high (was no/no → very-high).
    const ops = d.ratings.find((r) => r.axis === 'operators');
    assert.deepEqual([ops?.old, ops?.new, ops?.direction], ['very-high', 'high', 'better']);
    assert.ok(ops!.reasonsAdded.length > 0 && ops!.reasonsRemoved.length > 0, 'the operators reasons that changed are listed');
    assert.ok(d.findings.removed.some((f) => f.ruleId === 'L2S-OPS-001'));
    assert.equal(d.regressed, false);
    assert.deepEqual(regressions(d), []);

    const back = diffAnalyses(analyze(after), analyze(citreaWeak));
    assert.equal(back.regressed, true);
    assert.ok(regressions(back).includes('tier moderate → weak'), regressions(back).join(' | '));
    // The smallest steal coalition shrinks from 6 organisations to the builder alone.
    assert.ok(regressions(back).includes('steal: 6 → 1 entities'), regressions(back).join(' | '));
    assert.ok(regressions(back, 'critical').some((r) => r.startsWith('new critical finding L2S-OPS-001')));
    assert.equal(regressions(back, 'critical').some((r) => /new (high|medium|low|info) finding/.test(r)), false, '--fail-on critical ignores lesser findings');
    assert.deepEqual(regressions(back, 'never').filter((r) => r.includes('finding')), [], '--fail-on never: findings never count');
    assert.ok(regressions(back, 'never').includes('tier moderate → weak'), '--fail-on never: a worse tier still counts');
  });

  it('moving components and sections is no change (findings paired by rule and component id, not line or index)', () => {
    let moved = moveBlock(weak, '  - id: admin', '\npegs:', '  - id: bridge-signers');
    moved = moveBlock(moved, 'governance:\n', 'transparency:', 'exits:\n');
    const a = analyze(weak);
    const b = analyze(moved);
    assert.notDeepEqual(a.findings.map((f) => f.range.start.line), b.findings.map((f) => f.range.start.line), 'the text really moved');
    assert.deepEqual([a.model!.components[2]!.id, b.model!.components[0]!.id], ['admin', 'admin'], 'the component moved to another index');
    const d = diffAnalyses(a, b);
    assert.equal(d.changed, false, JSON.stringify(d, null, 1).slice(0, 800));
  });

  it('reports a finding the new text suppresses as gone, marked suppressed', () => {
    const a = analyze(weak);
    // L2S-CUST-002 (undisclosed peg signers) is reported on the peg's signers line.
    const target = a.findings.find((f) => f.ruleId === 'L2S-CUST-002')!;
    assert.equal(target.path, 'pegs.0.signers');
    const lines = weak.split('\n');
    lines.splice(target.range.start.line, 0, '    # l2spec-disable-next-line L2S-CUST-002 -- signers are named in the audit');
    const d = diffAnalyses(a, analyze(lines.join('\n')));
    assert.deepEqual(d.findings.removed.map((f) => [f.ruleId, f.stablePath, f.suppressed]), [['L2S-CUST-002', 'pegs[wrapped-btc].signers', true]]);
    assert.deepEqual(d.findings.added, []);
  });

  // Variants of a design: any subset of these fact edits, in any order of application.
  const EDITS: [string, string][] = [
    ['publiclyKnown: none           # undisclosed signers', 'publiclyKnown: all'],
    ['    external: 0\n\n  - id: sequencer', '    external: 5\n\n  - id: sequencer'],
    ['      delay: instant              # the bridge', '      delay: 60d              # the bridge'],
    ['  upgradeDelay: instant', '  upgradeDelay: 45d'],
    ['    mode: none                    # the sequencer can censor indefinitely', '    mode: force-via-l1\n    maxDelay: 1d'],
    ['  proposerFallback: none', '  proposerFallback: self-propose'],
    ['  location: operator              # only the sequencer has the data', '  location: bitcoin'],
    ['  source: single-operator', '  source: bitcoin'],
    ['  nodeSource: closed', '  nodeSource: open'],
    ['    bridgeFinalizesOnAnchor: false', '    bridgeFinalizesOnAnchor: true'],
    ['    threshold: 3-of-5\n    publiclyKnown', '    threshold: 1-of-5\n    publiclyKnown'],
  ];
  for (const [from] of EDITS) assert.ok(weak.includes(from), `edit anchor exists: ${from}`);
  const variant = fc.array(fc.boolean(), { minLength: EDITS.length, maxLength: EDITS.length }).map((bits) => EDITS.reduce((t, [from, to], i) => (bits[i] ? t.replace(from, to) : t), weak));
  const cache = new Map<string, ReturnType<typeof analyze>>();
  const analysed = (t: string) => {
    let r = cache.get(t);
    if (!r) cache.set(t, (r = analyze(t)));
    return r;
  };

  it('property: diff(a, a) is empty', () => {
    fc.assert(fc.property(variant, (t) => {
      const d = diffAnalyses(analysed(t), analysed(t));
      assert.equal(d.changed, false);
      assert.equal(d.regressed, false);
      assert.deepEqual([d.tier, d.stage, d.ratings, d.pegs, d.thresholds, d.findings], [undefined, undefined, [], [], [], { added: [], removed: [], changedSeverity: [] }]);
    }), { numRuns: 25 });
  });

  const flip = (d?: Direction) => (d === 'better' ? 'worse' : d === 'worse' ? 'better' : d);
  const keys = (xs: { key: string }[]) => xs.map((x) => x.key).sort();
  function assertMirror(ab: AnalysisDiff, ba: AnalysisDiff): void {
    assert.equal(ba.changed, ab.changed);
    for (const k of ['tier', 'stage'] as const) {
      assert.deepEqual(ba[k] && [ba[k]!.old, ba[k]!.new, ba[k]!.direction, ba[k]!.reasonsAdded, ba[k]!.reasonsRemoved], ab[k] && [ab[k]!.new, ab[k]!.old, flip(ab[k]!.direction), ab[k]!.reasonsRemoved, ab[k]!.reasonsAdded]);
    }
    assert.deepEqual(ba.ratings.map((r) => [r.axis, r.old, r.new, r.direction, r.reasonsAdded, r.reasonsRemoved]), ab.ratings.map((r) => [r.axis, r.new, r.old, flip(r.direction), r.reasonsRemoved, r.reasonsAdded]));
    assert.deepEqual(ba.pegs.map((p) => [p.id, p.old, p.new, p.direction]).sort(), ab.pegs.map((p) => [p.id, p.new, p.old, flip(p.direction)]).sort());
    // Thresholds (no trade-off in these edits: a trade-off is worse both ways).
    assert.deepEqual(ba.thresholds.map((t) => [t.stablePath, t.old, t.new, t.direction]), ab.thresholds.map((t) => [t.stablePath, t.new, t.old, flip(t.direction)]));
    assert.deepEqual(keys(ba.findings.added), keys(ab.findings.removed));
    assert.deepEqual(keys(ba.findings.removed), keys(ab.findings.added));
    assert.deepEqual(ba.findings.changedSeverity.map((c) => [c.key, c.old, c.new, c.direction]), ab.findings.changedSeverity.map((c) => [c.key, c.new, c.old, flip(c.direction)]));
  }

  it('property: diff(a, b) mirrors diff(b, a)', () => {
    fc.assert(fc.property(variant, variant, (x, y) => {
      assertMirror(diffAnalyses(analysed(x), analysed(y)), diffAnalyses(analysed(y), analysed(x)));
    }), { numRuns: 25 });
  });
});
