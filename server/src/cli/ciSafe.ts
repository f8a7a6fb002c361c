// GitHub Actions reads every line a step prints, on standard output and standard error, for
// workflow commands, and executes them: `::name args::data` when a line starts with `::` after
// leading whitespace (actions/runner ActionCommand.TryParseV2 trims the start), and the older
// `##[name args]data` anywhere in a line (ActionCommand.TryParse looks for `##[` at any index).
// Spec text, file names and git revisions reach the CLI's human-readable output, so a design could
// otherwise mask secrets (`##[add-mask]`), set outputs or stop the runner reading commands at all
// (`::stop-commands::`). Every writer of the CLI passes its text through here, once, just before
// it is written; `--format github`, whose own commands are the point, only has `##[` broken.

/** What kind of text is being written; decides how it is made inert (see neutralise). */
export type OutputKind = 'text' | 'json' | 'github' | 'raw';

// A line break as the runner splits lines (.NET ReadLine: \n, \r or \r\n).
const LINES = /(\r\n|\r|\n)/;
// Leading whitespace (Unicode, as .NET's TrimStart) and colour codes before a `::`.
const COMMAND_START = /^((?:[\s\u0085\u180e]|\x1b\[[0-9;:]*[A-Za-z])*)::/;
const LEGACY_COMMAND = /##\[/g;

/**
 * Text with every workflow-command form made inert, visibly: a `::` that starts a line becomes
 * `:\:`, and `##[` anywhere becomes `#\#[`. Nothing else changes (Markdown renders both escapes
 * as the original characters). Idempotent.
 */
export function neutraliseWorkflowCommands(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text;
  return text.split(LINES).map((part, i) => (i % 2 === 1 ? part : part.replace(COMMAND_START, '$1:\\:').replace(LEGACY_COMMAND, '#\\#['))).join('');
}

/**
 * JSON text (JSON, SARIF) with `##[` written `##\u005b` inside its strings: the same value for
 * every JSON reader, inert for the runner. In JSON `##[` can only occur inside a string, and no line
 * of JSON starts with `:`, so this is lossless.
 */
export function neutraliseJson(json: string): string {
  return json.replace(LEGACY_COMMAND, '##\\u005b');
}

/** Text made inert for a CI log according to its kind; `raw` (SVG, HTML files) is left as it is. */
export function neutralise(text: string, kind: OutputKind): string {
  switch (kind) {
    case 'text': return neutraliseWorkflowCommands(text);
    case 'json': return neutraliseJson(text);
    case 'github': return text.replace(LEGACY_COMMAND, '#\\#[');
    default: return text;
  }
}

/** Writes a message to standard error with workflow commands neutralised. */
export function writeErr(text: string): void {
  process.stderr.write(neutraliseWorkflowCommands(text));
}
