// l2spec command line: the engine's CI face. `l2spec --help` and `l2spec <command> --help` list
// the options (commander builds them from the definitions below).
// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or unreadable input.
import { writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { createColors } from 'picocolors';
import { analyze, catalogue, ENGINE_VERSION, SEVERITIES, type AnalysisResult, type L2specConfig, type Severity } from '../engine/index.js';
import { markdownText, terminalSafe, workflowData, workflowProperty } from './escape.js';
import { collectSpecFiles, ConfigCache, findConfig, loadConfig, quote, readInput, UsageError, type LoadedConfig, type Unreadable } from './files.js';
import { toGithub, toJson, toMarkdown, toSarif, toText, type FileReport } from './report.js';
import { neutralise, writeErr, type OutputKind } from './ciSafe.js';
import { capSarifResults, noteUnreadable, sarifCapWarning } from './sarifLimits.js';
import { DIFF_FORMATS, runDiff, type DiffOptions } from './diff.js';
import { terminalStdout, writeStdout } from './stdout.js';
import { clockMs, planFor, RunPlanner } from './plan.js';

const FAIL_LEVELS = ['critical', 'high', 'medium', 'low', 'never'] as const;
type FailOn = (typeof FAIL_LEVELS)[number];
const CHECK_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
const RENDER_FORMATS = { '.svg': 'svg', '.html': 'html', '.htm': 'html' } as const;

interface ColourOptions {
  color?: boolean;
}

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
export function main(argv: readonly string[]): number {
  let code = 0;
  const program = buildProgram((c) => { code = c; });
  try {
    program.parse([...argv], { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // commander printed it
    if (error instanceof UsageError) {
      writeErr(`l2spec: ${error.message}\n`);
      return 2;
    }
    writeErr(`l2spec: internal error: ${terminalSafe(String((error as Error)?.stack ?? error))}\n`);
    return 2;
  }
}

function buildProgram(exit: (code: number) => void): Command {
  const program = new Command('l2spec')
    .description('Reviews Bitcoin L2 design specs (*.l2spec.yaml) for trust-assumption weaknesses.')
    .version(ENGINE_VERSION, '-v, --version')
    .addHelpText('after', '\nExit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or unreadable input.\nRun "l2spec <command> --help" for the options of one command.')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => writeStdout(neutralise(s, 'text')), writeErr: (s) => writeErr(s) })
    .exitOverride();

  withColour(program.command('check')
    .description('analyse specs and print findings, the security tier and per-axis ratings')
    .argument('<paths...>', 'spec files, directories (searched for *.l2spec.yaml|yml and the files: globs of .l2spec.yaml), or - for standard input')
    .addOption(new Option('-f, --format <format>', 'output format').choices(CHECK_FORMATS).default('text'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this severity').choices(FAIL_LEVELS).default('high'))
    .option('-q, --quiet', 'report only findings at or above --fail-on (text and github: no tier summary)')
    .option('-c, --config <file>', 'use this config instead of the nearest .l2spec.yaml')
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .option('--stdin-filename <path>', 'the path to report (and find .l2spec.yaml from) for standard input')
    .option('--no-report-unused-suppressions', 'do not report suppression comments that suppress nothing')
    .option('--no-plan', 'do not search for what it would take to reach a better tier and stage (text and json)')
    .option('--docs-url <url>', 'base URL of the rule pages for SARIF helpUri and Markdown links (default: the repository\'s docs/rules/)'))
    .action((paths: string[], options: CheckOptions) => exit(check(paths, options)));

  program.command('explain')
    .description('print what a rule checks and why, what a key or a value means (as the editor\'s hover does), or what a glossary term means; a misspelt topic finds its closest match')
    .argument('[topic...]', 'a rule ID (L2S-CUST-001), a key (threshold), a value (11-of-15, 144 blocks, 67% of stake) or a term (watchtower, exit window)')
    .option('-l, --list', 'list every rule and glossary term')
    .addOption(new Option('-f, --format <format>', 'text for the terminal, or the Markdown source').choices(['text', 'markdown'] as const).default('text'))
    .addOption(colourOption()).addOption(noColourOption())
    .action((topic: string[], options: ExplainOptions) => exit(explainCommand(topic, options)));

  program.command('rules')
    .description('list the rule catalogue')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json'] as const).default('text'))
    .action((options: { format: 'text' | 'json' }) => exit(listRules(options.format)));

  program.command('render')
    .description('write the stack diagram as SVG, or a standalone HTML review report')
    .argument('<spec>', 'the spec file, or - for standard input')
    .requiredOption('-o, --output <file>', 'the file to write (.svg or .html), or - for standard output with --format')
    .addOption(new Option('-f, --format <format>', 'svg or html (default: from the output file\'s extension)').choices(['svg', 'html'] as const))
    .option('-c, --config <file>', 'use this config instead of the nearest .l2spec.yaml')
    .option('--stdin-filename <path>', 'the path to show (and find .l2spec.yaml from) for standard input')
    .action((spec: string, options: RenderOptions) => exit(renderCommand(spec, options)));

  program.command('diff')
    .description('compare two versions of a design: tier, stage, ratings (with the reasons that changed) and findings')
    .argument('[paths...]', 'two spec files (old, new); with --base, the specs or directories to compare (default: .)')
    .option('--base <git-rev>', 'compare each spec with its text at this git revision (renamed specs are paired by content, then by system.name)')
    .addOption(new Option('-f, --format <format>', 'output format (markdown: for a pull-request comment or $GITHUB_STEP_SUMMARY)').choices(DIFF_FORMATS).default('text'))
    .option('--fail-on-regression', 'exit 1 when the tier, stage, a rating or a threshold got worse, a new finding is at or above --fail-on, or an added spec fails check at --fail-on')
    .addOption(new Option('--fail-on <level>', 'the lowest severity of a new finding that counts as a regression').choices(FAIL_LEVELS).default('high'))
    .option('-o, --output <file>', 'write the report to a file instead of standard output')
    .action((paths: string[], options: DiffOptions) => exit(runDiff(paths, options, (path, text) => writeOutput(path, text, options.format === 'json' ? 'json' : 'text'))));

  return program;
}

function colourOption(): Option {
  return new Option('--color', 'colour the output (default: when the output is a terminal; NO_COLOR and FORCE_COLOR are honoured)');
}

function noColourOption(): Option {
  return new Option('--no-color', 'never colour the output');
}

function withColour(command: Command): Command {
  return command.addOption(colourOption()).addOption(noColourOption());
}

/**
 * Whether to colour: --color / --no-color win, then FORCE_COLOR (set and not 0/false), then
 * NO_COLOR (set and not empty, https://no-color.org), then whether the stream is a colour terminal.
 */
export function useColour(flag: boolean | undefined, stream: NodeJS.WriteStream | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.FORCE_COLOR !== undefined) return !['0', 'false'].includes(env.FORCE_COLOR);
  if (env.NO_COLOR) return false;
  if (!stream?.isTTY) return false;
  return typeof stream.hasColors === 'function' ? stream.hasColors() : true;
}

interface CheckOptions extends ColourOptions {
  format: (typeof CHECK_FORMATS)[number];
  failOn: FailOn;
  quiet?: boolean;
  config?: string;
  output?: string;
  stdinFilename?: string;
  reportUnusedSuppressions: boolean;
  /** False with --no-plan. */
  plan: boolean;
  docsUrl?: string;
}

function check(paths: readonly string[], options: CheckOptions): number {
  const threshold = options.failOn === 'never' ? -1 : SEVERITIES.indexOf(options.failOn as Severity);
  const explicit = options.config ? loadConfig(options.config) : undefined;
  const configs = new ConfigCache(reportConfigProblems);
  if (explicit) reportConfigProblems(explicit);
  if (options.docsUrl !== undefined && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(options.docsUrl)) throw new UsageError('--docs-url must be an absolute URL such as https://example.org/l2spec/rules/');

  // A spec that cannot be read (or a folder that cannot be searched) is reported and fails the run
  // with exit 2 once the others are checked: nothing found is skipped silently.
  const unreadable: Unreadable[] = [];
  const files = collectSpecFiles(paths, configs, unreadable);
  if (files.length === 0 && unreadable.length === 0) throw new UsageError(`no *.l2spec.yaml or *.l2spec.yml files (nor files: globs of .l2spec.yaml) found in ${paths.map(quote).join(', ')}`);

  const configFor = (file: string): L2specConfig => {
    if (explicit) return explicit.config;
    const at = file === '-' ? (options.stdinFilename ?? join(process.cwd(), 'stdin')) : file;
    return configs.forFolder(dirname(at))?.config ?? {};
  };

  const reports: FileReport[] = [];
  // What it would take to reach a better tier and stage: text and JSON show it, so only they search.
  const planner = options.plan && !options.quiet && (options.format === 'text' || options.format === 'json') ? new RunPlanner(files.length) : undefined;
  for (const file of files) {
    const path = file === '-' ? (options.stdinFilename ? displayPath(options.stdinFilename) : '<stdin>') : displayPath(file);
    let text: string;
    try {
      text = readInput(file);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      unreadable.push({ path, error: error.message });
      continue;
    }
    const config = configFor(file);
    // With a plan to search, the analysis warms its analyzer: the search's re-analyses then
    // re-parse only the part of the spec a change touches.
    const analyzer = planner?.analyzer();
    const t0 = clockMs();
    const analyzeOptions = { config, reportUnusedSuppressions: options.reportUnusedSuppressions };
    const result = analyzer ? analyzer.analyze(text, analyzeOptions) : analyze(text, analyzeOptions);
    const plan = planner?.plan(text, result, config, analyzer, clockMs() - t0);
    reports.push({ path, result, ...(plan ? { plan } : {}) });
  }
  const failing = reports.some(({ result }) => result.findings.some((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) <= threshold));

  const shown = options.quiet ? reports.map((r) => ({ ...r, result: onlyAtOrAbove(r.result, threshold) })) : reports;
  let output: string;
  switch (options.format) {
    case 'json': output = `${JSON.stringify({ ...(toJson(shown) as object), ...(unreadable.length ? { unreadable } : {}) }, null, 2)}\n`; break;
    case 'sarif': {
      const { log, dropped } = capSarifResults(toSarif(shown, { docsUrl: options.docsUrl }));
      noteUnreadable(log, unreadable);
      if (dropped) writeErr(`l2spec: warning: ${sarifCapWarning(dropped)}\n`);
      output = `${JSON.stringify(log, null, 2)}\n`;
      break;
    }
    case 'github': output = toGithub(shown, { quiet: options.quiet }) + unreadable.map((u) => `::error file=${workflowProperty(u.path)}::${workflowData(`l2spec: ${u.error}`)}\n`).join(''); break;
    case 'markdown': output = toMarkdown(shown, { docsUrl: options.docsUrl }) + unreadableMarkdown(unreadable); break;
    default: output = toText(shown, { colour: useColour(options.color, options.output ? undefined : terminalStdout()), quiet: options.quiet });
  }
  writeOutput(options.output, output, options.format === 'json' || options.format === 'sarif' ? 'json' : options.format === 'github' ? 'github' : 'text');
  for (const u of unreadable) writeErr(`l2spec: ${u.error}\n`);
  if (unreadable.length) {
    writeErr(`l2spec: ${unreadable.length} spec${unreadable.length === 1 ? '' : 's'} could not be checked; failing the run (exit 2)\n`);
    return 2;
  }
  return failing ? 1 : 0;
}

function unreadableMarkdown(unreadable: readonly Unreadable[]): string {
  if (!unreadable.length) return '';
  return ['', '### Not checked', '', ...unreadable.map((u) => `- ${markdownText(u.error)}`), ''].join('\n') + '\n';
}

function onlyAtOrAbove(result: AnalysisResult, threshold: number): AnalysisResult {
  return { ...result, findings: result.findings.filter((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) <= threshold) };
}

function reportConfigProblems(config: LoadedConfig): void {
  for (const p of config.problems) writeErr(`l2spec: ${terminalSafe(displayPath(config.path))}: ${terminalSafe(p)}\n`);
}

/**
 * Writes to a file, or to standard output when `path` is undefined or "-". Human-readable and JSON
 * text is first made inert for a CI runner (./ciSafe.ts), whether it goes to the log or to a file
 * someone may print later; `raw` (SVG, HTML) is written as it is.
 */
function writeOutput(path: string | undefined, text: string, kind: OutputKind = 'text'): void {
  const safe = neutralise(text, kind);
  if (path === undefined || path === '-') {
    writeStdout(safe);
    return;
  }
  try {
    writeFileSync(path, safe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code ?? 'unknown error';
    throw new UsageError(`cannot write ${quote(path)}: ${why}`);
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : file;
}

interface ExplainOptions extends ColourOptions {
  list?: boolean;
  format: 'text' | 'markdown';
}

function explainCommand(topic: readonly string[], options: ExplainOptions): number {
  // Loaded on use only, so `check` does not pay for the Markdown parser at start-up.
  const { explainWithNote, listTopics, markdownToTerminal, suggestions } = require('./explain.js') as typeof import('./explain.js');
  const markdown = options.format === 'markdown';
  if (options.list) {
    writeOutput(undefined, listTopics(markdown));
    return 0;
  }
  const wanted = topic.join(' ');
  if (!wanted.trim()) throw new UsageError('explain needs a rule ID, a term, a key or a value, e.g. "l2spec explain L2S-CUST-001", "l2spec explain watchtower" or "l2spec explain 11-of-15"; "l2spec explain --list" lists them');
  const found = explainWithNote(wanted);
  if (found?.note) process.stderr.write(`l2spec: ${found.note}\n`);
  const text = found?.markdown;
  if (!text) {
    const near = suggestions(wanted);
    throw new UsageError(`no rule, key, value or glossary term matches ${quote(wanted)}${near.length ? `; perhaps: ${near.map(terminalSafe).join(', ')}` : ''}. "l2spec explain --list" lists them all.`);
  }
  if (markdown) {
    writeOutput(undefined, `${text}\n`);
    return 0;
  }
  const c = createColors(useColour(options.color, terminalStdout()));
  writeOutput(undefined, markdownToTerminal(text, { bold: c.bold, italic: c.italic, dim: c.dim }));
  return 0;
}

function listRules(format: 'text' | 'json'): number {
  const metas = [...catalogue.values()];
  if (format === 'json') {
    writeOutput(undefined, `${JSON.stringify(metas, null, 2)}\n`, 'json');
    return 0;
  }
  const width = Math.max(...metas.map((m) => m.id.length));
  writeOutput(undefined, `${metas.map((m) => `${m.id.padEnd(width)}  ${m.severity.padEnd(8)}  ${m.axis.padEnd(16)}  ${m.title}\n`).join('')}\n${metas.length} rules. "l2spec explain <ID>" shows one in full.\n`);
  return 0;
}

interface RenderOptions {
  output: string;
  format?: 'svg' | 'html';
  config?: string;
  stdinFilename?: string;
}

/** The format: --format, else the output's extension; a format that contradicts the extension is refused. */
export function renderFormat(output: string, format: 'svg' | 'html' | undefined): 'svg' | 'html' {
  const ext = extname(output).toLowerCase();
  const implied = (RENDER_FORMATS as Record<string, 'svg' | 'html'>)[ext];
  if (format && implied && format !== implied) throw new UsageError(`--format ${format} does not match the output ${quote(output)}, which names ${implied.toUpperCase()}; drop --format or change the extension`);
  if (format) return format;
  if (implied) return implied;
  throw new UsageError(`cannot tell the format from ${quote(output)}: name it .svg or .html, or pass --format svg|html`);
}

function renderCommand(spec: string, options: RenderOptions): number {
  const format = renderFormat(options.output, options.format);
  const text = readInput(spec);
  const shownAs = spec === '-' ? (options.stdinFilename ?? '<stdin>') : spec;
  const config = options.config ? loadConfig(options.config) : (() => {
    const path = findConfig(spec === '-' ? (options.stdinFilename ?? join(process.cwd(), 'stdin')) : spec);
    return path ? loadConfig(path) : undefined;
  })();
  if (config) reportConfigProblems(config);
  // The renderer is loaded only by this command.
  const { render } = require('./render.js') as typeof import('./render.js');
  const result = analyze(text, { config: config?.config ?? {} });
  writeOutput(options.output, render(result, format, displayPath(shownAs), format === 'html' ? planFor(text, result, config?.config ?? {}) : undefined), 'raw');
  return 0;
}
