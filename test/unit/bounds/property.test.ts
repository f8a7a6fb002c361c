// Property-based tests over format-2 structures (issue 22): random backedBy chains and cycles,
// custody hops, and thresholds in every notation (m-of-n, % of stake, fractions of voting power,
// impossible and extreme ones). For every spec: no crash, output linear in the spec, every
// message within its bound, every cycle flagged on each of its pegs and no peg losing its backing.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, type AnalysisResult } from '../../../server/src/engine/index.js';
import { toJson } from '../../../server/src/cli/report.js';
import { buildSnapshot } from '../../../server/src/render/snapshot.js';
import { toDiagnostics } from '../../../server/src/service/diagnostics.js';
import { boundDiagnostics, boundSnapshot, diagnosticBytesAtMost, jsonBytes, type MessageLimits } from '../../../server/src/lsp/bounds.js';

/** Thresholds in every notation the format has, and the forms it must refuse. */
const threshold = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([m, n]) => `${m}-of-${n}`),
  fc.integer({ min: 0, max: 150 }).map((p) => `"${p}% of stake"`),
  fc.integer({ min: 0, max: 150 }).map((p) => `"${p}% of voting power"`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `"${a}/${b} of voting power"`),
  fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })).map(([a, b]) => `"${a}/${b} of stake"`),
  fc.constantFrom(`1-of-${'9'.repeat(309)}`, `"1/${'9'.repeat(40)} of stake"`, '"most of them"', '1e400', '0'),
);
const custody = fc.constantFrom('federation-multisig', 'threshold-signature', 'mpc', 'single-custodian', 'pos-stake', 'bitvm', 'smart-contract', 'miner-vote', 'unilateral');

const peg = fc.record({
  custody,
  threshold: fc.option(threshold, { nil: undefined }),
  /** Index of the backing peg (taken modulo the number of pegs; may be itself, making a self-reference). */
  backedBy: fc.option(fc.nat(), { nil: undefined }),
  hops: fc.array(fc.record({ custody, threshold: fc.option(threshold, { nil: undefined }) }), { maxLength: 3 }),
  upgrade: fc.option(fc.constantFrom('instant', '1d', '30 days', '99999999999999999999 days'), { nil: undefined }),
  bridgeSource: fc.option(fc.constantFrom('open', 'closed'), { nil: undefined }),
});
type PegSpec = typeof peg extends fc.Arbitrary<infer T> ? T : never;

const design = fc.record({
  operators: fc.option(fc.constantFrom('7', '3', '1e400', '0'), { nil: undefined }),
  pegs: fc.array(peg, { minLength: 1, maxLength: 25 }),
  /** Extra cycles appended: each a ring of new pegs. */
  rings: fc.array(fc.integer({ min: 2, max: 4 }), { maxLength: 2 }),
});
type Design = typeof design extends fc.Arbitrary<infer T> ? T : never;

function toYaml(d: Design): string {
  const lines = ['l2spec: 2', 'system: { name: Random, family: sidechain }', 'components:',
    `  - { id: fed, kind: federation, external: 7, publiclyKnown: all${d.operators ? `, operators: ${d.operators}` : ''} }`, 'pegs:'];
  const n = d.pegs.length;
  const one = (p: PegSpec, id: string, backing?: string): void => {
    lines.push(`  - id: ${id}`, `    asset: ${id.toUpperCase()}`, `    custody: ${p.custody}`, '    signers: fed');
    if (p.threshold) lines.push(`    threshold: ${p.threshold}`);
    if (backing) lines.push(`    backedBy: ${backing}`);
    if (p.upgrade) lines.push(`    upgrade: { authority: fed, delay: ${p.upgrade} }`);
    if (p.bridgeSource) lines.push(`    bridgeSource: ${p.bridgeSource}`);
    if (p.hops.length) {
      lines.push('    hops:');
      for (const h of p.hops) lines.push(`      - { custody: ${h.custody}, signers: fed${h.threshold ? `, threshold: ${h.threshold}` : ''} }`);
    }
  };
  d.pegs.forEach((p, i) => one(p, `p${i}`, p.backedBy === undefined ? undefined : `p${p.backedBy % n}`));
  d.rings.forEach((size, r) => {
    for (let i = 0; i < size; i++) one(d.pegs[i % n]!, `r${r}x${i}`, `r${r}x${(i + 1) % size}`);
  });
  return `${lines.join('\n')}\n`;
}

/** The pegs of every backedBy cycle, from the model (ids). */
function cyclePegs(r: AnalysisResult): Set<string> {
  const out = new Set<string>();
  for (const start of r.model?.pegs ?? []) {
    const seen = new Set<typeof start>();
    let p: typeof start | undefined = start;
    while (p && !seen.has(p)) {
      seen.add(p);
      p = p.backedBy?.peg;
    }
    if (p === start) out.add(start.id);
  }
  return out;
}

const SMALL: MessageLimits = { maxBytes: 30_000, maxDiagnostics: 25 };

describe('property: format-2 structures stay bounded (issue 22)', function () {
  this.timeout(300_000);

  it('no crash, output linear in the spec, every message within its bound, cycles flagged and backing kept', () => {
    fc.assert(fc.property(design, (d) => {
      const text = toYaml(d);
      const r = analyze(text);
      // Output linear in the input: the CLI's JSON and the preview snapshot per byte of spec.
      const cli = jsonBytes(toJson([{ path: 'random.l2spec.yaml', result: r }]));
      assert.ok(cli <= 40 * text.length + 20_000, `CLI JSON ${cli} bytes for a ${text.length}-byte spec`);
      const snapshot = buildSnapshot(r);
      const snap = jsonBytes(snapshot);
      assert.ok(snap <= 150 * text.length + 50_000, `snapshot ${snap} bytes for a ${text.length}-byte spec`);
      assert.doesNotMatch(JSON.stringify(r.assessment), /Infinity|NaN/);
      // Every reason of every peg is short (a reference, never a copy of the chain).
      for (const p of r.assessment.pegs ?? []) {
        assert.ok(p.reasons.length <= 30, `peg ${p.id}: ${p.reasons.length} reasons`);
        for (const reason of p.reasons) assert.ok(reason.text.length <= 600, reason.text.slice(0, 200));
      }
      // Every message within its bound, under the default limits and small ones that force cuts.
      for (const limits of [undefined, SMALL]) {
        const diagnostics = boundDiagnostics(toDiagnostics(r, { uri: 'file:///random.l2spec.yaml' }), limits);
        const max = limits ?? { maxBytes: 8 * 1024 * 1024, maxDiagnostics: 2_000 };
        assert.ok(diagnostics.length <= max.maxDiagnostics && jsonBytes(diagnostics) <= max.maxBytes);
        assert.ok(jsonBytes(boundSnapshot(snapshot, limits)) <= max.maxBytes);
      }
      // Each peg of a cycle has its finding, and every resolved backing is explained by a reason.
      const cycles = cyclePegs(r);
      const flagged = new Set(r.findings.filter((f) => f.ruleId === 'L2S-FMT-011').map((f) => r.model!.pegs.find((p) => `${p.path}.backedBy` === f.path)?.id));
      assert.deepEqual([...flagged].sort(), [...cycles].sort());
      for (const p of r.model?.pegs ?? []) {
        if (!p.backedBy?.peg) continue;
        const rating = r.assessment.pegs!.find((x) => x.id === p.id)!;
        const backing = r.assessment.pegs!.find((x) => x.id === p.backedBy!.peg!.id)!;
        // No better than its backing (the order of common.ts: unverified and under review rank below very high).
        const rank = { 'not-applicable': -1, low: 0, medium: 1, high: 2, 'under-review': 3, unverified: 3.5, 'very-high': 4 } as const;
        assert.ok(rank[rating.value] >= rank[backing.value], `${p.id} ${rating.value} better than its backing ${backing.id} ${backing.value}`);
      }
    }), { numRuns: 100 });
  });

  it('the quick size bound of a diagnostic is never below its JSON bytes, whatever its text', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 });
    const range = fc.record({ start: fc.record({ line: fc.nat(), character: fc.nat() }), end: fc.record({ line: fc.nat(), character: fc.nat() }) });
    fc.assert(fc.property(text, text, fc.array(fc.tuple(text, text, range), { maxLength: 3 }), range, fc.integer({ min: 1, max: 4 }), (message, code, related, r, severity) => {
      const d = {
        range: r, severity: severity as 1 | 2 | 3 | 4, code, source: 'l2spec', message, codeDescription: { href: `file:///docs/rules/${code}.md` },
        relatedInformation: related.map(([m, uri, rr]) => ({ location: { uri, range: rr }, message: m })),
      };
      assert.ok(diagnosticBytesAtMost(d) >= jsonBytes(d), `${diagnosticBytesAtMost(d)} < ${jsonBytes(d)}`);
    }), { numRuns: 500 });
  });
});
