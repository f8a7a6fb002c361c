// The engine's single entry point: text in, findings + assessment out. It never throws:
// whatever goes wrong becomes a finding with a position, and what can still be analysed is.
import pkg from '../../../package.json';
import { assess } from './assess/index.js';
import { buildModel } from './parse/buildModel.js';
import { checkSchema } from './parse/schemaCheck.js';
import { yamlProblemMessage } from './parse/yamlMessages.js';
import { findHiddenText } from './parse/hiddenText.js';
import { findExtremeNumbers, mayHoldExtremeNumbers, withoutPaths } from './parse/numbers.js';
import { checkBudget } from './parse/budget.js';
import { hasHidden, markHidden } from './visible.js';
import { FragmentCache, parseSource, SourceMap, type ParsedSource } from './parse/source.js';
import { catalogue, rules } from './rules/index.js';
import { parseSuppressions, type Suppression } from './suppress.js';
import { compareText } from './collate.js';
import type { SpecModel } from './model.js';
import { SEVERITIES, UNDECLARED_SEVERITY, type AnalysisResult, type AnalyzeOptions, type Assessment, type Finding, type Range, type Report, type RuleMeta, type Severity } from './types.js';

export const ENGINE_VERSION: string = pkg.version;
export const DEFAULT_MAX_SIZE = 5 * 1024 * 1024;

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A missing fact is never critical by itself: caps the rule's severity at UNDECLARED_SEVERITY. */
function atMostUndeclared(severity: Severity): Severity {
  return SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(UNDECLARED_SEVERITY) ? UNDECLARED_SEVERITY : severity;
}

class FindingSink {
  readonly findings: Finding[] = [];
  /**
   * `map`: where paths are located. `textHasHidden`: whether the spec text holds a hidden
   * character; messages only quote spec text, so without one there is nothing to mark.
   */
  constructor(private readonly map: SourceMap | undefined, private readonly textHasHidden = true) {}

  add(meta: RuleMeta, report: Report, exactRange?: Range): void {
    const located = exactRange ? { path: report.path, range: exactRange } : this.map ? this.map.locate(report.path) : { path: report.path, range: ZERO };
    // Messages quote spec text: hidden characters in it are shown as ⟨U+…⟩ on every face (editor, CLI, SARIF, preview).
    const finding: Finding = { ruleId: meta.id, severity: report.undeclared ? atMostUndeclared(meta.severity) : meta.severity, message: this.textHasHidden ? markHidden(report.message) : report.message, range: located.range, path: located.path, axis: meta.axis };
    if (report.undeclared) finding.undeclared = true;
    if (!exactRange && located.path !== report.path && report.path) finding.missing = report.path;
    if (report.related?.length && this.map) {
      const map = this.map;
      finding.related = report.related.map((r) => ({ path: r.path, message: r.message, range: (r.key ? map.rangeOf(r.path, true) : undefined) ?? map.locate(r.path).range }));
    }
    if (report.fix && this.map) {
      const exists = this.map.has(report.fix.path);
      // A key rename edits the key itself; a value fix sets the value, or inserts the key when it is missing.
      const range = report.fix.key ? this.map.rangeOf(report.fix.path, true) : exists ? this.map.rangeOf(report.fix.path) : this.map.locate(report.fix.path).range;
      if (range) finding.fix = { ...report.fix, insert: !exists && !report.fix.key, range };
    }
    this.findings.push(finding);
  }

  format(id: string, report: Report, exactRange?: Range): void {
    this.add(catalogue.get(id)!, report, exactRange);
  }
}

/** Analyses one text. Stateless: every call parses from scratch. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeWith(new FragmentCache(), text, options);
}

export interface Analyzer {
  analyze(text: string, options?: AnalyzeOptions): AnalysisResult;
}

/**
 * An analyzer for one document that is edited over time (the language server keeps one per open
 * document). It caches parsed fragments of the previous text, so an edit re-parses only the
 * section or list item it touched; results are identical to `analyze()` on the same text.
 */
export function createAnalyzer(tuning: AnalyzerTuning = {}): Analyzer {
  const cache = new FragmentCache(tuning.keepFragmentChars, tuning.itemsPerFragment ?? 1);
  return { analyze: (text, options = {}) => analyzeWith(cache, text, options, tuning.minFragmentLength) };
}

export interface AnalyzerTuning {
  /**
   * Texts from this length on are parsed in fragments (default FRAGMENT_MIN_LENGTH, 8 KiB: below
   * it one whole parse is cheap). An analyzer that re-analyses many variants of one text (the
   * plan search) gains from fragments at any size: 0. Results are the same either way.
   */
  minFragmentLength?: number;
  /**
   * Characters of fragment text kept beyond those of the last analysis (least recently used
   * dropped first; default 0: only the last analysis's fragments). See FragmentCache.
   */
  keepFragmentChars?: number;
  /**
   * List items parsed as one fragment (default 1: an edit re-parses only the item it touched; a
   * one-shot `analyze()` parses 8 together, which costs less when nothing is reused).
   */
  itemsPerFragment?: number;
}

function analyzeWith(cache: FragmentCache, input: string, options: AnalyzeOptions, minFragmentLength?: number): AnalysisResult {
  // A byte-order mark is not a character of the document (editors hide it, LSP clients drop it):
  // every position is counted without it, so the CLI, JSON, SARIF and the editor agree on columns.
  const text = withoutBom(input);
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (text.length > maxSize) {
    const sink = new FindingSink(undefined);
    sink.format('L2S-FMT-008', { path: '', message: `The file is ${(text.length / 1048576).toFixed(1)} MiB, above the ${(maxSize / 1048576).toFixed(1)} MiB limit; it was not analysed. Split the design into smaller specs.` });
    return finish(text, sink.findings, undefined, undefined, options);
  }
  const excess = checkBudget(text, options.budget);
  if (excess) {
    // Refused before any YAML is built: the finding is the whole result (and suppressions are not
    // read, since reading comments would cost what the budget just refused).
    const sink = new FindingSink(undefined);
    const map = new SourceMap(text);
    sink.format('L2S-FMT-008', { path: '', message: excess.message }, map.rangeOfSpan(excess.span));
    return finish(text, sink.findings, undefined, undefined, options, false);
  }
  let parsed: ParsedSource;
  try {
    parsed = parseSource(text, cache, minFragmentLength);
  } catch (error) {
    // The YAML library can exhaust the stack on pathological nesting; report instead of crashing.
    const sink = new FindingSink(undefined);
    sink.format('L2S-FMT-008', { path: '', message: `The file could not be parsed (${error instanceof RangeError ? 'nesting too deep' : String(error)}).` });
    return finish(text, sink.findings, undefined, undefined, options);
  }
  const { map } = parsed;
  // A hidden character reaches a value, a key or a message from the text itself or from an escape
  // in a double-quoted scalar ("\u202E"); without either, none holds one and nothing is walked.
  const textMayHide = text.includes('\\') || hasHidden(text);
  const sink = new FindingSink(map, textMayHide);

  for (const p of parsed.problems) {
    sink.format(p.ruleId ?? 'L2S-FMT-001', { path: '', message: p.ruleId ? p.message : yamlProblemMessage(p.code, p.message) }, map.rangeOfSpan(p.span));
  }
  for (const start of parsed.extraDocumentStarts) {
    sink.format('L2S-FMT-008', { path: '', message: 'A second YAML document starts here; an l2spec file describes one design, so only the first document is analysed.' }, map.rangeOfSpan([start, start + 3]));
  }
  if (parsed.tooDeep) {
    sink.format('L2S-FMT-008', { path: '', message: 'Nesting is deeper than any spec needs; the rest of this node was not analysed.' }, map.rangeOfSpan(parsed.tooDeep));
  }

  let model: SpecModel | undefined;
  if (parsed.root === 'empty') {
    if (parsed.problems.length === 0) sink.format('L2S-FMT-008', { path: '', message: 'The spec is empty. Start with "l2spec: 1" and a system: section, or use a design snippet from completion.' });
  } else if (parsed.root !== 'map') {
    sink.format('L2S-FMT-008', { path: '', message: 'The spec must be a YAML mapping (keys such as l2spec, system, components, pegs), not a list or a scalar.' }, map.rangeOfSpan(parsed.rootSpan));
  } else if (parsed.aliasError !== undefined) {
    sink.format('L2S-FMT-008', { path: '', message: `The spec expands too many aliases (${parsed.aliasError}); write the values out instead.` });
  } else {
    const parsedValue = parsed.value;
    if (parsedValue && typeof parsedValue === 'object' && !Array.isArray(parsedValue)) {
      // Checks of the text itself, each on its token: hidden characters, and numbers no spec can
      // mean, which are then taken out so that nothing downstream computes with them.
      if (textMayHide) for (const p of findHiddenText(parsedValue)) sink.format('L2S-FMT-010', { path: p.path, message: p.message }, map.rangeOf(p.path, p.key));
      const extreme = mayHoldExtremeNumbers(text) ? findExtremeNumbers(parsedValue) : [];
      for (const p of extreme) sink.format('L2S-FMT-002', { path: p.path, message: p.message }, map.rangeOf(p.path));
      const dropped = new Set(extreme.map((p) => p.path));
      const value = dropped.size ? withoutPaths(parsedValue, [...dropped]) : parsedValue;
      const schemaProblems = checkSchema(value);
      for (const problem of schemaProblems) {
        if (problem.missing !== undefined && dropped.has(problem.path ? `${problem.path}.${problem.missing}` : problem.missing)) continue;
        const exact = problem.key ? map.rangeOf(problem.path, true) : undefined;
        // An unknown key with a near known one is renamed (keeping its value); an unknown value is replaced.
        const fix = !problem.suggestion ? undefined
          : problem.key ? (problem.ruleId === 'L2S-FMT-003' && !map.has(siblingPath(problem.path, problem.suggestion)) ? { title: `Change to ${problem.suggestion}`, path: problem.path, value: problem.suggestion, key: true as const } : undefined)
            : { title: `Change to "${problem.suggestion}"`, path: problem.path, value: problem.suggestion };
        sink.format(problem.ruleId, { path: problem.path, message: problem.message, fix }, exact);
      }
      // An extreme number was written, just not in a readable form: its fact is unreadable, not
      // missing ("operators: 1e400" must not read as "does not declare its operators").
      const unreadableNumbers = extreme.map((p) => ({ ruleId: 'L2S-FMT-002', path: p.path, key: false, message: p.message }));
      const built = buildModel(value as Record<string, unknown>, [...schemaProblems, ...unreadableNumbers]);
      model = built.model;
      for (const problem of built.problems) sink.format(problem.ruleId, problem);
      runRules(model, map, sink);
    }
  }
  return finish(text, sink.findings, model, map, options);
}

function runRules(model: SpecModel, map: SourceMap, sink: FindingSink): void {
  for (const rule of rules) {
    const ctx = {
      model,
      has: (path: string) => map.has(path),
      report: (report: Report) => sink.add(rule.meta, onUnreadable(model, map, rule.meta, report)),
    };
    try {
      rule.check(ctx);
    } catch (error) {
      // One broken rule must not silence the others.
      sink.format('L2S-FMT-009', { path: '', message: `Rule ${rule.meta.id} failed on this spec (${firstLine(String((error as Error)?.message ?? error))}); its check is missing from the assessment.` });
    }
  }
}

/**
 * A trust finding about a fact the author wrote but l2spec could not read (a misspelled key, a
 * malformed value) must not claim the fact was never declared: its message says the check could
 * not be made, names the format finding to fix first, and points at it.
 */
function onUnreadable(model: SpecModel, map: SourceMap, meta: RuleMeta, report: Report): Report {
  const unreadable = model.unreadable;
  if (!unreadable?.size || meta.id === 'L2S-TRN-005') return report;
  const paths = [report.path, ...(report.related ?? []).map((r) => r.path), report.fix?.path].filter((p): p is string => p !== undefined);
  const factPath = paths.find((p) => unreadable.has(p));
  if (!factPath) return report;
  const u = unreadable.get(factPath)!;
  const line = map.locate(u.path).range.start.line + 1;
  const key = factPath.split('.').pop()!;
  return {
    path: report.path,
    message: `${meta.title}: l2spec cannot check this, because ${key} (${factPath}) is ${u.what} (${u.ruleId}, line ${line}). Fix that finding first.`,
    // On the misspelt key itself, where its L2S-FMT-003 finding is; on the malformed value otherwise.
    related: [{ path: u.path, message: `${u.ruleId}: ${key} is ${u.what}`, key: u.ruleId === 'L2S-FMT-003' }, ...(report.related ?? []).filter((r) => r.path !== u.path)],
  };
}

function finish(text: string, raw: Finding[], model: SpecModel | undefined, map: SourceMap | undefined, options: AnalyzeOptions, readSuppressions = true): AnalysisResult {
  const findings = applyConfig(raw, options.config?.rules);
  const suppressions = readSuppressions ? applySuppressions(text, findings) : [];
  if (options.reportUnusedSuppressions) findings.push(...unusedSuppressions(suppressions, findings));
  findings.sort(byPosition);
  const active = findings.filter((f) => !f.suppressed);
  let assessment: Assessment | undefined;
  return {
    version: ENGINE_VERSION,
    system: model?.system.name,
    model,
    // The list is bounded whatever the text's layout (the assessment sees every finding).
    findings: capFindings(findings),
    // Computed on first read: the diagnostics of an edit need the findings only, and the language
    // server's analysis worker sends the assessment only when a feature asks for it (issue 21).
    get assessment(): Assessment {
      return (assessment ??= assess(model, active));
    },
    rangeOf: (path, key) => map?.rangeOf(path, key),
    source: map,
  };
}

/** Findings of one rule listed at most; beyond it, one finding says how many more there are. */
export const MAX_FINDINGS_PER_RULE = 1_000;

/**
 * The findings in position order, at most MAX_FINDINGS_PER_RULE per rule: a generated text can
 * repeat one mistake a hundred thousand times, and every consumer (editor, CLI, SARIF) would carry
 * each copy. The first finding past the limit stays, saying how many of its rule follow unlisted.
 */
export function capFindings(findings: Finding[]): Finding[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  if ([...counts.values()].every((c) => c <= MAX_FINDINGS_PER_RULE + 1)) return findings;
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  for (const f of findings) {
    const k = (seen.get(f.ruleId) ?? 0) + 1;
    seen.set(f.ruleId, k);
    const total = counts.get(f.ruleId)!;
    if (k <= MAX_FINDINGS_PER_RULE || total === MAX_FINDINGS_PER_RULE + 1) out.push(f);
    else if (k === MAX_FINDINGS_PER_RULE + 1) {
      const more = total - k;
      out.push({ ...f, message: `${f.message} (l2spec lists at most ${MAX_FINDINGS_PER_RULE.toLocaleString('en')} findings of one rule: ${more.toLocaleString('en')} more ${f.ruleId} ${more === 1 ? 'finding follows' : 'findings follow'} and ${more === 1 ? 'is' : 'are'} not listed.)` });
    }
  }
  return out;
}

function applyConfig(findings: Finding[], severities: Record<string, Severity | 'off'> | undefined): Finding[] {
  if (!severities) return findings;
  const kept: Finding[] = [];
  for (const f of findings) {
    const setting = severities[f.ruleId];
    if (setting === 'off') continue;
    kept.push(setting ? { ...f, severity: setting } : f);
  }
  return kept;
}

/** The rule IDs a suppression may name; the catalogue is fixed, so the set is built once. */
let knownRuleIds: ReadonlySet<string> | undefined;

function applySuppressions(text: string, findings: Finding[]): Suppression[] {
  const { suppressions, problems } = parseSuppressions(text, (knownRuleIds ??= new Set(catalogue.keys())));
  const meta = catalogue.get('L2S-FMT-007')!;
  for (const p of problems) {
    findings.push({
      ruleId: meta.id, severity: meta.severity, axis: meta.axis, message: p.message, path: '',
      range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
    });
  }
  if (suppressions.length === 0) return suppressions;
  // Indexed by rule (and line), so the cost is linear in suppressions plus findings; the first
  // matching suppression in document order wins, as a reader scanning the file would expect.
  const byRule = new Map<string, number>();
  const byLine = new Map<string, number>();
  suppressions.forEach((s, i) => {
    for (const id of s.ruleIds) {
      const key = s.kind === 'file' ? id : `${s.targetLine}|${id}`;
      const table = s.kind === 'file' ? byRule : byLine;
      if (!table.has(key)) table.set(key, i);
    }
  });
  for (const f of findings) {
    const a = byRule.get(f.ruleId) ?? Infinity;
    const b = byLine.get(`${f.range.start.line}|${f.ruleId}`) ?? Infinity;
    const match = suppressions[Math.min(a, b)];
    if (match) f.suppressed = { kind: match.kind, justification: match.reason };
  }
  return suppressions;
}

/**
 * Directives (or rule IDs in them) under which no finding was suppressed, as L2S-FMT-007 findings,
 * like ESLint's --report-unused-disable-directives: a stale suppression would silently accept the
 * risk again the day the finding comes back. Linear in suppressions plus findings.
 */
function unusedSuppressions(suppressions: readonly Suppression[], findings: readonly Finding[]): Finding[] {
  const anywhere = new Set<string>();
  const onLine = new Set<string>();
  for (const f of findings) {
    if (!f.suppressed) continue;
    anywhere.add(f.ruleId);
    onLine.add(`${f.ruleId}@${f.range.start.line}`);
  }
  const meta = catalogue.get('L2S-FMT-007')!;
  const unused: Finding[] = [];
  for (const s of suppressions) {
    const ids = s.ruleIds.filter((id) => (s.kind === 'file' ? !anywhere.has(id) : !onLine.has(`${id}@${s.targetLine}`)));
    if (ids.length === 0) continue;
    const where = s.kind === 'file' ? 'in this file' : `on line ${s.targetLine + 1}`;
    unused.push({
      ruleId: meta.id, severity: meta.severity, axis: meta.axis, path: '',
      message: `Unused suppression: ${ids.join(', ')} reported nothing ${where}; remove ${ids.length === 1 ? 'it' : 'them'} from the directive.`,
      range: { start: { line: s.at.line, character: s.at.start }, end: { line: s.at.line, character: s.at.end } },
    });
  }
  return unused;
}

/**
 * Format findings first (a trust finding may depend on a fact they make unreadable, and points at
 * them), then by position, then by rule ID.
 */
function byPosition(a: Finding, b: Finding): number {
  const fa = a.axis === 'format' ? 0 : 1;
  const fb = b.axis === 'format' ? 0 : 1;
  return fa - fb || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareText(a.ruleId, b.ruleId);
}

/** The path of the key `name` beside the last key of `path` (same parent). */
function siblingPath(path: string, name: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? name : `${path.slice(0, dot)}.${name}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/** The text without a leading byte-order mark. */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
