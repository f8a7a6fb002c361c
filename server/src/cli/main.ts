// l2spec command line: the engine's CI face.
//   l2spec check <files|dirs…> [--format text|json|sarif] [--fail-on LEVEL] [--config FILE] [-o FILE]
//   l2spec explain <ruleId|term>
//   l2spec rules [--format text|json]
//   l2spec render <spec> --format svg|html -o FILE
// Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage error or unreadable input.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, catalogue, ENGINE_VERSION, SEVERITIES, type L2specConfig, type Severity } from '../engine/index.js';
import { collectSpecFiles, findConfig, loadConfig, UsageError } from './files.js';
import { toJson, toSarif, toText, type FileReport } from './report.js';
import { explain } from './explain.js';
import { render } from './render.js';
import { diffCommand } from './diff.js';
import { planFor } from './plan.js';

const USAGE = `l2spec ${ENGINE_VERSION}: reviews Bitcoin L2 design specs (*.l2spec.yaml) for trust-assumption weaknesses

Usage:
  l2spec check <files|dirs…> [--format text|json|sarif] [--fail-on critical|high|medium|low|never]
                             [--config FILE] [--output FILE]
  l2spec explain <ruleId|term>
  l2spec rules [--format text|json]
  l2spec render <spec> --format svg|html --output FILE
  l2spec diff <old> <new> | --base <git-rev> [paths…] [--format text|json|markdown]
              [--fail-on-regression] [--fail-on critical|high|medium|low|never] [--output FILE]
  l2spec --version | --help

check   analyses each spec (directories are searched for *.l2spec.yaml / *.l2spec.yml) and prints
        findings, the security tier and per-axis ratings. Exit code 0 when nothing is at or above
        --fail-on (default: high), 1 when something is, 2 on a usage error or unreadable input.
        The nearest .l2spec.yaml above each spec (or --config) sets rule severities.
explain prints what a rule checks and why, or what a term means.
rules   lists the rule catalogue.
render  writes the stack diagram as SVG, or a standalone HTML review report.
diff    compares two versions of a design (tier, stage, ratings, findings); --base reads the old
        one from git. --fail-on-regression exits 1 when the design got weaker.
`;

const FAIL_LEVELS = ['critical', 'high', 'medium', 'low', 'never'] as const;
type FailOn = (typeof FAIL_LEVELS)[number];

export function main(argv: readonly string[]): number {
  try {
    return run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`l2spec: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`l2spec: internal error: ${(error as Error)?.stack ?? String(error)}\n`);
    return 2;
  }
}

function run(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${ENGINE_VERSION}\n`);
    return 0;
  }
  switch (command) {
    case 'check':
      return check(rest);
    case 'explain': {
      const { positionals } = parse(rest, {});
      if (positionals.length === 0) throw new UsageError('explain needs a rule ID or a term, e.g. "l2spec explain L2S-CUST-001" or "l2spec explain watchtower"');
      const text = explain(positionals.join(' '));
      if (!text) {
        process.stderr.write(`l2spec: no rule or glossary term matches "${positionals.join(' ')}"; try "l2spec rules"\n`);
        return 2;
      }
      process.stdout.write(`${text}\n`);
      return 0;
    }
    case 'rules':
      return listRules(rest);
    case 'render':
      return renderCommand(rest);
    case 'diff':
      return diffCommand(rest);
    default:
      throw new UsageError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

function parse<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
}

function check(args: readonly string[]): number {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    config: { type: 'string', short: 'c' },
    output: { type: 'string', short: 'o' },
  });
  const format = oneOf(values.format, ['text', 'json', 'sarif'] as const, '--format', 'text');
  const failOn = oneOf<FailOn>(values['fail-on'], FAIL_LEVELS, '--fail-on', 'high');
  if (positionals.length === 0) throw new UsageError('check needs at least one file or directory');
  const files = collectSpecFiles(positionals);
  if (files.length === 0) throw new UsageError(`no *.l2spec.yaml or *.l2spec.yml files found in ${positionals.join(', ')}`);

  const explicit = values.config ? loadConfig(values.config) : undefined;
  if (explicit) reportConfigProblems(values.config!, explicit.problems);
  const configCache = new Map<string, L2specConfig>();
  const configFor = (file: string): L2specConfig => {
    if (explicit) return explicit.config;
    const path = findConfig(file);
    if (!path) return {};
    let config = configCache.get(path);
    if (!config) {
      const loaded = loadConfig(path);
      reportConfigProblems(path, loaded.problems);
      config = loaded.config;
      configCache.set(path, config);
    }
    return config;
  };

  const reports: FileReport[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const config = configFor(file);
    const result = analyze(text, { config });
    reports.push({ path: displayPath(file), result, ...(format !== 'sarif' ? { plan: planFor(text, result, config) } : {}) });
  }

  const output =
    format === 'json' ? `${JSON.stringify(toJson(reports), null, 2)}\n`
    : format === 'sarif' ? `${JSON.stringify(toSarif(reports), null, 2)}\n`
    : toText(reports, !values.output && process.stdout.isTTY === true && !process.env.NO_COLOR);
  if (values.output) writeFileSync(values.output, output);
  else process.stdout.write(output);

  if (failOn === 'never') return 0;
  const threshold = SEVERITIES.indexOf(failOn as Severity);
  const failing = reports.some(({ result }) => result.findings.some((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) <= threshold));
  return failing ? 1 : 0;
}

function reportConfigProblems(path: string, problems: readonly string[]): void {
  for (const p of problems) process.stderr.write(`l2spec: ${path}: ${p}\n`);
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.replace(/\\/g, '/') : file;
}

function listRules(args: readonly string[]): number {
  const { values } = parse(args, { format: { type: 'string', short: 'f' } });
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const metas = [...catalogue.values()];
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(metas, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...metas.map((m) => m.id.length));
  for (const m of metas) process.stdout.write(`${m.id.padEnd(width)}  ${m.severity.padEnd(8)}  ${m.axis.padEnd(16)}  ${m.title}\n`);
  process.stdout.write(`\n${metas.length} rules. "l2spec explain <ID>" shows one in full.\n`);
  return 0;
}

function renderCommand(args: readonly string[]): number {
  const { values, positionals } = parse(args, { format: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } });
  const format = oneOf(values.format, ['svg', 'html'] as const, '--format', 'svg');
  if (positionals.length !== 1) throw new UsageError('render needs exactly one spec file');
  if (!values.output) throw new UsageError('render needs --output FILE (-o FILE)');
  const file = positionals[0]!;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read "${file}"`);
  }
  const config = (() => {
    const path = findConfig(file);
    return path ? loadConfig(path).config : {};
  })();
  writeFileSync(values.output, render(analyze(text, { config }), format, displayPath(file)));
  return 0;
}

