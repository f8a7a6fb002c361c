// One owner for spec files: with a second YAML language server running in the same extension host
// (yaml-language-server, the server inside Red Hat's YAML extension) and a spec that names l2spec's
// schema in a `# yaml-language-server: $schema=` modeline, the spec gets each hover and completion once.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activateExtension, markdownText, waitFor, workspaceSpecs } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');

describe('one owner for spec files (extension host)', function () {
  let yaml: LanguageClient;
  let spec: vscode.TextDocument;
  let text: string;
  let modeline: string;

  before(async function () {
    await activateExtension();
    const schema = vscode.Uri.file(path.join(ROOT, 'schemas', 'l2spec.schema.json')).toString();
    const settings = { schemas: { [schema]: ['*.yaml', '**/*.yaml', '*.yml', '**/*.yml'] }, hover: true, completion: true, validate: true, schemaStore: { enable: false } };
    yaml = new LanguageClient('second-yaml', 'second YAML server', {
      module: path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'),
      transport: TransportKind.ipc,
    }, {
      documentSelector: [{ language: 'yaml' }],
      middleware: { workspace: { configuration: (params) => params.items.map((i) => (i.section === 'yaml' ? settings : null)) } },
    });
    await yaml.start();
    await yaml.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: settings } });
    const specs = await workspaceSpecs();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const example = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, specs.find((s) => /multisig|bridge/i.test(s)) ?? specs[0]!));
    text = example.getText();
    modeline = `# yaml-language-server: $schema=${schema}\n`;
    const uri = vscode.Uri.joinPath(folder, 'with-modeline.l2spec.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(modeline + text));
    spec = await vscode.workspace.openTextDocument(uri);
  });

  after(async function () {
    await yaml?.stop();
  });

  function systemKey(doc: vscode.TextDocument): vscode.Position {
    const line = [...Array(doc.lineCount).keys()].find((i) => /^system:/.test(doc.lineAt(i).text))!;
    return new vscode.Position(line, 2);
  }

  it('the second server serves a plain YAML copy of the spec (so it is really active)', async function () {
    // An unknown key: the second server reports it against the schema, which shows it read the copy.
    // A file (the schema association matches names), named like any YAML file, not like a spec.
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'plain-copy.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${modeline}notASpecKey: 1\n${text}`));
    const copy = await vscode.workspace.openTextDocument(uri);
    assert.equal(copy.languageId, 'yaml');
    await waitFor(vscode.languages.onDidChangeDiagnostics, () => (vscode.languages.getDiagnostics(copy.uri).length > 0 ? true : undefined), 'the second YAML server\'s diagnostics');
    assert.ok(vscode.languages.getDiagnostics(copy.uri).every((d) => d.source !== 'l2spec'), 'l2spec must not review a plain YAML file');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', copy.uri, systemKey(copy));
    assert.ok(hovers.length >= 1, 'the second YAML server gives no hover on a YAML file');
  });

  it('a spec is in the l2spec language and gets one hover and no duplicate completions', async function () {
    assert.equal(spec.languageId, 'l2spec');
    await waitFor(vscode.languages.onDidChangeDiagnostics, () => (vscode.languages.getDiagnostics(spec.uri).length > 0 ? true : undefined), 'l2spec\'s diagnostics for the spec');
    assert.ok(vscode.languages.getDiagnostics(spec.uri).every((d) => d.source === 'l2spec'), 'only l2spec reports on a spec');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', spec.uri, systemKey(spec));
    assert.equal(hovers.length, 1, `hovers: ${hovers.map((h) => markdownText(h.contents)).join('\n---\n')}`);
    const end = spec.lineAt(spec.lineCount - 1).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', spec.uri, end);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.length > 0, 'no completion at the end of the spec');
    assert.equal(new Set(labels).size, labels.length, `duplicate completion labels: ${labels.join(', ')}`);
  });
});
