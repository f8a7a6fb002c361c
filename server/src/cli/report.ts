// The CLI's output formats. JSON is a public contract (see README); SARIF 2.1.0 is what GitHub
// code scanning ingests; text is for terminals.
import type * as Sarif from 'sarif';
import { catalogue, ENGINE_VERSION, ruleMarkdown, type AnalysisResult, type Finding, type ImprovementPlan, type Rated, type Severity } from '../engine/index.js';
import { planText } from './plan.js';

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
        })),
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
        })),
      };
    }),
  };
}

/** Every fact that keeps a rating unverified, per axis (pegs by their custody). */
function unverifiedFacts(assessment: AnalysisResult['assessment']) {
  const out: { axis: string; path: string; fact: string; unreadable: { path: string; ruleId: string } | null }[] = [];
  const rated: [string, Rated<string>][] = [
    ...(Object.entries(assessment.ratings) as [string, Rated<string>][]),
    ...(assessment.pegs ?? []).filter((p) => !p.canonical).map((p): [string, Rated<string>] => [`pegs[${p.id}].custody`, p]),
  ];
  for (const [axis, r] of rated) {
    if (r.value !== 'unverified') continue;
    for (const m of r.missing ?? []) out.push({ axis, path: m.path, fact: m.fact, unreadable: m.unreadable ? { path: m.unreadable.path, ruleId: m.unreadable.ruleId } : null });
  }
  return out;
}

// ---------- SARIF 2.1.0 ----------

// GitHub maps security-severity to its own scale: ≥9 critical, 7–8.9 high, 4–6.9 medium, <4 low.
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

export function toSarif(reports: readonly FileReport[]): Sarif.Log {
  const metas = [...catalogue.values()];
  const index = new Map(metas.map((m, i) => [m.id, i]));
  const rules: Sarif.ReportingDescriptor[] = metas.map((m) => ({
    id: m.id,
    name: pascal(m.title),
    shortDescription: { text: m.title },
    fullDescription: { text: m.rationale },
    help: { text: `${m.rationale}\n\nCriterion (${m.criterion.framework}): ${m.criterion.criterion}\n\nFix: ${m.remediation}`, markdown: ruleMarkdown(m) },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: ['security', 'l2-trust', m.axis], 'security-severity': SECURITY_SEVERITY[m.severity], precision: 'high', 'problem.severity': m.severity === 'info' ? 'recommendation' : m.severity === 'low' ? 'warning' : 'error' },
  }));
  const results: Sarif.Result[] = [];
  for (const { path, result } of reports) {
    for (const f of result.findings) {
      const uri = path.replace(/\\/g, '/');
      results.push({
        ruleId: f.ruleId,
        ruleIndex: index.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(f.range) } }],
        ...(f.related?.length ? {
          relatedLocations: f.related.map((r, i) => ({ id: i + 1, message: { text: r.message }, physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(r.range) } })),
        } : {}),
        ...(f.suppressed ? { suppressions: [{ kind: 'inSource' as const, justification: f.suppressed.justification }] } : {}),
        partialFingerprints: { 'l2specPath/v1': `${f.ruleId}:${f.path}` },
        properties: { severity: f.severity, 'security-severity': SECURITY_SEVERITY[f.severity] },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'l2spec', version: ENGINE_VERSION, semanticVersion: ENGINE_VERSION, rules } },
      columnKind: 'utf16CodeUnits',
      results,
      properties: {
        assessments: reports.map(({ path, result }) => ({
          path, system: result.system, tier: result.assessment.tier.value, stage: result.assessment.stage.value,
          ratings: Object.fromEntries(Object.entries(result.assessment.ratings).map(([axis, r]) => [axis, (r as Rated<string>).value])),
          pegs: (result.assessment.pegs ?? []).map((p) => ({ id: p.id, canonical: p.canonical, custody: p.value })),
          unverified: unverifiedFacts(result.assessment).map((u) => ({ axis: u.axis, path: u.path, fact: u.fact, unreadable: u.unreadable?.ruleId ?? null })),
        })),
      },
    }],
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

// ---------- text ----------

const COLOURS: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const TIER_COLOURS: Record<string, string> = { strong: '\x1b[32m', moderate: '\x1b[33m', weak: '\x1b[31m' };

export function toText(reports: readonly FileReport[], colour: boolean): string {
  const paint = (code: string, text: string) => (colour ? `${code}${text}\x1b[0m` : text);
  const out: string[] = [];
  for (const { path, result, plan } of reports) {
    const active = result.findings.filter((f) => !f.suppressed);
    for (const f of active) {
      out.push(`${path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${paint(COLOURS[f.severity], f.severity)} ${f.ruleId} ${f.message}`);
    }
    const suppressed = result.findings.length - active.length;
    const { tier, stage, ratings } = result.assessment;
    out.push('');
    out.push(`${paint('\x1b[1m', result.system ?? path)}  tier: ${paint(TIER_COLOURS[tier.value] ?? '', tier.value.toUpperCase())}${stage.value !== 'not-applicable' ? `  stage: ${stage.value}` : ''}`);
    for (const r of tier.reasons) out.push(`  - ${r.text}`);
    out.push(`  Bitcoin Layers  custody ${ratings.custody.value} · data availability ${ratings.dataAvailability.value} · operators ${ratings.operators.value} · finality ${ratings.finality.value}`);
    const pegs = result.assessment.pegs ?? [];
    if (pegs.length > 1) out.push(`  Pegs            ${pegs.map((p) => `${p.id}${p.canonical ? ' (enshrined)' : ''} ${p.value}`).join(' · ')}`);
    out.push(`  L2BEAT          exit window ${ratings.exitWindow.value} · state validation ${ratings.stateValidation.value} · sequencer failure ${ratings.sequencerFailure.value} · proposer failure ${ratings.proposerFailure.value}`);
    const counts = (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => [s, active.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
    out.push(`  ${active.length} finding${active.length === 1 ? '' : 's'}${counts.length ? ` (${counts.map(([s, n]) => `${n} ${s}`).join(', ')})` : ''}${suppressed ? `, ${suppressed} suppressed` : ''}`);
    if (plan) out.push(...planText(plan));
    out.push('');
  }
  return out.join('\n');
}
