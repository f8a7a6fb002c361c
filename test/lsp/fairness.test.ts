// Issue 22, item 8: one big spec must not starve the others' previews, and the documents the user
// sees go first. Over stdio with the bundled server. Orderings only, no timing: a generated
// 230 KB spec's review (analysis, plan search, diagram layout) takes far longer than a small
// example's, so with one shared review worker the small spec's review came after the big one's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { generateSpec } from '../../bench/generate.js';
import { LspClient, type ReviewMessage } from './client.js';

const liquid = readFileSync(path.join(__dirname, '..', '..', 'examples', 'liquid.l2spec.yaml'), 'utf8');

describe('language server: review fairness (issue 22, item 8)', function () {
  this.timeout(240000);
  let client: LspClient;
  beforeEach(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
  });
  afterEach(() => client?.kill());

  /** Resolves with the order in which the reviews of `uris` arrive. */
  function reviewOrder(uris: string[]): Promise<string[]> {
    return Promise.all(uris.map((uri) => client.reviews.next((r: ReviewMessage) => r.uri === uri, `review of ${uri}`, 230000).then(() => uri)))
      .then(() => uris.map((uri) => [uri, client.reviews.received.findIndex((r) => r.uri === uri)] as const).sort((a, b) => a[1] - b[1]).map(([uri]) => uri));
  }

  it('a small spec opened while a big one is reviewed gets its preview first (the big one has a worker of its own)', async () => {
    const big = 'untitled:big.l2spec.yaml';
    const small = 'untitled:small.l2spec.yaml';
    const order = reviewOrder([big, small]);
    await client.open(big, generateSpec(10000));
    await client.diagnosticsFor(big, 1, 120000);
    await client.open(small, liquid);
    assert.deepEqual(await order, [small, big]);
  });

  it('of two big specs, the one shown is reviewed first, pausing the other (l2spec/visibleDocuments)', async () => {
    const hidden = 'untitled:hidden.l2spec.yaml';
    const shown = 'untitled:shown.l2spec.yaml';
    await client.conn.sendNotification('l2spec/visibleDocuments', { uris: [shown] });
    const order = reviewOrder([hidden, shown]);
    await client.open(hidden, generateSpec(3500));
    await client.diagnosticsFor(hidden, 1, 120000);
    await client.open(shown, generateSpec(3600));
    assert.deepEqual(await order, [shown, hidden]);
  });

  it('without the notification, the document opened or edited last goes first', async () => {
    const first = 'untitled:first.l2spec.yaml';
    const last = 'untitled:last.l2spec.yaml';
    const order = reviewOrder([first, last]);
    await client.open(first, generateSpec(3500));
    await client.diagnosticsFor(first, 1, 120000);
    await client.open(last, generateSpec(3600));
    assert.deepEqual(await order, [last, first]);
  });
});
