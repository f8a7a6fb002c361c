// Real systems as tests: 26 systems written as specs from Bitcoin Layers' published reviews
// (test/fixtures/real-systems, README.md there). Every value of expected.json is a test: the four
// Bitcoin Layers axes (the diamond `ratings`, or the written `sections`, either being Bitcoin
// Layers' verdict) and the custody of every peg the spec encodes. Expected values come from
// expected.json, never from what l2spec prints.
//
// Where l2spec gives another value, the difference is listed below with its kind:
// - `unverified`: the sources do not give the deciding fact (the shared case notes list it under
//   "left out, silent in sources"); l2spec says unverified and names exactly these facts;
// - `known`: a published rating that l2spec cannot share for a stated reason (a fact the spec
//   carries from L2BEAT or public knowledge that the review did not use, a fact the format cannot
//   express, or a rating that contradicts Bitcoin Layers' own rubric); `value` is what the
//   frameworks' criteria give for the spec's facts, and docs/assessment.md ("Known differences
//   from published ratings") records each one.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/engine/index.js';
import type { AnalysisResult, BitcoinLayersAxis, BitcoinLayersRating, Rated } from '../../../server/src/engine/types.js';
import { reason } from './fixtures.js';

const DIR = join(__dirname, '..', '..', 'fixtures', 'real-systems');

interface Published {
  title: string;
  ratings: Record<BitcoinLayersAxis, string>;
  sections: Partial<Record<BitcoinLayersAxis, string>>;
  pegs: { name: string; tier: string }[];
}
const PUBLISHED: Record<string, Published> = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')).systems;

type Difference =
  | { kind: 'unverified'; missing: string[]; silent: string }
  | { kind: 'known'; value: BitcoinLayersRating; because: RegExp; why: string };

const AXES: readonly BitcoinLayersAxis[] = ['custody', 'dataAvailability', 'operators', 'finality'];

/** Where l2spec's verdict differs from the published one, and why (see the header). */
const DIFFERENCES: Record<string, Partial<Record<BitcoinLayersAxis | `peg:${number}`, Difference>>> = {
  Mode: {
    operators: {
      kind: 'known', value: 'high', because: /users can force their transactions in .* cannot propose state or exit themselves/,
      why: 'the spec carries OP Stack forced inclusion through L1 (public knowledge, notes: Ambiguities); the review does not discuss it. §8: force without self-propose → high',
    },
  },
  alkanes: {
    finality: {
      kind: 'known', value: 'low', because: /finalises from data posted to Bitcoin/,
      why: 'format gap (notes): indexers can fork their view of the state independently of Bitcoin, which no field expresses; with finality.source: bitcoin the table gives low, while Bitcoin Layers keeps finality under review',
    },
  },
  bevm: {
    custody: { kind: 'unverified', missing: ['components.1.publiclyKnown', 'components.1.external'], silent: 'bevm.ts: "We are currently reviewing if the signers ... are publicly disclosed"' },
    operators: { kind: 'unverified', missing: ['components.0.publiclyKnown', 'components.0.external'], silent: 'bevm.ts gives neither the validators\' count, disclosure nor independence' },
    'peg:0': { kind: 'unverified', missing: ['components.1.publiclyKnown', 'components.1.external'], silent: 'the BEVM WBTC trustees: disclosure under review' },
  },
  bob: {
    dataAvailability: { kind: 'unverified', missing: ['dataAvailability.nodeOpenSource'], silent: 'bob.ts: "We are reviewing if BOB\'s node software is open-source" (Bitcoin Layers rates medium without it; its rubric asks for an open node)' },
    operators: {
      kind: 'known', value: 'medium', because: /force their transactions in .* propose state themselves after 30d/,
      why: 'the spec carries L2BEAT\'s 30-day vanguard advantage, after which anyone may propose (a fallback within the 30 days the reviews accept); the review calls the proposer role permissioned. §8: force + self-propose → medium',
    },
  },
  bsquared: {
    finality: {
      kind: 'known', value: 'high', because: /smaller host chain/,
      why: 'format gap (notes: two-layer trust): l1.host: other cannot carry the host chain\'s own three undisclosed validators; §8 rates finality inherited from a smaller host chain high',
    },
  },
  fantom: {
    dataAvailability: { kind: 'known', value: 'not-applicable', because: /Alternative PoS Network/, why: 'format gap (notes: lifecycle status): Bitcoin Layers rates the deprecated, migrating network very high on every axis; l2spec has no field for a deprecated network and gives alternative L1s the "Alternative PoS Network" status, as for Avalanche, Gnosis, Polygon and Tron' },
    operators: { kind: 'known', value: 'not-applicable', because: /Alternative PoS Network/, why: 'as dataAvailability' },
    finality: { kind: 'known', value: 'not-applicable', because: /Alternative PoS Network/, why: 'as dataAvailability' },
  },
  merlin: {
    dataAvailability: { kind: 'unverified', missing: ['components.1.publiclyKnown', 'components.1.external'], silent: 'merlin.ts: "The identities of its members are under review"' },
    operators: { kind: 'unverified', missing: ['exits.forcedInclusion.mode', 'exits.proposerFallback'], silent: 'merlin.ts: the forced-inclusion mechanism "is unverified ... We cannot review its trust assumptions"' },
  },
  optimism: {
    custody: {
      kind: 'unverified',
      missing: ['components.5.publiclyKnown', 'components.5.external', 'pegs.0.upgrade.authority.publiclyKnown', 'pegs.0.upgrade.authority.external', 'components.6.publiclyKnown', 'components.6.external'],
      silent: 'threshold-tbtc.ts and optimism.ts give the tBTC signers, the Threshold DAO and the 6/9 bridge federation without disclosure or independence',
    },
    'peg:0': {
      kind: 'unverified',
      missing: ['components.5.publiclyKnown', 'components.5.external', 'pegs.0.upgrade.authority.publiclyKnown', 'pegs.0.upgrade.authority.external', 'components.6.publiclyKnown', 'components.6.external'],
      silent: 'as custody',
    },
  },
  base: {
    'peg:1': {
      kind: 'unverified', missing: ['components.4.publiclyKnown', 'components.4.external', 'components.5.publiclyKnown', 'components.5.external'],
      silent: 'threshold-tbtc.ts: the tBTC signers and the Threshold DAO, without disclosure or independence',
    },
  },
  side: {
    custody: { kind: 'unverified', missing: ['components.1.external'], silent: 'side.ts: the 21 signers are "publicly disclosed entities"; how many are outside Side Labs is not stated' },
    'peg:0': { kind: 'unverified', missing: ['components.1.external'], silent: 'as custody' },
  },
  soneium: {
    operators: {
      kind: 'known', value: 'high', because: /users cannot propose state or exit themselves/,
      why: 'the spec carries L2BEAT\'s "Cannot withdraw" (no proposer fallback, permissioned games); the review\'s snippet says users can bypass the sequencer. §8: force without self-propose → high',
    },
  },
  zircuit: {
    operators: {
      kind: 'known', value: 'high', because: /cannot force their transactions in .* withdraw through the escape hatch/,
      why: 'the spec carries L2BEAT\'s escape hatch (withdraw with a Merkle proof when no state is proposed); the review says only that users cannot self-sequence. §8: one of the two ways around the operator → high',
    },
  },
};

/** Pegs Bitcoin Layers has not rated (`under-review`): l2spec rates them from the spec's facts by the criteria. */
const UNRATED_PEGS: Record<string, Record<number, { value: BitcoinLayersRating; because: RegExp; missing?: string[] }>> = {
  corn: { 1: { value: 'very-high', because: /bridge program is closed source/ } },
  polygonpos: {
    1: { value: 'unverified', because: /does not say whether the members .* publicly known/, missing: ['pegs.1.signers.publiclyKnown', 'pegs.1.signers.external', 'pegs.1.upgrade.authority.publiclyKnown', 'pegs.1.upgrade.authority.external'] },
    2: { value: 'high', because: /7 publicly known members external to the builder/ },
  },
  starknet: { 2: { value: 'very-high', because: /upgraded through system upgrades \(governance\) instantly/ } },
  zksync: { 1: { value: 'unverified', because: /does not say whether the members .* publicly known/, missing: ['pegs.1.signers.publiclyKnown', 'pegs.1.signers.external', 'pegs.1.upgrade.authority.publiclyKnown', 'pegs.1.upgrade.authority.external'] } },
};

/** Bitcoin Layers' "Alternative PoS Network" status is l2spec's not-applicable with that reason. */
function published(v: string | undefined): string | undefined {
  return v === 'alternative-pos' ? 'not-applicable' : v;
}

function check(rated: Rated<BitcoinLayersRating>, accepted: (string | undefined)[], diff: Difference | undefined, what: string): void {
  const show = () => `${what}: l2spec ${rated.value}; reasons:\n${rated.reasons.map((r) => `  - ${r.text}`).join('\n')}`;
  if (!diff) {
    assert.ok(accepted.includes(rated.value), `${show()}\npublished: ${accepted.filter(Boolean).join(' / ')}`);
    return;
  }
  assert.ok(!accepted.includes(rated.value), `${what} now agrees with the published rating: remove it from DIFFERENCES`);
  if (diff.kind === 'unverified') {
    assert.equal(rated.value, 'unverified', show());
    assert.deepEqual(rated.missing?.map((m) => m.path), diff.missing, `${what}: the missing facts named (${diff.silent})`);
  } else {
    assert.equal(rated.value, diff.value, show());
    reason(rated, diff.because);
  }
}

const FILES = readdirSync(DIR).filter((f) => f.endsWith('.l2spec.yaml')).sort();
const cache = new Map<string, AnalysisResult>();
const analysed = (slug: string) => cache.get(slug) ?? cache.set(slug, analyze(readFileSync(join(DIR, `${slug}.l2spec.yaml`), 'utf8'))).get(slug)!;

describe('real systems: Bitcoin Layers\' published ratings (test/fixtures/real-systems)', () => {
  it('has a spec for each of the 26 published systems, and no spec without a published rating', () => {
    const slugs = FILES.map((f) => f.replace('.l2spec.yaml', ''));
    assert.deepEqual(slugs, Object.keys(PUBLISHED).sort());
    assert.equal(slugs.length, 26);
  });

  for (const slug of Object.keys(PUBLISHED).sort()) {
    const pub = PUBLISHED[slug]!;
    describe(`${pub.title} (${slug})`, () => {
      it('reads without format findings', () => {
        assert.deepEqual(analysed(slug).findings.filter((f) => f.ruleId.startsWith('L2S-FMT-')).map((f) => `${f.ruleId} ${f.path}`), []);
      });
      for (const axis of AXES) {
        const accepted = [published(pub.ratings[axis]), published(pub.sections[axis])];
        const diff = DIFFERENCES[slug]?.[axis];
        const label = diff ? ` (${diff.kind === 'unverified' ? 'unverified: the sources are silent' : 'known difference'})` : '';
        it(`${axis}: ${[...new Set(accepted.filter(Boolean))].join(' / ')}${label}`, () => {
          check(analysed(slug).assessment.ratings[axis], accepted, diff, `${slug} ${axis}`);
        });
      }
      it('rates every encoded peg as Bitcoin Layers does (the first pegs it lists, in its order)', () => {
        const pegs = analysed(slug).assessment.pegs ?? [];
        assert.ok(pegs.length >= 1 && pegs.length <= pub.pegs.length);
        pegs.forEach((peg, i) => {
          const tier = pub.pegs[i]!.tier;
          if (tier === 'under-review') {
            const own = UNRATED_PEGS[slug]?.[i];
            assert.ok(own, `${slug} peg ${i} (${pub.pegs[i]!.name}) is not rated by Bitcoin Layers: list what the criteria give in UNRATED_PEGS`);
            assert.equal(peg.value, own.value, `${slug} peg ${peg.id}`);
            reason(peg, own.because);
            if (own.missing) assert.deepEqual(peg.missing?.map((m) => m.path), own.missing);
            return;
          }
          check(peg, [tier], DIFFERENCES[slug]?.[`peg:${i}`], `${slug} peg ${peg.id} (${pub.pegs[i]!.name})`);
        });
        // The canonical peg heads the custody axis.
        const head = pegs.find((p) => p.canonical)!;
        assert.equal(analysed(slug).assessment.ratings.custody.value, head.value);
      });
    });
  }

  it('agrees on 88 of the 104 rated axes; the 16 others are listed above with their reason', () => {
    let agree = 0;
    let total = 0;
    for (const [slug, pub] of Object.entries(PUBLISHED)) {
      for (const axis of AXES) {
        total++;
        const v = analysed(slug).assessment.ratings[axis].value;
        if (v === published(pub.ratings[axis]) || v === published(pub.sections[axis])) agree++;
        else assert.ok(DIFFERENCES[slug]?.[axis], `${slug} ${axis} differs without a listed reason`);
      }
    }
    assert.equal(total, 104);
    assert.equal(agree, 88);
  });
});
