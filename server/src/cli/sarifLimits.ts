// GitHub code scanning rejects a SARIF run with more than 25,000 results (and stores only the top
// 5,000 by severity): https://docs.github.com/code-security/code-scanning/troubleshooting-sarif-uploads/results-exceed-limit
// l2spec writes one run per upload (several runs of one tool and category in one upload are not
// accepted either), so a larger log is capped, not split: the most severe results are kept, the
// rest are counted in the log and on standard error. The exit code and the other formats always
// count every finding.
import type * as Sarif from 'sarif';
import type { Severity } from '../engine/index.js';
import { SEVERITIES } from '../engine/index.js';
import type { Unreadable } from './files.js';
import { sarifArtifact } from './report.js';

/** GitHub code scanning accepts at most this many results per run. */
export const SARIF_MAX_RESULTS = 25_000;

/**
 * Caps the first run at `max` results: active findings before suppressed ones, then by severity
 * (critical first), then in the order they were written; the kept ones stay in that written order.
 * When some are dropped the run says so: an invocation notification and `properties.resultsOmitted`.
 */
export function capSarifResults(log: Sarif.Log, max = SARIF_MAX_RESULTS): { log: Sarif.Log; dropped: number } {
  const run = log.runs[0];
  const results = run?.results ?? [];
  if (!run || results.length <= max) return { log, dropped: 0 };
  const rank = (r: Sarif.Result) => (r.suppressions?.length ? SEVERITIES.length : 0) + Math.max(0, SEVERITIES.indexOf((r.properties?.severity as Severity | undefined) ?? 'info'));
  const order = results.map((r, i) => ({ i, rank: rank(r) })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  const keep = new Set(order.slice(0, max).map((x) => x.i));
  const dropped = results.length - max;
  run.results = results.filter((_, i) => keep.has(i));
  run.properties = { ...run.properties, resultsOmitted: dropped, resultsTotal: results.length };
  notify(run, { level: 'warning', message: { text: sarifCapWarning(dropped, results.length) } });
  return { log, dropped };
}

/** The sentence that says a log was capped. */
export function sarifCapWarning(dropped: number, total = dropped + SARIF_MAX_RESULTS): string {
  return `${total} SARIF results, more than the ${SARIF_MAX_RESULTS} GitHub code scanning accepts in one run: the ${SARIF_MAX_RESULTS} most severe are written and ${dropped} left out (the exit code counts all of them; --format json has every finding, and checking fewer files per upload keeps them all).`;
}

/** Records specs that could not be read as error notifications: the run did not check everything. */
export function noteUnreadable(log: Sarif.Log, unreadable: readonly Unreadable[]): void {
  const run = log.runs[0];
  if (!run || unreadable.length === 0) return;
  for (const u of unreadable) {
    notify(run, { level: 'error', message: { text: u.error }, locations: [{ physicalLocation: { artifactLocation: sarifArtifact(u.path) } }] });
  }
  run.invocations![0]!.executionSuccessful = false;
}

function notify(run: Sarif.Run, notification: Sarif.Notification): void {
  run.invocations ??= [{ executionSuccessful: true }];
  const invocation = run.invocations[0]!;
  invocation.toolExecutionNotifications = [...(invocation.toolExecutionNotifications ?? []), notification];
}
