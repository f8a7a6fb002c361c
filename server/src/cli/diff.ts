// l2spec diff: what a change to a design does to its tier, stage, ratings, thresholds and findings.
//   l2spec diff <old> <new>                      two files
//   l2spec diff --base <git-rev> [paths…]       each spec against its version at <git-rev>
// With --base, specs are paired by path, then (renamed or moved) by content: identical text, else
// the most similar text (at least half its lines in common), else the same system.name. What counts
// as a regression for added, removed and renamed specs is in README ("diff") and docs/ci.md.
// Output: text, json (the contract is DiffReport below) or markdown (for a pull-request comment or
// $GITHUB_STEP_SUMMARY).
// Exit codes: 0; 1 with --fail-on-regression when the tier, stage, a rating or a threshold got
// worse, fewer entities can cause a failure ("steal: 11 → 3 entities"), a new (or more severe)
// finding is at or above --fail-on, or an added spec fails check's gate; 2 on a usage error or
// unreadable input (a spec that cannot be read is never skipped).
import { execFileSync } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { analyze, diffAnalyses, ENGINE_VERSION, regressions, SEVERITIES, type AnalysisDiff, type AnalysisResult, type L2specConfig, type Severity } from '../engine/index.js';
import { collectSpecFiles, ConfigCache, MAX_READ_BYTES, readInput, SPEC_FILE, UsageError, type Unreadable } from './files.js';
import { markdownText, terminalSafe } from './escape.js';
import { writeErr } from './ciSafe.js';
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
  /**
   * How a renamed spec was paired with its old version: `identical` text, `similar` text (with
   * `similarity`, the share of lines in common, 0.5–1) or the same `system-name`.
   */
  pairedBy?: 'identical' | 'similar' | 'system-name';
  similarity?: number;
  system: string | null;
  tier: { old: string | null; new: string | null };
  stage: { old: string | null; new: string | null };
  /** Absent for added and removed specs. */
  diff?: AnalysisDiff;
  /**
   * Regressions that count for --fail-on-regression: what got worse (findings at or above
   * --fail-on); for an added spec, its active findings at or above --fail-on (check's gate).
   */
  regressions: string[];
}

/** The JSON output of `l2spec diff` (a public contract; see README). */
export interface DiffReport {
  version: string;
  base: string | null;
  files: FileDiff[];
  regressed: boolean;
  /** Specs (or folders) that could not be read: the run fails with exit 2. Absent when none. */
  unreadable?: Unreadable[];
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
  for (const u of report.unreadable ?? []) writeErr(`l2spec: ${u.error}\n`);
  if (report.unreadable?.length) {
    writeErr(`l2spec: ${report.unreadable.length} spec${report.unreadable.length === 1 ? '' : 's'} could not be compared; failing the run (exit 2)\n`);
    return 2;
  }
  return options.failOnRegression && report.regressed ? 1 : 0;
}

function read(file: string): string {
  return readInput(file);
}

// One cache per run: each folder's .l2spec.yaml is read once, its problems reported once.
const configs = new ConfigCache((c) => {
  for (const p of c.problems) writeErr(`l2spec: ${terminalSafe(c.path)}: ${terminalSafe(p)}\n`);
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

function compare(oldPath: string, a: AnalysisResult, newPath: string, b: AnalysisResult, options: DiffOptions, pathsMatter = true, pairing?: Pairing): FileDiff {
  const diff = diffAnalyses(a, b);
  // With --fail-on never, findings never fail the run; a worse tier, stage, rating or threshold still does.
  const regs = regressions(diff, options.failOn);
  return {
    old: oldPath, new: newPath,
    status: pathsMatter && oldPath !== newPath ? 'renamed' : diff.changed ? 'modified' : 'unchanged',
    ...(pathsMatter && oldPath !== newPath && pairing ? { pairedBy: pairing.by, ...(pairing.by === 'similar' ? { similarity: pairing.similarity } : {}) } : {}),
    system: b.system ?? a.system ?? null,
    tier: { old: a.assessment.tier.value, new: b.assessment.tier.value },
    stage: { old: a.assessment.stage.value, new: b.assessment.stage.value },
    diff, regressions: regs,
  };
}

function git(cwd: string, args: string[]): string {
  return gitBytes(cwd, args).toString('utf8');
}

function gitBytes(cwd: string, args: string[]): Buffer {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stderr?: Buffer | string; message: string };
    throw new UsageError(`git ${terminalSafe(args.join(' '))} failed: ${terminalSafe((String(e.stderr ?? '') || e.message).trim().split('\n')[0] ?? '')}`);
  }
}

/** One blob of the base tree, from `git ls-tree -r -l -z` (paths exactly as stored, never quoted). */
interface TreeEntry {
  mode: string;
  oid: string;
  size: number;
  path: string;
}

/**
 * Every blob of `rev`'s tree by repository path. `-z` gives each path as it is, NUL-terminated:
 * without it git quotes non-ASCII and unusual names ("d\303\251signs/…") and they would match
 * nothing in the working tree.
 */
function lsTree(top: string, rev: string): Map<string, TreeEntry> {
  const out = new Map<string, TreeEntry>();
  for (const record of git(top, ['ls-tree', '-r', '-l', '-z', '--full-tree', rev]).split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob' || !mode || !oid) continue; // submodules (commits) are not specs
    out.set(record.slice(tab + 1), { mode, oid, size: Number(size), path: record.slice(tab + 1) });
  }
  return out;
}

/** The text of a spec in the base tree, through symbolic links inside the tree; an error message when there is none. */
function treeText(top: string, tree: Map<string, TreeEntry>, path: string): { text: string } | { error: string } {
  let entry = tree.get(path);
  for (let hops = 0; entry && entry.mode === '120000'; hops++) {
    if (hops >= 8) return { error: 'too many symbolic links' };
    const target = gitBytes(top, ['cat-file', 'blob', entry.oid]).toString('utf8');
    const next = posix.normalize(posix.join(posix.dirname(entry.path), target));
    if (posix.isAbsolute(target) || next.startsWith('../') || next === '..') return { error: 'a symbolic link out of the repository' };
    entry = tree.get(next);
  }
  if (!entry) return { error: 'a symbolic link to nothing in the tree' };
  if (entry.size > MAX_READ_BYTES) return { error: 'larger than l2spec reads' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(gitBytes(top, ['cat-file', 'blob', entry.oid])) };
  } catch {
    return { error: 'not UTF-8 text' };
  }
}

/** How a current spec was paired with an old one at another path. */
interface Pairing {
  by: 'identical' | 'similar' | 'system-name';
  similarity: number;
}

/** Below this share of lines in common, two texts are not versions of one spec (git's rename default is 50% too). */
export const RENAME_SIMILARITY = 0.5;
/** Content pairing compares every unpaired new spec with every unpaired old one, up to this many pairs. */
const MAX_SIMILARITY_PAIRS = 250_000;

function lineCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split(/\r\n|\r|\n/)) {
    const l = line.trim();
    if (l) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return counts;
}

/**
 * How alike two spec texts are: the share of their non-blank lines (trimmed, counted with
 * repeats) they have in common, 2·common / (lines of a + lines of b), from 0 to 1.
 */
export function similarity(a: string | Map<string, number>, b: string | Map<string, number>): number {
  const x = typeof a === 'string' ? lineCounts(a) : a;
  const y = typeof b === 'string' ? lineCounts(b) : b;
  let common = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [line, n] of x) common += Math.min(n, y.get(line) ?? 0);
  return total === 0 ? 1 : (2 * common) / total;
}

/** The real path of a file's folder, joined with its own name: a symbolic link file stays itself. */
function physicalPath(p: string): string {
  const abs = resolve(p);
  try {
    return resolve(realpathSync(dirname(abs)), basename(abs));
  } catch {
    return abs;
  }
}

/**
 * Every spec under `paths` now, against the base tree at `rev`. Pairs by path, then by content
 * (identical, then most similar at ≥ RENAME_SIMILARITY, then the same system.name); unpaired
 * current specs are added (a regression when they fail check's gate at --fail-on), unpaired old
 * ones removed (reported, never a regression). Paths come from `git ls-tree -z`, texts by blob id.
 */
function diffAgainstGit(rev: string, paths: string[], options: DiffOptions): DiffReport {
  const firstDir = (() => {
    const p = resolve(paths[0]!);
    try {
      return statSync(p).isDirectory() ? p : dirname(p);
    } catch {
      return dirname(p);
    }
  })();
  const top = realpathSync(git(firstDir, ['rev-parse', '--show-toplevel']).replace(/\r?\n$/, ''));
  git(top, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  // Repository paths as the search found them (a spec under a linked folder keeps the link's path,
  // which is where the old tree had it); the physical path only when the working directory is
  // itself reached through a link (/tmp → /private/tmp).
  const cwd = realpathSync(process.cwd());
  const toRepo = (p: string) => {
    const logical = relative(top, resolve(cwd, p));
    return (logical.startsWith('..') || isAbsolute(logical) ? relative(top, physicalPath(p)) : logical).split(sep).join('/');
  };
  const scopes = paths.map(toRepo).map((p) => (p === '' ? '.' : p));
  const unreadable: Unreadable[] = [];
  const seen = new Set<string>();
  const current = collectSpecFiles(paths, configs, unreadable).map((f) => ({ file: f, repo: toRepo(f) })).filter((c) => !seen.has(c.repo) && seen.add(c.repo));
  // Every blob of the old tree: a spec named by a `files:` glob (not *.l2spec.yaml) is still
  // paired with its old text by path.
  const oldTree = lsTree(top, rev);
  const inScope = (p: string) => scopes.some((s) => s === '.' || p === s || p.startsWith(`${s}/`));
  const isSpecName = (p: string) => SPEC_FILE.test(p.split('/').pop()!);
  const display = (repoPath: string) => {
    const rel = relative(process.cwd(), resolve(top, repoPath)).split(sep).join('/');
    return rel && !rel.startsWith('..') ? rel : repoPath;
  };
  const oldTexts = new Map<string, { text: string } | { error: string }>();
  const oldText = (p: string) => {
    let t = oldTexts.get(p);
    if (!t) oldTexts.set(p, (t = treeText(top, oldTree, p)));
    return t;
  };
  const oldResults = new Map<string, AnalysisResult>();
  const oldAnalysis = (p: string, text: string) => {
    let r = oldResults.get(p);
    if (!r) oldResults.set(p, (r = analyze(text, { config: configFor(resolve(top, p)) })));
    return r;
  };

  // The current specs, read once; one that cannot be read is reported (and fails the run).
  const now: { file: string; repo: string; text: string; result: AnalysisResult }[] = [];
  for (const { file, repo } of current) {
    try {
      const text = read(file);
      now.push({ file, repo, text, result: analyze(text, { config: configFor(file) }) });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      unreadable.push({ path: display(repo), error: error.message });
    }
  }
  const currentPaths = new Set(current.map((c) => c.repo));
  const files: FileDiff[] = [];
  const unpairedNew: typeof now = [];
  for (const spec of now) {
    const old = oldTree.has(spec.repo) ? oldText(spec.repo) : undefined;
    if (old && 'text' in old) files.push(compare(display(spec.repo), oldAnalysis(spec.repo, old.text), display(spec.repo), spec.result, options));
    else unpairedNew.push(spec); // new here, or its old version cannot be read: compared as added
  }

  // Rename candidates: old specs in scope that are gone from their path, and any old spec of the
  // repository whose file no longer exists (a spec named as a path may come from anywhere).
  const candidates = unpairedNew.length === 0 ? [] : [...oldTree.keys()].filter((p) => isSpecName(p) && !currentPaths.has(p) && (inScope(p) || !exists(resolve(top, p))))
    .flatMap((p) => {
      const t = oldText(p);
      return 'text' in t ? [{ path: p, text: t.text }] : [];
    });
  const pairs = pairByContent(unpairedNew, candidates, (c) => oldAnalysis(c.path, c.text).system);
  const paired = new Set<string>();
  for (const spec of unpairedNew) {
    const match = pairs.get(spec);
    if (match) {
      paired.add(match.old.path);
      files.push(compare(display(match.old.path), oldAnalysis(match.old.path, match.old.text), display(spec.repo), spec.result, options, true, match.pairing));
      continue;
    }
    // An added spec faces check's gate: its active findings at or above --fail-on are regressions.
    const atOrAbove = (s: Severity) => options.failOn !== 'never' && SEVERITIES.indexOf(s) <= SEVERITIES.indexOf(options.failOn);
    const failing = spec.result.findings.filter((f) => !f.suppressed && atOrAbove(f.severity));
    files.push({
      old: null, new: display(spec.repo), status: 'added', system: spec.result.system ?? null,
      tier: { old: null, new: spec.result.assessment.tier.value }, stage: { old: null, new: spec.result.assessment.stage.value },
      regressions: failing.map((f) => `new spec with ${f.severity} finding ${f.ruleId} at ${f.path}`),
    });
  }
  // Old specs under the paths asked about that are gone and were not paired: removed (reported only).
  for (const p of oldTree.keys()) {
    if (!isSpecName(p) || !inScope(p) || currentPaths.has(p) || paired.has(p)) continue;
    const t = oldText(p);
    const r = 'text' in t ? oldAnalysis(p, t.text) : undefined;
    files.push({ old: display(p), new: null, status: 'removed', system: r?.system ?? null, tier: { old: r?.assessment.tier.value ?? null, new: null }, stage: { old: r?.assessment.stage.value ?? null, new: null }, regressions: [] });
  }
  return { version: ENGINE_VERSION, base: rev, files, regressed: files.some((f) => f.regressions.length > 0), ...(unreadable.length ? { unreadable } : {}) };
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pairs new specs with old ones at other paths, by content, never by name as written: identical
 * text first, then the most similar pairs (best first, each side used once) at or above
 * RENAME_SIMILARITY, then the same system.name among those left.
 */
function pairByContent<N extends { text: string; result: AnalysisResult }, O extends { path: string; text: string }>(
  news: readonly N[], olds: readonly O[], systemOf: (o: O) => string | undefined,
): Map<N, { old: O; pairing: Pairing }> {
  const out = new Map<N, { old: O; pairing: Pairing }>();
  const used = new Set<O>();
  const byText = new Map<string, O[]>();
  for (const o of olds) byText.set(o.text, [...(byText.get(o.text) ?? []), o]);
  for (const n of news) {
    const o = byText.get(n.text)?.find((x) => !used.has(x));
    if (o) {
      used.add(o);
      out.set(n, { old: o, pairing: { by: 'identical', similarity: 1 } });
    }
  }
  const leftNew = news.filter((n) => !out.has(n));
  const leftOld = olds.filter((o) => !used.has(o));
  if (leftNew.length * leftOld.length <= MAX_SIMILARITY_PAIRS) {
    const oldLines = leftOld.map((o) => lineCounts(o.text));
    const scored: { n: N; o: O; score: number }[] = [];
    for (const n of leftNew) {
      const lines = lineCounts(n.text);
      leftOld.forEach((o, j) => {
        const score = similarity(lines, oldLines[j]!);
        if (score >= RENAME_SIMILARITY) scored.push({ n, o, score });
      });
    }
    scored.sort((a, b) => b.score - a.score);
    for (const { n, o, score } of scored) {
      if (out.has(n) || used.has(o)) continue;
      used.add(o);
      out.set(n, { old: o, pairing: { by: 'similar', similarity: Math.round(score * 1000) / 1000 } });
    }
  }
  for (const n of news) {
    if (out.has(n) || !n.result.system) continue;
    const o = olds.find((x) => !used.has(x) && systemOf(x) === n.result.system);
    if (o) {
      used.add(o);
      out.set(n, { old: o, pairing: { by: 'system-name', similarity: 0 } });
    }
  }
  return out;
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
    out.push(`${title(f)}${f.system ? ` (${f.system})` : ''}: ${f.status}${f.pairedBy ? ` (paired by ${f.pairedBy === 'similar' ? `similar content, ${Math.round((f.similarity ?? 0) * 100)}% of lines in common` : f.pairedBy === 'identical' ? 'identical content' : 'system.name'})` : ''}`);
    if (!f.diff) {
      out.push(f.status === 'added' ? `  new spec: tier ${f.tier.new}, stage ${f.stage.new}` : `  removed (was tier ${f.tier.old ?? 'unknown'}, stage ${f.stage.old ?? 'unknown'})`);
      if (f.regressions.length) out.push(`  regressions: ${f.regressions.join('; ')}`);
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
    for (const x of d.thresholds) out.push(`  threshold ${x.stablePath}: ${x.old ?? '(none)'} → ${x.new ?? '(none)'} ${ARROW[x.direction]}`);
    out.push(...coalitionDiffText(d));
    for (const x of d.findings.added) out.push(`  + ${x.severity} ${x.ruleId} ${x.stablePath}: ${x.message}`);
    for (const x of d.findings.removed) out.push(`  - ${x.severity} ${x.ruleId} ${x.stablePath}${x.suppressed ? ' (now suppressed)' : ''}: ${x.message}`);
    for (const x of d.findings.changedSeverity) out.push(`  ~ ${x.ruleId} ${x.stablePath}: ${x.old} → ${x.new} ${ARROW[x.direction]}`);
    if (f.regressions.length) out.push(`  regressions: ${f.regressions.join('; ')}`);
    out.push('');
  }
  for (const u of report.unreadable ?? []) out.push(`not compared: ${u.error}`);
  out.push(report.unreadable?.length ? 'Incomplete: some specs could not be read.' : report.regressed ? 'Regressed.' : 'No regression.');
  // Names, messages and reasons come from the spec: shown escaped, never interpreted.
  return `${out.map(terminalSafe).join('\n')}\n`;
}

const md = markdownText;

export function toMarkdown(report: DiffReport): string {
  const out: string[] = [`## l2spec design review${report.base ? ` against ${md(report.base)}` : ''}`, ''];
  out.push(report.regressed ? '**⚠️ This change makes the design weaker.**' : 'No regression.', '');
  if (report.unreadable?.length) out.push('**Not compared** (the run fails):', '', ...report.unreadable.map((u) => `- ${md(u.error)}`), '');
  for (const f of report.files) {
    out.push(`### ${md(title(f))}${f.system ? ` — ${md(f.system)}` : ''} (${f.status}${f.pairedBy ? `, paired by ${f.pairedBy === 'similar' ? `similar content ${Math.round((f.similarity ?? 0) * 100)}%` : f.pairedBy === 'identical' ? 'identical content' : 'system.name'}` : ''})`, '');
    if (!f.diff) {
      out.push(f.status === 'added' ? `New spec: tier **${f.tier.new}**, stage ${f.stage.new}.` : `Removed (was tier **${f.tier.old ?? 'unknown'}**, stage ${f.stage.old ?? 'unknown'}).`, '');
      if (f.regressions.length) out.push('**Fails the gate**', '', ...f.regressions.map((r) => `- ${md(r)}`), '');
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
    for (const x of d.thresholds) out.push(`| Threshold ${md(x.stablePath)} | ${x.old ? md(x.old) : '—'} | ${x.new ? md(x.new) : '—'} | ${ARROW[x.direction]} |`);
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

