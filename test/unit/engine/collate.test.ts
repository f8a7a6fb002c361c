import assert from 'node:assert/strict';
import { compareText } from '../../../server/src/engine/collate.js';

// compareText must order exactly as localeCompare does (it replaces it on the CLI's hot path).
describe('engine: compareText', () => {
  const sign = (x: number) => Math.sign(x);
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));

  it('orders every pair of printable ASCII characters as localeCompare', () => {
    for (const a of ascii) for (const b of ascii) assert.equal(sign(compareText(a, b)), sign(a.localeCompare(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  });

  it('orders random ASCII strings, prefixes and case variants as localeCompare', () => {
    let seed = 7;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const alphabets = [ascii.join(''), 'aAbB-_.=&0129', 'components.0.publiclyKnown=all&'];
    for (let k = 0; k < 20000; k++) {
      const alphabet = alphabets[k % alphabets.length]!;
      const word = () => Array.from({ length: rnd(8) }, () => alphabet[rnd(alphabet.length)]).join('');
      const a = word();
      const b = rnd(3) === 0 ? a + word() : rnd(2) === 0 ? a.replace(/[a-z]/i, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())) : word();
      assert.equal(sign(compareText(a, b)), sign(a.localeCompare(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
  });

  it('falls back to localeCompare outside printable ASCII', () => {
    for (const [a, b] of [['é', 'f'], ['a\tb', 'a b'], ['Ärger', 'Zebra'], ['x→y', 'x-y']]) assert.equal(sign(compareText(a!, b!)), sign(a!.localeCompare(b!)));
  });
});
