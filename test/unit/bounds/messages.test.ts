// Issue 22 item 5: every message the language server sends is bounded in size, and a cut says
// what it left out (server/src/lsp/bounds.ts).
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { boundDiagnostics, boundResult, boundSnapshot, jsonBytes, MESSAGE_LIMITS } from '../../../server/src/lsp/bounds.js';
import { reviewSnapshot } from '../../../server/src/lsp/reviewWorker.js';
import { chainSpec } from './specs.js';

const diagnostic = (i: number, message = `finding ${i}`): Diagnostic => ({
  range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } }, severity: DiagnosticSeverity.Error, source: 'l2spec', code: 'L2S-FMT-001', message,
});

describe('message size bounds of the language server (issue 22 item 5)', function () {
  this.timeout(60_000);

  it('250,004 diagnostics: at most the limit are sent, the last a notice with both counts', () => {
    const all = Array.from({ length: 250_004 }, (_, i) => diagnostic(i));
    const sent = boundDiagnostics(all);
    assert.equal(sent.length, MESSAGE_LIMITS.maxDiagnostics);
    assert.deepEqual(sent.slice(0, -1), all.slice(0, MESSAGE_LIMITS.maxDiagnostics - 1));
    const notice = sent.at(-1)!;
    assert.equal(notice.code, 'message-limit');
    assert.match(String(notice.message), /first 1,999 of 250,004 findings/);
    assert.ok(jsonBytes(sent) <= MESSAGE_LIMITS.maxBytes);
  });

  it('diagnostics under both limits are sent as they are; long ones are cut by bytes', () => {
    const few = Array.from({ length: 10 }, (_, i) => diagnostic(i));
    assert.equal(boundDiagnostics(few), few);
    const long = Array.from({ length: 100 }, (_, i) => diagnostic(i, 'x'.repeat(10_000)));
    const limits = { maxBytes: 100_000, maxDiagnostics: 2_000 };
    const sent = boundDiagnostics(long, limits);
    assert.ok(jsonBytes(sent) <= limits.maxBytes, `${jsonBytes(sent)} bytes`);
    assert.ok(sent.length < 12 && sent.length > 5);
    assert.match(String(sent.at(-1)!.message), new RegExp(`first ${sent.length - 1} of 100 findings`));
  });

  it('a review snapshot over the limit keeps a prefix of its findings and says so', () => {
    const snapshot = reviewSnapshot(chainSpec(120, true), {});
    const size = jsonBytes(snapshot);
    // Half the findings' bytes over the limit: cutting findings is enough.
    const limits = { maxBytes: size - Math.floor(jsonBytes(snapshot.findings) / 2), maxDiagnostics: 2_000 };
    const cut = boundSnapshot(snapshot, limits);
    assert.ok(jsonBytes(cut) <= limits.maxBytes);
    assert.ok(cut.findings.length < snapshot.findings.length && cut.findings.length > 0);
    assert.deepEqual(cut.findings, snapshot.findings.slice(0, cut.findings.length));
    assert.deepEqual(cut.counts, snapshot.counts, 'the counts still count every finding');
    assert.deepEqual(cut.diagram, snapshot.diagram, 'the diagram stays while cutting findings is enough');
    assert.match(cut.notice!, new RegExp(`first ${cut.findings.length.toLocaleString('en')} of ${snapshot.findings.length.toLocaleString('en')} findings`));
    for (const e of cut.parseErrors) assert.ok(e.index < cut.findings.length);
    assert.equal(boundSnapshot(snapshot), snapshot, 'within the default limit it is sent unchanged');
  });

  it('a snapshot whose findings alone do not make it too large drops the diagram and plan too', () => {
    const snapshot = reviewSnapshot(chainSpec(120, true), {});
    const limits = { maxBytes: 40_000, maxDiagnostics: 2_000 };
    const cut = boundSnapshot(snapshot, limits);
    assert.ok(jsonBytes(cut) <= limits.maxBytes, `${jsonBytes(cut)} bytes`);
    assert.equal(cut.diagram.nodes.length, 0);
    assert.equal(cut.plan, undefined);
    assert.match(cut.notice!, /no diagram/);
  });

  it('a request answer over the limit is logged and answered with the fallback', () => {
    const logged: string[] = [];
    const big = { contents: 'x'.repeat(2_000) };
    assert.equal(boundResult('hover', big, null, (m) => logged.push(m), { maxBytes: 1_000, maxDiagnostics: 1 }), null);
    assert.match(logged[0]!, /hover answer was .* over the .* limit/);
    assert.equal(boundResult('hover', big, null, (m) => logged.push(m)), big);
  });
});
