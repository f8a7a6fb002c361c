import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `l2spec diff` on a real git history, made here: several commits of one spec (a text move, a
// strengthening, a rename that also weakens it), driven through the built CLI as CI runs it.
const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'l2spec.js');
const citrea = readFileSync(join(ROOT, 'examples', 'citrea-bitvm.l2spec.yaml'), 'utf8');
const FORCED = citrea.replace('forcedInclusion: { mode: none }', 'forcedInclusion: { mode: force-via-l1, maxDelay: 1d }');
// The same design with the governance section moved above the transparency one's neighbour.
const MOVED = (() => {
  const s = FORCED.indexOf('governance:\n');
  const e = FORCED.indexOf('transparency:');
  const block = FORCED.slice(s, e);
  const rest = FORCED.slice(0, s) + FORCED.slice(e);
  const at = rest.indexOf('exits:\n');
  return rest.slice(0, at) + block + rest.slice(at);
})();

const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });
const l2spec = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('CLI: l2spec diff', () => {
  let repo: string;
  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'l2spec-diff-'));
    git(repo, 'init', '-q', '-b', 'main');
    mkdirSync(join(repo, 'specs'));
    const spec = join(repo, 'specs', 'rollup.l2spec.yaml');
    writeFileSync(spec, citrea);
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'v1: single sequencer, no forced inclusion');
    writeFileSync(spec, FORCED);
    git(repo, 'commit', '-qam', 'v2: forced inclusion through Bitcoin');
    writeFileSync(spec, MOVED);
    git(repo, 'commit', '-qam', 'v3: move the governance section');
  });

  it('--base: moving a section is no change, and --fail-on-regression passes', () => {
    const r = l2spec(repo, 'diff', '--base', 'HEAD~1', '--format', 'json', '--fail-on-regression');
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.base, 'HEAD~1');
    assert.deepEqual(out.files.map((f: { new: string; status: string }) => [f.new, f.status]), [['specs/rollup.l2spec.yaml', 'unchanged']]);
    assert.equal(out.regressed, false);
  });

  it('--base two commits back: censoring now needs more than the sequencer, and L2S-OPS-001 is gone (JSON contract)', () => {
    const r = l2spec(repo, 'diff', '--base', 'HEAD~2', '--format', 'json', '--fail-on-regression');
    assert.equal(r.code, 0, r.stderr);
    const [f] = JSON.parse(r.stdout).files;
    assert.equal(f.status, 'modified');
    // Forced inclusion through L1 takes the single sequencer out of the censor coalitions (1 → none);
    // the tier does not move: liveness is reported beside it (who must collude).
    assert.equal(f.diff.tier?.direction, undefined);
    assert.deepEqual(f.diff.coalitions.map((c: { failure: string; old: number | null; new: number | null; direction: string }) => [c.failure, c.old, c.new, c.direction]), [['censor', 1, null, 'better']]);
    assert.ok(f.diff.findings.removed.some((x: { ruleId: string }) => x.ruleId === 'L2S-OPS-001'));
    assert.deepEqual(f.regressions, []);
  });

  it('a renamed spec is paired by system.name; weakening it fails --fail-on-regression with exit 1 and Markdown for the PR', () => {
    renameSync(join(repo, 'specs', 'rollup.l2spec.yaml'), join(repo, 'specs', 'citrea.l2spec.yaml'));
    writeFileSync(join(repo, 'specs', 'citrea.l2spec.yaml'), MOVED.replace('force-via-l1, maxDelay: 1d', 'none'));
    try {
      const json = l2spec(repo, 'diff', '--base', 'HEAD', 'specs', '--format', 'json', '--fail-on-regression');
      assert.equal(json.code, 1, json.stderr);
      const out = JSON.parse(json.stdout);
      assert.equal(out.files.length, 1, 'one pair, not an added and a removed spec');
      const [f] = out.files;
      assert.deepEqual([f.old, f.new, f.status], ['specs/rollup.l2spec.yaml', 'specs/citrea.l2spec.yaml', 'renamed']);
      assert.ok(f.regressions.includes('censor: none → 1 entities'), f.regressions.join('; '));
      assert.ok(f.regressions.some((x: string) => x.startsWith('new critical finding L2S-OPS-001')));

      const md = l2spec(repo, 'diff', '--base', 'HEAD', '--format', 'markdown');
      assert.equal(md.code, 0, 'without --fail-on-regression a regression does not fail');
      assert.match(md.stdout, /sequencerFailure \| good \| bad \| ▼ \|/);
      assert.match(md.stdout, /\*\*New findings\*\*[\s\S]*L2S-OPS-001/);
    } finally {
      git(repo, 'checkout', '-q', '--', '.');
      git(repo, 'clean', '-qfd');
    }
  });

  it('a renamed spec named as a path is still paired with its old text, so its regression fails the gate', () => {
    renameSync(join(repo, 'specs', 'rollup.l2spec.yaml'), join(repo, 'specs', 'renamed.l2spec.yaml'));
    writeFileSync(join(repo, 'specs', 'renamed.l2spec.yaml'), MOVED.replace('force-via-l1, maxDelay: 1d', 'none'));
    try {
      const r = l2spec(repo, 'diff', '--base', 'HEAD', 'specs/renamed.l2spec.yaml', '--format', 'json', '--fail-on-regression');
      assert.equal(r.code, 1, r.stdout + r.stderr);
      const [f] = JSON.parse(r.stdout).files;
      assert.deepEqual([f.old, f.new, f.status], ['specs/rollup.l2spec.yaml', 'specs/renamed.l2spec.yaml', 'renamed']);
      assert.ok(f.regressions.includes('censor: none → 1 entities'), f.regressions.join('; '));
    } finally {
      git(repo, 'checkout', '-q', '--', '.');
      git(repo, 'clean', '-qfd');
    }
  });

  it('a spec named by a files: glob (not *.l2spec.yaml) is compared with its old text, not reported as added', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l2spec-diff-globs-'));
    git(dir, 'init', '-q', '-b', 'main');
    mkdirSync(join(dir, 'designs'));
    writeFileSync(join(dir, '.l2spec.yaml'), 'files: ["designs/*.yaml"]\n');
    writeFileSync(join(dir, 'designs', 'rollup.yaml'), FORCED);
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'a design with forced inclusion');
    writeFileSync(join(dir, 'designs', 'rollup.yaml'), citrea);
    const r = l2spec(dir, 'diff', '--base', 'HEAD', '--format', 'json', '--fail-on-regression');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const [f] = JSON.parse(r.stdout).files;
    assert.deepEqual([f.new, f.status], ['designs/rollup.yaml', 'modified']);
    assert.ok(f.regressions.includes('censor: none → 1 entities'), f.regressions.join('; '));
  });

  it('two files: old and new', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l2spec-diff2-'));
    writeFileSync(join(dir, 'a.l2spec.yaml'), citrea);
    writeFileSync(join(dir, 'b.l2spec.yaml'), FORCED);
    const r = l2spec(dir, 'diff', 'a.l2spec.yaml', 'b.l2spec.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /L2BEAT sequencerFailure: bad → good ▲/);
    assert.match(r.stdout, /- critical L2S-OPS-001/);
  });

  it('usage errors exit 2: a missing file, an unknown revision', () => {
    assert.equal(l2spec(repo, 'diff', 'only-one.l2spec.yaml').code, 2);
    const r = l2spec(repo, 'diff', '--base', 'no-such-rev');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /git rev-parse/);
  });

  it('check shows what it would take, in text and JSON', () => {
    const r = l2spec(repo, 'check', 'specs', '--format', 'json', '--fail-on', 'never');
    assert.equal(r.code, 0, r.stderr);
    const [file] = JSON.parse(r.stdout).files;
    // By hand (the tier from the trust model): the covenant committee (10, 5 external, publicly
    // known) is 6 organisations at the floor and the council's upgrade waits longer than users need
    // to leave: Moderate; forced inclusion is liveness and does not change it.
    assert.equal(file.tier, 'moderate');
    // Stage 1 for this rollup needs a proper council and a proposer fallback (the forced inclusion is there).
    const stage1 = file.plan.goals.find((g: { target: string }) => g.target === 'stage-1');
    assert.equal(stage1.status, 'found');
    const none = l2spec(repo, 'check', 'specs', '--format', 'json', '--fail-on', 'never', '--no-plan');
    assert.equal(JSON.parse(none.stdout).files[0].plan, undefined, '--no-plan skips the search');
    const t = l2spec(join(ROOT, 'examples'), 'check', 'citrea-bitvm.l2spec.yaml', '--fail-on', 'never');
    assert.match(t.stdout, /What it would take/);
    // By hand: Strong has no path (the N-of-N committee can always steal together).
    assert.match(t.stdout, /tier strong: no path within the format/);
    assert.doesNotMatch(t.stdout, /tier moderate:/, 'already Moderate');
  });
});
