// Issue 22 items 5 and 6: explanations of backed pegs refer to the backing peg instead of copying
// its reasons, so every output grows linearly with a backedBy chain; backing cycles are findings,
// and no peg of a cycle loses its backing.
import assert from 'node:assert/strict';
import { analyze, type AnalysisResult } from '../../../server/src/engine/index.js';
import { toJson } from '../../../server/src/cli/report.js';
import { reviewSnapshot } from '../../../server/src/lsp/reviewWorker.js';
import { chainSpec, cycleSpec, pegLine } from './specs.js';

/** Bytes of every output a spec produces: the CLI's JSON report and the preview's review snapshot. */
function outputBytes(text: string): { cli: number; snapshot: number } {
  const result = analyze(text);
  const cli = Buffer.byteLength(JSON.stringify(toJson([{ path: 'chain.l2spec.yaml', result }])));
  const snapshot = Buffer.byteLength(JSON.stringify(reviewSnapshot(text, {})));
  return { cli, snapshot };
}

const pegOf = (r: AnalysisResult, id: string) => r.assessment.pegs!.find((p) => p.id === id)!;

describe('backedBy chains: output linear in the chain (issue 22 item 5)', function () {
  this.timeout(120_000);

  for (const bad of [false, true]) {
    it(`each added peg adds about as many bytes at 200 pegs as at 10 (${bad ? 'bottom peg decides' : 'every peg alike'})`, () => {
      const [s10, s50, s200] = [10, 50, 200].map((n) => ({ n, spec: chainSpec(n, bad).length, out: outputBytes(chainSpec(n, bad)) }));
      for (const key of ['cli', 'snapshot'] as const) {
        const early = (s50!.out[key] - s10!.out[key]) / 40;
        const late = (s200!.out[key] - s50!.out[key]) / 150;
        // Linear: the bytes per added peg do not grow with the chain's length (cubic growth made the
        // 200-peg chain 60 times the 50-peg one; linear growth makes it about 4 times).
        assert.ok(late <= early * 1.25, `${key}: ${late.toFixed(0)} bytes per peg at 50→200 against ${early.toFixed(0)} at 10→50`);
        // And in proportion to the spec: no more than 100 bytes of output per byte of spec.
        assert.ok(s200!.out[key] <= 100 * s200!.spec, `${key}: ${s200!.out[key]} bytes for a ${s200!.spec}-byte spec`);
      }
    });
  }

  it('a backed peg refers to its backing peg and to the peg that decides, once', () => {
    const r = analyze(chainSpec(30, true));
    const top = pegOf(r, 'p29');
    assert.equal(top.value, 'very-high');
    const refs = top.reasons.filter((x) => x.path === 'pegs.29.backedBy');
    assert.equal(refs.length, 1);
    assert.match(refs[0]!.text, /backed by the token of peg "p28".*rated very high.*peg "p0"/);
    // Every peg's explanation has the same size whatever its depth in the chain.
    const sizes = r.assessment.pegs!.slice(1).map((p) => JSON.stringify(p.reasons).length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) < 200, `reason sizes ${Math.min(...sizes)}…${Math.max(...sizes)}`);
    // The custody axis names the canonical peg and its own reasons, not the chain's.
    assert.ok(r.assessment.ratings.custody.reasons.length <= 10);
  });

  it('a canonical peg left unverified by its backing names the deciding peg\'s missing facts once', () => {
    const spec = [
      'l2spec: 2', 'system: { name: U, family: sidechain }', 'pegs:',
      pegLine('top', ['canonical: true', 'custody: single-custodian', 'backedBy: mid']).replace('single-custodian', 'miner-vote'),
      pegLine('mid', ['custody: miner-vote', 'backedBy: low']),
      pegLine('low', ['custody: federation-multisig']),
    ].join('\n');
    const r = analyze(spec);
    assert.equal(pegOf(r, 'low').value, 'unverified');
    assert.equal(pegOf(r, 'top').value, 'unverified');
    assert.equal(r.assessment.ratings.custody.value, 'unverified');
    assert.deepEqual(r.assessment.ratings.custody.missing?.map((m) => m.path), pegOf(r, 'low').missing?.map((m) => m.path));
    assert.equal(pegOf(r, 'mid').missing, undefined, 'a backed peg does not copy the missing facts of its backing');
  });

  it('a chain of 5,000 pegs is rated without exhausting the stack', function () {
    this.timeout(240_000);
    const r = analyze(chainSpec(5_000));
    assert.equal(r.assessment.pegs!.length, 5_000);
    assert.ok(pegOf(r, 'p4999').reasons.some((x) => /backed by the token of peg "p4998"/.test(x.text)));
  });
});

describe('backedBy cycles (issue 22 item 6)', () => {
  for (const ids of [['a', 'b'], ['a', 'b', 'c']]) {
    it(`a cycle of ${ids.length} pegs: a finding on each, each rated the worst of the cycle, none loses its backing`, () => {
      const r = analyze(cycleSpec(ids, { b: 'single-custodian' }));
      const findings = r.findings.filter((f) => f.ruleId === 'L2S-FMT-011');
      assert.deepEqual(findings.map((f) => f.path).sort(), ids.map((_, i) => `pegs.${i}.backedBy`));
      for (const f of findings) assert.equal(f.severity, 'high');
      for (const [i, id] of ids.entries()) {
        const peg = pegOf(r, id);
        // The single custodian's "very high" reaches every peg of the cycle, whichever side it is on.
        assert.equal(peg.value, 'very-high', `peg ${id}`);
        const backing = peg.reasons.find((x) => x.path === `pegs.${i}.backedBy`);
        assert.ok(backing, `peg ${id} keeps a reason for its backing`);
        assert.match(backing.text, new RegExp(`backed by the token of peg "${ids[(i + 1) % ids.length]}".*cycle of ${ids.length} pegs`));
      }
    });
  }

  it('a peg backed by a cycle refers to it; a cycle of good pegs stays as good as they are', () => {
    const r = analyze(cycleSpec(['a', 'b', 'c'], {}, [pegLine('d', ['custody: federation-multisig', 'signers: fed', 'backedBy: a'])]));
    assert.equal(r.findings.filter((f) => f.ruleId === 'L2S-FMT-011').length, 3);
    const d = pegOf(r, 'd');
    assert.ok(d.reasons.some((x) => x.path === 'pegs.3.backedBy' && /peg "a"/.test(x.text)));
    for (const id of ['a', 'b', 'c']) assert.equal(pegOf(r, id).value, pegOf(r, 'd').value);
  });

  it('a cycle of 300 pegs: one short finding per peg', () => {
    const ids = Array.from({ length: 300 }, (_, i) => `q${i}`);
    const r = analyze(cycleSpec(ids));
    const findings = r.findings.filter((f) => f.ruleId === 'L2S-FMT-011');
    assert.equal(findings.length, 300);
    for (const f of findings) assert.ok(f.message.length < 300, f.message);
  });
});
