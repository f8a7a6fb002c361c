import assert from 'node:assert/strict';
import { rateExitWindow, rateProposerFailure, rateSequencerFailure, rateStateValidation } from '../../../server/src/engine/assess/l2beat.js';
import { expectRated, model } from './fixtures.js';

describe('assess: L2BEAT exit window', () => {
  const rollup = (rest: string) => model(`system: { family: rollup }\n${rest}`);

  it('is good when nothing can be upgraded', () => {
    expectRated(rateExitWindow(rollup('governance: { upgradeable: false }')), 'good', /unlimited/, 'governance.upgradeable');
    expectRated(rateExitWindow(rollup('pegs: [{ id: p, upgrade: { authority: none } }]')), 'good', /immutable/, 'pegs.0.upgrade.authority');
  });
  it('is not applicable for a channel design that declares nothing to upgrade', () => {
    expectRated(rateExitWindow(model('system: { family: payment-channel }')), 'not-applicable', /no upgrade mechanism/, 'system.family');
  });
  // Item 1 of issue 18: a slice whose deciding fact is missing is unverified and names the fact;
  // a declared shortfall (an instant path, a window under 7 days) is bad whatever else is missing.
  it('is unverified when upgradeability is not disclosed, naming the fact', () => {
    const r = rateExitWindow(rollup(''));
    expectRated(r, 'unverified', /does not say whether or how the system can be upgraded/);
    assert.deepEqual(r.missing?.map((f) => f.path), ['governance.upgradePaths']);
  });
  it('is bad for an instant upgrade; unverified for one with no delay written', () => {
    expectRated(rateExitWindow(rollup('governance: { upgradeable: true, upgradeDelay: instant }')), 'bad', /no time to leave/, 'governance.upgradeDelay');
    const r = rateExitWindow(rollup('governance: { upgradeable: true }'));
    expectRated(r, 'unverified', /no delay written/, 'governance.upgradeable');
    assert.deepEqual(r.missing?.map((f) => f.path), ['governance.upgradeable.delay']);
  });
  it('is bad under 7 days, warning from 7 to 30 days, good from 30 days', () => {
    const exit = '\nexits: { delay: 0h }';
    expectRated(rateExitWindow(rollup('governance: { upgradeDelay: 6d }')), 'bad', /less than 7 days/);
    expectRated(rateExitWindow(rollup(`governance: { upgradeDelay: 7d }${exit}`)), 'warning', /at least 7 days but less than 30 days/);
    expectRated(rateExitWindow(rollup(`governance: { upgradeDelay: 29d }${exit}`)), 'warning', /less than 30 days/);
    expectRated(rateExitWindow(rollup(`governance: { upgradeDelay: 30d }${exit}`)), 'good', /at least 30 days/);
  });
  it('never reads a missing exit time as zero: deleting exits leaves the window unverified, not good', () => {
    const r = rateExitWindow(rollup('governance: { upgradeDelay: 30d }'));
    expectRated(r, 'unverified', /exit time is not fully known/);
    assert.deepEqual(r.missing?.map((f) => f.path), ['exits.delay']);
  });
  it('subtracts the worst-case exit time', () => {
    expectRated(rateExitWindow(rollup('governance: { upgradeDelay: 35d }\nexits: { delay: 7d }')), 'warning', /28 days to exit/);
    expectRated(rateExitWindow(rollup('governance: { upgradeDelay: 10d }\nexits: { delay: 7d }')), 'bad', /3 days to exit/);
  });
  it('takes the shortest of several upgrade paths', () => {
    const m = rollup(`
components: [{ id: c, kind: security-council }]
governance: { upgradeDelay: 60d }
pegs: [{ id: p, upgrade: { authority: c, delay: 3d } }]`);
    expectRated(rateExitWindow(m), 'bad', /Upgrades of peg "p"/, 'pegs.0.upgrade.delay');
  });
  it('counts token upgrades', () => {
    expectRated(rateExitWindow(model('system: { family: wrapped-btc }\ngovernance: { tokenUpgradeDelay: 48h }')), 'bad', /Token upgrades/, 'governance.tokenUpgradeDelay');
  });
  it('is bad when the code cannot be verified', () => {
    expectRated(rateExitWindow(rollup('governance: { upgradeable: false }\ntransparency: { contractsVerified: false }')), 'bad', /unverified contracts bad/, 'transparency.contractsVerified');
  });
});

describe('assess: L2BEAT state validation', () => {
  it('is not applicable to channel, statechain and Ark designs that declare none', () => {
    expectRated(rateStateValidation(model('system: { family: ark }')), 'not-applicable', /no shared L2 state/);
  });
  it('is unverified when a shared chain declares no validation, naming the fact', () => {
    const r = rateStateValidation(model('system: { family: sidechain }'));
    expectRated(r, 'unverified', /declares no state validation/);
    assert.deepEqual(r.missing?.map((f) => f.path), ['stateValidation.mechanism']);
  });
  it('is bad with no validation or only the system consensus', () => {
    expectRated(rateStateValidation(model('stateValidation: { mechanism: none }')), 'bad', /invalid state can be accepted/, 'stateValidation.mechanism');
    expectRated(rateStateValidation(model('stateValidation: { mechanism: consensus }')), 'bad', /own validators decide/, 'stateValidation.mechanism');
  });
  it('is good with validity proofs, noting the SNARK trusted setup', () => {
    expectRated(rateStateValidation(model('stateValidation: { mechanism: validity-proofs, proofSystem: snark }')), 'good', /trusted setup/, 'stateValidation.proofSystem');
    expectRated(rateStateValidation(model('stateValidation: { mechanism: validity-proofs, proofSystem: stark }')), 'good', /no trusted setup/);
  });
  describe('fraud proofs', () => {
    const fraud = (set: string) => model(`components: [{ id: ch, kind: challengers, ${set} }]\nstateValidation: { mechanism: fraud-proofs, challengers: ch }`);
    it('is good when anyone may challenge', () => {
      expectRated(rateStateValidation(fraud('permissionless: true')), 'good', /anyone may challenge/, 'components.0.permissionless');
    });
    it('is a warning with at least 5 external permissioned challengers', () => {
      expectRated(rateStateValidation(fraud('operators: 6, external: 5')), 'warning', /5 of its members are external/, 'components.0.external');
    });
    it('is bad with fewer than 5 external challengers', () => {
      expectRated(rateStateValidation(fraud('operators: 6, external: 4')), 'bad', /only 4 of them are external/, 'components.0.external');
    });
    it('is bad with fewer than 5 challengers in all', () => {
      expectRated(rateStateValidation(fraud('operators: 4, external: 5')), 'bad', /permissioned set/);
    });
    it('is unverified when no challenger is named', () => {
      expectRated(rateStateValidation(model('stateValidation: { mechanism: bitvm }')), 'unverified', /names no challenger set/);
    });
    it('does not take watchtowers that anyone may run for challengers (they report; item 2)', () => {
      expectRated(rateStateValidation(model('stateValidation: { mechanism: bitvm }\nexits: { watchtowers: { permissionless: true } }')), 'unverified', /names no challenger set/);
    });
  });
  it('is good for channel penalties and client-side validation', () => {
    expectRated(rateStateValidation(model('stateValidation: { mechanism: penalty }')), 'good', /revoked/);
    expectRated(rateStateValidation(model('stateValidation: { mechanism: client-side }')), 'good', /validates the history/);
  });
  it('is bad when the prover is closed source', () => {
    expectRated(rateStateValidation(model('stateValidation: { mechanism: validity-proofs, proverSource: closed }')), 'bad', /closed/, 'stateValidation.proverSource');
  });
  it('is bad when the bridge does not pay out on the checked state', () => {
    const m = model('stateValidation: { mechanism: validity-proofs }\nl1: { anchoring: { bridgeFinalizesOnAnchor: false } }');
    expectRated(rateStateValidation(m), 'bad', /do not protect withdrawals/, 'l1.anchoring.bridgeFinalizesOnAnchor');
  });
});

describe('assess: L2BEAT sequencer failure', () => {
  const mode = (yaml: string) => rateSequencerFailure(model(`system: { family: rollup }\nexits: { forcedInclusion: ${yaml} }`));
  it('is good with self-sequencing', () => {
    expectRated(mode('{ mode: self-sequence }'), 'good', /produce blocks themselves/, 'exits.forcedInclusion.mode');
  });
  it('is good when forcing through L1 has a bounded delay', () => {
    expectRated(mode('{ mode: force-via-l1, maxDelay: 24h }'), 'good', /within 24h/, 'exits.forcedInclusion.maxDelay');
  });
  it('is a warning when forcing through L1 has no bound', () => {
    expectRated(mode('{ mode: force-via-l1 }'), 'warning', /no bound/);
  });
  it('is a warning for an enqueue the sequencer can stall', () => {
    expectRated(mode('{ mode: enqueue }'), 'warning', /can stall it/);
  });
  it('is bad with no way around the sequencer', () => {
    expectRated(mode('{ mode: none }'), 'bad', /censor users indefinitely/);
  });
  it('is unverified when a shared chain declares nothing', () => {
    const r = rateSequencerFailure(model('system: { family: rollup }'));
    expectRated(r, 'unverified', /does not say whether censored users/);
    assert.deepEqual(r.missing?.map((f) => f.path), ['exits.forcedInclusion.mode']);
  });
  it('is not applicable where users hold their own claims', () => {
    expectRated(rateSequencerFailure(model('system: { family: payment-channel }')), 'not-applicable', /No sequencer/);
  });
});

describe('assess: L2BEAT proposer failure', () => {
  const fallback = (value: string) => rateProposerFailure(model(`system: { family: rollup }\nexits: { proposerFallback: ${value} }`));
  it('is good when users can self-propose or use an escape hatch', () => {
    expectRated(fallback('self-propose'), 'good', /post state themselves/, 'exits.proposerFallback');
    expectRated(fallback('escape-hatch'), 'good', /escape hatch/);
  });
  it('is a warning when governance or the council must replace the proposer', () => {
    expectRated(fallback('governance'), 'warning', /governance decision/);
    expectRated(fallback('security-council'), 'warning', /security council/);
  });
  it('is bad with no fallback', () => {
    expectRated(fallback('none'), 'bad', /nobody can withdraw/);
  });
  it('is good when users can exit unilaterally and no fallback is declared', () => {
    expectRated(rateProposerFailure(model('exits: { unilateral: true }')), 'good', /needs no proposer/, 'exits.unilateral');
  });
  it('is unverified when a shared chain declares nothing and users cannot exit alone', () => {
    const r = rateProposerFailure(model('system: { family: rollup }\nexits: { unilateral: false }'));
    expectRated(r, 'unverified', /does not say what users can do if the proposers stop/, 'exits');
    assert.deepEqual(r.missing?.map((f) => f.path), ['exits.proposerFallback']);
  });
  it('is not applicable to a design without shared state that declares nothing', () => {
    expectRated(rateProposerFailure(model('system: { family: statechain }')), 'not-applicable', /statechain/);
  });
});

describe('assess: worst-case exit time', () => {
  it('uses the fraud-proof challenge period when exits.delay is not given', () => {
    const m = model('system: { family: rollup }\ngovernance: { upgradeDelay: 14d }\nstateValidation: { mechanism: fraud-proofs, challengePeriod: 7d }');
    expectRated(rateExitWindow(m), 'warning', /challenge period of 7d .* leaves users 7 days to exit/);
  });
  it('takes the longer of exits.delay and the challenge period (a withdrawal cannot finish before the challenge)', () => {
    const m = model('system: { family: rollup }\ngovernance: { upgradeDelay: 14d }\nexits: { delay: 1d }\nstateValidation: { mechanism: fraud-proofs, challengePeriod: 7d }');
    expectRated(rateExitWindow(m), 'warning', /7 days to exit/);
  });
  it('adds the forced-inclusion delay and the proposer-fallback timeout, as L2BEAT computes the exit window (item 6)', () => {
    const m = model(`system: { family: rollup }
governance: { upgradeDelay: 30d }
stateValidation: { mechanism: fraud-proofs, challengePeriod: 7d }
exits: { forcedInclusion: { mode: force-via-l1, maxDelay: 20d }, proposerFallback: self-propose, proposerFallbackTimeout: 2d }`);
    // 30 days − (20 + 7 + 2) = 1 day: bad, where reading the challenge alone gave 23 days.
    expectRated(rateExitWindow(m), 'bad', /forced inclusion of 20d.*1 day to exit/);
  });
  it('waits for the forced-inclusion bound when users force withdrawals through L1 without one', () => {
    const m = model('system: { family: rollup }\ngovernance: { upgradeDelay: 60d }\nexits: { delay: 7d, forcedInclusion: { mode: force-via-l1 } }');
    const r = rateExitWindow(m);
    assert.equal(r.value, 'unverified');
    assert.deepEqual(r.missing?.map((f) => f.path), ['exits.forcedInclusion.maxDelay']);
  });
});
