// Status bar item with the active spec's tier ("$(shield) l2spec: Moderate"), and the tier at git
// HEAD when it differs ("… $(arrow-up) was Weak"), or a smaller coalition since HEAD ("… $(arrow-down)
// steal: 11 → 3 entities", statusChange.ts). It follows the active editor, shows only for
// documents l2spec reviews, and opens the preview when clicked. Its hover explains the tier, the
// change since HEAD and what it would take to reach the next tier and stage.
import * as vscode from 'vscode';
import type { ReviewParams } from '../../server/src/protocol.js';
import type { ClientHost } from './clientHost.js';
import { Commands, ContextKeys } from './constants.js';
import { PREVIEW_VIEW_TYPE } from './preview/previewManager.js';
import type { LanguageClientReviewSource, ReviewSnapshot } from './reviewSource.js';
import { compareSummary, planGoalHeading } from '../../server/src/render/labels.js';
import { statusChange } from './statusChange.js';

const MAX_REASONS = 3;
/** Changes of a plan goal listed in the hover; the preview lists them all. */
const MAX_PLAN_STEPS = 4;

export class TierStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private lastSpecPaths = '';
  private lastSpec: vscode.TextDocument | undefined;
  /** The spec of the focused preview panel (set once the preview is registered). */
  private previewResource: () => vscode.Uri | undefined = () => undefined;

  constructor(private readonly host: ClientHost, private readonly reviews: LanguageClientReviewSource) {
    this.item = vscode.window.createStatusBarItem('l2spec.tier', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'l2spec tier';
    this.item.command = Commands.openPreview;
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidOpenTextDocument(() => this.updateSpecContext()),
      vscode.workspace.onDidCloseTextDocument(() => this.updateSpecContext()),
      // Untitled buffers become specs when their first `l2spec:` key is typed.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.isUntitled && e.document === vscode.window.activeTextEditor?.document) this.refresh();
      }),
      vscode.window.tabGroups.onDidChangeTabGroups(() => this.refresh()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.refresh()),
      reviews.onDidReview((review) => {
        if (review.uri === this.activeSpec()?.uri.toString()) this.refresh();
      }),
      host.onDidChangeSelector(() => this.refresh()),
    );
    this.refresh();
  }

  private visible = false;

  /** The shown text, or undefined when hidden (for tests in the extension host). */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  /** The hover's Markdown, or undefined when hidden (for tests in the extension host). */
  get tooltip(): string | undefined {
    if (!this.visible) return undefined;
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : t?.value;
  }

  refresh(): void {
    this.updateSpecContext();
    const document = this.activeSpec();
    if (!document) {
      this.hide();
      return;
    }
    const review = this.reviews.latest(document.uri);
    if (!review) {
      this.item.text = '$(loading~spin) l2spec';
      this.item.tooltip = 'l2spec is reviewing this design…';
      this.item.accessibilityInformation = { label: 'l2spec is reviewing this design' };
      this.show();
      return;
    }
    // A review older than the text is still the best available; the fresh one replaces it shortly.
    this.render(review, review.version < document.version);
    this.show();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Lets the item follow the focused preview panel's spec (a locked preview may show another spec than the last editor). */
  followPreview(resource: () => vscode.Uri | undefined, onDidChangeFocus: vscode.Event<void>): void {
    this.previewResource = resource;
    this.disposables.push(onDidChangeFocus(() => this.refresh()));
    this.refresh();
  }

  /**
   * The spec in the active editor; while an l2spec preview has focus (no text editor is active),
   * the spec that preview shows while it is open, else the spec last active, so the tier stays
   * visible beside its diagram.
   */
  private activeSpec(): vscode.TextDocument | undefined {
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      this.lastSpec = this.host.isSpec(editor.document) ? editor.document : undefined;
      return this.lastSpec;
    }
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const previewFocused = input instanceof vscode.TabInputWebview && input.viewType.endsWith(PREVIEW_VIEW_TYPE); // VS Code prefixes extension view types
    if (!previewFocused) return undefined;
    const shown = this.previewResource()?.toString();
    if (shown !== undefined) {
      // Its reviews exist only while the spec is open in the editor; a closed one shows nothing.
      return vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown && this.host.isSpec(d));
    }
    return this.lastSpec && !this.lastSpec.isClosed ? this.lastSpec : undefined;
  }

  private render(review: ReviewParams, outdated: boolean): void {
    const snapshot: ReviewSnapshot = review.snapshot;
    const tier = snapshot.tier.label;
    // Only a different tier, or a smaller coalition (a regression), is news here; a change of the
    // reasons alone shows in the hover and the preview.
    const change = statusChange(snapshot.compare);
    this.item.text = change ? `$(shield) l2spec: ${tier} ${change.text}` : `$(shield) l2spec: ${tier}`;
    // A tier that got worse since the last commit, or fewer parties who must collude, is what a reviewer must not miss.
    this.item.backgroundColor = change?.worse ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = {
      label: change ? `l2spec security tier: ${tier}, ${change.accessible}. Open the preview.` : `l2spec security tier: ${tier}. Open the preview.`,
    };
    this.item.tooltip = tooltipFor(snapshot, outdated);
  }

  private show(): void {
    this.visible = true;
    this.item.show();
  }

  private hide(): void {
    this.visible = false;
    this.item.hide();
  }

  /** Lets `when` clauses recognise specs matched through settings or `.l2spec.yaml`, not just by name. */
  private updateSpecContext(): void {
    const paths = vscode.workspace.textDocuments.filter((d) => this.host.isSpec(d)).map((d) => d.uri.fsPath || d.uri.path);
    const key = paths.join('\u0000');
    if (key === this.lastSpecPaths) return;
    this.lastSpecPaths = key;
    void vscode.commands.executeCommand('setContext', ContextKeys.specPaths, paths);
  }
}

/**
 * The hover: tier and reasons, stage, the change since HEAD and the path to the next tier and
 * stage ("What it would take"). Spec text reaches it through reasons, titles and the system name;
 * appendText escapes all of it.
 */
export function tooltipFor(snapshot: ReviewSnapshot, outdated: boolean): vscode.MarkdownString {
  const tier = snapshot.tier.label;
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown('**');
  tooltip.appendText(snapshot.system);
  tooltip.appendMarkdown('**\n\nl2spec tier: **');
  tooltip.appendText(tier);
  tooltip.appendMarkdown('** — ');
  tooltip.appendText(snapshot.tier.meaning);
  tooltip.appendMarkdown('\n\n');
  const reasons = snapshot.tier.reasons.slice(0, MAX_REASONS);
  for (const reason of reasons) {
    tooltip.appendMarkdown('- ');
    tooltip.appendText(reason.text);
    if (reason.ruleId && !reason.text.includes(reason.ruleId)) {
      tooltip.appendMarkdown(' (');
      tooltip.appendText(reason.ruleId);
      tooltip.appendMarkdown(')');
    }
    tooltip.appendMarkdown('\n');
  }
  if (snapshot.tier.reasons.length > reasons.length) {
    tooltip.appendMarkdown(`- … ${snapshot.tier.reasons.length - reasons.length} more in the preview\n`);
  }
  tooltip.appendMarkdown('\n**L2BEAT stage:** ');
  tooltip.appendText(snapshot.stage.label);
  const open = countOpen(snapshot);
  tooltip.appendMarkdown(`\n\n${open === 0 ? 'No open findings' : `${open} open finding${open === 1 ? '' : 's'}`}`);
  if (outdated) tooltip.appendMarkdown(' · updating…');

  if (snapshot.compare) {
    tooltip.appendMarkdown('\n\n$(git-commit) ');
    tooltip.appendText(compareSummary(snapshot.compare));
  }

  const goals = snapshot.plan?.goals ?? [];
  if (goals.length) {
    tooltip.appendMarkdown('\n\n**What it would take**\n\n');
    for (const goal of goals) {
      tooltip.appendMarkdown('- ');
      tooltip.appendText(planGoalHeading(goal));
      tooltip.appendMarkdown('\n');
      for (const step of goal.steps.slice(0, MAX_PLAN_STEPS)) {
        tooltip.appendMarkdown('  - ');
        tooltip.appendText(step.title);
        tooltip.appendMarkdown('\n');
      }
      if (goal.steps.length > MAX_PLAN_STEPS) tooltip.appendMarkdown(`  - … ${goal.steps.length - MAX_PLAN_STEPS} more in the preview\n`);
    }
    tooltip.appendMarkdown('\nEach change is also a code action (Refactor…) in the spec.\n');
  }
  tooltip.appendMarkdown('\n\n$(open-preview) Click to open the preview');
  return tooltip;
}

function countOpen(snapshot: ReviewSnapshot): number {
  return Object.values(snapshot.counts).reduce((sum, n) => sum + n, 0);
}
