import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/index.js';
import { MAX_ROLE_LINES, setAt, setRolesMarkdown } from '../../../server/src/service/hoverCoalitions.js';

// The hover's coalition section stays bounded however many pegs a set signs for. Hand-derived:
// "fed" (5 members, all external) signs every peg 3-of-5, so in each peg 3 of its members can
// steal (3 entities) and 5 − 3 + 1 = 3 can freeze; the file-wide answer is the first peg's.
const PEGS = 12;
const spec = `l2spec: 2
system: { name: Many pegs, family: sidechain }
l1: { host: bitcoin }
components:
  - { id: fed, kind: federation, operators: 5, threshold: 3-of-5, publiclyKnown: all, external: 5 }
pegs:
${Array.from({ length: PEGS }, (_, i) => `  - { id: p${i}, custody: federation-multisig, signers: fed, threshold: ${i === 0 ? '3' : '4'}-of-5, upgrade: { authority: none } }`).join('\n')}
exits: { unilateral: false, mechanism: federation-peg-out }
`;

describe('hover: who must collude (service/hoverCoalitions)', () => {
  const result = analyze(spec);

  it('finds the set of a component field, a peg threshold and a reference', () => {
    assert.equal(setAt(result, 'components.0.threshold', '3-of-5', false), 'fed');
    assert.equal(setAt(result, 'components.0.kind', 'federation', false), 'fed');
    assert.equal(setAt(result, 'pegs.3.threshold', '4-of-5', false), 'fed');
    assert.equal(setAt(result, 'pegs.3.signers', 'fed', true), 'fed');
    assert.equal(setAt(result, 'pegs.3.custody', 'federation-multisig', false), undefined);
  });

  it(`lists at most ${MAX_ROLE_LINES} roles, then says how many more the preview has`, () => {
    const md = setRolesMarkdown(result, 'fed')!.replace(/\\(.)/g, '$1');
    const items = md.split('\n').filter((l) => l.startsWith('- '));
    assert.equal(items.length, MAX_ROLE_LINES + 1);
    assert.match(items[0]!, /^- 3 of its 5 members can steal the BTC \(3 independent organisations in all\)/);
    // Pegs p1… need 4 of 5 to steal: one line per other peg, beyond the bound.
    assert.ok(md.includes('for peg "p1": 4 of its 5 members can steal the BTC (4 independent organisations in all)'), md);
    assert.match(items.at(-1)!, /^- … \d+ more in the preview$/);
  });

  it('an inline signer set is named by its path, as the trust model names it', () => {
    // 5 external signers, 3-of-5: 3 entities steal, 5 − 3 + 1 = 3 freeze.
    const inline = analyze(`l2spec: 2
system: { name: Inline, family: sidechain }
l1: { host: bitcoin }
pegs:
  - id: p
    custody: federation-multisig
    signers: { kind: federation, operators: 5, threshold: 3-of-5, external: 5, publiclyKnown: all }
    threshold: 3-of-5
    upgrade: { authority: none }
exits: { unilateral: false, mechanism: federation-peg-out }
`);
    assert.equal(setAt(inline, 'pegs.0.signers.threshold', '3-of-5', false), 'pegs.0.signers');
    assert.equal(setAt(inline, 'pegs.0.threshold', '3-of-5', false), 'pegs.0.signers');
    const md = setRolesMarkdown(inline, 'pegs.0.signers')!.replace(/\\(.)/g, '$1');
    assert.match(md, /- 3 of its 5 members can steal the BTC \(3 independent organisations in all\)/);
    assert.match(md, /- 3 of its 5 members can freeze withdrawals \(3 independent organisations in all\)/);
  });

  it('without a trust model (unreadable text) there is no section', () => {
    assert.equal(setRolesMarkdown(analyze('- a list\n- not a mapping\n'), 'fed'), undefined);
  });
});
