import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { neutralise, neutraliseJson, neutraliseWorkflowCommands } from '../../server/src/cli/ciSafe.js';
import { capSarifResults, SARIF_MAX_RESULTS } from '../../server/src/cli/sarifLimits.js';
import { similarity } from '../../server/src/cli/diff.js';
import { workspace } from './workspace.js';

// Issue 22, items 2, 3, 4 and the SARIF part of 10: the CI gate as a pipeline runs it, through the
// built CLI, on real temporary git repositories with file names git would quote.
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l2spec.js');
const FIXTURE = readFileSync(join(__dirname, 'fixtures', 'federated.l2spec.yaml'), 'utf8');
/** The fixture with any one key able to move the funds: a new critical finding (L2S-CUST-001). */
const WEAK = FIXTURE.replace(/threshold: 5-of-7/g, 'threshold: 1-of-7');
/** Another, unrelated design (for added specs and for pairing). */
const OTHER = readFileSync(join(ROOT, 'examples', 'liquid.l2spec.yaml'), 'utf8');

const env = { ...process.env, NO_COLOR: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });
interface Run { code: number | null; stdout: string; stderr: string }
const l2spec = (cwd: string, ...args: string[]): Run => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60000, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A repository whose first commit holds `files`; returns its folder. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'l2spec-gate-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'core.quotePath', 'true'); // git's default: quote non-ASCII names unless -z
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

interface JsonFile { old: string | null; new: string | null; status: string; pairedBy?: string; similarity?: number; regressions: string[] }
const gate = (dir: string, ...extra: string[]) => {
  const r = l2spec(dir, 'diff', '--base', 'HEAD', '--format', 'json', '--fail-on-regression', ...extra);
  return { ...r, json: r.stdout ? JSON.parse(r.stdout) as { files: JsonFile[]; regressed: boolean; unreadable?: { path: string; error: string }[] } : undefined };
};

/** Lines a GitHub Actions runner would execute as workflow commands (see server/src/cli/ciSafe.ts). */
function commandLines(output: string): string[] {
  // `::` after leading whitespace (the runner trims the start; colour codes are counted as nothing too), `##[` anywhere.
  return output.split(/\r\n|\r|\n/).filter((line) => /^(?:[\s\u0085\u180e]|\x1b\[[0-9;:]*[A-Za-z])*::/.test(line) || line.includes('##['));
}

describe('CI gate (issue 22)', () => {
  describe('diff --base: paths from git -z, pairing by content, added / removed / renamed / symlinked specs', function () {
    if (process.platform === 'win32') return;

    it('a spec weakened in place under a non-ASCII folder is compared (not "added") and fails the gate', () => {
      const dir = repo({ 'désigns/pég ✓.l2spec.yaml': FIXTURE });
      writeFileSync(join(dir, 'désigns', 'pég ✓.l2spec.yaml'), WEAK);
      const r = gate(dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.json!.files.map((f) => [f.old, f.new, f.status]), [['désigns/pég ✓.l2spec.yaml', 'désigns/pég ✓.l2spec.yaml', 'modified']]);
      assert.ok(r.json!.files[0]!.regressions.some((x) => x.startsWith('new critical finding L2S-CUST-001')), r.json!.files[0]!.regressions.join('\n'));
    });

    it('a spec whose name holds a newline is compared with its old text', () => {
      const name = 'line\nbreak.l2spec.yaml';
      const dir = repo({ [name]: FIXTURE });
      writeFileSync(join(dir, name), WEAK);
      const r = gate(dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.json!.files.map((f) => [f.new, f.status]), [[name, 'modified']]);
    });

    it('a renamed, retitled and weakened spec is paired by content similarity and fails the gate', () => {
      const dir = repo({ 'specs/old name.l2spec.yaml': FIXTURE, 'specs/other.l2spec.yaml': OTHER });
      unlinkSync(join(dir, 'specs', 'old name.l2spec.yaml'));
      mkdirSync(join(dir, 'ünïcode'));
      writeFileSync(join(dir, 'ünïcode', 'renamed.l2spec.yaml'), WEAK.replace('name: Test Federation', 'name: A Different Title'));
      const r = gate(dir);
      assert.equal(r.code, 1, r.stderr);
      const renamed = r.json!.files.find((f) => f.status === 'renamed')!;
      assert.deepEqual([renamed.old, renamed.new, renamed.pairedBy], ['specs/old name.l2spec.yaml', 'ünïcode/renamed.l2spec.yaml', 'similar']);
      assert.ok(renamed.similarity! >= 0.5 && renamed.similarity! < 1);
      assert.ok(renamed.regressions.length > 0);
      assert.equal(r.json!.files.find((f) => f.new === 'specs/other.l2spec.yaml')!.status, 'unchanged');
      // The text and Markdown reports say how it was paired.
      assert.match(l2spec(dir, 'diff', '--base', 'HEAD').stdout, /specs\/old name\.l2spec\.yaml → ünïcode\/renamed\.l2spec\.yaml \(A Different Title\): renamed \(paired by similar content, \d+% of lines in common\)/);
    });

    it('a spec moved unchanged is paired as identical and passes; a removed spec is reported and passes', () => {
      const dir = repo({ 'a/x.l2spec.yaml': FIXTURE, 'a/gone.l2spec.yaml': OTHER });
      mkdirSync(join(dir, 'b'));
      renameSync(join(dir, 'a', 'x.l2spec.yaml'), join(dir, 'b', 'y.l2spec.yaml'));
      unlinkSync(join(dir, 'a', 'gone.l2spec.yaml'));
      const r = gate(dir);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.json!.files.map((f) => [f.old, f.new, f.status, f.pairedBy ?? null]).sort(), [
        ['a/gone.l2spec.yaml', null, 'removed', null],
        ['a/x.l2spec.yaml', 'b/y.l2spec.yaml', 'renamed', 'identical'],
      ]);
    });

    it('an added spec fails the gate when check would (findings at or above --fail-on), and passes when it would not', () => {
      const dir = repo({ 'base.l2spec.yaml': OTHER });
      writeFileSync(join(dir, 'nouveau é.l2spec.yaml'), WEAK.replace('name: Test Federation', 'name: New design'));
      const r = gate(dir);
      assert.equal(r.code, 1, r.stderr);
      const added = r.json!.files.find((f) => f.status === 'added')!;
      assert.ok(added.regressions.some((x) => /^new spec with critical finding L2S-CUST-001 at /.test(x)), added.regressions.join('\n'));
      assert.equal(gate(dir, '--fail-on', 'never').code, 0);
      // The same check as `check` itself: exit 1 there too.
      assert.equal(l2spec(dir, 'check', 'nouveau é.l2spec.yaml', '--fail-on', 'high').code, 1);
      assert.match(l2spec(dir, 'diff', '--base', 'HEAD').stdout, /regressions: new spec with critical finding L2S-CUST-001/);
    });

    it('a spec replaced by a symlink to a weaker file in the repository is compared through the link', () => {
      const dir = repo({ 'peg.l2spec.yaml': FIXTURE });
      writeFileSync(join(dir, 'weak-notes.txt'), WEAK);
      unlinkSync(join(dir, 'peg.l2spec.yaml'));
      symlinkSync('weak-notes.txt', join(dir, 'peg.l2spec.yaml'));
      const r = gate(dir);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.json!.files.map((f) => [f.new, f.status]), [['peg.l2spec.yaml', 'modified']]);
      // And a symlinked spec in the base is read through the link in the base tree.
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'link');
      writeFileSync(join(dir, 'weak-notes.txt'), FIXTURE);
      // (Raising the main threshold makes the 2-of-3 emergency path a new high finding: gate on critical.)
      const back = gate(dir, '--fail-on', 'critical');
      assert.equal(back.json!.files[0]!.status, 'modified');
      // 1-of-7 → 5-of-7 makes stealing harder but freezing easier: all 7 signers had to refuse a
      // peg-out, now 7 − 5 + 1 = 3 do. A smaller freeze coalition is a regression (who must collude).
      assert.equal(back.code, 1, back.stderr);
      const regressions = back.json!.files[0]!.regressions;
      assert.ok(regressions.some((r) => /^freeze: /.test(r)), regressions.join('; '));
      assert.ok(!regressions.some((r) => /^steal: /.test(r)), regressions.join('; '));
    });

    it('a folder of specs replaced by a symlink to a folder of weaker ones is compared through the link', () => {
      const dir = repo({ 'specs/a.l2spec.yaml': FIXTURE, 'drafts/a.l2spec.yaml': WEAK });
      rmSync(join(dir, 'specs'), { recursive: true });
      symlinkSync('drafts', join(dir, 'specs'));
      const r = gate(dir);
      assert.equal(r.code, 1, r.stderr);
      const specs = r.json!.files.find((f) => f.new === 'specs/a.l2spec.yaml')!;
      assert.deepEqual([specs.old, specs.status], ['specs/a.l2spec.yaml', 'modified']);
      assert.ok(specs.regressions.length > 0);
      assert.equal(r.json!.files.find((f) => f.new === 'drafts/a.l2spec.yaml')!.status, 'unchanged');
      // A linked folder outside the repository is reported; a link back up is no cycle.
      const outside = mkdtempSync(join(tmpdir(), 'l2spec-outside-'));
      symlinkSync(outside, join(dir, 'elsewhere'));
      symlinkSync('..', join(dir, 'drafts', 'up'));
      const out = gate(dir);
      assert.equal(out.code, 2, out.stderr);
      assert.match(out.stderr, /cannot read "elsewhere": a symbolic link to a folder outside the folder searched/);
      rmSync(outside, { recursive: true, force: true });
    });

    it('a spec replaced by a symlink out of the repository, or a dangling one, is not compared: the run fails with exit 2', () => {
      const outside = mkdtempSync(join(tmpdir(), 'l2spec-outside-'));
      writeFileSync(join(outside, 'secret.yaml'), 'TOKEN=abc\n');
      const dir = repo({ 'peg.l2spec.yaml': FIXTURE, 'dangling.l2spec.yaml': FIXTURE });
      unlinkSync(join(dir, 'peg.l2spec.yaml'));
      symlinkSync(join(outside, 'secret.yaml'), join(dir, 'peg.l2spec.yaml'));
      unlinkSync(join(dir, 'dangling.l2spec.yaml'));
      symlinkSync('nowhere.yaml', join(dir, 'dangling.l2spec.yaml'));
      const r = gate(dir);
      assert.equal(r.code, 2, r.stderr);
      assert.deepEqual(r.json!.unreadable!.map((u) => u.path).sort(), ['dangling.l2spec.yaml', 'peg.l2spec.yaml']);
      assert.match(r.stderr, /peg\.l2spec\.yaml": a symbolic link to a file outside the folder searched/);
      assert.match(r.stderr, /2 specs could not be compared; failing the run \(exit 2\)/);
      assert.doesNotMatch(r.stdout + r.stderr, /TOKEN/);
      rmSync(outside, { recursive: true, force: true });
    });
  });

  describe('thresholds written as shares of stake (item 1), through the CLI', function () {
    if (process.platform === 'win32') return;
    const stake = (threshold: string) => `l2spec: 2
system:
  name: Stake-guarded peg
  family: pos-sidechain
components:
  - id: val
    kind: validators
    operators: 20
    external: 20
    publiclyKnown: all
pegs:
  - id: main
    custody: threshold-signature
    signers: val
    threshold: ${threshold}
`;

    it('a pull request lowering 67% of stake to 1% of stake fails check and diff --fail-on-regression', () => {
      const dir = repo({ 'pos.l2spec.yaml': stake('67% of stake') });
      writeFileSync(join(dir, 'pos.l2spec.yaml'), stake('1% of stake'));
      const check = l2spec(dir, 'check', 'pos.l2spec.yaml', '--no-plan');
      assert.equal(check.code, 1, check.stdout);
      assert.match(check.stdout, /critical L2S-CUST-001 Peg "main" is released by 1% of stake among 20 members/);
      const r = gate(dir);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.json!.files[0]!.regressions.includes('weaker threshold at pegs[main].threshold: 67% of stake → 1% of stake'), r.json!.files[0]!.regressions.join('\n'));
      assert.match(l2spec(dir, 'diff', '--base', 'HEAD').stdout, /threshold pegs\[main\]\.threshold: 67% of stake → 1% of stake ▼/);
    });

    it('80% → 70% of stake moves no rating or finding and still fails the gate, even with --fail-on never', () => {
      const dir = repo({ 'pos.l2spec.yaml': stake('80% of stake') });
      writeFileSync(join(dir, 'pos.l2spec.yaml'), stake('70% of stake'));
      const r = gate(dir, '--fail-on', 'never');
      assert.equal(r.code, 1, r.stderr);
      // ⌈0.8 × 20⌉ = 16 validators could steal before, ⌈0.7 × 20⌉ = 14 now (who must collude).
      assert.deepEqual(r.json!.files[0]!.regressions, ['steal: 16 → 14 entities', 'weaker threshold at pegs[main].threshold: 80% of stake → 70% of stake']);
      // Written another way at the same strength: a change, not a regression.
      writeFileSync(join(dir, 'pos.l2spec.yaml'), stake('16-of-20'));
      const same = gate(dir, '--fail-on', 'never');
      assert.equal(same.code, 0, JSON.stringify(same.json));
    });
  });

  describe('check: every spec found is checked or reported', function () {
    if (process.platform === 'win32') return;

    it('a spec whose file name holds a newline is checked (exit 1 on its critical finding), its name shown escaped', () => {
      const dir = workspace({ 'ok.l2spec.yaml': OTHER, 'bad\nname.l2spec.yaml': WEAK });
      const r = l2spec(dir, 'check', '.', '--format', 'json', '--no-plan');
      assert.equal(r.code, 1, r.stderr);
      const files = JSON.parse(r.stdout).files as { path: string; findings: { ruleId: string }[] }[];
      assert.ok(files.some((f) => f.path === 'bad\nname.l2spec.yaml' && f.findings.some((x) => x.ruleId === 'L2S-CUST-001')));
      assert.match(l2spec(dir, 'check', '.', '--no-plan').stdout, /^bad\\nname\.l2spec\.yaml:\d+:\d+ critical L2S-CUST-001/m);
    });

    it('an unreadable spec (not UTF-8, dangling link, FIFO) is reported, the others are still checked, and the run exits 2', () => {
      const dir = workspace({ 'ok.l2spec.yaml': OTHER });
      writeFileSync(join(dir, 'latin1.l2spec.yaml'), Buffer.from([0x6c, 0x32, 0x73, 0x70, 0x65, 0x63, 0x3a, 0x20, 0xe9, 0x0a]));
      symlinkSync('missing.yaml', join(dir, 'dangling.l2spec.yaml'));
      spawnSync('mkfifo', [join(dir, 'pipe.l2spec.yaml')]);
      const r = l2spec(dir, 'check', '.', '--format', 'json', '--fail-on', 'never', '--no-plan');
      assert.equal(r.code, 2, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['ok.l2spec.yaml']);
      const paths = out.unreadable.map((u: { path: string }) => u.path).sort();
      assert.ok(paths.includes('dangling.l2spec.yaml') && paths.includes('latin1.l2spec.yaml'), paths.join(', '));
      assert.match(r.stderr, /cannot read "latin1\.l2spec\.yaml": not UTF-8 text/);
      assert.match(r.stderr, /could not be checked; failing the run \(exit 2\)/);
      // SARIF says the run was incomplete; github annotates it; Markdown lists it.
      const sarif = JSON.parse(l2spec(dir, 'check', '.', '--format', 'sarif', '--fail-on', 'never').stdout);
      assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
      assert.ok(sarif.runs[0].invocations[0].toolExecutionNotifications.some((n: { level: string; message: { text: string } }) => n.level === 'error' && /not UTF-8/.test(n.message.text)));
      assert.match(l2spec(dir, 'check', '.', '--format', 'github', '--fail-on', 'never').stdout, /^::error file=latin1\.l2spec\.yaml::l2spec: cannot read/m);
      assert.match(l2spec(dir, 'check', '.', '--format', 'markdown', '--fail-on', 'never').stdout, /### Not checked/);
    });

    it('a symlinked spec inside the folder is checked through the link; one leading out of it is refused', () => {
      const outside = mkdtempSync(join(tmpdir(), 'l2spec-outside-'));
      writeFileSync(join(outside, 'env.yaml'), 'SECRET: hunter2\n');
      const dir = workspace({ 'real.yaml': WEAK });
      symlinkSync('real.yaml', join(dir, 'linked.l2spec.yaml'));
      const inside = l2spec(dir, 'check', '.', '--format', 'json', '--no-plan');
      assert.equal(inside.code, 1, inside.stderr);
      assert.deepEqual(JSON.parse(inside.stdout).files.map((f: { path: string }) => f.path), ['linked.l2spec.yaml']);
      symlinkSync(join(outside, 'env.yaml'), join(dir, 'out.l2spec.yaml'));
      const r = l2spec(dir, 'check', '.', '--no-plan');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /cannot read "out\.l2spec\.yaml": a symbolic link to a file outside the folder searched/);
      assert.doesNotMatch(r.stdout + r.stderr, /hunter2/);
      rmSync(outside, { recursive: true, force: true });
    });
  });

  describe('workflow commands in spec text are never executed by the runner', () => {
    it('neutraliseWorkflowCommands breaks `::` at a line start (after whitespace, colour or a line break) and `##[` anywhere', () => {
      const cases: [string, string][] = [
        ['::error file=a::pwned', ':\\:error file=a::pwned'],
        ['  \t::add-mask::x', '  \t:\\:add-mask::x'],
        ['\u00a0\u2003::stop-commands::tok', '\u00a0\u2003:\\:stop-commands::tok'],
        ['\x1b[1m::warning::x', '\x1b[1m:\\:warning::x'],
        ['ok\r::set-output name=a::b', 'ok\r:\\:set-output name=a::b'],
        ['a\r\n::group::b\n::endgroup::', 'a\r\n:\\:group::b\n:\\:endgroup::'],
        ['name ##[add-mask]secret and ##[set-output name=x;]y', 'name #\\#[add-mask]secret and #\\#[set-output name=x;]y'],
        ['###[stop-commands]', '##\\#[stop-commands]'],
        ['a :: b', 'a :: b'],
        ['file.yaml:1:2 ::x', 'file.yaml:1:2 ::x'],
      ];
      for (const [input, expected] of cases) {
        const out = neutraliseWorkflowCommands(input);
        assert.equal(out, expected, JSON.stringify(input));
        assert.equal(neutraliseWorkflowCommands(out), out, 'idempotent');
        assert.deepEqual(commandLines(out), [], JSON.stringify(out));
      }
    });

    it('property: no line of any text through neutraliseWorkflowCommands is a workflow command, and JSON keeps its value', () => {
      const piece = fc.oneof(fc.constantFrom('::', '##[', '#', '[', ':', ' ', '\t', '\u00a0', '\r', '\n', '\r\n', '\x1b[31m', 'error', 'add-mask', ']', 'x'), fc.string({ maxLength: 4 }));
      fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const out = neutraliseWorkflowCommands(text);
        assert.deepEqual(commandLines(out), [], JSON.stringify(text));
        assert.equal(neutraliseWorkflowCommands(out), out);
        assert.equal(JSON.parse(neutraliseJson(JSON.stringify({ text }, null, 2))).text, text);
        assert.deepEqual(commandLines(neutraliseJson(JSON.stringify({ text }, null, 2))), []);
      }), { numRuns: 500 });
    });

    it('JSON keeps every value (##[ is written ##\\u005b) and github output keeps its own commands', () => {
      const value = { name: '##[add-mask]x', lines: ['::error::y', 'a ##[set-output]b'] };
      const json = neutraliseJson(JSON.stringify(value, null, 2));
      assert.deepEqual(JSON.parse(json), value);
      assert.deepEqual(commandLines(json), []);
      assert.equal(neutralise('::error file=a::m ##[add-mask]x', 'github'), '::error file=a::m #\\#[add-mask]x');
      assert.equal(neutralise('::error::x', 'raw'), '::error::x');
    });

    const HOSTILE_NAME = '::error file=ci.yml::pwned ##[add-mask]hidden';
    const hostile = (name: string) => FIXTURE.replace('name: Test Federation', `name: "${name}"`)
      .replace('    name: Functionaries', '    name: "##[set-output name=x;]y"');

    it('check: text, markdown, json, sarif and github output, and file names on stderr', () => {
      const dir = workspace({ '::warning::a.l2spec.yaml': hostile(HOSTILE_NAME), 'b ##[stop-commands]x.l2spec.yaml': hostile(`\r${HOSTILE_NAME}`) });
      for (const format of ['text', 'markdown']) {
        const r = l2spec(dir, 'check', '.', '--format', format, '--fail-on', 'never');
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /pwned/, `${format}: the text is still shown`);
        assert.deepEqual(commandLines(r.stdout), [], `${format}:\n${r.stdout}`);
        assert.deepEqual(commandLines(r.stderr), [], `${format} stderr`);
      }
      for (const format of ['json', 'sarif']) {
        const r = l2spec(dir, 'check', '.', '--format', format, '--fail-on', 'never');
        assert.deepEqual(commandLines(r.stdout), [], format);
        assert.ok(JSON.stringify(JSON.parse(r.stdout)).includes('##[add-mask]hidden'), `${format} keeps the value`);
      }
      const gh = l2spec(dir, 'check', '.', '--format', 'github', '--fail-on', 'never');
      assert.ok(gh.stdout.split('\n').filter(Boolean).every((line) => /^::(error|warning|notice) file=/.test(line)), gh.stdout);
      assert.doesNotMatch(gh.stdout, /##\[/);
      // A file name as an argument, in the error on stderr.
      const missing = l2spec(dir, 'check', '##[add-mask]missing.l2spec.yaml');
      assert.equal(missing.code, 2);
      assert.deepEqual(commandLines(missing.stderr), [], missing.stderr);
      // A config problem quoting spec-controlled text.
      const conf = workspace({ 'a.l2spec.yaml': FIXTURE, '.l2spec.yaml': 'rules:\n  "##[add-mask]L2S-X": off\n' });
      const warned = l2spec(conf, 'check', '.', '--fail-on', 'never');
      assert.match(warned.stderr, /unknown rule/);
      assert.deepEqual(commandLines(warned.stderr), [], warned.stderr);
    });

    it('diff: text and markdown, with hostile names and revisions', () => {
      const dir = repo({ 'x.l2spec.yaml': hostile(HOSTILE_NAME) });
      writeFileSync(join(dir, 'x.l2spec.yaml'), hostile(`::notice::${HOSTILE_NAME}`).replace(/threshold: 5-of-7/g, 'threshold: 1-of-7'));
      writeFileSync(join(dir, '::error::new.l2spec.yaml'), hostile('##[add-mask]z'));
      for (const format of ['text', 'markdown']) {
        const r = l2spec(dir, 'diff', '--base', 'HEAD', '--format', format);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /pwned/);
        assert.deepEqual(commandLines(r.stdout), [], `${format}:\n${r.stdout}`);
      }
      const two = l2spec(dir, 'diff', 'x.l2spec.yaml', '::error::new.l2spec.yaml');
      assert.deepEqual(commandLines(two.stdout), [], two.stdout);
      const badRev = l2spec(dir, 'diff', '--base', '##[add-mask]rev');
      assert.equal(badRev.code, 2);
      assert.deepEqual(commandLines(badRev.stderr), [], badRev.stderr);
    });

    it('explain: the topic echoed in an error, and the help text', () => {
      const dir = workspace({});
      const r = l2spec(dir, 'explain', '::error::x ##[add-mask]y');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /no rule, key, value or glossary term matches/);
      assert.deepEqual(commandLines(r.stderr), [], r.stderr);
      const unknown = l2spec(dir, 'check', '--##[add-mask]x');
      assert.equal(unknown.code, 2);
      assert.deepEqual(commandLines(unknown.stderr), [], unknown.stderr);
      assert.deepEqual(commandLines(l2spec(dir, 'explain', 'L2S-CUST-001').stdout), []);
    });
  });

  describe('SARIF stays within what GitHub accepts', () => {
    it('capSarifResults keeps the most severe results (active before suppressed), in written order, and says so', () => {
      const sev = ['info', 'critical', 'low', 'high', 'critical', 'medium', 'high', 'info'] as const;
      const log = { version: '2.1.0' as const, runs: [{ tool: { driver: { name: 'l2spec' } }, results: sev.map((s, i) => ({ ruleId: `R${i}`, message: { text: s }, properties: { severity: s }, ...(i === 4 ? { suppressions: [{ kind: 'inSource' as const }] } : {}) })) }] };
      const { log: capped, dropped } = capSarifResults(log, 4);
      assert.equal(dropped, 4);
      assert.deepEqual(capped.runs[0]!.results!.map((r) => r.ruleId), ['R1', 'R3', 'R5', 'R6']);
      assert.deepEqual([capped.runs[0]!.properties!.resultsOmitted, capped.runs[0]!.properties!.resultsTotal], [4, 8]);
      assert.match(capped.runs[0]!.invocations![0]!.toolExecutionNotifications![0]!.message.text!, /8 SARIF results.*4 left out/);
      assert.equal(capSarifResults(log, 100).dropped, 0);
    });

    it('check --format sarif with more than 25,000 findings writes 25,000 and warns, while the exit code counts them all', function () {
      const files: Record<string, string> = {};
      for (let f = 0; f < 60; f++) files[`s${f}.l2spec.yaml`] = `l2spec: 1\nsystem:\n  name: s${f}\n${Array.from({ length: 500 }, (_, i) => `unknownKey${i}: 1\n`).join('')}`;
      const dir = workspace(files);
      const json = JSON.parse(l2spec(dir, 'check', '.', '--format', 'json', '--fail-on', 'never', '--no-plan').stdout);
      const total = json.files.reduce((n: number, f: { findings: unknown[] }) => n + f.findings.length, 0);
      assert.ok(total > SARIF_MAX_RESULTS, `fixture makes ${total} findings`);
      const r = l2spec(dir, 'check', '.', '--format', 'sarif', '--fail-on', 'low');
      assert.equal(r.code, 1);
      const run = JSON.parse(r.stdout).runs[0];
      assert.equal(run.results.length, SARIF_MAX_RESULTS);
      assert.equal(run.properties.resultsOmitted, total - SARIF_MAX_RESULTS);
      assert.match(r.stderr, new RegExp(`warning: ${total} SARIF results, more than the 25000`));
    });
  });

  it('similarity: the share of lines two texts have in common', () => {
    assert.equal(similarity('a\nb\nc\n', 'a\nb\nc\n'), 1);
    assert.equal(similarity('a\nb\n', 'c\nd\n'), 0);
    assert.equal(similarity('a\nb\nc\nd\n', '  a\nb\nc\nx\n'), 0.75);
  });
});
