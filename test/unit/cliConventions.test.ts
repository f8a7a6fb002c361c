import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspace } from './workspace.js';
import { pathToFileURL } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { Lexer, type Token } from 'marked';
import { analyze, findGlossaryTopic, glossary, lookupGlossary, catalogue } from '../../server/src/engine/index.js';
import { explainMarkdown } from '../../server/src/cli/explain.js';
import { findConfig } from '../../server/src/cli/files.js';
import { renderFormat, useColour } from '../../server/src/cli/main.js';
import { sarifArtifact } from '../../server/src/cli/report.js';
import { markdownText, terminalSafe, workflowData, workflowProperty } from '../../server/src/cli/escape.js';
import fc from 'fast-check';
import { RepoConfig } from '../../server/src/lsp/config.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { explainDuration, explainThreshold, explainWeightedThreshold } from '../../server/src/service/values.js';
import { fieldDoc, schemaAt } from '../../server/src/service/schema.js';
import { hover } from '../../server/src/service/hover.js';
import { indexOf } from '../../server/src/service/specIndex.js';

// The CLI as CI and people use it (bin/l2spec.js over dist/cli.js), against the conventions of
// issue 11 and the hostile-input cases of issue 9 (/work/shared/cases/hostile) that concern it.
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'l2spec.js');
const FIXTURE = readFileSync(join(__dirname, 'fixtures', 'federated.l2spec.yaml'), 'utf8');
const LIQUID = readFileSync(join(ROOT, 'examples', 'liquid.l2spec.yaml'), 'utf8');
const BROKEN = FIXTURE.replace('    hsm: true', '    hsmm: true').replace('    signers: fed\n', '    signers: feed\n');
const ESCAPES = readFileSync(join(__dirname, 'fixtures', 'hostile', '35-terminal-escape-injection.l2spec.yaml'), 'utf8');

interface Run { code: number | null; stdout: string; stderr: string }

function l2spec(args: string[], cwd: string, options: { env?: Record<string, string | undefined>; input?: string; timeout?: number } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  // The timeout only guards against a hang (the FIFO case); no test waits for it to pass.
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: env as NodeJS.ProcessEnv, input: options.input ?? '', timeout: options.timeout ?? 20000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}


function assertOneLineError(r: Run, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no stack trace');
}

describe('CLI conventions (issue 11)', () => {
  const dir = workspace({ 'a.l2spec.yaml': BROKEN });

  it('--help on every command goes to stdout with exit 0; usage errors go to stderr with exit 2', () => {
    for (const args of [['--help'], ['check', '--help'], ['explain', '--help'], ['rules', '--help'], ['render', '--help'], ['help', 'check']]) {
      const r = l2spec(args, dir);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stdout, /^Usage: l2spec/, args.join(' '));
      assert.equal(r.stderr, '');
    }
    assert.match(l2spec(['check', '--help'], dir).stdout, /--stdin-filename/);
    for (const args of [[], ['frobnicate'], ['check'], ['check', 'a.l2spec.yaml', '--bogus'], ['check', 'a.l2spec.yaml', '--format', 'xml'], ['render', 'a.l2spec.yaml'], ['explain']]) {
      const r = l2spec(args, dir);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '', `${args.join(' ')} prints nothing on stdout`);
      assert.notEqual(r.stderr.trim(), '', `${args.join(' ')} explains itself on stderr`);
    }
    assert.match(l2spec(['--version'], dir).stdout, /^\d+\.\d+\.\d+\n$/);
  });

  it('colour: --color and --no-color win, then FORCE_COLOR, then NO_COLOR, then whether stdout is a colour terminal', () => {
    const colourful = /\x1b\[/;
    assert.doesNotMatch(l2spec(['check', 'a.l2spec.yaml'], dir).stdout, colourful, 'a pipe gets no colour');
    assert.match(l2spec(['check', 'a.l2spec.yaml', '--color'], dir).stdout, colourful);
    assert.match(l2spec(['check', 'a.l2spec.yaml'], dir, { env: { FORCE_COLOR: '1' } }).stdout, colourful);
    assert.doesNotMatch(l2spec(['check', 'a.l2spec.yaml', '--no-color'], dir, { env: { FORCE_COLOR: '1' } }).stdout, colourful);
    assert.doesNotMatch(l2spec(['check', 'a.l2spec.yaml'], dir, { env: { FORCE_COLOR: '0' } }).stdout, colourful);
    const tty = { isTTY: true, hasColors: () => true } as unknown as NodeJS.WriteStream;
    assert.equal(useColour(undefined, tty, {}), true);
    assert.equal(useColour(undefined, tty, { NO_COLOR: '1' }), false);
    assert.equal(useColour(undefined, tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count (no-color.org)');
    assert.equal(useColour(true, tty, { NO_COLOR: '1' }), true);
  });

  it('--quiet reports only findings at or above --fail-on, without the summary', () => {
    const all = l2spec(['check', 'a.l2spec.yaml'], dir);
    const quiet = l2spec(['check', 'a.l2spec.yaml', '--quiet', '--fail-on', 'high'], dir);
    assert.equal(quiet.code, 1);
    assert.match(all.stdout, / medium L2S-FMT-003 /);
    assert.doesNotMatch(quiet.stdout, / medium /);
    assert.match(quiet.stdout, /^a\.l2spec\.yaml:\d+:\d+ high L2S-FMT-005 /m);
    assert.doesNotMatch(quiet.stdout, /tier:/);
    const json = JSON.parse(l2spec(['check', 'a.l2spec.yaml', '--quiet', '--fail-on', 'critical', '--format', 'json'], dir).stdout);
    assert.ok(json.files[0].findings.every((f: { severity: string }) => f.severity === 'critical'));
    const github = l2spec(['check', 'a.l2spec.yaml', '--quiet', '--format', 'github'], dir).stdout.trimEnd().split('\n');
    assert.ok(github.length > 0 && github.every((l) => l.startsWith('::error ')), github.join('\n'));
  });

  it('reads standard input with "-" and --stdin-filename, which also locates the config', () => {
    const repo = workspace({ 'specs/.l2spec.yaml': 'rules:\n  L2S-FMT-003: off\n' });
    const plain = JSON.parse(l2spec(['check', '-', '--format', 'json', '--fail-on', 'never'], repo, { input: BROKEN }).stdout);
    assert.equal(plain.files[0].path, '<stdin>');
    assert.ok(plain.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'L2S-FMT-003'));
    const named = JSON.parse(l2spec(['check', '-', '--stdin-filename', 'specs/x.l2spec.yaml', '--format', 'json', '--fail-on', 'never'], repo, { input: BROKEN }).stdout);
    assert.equal(named.files[0].path, 'specs/x.l2spec.yaml');
    assert.ok(!named.files[0].findings.some((f: { ruleId: string }) => f.ruleId === 'L2S-FMT-003'), 'specs/.l2spec.yaml applies');
    const text = l2spec(['check', '-', '--stdin-filename', 'specs/x.l2spec.yaml'], repo, { input: BROKEN });
    assert.match(text.stdout, /^specs\/x\.l2spec\.yaml:\d+:\d+ high L2S-FMT-005/m);
  });

  it('render takes the format from the output extension and refuses a mismatch', () => {
    const html = l2spec(['render', 'a.l2spec.yaml', '-o', 'r.html'], dir);
    assert.equal(html.code, 0, html.stderr);
    assert.match(readFileSync(join(dir, 'r.html'), 'utf8'), /^<!DOCTYPE html>/i);
    assert.equal(l2spec(['render', 'a.l2spec.yaml', '-o', 'r.svg'], dir).code, 0);
    assert.match(readFileSync(join(dir, 'r.svg'), 'utf8'), /^(<\?xml[^>]*>\s*)?<svg/);
    assertOneLineError(l2spec(['render', 'a.l2spec.yaml', '--format', 'svg', '-o', 'r2.html'], dir), /--format svg does not match the output "r2\.html", which names HTML/);
    assertOneLineError(l2spec(['render', 'a.l2spec.yaml', '-o', 'r.png'], dir), /cannot tell the format from "r\.png"/);
    const stdout = l2spec(['render', 'a.l2spec.yaml', '--format', 'svg', '-o', '-'], dir);
    assert.match(stdout.stdout, /^(<\?xml[^>]*>\s*)?<svg/);
  });

  it('explain --list names every rule and glossary term; explain finds each by every alias the hover uses', () => {
    const list = l2spec(['explain', '--list'], dir);
    assert.equal(list.code, 0);
    for (const id of catalogue.keys()) assert.ok(list.stdout.includes(id), id);
    for (const entry of glossary) assert.ok(list.stdout.includes(entry.term), entry.term);
    for (const entry of glossary) {
      assert.equal(findGlossaryTopic(entry.term), entry, entry.term);
      for (const alias of entry.aliases) {
        // The hover looks a key up by its name and path, a value by its text.
        const hover = alias.includes('.') ? lookupGlossary(alias.split('.').pop()!, alias) : lookupGlossary(alias);
        assert.equal(findGlossaryTopic(alias), hover, `explain "${alias}" finds what the hover finds`);
        assert.ok(explainMarkdown(alias), alias);
      }
    }
    for (const topic of ['timelock', 'stop', 'Stop!', 'exit window', 'watchtowers']) {
      const r = l2spec(['explain', ...topic.split(' ')], dir);
      assert.equal(r.code, 0, `explain ${topic}: ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /\*\*|^#/m, 'terminal text, not raw Markdown');
    }
    // timelock is a key: its documentation as the hover shows it, then the related term.
    const md = l2spec(['explain', 'timelock', '--format', 'markdown'], dir);
    assert.match(md.stdout, /^\*\*Recovery timelock\*\*/);
    assert.match(md.stdout, /## Related terms\n\n\*\*CLTV and CSV\*\*/);
    const miss = l2spec(['explain', 'watch'], dir);
    assert.equal(miss.code, 2);
    assert.match(miss.stderr, /no rule, key, value or glossary term matches "watch"; perhaps: .*Watchtower/);
  });

  it('explain finds a misspelt topic by did-you-mean, and explains values and keys as the hover does (issue 20)', () => {
    const typo = l2spec(['explain', 'threshhold'], dir);
    assert.equal(typo.code, 0, typo.stderr);
    assert.match(typo.stderr, /nothing is called "threshhold"; showing "threshold"/);
    assert.equal(typo.stdout, l2spec(['explain', 'threshold'], dir).stdout);
    // A key: the hover's documentation of the key first (every place it is written), then related terms.
    const key = l2spec(['explain', 'threshold', '--format', 'markdown'], dir).stdout;
    const keyHover = fieldDoc(schemaAt(['components', 0, 'threshold']), { withValues: true })!;
    assert.ok(key.startsWith(keyHover), key.slice(0, 200));
    assert.match(key, /`components\[\]\.threshold`/);
    assert.ok(key.indexOf('## Related terms') > key.indexOf(keyHover));
    assert.match(key, /## Related terms\n\n\*\*Multisig \(m-of-n\)\*\*/);
    // Values: what the hover shows on such a value.
    const values: [string[], string][] = [
      [['11-of-15'], explainThreshold('11-of-15', '')!],
      [['144', 'blocks'], explainDuration('144 blocks', '')!],
      [['67%', 'of', 'stake'], explainWeightedThreshold('67% of stake')!],
    ];
    for (const [args, hover] of values) {
      const r = l2spec(['explain', ...args, '--format', 'markdown'], dir);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, `${hover}\n`);
    }
    const stake = l2spec(['explain', '67%', 'of', 'stake'], dir).stdout;
    assert.match(stake, /^67% of stake — holders of 67% of the stake must sign/);
    assert.match(stake, /more than 33% of the stake/);
    assert.match(l2spec(['explain', '11-of-15'], dir).stdout, /^11-of-15 — 73\.3% of the 15 members must sign\.\n[\s\S]*5 members lost, offline or refusing can block it/);
    // Rule IDs too: one digit missing.
    const rule = l2spec(['explain', 'L2S-CUST-01'], dir);
    assert.equal(rule.code, 0);
    assert.match(rule.stdout, /^L2S-CUST-001: /);
  });

  it('the hover explains a stake-weighted threshold value as explain does', () => {
    const text = 'l2spec: 2\nsystem: { name: S, family: sidechain }\ncomponents:\n  - id: v\n    kind: validator-set\n    threshold: 67% of stake\n';
    const result = analyze(text);
    const document = TextDocument.create('untitled:s', 'l2spec', 1, text);
    const h = hover(document, indexOf(result.source), result, { line: 5, character: 18 });
    assert.ok(h && (h.contents as { value: string }).value.includes(explainWeightedThreshold('67% of stake')!));
  });
});

describe('one configuration for editor and CLI (issue 11)', () => {
  it('the editor and the CLI find the same .l2spec.yaml: the nearest one, up to the repository root', () => {
    const outer = mkdtempSync(join(tmpdir(), 'l2spec-cfg-'));
    writeFileSync(join(outer, '.l2spec.yaml'), 'rules: {}\n'); // above the repository: never used
    const repo = join(outer, 'repo');
    const files: Record<string, string> = {
      '.l2spec.yaml': 'rules: {}\n',
      'a.l2spec.yaml': '',
      'team/.l2spec.yaml': 'rules: {}\n',
      'team/deep/b.l2spec.yaml': '',
      'other/c.l2spec.yaml': '',
      'weird/.l2spec.yaml/keep': '', // a folder named like the config is not a config
      'weird/d.l2spec.yaml': '',
    };
    mkdirSync(join(repo, '.git'), { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(repo, name, '..'), { recursive: true });
      writeFileSync(join(repo, name), text);
    }
    const lone = join(outer, 'lone');
    mkdirSync(join(lone, 'nested'), { recursive: true });
    writeFileSync(join(lone, 'nested', 'e.l2spec.yaml'), '');
    const editor = new RepoConfig(() => undefined);
    editor.setWorkspaceRoots([pathToFileURL(join(repo, 'team')).href]); // a workspace inside the repository
    const expected: [string, string | undefined][] = [
      [join(repo, 'a.l2spec.yaml'), join(repo, '.l2spec.yaml')],
      [join(repo, 'team', 'deep', 'b.l2spec.yaml'), join(repo, 'team', '.l2spec.yaml')],
      [join(repo, 'other', 'c.l2spec.yaml'), join(repo, '.l2spec.yaml')],
      [join(repo, 'weird', 'd.l2spec.yaml'), join(repo, '.l2spec.yaml')],
      [join(lone, 'nested', 'e.l2spec.yaml'), join(outer, '.l2spec.yaml')], // no repository: up to the file-system root
    ];
    for (const [spec, config] of expected) {
      assert.equal(findConfig(spec), config, `CLI for ${spec}`);
      assert.equal(editor.forDocument(pathToFileURL(spec).href).file, config, `editor for ${spec}`);
    }
  });

  it('check honours the files: globs of .l2spec.yaml, relative to its folder', () => {
    const dir = workspace({
      '.l2spec.yaml': 'files: ["designs/*.yaml", "**/*.design.yml"]\n',
      'designs/bridge.yaml': FIXTURE,
      'designs/notes.txt': 'not yaml',
      'deep/x/y.design.yml': FIXTURE,
      'other/z.yaml': FIXTURE,
      'plain.l2spec.yaml': FIXTURE,
    });
    const out = JSON.parse(l2spec(['check', '.', '--format', 'json', '--fail-on', 'never'], dir).stdout);
    assert.deepEqual(out.files.map((f: { path: string }) => f.path), ['deep/x/y.design.yml', 'designs/bridge.yaml', 'plain.l2spec.yaml']);
  });

  it('unused suppression directives are reported by default in check, and not with --no-report-unused-suppressions', () => {
    const text = FIXTURE.replace('    hsm: true', '    # l2spec-disable-next-line L2S-CUST-001 -- nothing fires here\n    hsm: true')
      .replace('    hsm: true', '    hsm: true\n    # l2spec-disable-next-line L2S-FMT-003 -- vendor key\n    hsmm: true');
    const dir = workspace({ 'a.l2spec.yaml': text });
    const on = JSON.parse(l2spec(['check', 'a.l2spec.yaml', '--format', 'json', '--fail-on', 'never'], dir).stdout).files[0].findings;
    const unused = on.filter((f: { message: string }) => f.message.startsWith('Unused suppression'));
    assert.equal(unused.length, 1, JSON.stringify(unused));
    assert.equal(unused[0].ruleId, 'L2S-FMT-007');
    assert.match(unused[0].message, /L2S-CUST-001 reported nothing on line 20/);
    assert.ok(on.some((f: { ruleId: string; suppressed: boolean }) => f.ruleId === 'L2S-FMT-003' && f.suppressed), 'the used one still suppresses');
    const off = JSON.parse(l2spec(['check', 'a.l2spec.yaml', '--format', 'json', '--fail-on', 'never', '--no-report-unused-suppressions'], dir).stdout).files[0].findings;
    assert.ok(!off.some((f: { message: string }) => f.message.startsWith('Unused suppression')));
    // File-wide directives: only the IDs that suppressed nothing are named; the engine reports them only on request.
    const fileWide = `# l2spec-disable-file L2S-FMT-003, L2S-DA-099x, L2S-CUST-001 -- reviewed\n${text}`;
    const unusedFile = analyze(fileWide, { reportUnusedSuppressions: true }).findings.filter((f) => f.message.startsWith('Unused suppression'));
    assert.deepEqual(unusedFile.map((f) => [f.range.start.line, f.message.replace(/;.*/, '')]), [[0, 'Unused suppression: L2S-CUST-001 reported nothing in this file'], [19, 'Unused suppression: L2S-CUST-001 reported nothing on line 21']]);
    assert.ok(!analyze(fileWide).findings.some((f) => f.message.startsWith('Unused suppression')));
  });
});

describe('CI outputs, each validated against its spec (issue 11)', () => {
  const ODD = 'odd name #1 100% [draft]: ü.l2spec.yaml';
  const dir = workspace({ [`specs/${ODD}`]: BROKEN, 'specs/liquid.l2spec.yaml': LIQUID });

  it('SARIF validates against the official schema with format checking on, with helpUri, informationUri and percent-encoded URIs', () => {
    const r = l2spec(['check', 'specs', '--format', 'sarif'], dir);
    const log: any = JSON.parse(r.stdout);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: true, unicodeRegExp: false });
    addFormats(ajv as never);
    const validate = ajv.compile(schema);
    assert.ok((validate as (x: unknown) => boolean)(log), JSON.stringify(validate.errors?.slice(0, 5)));
    const driver = log.runs[0].tool.driver;
    assert.match(driver.informationUri, /^https:\/\/github\.com\/l2spec\/l2spec$/);
    for (const rule of driver.rules) assert.equal(rule.helpUri, `https://github.com/l2spec/l2spec/blob/main/docs/rules/${rule.id}.md`);
    const uris = new Set<string>(log.runs[0].results.map((x: any) => x.locations[0].physicalLocation.artifactLocation.uri));
    const odd = [...uris].find((u) => u.includes('draft'))!;
    assert.equal(odd, 'specs/odd%20name%20%231%20100%25%20%5Bdraft%5D%3A%20%C3%BC.l2spec.yaml');
    assert.equal(decodeURIComponent(odd), `specs/${ODD}`);
    const custom = JSON.parse(l2spec(['check', 'specs', '--format', 'sarif', '--docs-url', 'https://docs.example.org/l2spec/rules'], dir).stdout);
    assert.equal(custom.runs[0].tool.driver.rules[0].helpUri, `https://docs.example.org/l2spec/rules/${custom.runs[0].tool.driver.rules[0].id}.md`);
  });

  it('the README\'s CI recipe runs as written (on examples/)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const recipe = readme.slice(readme.indexOf('### In CI (GitHub Actions)'));
    const steps = [...recipe.matchAll(/^ {2}- run: npx l2spec (.+)$/gm)].map((m) => m[1]!);
    assert.deepEqual(steps.map((s) => /--format (\w+)/.exec(s)?.[1]), ['sarif', 'markdown', 'github']);
    const out = mkdtempSync(join(tmpdir(), 'l2spec-ci-'));
    for (const step of steps) {
      const [command, redirect] = step.split(' >> ');
      const args = command!.split(' ').map((a) => (a === '.' ? 'examples' : a === 'l2spec.sarif' ? join(out, a) : a));
      const r = l2spec(args, ROOT);
      const gate = args[args.indexOf('--fail-on') + 1];
      assert.equal(r.code, gate === 'never' ? 0 : 1, `${step}: ${r.stderr}`);
      assert.equal(r.stderr, '', step);
      if (redirect) assert.match(r.stdout, /^## l2spec review/);
    }
    assert.equal(JSON.parse(readFileSync(join(out, 'l2spec.sarif'), 'utf8')).version, '2.1.0');
  });

  it('SARIF artifact URIs: relative ones against %SRCROOT%, absolute ones as file: URIs, every segment percent-encoded', () => {
    assert.deepEqual(sarifArtifact('a b/c#d.l2spec.yaml'), { uri: 'a%20b/c%23d.l2spec.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(sarifArtifact('/tmp/x [1]/50%.l2spec.yaml'), { uri: 'file:///tmp/x%20%5B1%5D/50%25.l2spec.yaml' });
    assert.deepEqual(sarifArtifact('C:\\specs\\a:b.l2spec.yaml'), { uri: 'file:///C:/specs/a%3Ab.l2spec.yaml' });
    assert.deepEqual(sarifArtifact('<stdin>'), { uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' });
  });

  it('SARIF fingerprints name list items by id, so reordering components and pegs keeps them', () => {
    const fingerprints = (text: string) => {
      const d = workspace({ 'x.l2spec.yaml': text });
      const log = JSON.parse(l2spec(['check', 'x.l2spec.yaml', '--format', 'sarif'], d).stdout);
      return log.runs[0].results.map((x: any) => x.partialFingerprints['l2specPath/v2']).sort();
    };
    const swapped = swapComponents(LIQUID);
    assert.notEqual(swapped, LIQUID);
    const before = fingerprints(LIQUID);
    assert.ok(before.some((f: string) => f.includes('pegs[lbtc]')), before.join('\n'));
    assert.ok(before.every((f: string) => !/\.\d+(\.|$)/.test(f.split(':')[1]!) || /watchtowers|what|claims/.test(f)), before.join('\n'));
    assert.deepEqual(fingerprints(swapped), before);
  });

  it('--format github prints workflow commands whose data and properties are escaped', () => {
    const hostile = workspace({ 'h.l2spec.yaml': ESCAPES, 'a.l2spec.yaml': BROKEN });
    const r = l2spec(['check', '.', '--format', 'github'], hostile);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const command = /^::(error|warning|notice) ((?:[a-zA-Z]+=[^,:]*)(?:,[a-zA-Z]+=[^,:]*)*)::(.*)$/;
    for (const line of lines) {
      const m = command.exec(line);
      assert.ok(m, `not a workflow command: ${line}`);
      const props = Object.fromEntries(m[2]!.split(',').map((p) => p.split('=') as [string, string]));
      assert.ok(props.file, line);
      assert.doesNotMatch(line, /[\x00-\x1f\x7f]/, 'no raw control characters');
    }
    const json = JSON.parse(l2spec(['check', '.', '--format', 'json'], hostile).stdout);
    const active = json.files.reduce((n: number, f: { findings: { suppressed: boolean }[] }) => n + f.findings.filter((x) => !x.suppressed).length, 0);
    assert.equal(lines.length, active + json.files.length, 'one annotation per finding, one tier notice per file');
    assert.ok(lines.some((l) => l.startsWith('::warning file=a.l2spec.yaml,line=19,col=5,endColumn=9,title=L2S-FMT-003 (medium)%3A Unknown key::')), lines.join('\n'));
  });

  it('--format markdown is GitHub-flavoured Markdown whose spec text stays text', () => {
    const hostile = workspace({ 'h.l2spec.yaml': ESCAPES.replace('name: "', 'name: "<img src=x onerror=alert(1)> [link](command:x) `tick` | pipe ') });
    const r = l2spec(['check', '.', '--format', 'markdown'], hostile);
    const tokens = new Lexer({ gfm: true }).lex(r.stdout);
    assert.equal(tokens[0]!.type, 'heading');
    const tables = tokens.filter((t) => t.type === 'table') as (Token & { header: { text: string }[]; rows: unknown[][] })[];
    assert.deepEqual(tables[0]!.header.map((h) => h.text), ['Spec', 'System', 'Tier', 'Stage', 'Findings']);
    assert.equal(tables[0]!.rows.length, 1);
    assert.ok(tables[0]!.rows[0]!.length === 5, 'the pipe in the name did not add a column');
    const walk = (ts: Token[]): Token[] => ts.flatMap((t) => [t, ...walk(((t as { tokens?: Token[] }).tokens ?? []).concat(...(((t as { rows?: { tokens: Token[] }[][] }).rows ?? []).flat().map((c) => c.tokens))))]);
    const all = walk(tokens);
    assert.ok(!all.some((t) => t.type === 'html' || t.type === 'image' || (t.type === 'link' && !/^https:/.test((t as { href: string }).href))), 'no HTML, image or foreign link from the spec');
    assert.doesNotMatch(r.stdout, /\x1b/);
  });
});

describe('hostile input at the command line (issue 9)', () => {
  it('terminalSafe shows every control, bidi and invisible character and keeps printable text', () => {
    assert.equal(terminalSafe('a\x1b[2Kb\r\n\t\x07\x9b'), 'a\\e[2Kb\\r\\n\\t\\u0007\\u009b');
    assert.equal(terminalSafe('evil\u202egnp.exe \u200b\u2066x\ufeff'), 'evil\\u202egnp.exe \\u200b\\u2066x\\ufeff');
    assert.equal(terminalSafe('Liquid — ü 中文 ✓'), 'Liquid — ü 中文 ✓');
    for (let c = 0; c < 0x20; c++) assert.doesNotMatch(terminalSafe(`x${String.fromCharCode(c)}y`), /[\x00-\x1f]/, `U+${c.toString(16)}`);
  });

  it('property: random Unicode never leaves a control or invisible character, nor Markdown syntax, nor a workflow-command break', () => {
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('\x1b', '\n', '\r', '\u202e', '\u2066', '\u200b', '\ufeff', '`', '[', ']', '(', ')', '<', '>', '!', '|', '*', '_', '%', ':', ',', '\\', '#'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 60 });
    fc.assert(fc.property(text, (s) => {
      assert.doesNotMatch(terminalSafe(s), unsafe);
      const md = markdownText(s);
      assert.doesNotMatch(md, unsafe);
      assert.doesNotMatch(md, /<|>/, 'no raw angle bracket');
      assert.doesNotMatch(md.replace(/\\[\\`*_{}[\]()#+\-.!|~"'=:$^@]/g, ''), /[`*_[\]()|!~\\]/, 'every Markdown punctuation is escaped');
      const tokens = new Lexer({ gfm: true }).lex(`| ${md} |\n|---|\n| ${md} |\n`);
      assert.equal(tokens.filter((t) => t.type === 'table').length, 1);
      assert.ok(!JSON.stringify(tokens).includes('"type":"link"') && !JSON.stringify(tokens).includes('"type":"html"') && !JSON.stringify(tokens).includes('"type":"codespan"'));
      assert.doesNotMatch(workflowData(s), /[\r\n]|%(?!25|0A|0D)/i);
      assert.doesNotMatch(workflowProperty(s), /[\r\n:,]/);
    }), { numRuns: 300 });
  });

  it('render refuses a format the extension contradicts, in-process too', () => {
    assert.equal(renderFormat('x.HTML', undefined), 'html');
    assert.equal(renderFormat('x.svg', 'svg'), 'svg');
    assert.throws(() => renderFormat('x.svg', 'html'), /does not match/);
    assert.equal(renderFormat('-', 'html'), 'html');
  });

  it('case 35: escape sequences in names and keys are shown escaped, never interpreted', () => {
    const dir = workspace({ 'h.l2spec.yaml': ESCAPES });
    const r = l2spec(['check', 'h.l2spec.yaml', '--color'], dir);
    const withoutOurColours = r.stdout.replace(/\x1b\[[0-9;]*m/g, (code) => (/^\x1b\[(0|1|2|3|22|23|31|32|33|36|39)(;\d+)*m$/.test(code) ? '' : code));
    assert.doesNotMatch(withoutOurColours, /[\x00-\x08\x0b-\x1f\x7f]/, 'no control character but our own colours');
    assert.match(r.stdout, /Safe chain\\e\[1A\\e\[2K/);
    // In finding messages the engine already shows hidden characters as ⟨U+…⟩ tokens (L2S-FMT-010);
    // names the CLI prints itself are escaped as \e / \uXXXX. Either way nothing is interpreted.
    assert.match(r.stdout, /(\\e|⟨U\+001B⟩)\]0;terminal title set by spec(\\u0007|⟨U\+0007⟩)/);
    assert.doesNotMatch(r.stdout, /\x1b\[[12]?[AK]/, 'nothing moves the cursor or erases a line');
    assert.doesNotMatch(l2spec(['check', 'h.l2spec.yaml', '--no-color'], dir).stdout, /\x1b/);
    // Names on stderr too: a file name is as untrusted as its content.
    const missing = l2spec(['check', 'x\x1b[2Ky.l2spec.yaml'], dir);
    assert.equal(missing.code, 2);
    assert.doesNotMatch(missing.stderr, /\x1b/);
    assert.match(missing.stderr, /x\\e\[2Ky/);
    assert.doesNotMatch(l2spec(['check', 'h.l2spec.yaml', '--format', 'markdown'], dir).stdout, /\x1b/);
  });

  it('refuses what is not a regular file (FIFO, device, directory symlink target) with exit 2, and checks the size first', function () {
    if (process.platform === 'win32') this.skip();
    const dir = workspace({});
    const fifo = spawnSync('mkfifo', [join(dir, 'pipe.l2spec.yaml')]);
    if (fifo.status === 0) {
      assertOneLineError(l2spec(['check', 'pipe.l2spec.yaml'], dir), /cannot read "pipe\.l2spec\.yaml": not a regular file \(a FIFO\)/);
      assertOneLineError(l2spec(['render', 'pipe.l2spec.yaml', '-o', 'x.svg'], dir), /not a regular file \(a FIFO\)/);
    }
    assertOneLineError(l2spec(['check', '/dev/zero'], dir), /cannot read "\/dev\/zero": not a regular file \(a device\)/);
    symlinkSync('/dev/zero', join(dir, 'zero.l2spec.yaml'));
    assertOneLineError(l2spec(['check', 'zero.l2spec.yaml'], dir), /not a regular file \(a device\)/);
    // In a directory walk, a spec-named symlink to a device is not a spec file at all.
    const walk = l2spec(['check', '.'], dir);
    assert.equal(walk.code, 2);
    const big = openSync(join(dir, 'big.l2spec.yaml'), 'w');
    ftruncateSync(big, 64 * 1024 * 1024); // sparse: costs no disk, and must not be read
    closeSync(big);
    assertOneLineError(l2spec(['check', 'big.l2spec.yaml'], dir), /64\.0 MiB is larger than l2spec reads \(20\.0 MiB\)/);
    // Standard input has no size to check first: the read itself stops at the limit.
    assertOneLineError(l2spec(['check', '-'], dir, { input: 'x'.repeat(21 * 1024 * 1024) }), /cannot read standard input: more than 20\.0 MiB/);
  });

  it('a malformed --config or .l2spec.yaml exits 2: a gate never silently loses its config', () => {
    const dir = workspace({ 'a.l2spec.yaml': BROKEN, 'bad.yaml': 'rules:\n  L2S-FMT-005: [off\n', 'list.yaml': '- a\n' });
    assertOneLineError(l2spec(['check', 'a.l2spec.yaml', '--config', 'bad.yaml', '--fail-on', 'never'], dir), /config "bad\.yaml" is unusable: invalid YAML/);
    assertOneLineError(l2spec(['check', 'a.l2spec.yaml', '--config', 'list.yaml'], dir), /config "list\.yaml" is unusable/);
    assertOneLineError(l2spec(['check', 'a.l2spec.yaml', '--config', 'missing.yaml'], dir), /config cannot be read: "missing\.yaml": no such file/);
    const implicit = workspace({ 'a.l2spec.yaml': BROKEN, '.l2spec.yaml': 'rules: {L2S-FMT-005: off\n' });
    assertOneLineError(l2spec(['check', '.', '--fail-on', 'never'], implicit), /\.l2spec\.yaml" is unusable: invalid YAML/);
    // Problems that leave the rest usable are warnings, and the run goes on.
    const warned = workspace({ 'a.l2spec.yaml': BROKEN, '.l2spec.yaml': 'rules:\n  L2S-NOPE-001: off\n' });
    const r = l2spec(['check', '.', '--fail-on', 'never'], warned);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /unknown rule "L2S-NOPE-001"/);
  });

  it('--output into a missing folder, and a reader that closes the pipe early, give no stack trace', () => {
    const dir = workspace({ 'a.l2spec.yaml': BROKEN });
    assertOneLineError(l2spec(['check', 'a.l2spec.yaml', '-o', 'missing/dir/out.sarif', '--format', 'sarif'], dir), /^l2spec: cannot write "missing\/dir\/out\.sarif": its folder does not exist\n$/);
    assertOneLineError(l2spec(['render', 'a.l2spec.yaml', '-o', 'missing/r.svg'], dir), /cannot write "missing\/r\.svg": its folder does not exist/);
    // Many files so the output is far larger than a pipe's buffer: `head` closes it mid-write.
    const many = workspace(Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`s${i}.l2spec.yaml`, LIQUID])));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check . --format json | head -c 100 > /dev/null; echo "status \${PIPESTATUS[0]}"`], { cwd: many, encoding: 'utf8', timeout: 30000 });
    assert.equal(r.stderr, '', 'nothing on stderr (no EPIPE stack trace)');
    assert.match(r.stdout, /^status [01]\n$/);
  });

  it('case 08: a byte-order mark is not a character: line-1 columns are the same as without it', () => {
    // system: first, so its misspelt family is a finding on the BOM's line (missing sections are reported at system:, too).
    const text = 'system: {name: X, family: sidechainn}\nl2spec: 1\nbogus: 1\n';
    const dir = workspace({ 'bom.l2spec.yaml': `\ufeff${text}`, 'plain.l2spec.yaml': text });
    const out = JSON.parse(l2spec(['check', '.', '--format', 'json', '--fail-on', 'never'], dir).stdout);
    const ranges = (i: number) => out.files[i].findings.map((f: { ruleId: string; range: unknown }) => JSON.stringify([f.ruleId, f.range])).sort();
    assert.deepEqual(ranges(0), ranges(1));
    assert.ok(out.files[0].findings.some((f: { range: { start: { line: number; character: number } } }) => f.range.start.line === 0 && f.range.start.character > 0), 'a line-1 finding after column 0');
    copyFileSync(join(__dirname, 'fixtures', 'hostile', '08-utf8-bom.l2spec.yaml'), join(dir, 'case.l2spec.yaml'));
    writeFileSync(join(dir, 'stripped.l2spec.yaml'), readFileSync(join(dir, 'case.l2spec.yaml'), 'utf8').replace(/^\ufeff/, ''));
    const pair = JSON.parse(l2spec(['check', 'case.l2spec.yaml', 'stripped.l2spec.yaml', '--format', 'json', '--fail-on', 'never'], dir).stdout);
    assert.deepEqual(pair.files[0].findings.map((f: { range: unknown }) => f.range), pair.files[1].findings.map((f: { range: unknown }) => f.range));
  });
});

/** Liquid with its first two components swapped (a reordering that changes every list index). */
function swapComponents(text: string): string {
  const lines = text.split('\n');
  const start = lines.indexOf('components:');
  const items: number[] = [];
  for (let i = start + 1; i < lines.length && (lines[i]!.startsWith(' ') || lines[i] === ''); i++) if (lines[i]!.startsWith('  - ')) items.push(i);
  let end = items[1]! + 1;
  while (end < lines.length && (lines[end]!.startsWith('    ') || lines[end] === '') && !lines[end]!.startsWith('  - ')) end++;
  const first = lines.slice(items[0]!, items[1]!);
  const second = lines.slice(items[1]!, end);
  return [...lines.slice(0, items[0]!), ...second, ...first, ...lines.slice(end)].join('\n');
}
