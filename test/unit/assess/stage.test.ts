import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { rateStage } from '../../../server/src/engine/assess/stage.js';
import { expectRated, model, modelOf, reason } from './fixtures.js';

// A rollup that meets every Stage 2 requirement. Each test below breaks exactly one of them.
const STAGE_2 = `
system: { family: rollup }
l1:
  host: bitcoin
  settlement: direct
  anchoring: { what: [state-roots, transaction-data], bridgeFinalizesOnAnchor: true }
components:
  - { id: ch, kind: challengers, permissionless: true }
  # 6-of-8 is 75%; 8 - 6 + 1 = 3 members block a quorum, and 3 of 8 (37.5%) are external.
  - { id: council, kind: security-council, operators: 8, threshold: 6-of-8, external: 3, publiclyKnown: all }
pegs:
  - { id: p, custody: bitvm, upgrade: { authority: council, delay: 40d } }
exits:
  unilateral: false
  delay: 7d
  forcedInclusion: { mode: force-via-l1, maxDelay: 1d }
  proposerFallback: self-propose
dataAvailability: { location: bitcoin }
stateValidation: { mechanism: fraud-proofs, challengers: ch }
governance: { upgradeable: true, upgradeDelay: 40d, securityCouncil: council, councilScope: provable-bugs }
transparency: { nodeSource: open }
`;

type Spec = Record<string, any>;
function variant(edit: (s: Spec) => void) {
  const spec = parse(STAGE_2) as Spec;
  edit(spec);
  return rateStage(modelOf(spec));
}

describe('assess: L2BEAT stage', () => {
  it('does not apply to designs that are not rollup-style', () => {
    expectRated(rateStage(model('system: { family: sidechain }')), 'not-applicable', /apply to rollup-style designs/, 'system.family');
  });
  it('applies to a design that claims to be a rollup, whatever its family', () => {
    const r = rateStage(model('system: { family: sidechain, claims: [rollup] }'));
    expectRated(r, 'not-applicable', /"Others"/, 'system');
  });
  it('reaches Stage 2 when every requirement is met', () => {
    expectRated(variant(() => {}), 'stage-2', /every Stage 2 requirement/);
  });

  // L2BEAT's stage code never rates a rollup below Stage 0 (stage.ts, "is minimum stage 0 even if
  // requirements are not met"); only its five REASON_FOR_BEING_OTHER causes move it to "Others".
  describe('"Others" (L2BEAT\'s five reasons) and Stage 0', () => {
    it('"No proofs": no proof system', () => {
      const r = variant((s) => { s.stateValidation.mechanism = 'consensus'; });
      expectRated(r, 'not-applicable', /"Others" rather than give it a stage \(its reasons: "No proofs"\)/);
      expectRated(r, 'not-applicable', /"Others" \(No proofs\): there is no complete proof system .* "consensus"/, 'stateValidation.mechanism');
    });
    it('"No proofs": a bridge that does not pay out on the proven state', () => {
      expectRated(variant((s) => { s.l1.anchoring.bridgeFinalizesOnAnchor = false; }), 'not-applicable', /"Others" \(No proofs\): the bridge does not pay out only on the proven state/, 'l1.anchoring.bridgeFinalizesOnAnchor');
    });
    it('"Closed proofs": fewer than 5 external challengers', () => {
      const r = variant((s) => { s.components[0] = { id: 'ch', kind: 'challengers', operators: 6, external: 4 }; });
      expectRated(r, 'not-applicable', /"Others" \(Closed proofs\): fewer than 5 external actors .* "ch" has 4 external/, 'components.0');
    });
    it('accepts 5 external permissioned challengers for Stage 0 (but not Stage 2)', () => {
      const r = variant((s) => { s.components[0] = { id: 'ch', kind: 'challengers', operators: 6, external: 5 }; });
      expectRated(r, 'stage-1', /permissionless fraud proofs/);
    });
    it('"No DA bridge": data that only the operator holds', () => {
      expectRated(variant((s) => { s.dataAvailability.location = 'operator'; }), 'not-applicable', /"Others" \(No DA bridge\): the data is neither posted to the settlement chain .* "operator"/, 'dataAvailability.location');
    });
    it('"Small DAC": a validium committee the spec does not name', () => {
      expectRated(variant((s) => { s.dataAvailability.location = 'committee'; }), 'not-applicable', /"Others" \(Small DAC\): the spec names no data-availability committee/, 'dataAvailability');
    });
    it('stays at Stage 0 without state roots on L1 (a Stage 0 item, not an "Others" reason)', () => {
      expectRated(variant((s) => { s.l1.anchoring.what = ['transaction-data']; }), 'stage-0', /Stage 0 needs state roots/, 'l1.anchoring.what');
    });
    it('stays at Stage 0 without a source-available node', () => {
      const r = variant((s) => { s.transparency.nodeSource = 'closed'; });
      expectRated(r, 'stage-0', /Stage 0 at most/);
      expectRated(r, 'stage-0', /source-available node/, 'transparency.nodeSource');
    });
    it('a closed prover misses Stage 1 (proverSourcePublished), not Stage 0', () => {
      expectRated(variant((s) => { s.stateValidation.proverSource = 'closed'; }), 'stage-0', /Stage 1 needs the prover's source code published/, 'stateValidation.proverSource');
    });
    it('lists every missing requirement', () => {
      const r = variant((s) => { s.l1.anchoring.what = ['transaction-data']; s.transparency.nodeSource = 'closed'; });
      assert.equal(r.reasons.filter((x) => x.text.startsWith('Stage 0 needs')).length, 2);
      const o = variant((s) => { s.stateValidation.mechanism = 'none'; s.dataAvailability.location = 'operator'; });
      assert.equal(o.reasons.filter((x) => x.text.startsWith('"Others"')).length, 2);
    });
  });

  describe('Stage 1', () => {
    it('needs users to exit without the operators', () => {
      const r = variant((s) => { s.exits.forcedInclusion.mode = 'enqueue'; });
      expectRated(r, 'stage-0', /exit without the operators' help; censored users cannot force/, 'exits');
    });
    it('accepts a unilateral exit instead of forced inclusion and self-proposing', () => {
      const r = variant((s) => { s.exits.unilateral = true; delete s.exits.forcedInclusion; delete s.exits.proposerFallback; });
      assert.equal(r.value, 'stage-2');
    });
    it('needs a council of at least 8 members', () => {
      const r = variant((s) => { Object.assign(s.components[1], { operators: 7, threshold: '6-of-7' }); });
      expectRated(r, 'stage-0', /at least 8 members; "council" has 7/, 'components.1.operators');
    });
    it('needs a council threshold of at least 75%', () => {
      const r = variant((s) => { Object.assign(s.components[1], { threshold: '5-of-8', external: 4 }); });
      expectRated(r, 'stage-0', /threshold of at least 75%; "council" needs 5-of-8/, 'components.1.threshold');
    });
    it('needs enough external members to block a quorum', () => {
      const r = variant((s) => { s.components[1].external = 2; });
      expectRated(r, 'stage-0', /block a quorum \(3 of 8/, 'components.1.external');
    });
    it('needs 7 days to exit before upgrades by anyone but a proper council', () => {
      const r = variant((s) => {
        s.components.push({ id: 'admin', kind: 'signer-set', operators: 3, publiclyKnown: 'all', external: 0 });
        s.governance.upgradePaths = [{ id: 'regular', holder: 'admin', delay: '13d' }];
      });
      expectRated(r, 'stage-0', /at least 7 days to exit .* system upgrades \(path "regular"\) leave 5 days once the exit delay of 7d .* and the forced inclusion of 1d/, 'governance.upgradePaths.0.delay');
    });
    it('reads the v1 governance.upgradeDelay as the security council\'s path when one is declared', () => {
      const r = variant((s) => { s.governance.upgradeDelay = 'instant'; s.governance.councilScope = 'emergency-only'; });
      assert.equal(r.value, 'stage-1');
    });
    it('accepts an instant path held only by a proper council, with a regular timelocked path for others (format 2)', () => {
      const r = variant((s) => {
        s.components.push({ id: 'foundation', kind: 'signer-set', operators: 3, publiclyKnown: 'all', external: 0 });
        s.governance = {
          upgradeable: true, securityCouncil: 'council', councilScope: 'emergency-only',
          upgradePaths: [{ id: 'regular', holder: 'foundation', delay: '30d' }, { id: 'emergency', kind: 'emergency', holder: 'council', delay: 'instant' }],
        };
      });
      expectRated(r, 'stage-1', /every Stage 1 requirement/);
    });
    it('counts a two-party sign-off (foundation + council) as the council\'s path', () => {
      const r = variant((s) => {
        s.components.push({ id: 'foundation', kind: 'signer-set', operators: 3, publiclyKnown: 'all', external: 0 });
        s.governance = { upgradeable: true, securityCouncil: 'council', councilScope: 'emergency-only', upgradePaths: [{ id: 'fast', holders: ['foundation', 'council'], delay: 'instant' }] };
      });
      assert.equal(r.value, 'stage-1');
      const solo = variant((s) => {
        s.components.push({ id: 'foundation', kind: 'signer-set', operators: 3, publiclyKnown: 'all', external: 0 });
        s.governance = { upgradeable: true, securityCouncil: 'council', councilScope: 'emergency-only', upgradePaths: [{ id: 'fast', holder: 'foundation', delay: 'instant' }] };
      });
      assert.equal(solo.value, 'stage-0');
    });
    it('does not give Stage 1 or 2 while the upgrade path is undisclosed (the exit window reads the same facts)', () => {
      const r = variant((s) => { delete s.governance; delete s.pegs[0].upgrade; });
      expectRated(r, 'stage-0', /does not disclose whether or how the system can be upgraded/);
    });
    it('does not count a self-propose fallback that opens after months', () => {
      const r = variant((s) => { s.exits.proposerFallbackTimeout = '180d'; });
      expectRated(r, 'stage-0', /only after the proposers have been silent for 180d/, 'exits.proposerFallbackTimeout');
    });
    it('lets a proper council upgrade faster (Stage 1, not Stage 2)', () => {
      const r = variant((s) => { s.pegs[0].upgrade.delay = 'instant'; s.governance.councilScope = 'emergency-only'; });
      expectRated(r, 'stage-1', /every Stage 1 requirement/);
      expectRated(r, 'stage-1', /upgrades of peg "p" leave no time at all/, 'pegs.0.upgrade.delay');
    });
    it('does not let an improper council upgrade faster', () => {
      const r = variant((s) => { s.pegs[0].upgrade.delay = 'instant'; s.components[1].external = 2; });
      expectRated(r, 'stage-0', /upgrades of peg "p" leave no time at all/);
    });
  });

  describe('Stage 2', () => {
    it('needs permissionless fraud proofs', () => {
      const r = variant((s) => { s.components[0] = { id: 'ch', kind: 'challengers', operators: 9, external: 9 }; });
      expectRated(r, 'stage-1', /permissionless fraud proofs/);
    });
    it('needs 30 days to exit before upgrades', () => {
      const r = variant((s) => {
        s.components.push({ id: 'dao', kind: 'signer-set', operators: 3, publiclyKnown: 'all', external: 0 });
        s.governance.upgradePaths = [{ id: 'dao', holder: 'dao', delay: '30d' }];
      });
      expectRated(r, 'stage-1', /at least 30 days .* system upgrades \(path "dao"\) leave 22 days/, 'governance.upgradePaths.0.delay');
    });
    it('excuses a path limited to provable bugs from the 30 days', () => {
      const r = variant((s) => { s.governance.upgradePaths = [{ id: 'bugs', holder: 'council', delay: 'instant', scope: 'provable-bugs' }]; });
      assert.equal(r.value, 'stage-2');
    });
    it('needs the council to act only on provable bugs', () => {
      const r = variant((s) => { s.governance.councilScope = 'emergency-only'; });
      expectRated(r, 'stage-1', /only on bugs proven on chain; its scope is "emergency-only"/, 'governance.councilScope');
      reason(r, /every Stage 1 requirement/);
    });
    it('accepts validity proofs as permissionless proofs', () => {
      const r = variant((s) => { s.stateValidation = { mechanism: 'validity-proofs' }; });
      assert.equal(r.value, 'stage-2');
    });
  });
});
