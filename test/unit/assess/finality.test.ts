import assert from 'node:assert/strict';
import { rateFinality } from '../../../server/src/engine/assess/finality.js';
import { expectRated, model } from './fixtures.js';

describe('assess: finality (Bitcoin Layers)', () => {
  it('is unverified, asking for the source, when it is not declared (issue 18 item 1)', () => {
    const f = rateFinality(model('{}'));
    expectRated(f, 'unverified', /does not say what makes state final/, 'finality.source');
    assert.deepEqual(f.missing?.map((m) => m.path), ['finality.source']);
  });
  it('is low when state finalises from data on Bitcoin', () => {
    expectRated(rateFinality(model('finality: { source: bitcoin }')), 'low', /posted to Bitcoin/, 'finality.source');
  });
  it('is degraded to medium when the bridge does not finalise on the anchored state', () => {
    const m = model('finality: { source: bitcoin }\nl1: { anchoring: { what: [state-roots], bridgeFinalizesOnAnchor: false } }');
    expectRated(rateFinality(m), 'medium', /not settling on Bitcoin/, 'l1.anchoring.bridgeFinalizesOnAnchor');
  });
  it('is low when users hold provable claims', () => {
    expectRated(rateFinality(model('finality: { source: user-held }')), 'low', /provable assurance/, 'finality.source');
  });
  it('notes out-of-round payments without changing the level', () => {
    expectRated(rateFinality(model('finality: { source: user-held }\nexits: { outOfRoundTrusted: true }')), 'low', /Out-of-round/, 'exits.outOfRoundTrusted');
  });
  it('is very high when key deletion cannot be proven', () => {
    expectRated(rateFinality(model('finality: { source: user-held, provableKeyDeletion: false }')), 'very-high', /cannot be proven/, 'finality.provableKeyDeletion');
  });
  it('is very high for a statechain that does not show provable key deletion', () => {
    expectRated(rateFinality(model('system: { family: statechain }\nfinality: { source: user-held }')), 'very-high', /statechain/);
  });
  it('is low for a statechain with provable key deletion', () => {
    expectRated(rateFinality(model('system: { family: statechain }\nfinality: { source: user-held, provableKeyDeletion: true }')), 'low', /provable assurance/);
  });
  it('is medium for an alternative consensus', () => {
    expectRated(rateFinality(model('finality: { source: alt-consensus }')), 'medium', /own consensus/, 'finality.source');
  });
  it('is high for a federation', () => {
    expectRated(rateFinality(model('finality: { source: federation }')), 'high', /federation/, 'finality.source');
  });
  it('is very high for an operator or a single operator', () => {
    expectRated(rateFinality(model('finality: { source: operator }')), 'very-high', /operator decides/);
    expectRated(rateFinality(model('finality: { source: single-operator }')), 'very-high', /single operator/);
  });
  it('degrades checkpoints the bridge does not finalise on to medium, like anchored state (issue 18 item 8)', () => {
    expectRated(rateFinality(model('finality: { source: bitcoin-checkpoint }\nl1: { host: bitcoin, anchoring: { what: [checkpoints], bridgeFinalizesOnAnchor: false } }')), 'medium', /Checkpoints are written to Bitcoin, but the bridge does not finalise on them/, 'l1.anchoring.bridgeFinalizesOnAnchor');
    expectRated(rateFinality(model('finality: { source: bitcoin-checkpoint }\nl1: { host: bitcoin, anchoring: { what: [checkpoints] } }')), 'low', /cannot be reorganised without reorganising Bitcoin/);
  });
  it('gives a chain hosted elsewhere that writes to Bitcoin its host chain\'s finality (issue 18 item 8)', () => {
    expectRated(rateFinality(model('finality: { source: bitcoin }\nl1: { host: other }')), 'high', /not settling on Bitcoin/);
    expectRated(rateFinality(model('finality: { source: bitcoin-checkpoint }\nl1: { host: ethereum }')), 'medium', /host chain's finality applies/);
  });
});
