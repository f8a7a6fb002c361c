import { rateOperators } from '../../../server/src/engine/assess/operators.js';
import { expectRated, model } from './fixtures.js';

describe('assess: network operators (Bitcoin Layers)', () => {
  it('is low for payment channels (peer to peer)', () => {
    expectRated(rateOperators(model('system: { family: payment-channel }')), 'low', /peer-to-peer/, 'system.family');
  });
  it('is low when only users act', () => {
    expectRated(rateOperators(model('components: [{ id: u, kind: users }]')), 'low', /peer-to-peer/);
  });
  it('is under review when nobody is named to run the network', () => {
    expectRated(rateOperators(model('components: [{ id: w, kind: watchtowers }]')), 'under-review', /names no component that runs the network/, 'components');
  });
  it('is medium when merge-miners have more than half of the hashrate', () => {
    expectRated(rateOperators(model('components: [{ id: m, kind: miners, hashrateShare: 0.6 }]')), 'medium', /60% of Bitcoin's hashrate/, 'components.0.hashrateShare');
  });
  it('is not medium for merge-miners with half of the hashrate or less', () => {
    expectRated(rateOperators(model('components: [{ id: m, kind: miners, hashrateShare: 0.5 }]')), 'very-high', /publicly known/);
  });
  it('is medium for an open-source node anyone may join', () => {
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true, openSource: true }]')), 'medium', /Anyone may join/, 'components.0.permissionless');
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true }]\ntransparency: { nodeSource: open }')), 'medium', /Anyone may join/);
  });
  it('is not medium when a permissionless set is not shown to be open source', () => {
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true }]')), 'very-high', /does not show the node is open source/);
  });
  it('is high with at least 5 external, publicly known operators', () => {
    expectRated(rateOperators(model('components: [{ id: f, kind: federation, operators: 8, external: 5, publiclyKnown: all }]')), 'high', /run by "f", with 5/, 'components.0');
  });
  it('is very high for a single sequencer', () => {
    expectRated(rateOperators(model('components: [{ id: s, kind: sequencer, operators: 1, publiclyKnown: all, external: 0 }]')), 'very-high', /single operator/, 'components.0.operators');
  });
  it('is very high for an undisclosed set', () => {
    expectRated(rateOperators(model('components: [{ id: f, kind: federation, operators: 15, external: 10, publiclyKnown: partial }]')), 'very-high', /not all of its members/, 'components.0.publiclyKnown');
  });
  it('is very high when the spec says operators are not disclosed', () => {
    expectRated(rateOperators(model('components: [{ id: f, kind: federation, operators: 8, external: 5, publiclyKnown: all }]\ntransparency: { operatorsDisclosed: false }')), 'very-high', /not publicly disclosed/, 'transparency.operatorsDisclosed');
  });
  it('is very high when an operator runs closed software', () => {
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, permissionless: true, openSource: false }]')), 'very-high', /closed software/, 'components.0.openSource');
  });
  it('is very high with a closed-source node, whatever the operators', () => {
    expectRated(rateOperators(model('system: { family: payment-channel }\ntransparency: { nodeSource: closed }')), 'very-high', /closed source/, 'transparency.nodeSource');
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
  - { id: seq, kind: sequencer, operators: 1 }`);
    expectRated(rateOperators(m), 'very-high', /"seq" is a single operator/);
  });
});
