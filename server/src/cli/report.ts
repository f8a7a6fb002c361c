// The CLI's output formats. JSON is a public contract (see README); SARIF 2.1.0 is what GitHub
// code scanning ingests; `github` is workflow-command annotations for repositories without code
// scanning; `markdown` is a summary for $GITHUB_STEP_SUMMARY; text is for terminals.
// Spec text reaches every format escaped for where it lands (./escape.ts).
import type * as Sarif from 'sarif';
import { createColors } from 'picocolors';
import pkg from '../../../package.json';
import { catalogue, ENGINE_VERSION, ruleMarkdown, SEVERITIES, type AnalysisResult, type Finding, type ImprovementPlan, type Rated, type Severity } from '../engine/index.js';
import { markdownText, terminalSafe, workflowData, workflowProperty } from './escape.js';
import { planText } from './plan.js';
import { coalitionsJson, coalitionsSarif, colludeMarkdown, colludeText } from './collude.js';

export interface FileReport {
  /** Path as given / found, relative to the working directory where possible. */
  path: string;
  result: AnalysisResult;
  /** The path to a better tier and stage (text and JSON output). */
  plan?: ImprovementPlan;
}

// ---------- JSON (public contract) ----------

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  suppressed: boolean;
  justification?: string;
  axis: string;
  path: string;
  range: Finding['range'];
  /** Added with principle 4 (docs/assessment.md): present (true) when the finding's only cause is a fact the spec does not declare (severity capped at medium). */
  undeclared?: true;
}

export function toJson(reports: readonly FileReport[]): unknown {
  return {
    version: ENGINE_VERSION,
    files: reports.map(({ path, result, plan }) => {
      const { assessment } = result;
      const axes = Object.entries(assessment.ratings) as [string, Rated<string>][];
      const ratings = Object.fromEntries(axes.map(([axis, rated]) => [axis, rated.value]));
      const ratingReasons = Object.fromEntries(axes.map(([axis, rated]) => [axis, rated.reasons.map((r) => r.text)]));
      return {
        path,
        system: result.system ?? null,
        tier: assessment.tier.value,
        tierReasons: assessment.tier.reasons.map((r) => r.text),
        stage: assessment.stage.value,
        stageReasons: assessment.stage.reasons.map((r) => r.text),
        ratings,
        ratingReasons,
        // Added in 0.2: one custody rating per peg (the canonical one is the custody axis), and the
        // facts that keep an axis `unverified` (missing, or written in a form l2spec cannot read).
        pegs: (assessment.pegs ?? []).map((p) => ({
          id: p.id, asset: p.asset ?? null, canonical: p.canonical, path: p.path, custody: p.value, reasons: p.reasons.map((r) => r.text),
          // Added with the trust model: who must collude to steal this peg's BTC, freeze, censor or halt (engine/trust).
          ...(p.coalitions ? { coalitions: coalitionsJson(p.coalitions) } : {}),
        })),
        // Added with the trust model: who must collude, file-wide (the enshrined peg's answer with the system's), and how claims reach Bitcoin.
        ...(assessment.coalitions ? { coalitions: coalitionsJson(assessment.coalitions) } : {}),
        ...(assessment.link ? { bitcoinLink: { value: assessment.link.value, why: assessment.link.why } } : {}),
        unverified: unverifiedFacts(assessment),
        // Added in 0.3: the path to a better tier and stage (ImprovementPlan in the engine).
        ...(plan ? { plan } : {}),
        findings: result.findings.map((f): JsonFinding => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          suppressed: Boolean(f.suppressed),
          ...(f.suppressed ? { justification: f.suppressed.justification } : {}),
          axis: f.axis,
          path: f.path,
          range: f.range,
          ...(f.undeclared ? { undeclared: true as const } : {}),
        })),
      };
    }),
  };
}

/** Every fact that keeps a rating unverified (missing, unreadable or only claimed), per axis (pegs by their custody). */
function unverifiedFacts(assessment: AnalysisResult['assessment']) {
  const out: { axis: string; path: string; fact: string; unreadable: { path: string; ruleId: string } | null }[] = [];
  const rated: [string, Rated<string>][] = [
    ...(Object.entries(assessment.ratings) as [string, Rated<string>][]),
    ...(assessment.pegs ?? []).filter((p) => !p.canonical).map((p): [string, Rated<string>] => [`pegs[${p.id}].custody`, p]),
  ];
  for (const [axis, r] of rated) {
    if (r.value !== 'unverified') continue;
    for (const m of r.missing ?? []) out.push({ axis, path: m.path, fact: m.fact, unreadable: m.unreadable ? { path: m.unreadable.path, ruleId: m.unreadable.ruleId } : null });
    // A fact the spec marks as only claimed keeps the rating unverified too (same entry shape).
    for (const c of r.claimed ?? []) out.push({ axis, path: c.path, fact: `only claimed (${c.marker}): nothing public lets anyone check it`, unreadable: null });
  }
  return out;
}

// ---------- SARIF 2.1.0 ----------

// GitHub maps security-severity to its own scale: ≥9 critical, 7–8.9 high, 4–6.9 medium, <4 low.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** The project's home page, from package.json (`https://github.com/owner/repo`). */
export const REPOSITORY_URL = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** Where the rule pages (docs/rules/<ID>.md) are published, unless --docs-url says otherwise. */
export const DEFAULT_DOCS_URL = `${REPOSITORY_URL}/blob/main/docs/rules/`;

/** The documentation page of one rule under a docs base URL (a trailing slash is implied). */
export function ruleHelpUri(docsUrl: string, ruleId: string): string {
  return `${docsUrl.endsWith('/') ? docsUrl : `${docsUrl}/`}${encodeURIComponent(ruleId)}.md`;
}

export interface SarifOptions {
  /** Base URL of the rule pages; default DEFAULT_DOCS_URL. */
  docsUrl?: string;
}

export function toSarif(reports: readonly FileReport[], options: SarifOptions = {}): Sarif.Log {
  const docsUrl = options.docsUrl ?? DEFAULT_DOCS_URL;
  const metas = [...catalogue.values()];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const rules: Sarif.ReportingDescriptor[] = metas.map((m) => ({
    id: m.id,
    name: pascal(m.title),
    shortDescription: { text: m.title },
    fullDescription: { text: m.rationale },
    helpUri: ruleHelpUri(docsUrl, m.id),
    help: { text: `${m.rationale}\n\nCriterion (${m.criterion.framework}): ${m.criterion.criterion}\n\nFix: ${m.remediation}`, markdown: ruleMarkdown(m) },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: ['security', 'l2-trust', m.axis], 'security-severity': SECURITY_SEVERITY[m.severity], precision: 'high', 'problem.severity': m.severity === 'info' ? 'recommendation' : m.severity === 'low' ? 'warning' : 'error' },
  }));
  const results: Sarif.Result[] = [];
  for (const { path, result } of reports) {
    const artifactLocation = sarifArtifact(path);
    const ids = idPaths(result);
    for (const f of result.findings) {
      results.push({
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
        ...(f.related?.length ? {
          relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: { artifactLocation, region: region(r.range) } })),
        } : {}),
        ...(f.suppressed ? { suppressions: [{ kind: 'inSource' as const, justification: f.suppressed.justification }] } : {}),
        // Built from ids, not list positions, so reordering components or pegs keeps alerts matched.
        partialFingerprints: { 'l2specPath/v2': `${f.ruleId}:${ids(f.path)}` },
        properties: { severity: f.severity, 'security-severity': SECURITY_SEVERITY[f.severity] },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'l2spec', version: ENGINE_VERSION, semanticVersion: ENGINE_VERSION, informationUri: REPOSITORY_URL, rules } },
      originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory l2spec ran in (the repository checkout in CI).' } } },
      columnKind: 'utf16CodeUnits',
      results,
      properties: {
        assessments: reports.map(({ path, result }) => ({
          path, system: result.system, tier: result.assessment.tier.value, stage: result.assessment.stage.value,
          ratings: Object.fromEntries(Object.entries(result.assessment.ratings).map(([axis, r]) => [axis, (r as Rated<string>).value])),
          pegs: (result.assessment.pegs ?? []).map((p) => ({ id: p.id, canonical: p.canonical, custody: p.value })),
          unverified: unverifiedFacts(result.assessment).map((u) => ({ axis: u.axis, path: u.path, fact: u.fact, unreadable: u.unreadable?.ruleId ?? null })),
          ...coalitionsSarif(result),
        })),
      },
    }],
  };
}

/**
 * The artifact location of a displayed path: relative paths become percent-encoded URI references
 * against %SRCROOT%, absolute ones file: URIs. Each segment is encoded on its own, so a space, `#`,
 * `%`, `[`, `:` or a non-ASCII letter in a file name cannot change the URI's meaning.
 */
export function sarifArtifact(path: string): Sarif.ArtifactLocation {
  const slashed = path.replace(/\\/g, '/');
  const drive = /^[a-zA-Z]:\//.test(slashed);
  if (slashed.startsWith('/') || drive) {
    const segments = slashed.split('/').map((s, i) => (drive && i === 0 ? s : encodeURIComponent(s)));
    return { uri: `file://${drive ? '/' : ''}${segments.join('/')}` };
  }
  return { uri: slashed.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

/**
 * Rewrites a finding's dotted path so list items are named by their ids: `pegs.0.threshold`
 * becomes `pegs[lbtc].threshold`. Items without an id (or with a duplicate one) keep their index.
 */
export function idPaths(result: AnalysisResult): (path: string) => string {
  const byPath = new Map<string, string>();
  const taken = new Set<string>();
  const seen = new WeakSet<object>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 8 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const v of value.values()) visit(v, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && typeof record.path === 'string') {
      const m = /^(.*)\.(\d+)$/.exec(record.path);
      const key = m ? `${m[1]}[${record.id}]` : undefined;
      if (m && key && !taken.has(key) && !byPath.has(record.path)) {
        taken.add(key);
        byPath.set(record.path, key);
      }
    }
    for (const v of Array.isArray(value) ? value : Object.values(record)) visit(v, depth + 1);
  };
  visit(result.model, 0);
  return (path) => {
    if (byPath.size === 0 || !path) return path;
    const segments = path.split('.');
    let raw = '';
    let out = '';
    for (const segment of segments) {
      raw = raw ? `${raw}.${segment}` : segment;
      const named = /^\d+$/.test(segment) ? byPath.get(raw) : undefined;
      out = named ?? (out ? `${out}.${segment}` : segment);
    }
    return out;
  };
}

function region(range: Finding['range']): Sarif.Region {
  // SARIF lines and columns are 1-based; an empty range still needs endColumn > startColumn.
  const endColumn = range.end.line === range.start.line && range.end.character <= range.start.character ? range.start.character + 2 : range.end.character + 1;
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn };
}

function pascal(title: string): string {
  return title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());
}

// ---------- GitHub workflow commands ----------

const ANNOTATION: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

/**
 * One `::error|warning|notice` workflow command per active finding (in reading order), which GitHub Actions shows as
 * an annotation on the pull request's diff, then (unless quiet) one notice per file with the tier.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
export function toGithub(reports: readonly FileReport[], options: { quiet?: boolean } = {}): string {
  const out: string[] = [];
  for (const { path, result } of reports) {
    const file = workflowProperty(path.replace(/\\/g, '/'));
    for (const f of inReadingOrder(result.findings)) {
      if (f.suppressed) continue;
      const { start, end } = f.range;
      const position = `line=${start.line + 1},col=${start.character + 1}${end.line !== start.line ? `,endLine=${end.line + 1}` : `,endColumn=${Math.max(end.character, start.character + 1) + 1}`}`;
      const title = workflowProperty(`${f.ruleId} (${f.severity}): ${catalogue.get(f.ruleId)?.title ?? ''}`);
      out.push(`::${ANNOTATION[f.severity]} file=${file},${position},title=${title}::${workflowData(f.message)}`);
    }
    if (options.quiet) continue;
    const { tier, stage } = result.assessment;
    out.push(`::notice file=${file},title=${workflowProperty(`l2spec tier: ${tier.value}`)}::${workflowData(`${result.system ?? path}: tier ${tier.value}${stage.value !== 'not-applicable' ? `, ${stage.value}` : ''}. ${tier.reasons.map((r) => r.text).join(' ')}`)}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

// ---------- Markdown summary ----------

const SEVERITY_ICON: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

/** A GitHub-flavoured Markdown summary (for $GITHUB_STEP_SUMMARY): one table of specs, then each spec's findings. */
export function toMarkdown(reports: readonly FileReport[], options: SarifOptions = {}): string {
  const docsUrl = options.docsUrl ?? DEFAULT_DOCS_URL;
  const out: string[] = ['## l2spec review', '', '| Spec | System | Tier | Stage | Findings |', '|---|---|---|---|---:|'];
  for (const { path, result } of reports) {
    const active = result.findings.filter((f) => !f.suppressed);
    out.push(`| ${markdownText(path)} | ${markdownText(result.system ?? '')} | **${result.assessment.tier.value}** | ${result.assessment.stage.value} | ${countsText(active)} |`);
  }
  for (const { path, result } of reports) {
    const active = result.findings.filter((f) => !f.suppressed);
    out.push('', `### ${markdownText(path)}`, '');
    for (const r of result.assessment.tier.reasons) out.push(`- ${markdownText(r.text)}`);
    out.push(...colludeMarkdown(result));
    if (active.length === 0) {
      out.push('', 'No findings.');
      continue;
    }
    out.push('', '| Severity | Rule | Line | Finding |', '|---|---|---:|---|');
    for (const f of inReadingOrder(active)) {
      out.push(`| ${SEVERITY_ICON[f.severity]} ${f.severity} | [${f.ruleId}](${ruleHelpUri(docsUrl, f.ruleId)}) | ${f.range.start.line + 1} | ${markdownText(f.message)} |`);
    }
    const suppressed = result.findings.length - active.length;
    if (suppressed) out.push('', `${suppressed} suppressed with a reason in the spec.`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * A file's findings in reading order, as ESLint prints them: by line, then column, then rule ID.
 * The engine lists format findings first; a reader of a terminal, an annotation list or a summary
 * follows the file instead, and a trust finding that depends on a format problem still names it
 * (its message and its related location), so the root cause stays visible wherever it is printed.
 */
export function inReadingOrder<T extends Pick<Finding, 'range' | 'ruleId'>>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

function countsText(active: readonly Finding[]): string {
  const counts = SEVERITIES.map((s) => [s, active.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  return counts.length ? counts.map(([s, n]) => `${n} ${s}`).join(', ') : '0';
}

// ---------- text ----------

export interface TextOptions {
  colour: boolean;
  /** Findings only: no tier, ratings or counts. */
  quiet?: boolean;
}

/**
 * `file:line:col severity ID message` per active finding in reading order (each related location
 * on an indented `↳ file:line:col message` line below it), then each file's tier and ratings.
 */
export function toText(reports: readonly FileReport[], options: TextOptions): string {
  const c = createColors(options.colour);
  const SEVERITY_PAINT: Record<Severity, (s: string) => string> = { critical: (s) => c.bold(c.red(s)), high: c.red, medium: c.yellow, low: c.cyan, info: c.dim };
  const TIER_PAINT: Record<string, (s: string) => string> = { strong: c.green, moderate: c.yellow, weak: c.red };
  const t = terminalSafe;
  const out: string[] = [];
  for (const { path, result, plan } of reports) {
    const active = result.findings.filter((f) => !f.suppressed);
    for (const f of inReadingOrder(active)) {
      out.push(`${t(path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${SEVERITY_PAINT[f.severity](f.severity)} ${f.ruleId} ${t(f.message)}`);
      // Where the finding's cause is written (e.g. the misspelt key it could not read), as a location a terminal can open.
      for (const r of f.related ?? []) out.push(`  ${c.dim('↳')} ${t(path)}:${r.range.start.line + 1}:${r.range.start.character + 1} ${t(r.message)}`);
    }
    if (options.quiet) continue;
    const suppressed = result.findings.length - active.length;
    const { tier, stage, ratings } = result.assessment;
    out.push('');
    out.push(`${c.bold(t(result.system ?? path))}  tier: ${(TIER_PAINT[tier.value] ?? String)(tier.value.toUpperCase())}${stage.value !== 'not-applicable' ? `  stage: ${stage.value}` : ''}`);
    for (const r of tier.reasons) out.push(`  - ${t(r.text)}`);
    out.push(`  Bitcoin Layers  custody ${ratings.custody.value} · data availability ${ratings.dataAvailability.value} · operators ${ratings.operators.value} · finality ${ratings.finality.value}`);
    const pegs = result.assessment.pegs ?? [];
    if (pegs.length > 1) out.push(`  Pegs            ${pegs.map((p) => `${p.id}${p.canonical ? ' (enshrined)' : ''} ${p.value}`).join(' · ')}`);
    out.push(`  L2BEAT          exit window ${ratings.exitWindow.value} · state validation ${ratings.stateValidation.value} · sequencer failure ${ratings.sequencerFailure.value} · proposer failure ${ratings.proposerFailure.value}`);
    // Names of sets and pegs come from the spec: escaped like every other spec text here.
    out.push(...colludeText(result).map(t));
    const counts = countsText(active);
    out.push(`  ${active.length} finding${active.length === 1 ? '' : 's'}${active.length ? ` (${counts})` : ''}${suppressed ? `, ${suppressed} suppressed` : ''}`);
    // Titles and blockers quote names from the spec: escaped like every other spec text here.
    if (plan) out.push(...planText(plan).map(t));
    out.push('');
  }
  return out.length ? `${out.join('\n')}${options.quiet ? '\n' : ''}` : '';
}
