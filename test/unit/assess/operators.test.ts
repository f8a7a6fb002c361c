import assert from 'node:assert/strict';
import { rateOperators } from '../../../server/src/engine/assess/operators.js';
import { expectRated, model } from './fixtures.js';

describe('assess: network operators (Bitcoin Layers)', () => {
  it('is low for payment channels (peer to peer)', () => {
    expectRated(rateOperators(model('system: { family: payment-channel }')), 'low', /peer-to-peer/, 'system.family');
  });
  it('is low when only users act', () => {
    expectRated(rateOperators(model('components: [{ id: u, kind: users }]')), 'low', /peer-to-peer/);
  });
  it('is unverified, asking who runs the network, when nobody is named (issue 18 item 1)', () => {
    const o = rateOperators(model('components: [{ id: w, kind: watchtowers }]'));
    expectRated(o, 'unverified', /does not say who runs the network/, 'components');
    assert.deepEqual(o.missing?.map((m) => m.path), ['components']);
  });
  it('is medium when merge-miners have more than half of the hashrate', () => {
    expectRated(rateOperators(model('components: [{ id: m, kind: miners, hashrateShare: 0.6 }]')), 'medium', /60% of Bitcoin's hashrate/, 'components.0.hashrateShare');
  });
  it('is not medium for merge-miners with half of the hashrate or less', () => {
    expectRated(rateOperators(model('components: [{ id: m, kind: miners, hashrateShare: 0.5 }]')), 'unverified', /publicly known/);
    expectRated(rateOperators(model('components: [{ id: m, kind: miners, hashrateShare: 0.5, publiclyKnown: none }]')), 'very-high', /not publicly known/);
  });
  it('is medium for an open-source node anyone may join', () => {
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true, openSource: true }]')), 'medium', /Anyone may join/, 'components.0.permissionless');
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true }]\ntransparency: { nodeSource: open }')), 'medium', /Anyone may join/);
  });
  it('is not medium when a permissionless set is not shown to be open source', () => {
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true }]')), 'unverified', /does not say whether the node "v" run is open source/, 'components.0.openSource');
  });
  it('is high with at least 5 external, publicly known operators', () => {
    expectRated(rateOperators(model('components: [{ id: f, kind: federation, operators: 8, external: 5, publiclyKnown: all }]')), 'high', /run by "f", with 5/, 'components.0');
  });
  describe('a single sequencer (Bitcoin Layers self-sequencing consideration, §8)', () => {
    const seq = (exits: string, extra = '') => model(`components: [{ id: s, kind: sequencer, operators: 1, publiclyKnown: all, external: 0${extra} }]\n${exits}`);
    it('is medium when users can force transactions in via L1 and self-propose', () => {
      expectRated(rateOperators(seq('exits: { forcedInclusion: { mode: force-via-l1 }, proposerFallback: self-propose }')), 'medium', /way around it/, 'exits.forcedInclusion.mode');
      assert.equal(rateOperators(seq('exits: { forcedInclusion: { mode: self-sequence }, proposerFallback: escape-hatch }')).value, 'medium');
    });
    it('is high with forced inclusion only', () => {
      expectRated(rateOperators(seq('exits: { forcedInclusion: { mode: force-via-l1 }, proposerFallback: none }')), 'high', /cannot propose state/);
    });
    it('is very high with neither', () => {
      expectRated(rateOperators(seq('exits: { forcedInclusion: { mode: none }, proposerFallback: none }')), 'very-high', /alone can censor/);
      assert.equal(rateOperators(seq('exits: { forcedInclusion: { mode: enqueue }, proposerFallback: governance }')).value, 'very-high');
    });
    it('counts a fallback that opens after months as none', () => {
      expectRated(rateOperators(seq('exits: { forcedInclusion: { mode: force-via-l1 }, proposerFallback: self-propose, proposerFallbackTimeout: 180d }')), 'high', /counts as no fallback/);
    });
    it('is high, not medium, when its node is closed source', () => {
      expectRated(rateOperators(seq('exits: { forcedInclusion: { mode: force-via-l1 }, proposerFallback: self-propose }', ', openSource: false')), 'high', /rules out "medium"/, 'components.0.openSource');
    });
    it('is unverified when the spec says nothing about the ways around it', () => {
      const r = rateOperators(seq(''));
      expectRated(r, 'unverified', /only sequencer/);
      assert.deepEqual(r.missing?.map((m) => m.path), ['exits.forcedInclusion.mode', 'exits.proposerFallback']);
    });
  });
  it('is low when Bitcoin miners order every transaction (metaprotocols; not merge-mining)', () => {
    const m = model(`
components: [{ id: miners, kind: miners, hashrateShare: 1 }, { id: idx, kind: validators, permissionless: true, openSource: true }]
dataAvailability: { location: bitcoin }`);
    expectRated(rateOperators(m), 'low', /Bitcoin itself is the sequencer/, 'components.0.hashrateShare');
    expectRated(rateOperators(model('system: { family: metaprotocol }')), 'low', /Bitcoin itself/, 'system.family');
    expectRated(rateOperators(model('components: [{ id: idx, kind: validators }]\ndataAvailability: { location: self-hosted }\nstateValidation: { mechanism: client-side }')), 'low', /Bitcoin itself/);
  });
  it('is very high for an undisclosed set', () => {
    expectRated(rateOperators(model('components: [{ id: f, kind: federation, operators: 15, external: 10, publiclyKnown: partial }]')), 'very-high', /not all of its members/, 'components.0.publiclyKnown');
  });
  it('is very high when the spec says operators are not disclosed', () => {
    expectRated(rateOperators(model('components: [{ id: f, kind: federation, operators: 8, external: 5, publiclyKnown: all }]\ntransparency: { operatorsDisclosed: false }')), 'very-high', /not publicly disclosed/, 'transparency.operatorsDisclosed');
  });
  it('rules out only "medium" when the node is closed: the set is then rated by who runs it', () => {
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true, openSource: false, publiclyKnown: none }]')), 'very-high', /not publicly known/);
    expectRated(rateOperators(model('components: [{ id: f, kind: federation, operators: 16, external: 16, publiclyKnown: all, openSource: false }]\ntransparency: { nodeSource: closed }')), 'high', /closed-source node, which rules out "medium"/, 'components.0.openSource');
  });
  it('leaves peer-to-peer channels low with a closed node (low does not ask for open code)', () => {
    assert.equal(rateOperators(model('system: { family: payment-channel }\ntransparency: { nodeSource: closed }')).value, 'low');
  });
  it('judges block producers before a federation that only holds the peg', () => {
    const m = model(`
components:
  - { id: peg-fed, kind: federation, operators: 3, publiclyKnown: none }
  - { id: miners, kind: miners, permissionless: true, openSource: true }`);
    expectRated(rateOperators(m), 'medium', /"miners"/);
  });
  it('judges a service operator when there are no block producers', () => {
    expectRated(rateOperators(model('components: [{ id: asp, kind: operator, operators: 1 }, { id: f, kind: federation, operators: 9, external: 9, publiclyKnown: all }]')), 'very-high', /"asp" is a single operator/);
  });
  it('takes the worst of several producers', () => {
    const m = model(`
components:
  - { id: vals, kind: validators, permissionless: true, openSource: true }
  - { id: seq, kind: sequencer, operators: 1 }
exits: { forcedInclusion: { mode: none }, proposerFallback: none }`);
    expectRated(rateOperators(m), 'very-high', /"seq" is the only sequencer/);
  });
});
