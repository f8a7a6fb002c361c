// Review across revisions in the language server (issue 12): l2spec/baseRevision makes every
// review snapshot carry `compare`; the snapshot's plan becomes code actions. Over stdio with the
// bundled server, and the language service's plan actions in-process.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { analyze, planImprovements, type AnalysisResult } from '../../server/src/engine/index.js';
import { buildSnapshot, type ReviewSnapshot, type SnapshotCompare, type SnapshotPlan } from '../../server/src/render/index.js';
import { codeActions, indexOf, MAX_PLAN_ACTIONS, planChanges, planCodeActions, textDiff, toDiagnostics, withSourceRanges } from '../../server/src/service/index.js';
import { applyEdits, LspClient, positionOf, type ReviewMessage } from './client.js';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const example = (name: string) => readFileSync(path.join(EXAMPLES, `${name}.l2spec.yaml`), 'utf8');
const citrea = example('citrea-bitvm');
const liquid = example('liquid');
// The Citrea example with its covenant committee run by the builder alone (external: 0).
const citreaBuilderRun = citrea.replace('    external: 5\n', '    external: 0\n');
// By hand (docs/assessment.md, the tier from the trust model): the Citrea example's covenant
// committee (10 publicly known signers, 5 external; all must sign) is 6 organisations at the floor,
// and the council's 60-day upgrade lets users leave first: Moderate. Run by the builder alone
// (external: 0) it is one organisation that can steal: Weak. Forced inclusion is liveness.
const WEAK_LINE = 'external: 0                   # all run by the builder';
const citreaWeak = citrea.replace('    publiclyKnown: all\n    external: 5\n', `    publiclyKnown: all\n    ${WEAK_LINE}\n`);

type Review = ReviewMessage & { snapshot: ReviewSnapshot };
const TIER_LABELS: Record<string, string> = { weak: 'Weak', moderate: 'Moderate', strong: 'Strong' };
const STAGE_LABELS: Record<string, string> = { 'stage-0': 'Stage 0', 'stage-1': 'Stage 1', 'stage-2': 'Stage 2', 'not-applicable': 'Not applicable' };
const lineRange = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 0 } });
const editsOf = (a: CodeAction, uri: string) => a.edit?.changes?.[uri] ?? [];

describe('language server: review against a base revision (l2spec/baseRevision)', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 20 } });
  });
  after(() => client?.kill());

  /** The next review of a document sent after now. */
  const nextReview = (uri: string, match: (r: Review) => boolean = () => true) =>
    client.reviews.next((r) => r.uri === uri && match(r as Review), `review of ${uri}`, 30000) as Promise<Review>;
  const baseRevision = (uri: string, text: string | null, label = 'HEAD') => client.conn.sendNotification('l2spec/baseRevision', { uri, label, text });

  it('publishes the review again with compare (the tier change and its labels), keeps it while typing, forgets it on null and on close', async () => {
    const uri = 'untitled:compare';
    await client.open(uri, citreaBuilderRun, 1);
    const plain = (await client.reviewFor(uri, 1)) as Review;
    assert.equal(plain.snapshot.compare, undefined, 'no base, no compare');

    // HEAD had a covenant committee with 5 external members of 10 (builder + 5 = 6 organisations
    // must collude to steal: Moderate); the working copy gives all 10 keys to the builder (one
    // organisation can steal: Weak).
    const republished = nextReview(uri);
    await baseRevision(uri, citrea);
    const withBase = await republished;
    assert.equal(withBase.version, 1, 'the same version, published again');
    const compare = withBase.snapshot.compare as SnapshotCompare;
    assert.equal(compare.label, 'HEAD');
    assert.equal(compare.regressed, true);
    assert.deepEqual([compare.tier?.old, compare.tier?.new, compare.tier?.oldLabel, compare.tier?.newLabel, compare.tier?.direction], ['moderate', 'weak', 'Moderate', 'Weak', 'worse']);
    assert.deepEqual(compare.coalitions?.filter((c) => !c.peg).map((c) => [c.failure, c.old, c.new, c.direction]), [['steal', 6, 1, 'worse']]);

    // A keystroke: the base stays.
    await client.replaceAll(uri, 2, citreaBuilderRun.replace('name: Citrea', 'name: Citrea v2'));
    const typed = (await client.reviewFor(uri, 2)) as Review;
    assert.equal(typed.snapshot.compare?.tier?.direction, 'worse');

    // null forgets it: the review is published again without compare.
    const forgotten = nextReview(uri);
    await baseRevision(uri, null);
    const without = await forgotten;
    assert.equal(without.version, 2);
    assert.equal(without.snapshot.compare, undefined);

    // A base is forgotten when its document closes.
    const again = nextReview(uri);
    await baseRevision(uri, citrea);
    assert.ok((await again).snapshot.compare);
    await client.close(uri);
    await client.open(uri, citreaBuilderRun, 7);
    assert.equal(((await client.reviewFor(uri, 7)) as Review).snapshot.compare, undefined);
    await client.close(uri);
  });

  it('an unreadable base gives compare.baseError and nothing else; a base for a document that is not open is ignored', async () => {
    const uri = 'untitled:compare-unreadable';
    await client.open(uri, citrea, 1);
    await client.reviewFor(uri, 1);
    const republished = nextReview(uri);
    await baseRevision(uri, '- not\n- a mapping\n', 'HEAD~1');
    const c = (await republished).snapshot.compare!;
    assert.match(c.baseError ?? '', /^The HEAD~1 version could not be read as an l2spec design/);
    assert.deepEqual([c.changed, c.ratings, c.newFindings, c.fixedFindings], [false, [], [], []]);

    await baseRevision('untitled:never-opened', citrea);
    await client.open('untitled:never-opened', citrea, 1);
    assert.equal(((await client.reviewFor('untitled:never-opened', 1)) as Review).snapshot.compare, undefined);
  });

  it('does not compare a base above l2spec.maxFileSize', async () => {
    const small = await LspClient.start({ initializationOptions: { debounceMs: 20, maxFileSize: citrea.length + 100 } });
    try {
      const uri = 'untitled:compare-large';
      await small.open(uri, citrea, 1);
      await small.reviewFor(uri, 1);
      const n = small.reviews.received.length;
      await small.conn.sendNotification('l2spec/baseRevision', { uri, label: 'HEAD', text: `${citrea}\n# ${'x'.repeat(4096)}\n` });
      const review = (await small.reviews.wait((r) => r.uri === uri, 'review', 30000, n)) as Review;
      assert.match(review.snapshot.compare?.baseError ?? '', /^The HEAD version is \d+ KiB, above the \d+ KiB limit \(l2spec\.maxFileSize\), so it is not compared\.$/);
    } finally {
      small.kill();
    }
  });
});

describe('language server: the plan as code actions', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 20 } });
  });
  after(() => client?.kill());

  const actionsAt = (uri: string, range: ReturnType<typeof lineRange>, context: { diagnostics?: Diagnostic[]; only?: string[] } = {}) =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: context.diagnostics ?? [], ...(context.only ? { only: context.only } : {}) } });
  const planActions = (actions: CodeAction[]) => actions.filter((a) => /^(Toward|Reach) /.test(a.title));
  /**
   * The review of `version`, or of a later version with the same text when its plan found no tier
   * goal: the worker plans within a wall-clock budget, which a busy machine can run out.
   */
  async function planned(uri: string, text: string, version: number, kinds: ('tier' | 'stage')[] = ['tier']): Promise<{ version: number; review: Review }> {
    for (let attempt = 0; ; attempt++) {
      const review = (await client.reviewFor(uri, version)) as Review;
      if (kinds.every((k) => review.snapshot.plan?.goals.some((g) => g.kind === k && g.status === 'found')) || attempt === 5) return { version, review };
      await client.replaceAll(uri, ++version, text);
    }
  }

  it('offers the plan where it applies; each whole path, applied and re-analysed, reaches what the plan promised', async () => {
    const uri = 'untitled:plan-actions';
    await client.open(uri, citreaWeak, 1);
    const { review } = await planned(uri, citreaWeak, 1);
    const plan = review.snapshot.plan!;
    const found = plan.goals.filter((g) => g.status === 'found');
    assert.ok(found.some((g) => g.kind === 'tier'), JSON.stringify(plan.goals.map((g) => [g.targetLabel, g.status])));

    // On the committee's line: the one change that lifts the tier (verified: Moderate).
    const line = positionOf(citreaWeak, WEAK_LINE).line;
    const t0 = performance.now();
    const here = planActions(await actionsAt(uri, lineRange(line)));
    const ms = performance.now() - t0;
    const reach = here.find((a) => a.title.startsWith('Reach Moderate tier: Make at least 5 members of "Covenant signers" independent of the builder'));
    assert.ok(reach, JSON.stringify(here.map((a) => a.title)));
    assert.equal(reach.kind, 'refactor.rewrite');
    for (const a of here) assert.equal(a.kind, 'refactor.rewrite');
    assert.equal(analyze(applyEdits(citreaWeak, editsOf(reach, uri))).assessment.tier.value, 'moderate');

    // The first line is no place of any change; the Refactor… menu (only: refactor) lists them all.
    assert.deepEqual(planActions(await actionsAt(uri, lineRange(0))), []);
    const all = planActions(await actionsAt(uri, lineRange(0), { only: ['refactor'] }));
    assert.ok(all.length >= here.length && all.length <= 12);
    const keys = all.map((a) => JSON.stringify(editsOf(a, uri)));
    assert.equal(new Set(keys).size, keys.length, 'no edit offered twice');
    for (const goal of found) {
      const label = goal.kind === 'tier' ? `${goal.verified!.tier} tier` : `L2BEAT ${goal.verified!.stage}`;
      const whole = all.filter((a) => a.title.startsWith(`Reach ${label}:`));
      if (goal.steps.length > 1) {
        assert.ok(whole.some((a) => a.title === `Reach ${label}: apply ${goal.steps.length} verified changes`), `${label}: ${JSON.stringify(all.map((a) => a.title))}`);
        assert.ok(all.some((a) => a.title.startsWith('Toward ')), 'single steps are offered too');
      }
      for (const a of whole) {
        const result = analyze(applyEdits(citreaWeak, editsOf(a, uri)));
        assert.equal(TIER_LABELS[result.assessment.tier.value], goal.verified!.tier, a.title);
        assert.equal(STAGE_LABELS[result.assessment.stage.value], goal.verified!.stage, a.title);
      }
    }
    console.log(`      (code actions at a line of citrea-bitvm: ${ms.toFixed(1)} ms round trip)`);
  });

  it('offers a change as the quick fix of a diagnostic it clears', async () => {
    const uri = 'untitled:plan-quickfix';
    await client.open(uri, citrea, 1);
    // Forced inclusion is liveness: it is a step toward L2BEAT Stage 1, not toward a tier.
    const { version } = await planned(uri, citrea, 1, ['stage']);
    const { diagnostics } = await client.diagnosticsFor(uri, version);
    const ops = diagnostics.find((d) => d.code === 'L2S-OPS-001')!;
    assert.ok(ops, 'the single sequencer finding');
    const actions = await actionsAt(uri, { start: ops.range.start, end: ops.range.end }, { diagnostics: [ops] });
    const fix = actions.find((a) => a.title.startsWith('Toward L2BEAT Stage 1: Let users force transactions'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['L2S-OPS-001']);
    const result = analyze(applyEdits(citrea, editsOf(fix, uri)));
    assert.equal(result.findings.some((f) => f.ruleId === 'L2S-OPS-001' && !f.suppressed), false, 'the finding is gone');
    assert.equal(result.assessment.tier.value, 'moderate', 'the tier does not move for liveness');
  });

  it('settles the goals a snapshot cut off with a longer search once the document rests: the weak example gets its path to Moderate and its Refactor… actions', async () => {
    const uri = 'untitled:plan-settle';
    const weak = example('weak-multisig-bridge');
    // The path to Moderate takes about 200 ms alone and more on a busy machine: the first snapshot
    // (250 ms bound) may cut it off, the settling build (2 s) finds it for the same version.
    const settled = client.reviews.next((r) => r.uri === uri && r.version === 1
      && !!(r as Review).snapshot.plan?.goals.some((g) => g.kind === 'tier' && g.target === 'moderate' && g.status === 'found'), 'a review with the path to Moderate', 30000);
    await client.open(uri, weak, 1);
    await settled;
    const actions = planActions(await actionsAt(uri, lineRange(0), { only: ['refactor'] }));
    const reach = actions.find((a) => /^Reach (Moderate|Strong) tier/.test(a.title));
    assert.ok(reach, JSON.stringify(actions.map((a) => a.title)));
    assert.notEqual(analyze(applyEdits(weak, editsOf(reach, uri))).assessment.tier.value, 'weak');
    await client.close(uri);
  });

  it('offers no plan action for a version whose snapshot is not built yet (stale), and offers them again once it is', async () => {
    const uri = 'untitled:plan-stale';
    await client.open(uri, citreaWeak, 1);
    const { version } = await planned(uri, citreaWeak, 1);
    const line = positionOf(citreaWeak, WEAK_LINE).line;
    assert.ok(planActions(await actionsAt(uri, lineRange(line))).length > 0);
    // The next version: the request is answered from its analysis, before its snapshot exists.
    const text2 = citreaWeak.replace('name: Citrea', 'name: Citrea 2');
    await client.replaceAll(uri, version + 1, text2);
    const stale = await actionsAt(uri, lineRange(line));
    assert.deepEqual(planActions(stale), [], JSON.stringify(stale.map((a) => a.title)));
    await planned(uri, text2, version + 1);
    const fresh = planActions(await actionsAt(uri, lineRange(line)));
    assert.ok(fresh.length > 0);
    assert.equal(analyze(applyEdits(text2, editsOf(fresh[0]!, uri))).assessment.tier.value, 'moderate');
  });
});

describe('language service: plan code actions', () => {
  const uri = 'untitled:plan';
  /** Analysis as the server holds it: cloned across a thread (no working rangeOf). */
  function setUp(text: string, version = 1): { doc: TextDocument; result: AnalysisResult; snapshot: ReviewSnapshot } {
    const direct = analyze(text);
    const snapshot = buildSnapshot(direct, { plan: planImprovements(text, {}, direct) });
    const { rangeOf: _drop, ...portable } = direct;
    const result = { ...structuredClone(portable), rangeOf: () => undefined } as AnalysisResult;
    return { doc: TextDocument.create(uri, 'l2spec', version, text), result, snapshot };
  }
  const everything = { only: ['refactor'] };

  it('offers every change of a multi-change path and the path, whose edits reach the verified tier', () => {
    const { doc, result, snapshot } = setUp(liquid);
    const goal = snapshot.plan!.goals.find((g) => g.kind === 'tier' && g.status === 'found')!;
    assert.ok(goal.steps.length > 1);
    const actions = planCodeActions(doc, result, { version: 1, snapshot }, lineRange(0), everything);
    const whole = actions.find((a) => a.title === `Reach Moderate tier: apply ${goal.steps.length} verified changes`)!;
    assert.ok(whole, JSON.stringify(actions.map((a) => a.title)));
    const steps = actions.filter((a) => a.title.startsWith('Toward Moderate tier: '));
    assert.equal(steps.length, goal.steps.length);
    assert.deepEqual(steps.map((a) => a.title), goal.steps.map((s) => `Toward Moderate tier: ${s.title}`));
    assert.equal(analyze(applyEdits(liquid, editsOf(whole, uri))).assessment.tier.value, 'moderate');
    // Several edits, far apart: not one replacement of everything between them.
    const edits = editsOf(whole, uri);
    assert.ok(edits.length > 1);
    // (Removing the emergency path replaces its 4-line block: the widest single edit.)
    assert.ok(edits.every((e) => e.range.end.line - e.range.start.line <= 3), JSON.stringify(edits));
    // A value replaced as a whole word.
    const disclose = steps.find((a) => a.title.includes('publiclyKnown: all'))!;
    assert.deepEqual(editsOf(disclose, uri).map((e) => e.newText), ['all']);
    assert.equal(liquid.split('\n')[editsOf(disclose, uri)[0]!.range.start.line]!.slice(editsOf(disclose, uri)[0]!.range.start.character, editsOf(disclose, uri)[0]!.range.end.character), 'partial');
  });

  it('offers nothing for a stale snapshot, a snapshot without a plan, or a result without a parse', () => {
    const { doc, result, snapshot } = setUp(liquid, 3);
    assert.deepEqual(planCodeActions(doc, result, { version: 2, snapshot }, lineRange(0), everything), []);
    assert.deepEqual(planCodeActions(doc, result, { version: 3, snapshot: { ...snapshot, plan: undefined } }, lineRange(0), everything), []);
    assert.deepEqual(planCodeActions(doc, { ...result, source: undefined }, { version: 3, snapshot }, lineRange(0), everything), []);
    // The analysis of another text: its positions would misplace every edit.
    const other = setUp(citrea).result;
    assert.deepEqual(planCodeActions(doc, other, { version: 3, snapshot }, lineRange(0), everything), []);
    assert.ok(planCodeActions(doc, result, { version: 3, snapshot }, lineRange(0), everything).length > 0);
  });

  it('leaves out changes applyEdits cannot place, caps the list and never repeats an edit', () => {
    const { doc, result, snapshot } = setUp(liquid);
    const step = (i: number) => ({ title: `Set the node source to v${i}`, edits: [{ path: 'transparency.nodeSource', value: `v${i}`, insert: true }], clears: [] });
    const plan: SnapshotPlan = {
      goals: [
        { kind: 'tier', target: 'moderate', targetLabel: 'Moderate', status: 'found', steps: [{ title: 'Impossible', edits: [{ path: 'components.99.external', value: '5', insert: true }], clears: [] }], verified: { tier: 'Moderate', stage: 'Not applicable' }, alternatives: [], blockers: [] },
        { kind: 'tier', target: 'strong', targetLabel: 'Strong', status: 'found', steps: Array.from({ length: 20 }, (_, i) => step(i % 15)), verified: { tier: 'Strong', stage: 'Not applicable' }, alternatives: [], blockers: [] },
      ],
    };
    const actions = planCodeActions(doc, result, { version: 1, snapshot: { ...snapshot, plan } }, lineRange(0), everything);
    assert.equal(actions.length, MAX_PLAN_ACTIONS);
    assert.equal(actions.some((a) => a.title.includes('Impossible')), false);
    const keys = actions.map((a) => JSON.stringify(editsOf(a, uri)));
    assert.equal(new Set(keys).size, keys.length);
    // 15 distinct edits: the whole path (its last edit of the path wins: v4) and 14 single steps (v4 is the path's edit).
    const changes = planChanges(doc, result, plan);
    assert.deepEqual([changes.length, changes.filter((c) => c.kind === 'step').length], [15, 14]);
  });

  it('does not repeat the edit of a finding\'s own quick fix', () => {
    // weak-multisig-bridge with its signers disclosed and independent but only 1 of 5 needed to
    // sign, its peg code immutable, its operators disclosed, mints proven by a light client and a
    // bridge that pays out only on anchored state (no link to Bitcoin otherwise): by hand, one signer (one
    // organisation) can steal, so it is Weak; requiring 4 of 5 makes the smallest coalition 4
    // organisations at the floor (Moderate). L2S-CUST-006's fix sets pegs.0.threshold to 4-of-5,
    // and so does the plan's change.
    const weak = example('weak-multisig-bridge')
      .replace('threshold: 3-of-5', 'threshold: 1-of-5').replace('threshold: 3-of-5', 'threshold: 1-of-5')
      .replace('publiclyKnown: none           # undisclosed signers', 'publiclyKnown: all')
      .replace('    external: 0\n\n  - id: sequencer', '    external: 5\n\n  - id: sequencer')
      .replace('operatorsDisclosed: false', 'operatorsDisclosed: true')
      .replace(/(\n    upgrade:\n      authority: )\S+/, '$1none')
      .replace(/mintTrigger: \S+/, 'mintTrigger: light-client')
      .replace('bridgeFinalizesOnAnchor: false', 'bridgeFinalizesOnAnchor: true');
    const { doc, result, snapshot } = setUp(weak);
    const finding = result.findings.find((f) => f.fix?.path === 'pegs.0.threshold' && f.fix.value === '4-of-5')!;
    assert.ok(finding, JSON.stringify(result.findings.map((f) => [f.ruleId, f.fix?.path, f.fix?.value])));
    const goal = snapshot.plan!.goals.find((g) => g.kind === 'tier' && g.status === 'found')!;
    assert.ok(goal, JSON.stringify(snapshot.plan!.goals.map((g) => [g.target, g.status, g.blockers])));
    const same = goal.steps.find((s) => s.edits.length === 1 && s.edits[0]!.path === 'pegs.0.threshold' && s.edits[0]!.value === '4-of-5');
    assert.ok(same, JSON.stringify(goal.steps.map((s) => s.title)));
    const [diagnostic] = toDiagnostics({ ...result, findings: [finding] }, { uri });
    const review = { version: 1, snapshot };
    // Alone, the plan offers that change here (as the quick fix of the finding it clears).
    assert.ok(planCodeActions(doc, result, review, finding.range, { diagnostics: [diagnostic!] }).some((a) => a.title.endsWith(same.title)));
    const all = codeActions(doc, indexOf(result.source), result, finding.range, { uri, review, context: { diagnostics: [diagnostic!] } });
    const fix = all.find((a) => a.isPreferred)!;
    assert.ok(fix, 'the finding\'s own fix');
    assert.equal(all.some((a) => a.title.endsWith(same.title)), false, JSON.stringify(all.map((a) => a.title)));
    assert.equal(analyze(applyEdits(weak, editsOf(fix, uri))).assessment.tier.value, 'moderate', 'the fix alone reaches Moderate');
  });

  it('keeps spec-derived titles plain: hidden characters marked, one line, bounded', () => {
    const hostile = liquid.replace('name: Liquid functionaries', 'name: "Liquid\\u202Efunctionaries\\n# [x](command:evil) ' + 'y'.repeat(200) + '"');
    const { doc, result, snapshot } = setUp(hostile);
    const actions = planCodeActions(doc, result, { version: 1, snapshot }, lineRange(0), everything);
    const named = actions.filter((a) => a.title.includes('Liquid⟨U+202E⟩functionaries'));
    assert.ok(named.length > 0, JSON.stringify(actions.map((a) => a.title)));
    for (const a of actions) {
      assert.doesNotMatch(a.title, /[\n\r\u202e]/);
      assert.ok(a.title.length <= 120, a.title);
    }
  });

  it('quick fix only for a diagnostic the change clears (rule and message), refactor otherwise', () => {
    const { doc, result, snapshot } = setUp(liquid);
    const goal = snapshot.plan!.goals.find((g) => g.status === 'found')!;
    const step = goal.steps.find((s) => s.clears.length > 0)!;
    const diagnostics = toDiagnostics(result, { uri }).filter((d) => step.clears.some((c) => c.ruleId === d.code && c.message === d.message));
    assert.ok(diagnostics.length > 0);
    const range = diagnostics[0]!.range;
    const fixes = planCodeActions(doc, result, { version: 1, snapshot }, range, { diagnostics: [diagnostics[0]!] });
    const fix = fixes.find((a) => a.title.endsWith(step.title))!;
    assert.equal(fix.kind, 'quickfix');
    assert.deepEqual(fix.diagnostics, [diagnostics[0]]);
    const other = { ...diagnostics[0]!, message: 'Another message' };
    assert.equal(planCodeActions(doc, result, { version: 1, snapshot }, range, { diagnostics: [other] }).find((a) => a.title.endsWith(step.title))?.kind, 'refactor.rewrite');
    assert.deepEqual(planCodeActions(doc, result, { version: 1, snapshot }, range, { diagnostics: [diagnostics[0]!], only: ['source'] }), [], 'kinds outside only are left out');
  });

  it('withSourceRanges gives a cloned analysis its ranges back', () => {
    const { result } = setUp(liquid);
    assert.equal(result.rangeOf('system.name'), undefined);
    assert.deepEqual(withSourceRanges(result).rangeOf('system.name'), analyze(liquid).rangeOf('system.name'));
  });
});

describe('textDiff', () => {
  const apply = (text: string, splices: { start: number; end: number; newText: string }[]) => {
    let out = text;
    for (const s of [...splices].reverse()) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
    return out;
  };

  it('property: the splices turn before into after, ascending and disjoint', () => {
    const line = fc.constantFrom('a: 1\n', 'b: 2\n', '  c: x\r\n', '# note\n', '\n', 'é😀\n', 'd', 'key: partial\n');
    const text = fc.array(line, { maxLength: 30 }).map((ls) => ls.join(''));
    fc.assert(fc.property(text, text, (before, after) => {
      const splices = textDiff(before, after);
      assert.equal(apply(before, splices), after);
      for (let i = 1; i < splices.length; i++) assert.ok(splices[i]!.start >= splices[i - 1]!.end);
      if (before === after) assert.deepEqual(splices, []);
      for (const s of splices) {
        // Never between \r and \n, never inside a surrogate pair.
        for (const at of [s.start, s.end]) {
          assert.ok(!(before[at - 1] === '\r' && before[at] === '\n'));
          assert.ok(!(/[\ud800-\udbff]/.test(before[at - 1] ?? '') && /[\udc00-\udfff]/.test(before[at] ?? '')));
        }
      }
    }), { numRuns: 300 });
    // Long common parts (compared in chunks) around the change.
    const pad = fc.array(line, { minLength: 300, maxLength: 600 }).map((ls) => ls.join(''));
    fc.assert(fc.property(pad, text, text, pad, (head, x, y, tail) => {
      const before = head + x + tail;
      const after = head + y + tail;
      assert.equal(apply(before, textDiff(before, after)), after);
    }), { numRuns: 100 });
  });

  it('one edit per changed run of lines, words kept whole', () => {
    const before = 'a: partial\nb: 1\nc: 2\nd: 3\ne: 4\n';
    const after = 'a: all\nb: 1\nc: 2\nd: 3\ne: 4\nf: 5\n';
    assert.deepEqual(textDiff(before, after), [{ start: 3, end: 10, newText: 'all' }, { start: before.length, end: before.length, newText: 'f: 5\n' }]);
  });
});
