// The client's git HEAD tracker (client/src/review/baseRevisions.ts) against the vscode API fake
// and a fake of the built-in git extension's API: what it sends the server (l2spec/baseRevision)
// as specs open, HEAD moves, the server restarts or the setting changes, and that it sends
// nothing at all without git, outside a repository or for an uncommitted file.
import assert from 'node:assert/strict';
import type * as FakeApi from './fakeVscode.js';
import { vscode } from './useFakeVscode.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BaseRevisionTracker } = require('../../client/src/review/baseRevisions.ts') as typeof import('../../client/src/review/baseRevisions.js');

const ROOT = '/work/repo';
const SPEC = vscode.Uri.file(`${ROOT}/designs/bridge.l2spec.yaml`);
const NEW_SPEC = vscode.Uri.file(`${ROOT}/designs/new.l2spec.yaml`);
const NOTES = vscode.Uri.file(`${ROOT}/notes.yaml`);
const OUTSIDE = vscode.Uri.file('/elsewhere/other.l2spec.yaml');

/** A repository whose HEAD and committed files the test controls. */
class FakeRepo {
  readonly rootUri = vscode.Uri.file(ROOT);
  head: string | undefined = 'c1';
  /** commit → path → text */
  readonly commits = new Map<string, Map<string, string>>([['c1', new Map([[SPEC.fsPath, 'l2spec: 1 # at c1']])]]);
  readonly changed = new vscode.EventEmitter<void>();
  readonly shown: string[] = [];
  readonly state = {
    get HEAD() { return repo.head === undefined ? undefined : { name: 'main', commit: repo.head }; },
    onDidChange: this.changed.event,
  };
  async show(ref: string, path: string): Promise<string> {
    this.shown.push(`${ref}:${path}`);
    const text = this.commits.get(ref)?.get(path);
    if (text === undefined) throw new Error(`fatal: path '${path}' exists on disk, but not in '${ref}'`);
    return text;
  }
}
let repo: FakeRepo;

class FakeGit {
  enabled = true;
  readonly enablement = new vscode.EventEmitter<boolean>();
  readonly onDidChangeEnablement = this.enablement.event;
  readonly opened = new vscode.EventEmitter<FakeRepo>();
  repositories: FakeRepo[] = [];
  /** The real extension fires enablement from inside `model = …`, before it sets what getAPI also needs. */
  apiReady = true;
  getAPI() {
    if (!this.apiReady) throw new Error('Git model not found');
    // Like the real API, a new wrapper object for the same repository on every call.
    const wrap = (r: FakeRepo) => ({ rootUri: r.rootUri, state: r.state, show: (ref: string, path: string) => r.show(ref, path) });
    const repositories = () => this.repositories;
    return {
      state: 'initialized' as const,
      onDidChangeState: new vscode.EventEmitter<'initialized'>().event,
      get repositories() { return repositories().map(wrap); },
      onDidOpenRepository: (listener: (r: ReturnType<typeof wrap>) => unknown) => this.opened.event((r) => listener(wrap(r))),
      onDidCloseRepository: new vscode.EventEmitter<FakeRepo>().event,
      getRepository: (uri: FakeApi.Uri) => {
        const found = this.repositories.find((r) => uri.path.startsWith(`${r.rootUri.path}/`));
        return found ? wrap(found) : null;
      },
    };
  }
}

class FakeHost {
  readonly sent: { uri: string; label: string; text: string | null }[] = [];
  readonly selector = new vscode.EventEmitter<void>();
  readonly started = new vscode.EventEmitter<void>();
  readonly onDidChangeSelector = this.selector.event;
  readonly onDidStartServer = this.started.event;
  isSpec(document: FakeApi.FakeDocument): boolean { return document.languageId === 'l2spec'; }
  async sendNotification(method: string, params: { uri: string; label: string; text: string | null }): Promise<void> {
    assert.equal(method, 'l2spec/baseRevision');
    this.sent.push(params);
  }
}

const logs: string[] = [];
const output = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m) };
const spec = (uri: FakeApi.Uri, languageId = 'l2spec'): FakeApi.FakeDocument => ({ uri, languageId, version: 1 });

/** Lets the tracker's promise chains (activate, show, send) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('git HEAD tracker (l2spec/baseRevision)', function () {
  let host: FakeHost;
  let git: FakeGit;
  let tracker: InstanceType<typeof BaseRevisionTracker> | undefined;

  beforeEach(function () {
    vscode.resetFake();
    logs.length = 0;
    repo = new FakeRepo();
    host = new FakeHost();
    git = new FakeGit();
    git.repositories = [repo];
  });
  afterEach(function () {
    tracker?.dispose();
    tracker = undefined;
  });

  function withGitExtension(active = true): void {
    vscode.state.extensions.set('vscode.git', { isActive: active, exports: git, activate: async () => git });
  }
  function start(): void {
    tracker = new BaseRevisionTracker(host as never, output);
  }

  it('sends each open spec\'s text at HEAD, and only for specs inside a repository', async function () {
    withGitExtension(false); // activated on demand
    vscode.state.documents = [spec(SPEC), spec(NOTES, 'yaml'), spec(OUTSIDE), { ...spec(vscode.Uri.parse('untitled:Untitled-1')) }];
    start();
    await settle();
    assert.deepEqual(host.sent, [{ uri: SPEC.toString(), label: 'HEAD', text: 'l2spec: 1 # at c1' }]);
    assert.deepEqual(repo.shown, [`c1:${SPEC.fsPath}`]);
  });

  it('sends nothing without the git extension, with git disabled, or for an uncommitted file', async function () {
    vscode.state.documents = [spec(SPEC)];
    start();
    await settle();
    assert.deepEqual(host.sent, [], 'no git extension');
    tracker!.dispose();

    withGitExtension();
    git.enabled = false;
    start();
    await settle();
    assert.deepEqual(host.sent, [], 'git disabled');
    // Turning git on later connects, once the git extension has finished enabling itself
    // (VS Code's git main.js: `u.model = f, u.cloneManager = m`; the event fires on the first).
    git.enabled = true;
    git.apiReady = false;
    git.enablement.fire(true);
    git.apiReady = true;
    await settle();
    assert.equal(host.sent.length, 1);

    vscode.state.documents.push(spec(NEW_SPEC));
    vscode.state.documentOpened.fire(vscode.state.documents[1]!);
    await settle();
    assert.equal(host.sent.length, 1, 'an untracked spec has no base and nothing is sent for it');
    assert.equal(logs.length, 0, 'nothing to report: no git is not an error');
  });

  it('follows HEAD: a commit sends the new base, a file gone from HEAD sends null; status refreshes alone send nothing', async function () {
    withGitExtension();
    vscode.state.documents = [spec(SPEC)];
    start();
    await settle();
    repo.changed.fire(); // a save refreshes the status; HEAD is still c1
    await settle();
    assert.equal(host.sent.length, 1);

    repo.commits.set('c2', new Map([[SPEC.fsPath, 'l2spec: 1 # at c2']]));
    repo.head = 'c2';
    repo.changed.fire();
    await settle();
    assert.deepEqual(host.sent.at(-1), { uri: SPEC.toString(), label: 'HEAD', text: 'l2spec: 1 # at c2' });

    repo.commits.set('c3', new Map());
    repo.head = 'c3';
    repo.changed.fire();
    await settle();
    assert.deepEqual(host.sent.at(-1), { uri: SPEC.toString(), label: 'HEAD', text: null }, 'the server forgets the old base');
    assert.equal(host.sent.length, 3);
  });

  it('sends the bases again to a restarted server, and forgets a closed document', async function () {
    withGitExtension();
    const doc = spec(SPEC);
    vscode.state.documents = [doc];
    start();
    await settle();
    host.started.fire();
    await settle();
    assert.equal(host.sent.length, 2);
    assert.deepEqual(host.sent[1], host.sent[0]);
    vscode.state.documents = [];
    vscode.state.documentClosed.fire(doc);
    host.started.fire();
    await settle();
    assert.equal(host.sent.length, 2, 'a closed document is not resent');
  });

  it('l2spec.compareWithHead: false forgets every base on the server; true sends them again', async function () {
    withGitExtension();
    vscode.state.documents = [spec(SPEC)];
    start();
    await settle();
    vscode.setConfig('l2spec.compareWithHead', false);
    await settle();
    assert.deepEqual(host.sent.at(-1), { uri: SPEC.toString(), label: 'HEAD', text: null });
    repo.commits.set('c2', new Map([[SPEC.fsPath, 'changed']]));
    repo.head = 'c2';
    repo.changed.fire();
    await settle();
    assert.equal(host.sent.length, 2, 'off: HEAD moves are ignored');
    vscode.setConfig('l2spec.compareWithHead', true);
    await settle();
    assert.deepEqual(host.sent.at(-1), { uri: SPEC.toString(), label: 'HEAD', text: 'changed' });
  });

  it('picks up a repository that opens after the spec', async function () {
    git.repositories = [];
    withGitExtension();
    vscode.state.documents = [spec(SPEC)];
    start();
    await settle();
    assert.deepEqual(host.sent, []);
    git.repositories.push(repo);
    git.opened.fire(repo);
    await settle();
    assert.equal(host.sent.length, 1);
  });
});
