// Size bounds on what the language server sends (issue 22 item 5). The engine's output grows
// linearly with the spec, but a 5 MB spec may still hold hundreds of thousands of findings: no
// single JSON-RPC message may make the editor parse hundreds of megabytes. Each kind of message
// is cut in a way its reader understands, and every cut says so (a diagnostic, a notice in the
// preview, a line in the server log) with the numbers that were cut.
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { ReviewSnapshot } from '../render/snapshot.js';
import type { ReviewResult } from '../protocol.js';

/** The limits of one message the server sends to the client. */
export interface MessageLimits {
  /** Bytes of one message's JSON (UTF-8), headers aside. */
  maxBytes: number;
  /** Diagnostics published for one document. */
  maxDiagnostics: number;
}

/**
 * Default limits: far above any spec a person writes (the largest example sends about 100 KB), far
 * below what stalls an editor (the first round's 166 MB review notifications).
 */
export const MESSAGE_LIMITS: Readonly<MessageLimits> = Object.freeze({
  maxBytes: 8 * 1024 * 1024,
  maxDiagnostics: 2_000,
});

/** Bytes of a value's JSON, as the transport will write it (0 for undefined). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
}

/** JSON bytes of a string at most: 6 per UTF-16 unit (a \\u00XX escape), plus the quotes. */
const stringBytesAtMost = (s: string | undefined): number => (s === undefined ? 0 : 6 * s.length + 2);

/**
 * An upper bound on jsonBytes(d), from its strings' lengths: the structure around them (ranges,
 * severity, keys) is under 400 bytes per diagnostic and per related location.
 */
export function diagnosticBytesAtMost(d: Diagnostic): number {
  let bytes = 400 + stringBytesAtMost(typeof d.message === 'string' ? d.message : d.message.value) + stringBytesAtMost(typeof d.message === 'string' ? undefined : d.message.kind) + stringBytesAtMost(d.source) + stringBytesAtMost(typeof d.code === 'string' ? d.code : undefined) + stringBytesAtMost(d.codeDescription?.href);
  for (const r of d.relatedInformation ?? []) bytes += 400 + stringBytesAtMost(r.message) + stringBytesAtMost(r.location.uri);
  // Fields this server does not set (data, tags) are measured exactly.
  if (d.data !== undefined || d.tags !== undefined) bytes += jsonBytes({ data: d.data, tags: d.tags });
  return bytes;
}

const n = (x: number): string => x.toLocaleString('en');
const mb = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * The diagnostics of one document, at most `maxDiagnostics` of them and `maxBytes` in all, in
 * their order (the engine sorts findings by position). When some are cut, the last one kept is a
 * notice on the first line saying how many were not sent and how to see them all.
 */
export function boundDiagnostics(diagnostics: Diagnostic[], limits: MessageLimits = MESSAGE_LIMITS): Diagnostic[] {
  const budget = limits.maxBytes - 1024; // room for the notice and the envelope
  // The common case, decided without serialising every diagnostic a second time (the transport
  // serialises them once; doing it here too cost 1.7 ms per edit on a 5,000-line spec).
  if (diagnostics.length <= limits.maxDiagnostics && diagnostics.reduce((sum, d) => sum + diagnosticBytesAtMost(d) + 1, 0) <= budget) return diagnostics;
  let bytes = 0;
  let fits = 0; // how many fit in the byte budget, counted up to the count limit
  while (fits < diagnostics.length && fits < limits.maxDiagnostics) {
    const next = bytes + jsonBytes(diagnostics[fits]) + 1;
    if (next > budget) break;
    bytes = next;
    fits++;
  }
  if (fits === diagnostics.length) return diagnostics;
  // One place is left for the notice.
  const keep = Math.min(fits, limits.maxDiagnostics - 1);
  const notice: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: 'l2spec',
    code: 'message-limit',
    message: `l2spec shows the first ${n(keep)} of ${n(diagnostics.length)} findings: the editor is sent at most ${n(limits.maxDiagnostics)} findings or ${mb(limits.maxBytes)} per document. Run "l2spec check" on the file to see all of them.`,
  };
  return [...diagnostics.slice(0, keep), notice];
}

/**
 * A review snapshot within `maxBytes`. First the findings are cut to a prefix (indices stay valid;
 * counts still count them all); if the rest is still too large, the diagram, plan and comparison
 * are dropped and every reason list is shortened. `notice` says what was left out.
 */
export function boundSnapshot(snapshot: ReviewSnapshot, limits: MessageLimits = MESSAGE_LIMITS): ReviewSnapshot {
  const size = jsonBytes(snapshot);
  if (size <= limits.maxBytes) return snapshot;
  const total = snapshot.findings.length;
  const perFinding = snapshot.findings.map((f) => jsonBytes(f) + 1);
  const fixed = size - perFinding.reduce((a, b) => a + b, 0);
  const budget = limits.maxBytes - 2048; // room for the notice
  const cut = (keep: number, lean: boolean): ReviewSnapshot => {
    const findings = snapshot.findings.slice(0, keep);
    const notice = `The review of this spec is ${mb(size)}, more than the ${mb(limits.maxBytes)} l2spec sends to the preview in one message: it shows the first ${n(keep)} of ${n(total)} findings${lean ? ', no diagram, no plan and no comparison, and at most 20 reasons per rating' : ''}. Run "l2spec check" on the file to see everything.`;
    const base: ReviewSnapshot = { ...snapshot, findings, parseErrors: snapshot.parseErrors.filter((e) => e.index < keep), notice };
    if (!lean) return base;
    const short = <T>(list: T[]): T[] => list.slice(0, 20);
    return {
      ...base,
      diagram: { width: 0, height: 0, bands: [], nodes: [], edges: [] },
      plan: undefined,
      compare: undefined,
      tier: { ...base.tier, reasons: short(base.tier.reasons) },
      stage: { ...base.stage, reasons: short(base.stage.reasons) },
      ratings: base.ratings.map((r) => ({ ...r, reasons: short(r.reasons) })),
      pegs: base.pegs.slice(0, 200).map((p) => ({ ...p, reasons: short(p.reasons) })),
      parseErrors: base.parseErrors.slice(0, 20),
    };
  };
  if (fixed <= budget) {
    let keep = 0;
    let bytes = fixed;
    while (keep < total && bytes + perFinding[keep]! <= budget) bytes += perFinding[keep++]!;
    return cut(keep, false);
  }
  const lean = cut(0, true);
  const leanFixed = jsonBytes(lean);
  let keep = 0;
  let bytes = leanFixed;
  while (keep < total && bytes + perFinding[keep]! <= budget) bytes += perFinding[keep++]!;
  const result = cut(keep, true);
  // Reasons are bounded by the spec, but a spec near the size limit could still hold long ones.
  return jsonBytes(result) <= limits.maxBytes ? result : { ...result, findings: [], parseErrors: [], pegs: [], notice: result.notice! };
}

/**
 * A request's result, or `fallback` (what the request answers when it has nothing) when the
 * result's JSON is over `maxBytes`; `log` gets one line naming the request and both sizes.
 */
export function boundResult<R>(name: string, result: R, fallback: R, log: (message: string) => void, limits: MessageLimits = MESSAGE_LIMITS): R {
  if (result === null || result === undefined || typeof result !== 'object') return result;
  const bytes = jsonBytes(result);
  if (bytes <= limits.maxBytes) return result;
  log(`l2spec: the ${name} answer was ${mb(bytes)}, over the ${mb(limits.maxBytes)} limit on one message; answered with nothing instead.`);
  return fallback;
}

/** A l2spec/reviewDocument handler whose snapshot is cut to the limits like the review notification's. */
export function boundReview<P>(handler: (params: P) => Promise<ReviewResult>, limits: MessageLimits = MESSAGE_LIMITS): (params: P) => Promise<ReviewResult> {
  return async (params: P) => {
    const result = await handler(params);
    return result ? { ...result, snapshot: boundSnapshot(result.snapshot, limits) } : result;
  };
}
