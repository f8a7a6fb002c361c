// Editor features through the bundled server: hover, completion, code actions (applied and
// re-analysed), document symbols, definition, references and rename.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type {
  CodeAction, CompletionItem, CompletionList, DocumentSymbol, Hover, Location, MarkupContent, TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, positionOf } from './client.js';

const FIXTURE = readFileSync(path.join(__dirname, 'fixtures', 'federation.l2spec.yaml'), 'utf8');

describe('l2spec language server: editor features', () => {
  let client: LspClient;
  let counter = 0;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  async function openDoc(text: string): Promise<string> {
    const uri = `untitled:features-${++counter}`;
    await client.open(uri, text, 1);
    await client.diagnosticsFor(uri, 1);
    return uri;
  }

  const hoverText = async (uri: string, position: { line: number; character: number }): Promise<string> => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    return h ? (h.contents as MarkupContent).value : '';
  };

  /** Markdown with its backslash escapes removed, to match sentences (escaping is tested on its own). */
  const unescaped = (md: string) => md.replace(/\\(.)/g, '$1');

  const complete = async (uri: string, position: { line: number; character: number }): Promise<CompletionItem[]> => {
    const r = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
    return Array.isArray(r) ? r : r?.items ?? [];
  };

  describe('hover', () => {
    it('explains a glossary term on a key', async () => {
      const text = FIXTURE.replace('  delay: 144 blocks\n', '  delay: 144 blocks\n  watchtowers:\n    required: true\n');
      const uri = await openDoc(text);
      const md = await hoverText(uri, positionOf(text, 'watchtowers:', 2));
      assert.match(md, /\*\*Watchtower\*\*/);
      assert.match(md, /watches Bitcoin/);
    });

    it('shows the schema documentation of a field', async () => {
      const uri = await openDoc(FIXTURE);
      const md = await hoverText(uri, positionOf(FIXTURE, 'pegInConfirmations', 3));
      assert.ok(md.length > 20, md);
      const kind = await hoverText(uri, positionOf(FIXTURE, 'kind: federation', 1));
      assert.match(kind, /\*\*Kind\*\*/);
    });

    it('describes an enum value', async () => {
      const uri = await openDoc(FIXTURE);
      const md = await hoverText(uri, positionOf(FIXTURE, 'federation-multisig', 3));
      assert.match(md, /Federation/i);
    });

    it('explains a finding: rationale and remediation', async () => {
      const uri = await openDoc(FIXTURE);
      const md = await hoverText(uri, positionOf(FIXTURE, 'source: federation', 10));
      assert.match(md, /L2S-FIN-002/);
      assert.match(md, /Why it matters/);
      assert.match(md, /How to fix/);
    });

    it('explains a threshold value against the frameworks', async () => {
      const uri = await openDoc(FIXTURE);
      const md = await hoverText(uri, positionOf(FIXTURE, '11-of-15', 1));
      assert.match(md, /73\.3%/);
      assert.match(md, /11 members to collude/);
      assert.match(md, /5 members lost/);
      const council = await hoverText(uri, positionOf(FIXTURE, '6-of-8', 1));
      assert.match(council, /meets L2BEAT's Stage 1 council/);
    });

    it('explains a duration: blocks, days and the floors', async () => {
      const uri = await openDoc(FIXTURE);
      const md = await hoverText(uri, positionOf(FIXTURE, '144 blocks', 1));
      assert.match(md, /144 Bitcoin blocks ≈ 1 day/);
      assert.match(md, /At or above the 144-block/);
      const upgrade = await hoverText(uri, positionOf(FIXTURE, '30 days', 1, 1));
      assert.match(upgrade, /Exit window ≈ \*\*29 days\*\*/);
    });

    it('summarises the component a reference points at', async () => {
      const uri = await openDoc(FIXTURE);
      const md = await hoverText(uri, positionOf(FIXTURE, 'signers: functionaries', 12));
      assert.match(md, /Component `functionaries`/);
      assert.match(md, /threshold 11-of-15/);
      const definition = await hoverText(uri, positionOf(FIXTURE, '- id: council', 8));
      assert.match(definition, /Referenced 2 times/);
    });

    // Who must collude (issue 17), derived by hand from the fixture: "functionaries" has 15 members,
    // 12 external, so its 3 builder-run members are one entity. Stealing with 11 of them takes at
    // least 3 builder members + 8 external = 9 entities; refusing takes 15 − 11 + 1 = 5 members,
    // at least 3 builder + 2 external = 3 entities (freezing also needs 3 − 2 + 1 = 2 of the
    // emergency keys, whose external count is not declared, so they count 2: at least 5 in all). The
    // 2-of-3 emergency keys steal after the 4032-block timelock. The council's upgrades wait 30 days
    // and users exit in 1, so it is in no coalition.
    it('says which coalitions a component\'s threshold, id and kind belong to', async () => {
      const uri = await openDoc(FIXTURE);
      const md = unescaped(await hoverText(uri, positionOf(FIXTURE, '11-of-15', 1)));
      assert.match(md, /\*\*Who must collude\*\* — "functionaries"/);
      assert.match(md, /11 of its 15 members can steal the BTC \(9 independent organisations in all\)/);
      assert.match(md, /5 of its 15 members, with 2 of "emergency-keys", can freeze withdrawals \(5 independent organisations in all, as declared so far\)/);
      assert.match(md, /5 of its 15 members can censor a user \(3 independent organisations in all\)/);
      assert.match(md, /Smallest coalitions \(independent organisations\): steal 2 · freeze 5 · censor 3 · halt 3/);
      for (const at of [positionOf(FIXTURE, '- id: functionaries', 6), positionOf(FIXTURE, 'kind: federation', 7)]) {
        assert.match(unescaped(await hoverText(uri, at)), /11 of its 15 members can steal the BTC/);
      }
      const emergency = unescaped(await hoverText(uri, positionOf(FIXTURE, '2-of-3', 1, 1)));
      assert.match(emergency, /2 of its 3 members can steal the BTC \(2 independent organisations in all, as declared so far, after 4032 blocks, if the coins stay unmoved/);
      const council = unescaped(await hoverText(uri, positionOf(FIXTURE, '6-of-8', 1)));
      assert.match(council, /In none of the smallest coalitions that can steal, freeze, censor or halt/);
    });

    it('on a peg and a peg threshold: who must collude for that peg', async () => {
      const uri = await openDoc(FIXTURE);
      const peg = unescaped(await hoverText(uri, positionOf(FIXTURE, '- id: btc-peg', 8)));
      assert.match(peg, /\*\*Who must collude for this peg\*\*/);
      assert.match(peg, /To steal the BTC takes 2 independent organisations as declared so far: 2 of 3 of "emergency-keys"/);
      assert.match(peg, /To freeze withdrawals takes 5 independent organisations as declared so far: 5 of 15 of "functionaries" \+ 2 of 3 of "emergency-keys"/);
      assert.match(peg, /1 other coalition can also steal \(the next needs 9 independent organisations\)/);
      const threshold = unescaped(await hoverText(uri, positionOf(FIXTURE, '11-of-15', 1, 1)));
      assert.match(threshold, /11 of its 15 members can steal the BTC/);
    });

    it('escapes set names and bounds the coalition section', async () => {
      const hostile = FIXTURE.replace(/functionaries/g, 'fn_[x](http://e)<b>');
      const uri = await openDoc(hostile);
      const md = await hoverText(uri, positionOf(hostile, '11-of-15', 1));
      assert.match(md, /fn\\_\\\[x\\\]\\\(http\\:\\\/\\\/e\\\)\\<b\\>/);
      assert.doesNotMatch(md, /\]\(http/);
      assert.ok(md.length < 4000, `${md.length} characters`);
    });
  });

  describe('completion', () => {
    it('offers the keys a mapping can still take, with their docs', async () => {
      const text = FIXTURE.replace('finality:\n  source: federation', 'finality:\n  source: federation\n  ');
      const uri = await openDoc(text);
      const items = await complete(uri, { line: positionOf(text, 'source: federation').line + 1, character: 2 });
      const labels = items.map((i) => i.label);
      assert.ok(labels.includes('provableKeyDeletion'), labels.join(','));
      assert.ok(!labels.includes('source'), 'existing keys are not offered again');
      const item = items.find((i) => i.label === 'provableKeyDeletion')!;
      assert.ok(item.documentation);
    });

    it('offers component keys inside a list item', async () => {
      const text = FIXTURE.replace('    hsm: true\n', '    hsm: true\n    \n');
      const uri = await openDoc(text);
      const line = positionOf(text, '    hsm: true').line + 1;
      const labels = (await complete(uri, { line, character: 4 })).map((i) => i.label);
      assert.ok(labels.includes('hashrateShare'));
      assert.ok(!labels.includes('hsm'));
      assert.ok(!labels.includes('custody'), 'peg keys are not offered in a component');
    });

    it('offers enum values with descriptions', async () => {
      const text = FIXTURE.replace('mechanism: consensus', 'mechanism: ');
      const uri = await openDoc(text);
      const at = positionOf(text, 'mechanism: ', 11, 1);
      const items = await complete(uri, at);
      const labels = items.map((i) => i.label);
      for (const v of ['fraud-proofs', 'validity-proofs', 'bitvm']) assert.ok(labels.includes(v), labels.join(','));
      assert.ok(!labels.includes('force-close'));
    });

    it('offers component ids where a reference is expected', async () => {
      const text = FIXTURE.replace('securityCouncil: council', 'securityCouncil: ');
      const uri = await openDoc(text);
      const items = await complete(uri, positionOf(text, 'securityCouncil: ', 17));
      const labels = items.map((i) => i.label);
      assert.deepEqual(labels.sort(), ['council', 'emergency-keys', 'functionaries']);
      const council = items.find((i) => i.label === 'council')!;
      assert.match(String(council.detail), /security-council/);
    });

    it('offers whole-design snippets in an empty document', async () => {
      const uri = await openDoc('');
      const items = await complete(uri, { line: 0, character: 0 });
      const labels = items.map((i) => i.label);
      for (const d of ['payment channel', 'federated sidechain', 'BitVM rollup', 'Ark', 'statechain']) {
        assert.ok(labels.includes(`design: ${d}`), labels.join(','));
      }
      const design = items.find((i) => i.label === 'design: Ark')!;
      assert.equal(design.insertTextFormat, 2);
      assert.match((design.textEdit as TextEdit).newText, /^l2spec: 1\n/);
    });

    it('offers the schema snippets for a new component', async () => {
      const text = FIXTURE.replace('pegs:\n', '  - \npegs:\n');
      const uri = await openDoc(text);
      const line = positionOf(text, '  - \npegs:').line;
      const items = await complete(uri, { line, character: 4 });
      const snippets = items.filter((i) => i.kind === 15);
      assert.ok(snippets.length >= 3, items.map((i) => i.label).join(','));
      assert.ok(items.some((i) => i.label === 'kind'));
    });
  });

  describe('code actions', () => {
    async function actionsAt(uri: string, text: string, needle: string, inside = 0): Promise<CodeAction[]> {
      const start = positionOf(text, needle, inside);
      return client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: { start, end: start },
        context: { diagnostics: [] },
      });
    }

    async function applyAndReanalyse(uri: string, text: string, action: CodeAction, version: number): Promise<{ text: string; codes: string[] }> {
      const edits = (action.edit as WorkspaceEdit).changes![uri]!;
      const next = applyEdits(text, edits);
      await client.replaceAll(uri, version, next);
      const { diagnostics } = await client.diagnosticsFor(uri, version);
      return { text: next, codes: diagnostics.map((d) => `${d.code}@${d.range.start.line}`) };
    }

    it('applies a replacing quick fix and the finding goes away', async () => {
      const text = FIXTURE.replace('custody: federation-multisig', 'custody: federation-multisg');
      const uri = await openDoc(text);
      const actions = await actionsAt(uri, text, 'federation-multisg');
      const fix = actions.find((a) => a.isPreferred && a.title.includes('federation-multisig'));
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      const { text: next, codes } = await applyAndReanalyse(uri, text, fix, 2);
      assert.ok(next.includes('custody: federation-multisig'));
      assert.ok(!codes.some((c) => c.startsWith('L2S-FMT-002')), codes.join(','));
    });

    it('offers "Change to <key>" for a misspelt key as the preferred quick fix, and the finding goes away', async () => {
      const text = FIXTURE.replace('pegInConfirmations: 102', 'pegInConfirmatons: 102');
      const uri = await openDoc(text);
      const actions = await actionsAt(uri, text, 'pegInConfirmatons', 3);
      const fix = actions.find((a) => a.title === 'Change to pegInConfirmations');
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      assert.equal(fix.isPreferred, true);
      assert.equal(fix.kind, 'quickfix');
      assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['L2S-FMT-003']);
      const { text: next, codes } = await applyAndReanalyse(uri, text, fix, 2);
      assert.equal(next, FIXTURE);
      assert.ok(!codes.some((c) => c.startsWith('L2S-FMT-003')), codes.join(','));
    });

    it('applies an inserting quick fix at the right indentation', async () => {
      const uri = await openDoc(FIXTURE);
      const actions = await actionsAt(uri, FIXTURE, 'governance:');
      const fix = actions.find((a) => a.isPreferred && /council/i.test(a.title));
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      const { text: next, codes } = await applyAndReanalyse(uri, FIXTURE, fix, 2);
      assert.match(next, /\n  securityCouncil: council\n  councilScope: provable-bugs\n/);
      assert.ok(!codes.some((c) => c.startsWith('L2S-GOV-002')), codes.join(','));
    });

    it('suppresses a finding on its line once the inserted reason placeholder is filled in', async () => {
      const uri = await openDoc(FIXTURE);
      const actions = await actionsAt(uri, FIXTURE, 'source: federation', 10);
      const line = positionOf(FIXTURE, 'source: federation', 10).line;
      const suppress = actions.find((a) => a.title === `Suppress L2S-FIN-002 on line ${line + 1}`);
      assert.ok(suppress, actions.map((a) => a.title).join(' | '));
      const { text: next, codes } = await applyAndReanalyse(uri, FIXTURE, suppress, 2);
      assert.match(next, /\nfinality:\n  # l2spec-disable-next-line L2S-FIN-002 -- <reason>\n  source: federation\n/);
      // The placeholder itself accepts nothing: it is flagged until someone writes the reason.
      assert.ok(codes.some((c) => c.startsWith('L2S-FIN-002')), codes.join(','));
      assert.ok(codes.some((c) => c.startsWith('L2S-FMT-007')), codes.join(','));
      const reasoned = next.replace('-- <reason>', '-- the federation is the product being reviewed');
      await client.replaceAll(uri, 3, reasoned);
      const { diagnostics } = await client.diagnosticsFor(uri, 3);
      const after = diagnostics.map((d) => String(d.code));
      assert.ok(!after.includes('L2S-FIN-002') && !after.includes('L2S-FMT-007'), after.join(','));
    });

    it('offers "Explain <ID>" as the l2spec.explainRule command', async () => {
      const uri = await openDoc(FIXTURE);
      const actions = await actionsAt(uri, FIXTURE, 'source: federation', 10);
      const explain = actions.find((a) => a.title === 'Explain L2S-FIN-002');
      assert.ok(explain?.command);
      assert.equal(explain.command.command, 'l2spec.explainRule');
      assert.deepEqual(explain.command.arguments, ['L2S-FIN-002']);
    });
  });

  describe('navigation', () => {
    it('lists sections, components and pegs as document symbols', async () => {
      const uri = await openDoc(FIXTURE);
      const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const names = symbols.map((s) => s.name);
      assert.deepEqual(names, ['l2spec', 'system', 'l1', 'components', 'pegs', 'exits', 'dataAvailability', 'stateValidation', 'finality', 'governance', 'transparency']);
      const components = symbols.find((s) => s.name === 'components')!;
      assert.deepEqual(components.children!.map((c) => `${c.name}:${c.detail}`), ['functionaries:federation', 'emergency-keys:signer-set', 'council:security-council']);
      assert.deepEqual(symbols.find((s) => s.name === 'pegs')!.children!.map((c) => c.name), ['btc-peg']);
      assert.equal(symbols.find((s) => s.name === 'system')!.detail, 'Test federation');
    });

    it('goes to the definition of a referenced component', async () => {
      const uri = await openDoc(FIXTURE);
      const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: positionOf(FIXTURE, 'authority: council', 12) });
      assert.equal(defs.length, 1);
      assert.deepEqual(defs[0]!.range.start, positionOf(FIXTURE, 'council', 0, 0));
    });

    it('finds every reference of a component id', async () => {
      const uri = await openDoc(FIXTURE);
      const refs = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri }, position: positionOf(FIXTURE, '- id: council', 7), context: { includeDeclaration: true },
      });
      assert.equal(refs.length, 3);
      const without = await client.request<Location[]>('textDocument/references', {
        textDocument: { uri }, position: positionOf(FIXTURE, '- id: council', 7), context: { includeDeclaration: false },
      });
      assert.equal(without.length, 2);
    });

    it('renames a component id and every reference, and rejects non-ids', async () => {
      const uri = await openDoc(FIXTURE);
      const at = positionOf(FIXTURE, 'signers: emergency-keys', 10);
      const prepared = await client.request<{ range: unknown; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position: at });
      assert.equal(prepared.placeholder, 'emergency-keys');
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: at, newName: 'backup-keys' });
      const next = applyEdits(FIXTURE, edit.changes![uri]!);
      assert.ok(!next.includes('emergency-keys'));
      assert.equal(next.split('backup-keys').length - 1, 2);
      await client.replaceAll(uri, 2, next);
      const { diagnostics } = await client.diagnosticsFor(uri, 2);
      assert.ok(!diagnostics.some((d) => d.code === 'L2S-FMT-005'));

      await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri }, position: positionOf(FIXTURE, 'kind: federation', 2) }));
      await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position: positionOf(next, 'backup-keys', 1), newName: 'Not An Id' }));
    });
  });
  describe('one parse per version', () => {
    it('answers hover and definition right after an edit from that version\'s analysis, whose findings sit at the same positions', async () => {
      // A long debounce: the request must not wait it out, nor answer from the previous version.
      const slow = await LspClient.start({ initializationOptions: { debounceMs: 4000 } });
      try {
        const uri = 'untitled:one-parse';
        await slow.open(uri, FIXTURE, 1);
        const before = (await slow.diagnosticsFor(uri, 1)).diagnostics.find((d) => d.range.start.line > 1)!;
        const inserted = '# three lines\n# pushed in\n# at the top\n';
        await slow.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: inserted }]);
        const text = FIXTURE.replace('l2spec: 1\n', `${inserted}l2spec: 1\n`);
        const at = positionOf(text, 'threshold: 11-of-15', 12);
        const started = Date.now();
        const h = await slow.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at });
        assert.ok(Date.now() - started < 3000, 'the hover did not wait for the debounce');
        assert.equal(h?.range?.start.line, at.line);
        // A finding of version 1, three lines down in version 2: the hover there already knows it.
        const moved = { line: before.range.start.line + 3, character: before.range.start.character };
        const onFinding = await slow.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: moved });
        assert.ok(onFinding && (onFinding.contents as MarkupContent).value.includes(String(before.code)), 'hover on the moved finding names it');
        const ref = positionOf(text, 'signers: functionaries', 10);
        const defs = await slow.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: ref });
        assert.deepEqual(defs.map((d) => d.range.start), [positionOf(text, 'id: functionaries', 4)]);
        // The analysis that answered was published for version 2: hover finds each finding where it was published.
        const published = await slow.diagnosticsFor(uri, 2);
        assert.ok(published.diagnostics.length > 0);
        for (const d of published.diagnostics) {
          const over = await slow.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: d.range.start });
          assert.ok(over && (over.contents as MarkupContent).value.includes(String(d.code)), `hover at ${d.range.start.line}:${d.range.start.character} names ${String(d.code)}`);
        }
      } finally {
        assert.equal(await slow.stop(), 0);
      }
    });
  });
  describe('squiggles where the reader looks', () => {
    const SPARSE = 'l2spec: 1\nsystem:\n  name: Sparse\n  family: sidechain\ncomponents:\n  - id: fed\n    kind: federation\n    operators: 5\n    threshold: 3-of-5\n';

    it('puts a finding about a component on its id and a missing section on system:', async () => {
      const uri = await openDoc(SPARSE);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      const lines = SPARSE.split('\n');
      const word = (d: (typeof diagnostics)[number]) => lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character);
      const onComponent = diagnostics.filter((d) => d.range.start.line === 5);
      assert.ok(onComponent.length > 0 && onComponent.every((d) => word(d) === 'fed' && d.range.end.line === 5), JSON.stringify(onComponent));
      const missingSection = diagnostics.find((d) => String(d.code).startsWith('L2S-TRN-001'))!;
      assert.equal(word(missingSection), 'system');
      assert.ok(!diagnostics.some((d) => d.range.start.line === 0), 'nothing lands on l2spec: 1');
    });

    it('puts a finding about a missing key of a section that exists on that section\'s key, not on system:', async () => {
      const text = readFileSync(path.join(__dirname, '..', '..', 'examples', 'liquid.l2spec.yaml'), 'utf8');
      const uri = await openDoc(text);
      const lines = text.split('\n');
      const line = lines.findIndex((l) => /^  unilateral:/.test(l));
      // Delete the line as an editor does, and read the next version's diagnostics.
      await client.change(uri, 2, [{ range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' }]);
      const { diagnostics } = await client.diagnosticsFor(uri, 2);
      const after = lines.filter((_, i) => i !== line);
      const exits = after.findIndex((l) => l.startsWith('exits:'));
      const cooperation = diagnostics.find((d) => d.code === 'L2S-CUST-004');
      assert.ok(cooperation, diagnostics.map((d) => d.code).join(','));
      assert.equal(cooperation.range.start.line, exits);
      assert.equal(after[exits]!.slice(cooperation.range.start.character, cooperation.range.end.character), 'exits');
    });

    it('offers to declare a missing fact with a snippet of its allowed values', async () => {
      const snippets = await LspClient.start({
        initializationOptions: { debounceMs: 0 },
        capabilities: { workspace: { workspaceEdit: { documentChanges: true, snippetEditSupport: true } } },
      });
      try {
        const uri = 'untitled:declare';
        await snippets.open(uri, SPARSE, 1);
        await snippets.diagnosticsFor(uri, 1);
        const at = positionOf(SPARSE, 'fed', 0);
        const actions = await snippets.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] },
        });
        const declare = actions.find((a) => a.title === 'Declare publiclyKnown');
        assert.ok(declare, actions.map((a) => a.title).join(' | '));
        const change = declare.edit!.documentChanges![0] as { textDocument: { version: number }; edits: { range: { start: { line: number } }; snippet: { kind: string; value: string } }[] };
        assert.equal(change.textDocument.version, 1);
        const edit = change.edits[0]!;
        assert.equal(edit.snippet.kind, 'snippet');
        // At the start of the line after the component's last line: VS Code indents every snippet
        // line after the first by the whitespace of the line it is inserted on, so a snippet
        // starting with a line break after an indented line landed 2 columns too deep.
        assert.deepEqual(edit.range.start, { line: 9, character: 0 });
        assert.equal(edit.snippet.value, '    publiclyKnown: ${1|all,partial,none|}\n');
        // A client without snippet edits gets no half-made fix, and still the others.
        const plain = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: await openDoc(SPARSE) }, range: { start: at, end: at }, context: { diagnostics: [] } });
        assert.ok(!plain.some((a) => a.title.startsWith('Declare')));
        assert.ok(plain.some((a) => a.title.startsWith('Suppress L2S-OPS-005 on line 6')), plain.map((a) => a.title).join(' | '));
      } finally {
        assert.equal(await snippets.stop(), 0);
      }
    });
  });
  describe('inlay hints', () => {
    it('shows what durations and thresholds amount to, and nothing once turned off', async () => {
      const text = FIXTURE.replace('  delay: 144 blocks\n', '  delay: 4032 blocks\n');
      const uri = await openDoc(text);
      const all = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
      const hints = await client.request<{ position: { line: number; character: number }; label: string }[]>('textDocument/inlayHint', { textDocument: { uri }, range: all });
      const at = (needle: string, inside = 0) => {
        const p = positionOf(text, needle, inside);
        return hints.find((h) => h.position.line === p.line && h.position.character === p.character + needle.length - inside)?.label;
      };
      assert.equal(at('4032 blocks'), '≈ 28 d');
      assert.equal(at('11-of-15'), '73%');
      assert.equal(at('2-of-3'), '67%');
      const off = await LspClient.start({ initializationOptions: { debounceMs: 0, inlayHints: false } });
      try {
        await off.open('untitled:no-hints', text, 1);
        await off.diagnosticsFor('untitled:no-hints', 1);
        assert.deepEqual(await off.request('textDocument/inlayHint', { textDocument: { uri: 'untitled:no-hints' }, range: all }), []);
      } finally {
        assert.equal(await off.stop(), 0);
      }
    });

    it('reads stake shares both ways', async () => {
      const { hintFor } = await import('../../server/src/service/index.js');
      assert.equal(hintFor('67% of stake'), '≈ 2/3');
      assert.equal(hintFor('2/3 of stake'), '67%');
      assert.equal(hintFor('48h'), '≈ 2 d');
      assert.equal(hintFor('7 days'), undefined, 'already in days');
      assert.equal(hintFor('instant'), undefined);
      assert.equal(hintFor('federation'), undefined);
    });
  });
  describe('settings per workspace folder', () => {
    it('applies a folder\'s own l2spec.rules to the specs inside it only', async () => {
      const scoped = await LspClient.start({ initializationOptions: { debounceMs: 0, folders: [{ uri: 'file:///ws/quiet', rules: { 'L2S-FIN-002': 'off' } }, { uri: 'file:///ws/loud', rules: {} }] } });
      try {
        const codes = async (uri: string) => {
          await scoped.open(uri, FIXTURE, 1);
          return (await scoped.diagnosticsFor(uri, 1)).diagnostics.map((d) => String(d.code));
        };
        assert.ok(!(await codes('file:///ws/quiet/a.l2spec.yaml')).includes('L2S-FIN-002'));
        assert.ok((await codes('file:///ws/loud/a.l2spec.yaml')).includes('L2S-FIN-002'));
        assert.ok((await codes('file:///ws/quieter/a.l2spec.yaml')).includes('L2S-FIN-002'), 'a folder is matched as a folder, not a prefix');
      } finally {
        assert.equal(await scoped.stop(), 0);
      }
    });
  });
});
