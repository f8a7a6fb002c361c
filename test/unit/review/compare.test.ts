// snapshot.compare: the design diff against a base revision as the preview and the status bar
// read it (server/src/render/compare.ts), and the review worker that builds it with the snapshot.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, diffAnalyses, type AnalysisResult, type AnalyzeOptions } from '../../../server/src/engine/index.js';
import { hasHidden as hasHiddenText } from '../../../server/src/engine/visible.js';
import { buildCompare, buildSnapshot, snapshotCompare, RATING_AXES, type ReviewSnapshot, type SnapshotCompare } from '../../../server/src/render/index.js';
import { BaseAnalysisCache, reviewSnapshot } from '../../../server/src/lsp/reviewWorker.js';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const example = (name: string) => readFileSync(join(EXAMPLES, `${name}.l2spec.yaml`), 'utf8');
const citrea = example('citrea-bitvm');
const weak = example('weak-multisig-bridge');
const FORCED = 'forcedInclusion: { mode: force-via-l1, maxDelay: 1d }';
const citreaForced = citrea.replace('forcedInclusion: { mode: none }', FORCED);
// By hand (docs/assessment.md, the tier from the trust model): the Citrea example's covenant
// committee is 10 publicly known signers, 5 external; all 10 must sign to steal: the builder's 5
// (one organisation) and 5 others, 6 organisations at the sidesystem floor; the council's upgrade
// waits 60 days, longer than users need to leave (14 days): Moderate. Run by the builder alone
// (external: 0) the committee is one organisation that can steal: Weak. Forced inclusion is
// liveness: it never moves the tier.
const citreaWeak = citrea.replace('    publiclyKnown: all\n    external: 5\n', '    publiclyKnown: all\n    external: 0                   # all run by the builder\n');
const citreaBetter = citrea.replace('forcedInclusion: { mode: none }', 'forcedInclusion: { mode: force-via-l1, maxDelay: 1d }');

/** compare for base → current, through the snapshot of the current text, as the review worker builds it. */
function compare(baseText: string, currentText: string, options: AnalyzeOptions = {}, baseOptions: AnalyzeOptions = options): { c: SnapshotCompare; snapshot: ReviewSnapshot } {
  const current = analyze(currentText, options);
  const snapshot = buildSnapshot(current);
  return { c: snapshotCompare(diffAnalyses(analyze(baseText, baseOptions), current), 'HEAD', snapshot.findings), snapshot };
}

/** Every string anywhere in a value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe('review: snapshotCompare (snapshot.compare)', () => {
  it('labels the tier and the ratings before → after, in the order of the snapshot\'s ratings, with the fixed finding', () => {
    const { c } = compare(citreaWeak, citreaBetter);
    assert.ok(citreaWeak !== citrea && citreaBetter.includes(FORCED));
    assert.equal(c.label, 'HEAD');
    assert.equal(c.baseError, undefined);
    assert.equal(c.changed, true);
    assert.equal(c.regressed, false);
    assert.deepEqual(
      [c.tier?.old, c.tier?.new, c.tier?.oldLabel, c.tier?.newLabel, c.tier?.direction],
      ['weak', 'moderate', 'Weak', 'Moderate', 'better'],
    );
    assert.ok(c.tier!.reasonsRemoved.some((r) => r.startsWith('Weak: a single organisation can steal') && r.includes('"covenant-signers"')), 'the builder-run committee that kept it Weak is listed as gone');
    const seq = c.ratings.find((r) => r.axis === 'sequencerFailure');
    assert.deepEqual([seq?.label, seq?.oldLabel, seq?.newLabel, seq?.direction], ['Sequencer failure', 'Bad', 'Good', 'better']);
    const ops = c.ratings.find((r) => r.axis === 'operators');
    assert.deepEqual([ops?.label, ops?.oldLabel, ops?.newLabel, ops?.direction], ['Network operators', 'Stop! Very high risk', 'High risk', 'better']);
    const order = RATING_AXES.map((a) => a.axis as string);
    const axes = c.ratings.map((r) => r.axis as string);
    assert.deepEqual(axes, [...axes].sort((a, b) => order.indexOf(a) - order.indexOf(b)), 'ratings in the snapshot\'s order');
    assert.ok(c.fixedFindings.some((f) => f.ruleId === 'L2S-OPS-001' && f.severity === 'critical' && !f.suppressed));
    assert.deepEqual([c.newFindings, c.changedSeverity], [[], []]);
  });

  it('points new findings at the current snapshot\'s findings by index, and reports the regression', () => {
    const { c, snapshot } = compare(citreaBetter, citreaWeak);
    assert.equal(c.regressed, true);
    assert.deepEqual([c.tier?.oldLabel, c.tier?.newLabel, c.tier?.direction], ['Moderate', 'Weak', 'worse']);
    const expected = diffAnalyses(analyze(citreaBetter), analyze(citreaWeak)).findings.added;
    assert.equal(c.newFindings.length, expected.length);
    assert.ok(c.newFindings.length > 0);
    for (const i of c.newFindings) {
      const f = snapshot.findings[i]!;
      assert.equal(f.index, i);
      assert.equal(f.suppressed, undefined);
      assert.ok(expected.some((e) => e.ruleId === f.ruleId && e.path === f.path && e.message === f.message), `${f.ruleId} is one the diff added`);
    }
    assert.ok(c.newFindings.some((i) => snapshot.findings[i]!.ruleId === 'L2S-OPS-001'));
    assert.deepEqual(c.newFindings, [...new Set(c.newFindings)].sort((a, b) => a - b), 'each index once, ascending');
  });

  it('reports a severity change by index with the base\'s severity', () => {
    const base = analyze(weak);
    const target = base.findings.find((f) => f.ruleId === 'L2S-CUST-002' && !f.suppressed)!;
    assert.notEqual(target.severity, 'low');
    const { c, snapshot } = compare(weak, weak, { config: { rules: { 'L2S-CUST-002': 'low' } } }, {});
    assert.equal(c.changedSeverity.length, 1);
    const [change] = c.changedSeverity;
    assert.deepEqual([snapshot.findings[change!.index]!.ruleId, snapshot.findings[change!.index]!.severity, change!.old, change!.direction], ['L2S-CUST-002', 'low', target.severity, 'better']);
    assert.equal(c.tier?.direction, undefined, 'a finding\'s severity alone does not move the tier here (only its reasons)');
  });

  it('moving components and sections is no change', () => {
    const block = (t: string, from: string, to: string, before: string) => {
      const s = t.indexOf(from);
      const e = t.indexOf(to, s + from.length);
      const rest = t.slice(0, s) + t.slice(e);
      const at = rest.indexOf(before);
      return rest.slice(0, at) + t.slice(s, e) + rest.slice(at);
    };
    let moved = block(weak, '  - id: admin', '\npegs:', '  - id: bridge-signers');
    moved = block(moved, 'governance:\n', 'transparency:', 'exits:\n');
    assert.notEqual(moved, weak);
    const { c } = compare(weak, moved);
    assert.deepEqual(c, {
      label: 'HEAD', changed: false, regressed: false, ratings: [], pegs: [], newFindings: [], changedSeverity: [], fixedFindings: [],
    });
  });

  it('an unreadable base compares nothing and says why in one plain sentence', () => {
    const current = analyze(citrea);
    const { findings } = buildSnapshot(current);
    // (Broken YAML that still holds a mapping is read as far as it goes, and compared.)
    for (const text of ['- just\n- a list\n', 'only a sentence', '']) {
      const c = buildCompare({ label: 'HEAD', text }, current, findings);
      assert.match(c.baseError ?? '', /^The HEAD version could not be read as an l2spec design.*so nothing is compared\.$/, JSON.stringify(text));
      assert.doesNotMatch(c.baseError!, /[\n\r]/);
      assert.deepEqual([c.changed, c.regressed, c.tier, c.stage, c.ratings, c.pegs, c.newFindings, c.changedSeverity, c.fixedFindings], [false, false, undefined, undefined, [], [], [], [], []]);
    }
  });

  it('a base above maxSize (or kept only as its size) is not analysed', () => {
    const current = analyze(citrea);
    const { findings } = buildSnapshot(current);
    let analysed = 0;
    const count = (t: string, o: AnalyzeOptions): AnalysisResult => (analysed++, analyze(t, o));
    const big = buildCompare({ label: 'HEAD', text: citrea }, current, findings, { maxSize: 2048, analyzeBase: count });
    assert.match(big.baseError ?? '', /^The HEAD version is \d+ KiB, above the 2 KiB limit \(l2spec\.maxFileSize\), so it is not compared\.$/);
    const sized = buildCompare({ label: 'HEAD', size: 6 * 1048576 }, current, findings, { analyzeBase: count });
    assert.match(sized.baseError ?? '', /6\.0 MiB, above the 5\.0 MiB limit/);
    assert.equal(analysed, 0);
    assert.deepEqual([big.changed, big.ratings, big.newFindings], [false, [], []]);
    // Within the limit the same base is compared.
    assert.equal(buildCompare({ label: 'HEAD', text: citrea }, current, findings, { analyzeBase: count }).baseError, undefined);
    assert.equal(analysed, 1);
  });

  it('hostile text stays normalised: label, peg ids, reasons and fixed findings show hidden characters as tokens, on one line', () => {
    const hostile = weak
      .replace('name: Bridge signers', 'name: "Bridge\\u202Esigners\\nSYSTEM: all good"')
      .replace('- id: wrapped-btc', '- id: "wrapped\\u2066btc"')
      .replace('publiclyKnown: none           # undisclosed signers', 'publiclyKnown: all');
    const current = analyze(hostile);
    assert.ok(current.model, 'the hostile text is still a spec');
    const { findings } = buildSnapshot(current);
    const c = buildCompare({ label: 'HEAD\u202e\n<b>x</b>', text: weak }, current, findings);
    assert.equal(c.label, 'HEAD⟨U+202E⟩ <b>x</b>');
    assert.ok(c.pegs.some((p) => p.id === 'wrapped⟨U+2066⟩btc' && p.newLabel && !p.oldLabel), JSON.stringify(c.pegs));
    assert.ok(c.pegs.some((p) => p.id === 'wrapped-btc' && p.oldLabel && !p.newLabel));
    const all = strings(c);
    assert.ok(all.some((s) => s.includes('Bridge⟨U+202E⟩signers')), 'the hostile name reaches the compare, marked');
    for (const s of all) {
      assert.equal(hasHiddenText(s), false, s);
      assert.doesNotMatch(s, /[\n\r\u2028\u2029]/, s);
    }
    // A very long label is cut.
    assert.ok(buildCompare({ label: 'x'.repeat(500), text: weak }, current, findings).label.length <= 60);
    assert.equal(buildCompare({ label: '', text: weak }, current, findings).label, 'base');
  });
});

describe('review worker: reviewSnapshot with a base', () => {
  it('carries compare only with a base, and analyses an unchanged base once', () => {
    const cache = new BaseAnalysisCache();
    assert.equal(reviewSnapshot(citrea, {}, undefined, cache).compare, undefined);
    const first = reviewSnapshot(citreaWeak, {}, { label: 'HEAD', text: citreaBetter }, cache);
    assert.deepEqual([first.compare?.tier?.oldLabel, first.compare?.tier?.newLabel], ['Moderate', 'Weak']);
    // The next keystroke: the current text changes, the base does not.
    const second = reviewSnapshot(citreaWeak.replace('Citrea', 'Citrea '), {}, { label: 'HEAD', text: citreaBetter }, cache);
    assert.equal(second.compare?.tier?.direction, 'worse');
    assert.deepEqual([cache.misses, cache.hits], [1, 1]);
    // Other options (a rule's severity) are another analysis of the base.
    reviewSnapshot(citreaWeak, { config: { rules: { 'L2S-OPS-001': 'low' } } }, { label: 'HEAD', text: citreaBetter }, cache);
    assert.deepEqual([cache.misses, cache.hits], [2, 1]);
  });

  it('keeps a bounded number of base analyses, least recently used out first', () => {
    const cache = new BaseAnalysisCache(2, 1e9);
    const texts = [citrea, weak, citreaForced];
    for (const t of texts) cache.analyze(t, {});
    assert.equal(cache.size, 2);
    cache.analyze(citreaForced, {});
    cache.analyze(weak, {});
    assert.deepEqual([cache.misses, cache.hits], [3, 2]);
    cache.analyze(citrea, {});
    assert.equal(cache.misses, 4, 'the oldest was dropped');
    const tight = new BaseAnalysisCache(8, citrea.length + 10);
    tight.analyze(citrea, {});
    tight.analyze(weak, {});
    assert.equal(tight.size, 1, 'the total text length bounds it too');
  });
});
