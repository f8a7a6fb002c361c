import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspace } from './workspace.js';
import Ajv04 from 'ajv-draft-04';

// Drives the built CLI (dist/cli.js through bin/l2spec.js) exactly as CI users run it.
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l2spec.js');
const FIXTURE = join(__dirname, 'fixtures', 'federated.l2spec.yaml');

function l2spec(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}


const base = readFileSync(FIXTURE, 'utf8');
const broken = base.replace('    hsm: true', '    hsmm: true').replace('    signers: fed\n', '    signers: feed\n');

describe('CLI', () => {
  it('check --format json prints the public contract', () => {
    const dir = workspace({ 'specs/a.l2spec.yaml': broken, 'specs/nested/b.l2spec.yml': base, 'specs/ignored.yaml': 'x: 1' });
    const r = l2spec(['check', 'specs', '--format', 'json', '--fail-on', 'never'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(typeof out.version, 'string');
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['specs/a.l2spec.yaml', 'specs/nested/b.l2spec.yml']);
    const [a] = out.files;
    assert.equal(a.system, 'Test Federation');
    assert.ok(['strong', 'moderate', 'weak'].includes(a.tier));
    assert.ok(Array.isArray(a.tierReasons) && a.tierReasons.every((t: unknown) => typeof t === 'string'));
    assert.ok(['stage-0', 'stage-1', 'stage-2', 'not-applicable'].includes(a.stage));
    assert.deepEqual(Object.keys(a.ratings).sort(), ['custody', 'dataAvailability', 'exitWindow', 'finality', 'operators', 'proposerFailure', 'sequencerFailure', 'stateValidation']);
    // Added in 0.2 (the contract only grows): per-peg custody and the facts that keep a rating unverified.
    assert.ok(Array.isArray(a.pegs) && a.pegs.length >= 1);
    for (const p of a.pegs) {
      assert.deepEqual(Object.keys(p).sort(), ['asset', 'canonical', 'coalitions', 'custody', 'id', 'path', 'reasons']);
      assertCoalitions(p.coalitions);
    }
    // Added with the trust model: who must collude, per file (and per peg above), in the shape.
    assertCoalitions(a.coalitions);
    assert.ok(['script', 'anchored', 'none'].includes(a.bitcoinLink.value) && typeof a.bitcoinLink.why === 'string');
    assert.equal(a.pegs.filter((p: { canonical: boolean }) => p.canonical).length, 1);
    assert.ok(Array.isArray(a.unverified));
    for (const u of a.unverified) assert.deepEqual(Object.keys(u).sort(), ['axis', 'fact', 'path', 'unreadable']);
    const unknown = a.findings.find((f: { ruleId: string }) => f.ruleId === 'L2S-FMT-003');
    assert.equal(unknown.severity, 'medium');
    assert.equal(unknown.suppressed, false);
    // "    hsmm: true" is line 19 (1-based) of the fixture: 0-based line 18, characters 4–8.
    assert.deepEqual(unknown.range, { start: { line: 18, character: 4 }, end: { line: 18, character: 8 } });
    // Added later (the contract only grows): `undeclared: true` on a finding whose only cause is a missing fact (capped at medium), absent otherwise.
    for (const f of a.findings) {
      assert.ok(f.undeclared === undefined || f.undeclared === true);
      if (f.undeclared) assert.ok(['medium', 'low', 'info'].includes(f.severity), `${f.ruleId} is undeclared-only but ${f.severity}`);
    }
    assert.ok(!('undeclared' in unknown), 'a misspelled key is unreadable, not undeclared');
  });

  it('check --format json marks a finding that only asks for a missing fact undeclared: true', () => {
    const dir = workspace({ 'a.l2spec.yaml': 'l2spec: 1\nsystem: { name: Bare, family: rollup }\n' });
    const out = JSON.parse(l2spec(['check', 'a.l2spec.yaml', '--format', 'json', '--fail-on', 'never'], dir).stdout);
    const da = out.files[0].findings.find((f: { ruleId: string }) => f.ruleId === 'L2S-DA-001');
    assert.ok(da, 'L2S-DA-001 asks for dataAvailability.location');
    assert.equal(da.undeclared, true);
    assert.equal(da.severity, 'medium');
  });

  it('exit codes: 1 at or above --fail-on, 0 below it, 2 for usage errors and unreadable input', () => {
    const dir = workspace({ 'a.l2spec.yaml': broken });
    assert.equal(l2spec(['check', 'a.l2spec.yaml', '--fail-on', 'high'], dir).code, 1, 'dangling reference is high');
    assert.equal(l2spec(['check', 'a.l2spec.yaml', '--fail-on', 'critical', '--config', writeConfig(dir, 'rules:\n  L2S-FMT-005: medium\n')], dir).code, 0);
    assert.equal(l2spec(['check', 'missing.l2spec.yaml'], dir).code, 2);
    assert.equal(l2spec(['check', 'a.l2spec.yaml', '--format', 'xml'], dir).code, 2);
    assert.equal(l2spec(['check', 'a.l2spec.yaml', '--bogus'], dir).code, 2);
    assert.equal(l2spec(['frobnicate'], dir).code, 2);
    assert.equal(l2spec(['check', 'a.l2spec.yaml', '--config', 'nope.yaml'], dir).code, 2);
  });

  it('reads the nearest .l2spec.yaml for severities', () => {
    const dir = workspace({ 'a.l2spec.yaml': broken, '.l2spec.yaml': 'rules:\n  L2S-FMT-003: off\n  L2S-FMT-005: low\n' });
    const out = JSON.parse(l2spec(['check', '.', '--format', 'json', '--fail-on', 'never'], dir).stdout);
    const ids = out.files[0].findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`);
    assert.ok(!ids.some((id: string) => id.startsWith('L2S-FMT-003')));
    assert.ok(ids.includes('L2S-FMT-005:low'));
  });

  it('text output reads file:line:col severity ID message, then the tier and ratings', () => {
    const dir = workspace({ 'a.l2spec.yaml': broken });
    const r = l2spec(['check', 'a.l2spec.yaml'], dir);
    assert.match(r.stdout, /^a\.l2spec\.yaml:19:5 medium L2S-FMT-003 Unknown key "hsmm"/m);
    assert.match(r.stdout, /tier: (STRONG|MODERATE|WEAK)/);
    assert.match(r.stdout, /Bitcoin Layers {2}custody \S+ · data availability \S+ · operators \S+ · finality \S+/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colour codes when not a TTY');
  });

  it('text, GitHub and Markdown list each file\'s findings in line order, as ESLint does (issue 20)', () => {
    const typo = readFileSync(join(ROOT, 'test', 'fixtures', 'fidelity', '08-typo-consequences.l2spec.yaml'), 'utf8');
    const dir = workspace({ 'b.l2spec.yaml': typo, 'a.l2spec.yaml': broken });
    const sorted = (pairs: [string, number][]) => [...pairs].sort((x, y) => x[0].localeCompare(y[0]) || x[1] - y[1]);
    const text = l2spec(['check', 'a.l2spec.yaml', 'b.l2spec.yaml', '--quiet', '--fail-on', 'low'], dir).stdout;
    const fromText = [...text.matchAll(/^([ab])\.l2spec\.yaml:(\d+):\d+ /gm)].map((m): [string, number] => [m[1]!, Number(m[2])]);
    assert.ok(fromText.length > 10);
    assert.deepEqual(fromText, sorted(fromText));
    // Files in the order given, then lines: a format finding is not hoisted above the rest.
    const github = l2spec(['check', 'a.l2spec.yaml', 'b.l2spec.yaml', '--format', 'github', '--quiet', '--fail-on', 'low'], dir).stdout;
    const fromGithub = [...github.matchAll(/^::\w+ file=([ab])\.l2spec\.yaml,line=(\d+),/gm)].map((m): [string, number] => [m[1]!, Number(m[2])]);
    assert.deepEqual(fromGithub, fromText);
    const markdown = l2spec(['check', 'a.l2spec.yaml', 'b.l2spec.yaml', '--format', 'markdown', '--fail-on', 'never'], dir).stdout;
    for (const section of markdown.split(/^### /m).slice(1)) {
      const lines = [...section.matchAll(/^\| \S+ \w+ \| \[L2S-[A-Z]+-\d{3}\]\([^)]*\) \| (\d+) \|/gm)].map((m) => Number(m[1]));
      assert.ok(lines.length > 0, section);
      assert.deepEqual(lines, [...lines].sort((x, y) => x - y));
    }
  });

  it('SARIF 2.1.0 validates against the official schema and keeps suppressed results with their justification', () => {
    const suppressed = broken.replace('    hsmm: true', '    # l2spec-disable-next-line L2S-FMT-003 -- vendor key\n    hsmm: true');
    const dir = workspace({ 'a.l2spec.yaml': suppressed });
    const r = l2spec(['check', 'a.l2spec.yaml', '--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as { runs: any[] };
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const validate = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
    const run = log.runs[0];
    const rules = run.tool.driver.rules;
    assert.ok(rules.length >= 9);
    for (const rule of rules) {
      assert.ok(rule.help.text && rule.help.markdown, `${rule.id} has help`);
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
    }
    const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'L2S-FMT-003');
    assert.deepEqual(result.suppressions, [{ kind: 'inSource', justification: 'vendor key' }]);
    assert.equal(result.locations[0].physicalLocation.region.startLine, 20);
    assert.equal(result.locations[0].physicalLocation.region.startColumn, 5);
    assert.equal(rules[result.ruleIndex].id, 'L2S-FMT-003');
    const dangling = run.results.find((x: { ruleId: string }) => x.ruleId === 'L2S-FMT-005');
    assert.equal(dangling.level, 'error');
    assert.equal(dangling.suppressions, undefined);
  });

  it('explain shows a rule or a glossary term, rules lists the catalogue', () => {
    const e = l2spec(['explain', 'L2S-FMT-005']);
    assert.equal(e.code, 0);
    assert.match(e.stdout, /^L2S-FMT-005: REFERENCE TO AN UNKNOWN COMPONENT\n═+\n/);
    assert.match(e.stdout, /^Risk\n─+$/m);
    assert.doesNotMatch(e.stdout, /^#|\*\*|```/m, 'terminal text, not raw Markdown');
    const md = l2spec(['explain', 'L2S-FMT-005', '--format', 'markdown']);
    assert.match(md.stdout, /^# L2S-FMT-005: Reference to an unknown component/);
    assert.match(md.stdout, /^## Risk/m);
    assert.equal(l2spec(['explain', 'no-such-thing-at-all']).code, 2);
    const term = l2spec(['explain', 'exit', 'window']);
    assert.equal(term.code, 0);
    assert.match(term.stdout, /^Exit window\n/);
    assert.match(term.stdout, /upgrade delay minus the worst-case time to exit/);
    const list = l2spec(['rules']);
    assert.match(list.stdout, /^L2S-FMT-001 +high/m);
    const json = JSON.parse(l2spec(['rules', '--format', 'json']).stdout);
    assert.ok(json.length >= 9 && json.every((m: { id: string }) => /^L2S-[A-Z]+-\d{3}$/.test(m.id)));
  });
});

/** `{ steal|freeze|censor|halt: { minEntities, coalitions: [{ entities, members: [{ set, count }], after?, condition? }], userConditions } }`. */
function assertCoalitions(c: Record<string, any>): void {
  assert.deepEqual(Object.keys(c), ['steal', 'freeze', 'censor', 'halt']);
  for (const f of Object.values(c)) {
    assert.ok(f.minEntities === null || Number.isInteger(f.minEntities));
    assert.ok(Array.isArray(f.userConditions) && f.userConditions.every((u: unknown) => typeof u === 'string'));
    assert.equal(f.minEntities, f.coalitions.length ? f.coalitions[0].entities : null, 'minEntities is the first (smallest) coalition\'s');
    for (const x of f.coalitions) {
      assert.ok(Number.isInteger(x.entities) && typeof x.how === 'string' && typeof x.via === 'string');
      for (const m of x.members) assert.ok(typeof m.set === 'string' && Number.isInteger(m.count));
      for (const k of ['after', 'condition']) assert.ok(x[k] === undefined || typeof x[k] === 'string');
    }
  }
}

function writeConfig(dir: string, text: string): string {
  const path = join(dir, 'custom-config.yaml');
  writeFileSync(path, text);
  return path;
}
