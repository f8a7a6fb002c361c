// Issue 22 item 5 through the bundled server: the messages it sends stay within their bounds
// (server/src/lsp/bounds.ts), and a cut says so. Waiting is on events, never on sleeps.
import assert from 'node:assert/strict';
import { LspClient } from './client.js';
import { chainSpec } from '../unit/bounds/specs.js';
import { MESSAGE_LIMITS } from '../../server/src/lsp/bounds.js';

describe('l2spec language server: message size bounds', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  it('a spec with about 3,000 findings publishes at most 2,000 diagnostics, the last a notice with both counts', async function () {
    this.timeout(60_000);
    const uri = 'untitled:many.l2spec.yaml';
    // Three rules of 1,001 findings each (the engine lists at most 1,000 per rule, then one more).
    const unknown = Array.from({ length: 1_500 }, (_, i) => `  zz${i}: 1`).join('\n');
    const hidden = Array.from({ length: 1_500 }, (_, i) => `  - "claim\u200b${i}"`).join('\n');
    const dups = '  delay: 1d\n'.repeat(1_500);
    const text = `l2spec: 1\nsystem:\n  name: Many\n  family: sidechain\n${unknown}\n  claims:\n${hidden}\nexits:\n${dups}`;
    await client.open(uri, text, 1);
    const published = await client.diagnosticsFor(uri, 1, 50_000);
    assert.equal(published.diagnostics.length, MESSAGE_LIMITS.maxDiagnostics);
    const notice = published.diagnostics.at(-1)!;
    assert.equal(notice.code, 'message-limit');
    assert.match(String(notice.message), /shows the first 1,999 of 3,\d{3} findings/);
    assert.ok(Buffer.byteLength(JSON.stringify(published)) <= MESSAGE_LIMITS.maxBytes);
  });

  it('the review of a 200-peg backedBy chain is a small message', async function () {
    this.timeout(120_000);
    const uri = 'untitled:chain.l2spec.yaml';
    await client.open(uri, chainSpec(200, true), 1);
    const review = await client.reviewFor(uri, 1, 110_000);
    const bytes = Buffer.byteLength(JSON.stringify(review));
    // 166 MB before references replaced copies; about 2 MB now, and never above the bound.
    assert.ok(bytes < 4 * 1024 * 1024, `${bytes} bytes`);
    assert.equal((review.snapshot as { notice?: string }).notice, undefined);
  });
});
