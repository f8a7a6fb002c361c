// Bitcoin Layers' statuses as Bitcoin Layers uses them (issue 18 item 8), and its finality levels.
// Every expected value is derived by hand from the criteria (trust-frameworks.md §2 and §8):
// - "Unverified": a claim nobody can check. A spec marks such facts with `claimed: [field, …]`; a
//   level better than very high that rests on one is `unverified`, naming it. A claim never lifts a
//   rating, and a claimed shortfall counts at its word (very high stays very high).
// - "Under Review": the framework has not rated the axis. A spec marks it with `underReview: <why>`
//   on the section that decides it; a value outside the table is under review too.
// - A fact that is simply not stated stays `unverified` with the fact named (issue 18 item 1).
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/engine/index.js';
import { rateCustody } from '../../../server/src/engine/assess/custody.js';
import { rateDataAvailability } from '../../../server/src/engine/assess/dataAvailability.js';
import { rateFinality } from '../../../server/src/engine/assess/finality.js';
import { rateOperators } from '../../../server/src/engine/assess/operators.js';
import { expectRated, model } from './fixtures.js';

/** A federation that meets Bitcoin Layers' red bar: 9 members, 7 external, all publicly known. */
const FED = (extra = '') => `{ id: fed, kind: federation, operators: 9, threshold: 7-of-9, external: 7, publiclyKnown: all${extra} }`;

describe('Bitcoin Layers statuses: unverified for claims nobody can check', () => {
  it('a federation whose disclosure is only claimed: custody unverified, not high, naming the claim', () => {
    // Taken at its word the set is "high" (≥5 publicly known external signers); the disclosure is the claim.
    const c = rateCustody(model(`components: [${FED(', claimed: [publiclyKnown]')}]\npegs: [{ id: p, custody: federation-multisig, signers: fed }]`)).axis;
    expectRated(c, 'unverified', /rests on components\.0\.publiclyKnown, which the spec marks as only claimed.*would be high/, 'components.0.publiclyKnown');
    assert.deepEqual(c.claimed, [{ path: 'components.0.publiclyKnown', marker: 'components.0.claimed.0' }]);
    assert.equal(c.missing, undefined);
  });

  it('the same federation without the claim mark is high', () => {
    expectRated(rateCustody(model(`components: [${FED()}]\npegs: [{ id: p, custody: federation-multisig, signers: fed }]`)).axis, 'high', /7 publicly known members external/);
  });

  it('a claimed shortfall counts at its word: undisclosed members stay very high', () => {
    const c = rateCustody(model(`components: [{ id: fed, kind: federation, operators: 9, external: 7, publiclyKnown: none, claimed: [publiclyKnown] }]\npegs: [{ id: p, custody: federation-multisig, signers: fed }]`)).axis;
    expectRated(c, 'very-high', /members are not publicly known/);
    assert.equal(c.claimed, undefined);
  });

  it('a claimed threshold scheme behind undisclosed signers is very high (Hemi\'s hemiBTC kind): the claim lifts nothing', () => {
    const c = rateCustody(model(`components: [{ id: s, kind: signer-set, publiclyKnown: none }]\npegs: [{ id: h, custody: threshold-signature, signers: s, claimed: [custody] }]`)).axis;
    expectRated(c, 'very-high', /not publicly known/);
  });

  it('a claimed custody type under a set that meets the bar: unverified, naming the peg\'s claim', () => {
    const c = rateCustody(model(`components: [${FED()}]\npegs: [{ id: p, custody: threshold-signature, signers: fed, claimed: [custody] }]`)).axis;
    expectRated(c, 'unverified', /Peg "p"'s custody rests on pegs\.0\.custody/, 'pegs.0.custody');
    assert.deepEqual(c.claimed?.map((x) => x.path), ['pegs.0.custody']);
  });

  it('a claimed unilateral exit: custody unverified, not low', () => {
    const c = rateCustody(model('exits: { unilateral: true, claimed: [unilateral] }\npegs: [{ id: p, custody: unilateral }]')).axis;
    expectRated(c, 'unverified', /rests on exits\.unilateral/, 'exits.unilateral');
  });

  it('a claimed permissionless challenger set: a BitVM peg is not medium but unverified', () => {
    const spec = `components:
  - { id: committee, kind: signer-set, operators: 5, external: 3, publiclyKnown: all }
  - { id: challengers, kind: watchtowers, permissionless: true, claimed: [permissionless] }
stateValidation: { mechanism: bitvm, challengers: challengers }
pegs: [{ id: b, custody: bitvm, signers: committee }]`;
    expectRated(rateCustody(model(spec)).axis, 'unverified', /rests on components\.1\.permissionless/, 'components.1.permissionless');
  });

  it('a claimed open-source node: data held by another consensus is unverified, not medium', () => {
    const d = rateDataAvailability(model('dataAvailability: { location: alt-consensus, nodeOpenSource: true, claimed: [nodeOpenSource] }'));
    expectRated(d, 'unverified', /rests on dataAvailability\.nodeOpenSource,.*would be medium/, 'dataAvailability.nodeOpenSource');
  });

  it('a claimed forced-inclusion path: a single sequencer is unverified, not medium', () => {
    const spec = `components: [{ id: seq, kind: sequencer, operators: 1, openSource: true }]
exits: { forcedInclusion: { mode: force-via-l1 }, proposerFallback: self-propose, claimed: [forcedInclusion] }`;
    expectRated(rateOperators(model(spec)), 'unverified', /rests on exits\.forcedInclusion,.*would be medium/, 'exits.forcedInclusion');
  });

  it('claimed merge-mining hashrate: operators unverified, not medium', () => {
    expectRated(rateOperators(model('components: [{ id: m, kind: miners, hashrateShare: 0.6, claimed: [hashrateShare] }]')), 'unverified', /rests on components\.0\.hashrateShare/);
  });

  it('claimed provable key deletion: a statechain\'s finality is unverified, not low', () => {
    const f = rateFinality(model('system: { family: statechain }\nfinality: { source: user-held, provableKeyDeletion: true, claimed: [provableKeyDeletion] }'));
    expectRated(f, 'unverified', /rests on finality\.provableKeyDeletion,.*would be low/, 'finality.provableKeyDeletion');
  });

  it('a claimed finality source: unverified, naming it', () => {
    expectRated(rateFinality(model('finality: { source: alt-consensus, claimed: [source] }')), 'unverified', /rests on finality\.source/, 'finality.source');
  });

  it('missing and claimed facts are both named: a set whose independence is missing and disclosure claimed', () => {
    const c = rateCustody(model(`components: [{ id: fed, kind: federation, operators: 9, publiclyKnown: all, claimed: [publiclyKnown] }]\npegs: [{ id: p, custody: federation-multisig, signers: fed }]`)).axis;
    assert.equal(c.value, 'unverified');
    assert.deepEqual(c.missing?.map((m) => m.path), ['components.0.external']);
    assert.deepEqual(c.claimed?.map((m) => m.path), ['components.0.publiclyKnown']);
  });

  it('L2S-TRN-005 asks for evidence on the claim, and the CLI-facing missing list stays for missing facts', () => {
    const res = analyze(`l2spec: 2
system: { name: Claims, family: sidechain }
l1: { host: bitcoin, settlement: none }
components: [${FED(', claimed: [external]')}]
pegs: [{ id: p, custody: federation-multisig, signers: fed }]
dataAvailability: { location: alt-consensus, nodeOpenSource: true }
finality: { source: federation }
`);
    const f = res.findings.filter((x) => x.ruleId === 'L2S-TRN-005');
    const claim = f.find((x) => x.path === 'components.0.claimed.0');
    assert.ok(claim, f.map((x) => `${x.path}: ${x.message}`).join('\n'));
    assert.match(claim.message, /^BTC custody and network operators stay unverified: each rests on components\.0\.external, which the spec marks as only claimed/);
    assert.equal(res.assessment.ratings.custody.value, 'unverified');
  });

  it('a claim the format does not know is a schema finding, not a silent mark', () => {
    const res = analyze(`l2spec: 2
system: { name: Claims }
finality: { source: federation, claimed: [sauce] }
`);
    assert.ok(res.findings.some((x) => x.ruleId.startsWith('L2S-FMT-') && x.path.startsWith('finality.claimed')), res.findings.map((x) => `${x.ruleId} ${x.path}`).join('\n'));
    assert.equal(res.assessment.ratings.finality.value, 'high');
  });
});

describe('Bitcoin Layers statuses: under review when the axis is not rated', () => {
  it('finality marked under review by the author: under-review whatever the source, with the note quoted', () => {
    expectRated(rateFinality(model('finality: { source: bitcoin, underReview: "Indexers may fork their view." }')), 'under-review', /marks finality as under review: "Indexers may fork their view\."/, 'finality.underReview');
  });

  it('data availability marked under review', () => {
    expectRated(rateDataAvailability(model('dataAvailability: { underReview: not settled }')), 'under-review', /marks data availability as under review/, 'dataAvailability.underReview');
  });

  it('a peg marked under review: that peg\'s custody is under review, the others are rated', () => {
    const r = rateCustody(model(`components: [${FED()}]\npegs:\n  - { id: a, custody: federation-multisig, signers: fed, underReview: signers being replaced }\n  - { id: b, custody: single-custodian }`));
    expectRated(r.axis, 'under-review', /marks the custody of peg "a" as under review/, 'pegs.0.underReview');
    assert.equal(r.pegs[1]!.value, 'very-high');
  });

  it('a network-running set marked under review: operators under review', () => {
    expectRated(rateOperators(model('components: [{ id: v, kind: validators, operators: 3, underReview: set still forming }]')), 'under-review', /"v", which runs the network, as under review/, 'components.0.underReview');
  });

  it('a value outside the table is under review, not the worst', () => {
    expectRated(rateFinality(model('finality: { source: magic }')), 'under-review', /not one l2spec rates.*has no row/, 'finality.source');
    expectRated(rateDataAvailability(model('dataAvailability: { location: carrier-pigeon }')), 'under-review', /not one l2spec rates/, 'dataAvailability.location');
  });

  it('the author\'s note is untrusted text: one line, clipped', () => {
    const note = `${'x'.repeat(300)}\nsecond line`;
    const r = rateFinality(model(`finality: { underReview: ${JSON.stringify(note)} }`));
    assert.equal(r.value, 'under-review');
    assert.ok(!r.reasons[0]!.text.includes('\n'));
    assert.ok(r.reasons[0]!.text.length < 260, r.reasons[0]!.text);
  });

  it('under review asks for nothing (no L2S-TRN-005), where a missing fact does', () => {
    const marked = analyze('l2spec: 2\nsystem: { name: M }\nfinality: { underReview: not decided }\n');
    assert.ok(!marked.findings.some((x) => x.ruleId === 'L2S-TRN-005' && /^Finality/.test(x.message)));
    const missing = analyze('l2spec: 2\nsystem: { name: M }\n');
    assert.equal(missing.assessment.ratings.finality.value, 'unverified');
    assert.ok(missing.findings.some((x) => x.ruleId === 'L2S-TRN-005' && /Finality stays unverified: the spec does not say what makes state final \(finality\.source\)/.test(x.message)));
  });
});

describe('Bitcoin Layers finality levels (§8), one hand-derived case per branch', () => {
  const fin = (yaml: string) => rateFinality(model(yaml));
  it('validators must reference a checkpoint on Bitcoin → low', () => {
    expectRated(fin('l1: { host: bitcoin }\nfinality: { source: bitcoin-checkpoint }'), 'low', /cannot be reorganised without reorganising Bitcoin/, 'finality.source');
  });
  it('state finalises from data on Bitcoin → low', () => {
    expectRated(fin('l1: { host: bitcoin }\nfinality: { source: bitcoin }'), 'low', /data posted to Bitcoin/);
  });
  it('written to Bitcoin, but the bridge does not wait for the anchoring → medium (checkpoints and state alike)', () => {
    expectRated(fin('l1: { host: bitcoin, anchoring: { bridgeFinalizesOnAnchor: false } }\nfinality: { source: bitcoin }'), 'medium', /not settling on Bitcoin/, 'l1.anchoring.bridgeFinalizesOnAnchor');
    expectRated(fin('l1: { host: bitcoin, anchoring: { bridgeFinalizesOnAnchor: false } }\nfinality: { source: bitcoin-checkpoint }'), 'medium', /not settling on Bitcoin/);
  });
  it('checkpoints to Bitcoin from a chain that settles on Ethereum → the host\'s medium (Hemi\'s kind)', () => {
    expectRated(fin('l1: { host: ethereum }\nfinality: { source: bitcoin-checkpoint }'), 'medium', /writing to Bitcoin is not settling on Bitcoin/, 'finality.source');
  });
  it('state written to Bitcoin by a chain on a smaller host chain → the host\'s high', () => {
    expectRated(fin('l1: { host: other }\nfinality: { source: bitcoin }'), 'high', /smaller host chain/);
  });
  it('data on an external DA network → high', () => {
    expectRated(fin('finality: { source: external-da }'), 'high', /external data-availability network/, 'finality.source');
  });
  it('an alternative consensus → medium', () => {
    expectRated(fin('finality: { source: alt-consensus }'), 'medium', /own consensus network/);
  });
  it('the host chain: Ethereum → medium, a smaller chain → high, Bitcoin → low, unnamed → unverified asking for l1.host', () => {
    expectRated(fin('l1: { host: ethereum }\nfinality: { source: host-chain }'), 'medium', /Ethereum/);
    expectRated(fin('l1: { host: other }\nfinality: { source: host-chain }'), 'high', /smaller host chain/);
    expectRated(fin('l1: { host: bitcoin }\nfinality: { source: host-chain }'), 'low', /Bitcoin/);
    const r = fin('finality: { source: host-chain }');
    assert.equal(r.value, 'unverified');
    assert.deepEqual(r.missing?.map((m) => m.path), ['l1.host']);
  });
  it('a federation → high', () => {
    expectRated(fin('finality: { source: federation }'), 'high', /federation/);
  });
  it('one operator → very high', () => {
    expectRated(fin('finality: { source: single-operator }'), 'very-high', /single operator/);
    expectRated(fin('finality: { source: operator }'), 'very-high', /operator decides/);
  });
  it('user-held assurances → low; a statechain without provable key deletion → very high', () => {
    expectRated(fin('finality: { source: user-held }'), 'low', /only they can spend/);
    expectRated(fin('system: { family: statechain }\nfinality: { source: user-held }'), 'very-high', /statechain/);
    expectRated(fin('finality: { source: user-held, provableKeyDeletion: false }'), 'very-high', /cannot be proven/, 'finality.provableKeyDeletion');
  });
});
