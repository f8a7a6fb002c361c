import assert from 'node:assert/strict';
import { rateDataAvailability } from '../../../server/src/engine/assess/dataAvailability.js';
import { expectRated, model } from './fixtures.js';

describe('assess: data availability (Bitcoin Layers)', () => {
  it('is unverified, asking for the location, when it is not declared (issue 18 item 1)', () => {
    expectRated(rateDataAvailability(model('dataAvailability: { permissionedAccess: true }')), 'unverified', /does not say where the data/, 'dataAvailability.location');
    const none = rateDataAvailability(model('{}'));
    expectRated(none, 'unverified', /does not say where the data/);
    assert.deepEqual(none.missing?.map((m) => m.path), ['dataAvailability.location']);
  });
  it('is low with all data on Bitcoin', () => {
    expectRated(rateDataAvailability(model('dataAvailability: { location: bitcoin }')), 'low', /posted to Bitcoin/, 'dataAvailability.location');
  });
  it('is low when users keep their own data', () => {
    expectRated(rateDataAvailability(model('dataAvailability: { location: self-hosted }')), 'low', /Users keep the data/, 'dataAvailability.location');
  });

  describe('an alternative consensus', () => {
    it('is medium with an open-source full node', () => {
      expectRated(rateDataAvailability(model('dataAvailability: { location: alt-consensus, nodeOpenSource: true }')), 'medium', /open source/, 'dataAvailability.location');
    });
    it('takes the node source from transparency when the section does not say', () => {
      expectRated(rateDataAvailability(model('dataAvailability: { location: ethereum }\ntransparency: { nodeSource: source-available }')), 'medium', /Ethereum/);
    });
    it('is very high with a closed node', () => {
      expectRated(rateDataAvailability(model('dataAvailability: { location: external-da, nodeOpenSource: false }')), 'very-high', /not open source/, 'dataAvailability.nodeOpenSource');
    });
    it('is unverified when the spec does not say whether the node is open source', () => {
      expectRated(rateDataAvailability(model('dataAvailability: { location: alt-consensus }')), 'unverified', /does not say whether a full node/);
    });
    it('is very high when the node is closed (a closed node rules out "medium")', () => {
      expectRated(rateDataAvailability(model('dataAvailability: { location: alt-consensus, nodeOpenSource: false }')), 'very-high', /not open source/, 'dataAvailability.nodeOpenSource');
    });
  });

  describe('a committee', () => {
    const dac = (external: number) => model(`
components: [{ id: dac, kind: da-committee, operators: 7, threshold: 5-of-7, external: ${external}, publiclyKnown: all }]
dataAvailability: { location: committee, committee: dac }`);
    it('is high with at least 5 external, publicly known members', () => {
      expectRated(rateDataAvailability(dac(5)), 'high', /attested by the committee "dac", with 5/, 'components.0');
    });
    it('is very high with fewer external members', () => {
      expectRated(rateDataAvailability(dac(4)), 'very-high', /only 4 of its members/, 'components.0.external');
    });
    it('is unverified when the committee is not named', () => {
      expectRated(rateDataAvailability(model('dataAvailability: { location: committee }')), 'unverified', /who is on the committee/);
    });
  });

  it('is very high when only the operator holds the data', () => {
    expectRated(rateDataAvailability(model('dataAvailability: { location: operator }')), 'very-high', /Only the operator/, 'dataAvailability.location');
  });
  it('is very high when nothing guarantees availability', () => {
    expectRated(rateDataAvailability(model('dataAvailability: { location: none }')), 'very-high', /Nothing guarantees/, 'dataAvailability.location');
  });
});
