// Findings → LSP diagnostics: severity mapping, rule code with a link to its bundled doc,
// related information, and the filters the editor needs (suppressed findings, schema findings
// that another YAML extension already reports).
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { AnalysisResult, Finding, Severity } from '../engine/index.js';

export const DIAGNOSTIC_SOURCE = 'l2spec';
/** Schema findings (type/enum/pattern and unknown keys): what a JSON-Schema YAML validator also reports. */
export const SCHEMA_RULES: ReadonlySet<string> = new Set(['L2S-FMT-002', 'L2S-FMT-003']);

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'critical':
    case 'high':
      return DiagnosticSeverity.Error;
    case 'medium':
      return DiagnosticSeverity.Warning;
    case 'low':
      return DiagnosticSeverity.Information;
    default:
      return DiagnosticSeverity.Hint;
  }
}

export interface DiagnosticOptions {
  uri: string;
  /** Drop L2S-FMT-002/003 (another extension validates the schema). */
  suppressSchemaDiagnostics?: boolean;
  /** Link target for a rule's documentation. */
  ruleDocUri?: (ruleId: string) => string | undefined;
}

/** The findings the editor shows (suppressed and filtered ones removed). */
export function visibleFindings(result: AnalysisResult, options: Pick<DiagnosticOptions, 'suppressSchemaDiagnostics'>): Finding[] {
  return result.findings.filter((f) => !f.suppressed && !(options.suppressSchemaDiagnostics && SCHEMA_RULES.has(f.ruleId)));
}

export function toDiagnostic(finding: Finding, options: DiagnosticOptions): Diagnostic {
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: toLspSeverity(finding.severity),
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  const href = options.ruleDocUri?.(finding.ruleId);
  if (href) diagnostic.codeDescription = { href };
  if (finding.related?.length) {
    diagnostic.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: options.uri, range: r.range }, message: r.message }),
    );
  }
  return diagnostic;
}

export function toDiagnostics(result: AnalysisResult, options: DiagnosticOptions): Diagnostic[] {
  return visibleFindings(result, options).map((f) => toDiagnostic(f, options));
}
