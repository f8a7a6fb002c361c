import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceMap } from '../../../server/src/engine/index.js';
import { FragmentCache, parseSource } from '../../../server/src/engine/parse/source.js';
import { generateSpec } from '../../../bench/generate.js';

// The editor features read the engine's parse through SourceMap.entries(): it must list the same
// entries whether the text was parsed whole or in fragments, agree with rangeOf() path by path, and
// survive the structured clone that carries an analysis result off a worker thread.
const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');
const texts = [
  ...readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(EXAMPLES, f), 'utf8')),
  generateSpec(400),
];

describe('engine: source map entries', () => {
  it('lists the same entries for a fragmented and a whole parse', () => {
    for (const text of texts) {
      const planned = parseSource(text, new FragmentCache(), 0).map.entries();
      const whole = parseSource(text, new FragmentCache(), Infinity).map.entries();
      assert.ok(whole.length > 20);
      assert.deepEqual(planned, whole);
    }
  });

  it('agrees with rangeOf for every path, and records kinds and scalars', () => {
    const text = texts.at(-1)!;
    const { map } = parseSource(text, new FragmentCache(), 0);
    const entries = map.entries();
    for (const e of entries) {
      assert.deepEqual(map.rangeOf(e.path), map.rangeOfSpan(e.value), e.path);
      if (e.key) assert.deepEqual(map.rangeOf(e.path, true), map.rangeOfSpan(e.key), e.path);
    }
    const kinds = new Set(entries.map((e) => e.kind));
    for (const kind of ['map', 'seq', 'scalar']) assert.ok(kinds.has(kind as never), kind);
    const l2spec = entries.find((e) => e.path === 'l2spec')!;
    assert.equal(l2spec.kind, 'scalar');
    assert.equal(text.slice(l2spec.value[0], l2spec.value[1]).trim(), String(l2spec.scalar));
  });

  it('is usable again after a structured clone', () => {
    const { map } = parseSource(texts[0]!, new FragmentCache(), 0);
    const revived = SourceMap.revive(structuredClone(map));
    assert.ok(revived instanceof SourceMap);
    assert.deepEqual(revived.entries(), map.entries());
    assert.deepEqual(revived.position(50), map.position(50));
  });
});
