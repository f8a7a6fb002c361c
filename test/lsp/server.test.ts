// The bundled server (dist/server.js) over stdio: lifecycle, diagnostics (exact ranges, codes,
// severities, versions), settings and .l2spec.yaml, the l2spec/* protocol extensions.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fork } from 'node:child_process';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, positionOf, ROOT } from './client.js';

const FIXTURE = readFileSync(path.join(__dirname, 'fixtures', 'federation.l2spec.yaml'), 'utf8');
const byCode = (ds: Diagnostic[], code: string): Diagnostic[] => ds.filter((d) => d.code === code);

describe('l2spec language server: lifecycle and diagnostics', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ initializationOptions: { debounceMs: 20 } });
  });
  after(async () => {
    client?.kill();
  });

  it('advertises its capabilities', () => {
    const caps = client.initializeResult!.capabilities;
    assert.ok(caps.hoverProvider);
    assert.ok(caps.completionProvider);
    assert.ok(caps.codeActionProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.definitionProvider);
    assert.ok(caps.referencesProvider);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.equal(client.initializeResult!.serverInfo?.name, 'l2spec-language-server');
  });

  it('publishes diagnostics on open with exact ranges, codes, severities and doc links', async () => {
    const uri = 'untitled:open-1';
    const text = FIXTURE.replace('custody: federation-multisig', 'custody: federation-multisg').replace('signers: emergency-keys', 'signers: emergency-kes');
    await client.open(uri, text, 1);
    const { diagnostics, version } = await client.diagnosticsFor(uri, 1);
    assert.equal(version, 1);

    const schema = byCode(diagnostics, 'L2S-FMT-002').find((d) => String(d.message).includes('federation-multisg'));
    assert.ok(schema, 'enum typo reported');
    const at = positionOf(text, 'federation-multisg');
    assert.deepEqual(schema.range, { start: at, end: { line: at.line, character: at.character + 'federation-multisg'.length } });
    assert.equal(schema.severity, DiagnosticSeverity.Warning);
    assert.equal(schema.source, 'l2spec');
    assert.ok(schema.codeDescription?.href.startsWith('file://'));
    assert.ok(schema.codeDescription!.href.endsWith('/docs/rules/L2S-FMT-002.md'));

    const dangling = byCode(diagnostics, 'L2S-FMT-005');
    assert.equal(dangling.length, 1);
    const ref = positionOf(text, 'emergency-kes');
    assert.deepEqual(dangling[0]!.range, { start: ref, end: { line: ref.line, character: ref.character + 'emergency-kes'.length } });
    assert.equal(dangling[0]!.severity, DiagnosticSeverity.Error);

    const cust = byCode(diagnostics, 'L2S-CUST-008')[0];
    if (cust) assert.equal(cust.severity, DiagnosticSeverity.Error);
    for (const d of diagnostics) {
      assert.equal(d.source, 'l2spec');
      assert.match(String(d.code), /^L2S-[A-Z]+-\d{3}$/);
    }
  });

  it('maps medium findings to warnings and carries related information', async () => {
    const uri = 'untitled:related';
    const text = FIXTURE.replace('  - id: council', '  - id: functionaries');
    await client.open(uri, text, 1);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const dup = byCode(diagnostics, 'L2S-FMT-006')[0];
    assert.ok(dup, 'duplicate id reported');
    assert.equal(dup.relatedInformation?.length, 1);
    assert.equal(dup.relatedInformation![0]!.location.uri, uri);
    assert.deepEqual(dup.relatedInformation![0]!.location.range.start, positionOf(text, 'functionaries'));
  });

  it('publishes the newest version last when edits arrive faster than the debounce', async () => {
    const uri = 'untitled:versions';
    await client.open(uri, FIXTURE, 1);
    await client.diagnosticsFor(uri, 1);
    const start = client.diagnostics.received.length;
    for (let v = 2; v <= 8; v++) {
      await client.replaceAll(uri, v, FIXTURE.replace('name: Test federation', `name: Test federation ${v}`));
    }
    await client.diagnosticsFor(uri, 8);
    // Stale versions are never published after a newer one.
    const published = client.diagnostics.received.slice(start).filter((d) => d.uri === uri).map((d) => d.version!);
    assert.deepEqual([...published].sort((a, b) => a - b), published, `in order: ${published.join(',')}`);
    assert.equal(published[published.length - 1], 8);
  });

  it('debounces a burst of edits into one analysis', async () => {
    const slow = await LspClient.start({ initializationOptions: { debounceMs: 1500 } });
    try {
      const uri = 'untitled:burst';
      await slow.open(uri, FIXTURE, 1);
      await slow.diagnosticsFor(uri, 1);
      for (let v = 2; v <= 6; v++) await slow.replaceAll(uri, v, FIXTURE.replace('name: Test federation', `name: Burst ${v}`));
      await slow.diagnosticsFor(uri, 6);
      assert.deepEqual(slow.diagnostics.received.filter((d) => d.uri === uri).map((d) => d.version), [1, 6]);
    } finally {
      slow.kill();
    }
  });

  it('applies incremental edits and re-analyses', async () => {
    const uri = 'untitled:incremental';
    await client.open(uri, FIXTURE, 1);
    await client.diagnosticsFor(uri, 1);
    const at = positionOf(FIXTURE, 'federation-multisig');
    await client.change(uri, 2, [{ range: { start: at, end: { line: at.line, character: at.character + 'federation-multisig'.length } }, text: 'multisig-federation' }]);
    const { diagnostics } = await client.diagnosticsFor(uri, 2);
    const d = diagnostics.find((x) => x.code === 'L2S-FMT-002' && String(x.message).includes('multisig-federation'));
    assert.ok(d);
    assert.deepEqual(d.range.start, at);
  });

  it('answers code actions for the edited text even while the edit waits for its debounce', async () => {
    const uri = 'untitled:pending-actions';
    await client.open(uri, FIXTURE, 1);
    await client.diagnosticsFor(uri, 1);
    const text = FIXTURE.replace('custody: federation-multisig', 'custody: federation-multisg');
    await client.replaceAll(uri, 2, text);
    const at = positionOf(text, 'federation-multisg');
    const actions = await client.request<{ title: string }[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
    assert.ok(actions.some((a) => a.title.includes('federation-multisig')), actions.map((a) => a.title).join(' | '));
  });

  it('does not publish suppressed findings', async () => {
    const uri = 'untitled:suppressed';
    const text = FIXTURE.replace('  source: federation', '  # l2spec-disable-next-line L2S-FIN-002 -- accepted for the test\n  source: federation');
    await client.open(uri, FIXTURE, 1);
    const before = await client.diagnosticsFor(uri, 1);
    assert.equal(byCode(before.diagnostics, 'L2S-FIN-002').length, 1);
    await client.replaceAll(uri, 2, text);
    const after = await client.diagnosticsFor(uri, 2);
    assert.equal(byCode(after.diagnostics, 'L2S-FIN-002').length, 0);
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = 'untitled:closing';
    await client.open(uri, FIXTURE.replace('signers: functionaries', 'signers: nobody'), 1);
    const open = await client.diagnosticsFor(uri, 1);
    assert.ok(open.diagnostics.length > 0);
    const cleared = client.diagnostics.next((d) => d.uri === uri, 'cleared diagnostics', 10000);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  it('sends l2spec/review after each analysis, with the snapshot for that version', async () => {
    const uri = 'untitled:review';
    await client.open(uri, FIXTURE, 1);
    const review = await client.reviewFor(uri, 1);
    assert.equal(review.snapshot.system, 'Test federation');
    assert.ok(Array.isArray(review.snapshot.findings));
    await client.replaceAll(uri, 2, FIXTURE.replace('name: Test federation', 'name: Renamed'));
    const second = await client.reviewFor(uri, 2);
    assert.equal(second.snapshot.system, 'Renamed');
  });

  it('answers l2spec/reviewDocument for open documents and for files on disk', async () => {
    const uri = 'untitled:review-request';
    await client.open(uri, FIXTURE, 3);
    const open = await client.request<{ uri: string; version: number; snapshot: { system: string } } | null>('l2spec/reviewDocument', { uri });
    assert.equal(open?.version, 3);
    assert.equal(open?.snapshot.system, 'Test federation');
    const disk = await client.request<{ snapshot: { system: string } } | null>('l2spec/reviewDocument', { uri: fileUri(path.join(__dirname, 'fixtures', 'federation.l2spec.yaml')) });
    assert.equal(disk?.snapshot.system, 'Test federation');
    const missing = await client.request('l2spec/reviewDocument', { uri: fileUri(path.join(__dirname, 'fixtures', 'missing.l2spec.yaml')) });
    assert.equal(missing, null);
  });

  it('answers l2spec/explain for rule IDs, glossary terms, keys and values, and corrects a typo', async () => {
    const rule = await client.request<{ title: string; markdown: string }>('l2spec/explain', { topic: 'L2S-FMT-005' });
    assert.match(rule.title, /L2S-FMT-005/);
    assert.ok(rule.markdown.length > 50);
    const term = await client.request<{ title: string; markdown: string }>('l2spec/explain', { topic: 'watchtower' });
    assert.equal(term.title, 'Watchtower');
    // A key: its documentation, then the related term (as `l2spec explain watchtowers`).
    const key = await client.request<{ title: string; markdown: string }>('l2spec/explain', { topic: 'watchtowers' });
    assert.equal(key.title, 'watchtowers');
    assert.match(key.markdown, /^\*\*Watchtowers\*\*[\s\S]*## Related terms\n\n\*\*Watchtower\*\*/);
    const value = await client.request<{ title: string; markdown: string }>('l2spec/explain', { topic: '11-of-15' });
    assert.match(value.markdown, /^\*\*11-of-15\*\* — 73\.3% of the 15 members must sign/);
    const typo = await client.request<{ title: string; markdown: string }>('l2spec/explain', { topic: 'threshhold' });
    assert.equal(typo.title, 'threshold');
    assert.match(typo.markdown, /^\*Nothing is called "threshhold"; showing `threshold`\.\*/);
    const unknown = await client.request<{ markdown: string }>('l2spec/explain', { topic: 'no-such-thing-at-all' });
    assert.match(unknown.markdown, /No rule or glossary term/);
  });
});

describe('l2spec language server: settings and .l2spec.yaml', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'l2spec-lsp-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('applies per-rule severities from initializationOptions and didChangeConfiguration', async () => {
    const client = await LspClient.start({ initializationOptions: { debounceMs: 0, rules: { 'L2S-FMT-005': 'low' } } });
    try {
      const uri = 'untitled:settings';
      await client.open(uri, FIXTURE.replace('signers: functionaries', 'signers: nobody'), 1);
      const first = await client.diagnosticsFor(uri, 1);
      assert.equal(byCode(first.diagnostics, 'L2S-FMT-005')[0]?.severity, DiagnosticSeverity.Information);
      const next = client.nextDiagnostics(uri);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { l2spec: { rules: { 'L2S-FMT-005': 'off' }, debounceMs: 0 } } });
      const second = await next;
      assert.equal(byCode(second.diagnostics, 'L2S-FMT-005').length, 0);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  it('drops schema findings when Red Hat YAML validates the schema', async () => {
    const client = await LspClient.start({ initializationOptions: { debounceMs: 0, suppressSchemaDiagnostics: true } });
    try {
      const uri = 'untitled:schema-off';
      await client.open(uri, FIXTURE.replace('custody: federation-multisig', 'custody: federation-multisg').replace('  hsm: true', '  hsmm: true'), 1);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      assert.equal(diagnostics.filter((d) => d.code === 'L2S-FMT-002' || d.code === 'L2S-FMT-003').length, 0);
    } finally {
      client.kill();
    }
  });

  it('reads .l2spec.yaml from the workspace and re-reads it when it changes', async () => {
    const specDir = path.join(dir, 'designs', 'nested');
    mkdirSync(specDir, { recursive: true });
    const specPath = path.join(specDir, 'fed.l2spec.yaml');
    writeFileSync(specPath, FIXTURE);
    const configPath = path.join(dir, '.l2spec.yaml');
    writeFileSync(configPath, 'rules:\n  L2S-FIN-002: off\n');
    const client = await LspClient.start({ initializationOptions: { debounceMs: 0 }, workspaceFolders: [{ uri: fileUri(dir), name: 'ws' }], rootUri: fileUri(dir) });
    try {
      const uri = fileUri(specPath);
      await client.open(uri, FIXTURE, 1);
      const first = await client.diagnosticsFor(uri, 1);
      assert.equal(byCode(first.diagnostics, 'L2S-FIN-002').length, 0, 'turned off by .l2spec.yaml');

      writeFileSync(configPath, 'rules:\n  L2S-FIN-002: low\n');
      const next = client.nextDiagnostics(uri);
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(configPath), type: 2 }] });
      const second = await next;
      assert.equal(byCode(second.diagnostics, 'L2S-FIN-002')[0]?.severity, DiagnosticSeverity.Information);

      // Editor settings win over the repository file.
      const third = client.nextDiagnostics(uri);
      await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { rules: { 'L2S-FIN-002': 'critical' } } });
      assert.equal(byCode((await third).diagnostics, 'L2S-FIN-002')[0]?.severity, DiagnosticSeverity.Error);
    } finally {
      client.kill();
    }
  });

  it('guards against oversized files with l2spec.maxFileSize', async () => {
    const client = await LspClient.start({ initializationOptions: { debounceMs: 0, maxFileSize: 1000 } });
    try {
      const uri = 'untitled:max-size';
      await client.open(uri, FIXTURE, 1);
      const { diagnostics } = await client.diagnosticsFor(uri, 1);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.code, 'L2S-FMT-008');
    } finally {
      client.kill();
    }
  });
});

describe('l2spec language server: process', () => {
  it('shuts down and exits with code 0', async () => {
    const client = await LspClient.start();
    await client.open('untitled:bye', FIXTURE, 1);
    await client.diagnosticsFor('untitled:bye', 1);
    assert.equal(await client.stop(), 0);
  });

  it('speaks Node IPC when started with --node-ipc (how the extension starts it), and publishes there what the worker-serialised stdio path publishes', async () => {
    // Over stdio the analysis worker serialises the notification (transport.ts); over IPC the main
    // thread builds it: the same text must give the same diagnostics either way.
    const stdio = await LspClient.start({ initializationOptions: { debounceMs: 0 } });
    let overStdio: PublishDiagnosticsParams;
    try {
      await stdio.open('untitled:ipc', FIXTURE, 1);
      overStdio = await stdio.diagnosticsFor('untitled:ipc', 1);
    } finally {
      await stdio.stop();
    }
    const proc = fork(path.join(ROOT, 'dist', 'server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    const conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => resolve(p)));
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'untitled:ipc', languageId: 'l2spec', version: 1, text: FIXTURE } });
    const diagnostics = await published;
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    assert.equal(await exited, 0);
    conn.dispose();
    assert.equal(diagnostics.uri, 'untitled:ipc');
    assert.ok(diagnostics.diagnostics.length > 0);
    assert.deepEqual(overStdio.diagnostics, diagnostics.diagnostics);
  });

  it('runs through the package bin (npx l2spec-language-server --stdio)', async () => {
    const client = await LspClient.start({ args: [path.join(ROOT, 'bin', 'l2spec-language-server.js'), '--stdio'] });
    await client.open('untitled:bin', FIXTURE, 1);
    const { diagnostics } = await client.diagnosticsFor('untitled:bin', 1);
    assert.ok(diagnostics.length > 0);
    assert.equal(await client.stop(), 0);
  });
});
