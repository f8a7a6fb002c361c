// The language service in-process: the pieces the stdio tests reach only indirectly (insert
// edits that create missing parents, completion contexts, snippet validity, the glossary).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, catalogue, type Finding } from '../../server/src/engine/index.js';
import { glossary, lookupGlossary, frameworkFloors } from '../../server/src/engine/glossary.js';
import {
  indexOf, completion, completionContext, hover, designSnippets, expandSnippet, explain, explainDuration, explainThreshold, fixEdit, insertEdit, toDiagnostics,
} from '../../server/src/service/index.js';
import { applyEdits } from './client.js';

const FIXTURE = readFileSync(path.join(__dirname, 'fixtures', 'federation.l2spec.yaml'), 'utf8');
const doc = (text: string): TextDocument => TextDocument.create('untitled:t', 'l2spec', 1, text);

describe('language service', () => {
  describe('insert fixes', () => {
    it('inserts under an existing mapping at its children\'s indentation', () => {
      const text = 'l2spec: 1\nexits:\n    unilateral: true\nfinality:\n  source: bitcoin\n';
      const edit = insertEdit(doc(text), indexOf(analyze(text).source), ['exits', 'delay'], '144 blocks')!;
      assert.equal(applyEdits(text, [edit]), 'l2spec: 1\nexits:\n    unilateral: true\n    delay: 144 blocks\nfinality:\n  source: bitcoin\n');
    });

    it('creates missing parents', () => {
      const text = 'l2spec: 1\nexits:\n  unilateral: true\n';
      const edit = insertEdit(doc(text), indexOf(analyze(text).source), ['exits', 'forcedInclusion', 'mode'], 'force-via-l1')!;
      assert.equal(applyEdits(text, [edit]), 'l2spec: 1\nexits:\n  unilateral: true\n  forcedInclusion:\n    mode: force-via-l1\n');
    });

    it('creates a missing top-level section at the end', () => {
      const text = 'l2spec: 1\nsystem:\n  name: x';
      const edit = insertEdit(doc(text), indexOf(analyze(text).source), ['governance', 'upgradeDelay'], '30d')!;
      assert.equal(applyEdits(text, [edit]), 'l2spec: 1\nsystem:\n  name: x\ngovernance:\n  upgradeDelay: 30d\n');
    });

    it('fills an empty value and inserts into list items', () => {
      const text = 'pegs:\n  - id: a\n    custody: bitvm\n  - id: b\nexits:\n';
      const index = indexOf(analyze(text).source);
      const item = insertEdit(doc(text), index, ['pegs', 0, 'threshold'], '2-of-3')!;
      assert.equal(applyEdits(text, [item]), 'pegs:\n  - id: a\n    custody: bitvm\n    threshold: 2-of-3\n  - id: b\nexits:\n');
      const empty = insertEdit(doc(text), index, ['exits', 'unilateral'], 'true')!;
      assert.equal(applyEdits(text, [empty]), 'pegs:\n  - id: a\n    custody: bitvm\n  - id: b\nexits:\n  unilateral: true\n');
    });

    it('keeps trailing comments out of the way and refuses flow mappings', () => {
      const text = 'exits:\n  unilateral: true\n\n# about finality\nfinality: {source: bitcoin}\n';
      const edit = insertEdit(doc(text), indexOf(analyze(text).source), ['exits', 'delay'], '1d')!;
      assert.equal(applyEdits(text, [edit]), 'exits:\n  unilateral: true\n  delay: 1d\n\n# about finality\nfinality: {source: bitcoin}\n');
      assert.equal(insertEdit(doc(text), indexOf(analyze(text).source), ['finality', 'provableKeyDeletion'], 'true'), undefined);
    });

    it('renames a misspelt key in place, inside its quotes, keeping its value and comment', () => {
      for (const [written, expected] of [
        ['    pegInConfirmatons: 102 # Liquid', '    pegInConfirmations: 102 # Liquid'],
        ['    "pegInConfirmatons": 102', '    "pegInConfirmations": 102'],
      ]) {
        const text = FIXTURE.replace('    pegInConfirmations: 102', written!);
        const finding = analyze(text).findings.find((f) => f.ruleId === 'L2S-FMT-003')!;
        assert.equal(finding.fix?.title, 'Change to pegInConfirmations');
        assert.equal(applyEdits(text, [fixEdit(doc(text), indexOf(analyze(text).source), finding)!]), FIXTURE.replace('    pegInConfirmations: 102', expected!));
      }
    });

    it('replaces a quoted value inside its quotes', () => {
      const text = 'governance:\n  upgradeDelay: "2d"\n';
      const finding = { ruleId: 'X', severity: 'high', message: '', path: 'governance.upgradeDelay', axis: 'governance', range: { start: { line: 1, character: 16 }, end: { line: 1, character: 20 } },
        fix: { title: 't', path: 'governance.upgradeDelay', value: '30d', insert: false, range: { start: { line: 1, character: 16 }, end: { line: 1, character: 20 } } } } as Finding;
      assert.equal(applyEdits(text, [fixEdit(doc(text), indexOf(analyze(text).source), finding)!]), 'governance:\n  upgradeDelay: "30d"\n');
    });
  });

  describe('completion context', () => {
    const at = (text: string): { d: TextDocument; pos: { line: number; character: number } } => {
      const offset = text.indexOf('|');
      const clean = text.replace('|', '');
      const d = doc(clean);
      return { d, pos: d.positionAt(offset) };
    };

    it('knows the mapping, the existing keys and the mode', () => {
      const { d, pos } = at('l2spec: 1\nexits:\n  unilateral: true\n  mech|\n');
      const ctx = completionContext(d, pos)!;
      assert.equal(ctx.mode, 'key');
      assert.deepEqual(ctx.segments, ['exits']);
      assert.deepEqual([...ctx.existing], ['unilateral']);
      assert.deepEqual(ctx.replace, { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } });
    });

    it('finds values in nested list items and sequences of enums', () => {
      const v = at('pegs:\n  - id: a\n    upgrade:\n      authority: |\n');
      assert.deepEqual(completionContext(v.d, v.pos)!.segments, ['pegs', 0, 'upgrade', 'authority']);
      const s = at('system:\n  claims:\n    - |\n');
      const ctx = completionContext(s.d, s.pos)!;
      assert.equal(ctx.mode, 'item');
      assert.deepEqual(ctx.segments, ['system', 'claims', 0]);
      const items = completion(s.d, undefined, s.pos).items.map((i) => i.label);
      assert.ok(items.includes('zk-rollup'));
    });

    it('offers rule IDs inside a suppression comment', () => {
      const { d, pos } = at('finality:\n  # l2spec-disable-next-line L2S-FIN-001, L2S-F|\n  source: federation\n');
      const items = completion(d, undefined, pos).items;
      assert.ok(items.some((i) => i.label === 'L2S-FIN-002'));
      assert.deepEqual((items[0]!.textEdit as { range: unknown }).range, { start: { line: 1, character: 42 }, end: { line: 1, character: 47 } });
      const after = at('# l2spec-disable-next-line L2S-FIN-002 -- because |\n');
      assert.equal(completion(after.d, undefined, after.pos).items.length, 0);
    });

    it('explains a rule ID in a suppression comment on hover', () => {
      const text = 'finality:\n  # l2spec-disable-next-line L2S-FIN-002 -- accepted\n  source: federation\n';
      const h = hover(doc(text), indexOf(analyze(text).source), analyze(text), { line: 1, character: 32 });
      assert.match((h!.contents as { value: string }).value, /L2S-FIN-002/);
    });

    it('shows each peg\'s own custody rating on its id (the enshrined one heads the axis)', () => {
      const text = readFileSync(path.join(__dirname, '..', 'fixtures', 'fidelity', '04-two-pegs.l2spec.yaml'), 'utf8');
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.includes('id: cbtc'));
      const h = hover(doc(text), indexOf(analyze(text).source), analyze(text), { line, character: lines[line]!.indexOf('cbtc') + 1 });
      const value = (h!.contents as { value: string }).value;
      assert.match(value, /Custody of this peg: Very high \(Stop!\)\*\* \(not the enshrined peg/);
      assert.match(value, /single custodian/);
      const first = lines.findIndex((l) => l.includes('id: pbtc'));
      const h0 = hover(doc(text), indexOf(analyze(text).source), analyze(text), { line: first, character: lines[first]!.indexOf('pbtc') + 1 });
      assert.match((h0!.contents as { value: string }).value, /Custody of this peg: High\*\* \(the enshrined peg/);
    });

    it('offers nothing inside comments', () => {
      const { d, pos } = at('# comment |\nl2spec: 1\n');
      assert.equal(completionContext(d, pos), undefined);
    });

    it('suggests thresholds sized to the set', () => {
      const { d, pos } = at('components:\n  - id: fed\n    kind: federation\n    operators: 9\n    threshold: |\n');
      const labels = completion(d, undefined, pos).items.map((i) => i.label);
      assert.deepEqual(labels, ['6-of-9', '7-of-9', '9-of-9']);
    });
  });

  describe('snippets', () => {
    for (const design of designSnippets) {
      it(`"${design.label}" expands to a spec without format findings`, () => {
        const result = analyze(expandSnippet(design.body));
        const format = result.findings.filter((f) => f.ruleId.startsWith('L2S-FMT'));
        assert.deepEqual(format.map((f) => `${f.ruleId}: ${f.message}`), []);
        assert.ok(result.model?.system.family);
        // A template must not contradict itself (issue 18 item 9: the federated template declared its
        // members publicly known and operatorsDisclosed: false).
        assert.deepEqual(result.findings.filter((f) => f.ruleId === 'L2S-TRN-006').map((f) => f.message), []);
      });
    }
  });

  describe('glossary and values', () => {
    it('has at least 50 terms, each with text, and unique names', () => {
      assert.ok(glossary.length >= 50, String(glossary.length));
      assert.equal(new Set(glossary.map((g) => g.term.toLowerCase())).size, glossary.length);
      for (const g of glossary) assert.ok(g.markdown.length > 60, g.term);
    });

    it('maps spec keys and enum values to terms', () => {
      assert.equal(lookupGlossary('watchtowers')?.term, 'Watchtower');
      assert.equal(lookupGlossary('force-close')?.term, 'Force-close');
      assert.equal(lookupGlossary('da-committee')?.term, 'DA committee');
      assert.equal(lookupGlossary('securityCouncil')?.term, 'Security council');
      assert.equal(lookupGlossary('delay', 'exits.delay')?.term, 'Exit delay');
      assert.equal(lookupGlossary('delay', 'pegs.0.upgrade.delay')?.term, 'Upgrade delay');
      assert.equal(lookupGlossary('nothing-like-this'), undefined);
    });

    it('explains thresholds and durations against the floors', () => {
      assert.match(explainThreshold('1-of-1', 'pegs.0.threshold')!, /a single key is enough/);
      assert.match(explainThreshold('3-of-8', 'pegs.0.threshold')!, /below 1\/2/);
      assert.match(explainThreshold('4-of-6', 'dataAvailability.committee.threshold')!, /3 of 6 \(50%\) must be honest/);
      assert.match(explainDuration('48h', 'governance.tokenUpgradeDelay')!, /Meets the 48 h/);
      assert.match(explainDuration('100 blocks', 'exits.delay')!, new RegExp(`Below the ${frameworkFloors.minDisputeBlocks}-block`));
      assert.match(explainDuration('instant', 'governance.upgradeDelay')!, /instant/);
    });

    it('explains every rule in the catalogue', () => {
      for (const id of catalogue.keys()) assert.match(explain(id).markdown, new RegExp(id));
    });
  });

  describe('diagnostics mapping', () => {
    it('never includes suppressed findings and drops schema findings on request', () => {
      const text = FIXTURE.replace('custody: federation-multisig', 'custody: nope').replace('finality:\n', 'finality:\n  # l2spec-disable-next-line L2S-FIN-002 -- accepted\n');
      const result = analyze(text);
      const all = toDiagnostics(result, { uri: 'u' });
      assert.ok(all.some((d) => d.code === 'L2S-FMT-002'));
      assert.ok(!all.some((d) => d.code === 'L2S-FIN-002'));
      assert.ok(!toDiagnostics(result, { uri: 'u', suppressSchemaDiagnostics: true }).some((d) => d.code === 'L2S-FMT-002'));
    });
  });
});
