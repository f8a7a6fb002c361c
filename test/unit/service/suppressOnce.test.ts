import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/engine/index.js';
import { codeActions, indexOf } from '../../../server/src/service/index.js';
import { designSnippets, expandSnippet } from '../../../server/src/service/snippets.js';

// The federated-sidechain template asks for two facts of the emergency key set on one line
// (L2S-TRN-005 twice): Ctrl+. listed "Suppress L2S-TRN-005 on line 35" twice (new-user trial).
describe('code actions: one Suppress per rule and line', () => {
  it('offers a line directive once, however many findings of the rule sit on the line', () => {
    const text = expandSnippet(designSnippets.find((d) => /federated/.test(d.label))!.body);
    const result = analyze(text);
    const byLine = new Map<string, number>();
    for (const f of result.findings) byLine.set(`${f.ruleId}@${f.range.start.line}`, (byLine.get(`${f.ruleId}@${f.range.start.line}`) ?? 0) + 1);
    const [twice] = [...byLine].find(([, n]) => n > 1) ?? [];
    assert.ok(twice, 'the template has two findings of one rule on one line');
    const [ruleId, line] = twice.split('@') as [string, string];
    const doc = TextDocument.create('untitled:t', 'l2spec', 1, text);
    const at = { start: { line: Number(line), character: 0 }, end: { line: Number(line), character: 200 } };
    const titles = codeActions(doc, indexOf(result.source), result, at, { uri: doc.uri }).map((a) => a.title);
    assert.equal(titles.filter((t) => t === `Suppress ${ruleId} on line ${Number(line) + 1}`).length, 1, titles.join(' | '));
  });
});
