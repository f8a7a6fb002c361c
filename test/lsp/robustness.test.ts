// Hostile and broken input through the bundled server: syntax errors, a 10 MB buffer, an alias
// bomb, deep nesting, and a few hundred random edits. The server must keep answering, and every
// diagnostic must lie inside the text it was computed for.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Diagnostic, Hover, DocumentSymbol, CompletionList } from 'vscode-languageserver-protocol';
import { generateSpec } from '../../bench/generate.js';
import { LspClient } from './client.js';

const FIXTURE = readFileSync(path.join(__dirname, 'fixtures', 'federation.l2spec.yaml'), 'utf8');

function inRange(text: string, d: Diagnostic): boolean {
  const lines = text.split('\n');
  const ok = (p: { line: number; character: number }): boolean =>
    p.line >= 0 && p.character >= 0 && (p.line < lines.length ? p.character <= lines[p.line]!.length : p.line === lines.length && p.character === 0);
  const ordered = d.range.start.line < d.range.end.line || (d.range.start.line === d.range.end.line && d.range.start.character <= d.range.end.character);
  return ok(d.range.start) && ok(d.range.end) && ordered;
}

describe('l2spec language server: robustness', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  async function stillAnswers(uri: string): Promise<void> {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.ok(hover === null || typeof hover === 'object');
  }

  it('reports a YAML syntax error at its position and keeps serving', async () => {
    const uri = 'untitled:syntax';
    const text = FIXTURE.replace('  name: Test federation', '  name: "Test federation');
    await client.open(uri, text, 1);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const syntax = diagnostics.filter((d) => d.code === 'L2S-FMT-001');
    assert.ok(syntax.length > 0, diagnostics.map((d) => d.code).join(','));
    for (const d of diagnostics) assert.ok(inRange(text, d));
    await stillAnswers(uri);
  });

  it('refuses a 10 MB buffer with a finding instead of stalling', async () => {
    const uri = 'untitled:huge';
    const line = '# padding line for the size guard, ignored by the parser.............................\n';
    const text = FIXTURE + line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
    await client.open(uri, text, 1);
    const { diagnostics } = await client.diagnosticsFor(uri, 1, 60000);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.code, 'L2S-FMT-008');
    await stillAnswers(uri);
    await client.close(uri);
  });

  it('survives an alias bomb', async () => {
    const uri = 'untitled:bomb';
    const bomb = [
      'l2spec: 1',
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      'system: *g',
      '',
    ].join('\n');
    await client.open(uri, bomb, 1);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    assert.ok(diagnostics.some((d) => d.code === 'L2S-FMT-008'), diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
    await stillAnswers(uri);
  });

  it('survives deep nesting, non-mapping roots and binary noise', async () => {
    const cases = [
      '['.repeat(5000),
      `${'a:\n '.repeat(2000)}x`,
      '- just\n- a list\n',
      '\u0000\u0001\u0002\uFFFF\uD800 garbage',
      '---\nl2spec: 1\n---\nl2spec: 1\n',
      'l2spec: 1\nsystem: {name: x, family: [unclosed\n',
    ];
    let i = 0;
    for (const text of cases) {
      const uri = `untitled:nasty-${i++}`;
      await client.open(uri, text, 1);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      for (const d of diagnostics) assert.ok(inRange(text, d), `${uri}: ${JSON.stringify(d.range)}`);
      await stillAnswers(uri);
      await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
    }
  });

  it('keeps diagnostics flowing on a 5k-line spec while review snapshots are built off-thread', async () => {
    const uri = 'untitled:large';
    let text = generateSpec(5000);
    await client.open(uri, text, 1);
    await client.diagnosticsFor(uri, 1);
    await client.reviewFor(uri, 1, 60000);
    for (let v = 2; v <= 6; v++) {
      text = text.replace(/name: Generated federated network.*/, `name: Generated federated network ${v}`);
      await client.replaceAll(uri, v, text);
      const { diagnostics } = await client.diagnosticsFor(uri, v);
      assert.ok(diagnostics.length > 100);
    }
    const review = await client.reviewFor(uri, 6, 60000);
    assert.equal(review.snapshot.system, 'Generated federated network 6');
    await client.close(uri);
  });

  it('survives a few hundred random edits with every diagnostic inside the edited text', async () => {
    const uri = 'untitled:random-edits';
    let text = FIXTURE;
    let version = 1;
    await client.open(uri, text, version);
    await client.diagnosticsFor(uri, version);
    const fragments = ['', ' ', '\n', '  ', ':', '- ', '#', '"', "'", '[', ']', '{', '}', '&x ', '*x', '11-of-15', 'signers: council', '\t', 'é', '🙂', 'kind: federation\n'];
    const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 12 }), insert: fc.constantFrom(...fragments), cursor: fc.nat() });
    const edits = fc.sample(edit, { numRuns: 300, seed: 20261125 });
    for (const e of edits) {
      const start = e.at % (text.length + 1);
      const end = Math.min(text.length, start + e.len);
      const before = text.slice(0, start);
      const line = before.split('\n').length - 1;
      const character = start - (before.lastIndexOf('\n') + 1);
      const endBefore = text.slice(0, end);
      const endLine = endBefore.split('\n').length - 1;
      const endCharacter = end - (endBefore.lastIndexOf('\n') + 1);
      text = text.slice(0, start) + e.insert + text.slice(end);
      version++;
      await client.change(uri, version, [{ range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, text: e.insert }]);
      if (version % 10 === 0) {
        const { diagnostics } = await client.diagnosticsFor(uri, version);
        for (const d of diagnostics) assert.ok(inRange(text, d), `v${version}: ${JSON.stringify(d.range)} in\n${text}`);
        const lines = text.split('\n');
        const cursorLine = e.cursor % lines.length;
        const position = { line: cursorLine, character: e.cursor % (lines[cursorLine]!.length + 1) };
        await client.request('textDocument/hover', { textDocument: { uri }, position });
        await client.request('textDocument/completion', { textDocument: { uri }, position });
        await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
      }
    }
    const { diagnostics } = await client.diagnosticsFor(uri, version);
    for (const d of diagnostics) assert.ok(inRange(text, d));
    await stillAnswers(uri);
  });
});
