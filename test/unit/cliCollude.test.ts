import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { workspace } from './workspace.js';
import { elide, MAX_HOW } from '../../server/src/cli/collude.js';

// "Who must collude" in the CLI (issue 17 item 3): check's JSON (the shape), text,
// Markdown and SARIF, and `l2spec diff` with a shrinking federation. Driven through the built CLI.
// Every expected coalition is derived by hand from the design below (trust-frameworks.md §4, §6):
// - steal: 11 of the 15 functionaries (all external: 11 entities), or, after the 4032-block
//   timelock while the coins stay unmoved, 2 of the 3 emergency keys, all run by the builder (1);
// - freeze: 15 − 11 + 1 = 5 functionaries refuse, with 3 − 2 + 1 = 2 emergency key holders to block
//   the emergency path (5 + the builder = 6 entities).
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l2spec.js');

const FEDERATION = (m: number, n: number) => `l2spec: 2
system: { name: Shrinking Federation, family: sidechain }
l1: { host: bitcoin }
components:
  - { id: functionaries, kind: federation, operators: ${n}, threshold: ${m}-of-${n}, publiclyKnown: all, external: ${n} }
  - { id: emergency-keys, kind: signer-set, operators: 3, threshold: 2-of-3, publiclyKnown: all, operatedBy: builder }
pegs:
  - id: lbtc
    custody: federation-multisig
    signers: functionaries
    threshold: ${m}-of-${n}
    upgrade: { authority: none }
    emergencyRecovery: { signers: emergency-keys, threshold: 2-of-3, timelock: 4032 blocks }
exits: { unilateral: false, mechanism: federation-peg-out }
`;
// Without the emergency path the smallest steal coalition is the federation's threshold itself.
const PLAIN = (m: number, n: number) => FEDERATION(m, n).replace(/ {4}emergencyRecovery: .*\n/, '    emergencyRecovery: none\n');

function l2spec(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Json = { entities: number; members: { set: string; count: number; of?: number }[]; after?: string; condition?: string };
const membersOf = (c: Json) => Object.fromEntries(c.members.map((m) => [m.set, m.count]));

describe('CLI: who must collude', () => {
  it('elides the middle of a long "how" (a backedBy chain names every peg), keeping its start and end', () => {
    const how = `sign with 3 of the 5 keys (peg "p0")${Array.from({ length: 200 }, (_, i) => ` (the BTC behind peg "p${i + 1}")`).join('')}`;
    const short = elide(how);
    assert.ok(short.length <= MAX_HOW, `${short.length}`);
    assert.ok(short.startsWith('sign with 3 of the 5 keys (peg "p0")'));
    assert.ok(short.endsWith('(the BTC behind peg "p200")'));
    assert.match(short, / … /);
    assert.equal(elide('short'), 'short');
  });

  const dir = workspace({ 'fed.l2spec.yaml': FEDERATION(11, 15), 'old.l2spec.yaml': PLAIN(11, 15), 'new.l2spec.yaml': PLAIN(3, 5) });

  it('check --format json: coalitions per file and per peg in the issue\'s shape', () => {
    const r = l2spec(['check', 'fed.l2spec.yaml', '--format', 'json', '--fail-on', 'never', '--no-plan'], dir);
    assert.equal(r.code, 0, r.stderr);
    const [file] = JSON.parse(r.stdout).files;
    assert.deepEqual(Object.keys(file.coalitions), ['steal', 'freeze', 'censor', 'halt']);
    const steal = file.coalitions.steal;
    assert.equal(steal.minEntities, 1);
    const emergency = steal.coalitions.find((c: Json) => 'emergency-keys' in membersOf(c));
    assert.deepEqual(membersOf(emergency), { 'emergency-keys': 2 });
    assert.equal(emergency.entities, 1);
    assert.equal(emergency.after, '4032 blocks');
    assert.match(emergency.condition, /coins stay unmoved/);
    const federation = steal.coalitions.find((c: Json) => 'functionaries' in membersOf(c));
    assert.deepEqual(federation.members, [{ set: 'functionaries', count: 11, of: 15 }]);
    assert.equal(federation.entities, 11);
    assert.equal(file.coalitions.freeze.minEntities, 6);
    assert.deepEqual(membersOf(file.coalitions.freeze.coalitions[0]), { functionaries: 5, 'emergency-keys': 2 });
    for (const f of Object.values(file.coalitions) as { minEntities: unknown; coalitions: unknown[]; userConditions: unknown[] }[]) {
      assert.ok(f.minEntities === null || typeof f.minEntities === 'number');
      assert.ok(Array.isArray(f.coalitions) && Array.isArray(f.userConditions));
    }
    // The peg carries the same answer (it is the enshrined peg).
    assert.deepEqual(file.pegs[0].coalitions, file.coalitions);
    assert.equal(file.bitcoinLink.value, 'none');
  });

  it('check text: a short section with the smallest coalition per failure and its conditions', () => {
    const r = l2spec(['check', 'fed.l2spec.yaml', '--no-plan', '--fail-on', 'never'], dir);
    const section = r.stdout.slice(r.stdout.indexOf('Who must collude'));
    assert.match(section, /steal the BTC: 1 organisation\n\s+2 of 3 of "emergency-keys" — .*\(after 4032 blocks, if the coins stay unmoved/);
    assert.match(section, /freeze withdrawals: 6 independent organisations\n\s+5 of 15 of "functionaries" \+ 2 of 3 of "emergency-keys"/);
  });

  it('check Markdown: a table per file, spec text escaped', () => {
    const hostile = FEDERATION(11, 15).replace(/functionaries/g, 'fn_<b>x</b>');
    const d = workspace({ 'h.l2spec.yaml': hostile });
    const r = l2spec(['check', 'h.l2spec.yaml', '--no-plan', '--format', 'markdown', '--fail-on', 'never'], d);
    assert.match(r.stdout, /#### Who must collude/);
    assert.match(r.stdout, /\| Steal \| 1 \| 2 of 3 of "emergency\\-keys"/);
    assert.match(r.stdout, /\| Freeze \| 6 \| 5 of 15 of "fn\\_&lt;b&gt;x&lt;/);
    assert.doesNotMatch(r.stdout, /<b>/);
  });

  it('check SARIF: the run properties carry the smallest coalition per failure, per file', () => {
    const r = l2spec(['check', 'fed.l2spec.yaml', '--no-plan', '--format', 'sarif', '--fail-on', 'never'], dir);
    const [a] = JSON.parse(r.stdout).runs[0].properties.assessments;
    assert.equal(a.coalitions.steal.minEntities, 1);
    assert.equal(a.coalitions.freeze.minEntities, 6);
    assert.match(a.coalitions.steal.smallest, /emergency-keys/);
    assert.deepEqual(a.pegCoalitions, [{ id: 'lbtc', canonical: true, steal: 1, freeze: 6 }]);
  });

  it('diff: a federation shrinking from 11-of-15 to 3-of-5 shows "steal: 11 → 3 entities" and fails --fail-on-regression', () => {
    const json = l2spec(['diff', 'old.l2spec.yaml', 'new.l2spec.yaml', '--format', 'json', '--fail-on-regression', '--fail-on', 'never'], dir);
    assert.equal(json.code, 1, json.stdout + json.stderr);
    const [f] = JSON.parse(json.stdout).files;
    assert.ok(f.regressions.includes('steal: 11 → 3 entities'), f.regressions.join('; '));
    const text = l2spec(['diff', 'old.l2spec.yaml', 'new.l2spec.yaml'], dir);
    assert.equal(text.code, 0, 'without --fail-on-regression a regression does not fail');
    assert.match(text.stdout, /^ {2}coalitions {2}steal: 11 → 3 entities ▼$/m);
    // 15 − 11 + 1 = 5 could freeze before; 5 − 3 + 1 = 3 now.
    assert.match(text.stdout, /freeze: 5 → 3 entities ▼/);
    const md = l2spec(['diff', 'old.l2spec.yaml', 'new.l2spec.yaml', '--format', 'markdown'], dir);
    assert.match(md.stdout, /\*\*Who must collude\*\*/);
    assert.match(md.stdout, /^- steal: 11 → 3 entities ▼ \*\*regression\*\*$/m);
    // The reverse change is an improvement, not a regression.
    const back = l2spec(['diff', 'new.l2spec.yaml', 'old.l2spec.yaml', '--fail-on-regression', '--fail-on', 'never'], dir);
    assert.equal(back.code, 0, back.stdout);
    assert.match(back.stdout, /steal: 3 → 11 entities ▲/);
  });
});
