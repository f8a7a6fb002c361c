import assert from 'node:assert/strict';
import { rateCustody as rateCustodyAll } from '../../../server/src/engine/assess/custody.js';
import type { SpecModel } from '../../../server/src/engine/model.js';

const rateCustody = (m: SpecModel) => rateCustodyAll(m).axis;
import { rateFinality } from '../../../server/src/engine/assess/finality.js';
import { expectRated, model } from './fixtures.js';

// A federation peg whose signer set is described by `signer` (YAML mapping lines, 4-space indent).
function federation(signer: string, extra = ''): ReturnType<typeof model> {
  return model(`
components:
  - id: fed
    kind: federation
${signer}
pegs:
  - id: main
    custody: federation-multisig
    signers: fed
${extra}`);
}

const KNOWN_5 = '    operators: 7\n    threshold: 5-of-7\n    external: 5\n    publiclyKnown: all';

describe('assess: BTC custody (Bitcoin Layers)', () => {
  describe('without pegs', () => {
    it('is low when users exit unilaterally', () => {
      expectRated(rateCustody(model('exits: { unilateral: true }')), 'low', /exit unilaterally/, 'exits.unilateral');
    });
    it('is unverified, asking who holds the BTC, when the spec declares no peg and no unilateral exit (issue 18 item 1)', () => {
      const c = rateCustody(model('system: { family: sidechain }'));
      expectRated(c, 'unverified', /does not say who holds the BTC/, 'pegs');
      assert.deepEqual(c.missing?.map((m) => m.path), ['pegs']);
    });
  });

  describe('unilateral custody', () => {
    it('is low', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: unilateral }]')), 'low', /exit unilaterally/, 'pegs.0.custody');
    });
    it('is degraded to medium when users keep custody but cannot exit unilaterally', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: unilateral }]\nexits: { unilateral: false }')), 'medium', /cannot exit unilaterally/, 'exits.unilateral');
    });
  });

  describe('key-held custody', () => {
    it('is high with at least 5 publicly known external signers', () => {
      expectRated(rateCustody(federation(KNOWN_5)), 'high', /5 publicly known members external/, 'components.0');
    });
    it('is very high with only 4 external signers', () => {
      expectRated(rateCustody(federation(KNOWN_5.replace('external: 5', 'external: 4'))), 'very-high', /only 4 of its members are external/, 'components.0.external');
    });
    it('is very high when not all signers are publicly known', () => {
      expectRated(rateCustody(federation(KNOWN_5.replace('all', 'partial'))), 'very-high', /not all of its members are publicly known/, 'components.0.publiclyKnown');
    });
    it('is unverified, not very high, when the external count is not declared (§8: a review lacking a fact says Unverified)', () => {
      const r = rateCustody(federation('    operators: 7\n    publiclyKnown: all'));
      expectRated(r, 'unverified', /does not say how many members of "fed" are external/);
      assert.deepEqual(r.missing?.map((m) => m.path), ['components.0.external']);
    });
    it('is very high when a declared fact falls short, even if another is missing', () => {
      expectRated(rateCustody(federation('    operators: 7\n    publiclyKnown: partial')), 'very-high', /not all of its members are publicly known/);
    });
    it('is unverified when the spec names no signers', () => {
      const r = rateCustody(model('pegs: [{ id: p, custody: federation-multisig }]'));
      expectRated(r, 'unverified', /does not say who holds the keys/);
      assert.deepEqual(r.missing?.map((m) => m.path), ['pegs.0.signers']);
    });
    it('says "unreadable", not "undeclared", for a misspelled disclosure key', () => {
      const m = federation(KNOWN_5.replace('publiclyKnown', 'publiclyKnwon'));
      m.unreadable = new Map([['components.0.publiclyKnown', { path: 'components.0.publiclyKnwon', ruleId: 'L2S-FMT-003', what: 'written as the unknown key "publiclyKnwon"' }]]);
      const r = rateCustody(m);
      expectRated(r, 'unverified', /unknown key "publiclyKnwon" \(see L2S-FMT-003\)/, 'components.0.publiclyKnwon');
      assert.equal(r.missing?.[0]?.unreadable?.ruleId, 'L2S-FMT-003');
    });
    it('is very high when a single signer of many can move the BTC (1-of-n)', () => {
      expectRated(rateCustody(federation(KNOWN_5.replace('5-of-7', '1-of-7'))), 'very-high', /any single signer/, 'components.0.threshold');
    });
    it('does not judge the chain node under custody: closed signer-node software leaves "high" (§8)', () => {
      assert.equal(rateCustody(federation(`${KNOWN_5}\n    openSource: false`)).value, 'high');
    });
    it('is very high when the bridge program itself is closed source', () => {
      expectRated(rateCustody(federation(KNOWN_5, '    bridgeSource: closed')), 'very-high', /bridge program is closed source/, 'pegs.0.bridgeSource');
    });
    it('rates MPC and threshold-signature custody by the same signer rule', () => {
      const m = federation(KNOWN_5);
      m.pegs[0]!.custody = 'mpc';
      assert.equal(rateCustody(m).value, 'high');
      m.pegs[0]!.custody = 'threshold-signature';
      assert.equal(rateCustody(m).value, 'high');
    });
    it('is very high for a single custodian', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: single-custodian }]')), 'very-high', /single custodian/);
    });
    it('is unverified for an ecash mint with no declared federation', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: ecash-mint }]')), 'unverified', /does not say who holds the keys/);
    });
    it('treats a peg with signers but no custody type as key-held', () => {
      const m = federation(KNOWN_5);
      m.pegs[0]!.custody = undefined;
      expectRated(rateCustody(m), 'high', /custody type not declared/);
    });
    it('is unverified, asking for the custody type, when a peg declares neither custody type nor signers', () => {
      const c = rateCustody(model('pegs: [{ id: p }]'));
      expectRated(c, 'unverified', /does not say what kind of custody/, 'pegs.0.custody');
      assert.deepEqual(c.missing?.map((m) => m.path), ['pegs.0.custody']);
    });
  });

  describe('BitVM and covenant custody', () => {
    const cov = '{ id: cov, kind: signer-set, operators: 7, external: 3, publiclyKnown: all }';
    it('is medium when anyone may challenge and the covenant committee has an independent, known member', () => {
      const m = model(`
components: [{ id: ch, kind: challengers, permissionless: true }, ${cov}]
pegs: [{ id: p, custody: bitvm, signers: cov }]
stateValidation: { mechanism: bitvm, challengers: ch }`);
      expectRated(rateCustody(m), 'medium', /anyone can act as a challenger/, 'components.0.permissionless');
      expectRated(rateCustody(m), 'medium', /one of them deleting its key keeps the covenant safe/, 'components.1.external');
    });
    it('does not count watchtowers that anyone may run as challengers: they report, they do not challenge (item 2)', () => {
      const m = model(`components: [${cov}]\npegs: [{ id: p, custody: bitvm, signers: cov }]\nexits: { watchtowers: { permissionless: true } }`);
      const r = rateCustody(m);
      expectRated(r, 'unverified', /watchtowers that only watch and report are not challengers/, 'exits.watchtowers');
      assert.deepEqual(r.missing?.map((f) => f.path), ['stateValidation.challengers']);
    });
    it('is custody by the builder when the covenant committee is the builder alone (item 2)', () => {
      const m = model(`
components: [{ id: ch, kind: challengers, permissionless: true }, { id: cov, kind: signer-set, operators: 5, external: 0, publiclyKnown: all }]
pegs: [{ id: p, custody: bitvm, signers: cov }]
stateValidation: { mechanism: bitvm, challengers: ch }`);
      expectRated(rateCustody(m), 'very-high', /run by the builder alone/, 'components.1.external');
    });
    it('waits for the covenant committee\'s size, disclosure and independence (unverified, facts named)', () => {
      const m = model(`
components: [{ id: ch, kind: challengers, permissionless: true }, { id: cov, kind: signer-set }]
pegs: [{ id: p, custody: bitvm, signers: cov }]
stateValidation: { mechanism: bitvm, challengers: ch }`);
      const r = rateCustody(m);
      assert.equal(r.value, 'unverified');
      assert.deepEqual(r.missing?.map((f) => f.path), ['components.1.publiclyKnown', 'components.1.external']);
      const none = model(`
components: [{ id: ch, kind: challengers, permissionless: true }]
pegs: [{ id: p, custody: bitvm }]
stateValidation: { mechanism: bitvm, challengers: ch }`);
      assert.deepEqual(rateCustody(none).missing?.map((f) => f.path), ['pegs.0.signers']);
    });
    it('rates a permissioned challenger set like a signer set', () => {
      const m = model(`
components: [{ id: ch, kind: challengers, operators: 6, external: 5, publiclyKnown: all }, ${cov}]
pegs: [{ id: p, custody: bitvm, signers: cov }]
stateValidation: { mechanism: bitvm, challengers: ch }`);
      expectRated(rateCustody(m), 'high', /permissioned challengers/);
      m.components[0]!.external = 2;
      assert.equal(rateCustody(m).value, 'very-high');
    });
    it('is unverified when nobody is named to challenge', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: bitvm }]')), 'unverified', /who may challenge a bad withdrawal/);
    });
    it('is low for a covenant when users can exit unilaterally', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: n-of-n-covenant }]\nexits: { unilateral: true }')), 'low', /exit unilaterally/);
    });
    it('rates a covenant signer set by the known-external bar', () => {
      const m = model(`
components: [{ id: cov, kind: signer-set, operators: 6, external: 5, publiclyKnown: all }]
pegs: [{ id: p, custody: n-of-n-covenant, signers: cov }]`);
      expectRated(rateCustody(m), 'high', /key-deletion covenant, signed by/);
    });
  });

  describe('stake, miners and contracts', () => {
    const pos = (stake: string) => model(`
components: [{ id: val, kind: validators, operators: 20, publiclyKnown: none, slashedFor: [peg-theft] }]
pegs: [{ id: p, custody: pos-stake, signers: val${stake} }]`);
    it('is medium when stake slashed for stealing the peg is worth at least the BTC it guards', () => {
      expectRated(rateCustody(pos(', collateralBtc: 500, valueAtRiskBtc: 400')), 'medium', /financially incentivised/, 'pegs.0.collateralBtc');
    });
    it('does not count stake slashed only for double-signing: the peg gets no security from it (item 4)', () => {
      const m = model(`
components: [{ id: val, kind: validators, operators: 20, publiclyKnown: all, external: 20, stakeBtc: 900, slashedFor: [double-signing, downtime] }]
pegs: [{ id: p, custody: pos-stake, signers: val, valueAtRiskBtc: 400 }]`);
      expectRated(rateCustody(m), 'high', /slashed only for double-signing and downtime, not for stealing the peg/, 'components.0.slashedFor');
    });
    it('waits for slashedFor when the stake would outweigh the BTC (unverified, fact named)', () => {
      const m = model(`
components: [{ id: val, kind: validators, operators: 20, publiclyKnown: all, external: 20, stakeBtc: 900 }]
pegs: [{ id: p, custody: pos-stake, signers: val, valueAtRiskBtc: 400 }]`);
      const r = rateCustody(m);
      assert.equal(r.value, 'unverified');
      assert.deepEqual(r.missing?.map((f) => f.path), ['components.0.slashedFor']);
    });
    it('rates the validators as a signer set when the stake is worth less', () => {
      expectRated(rateCustody(pos(', collateralBtc: 100, valueAtRiskBtc: 400')), 'very-high', /worth less than the 400 BTC/);
    });
    it('rates the validators as a signer set when the numbers are missing', () => {
      expectRated(rateCustody(pos('')), 'very-high', /does not give both the stake/);
    });
    it('is medium for a miner vote', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: miner-vote }]')), 'medium', /vote of Bitcoin miners/);
    });
    it('is medium for a contract paying out only on validity-proven state', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: smart-contract }]\nstateValidation: { mechanism: validity-proofs }')), 'medium', /validity proofs/);
    });
    it('is very high for a contract paying out on unchecked state', () => {
      expectRated(rateCustody(model('pegs: [{ id: p, custody: smart-contract }]\nstateValidation: { mechanism: none }')), 'very-high', /whoever posts state controls/);
    });
  });

  describe('upgradeable custody', () => {
    const council = `
  - id: council
    kind: security-council
    operators: 9
    threshold: 7-of-9
    external: 6
    publiclyKnown: all`;
    const challengers = '  - id: ch\n    kind: challengers\n    permissionless: true\n  - { id: cov, kind: signer-set, operators: 7, external: 3, publiclyKnown: all }';
    const bitvm = (upgrade: string, exits = '') => model(`
components:
${challengers}${council}
pegs:
  - id: p
    custody: bitvm
    signers: cov
    upgrade: ${upgrade}
stateValidation: { mechanism: bitvm, challengers: ch }
${exits}`);

    it('is very high when the bridge can be upgraded instantly', () => {
      expectRated(rateCustody(bitvm('{ authority: council, delay: instant }')), 'very-high', /upgraded instantly/, 'pegs.0.upgrade.delay');
    });
    it('is unverified when the upgrade delay is not written', () => {
      expectRated(rateCustody(bitvm('{ authority: council }')), 'unverified', /how long upgrades wait/, 'pegs.0.upgrade.delay');
    });
    it('waits for the exit time before ruling the upgraders out (a missing part is never read as zero)', () => {
      const r = rateCustody(bitvm('{ authority: council, delay: 44d }', 'exits: { delay: 14d }'));
      assert.equal(r.value, 'unverified');
      assert.deepEqual(r.missing?.map((f) => f.path), ['exits.forcedInclusion.mode']);
    });
    it('keeps the mechanism rating when users have 30 days to leave first', () => {
      const r = rateCustody(bitvm('{ authority: council, delay: 44d }', 'exits: { delay: 14d, forcedInclusion: { mode: self-sequence } }'));
      expectRated(r, 'medium', /not counted as a custodian/, 'pegs.0.upgrade.delay');
    });
    it('rates the upgraders as custodians when users have less than 30 days', () => {
      const r = rateCustody(bitvm('{ authority: council, delay: 30d }', 'exits: { delay: 14d }'));
      expectRated(r, 'high', /in effect a custodian/, 'pegs.0.upgrade.delay');
      expectRated(r, 'high', /can be upgraded by "council"/, 'components.2');
    });
    it('is unverified when the upgraders are not named and the window is short', () => {
      expectRated(rateCustody(bitvm('{ delay: 10d }')), 'unverified', /does not say who can upgrade it/);
    });
    it('ignores an immutable custody logic', () => {
      assert.equal(rateCustody(bitvm('{ authority: none }')).value, 'medium');
    });
    it('falls back to system upgrades when the peg declares none', () => {
      const m = model('pegs: [{ id: p, custody: unilateral }]\ngovernance: { upgradeable: true, upgradeDelay: 2d }');
      expectRated(rateCustody(m), 'unverified', /through system upgrades/);
    });
    it('rates every upgrade path: an instant emergency path makes custody very high (format 2)', () => {
      expectRated(rateCustody(bitvm('{ authority: council, delay: 60d, emergency: { holder: council, delay: instant } }')), 'very-high', /emergency path instantly/, 'pegs.0.upgrade.emergency.delay');
    });
    describe('upgrades held by the peg\'s own signers, and instant upgrades of key-held custody (issue 18 item 5)', () => {
      const fed = (upgrade: string, extra = '') => model(`
components:
  - { id: fed, kind: federation, operators: 9, threshold: 7-of-9, publiclyKnown: all, external: 8 }
  - { id: key, kind: signer-set, operators: 1, publiclyKnown: all, external: 0 }${extra}
pegs: [{ id: p, custody: federation-multisig, signers: fed, upgrade: ${upgrade} }]`);
      it('a path held by the custody signers themselves adds no party: the mechanism stands', () => {
        expectRated(rateCustody(fed('{ authority: fed, delay: instant }')), 'high', /held by the same signers that hold the BTC/, 'pegs.0.upgrade.delay');
        expectRated(rateCustody(fed('{ authority: fed }')), 'high', /adds no party/);
      });
      it('rates an instant upgrade of key-held custody by who holds it: a disclosed federation of 5+ above a single key', () => {
        const council = '\n  - { id: council, kind: security-council, operators: 7, publiclyKnown: all, external: 6 }';
        expectRated(rateCustody(fed('{ authority: council, delay: instant }', council)), 'high', /instantly, so whoever upgrades it is in effect a custodian/);
        expectRated(rateCustody(fed('{ authority: key, delay: instant }')), 'very-high', /single party/);
      });
      it('declaring a path with no delay is never rated worse than leaving it out when even an instant upgrade would not be', () => {
        const council = '\n  - { id: council, kind: security-council, operators: 7, publiclyKnown: all, external: 6 }';
        expectRated(rateCustody(fed('{ authority: council }', council)), 'high', /no delay written; even an instant upgrade/);
        const r = rateCustody(fed('{ authority: key }'));
        assert.equal(r.value, 'unverified');
        assert.deepEqual(r.missing?.map((f) => f.path), ['pegs.0.upgrade.delay']);
      });
      it('keeps an instant upgrade of contract custody at very high (BL: an instantly upgradeable bridge is Stop!)', () => {
        const m = model(`
components: [{ id: council, kind: security-council, operators: 9, publiclyKnown: all, external: 9 }]
pegs: [{ id: p, custody: smart-contract, upgrade: { authority: council, delay: instant } }]
stateValidation: { mechanism: validity-proofs }`);
        expectRated(rateCustody(m), 'very-high', /upgraded instantly/);
      });
    });
    it('with a two-party sign-off, the party hardest to corrupt decides (format 2)', () => {
      const m = model(`
components:
  - { id: ch, kind: challengers, permissionless: true }
  - { id: foundation, kind: signer-set, operators: 3, publiclyKnown: all, external: 0 }
  - { id: council, kind: security-council, operators: 9, threshold: 7-of-9, external: 6, publiclyKnown: all }
  - { id: cov, kind: signer-set, operators: 7, external: 3, publiclyKnown: all }
pegs: [{ id: p, custody: bitvm, signers: cov }]
stateValidation: { mechanism: bitvm, challengers: ch }
governance:
  upgradePaths:
    - { id: regular, holders: [foundation, council], delay: 10d }`);
      expectRated(rateCustody(m), 'high', /can be upgraded by "council"/);
    });
  });

  describe('verifiability and several pegs', () => {
    it('does not judge a closed chain node under custody (§8: that is DA and operators)', () => {
      const m = model('pegs: [{ id: p, custody: unilateral }]\ntransparency: { nodeSource: closed }');
      assert.equal(rateCustody(m).value, 'low');
    });
    it('is very high when the peg contracts are unverified', () => {
      const m = model('pegs: [{ id: p, custody: smart-contract }]\nstateValidation: { mechanism: validity-proofs }\ntransparency: { contractsVerified: false }');
      expectRated(rateCustody(m), 'very-high', /not verified/, 'transparency.contractsVerified');
      const own = model('pegs: [{ id: p, custody: unilateral, contractsVerified: false }]');
      expectRated(rateCustody(own), 'very-high', /not verified/, 'pegs.0.contractsVerified');
    });
    it('is very high when a BitVM bridge relies on a closed prover', () => {
      const m = model('pegs: [{ id: p, custody: bitvm }]\nexits: { watchtowers: { permissionless: true } }\nstateValidation: { mechanism: bitvm, proverSource: closed }');
      expectRated(rateCustody(m), 'very-high', /prover/, 'stateValidation.proverSource');
    });
    it('rates each peg; the axis is the first (enshrined) peg, the worse one stays visible', () => {
      const all = rateCustodyAll(model('pegs: [{ id: a, custody: unilateral }, { id: b, custody: single-custodian }]'));
      expectRated(all.axis, 'low', /enshrined peg "a"/);
      assert.deepEqual(all.pegs.map((p) => [p.id, p.value, p.canonical]), [['a', 'low', true], ['b', 'very-high', false]]);
      expectRated(all.pegs[1]!, 'very-high', /single custodian/, 'pegs.1.custody');
    });
    it('heads the axis with the peg marked canonical', () => {
      const all = rateCustodyAll(model('pegs: [{ id: a, custody: single-custodian }, { id: b, custody: unilateral, canonical: true }]'));
      assert.equal(all.axis.value, 'low');
      assert.deepEqual(all.pegs.map((p) => p.canonical), [false, true]);
    });
    it('rates a token carried through a second bridge by its worst hop', () => {
      const m = model(`
components: [{ id: fed, kind: federation, operators: 7, threshold: 5-of-7, external: 7, publiclyKnown: all }]
pegs:
  - id: w
    custody: federation-multisig
    signers: fed
    hops:
      - { name: L2 bridge, custody: smart-contract, upgrade: { authority: none } }
      - { name: Relay, custody: single-custodian }`);
      expectRated(rateCustody(m), 'very-high', /hop 3 \(Relay\) is held by a single custodian/, 'pegs.0.hops.1.custody');
    });
    it('a token backed by another token is no better than it', () => {
      const all = rateCustodyAll(model(`
components: [{ id: fed, kind: federation, operators: 7, threshold: 5-of-7, external: 7, publiclyKnown: all }]
pegs:
  - { id: own, custody: federation-multisig, signers: fed }
  - { id: wrapped, custody: single-custodian }
  - { id: derived, custody: federation-multisig, signers: fed, backedBy: wrapped }`));
      assert.equal(all.pegs[0]!.value, 'high');
      expectRated(all.pegs[2]!, 'very-high', /backed by the token of peg "wrapped"/);
    });
    it('counts a stake token without market value as no stake (§8)', () => {
      const m = model(`
components: [{ id: val, kind: validators, operators: 20, threshold: 67% of voting power, publiclyKnown: all, external: 20, stakeBtc: 1000, stakeHasMarketValue: false }]
pegs: [{ id: p, custody: pos-stake, signers: val, valueAtRiskBtc: 400 }]`);
      expectRated(rateCustody(m), 'high', /no market value/);
      assert.equal(m.components[0]!.weightedThreshold?.fraction, 0.67);
    });
    it('rates statechain custody low: users hold pre-signed exits (BL rates Spark and Mercury Layer low)', () => {
      expectRated(rateCustody(model('pegs: [{ id: s, custody: statechain }]\nexits: { unilateral: true }')), 'low', /pre-signed backup transaction/);
    });
    it('judges statechain key deletion under finality only, never a second time under custody (item 3)', () => {
      const m = model('system: { family: statechain }\ncomponents: [{ id: se, kind: operator, operators: 1 }]\npegs: [{ id: s, custody: statechain, signers: se }]\nexits: { unilateral: true }\nfinality: { source: federation, provableKeyDeletion: false }');
      expectRated(rateCustody(m), 'low', /rated under finality/, 'finality.provableKeyDeletion');
      expectRated(rateFinality(m), 'very-high', /key deletion cannot be proven/);
    });
    it('degrades statechain custody to medium when users cannot exit unilaterally', () => {
      expectRated(rateCustody(model('pegs: [{ id: s, custody: statechain }]\nexits: { unilateral: false }')), 'medium', /cannot exit unilaterally/);
    });
  });
});
