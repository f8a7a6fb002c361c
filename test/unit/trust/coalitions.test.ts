import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/engine/index.js';
import { trustModel, type Coalition, type FailureAnalysis } from '../../../server/src/engine/trust/index.js';
import { model } from '../assess/fixtures.js';

// Who must collude, kind by kind (issue "Who must collude"; trust-frameworks.md §4, §6). Each
// expected coalition is derived by hand from the design written beside it.

const members = (c: Coalition) => Object.fromEntries(c.members.map((m) => [m.set, m.count]));
const only = (f: FailureAnalysis, pred: (c: Coalition) => boolean) => {
  const found = f.coalitions.find(pred);
  assert.ok(found, `no coalition matches; coalitions were:\n${f.coalitions.map((c) => `  ${c.entities}: ${JSON.stringify(c.members)} ${c.after ?? ''} ${c.condition ?? ''}`).join('\n')}`);
  return found;
};

const FEDERATION_WITH_EMERGENCY = `
system: { family: sidechain }
l1: { host: bitcoin }
components:
  - { id: functionaries, kind: federation, operators: 15, threshold: 11-of-15, publiclyKnown: all, external: 15 }
  - { id: emergency-keys, kind: signer-set, operators: 3, threshold: 2-of-3, publiclyKnown: all, operatedBy: builder }
pegs:
  - id: lbtc
    custody: federation-multisig
    signers: functionaries
    threshold: 11-of-15
    upgrade: { authority: none }
    emergencyRecovery: { signers: emergency-keys, threshold: 2-of-3, timelock: 4032 blocks }
exits: { unilateral: false, mechanism: federation-peg-out }
`;

describe('trust model: who must collude', () => {
  describe('a federation with an emergency path', () => {
    const tm = trustModel(model(FEDERATION_WITH_EMERGENCY));

    it('steal: 11 of the 15 functionaries (11 entities), or the 2-of-3 emergency keys after the timelock (the builder: 1 entity)', () => {
      const s = tm.coalitions.steal;
      assert.equal(s.minEntities, 1);
      const emergency = only(s, (c) => 'emergency-keys' in members(c));
      assert.deepEqual(members(emergency), { 'emergency-keys': 2 });
      assert.equal(emergency.entities, 1);
      assert.equal(emergency.after, '4032 blocks');
      assert.match(emergency.condition ?? '', /coins stay unmoved/);
      const main = only(s, (c) => 'functionaries' in members(c));
      assert.deepEqual(members(main), { functionaries: 11 });
      assert.equal(main.entities, 11);
    });

    it('freeze: 15 − 11 + 1 = 5 functionaries together with 3 − 2 + 1 = 2 emergency key holders (5 + builder = 6 entities)', () => {
      const f = tm.coalitions.freeze;
      assert.equal(f.minEntities, 6);
      assert.deepEqual(members(f.coalitions[0]!), { functionaries: 5, 'emergency-keys': 2 });
    });

    it('freeze without an emergency path: the 5 functionaries alone', () => {
      const tm2 = trustModel(model(FEDERATION_WITH_EMERGENCY.replace(/emergencyRecovery: .*$/m, 'emergencyRecovery: none')));
      assert.equal(tm2.coalitions.freeze.minEntities, 5);
      assert.deepEqual(members(tm2.coalitions.freeze.coalitions[0]!), { functionaries: 5 });
    });

    it('JSON shape: set, count, of; after and condition on the coalition', () => {
      const json = JSON.parse(JSON.stringify(tm.coalitions.steal));
      assert.equal(typeof json.minEntities, 'number');
      const c = json.coalitions.find((x: { members: { set: string }[] }) => x.members[0].set === 'functionaries');
      assert.deepEqual(c.members[0], { set: 'functionaries', count: 11, of: 15, path: 'components.0' });
      assert.equal(c.entities, 11);
    });
  });

  describe('shared operators (operatedBy)', () => {
    it('members of two sets run by the same organisations count once', () => {
      const yaml = `
system: { family: sidechain }
l1: { host: bitcoin }
components:
  - { id: fed, kind: federation, operators: 5, threshold: 3-of-5, external: 5 }
  - { id: watch, kind: signer-set, operators: 5, threshold: 3-of-5, external: 5, operatedBy: fed }
pegs:
  - { id: p, custody: federation-multisig, signers: fed, threshold: 3-of-5, upgrade: { holders: [fed, watch] } }
`;
      // The upgrade needs 3 of fed and 3 of watch; the same 3 organisations hold keys in both.
      const tm = trustModel(model(yaml.replace('upgrade: { holders: [fed, watch] }', 'upgrade: { authority: none }')));
      assert.equal(tm.coalitions.steal.minEntities, 3);
    });
  });

  describe('BitVM', () => {
    const BITVM = `
system: { family: bitvm-bridge }
l1: { host: bitcoin }
components:
  - { id: committee, kind: signer-set, operators: 7, publiclyKnown: all, external: 6 }
  - { id: ops, kind: operator, operators: 4, publiclyKnown: all, external: 3 }
  - { id: ch, kind: challengers, permissionless: true }
  - { id: towers, kind: watchtowers, operators: 3, external: 0 }
pegs: [{ id: p, custody: bitvm, signers: committee, upgrade: { authority: none } }]
exits: { unilateral: false, mechanism: bitvm-payout, watchtowers: { required: true, set: towers } }
dataAvailability: { location: bitcoin }
stateValidation: { mechanism: bitvm, challengers: ch }
`;

    it('the fixed covenant committee is a steal coalition: all 7 members, 6 external + the builder = 7 entities', () => {
      const s = trustModel(model(BITVM)).coalitions.steal;
      assert.equal(s.minEntities, 7);
      assert.deepEqual(members(s.coalitions[0]!), { committee: 7 });
    });

    it('challengers anyone may join are no coalition: a user-side condition instead', () => {
      const s = trustModel(model(BITVM)).coalitions.steal;
      assert.ok(s.userConditions.some((u) => /anyone may\) challenges a false payout/.test(u)));
      assert.ok(!s.coalitions.some((c) => 'ch' in members(c)));
    });

    it('permissioned payout operators are a freeze coalition: all 4 of them (3 external + the builder = 4 entities)', () => {
      const f = trustModel(model(BITVM)).coalitions.freeze;
      assert.equal(f.minEntities, 4);
      assert.deepEqual(members(f.coalitions[0]!), { ops: 4 });
    });

    it('watchtowers are not challengers: with only watchtowers declared, the challenger set is unknown and a payout operator can steal with it', () => {
      const noChallengers = BITVM.replace('stateValidation: { mechanism: bitvm, challengers: ch }', 'stateValidation: { mechanism: bitvm }');
      const s = trustModel(model(noChallengers)).coalitions.steal;
      const c = only(s, (x) => 'ops' in members(x));
      assert.ok(c.unknown?.length, 'the count rests on the undeclared challenger set');
      assert.ok(!('towers' in members(c)));
    });

    it('builder-run everything: the builder alone can steal', () => {
      const builderRun = BITVM.replace('operators: 7, publiclyKnown: all, external: 6', 'operators: 7, publiclyKnown: all, operatedBy: builder');
      assert.equal(trustModel(model(builderRun)).coalitions.steal.minEntities, 1);
    });
  });

  describe('a statechain', () => {
    it('the operator together with any previous owner can steal', () => {
      const tm = trustModel(model(`
system: { family: statechain }
l1: { host: bitcoin }
components: [{ id: se, kind: operator, operators: 1, publiclyKnown: all, external: 0 }]
pegs: [{ id: utxos, custody: statechain, signers: se, upgrade: { authority: none } }]
exits: { unilateral: true, mechanism: statechain-backup-tx }
dataAvailability: { location: self-hosted }
`));
      const s = tm.coalitions.steal;
      assert.equal(s.minEntities, 2);
      assert.deepEqual(members(s.coalitions[0]!), { se: 1, 'previous-owner': 1 });
      assert.equal(tm.link.value, 'script');
    });
  });

  describe('stake', () => {
    const POS = (slashed: string) => `
system: { family: pos-sidechain }
l1: { host: bitcoin }
components: [{ id: vals, kind: validators, operators: 20, threshold: 2/3 of stake, stakeBtc: 500${slashed} }]
pegs: [{ id: p, custody: pos-stake, signers: vals, upgrade: { authority: none } }]
`;
    it('stake counts against theft only where it is slashed for theft: the coalition then forfeits it', () => {
      const slashed = trustModel(model(POS(', slashedFor: [peg-theft]'))).coalitions.steal.coalitions[0]!;
      assert.match(slashed.condition ?? '', /forfeit the stake slashed for stealing the peg \(500 BTC\)/);
      const unslashed = trustModel(model(POS(', slashedFor: [double-signing]'))).coalitions.steal.coalitions[0]!;
      assert.equal(unslashed.condition, undefined);
    });

    it('a share of stake is counted as members: 2/3 of 20 equal validators is 14; 1% of stake is 1', () => {
      assert.equal(trustModel(model(POS(''))).coalitions.steal.coalitions[0]!.members[0]!.count, 14);
      assert.equal(trustModel(model(POS('').replace('2/3 of stake', '1% of stake'))).coalitions.steal.coalitions[0]!.members[0]!.count, 1);
    });
  });

  describe('upgrades against the time users need to exit', () => {
    const ROLLUP = (delay: string) => `
system: { family: bitvm-rollup }
l1: { host: bitcoin }
components:
  - { id: council, kind: security-council, operators: 1, external: 0 }
  - { id: committee, kind: signer-set, operators: 9, publiclyKnown: all, external: 8 }
  - { id: ch, kind: challengers, permissionless: true }
pegs: [{ id: p, custody: bitvm, signers: committee, upgrade: { authority: council, delay: ${delay} } }]
exits: { unilateral: false, mechanism: bitvm-payout, delay: 7d }
stateValidation: { mechanism: bitvm, challengers: ch }
dataAvailability: { location: bitcoin }
`;
    it('an upgrade holder faster than users can exit is a steal coalition of its own', () => {
      const s = trustModel(model(ROLLUP('2d'))).coalitions.steal;
      assert.equal(s.minEntities, 1);
      assert.deepEqual(members(s.coalitions[0]!), { council: 1 });
      assert.match(s.coalitions[0]!.condition ?? '', /cannot exit within the 2 days/);
    });

    it('one users can outrun is a user-side condition, not a coalition', () => {
      const s = trustModel(model(ROLLUP('30d'))).coalitions.steal;
      assert.ok(!s.coalitions.some((c) => 'council' in members(c)));
      assert.ok(s.userConditions.some((u) => /exit within 23 days of an announced upgrade/.test(u)));
    });
  });

  describe('wrapped tokens and bridge code', () => {
    const WRAPPED = (extra: string) => `
system: { family: wrapped-btc }
l1: { host: bitcoin }
components: [{ id: fed, kind: federation, operators: 9, threshold: 7-of-9, publiclyKnown: all, external: 9 }]
pegs: [{ id: w, custody: federation-multisig, signers: fed, threshold: 7-of-9, upgrade: { authority: none }${extra} }]
`;
    it('a single relayer that triggers mints can mint unbacked tokens on its own', () => {
      const s = trustModel(model(WRAPPED(', mintTrigger: single-relayer'))).coalitions.steal;
      assert.equal(s.minEntities, 1);
      assert.equal(s.coalitions[0]!.via, 'control');
      assert.match(s.coalitions[0]!.how, /no BTC backs/);
    });

    it('a light client that triggers mints adds no coalition: stealing still needs 7 of the 9 signers', () => {
      assert.equal(trustModel(model(WRAPPED(', mintTrigger: light-client'))).coalitions.steal.minEntities, 7);
    });

    it('a closed bridge program lets its authors (the builder) release the BTC', () => {
      const s = trustModel(model(WRAPPED(', bridgeSource: closed'))).coalitions.steal;
      assert.equal(s.minEntities, 1);
      assert.deepEqual(members(s.coalitions[0]!), { builder: 1 });
    });

    it('anchoring the bridge does not finalise on is no link to Bitcoin', () => {
      const m = model(`
l1: { host: bitcoin, anchoring: { what: [checkpoints], bridgeFinalizesOnAnchor: false } }
components: [{ id: fed, kind: federation, operators: 9, threshold: 7-of-9, publiclyKnown: all, external: 9 }]
pegs: [{ id: p, custody: federation-multisig, signers: fed, threshold: 7-of-9 }]
`);
      assert.equal(trustModel(m).link.value, 'none');
      assert.equal(trustModel(model(`
l1: { host: bitcoin, anchoring: { what: [checkpoints], bridgeFinalizesOnAnchor: true } }
pegs: [{ id: p, custody: federation-multisig }]
`)).link.value, 'anchored');
    });
  });

  describe('what a spec does not say is said, never assumed', () => {
    it('a signer set without `external` is counted one entity per member, and the coalition names the missing fact', () => {
      const s = trustModel(model(`
l1: { host: bitcoin }
components: [{ id: fed, kind: federation, operators: 5, threshold: 3-of-5 }]
pegs: [{ id: p, custody: federation-multisig, signers: fed, threshold: 3-of-5, upgrade: { authority: none } }]
`)).coalitions.steal;
      assert.equal(s.minEntities, 3);
      assert.deepEqual(s.coalitions[0]!.unknown, ['components.0.external']);
    });

    it('no coalition at all is null, with only the user-side conditions', () => {
      const tm = trustModel(model(`
system: { family: payment-channel }
l1: { host: bitcoin }
pegs: [{ id: ch, custody: unilateral, upgrade: { authority: none } }]
exits: { unilateral: true, mechanism: force-close, delay: 144 blocks }
dataAvailability: { location: self-hosted }
`));
      assert.equal(tm.coalitions.steal.minEntities, null);
      assert.deepEqual(tm.coalitions.steal.coalitions, []);
      assert.ok(tm.coalitions.steal.userConditions.length > 0);
    });
  });

  describe('ratings never contradict the model', () => {
    const dirs = [join(__dirname, '..', '..', '..', 'examples'), join(__dirname, '..', '..', 'fixtures')];
    const files = dirs.flatMap((d) => {
      try { return readdirSync(d, { recursive: true }).map(String).filter((f) => f.endsWith('.l2spec.yaml')).map((f) => join(d, f)); } catch { return []; }
    });

    it(`no peg is rated low custody while a coalition of others can steal it unconditionally (${files.length} specs)`, () => {
      assert.ok(files.length >= 6);
      const bad: string[] = [];
      for (const file of files) {
        const r = analyze(readFileSync(file, 'utf8'));
        for (const p of r.assessment.pegs ?? []) {
          const s = p.coalitions?.steal;
          const unconditional = s?.coalitions.find((c) => !c.after && !c.condition && !c.unknown?.length);
          if (p.value === 'low' && unconditional) bad.push(`${file}: peg ${p.id} low, but ${JSON.stringify(unconditional.members)} can steal`);
        }
      }
      assert.deepEqual(bad, []);
    });

    it('a Strong tier never coexists with a coalition that can steal', () => {
      for (const file of files) {
        const r = analyze(readFileSync(file, 'utf8'));
        if (r.assessment.tier.value === 'strong') assert.equal(r.assessment.coalitions?.steal.minEntities, null, file);
      }
    });
  });

  describe('cost stays bounded', () => {
    it('a 200-peg backedBy chain lists at most 5 coalitions per failure and stays linear', () => {
      const pegs = Array.from({ length: 200 }, (_, i) => `  - { id: p${i}, custody: federation-multisig, signers: fed, threshold: 3-of-5${i ? `, backedBy: p${i - 1}` : ''}, upgrade: { authority: none } }`).join('\n');
      const tm = trustModel(model(`l2spec: 2\nl1: { host: bitcoin }\ncomponents: [{ id: fed, kind: federation, operators: 5, threshold: 3-of-5, external: 5 }]\npegs:\n${pegs}\n`));
      for (const p of tm.pegs) for (const f of Object.values(p.coalitions)) assert.ok(f.coalitions.length <= 5);
      assert.ok(JSON.stringify(tm).length < 2_000_000);
    });
  });
});

describe('glossary: the words of the trust model', () => {
  // `l2spec explain tier` and `explain "who must collude"` answered "no term matches" (new-user trial).
  it('explains the tier and who must collude by the words a reader types', async () => {
    const { findGlossaryTopic } = await import('../../../server/src/engine/glossary.js');
    for (const topic of ['tier', 'Security tier', 'who must collude', 'collude', 'coalition']) {
      assert.ok(findGlossaryTopic(topic), topic);
    }
    assert.match(findGlossaryTopic('tier')!.markdown, /derived from \*who must collude\*, never from a label/);
    assert.match(findGlossaryTopic('settlement')!.markdown, /the author\\?'s \*claim\*/);
  });
});
