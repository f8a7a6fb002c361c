// Preview conventions and review across revisions, in the real extension host:
//   - locked previews beside the dynamic one (Markdown's "Open Locked Preview to the Side");
//   - the comparison with git HEAD, read through the built-in git extension: the status bar
//     says when the tier changed since the last commit, or fewer must collude ("steal: 2 → 1
//     entities"), and its hover gives the path to the next tier.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openAndWaitForReport, openInEditor, waitFor, webviewTabs, workspaceSpecs, type L2specTestApi } from './helpers';

interface ReviewApi extends L2specTestApi {
  statusBarTooltip(): string | undefined;
  previewPanels(): readonly { resource: vscode.Uri; locked: boolean; title: string }[];
  reviews: L2specTestApi['reviews'] & {
    latest(uri: vscode.Uri): { version: number; snapshot: { tier: { label: string }; compare?: { label: string; regressed?: boolean; tier?: { oldLabel: string; newLabel: string; direction?: string }; coalitions?: { text: string }[] }; plan?: { goals: unknown[] } } } | undefined;
  };
}

/**
 * The hover's Markdown source as the words a reader sees: MarkdownString.appendText writes spaces
 * as `&nbsp;` and escapes Markdown punctuation (`\.`, `\>`, `\-`).
 */
function readable(markdown: string | undefined): string {
  return (markdown ?? '').replace(/&nbsp;/g, ' ').replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1');
}

function example(specs: string[], pattern: RegExp): string {
  const found = specs.find((s) => pattern.test(s));
  assert.ok(found, `no example matches ${pattern}`);
  return found;
}

describe('preview conventions and review across revisions (extension host)', function () {
  let api: ReviewApi;
  let specs: string[];

  before(async function () {
    api = (await activateExtension()) as ReviewApi;
    specs = await workspaceSpecs();
  });
  afterEach(async function () {
    await closeAllEditors();
  });

  it('keeps a locked preview on its spec while the dynamic preview follows the editor', async function () {
    const first = example(specs, /lightning/);
    const second = example(specs, /liquid/);
    const name = (p: string) => p.split('/').pop()!;
    await openInEditor(first);
    await vscode.commands.executeCommand('l2spec.openPreviewToSide');
    await vscode.commands.executeCommand('l2spec.openLockedPreviewToSide');
    await waitFor(vscode.window.tabGroups.onDidChangeTabs, () => (webviewTabs('l2spec.preview').length === 2 ? true : undefined), 'two preview tabs');
    assert.deepEqual(api.previewPanels().map((p) => [p.title, p.locked]).sort(), [[`Preview ${name(first)}`, false], [`[Preview] ${name(first)}`, true]].sort());

    // Back in the first column, open the other spec: only the dynamic preview follows it.
    await openInEditor(second, vscode.ViewColumn.One);
    await waitFor(vscode.window.tabGroups.onDidChangeTabs, () => (webviewTabs('l2spec.preview').some((t) => t.label === `Preview ${name(second)}`) ? true : undefined),
      'the dynamic preview to follow', 30_000, () => JSON.stringify(webviewTabs('l2spec.preview').map((t) => t.label)));
    assert.deepEqual(webviewTabs('l2spec.preview').map((t) => t.label).sort(), [`Preview ${name(second)}`, `[Preview] ${name(first)}`].sort());
  });

  describe('compare with git HEAD', function () {
    let root: string;
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=l2spec e2e', '-c', 'user.email=e2e@l2spec.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });

    before(async function () {
      try {
        execFileSync('git', ['--version']);
      } catch {
        this.skip(); // no git on this machine: the comparison degrades to nothing, which the unit tests cover
      }
      root = vscode.workspace.workspaceFolders![0].uri.fsPath;
      git('init', '-q');
      git('add', '-A');
      git('commit', '-q', '-m', 'the examples as committed');
      // The harness turns git off for speed; this suite needs it, with the workspace's repository open.
      await vscode.workspace.getConfiguration('git').update('enabled', true, vscode.ConfigurationTarget.Global);
      await vscode.workspace.getConfiguration('git').update('autoRepositoryDetection', true, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('git.openRepository', root);
    });
    after(async function () {
      // Back to the harness's settings (user settings hold git off).
      for (const key of ['enabled', 'autoRepositoryDetection']) await vscode.workspace.getConfiguration('git').update(key, false, vscode.ConfigurationTarget.Global);
    });

    it('says in the status bar when the tier changed since HEAD, and hovers the path to the next tier', async function () {
      const weak = example(specs, /multisig|bridge/);
      const strong = example(specs, /lightning/);
      const strongText = (await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, strong))).getText();
      const { editor } = await openAndWaitForReport(weak);
      const uri = editor.document.uri;
      const events = [api.reviews.onDidReview as vscode.Event<unknown>, vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>];
      const latest = () => api.reviews.latest(uri);

      // Unchanged since HEAD: the review carries the comparison, which finds nothing; the
      // weak design's hover gives the path to the next tier.
      const base = await waitFor(events, () => (latest()?.snapshot.compare ? latest() : undefined), 'a review compared with HEAD', 60_000,
        () => JSON.stringify({ text: api.statusBarText(), compare: latest()?.snapshot.compare }));
      assert.equal(base.snapshot.compare!.label, 'HEAD');
      assert.equal(base.snapshot.compare!.tier, undefined);
      const weakTier = base.snapshot.tier.label;
      assert.doesNotMatch(api.statusBarText() ?? '', /was/);
      await waitFor(events, () => (/No change since HEAD/.test(readable(api.statusBarTooltip())) ? true : undefined), 'the hover to say nothing changed');
      assert.match(readable(api.statusBarTooltip()), /What it would take[\s\S]*Tier (Moderate|Strong)/);

      // Replace the design with a stronger one: the status bar shows the rise since HEAD.
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), strongText));
      const changed = await waitFor(events, () => {
        const r = latest();
        return r && r.version === editor.document.version && r.snapshot.compare?.tier ? r : undefined;
      }, 'a review with the tier change', 60_000, () => JSON.stringify(latest()?.snapshot.compare));
      assert.equal(changed.snapshot.compare!.tier!.oldLabel, weakTier);
      assert.equal(changed.snapshot.compare!.tier!.direction, 'better');
      const text = await waitFor(events, () => (/was/.test(api.statusBarText() ?? '') ? api.statusBarText() : undefined), 'the status bar change');
      assert.equal(text, `$(shield) l2spec: ${changed.snapshot.tier.label} $(arrow-up) was ${weakTier}`);

      // The hover says what changed and what it would take to reach the next tier.
      const tooltip = readable(api.statusBarTooltip());
      assert.match(tooltip, /Since HEAD: tier .* → /);
      if (changed.snapshot.plan?.goals.length) assert.match(tooltip, /What it would take/);

      // Back to the committed text: no change shown.
      const committed = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), committed));
      await waitFor(events, () => (!/was/.test(api.statusBarText() ?? '') ? true : undefined), 'the status bar back to the tier alone');
    });

    it('says in the status bar when fewer must collude since HEAD, though the tier stayed', async function () {
      // Liquid: after the 4032-block timelock 2 of the 3 emergency keys can steal (2 entities: the
      // spec does not say they are the builder's). At 1-of-3 one key holder can: "steal: 2 → 1".
      const liquid = example(specs, /liquid/);
      const { editor } = await openAndWaitForReport(liquid);
      const uri = editor.document.uri;
      const events = [api.reviews.onDidReview as vscode.Event<unknown>, vscode.window.onDidChangeActiveTextEditor as vscode.Event<unknown>];
      const latest = () => api.reviews.latest(uri);
      await waitFor(events, () => (latest()?.snapshot.compare ? true : undefined), 'a review compared with HEAD', 60_000);
      const committed = editor.document.getText();
      assert.match(committed, /threshold: 2-of-3/);
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), committed.replace(/threshold: 2-of-3/g, 'threshold: 1-of-3')));
      const changed = await waitFor(events, () => {
        const r = latest();
        return r && r.version === editor.document.version && r.snapshot.compare?.coalitions ? r : undefined;
      }, 'a review with the coalition change', 60_000, () => JSON.stringify(latest()?.snapshot.compare));
      const tier = changed.snapshot.compare!.tier;
      assert.ok(!tier || tier.oldLabel === tier.newLabel, 'Weak either way (only its reasons may change)');
      assert.equal(changed.snapshot.compare!.regressed, true);
      const text = await waitFor(events, () => (/entities/.test(api.statusBarText() ?? '') ? api.statusBarText() : undefined), 'the status bar coalition change');
      assert.equal(text, `$(shield) l2spec: ${changed.snapshot.tier.label} $(arrow-down) steal: 2 → 1 entities`);
      assert.match(readable(api.statusBarTooltip()), /Since HEAD: steal: 2 → 1 entities, freeze: 7 → 8 entities/);

      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), committed));
      await waitFor(events, () => (!/entities/.test(api.statusBarText() ?? '') ? true : undefined), 'the status bar back to the tier alone');
    });
  });
});
