import assert from 'node:assert/strict';
import fc from 'fast-check';
import { trustModel } from '../../../server/src/engine/trust/index.js';
import { modelOf } from '../assess/fixtures.js';

// Properties of the trust model over generated federated designs (issue "Who must collude", Tests):
// strengthening a design never makes the smallest steal coalition smaller, and removing an exit
// never makes freezing harder. `null` (no coalition can) is the strongest value.

interface Design {
  n: number;
  m: number;
  external: number;
  stake: boolean;
  /** For a stake-weighted set: the share the threshold names, kept when members join. */
  share: number;
  emergency?: { n: number; m: number; timelockBlocks: number };
  upgradeDays?: number;
  exitDays?: number;
  exit: 'none' | 'federation-peg-out' | 'unilateral';
}

const design: fc.Arbitrary<Design> = fc
  .record({
    n: fc.integer({ min: 1, max: 20 }),
    mFrac: fc.double({ min: 0.01, max: 1, noNaN: true }),
    extFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    stake: fc.boolean(),
    emergency: fc.option(fc.record({ n: fc.integer({ min: 1, max: 5 }), mFrac: fc.double({ min: 0.1, max: 1, noNaN: true }), timelockBlocks: fc.integer({ min: 1, max: 60000 }) }), { nil: undefined }),
    upgradeDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    exitDays: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    exit: fc.constantFrom('none' as const, 'federation-peg-out' as const, 'unilateral' as const),
  })
  .map((r) => ({
    n: r.n,
    m: Math.max(1, Math.ceil(r.mFrac * r.n)),
    external: Math.floor(r.extFrac * r.n),
    stake: r.stake,
    share: Math.max(1, Math.ceil(r.mFrac * r.n)) / r.n,
    emergency: r.emergency && { n: r.emergency.n, m: Math.max(1, Math.ceil(r.emergency.mFrac * r.emergency.n)), timelockBlocks: r.emergency.timelockBlocks },
    upgradeDays: r.upgradeDays,
    exitDays: r.exitDays,
    exit: r.exit,
  }));

/** The spec value of a design: a federation (or a stake-weighted validator set) holding one peg. */
function spec(d: Design): Record<string, unknown> {
  const threshold = d.stake ? `${Math.round(d.share * 1000) / 10}% of stake` : `${d.m}-of-${d.n}`;
  const components: Record<string, unknown>[] = [
    { id: 'fed', kind: d.stake ? 'validators' : 'federation', operators: d.n, threshold, publiclyKnown: 'all', external: d.external },
    { id: 'council', kind: 'security-council', operators: 1, external: 0 },
  ];
  if (d.emergency) components.push({ id: 'emergency', kind: 'signer-set', operators: d.emergency.n, threshold: `${d.emergency.m}-of-${d.emergency.n}`, external: 0 });
  const peg: Record<string, unknown> = {
    id: 'p',
    custody: d.exit === 'unilateral' ? 'unilateral' : d.stake ? 'pos-stake' : 'federation-multisig',
    signers: 'fed',
    ...(d.stake ? {} : { threshold }),
    upgrade: d.upgradeDays === undefined ? { authority: 'none' } : { authority: 'council', delay: `${d.upgradeDays}d` },
    emergencyRecovery: d.emergency ? { signers: 'emergency', threshold: `${d.emergency.m}-of-${d.emergency.n}`, timelock: `${d.emergency.timelockBlocks} blocks` } : 'none',
  };
  const exits: Record<string, unknown> = d.exit === 'unilateral'
    ? { unilateral: true, mechanism: 'force-close' }
    : { unilateral: false, mechanism: d.exit };
  if (d.exitDays !== undefined) exits.delay = `${d.exitDays}d`;
  return { l2spec: 2, l1: { host: 'bitcoin' }, components, pegs: [peg], exits, dataAvailability: { location: 'self-hosted' } };
}

const steal = (d: Design) => trustModel(modelOf(spec(d))).coalitions.steal.minEntities;
const freeze = (d: Design) => trustModel(modelOf(spec(d))).coalitions.freeze.minEntities;
/** a is a smaller (easier) coalition than b. */
const smaller = (a: number | null, b: number | null) => a !== null && (b === null || a < b);
const RUNS = { numRuns: Number(process.env.PROP_RUNS ?? 300) };

describe('trust model: properties', () => {
  it('adding an external member (same threshold as written) never makes the smallest steal coalition smaller', () => {
    fc.assert(fc.property(design, (d) => {
      const more = { ...d, n: d.n + 1, external: d.external + 1 };
      assert.ok(!smaller(steal(more), steal(d)), `${steal(d)} → ${steal(more)}`);
    }), RUNS);
  });

  it('raising the threshold (in either notation) never makes it smaller', () => {
    fc.assert(fc.property(design, (d) => {
      fc.pre(d.m < d.n);
      const higher = { ...d, m: d.m + 1, share: (d.m + 1) / d.n };
      assert.ok(!smaller(steal(higher), steal(d)), `${d.m}-of-${d.n}: ${steal(d)} → ${steal(higher)}`);
    }), RUNS);
  });

  it('lengthening the upgrade delay never makes it smaller', () => {
    fc.assert(fc.property(design, fc.integer({ min: 1, max: 60 }), (d, extra) => {
      fc.pre(d.upgradeDays !== undefined);
      const slower = { ...d, upgradeDays: d.upgradeDays! + extra };
      assert.ok(!smaller(steal(slower), steal(d)));
    }), RUNS);
  });

  it('adding an exit never makes it smaller', () => {
    fc.assert(fc.property(design, (d) => {
      fc.pre(d.exit === 'none');
      for (const exit of ['federation-peg-out', 'unilateral'] as const) assert.ok(!smaller(steal({ ...d, exit }), steal(d)), exit);
    }), RUNS);
  });

  it('removing an exit never makes freezing harder', () => {
    fc.assert(fc.property(design, (d) => {
      fc.pre(d.exit !== 'none');
      const without = { ...d, exit: 'none' as const };
      assert.ok(!smaller(freeze(d), freeze(without)), `${freeze(d)} with the exit, ${freeze(without)} without`);
    }), RUNS);
  });
});
