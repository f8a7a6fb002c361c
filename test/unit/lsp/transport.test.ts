// The server's stdio writer (server/src/lsp/transport.ts): what it writes, messages and messages
// serialised elsewhere alike, is read back by vscode-jsonrpc's own reader as the same messages, in
// the order they were given, whatever their characters.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { FramedStreamWriter } from '../../../server/src/lsp/transport.js';

/** Writes `send` (each a message, or a raw JSON text) and returns what a vscode-jsonrpc reader reads. */
async function roundTrip(send: ({ msg: Message } | { raw: string })[]): Promise<Message[]> {
  const stream = new PassThrough();
  const writer = new FramedStreamWriter(stream);
  const reader = new StreamMessageReader(stream);
  const read: Message[] = [];
  const done = new Promise<void>((resolve) => {
    reader.listen((m) => {
      read.push(m);
      if (read.length === send.length) resolve();
    });
  });
  // Not awaited one by one: the order must hold for writes given back to back.
  await Promise.all(send.map((s) => ('msg' in s ? writer.write(s.msg) : writer.writeRaw(s.raw))));
  await done;
  reader.dispose();
  return read;
}

describe('stdio transport: framed writes, raw and serialised (issue 21)', () => {
  it('a raw notification and ordinary messages arrive whole and in order', async () => {
    const notification = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.l2spec.yaml', version: 3, diagnostics: [{ message: 'Threshold 2-of-3 — “quorum” ⟨U+202E⟩ 🚨', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }] } };
    const read = await roundTrip([
      { msg: { jsonrpc: '2.0', id: 1, result: { contents: 'hover' } } as Message },
      { raw: JSON.stringify(notification) },
      { msg: { jsonrpc: '2.0', method: 'l2spec/review', params: { n: 1 } } as Message },
    ]);
    assert.deepEqual(read, [{ jsonrpc: '2.0', id: 1, result: { contents: 'hover' } }, notification, { jsonrpc: '2.0', method: 'l2spec/review', params: { n: 1 } }]);
  });

  it('any text survives the framing (Content-Length counts UTF-8 bytes)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.boolean(), fc.string({ unit: 'binary', maxLength: 300 })), { minLength: 1, maxLength: 6 }), async (items) => {
      const messages = items.map(([raw, text], i) => ({ raw, msg: { jsonrpc: '2.0', method: 'x', params: { i, text } } as Message }));
      const read = await roundTrip(messages.map((m) => (m.raw ? { raw: JSON.stringify(m.msg) } : { msg: m.msg })));
      assert.deepEqual(read, messages.map((m) => m.msg));
    }), { numRuns: 100 });
  });
});
