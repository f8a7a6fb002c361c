// l2spec diff: what a change to a design does to its tier, stage, ratings and findings.
//   l2spec diff <old> <new>                      two files
//   l2spec diff --base <git-rev> [paths…]       each spec against its version at <git-rev>
// Specs renamed since the base are paired by system.name. Output: text, json (the contract is
// DiffReport below) or markdown (for a pull-request comment or $GITHUB_STEP_SUMMARY).
// Exit codes: 0; 1 with --fail-on-regression when the tier, stage or a rating got worse or a new
// (or more severe) finding is at or above --fail-on; 2 on a usage error or unreadable input.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { analyze, diffAnalyses, ENGINE_VERSION, regressions, type AnalysisDiff, type AnalysisResult, type L2specConfig, type Severity } from '../engine/index.js';
import { collectSpecFiles, ConfigCache, readInput, SPEC_FILE, UsageError } from './files.js';
import { markdownText, terminalSafe } from './escape.js';
import { coalitionDiffMarkdown, coalitionDiffText } from './collude.js';

export const DIFF_FORMATS = ['text', 'json', 'markdown'] as const;

/** The options of `l2spec diff`, as commander parses them (see main.ts). */
export interface DiffOptions {
  base?: string;
  format: (typeof DIFF_FORMATS)[number];
  failOnRegression?: boolean;
  failOn: Severity | 'never';
  output?: string;
}

/** One pair of specs. `old`/`new` are null for a spec added or removed since the base. */
export interface FileDiff {
  old: string | null;
  new: string | null;
  status: 'modified' | 'unchanged' | 'renamed' | 'added' | 'removed';
  system: string | null;
  tier: { old: string | null; new: string | null };
  stage: { old: string | null; new: string | null };
  /** Absent for added and removed specs. */
  diff?: AnalysisDiff;
  /** Regressions that count for --fail-on-regression (at or above --fail-on for findings). */
  regressions: string[];
}

/** The JSON output of `l2spec diff` (a public contract; see README). */
export interface DiffReport {
  version: string;
  base: string | null;
  files: FileDiff[];
  regressed: boolean;
}

/**
 * Entry point of `l2spec diff`: compares, writes the report with `write` (path or stdout) and
 * returns the exit code (1 only with --fail-on-regression and a regression). Throws UsageError
 * (exit 2) on a wrong number of files, unreadable input or a git failure.
 */
export function runDiff(paths: readonly string[], options: DiffOptions, write: (path: string | undefined, text: string) => void): number {
  const report = options.base ? diffAgainstGit(options.base, paths.length ? [...paths] : ['.'], options) : diffFiles([...paths], options);
  const out = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : options.format === 'markdown' ? toMarkdown(report) : toText(report);
  write(options.output, out);
  return options.failOnRegression && report.regressed ? 1 : 0;
}

function read(file: string): string {
  return readInput(file);
}

// One cache per run: each folder's .l2spec.yaml is read once, its problems reported once.
const configs = new ConfigCache((c) => {
  for (const p of c.problems) process.stderr.write(`l2spec: ${terminalSafe(c.path)}: ${terminalSafe(p)}\n`);
});

function configFor(file: string): L2specConfig {
  return configs.forFolder(dirname(resolve(file)))?.config ?? {};
}

function diffFiles(positionals: string[], options: DiffOptions): DiffReport {
  if (positionals.length !== 2) throw new UsageError('diff needs two spec files (old and new), or --base <git-rev> [paths…]');
  const [oldFile, newFile] = positionals as [string, string];
  const config = configFor(newFile);
  // Two files named by the user are two versions of one design, not a rename.
  const pair = compare(oldFile, analyze(read(oldFile), { config }), newFile, analyze(read(newFile), { config }), options, false);
  return { version: ENGINE_VERSION, base: null, files: [pair], regressed: pair.regressions.length > 0 };
}

function compare(oldPath: string, a: AnalysisResult, newPath: string, b: AnalysisResult, options: DiffOptions, pathsMatter = true): FileDiff {
  const diff = diffAnalyses(a, b);
  // With --fail-on never, findings never fail the run; a worse tier, stage or rating still does.
  const regs = regressions(diff, options.failOn);
  return {
    old: oldPath, new: newPath,
    status: pathsMatter && oldPath !== newPath ? 'renamed' : diff.changed ? 'modified' : 'unchanged',
    system: b.system ?? a.system ?? null,
    tier: { old: a.assessment.tier.value, new: b.assessment.tier.value },
    stage: { old: a.assessment.stage.value, new: b.assessment.stage.value },
    diff, regressions: regs,
  };
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new UsageError(`git ${args.join(' ')} failed: ${(e.stderr || e.message).trim().split('\n')[0]}`);
  }
}

/** Every spec under `paths` now, against its text at `rev` (paired by path, else by system.name). */
function diffAgainstGit(rev: string, paths: string[], options: DiffOptions): DiffReport {
  const firstDir = (() => {
    const p = resolve(paths[0]!);
    try {
      return statSync(p).isDirectory() ? p : dirname(p);
    } catch {
      return dirname(p);
    }
  })();
  const top = git(firstDir, ['rev-parse', '--show-toplevel']).trim();
  git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  const toRepo = (p: string) => relative(top, resolve(p)).split(sep).join('/');
  const scopes = paths.map(toRepo).map((p) => p === '' ? '.' : p);
  const current = collectSpecFiles(paths, configs).map((f) => ({ file: f, repo: toRepo(f) }));
  // Every path of the old tree: a spec named by a `files:` glob (not *.l2spec.yaml) is still
  // paired with its old text by path.
  const oldTree = new Set(git(top, ['ls-tree', '-r', '--name-only', rev]).split('\n').filter(Boolean));
  const inScope = (p: string) => scopes.some((s) => s === '.' || p === s || p.startsWith(`${s}/`));
  const isSpecName = (p: string) => SPEC_FILE.test(p.split('/').pop()!);
  const oldText = (p: string) => git(top, ['show', `${rev}:${p}`]);
  const files: FileDiff[] = [];
  const display = (repoPath: string) => {
    const rel = relative(process.cwd(), resolve(top, repoPath)).split(sep).join('/');
    return rel && !rel.startsWith('..') ? rel : repoPath;
  };
  const currentPaths = new Set(current.map((c) => c.repo));
  // Old specs under the paths asked about that are gone from there: removed, unless paired with a rename.
  const unmatchedOld = new Set([...oldTree].filter((p) => isSpecName(p) && inScope(p) && !currentPaths.has(p)));
  const oldResults = new Map<string, AnalysisResult>();
  const oldAnalysis = (p: string, config: L2specConfig) => {
    let r = oldResults.get(p);
    if (!r) {
      r = analyze(oldText(p), { config });
      oldResults.set(p, r);
    }
    return r;
  };
  // Rename candidates, by system.name: the unmatched old specs in scope, and any old spec of the
  // repository whose file no longer exists (a spec named as a path may come from anywhere).
  // Built only when a current spec has no old text at its path.
  let oldByName: Map<string, { path: string; result: AnalysisResult }> | undefined;
  const renameCandidates = () => {
    if (oldByName) return oldByName;
    oldByName = new Map();
    const gone = [...oldTree].filter((p) => isSpecName(p) && !currentPaths.has(p) && (unmatchedOld.has(p) || !existsSync(resolve(top, p))));
    for (const p of gone) {
      const r = oldAnalysis(p, configFor(resolve(top, p)));
      if (r.system && !oldByName.has(r.system)) oldByName.set(r.system, { path: p, result: r });
    }
    return oldByName;
  };
  const paired = new Set<string>();
  for (const { file, repo } of current) {
    const config = configFor(file);
    const now = analyze(read(file), { config });
    if (oldTree.has(repo)) {
      files.push(compare(display(repo), oldAnalysis(repo, config), display(repo), now, options));
      continue;
    }
    const renamed = now.system ? renameCandidates().get(now.system) : undefined;
    if (renamed && !paired.has(renamed.path)) {
      paired.add(renamed.path);
      unmatchedOld.delete(renamed.path);
      files.push(compare(display(renamed.path), renamed.result, display(repo), now, options));
      continue;
    }
    files.push({
      old: null, new: display(repo), status: 'added', system: now.system ?? null,
      tier: { old: null, new: now.assessment.tier.value }, stage: { old: null, new: now.assessment.stage.value }, regressions: [],
    });
  }
  for (const p of unmatchedOld) {
    const r = oldAnalysis(p, configFor(resolve(top, p)));
    files.push({ old: display(p), new: null, status: 'removed', system: r.system ?? null, tier: { old: r.assessment.tier.value, new: null }, stage: { old: r.assessment.stage.value, new: null }, regressions: [] });
  }
  return { version: ENGINE_VERSION, base: rev, files, regressed: files.some((f) => f.regressions.length > 0) };
}

// ---------- text and Markdown ----------

const ARROW: Record<string, string> = { better: '▲', worse: '▼', changed: '•' };

function title(f: FileDiff): string {
  const name = f.new ?? f.old ?? '';
  return f.old && f.new && f.old !== f.new ? `${f.old} → ${f.new}` : name;
}

export function toText(report: DiffReport): string {
  const out: string[] = [];
  for (const f of report.files) {
    out.push(`${title(f)}${f.system ? ` (${f.system})` : ''}: ${f.status}`);
    if (!f.diff) {
      out.push(f.status === 'added' ? `  new spec: tier ${f.tier.new}, stage ${f.stage.new}` : `  removed (was tier ${f.tier.old}, stage ${f.stage.old})`);
      out.push('');
      continue;
    }
    const d = f.diff;
    if (!d.changed) {
      out.push(`  no change: tier ${f.tier.new}, stage ${f.stage.new}`);
      out.push('');
      continue;
    }
    const reasons = (v: { reasonsAdded: string[]; reasonsRemoved: string[] }) => {
      for (const t of v.reasonsRemoved) out.push(`      - ${t}`);
      for (const t of v.reasonsAdded) out.push(`      + ${t}`);
    };
    // A verdict whose value stayed is named once, with the reasons that changed.
    const verdict = (label: string, v: { old: string; new: string; direction?: string } & Parameters<typeof reasons>[0]) => {
      out.push(v.old === v.new ? `  ${label}${v.new} (reasons changed)` : `  ${label}${v.old} → ${v.new} ${v.direction ? ARROW[v.direction] : ''}`.trimEnd());
      reasons(v);
    };
    if (d.tier) verdict('tier   ', d.tier);
    else out.push(`  tier   ${f.tier.new} (unchanged)`);
    if (d.stage) verdict('stage  ', d.stage);
    for (const r of d.ratings) {
      out.push(`  ${r.framework} ${r.axis}: ${r.old === r.new ? `${r.new} (reasons changed)` : `${r.old} → ${r.new} ${ARROW[r.direction!]}`}`);
      reasons(r);
    }
    for (const p of d.pegs) {
      out.push(p.old !== undefined && p.old === p.new
        ? `  peg ${p.id} custody: ${p.new} (reasons changed)`
        : `  peg ${p.id} custody: ${p.old ?? '(new)'} → ${p.new ?? '(removed)'}${p.direction ? ` ${ARROW[p.direction]}` : ''}`);
      reasons(p);
    }
    out.push(...coalitionDiffText(d));
    for (const x of d.findings.added) out.push(`  + ${x.severity} ${x.ruleId} ${x.stablePath}: ${x.message}`);
    for (const x of d.findings.removed) out.push(`  - ${x.severity} ${x.ruleId} ${x.stablePath}${x.suppressed ? ' (now suppressed)' : ''}: ${x.message}`);
    for (const x of d.findings.changedSeverity) out.push(`  ~ ${x.ruleId} ${x.stablePath}: ${x.old} → ${x.new} ${ARROW[x.direction]}`);
    if (f.regressions.length) out.push(`  regressions: ${f.regressions.join('; ')}`);
    out.push('');
  }
  out.push(report.regressed ? 'Regressed.' : 'No regression.');
  // Names, messages and reasons come from the spec: shown escaped, never interpreted.
  return `${out.map(terminalSafe).join('\n')}\n`;
}

const md = markdownText;

export function toMarkdown(report: DiffReport): string {
  const out: string[] = [`## l2spec design review${report.base ? ` against ${md(report.base)}` : ''}`, ''];
  out.push(report.regressed ? '**⚠️ This change makes the design weaker.**' : 'No regression.', '');
  for (const f of report.files) {
    out.push(`### ${md(title(f))}${f.system ? ` — ${md(f.system)}` : ''} (${f.status})`, '');
    if (!f.diff) {
      out.push(f.status === 'added' ? `New spec: tier **${f.tier.new}**, stage ${f.stage.new}.` : `Removed (was tier **${f.tier.old}**, stage ${f.stage.old}).`, '');
      continue;
    }
    const d = f.diff;
    if (!d.changed) {
      out.push(`No change to the assessment or findings (tier **${f.tier.new}**, stage ${f.stage.new}).`, '');
      continue;
    }
    out.push('| | before | after | |', '|---|---|---|---|');
    out.push(`| Tier | ${f.tier.old} | ${f.tier.new} | ${d.tier?.direction ? ARROW[d.tier.direction] : ''} |`);
    out.push(`| Stage | ${f.stage.old} | ${f.stage.new} | ${d.stage?.direction ? ARROW[d.stage.direction] : ''} |`);
    for (const r of d.ratings) out.push(`| ${r.framework}: ${r.axis} | ${r.old} | ${r.new} | ${r.direction ? ARROW[r.direction] : 'reasons'} |`);
    for (const p of d.pegs) out.push(`| Peg ${md(p.id)} custody | ${p.old ?? '—'} | ${p.new ?? '—'} | ${p.direction ? ARROW[p.direction] : ''} |`);
    out.push('');
    const reasons = d.ratings.filter((r) => r.reasonsAdded.length || r.reasonsRemoved.length);
    if (reasons.length) {
      out.push('<details><summary>Reasons that changed</summary>', '');
      for (const r of reasons) {
        out.push(`**${r.axis}**`, '');
        for (const t of r.reasonsRemoved) out.push(`- ~~${md(t)}~~`);
        for (const t of r.reasonsAdded) out.push(`- ${md(t)}`);
        out.push('');
      }
      out.push('</details>', '');
    }
    out.push(...coalitionDiffMarkdown(d));
    if (d.findings.added.length) {
      out.push('**New findings**', '');
      for (const x of d.findings.added) out.push(`- **${x.severity}** \`${x.ruleId}\` at ${md(x.stablePath)}: ${md(x.message)}`);
      out.push('');
    }
    if (d.findings.removed.length) {
      out.push('**Fixed findings**', '');
      for (const x of d.findings.removed) out.push(`- ${x.severity} \`${x.ruleId}\` at ${md(x.stablePath)}${x.suppressed ? ' (now suppressed)' : ''}: ${md(x.message)}`);
      out.push('');
    }
    if (d.findings.changedSeverity.length) {
      out.push('**Severity changed**', '');
      for (const x of d.findings.changedSeverity) out.push(`- \`${x.ruleId}\` at ${md(x.stablePath)}: ${x.old} → ${x.new}`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

