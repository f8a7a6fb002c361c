// The repository config file `.l2spec.yaml`: per-rule severity (or off) and extra spec globs.
// Parsed here (pure) so the CLI and the language server read it the same way.
import { parse } from 'yaml';
import { yamlProblemMessage } from './parse/yamlMessages.js';
import { catalogue } from './rules/index.js';
import { SEVERITIES, type L2specConfig, type Severity } from './types.js';

export const CONFIG_FILE_NAME = '.l2spec.yaml';

export interface ParsedConfig {
  config: L2specConfig & { files?: string[] };
  /** Human-readable problems; the config is still applied as far as it is valid. */
  problems: string[];
  /** True when nothing of the file could be used (not YAML, or not a mapping): a CI gate must stop. */
  fatal?: boolean;
}

export function parseConfig(text: string): ParsedConfig {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 });
  } catch (error) {
    const e = error as { code?: string; message?: string; linePos?: { line: number; col: number }[] };
    const at = e.linePos?.[0] ? ` at line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '';
    return { config: {}, problems: [`invalid YAML${at}: ${yamlProblemMessage(e.code, String(e.message ?? error))}`], fatal: true };
  }
  if (raw === null || raw === undefined) return { config: {}, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { config: {}, problems: ['the config must be a mapping with a "rules" key'], fatal: true };
  const config: ParsedConfig['config'] = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'rules') config.rules = parseRuleSettings(value, problems);
    else if (key === 'files') {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) config.files = value as string[];
      else problems.push('"files" must be a list of glob strings');
    } else problems.push(`unknown key "${key}" (expected "rules" or "files")`);
  }
  return { config, problems };
}

/** Validates a rule → severity table (also used for the editor's l2spec.rules setting). */
export function parseRuleSettings(value: unknown, problems: string[]): Record<string, Severity | 'off'> {
  const rules: Record<string, Severity | 'off'> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push('"rules" must map rule IDs to a severity or off');
    return rules;
  }
  for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
    if (!catalogue.has(id)) {
      problems.push(`unknown rule "${id}"`);
      continue;
    }
    if (setting === 'off' || (typeof setting === 'string' && (SEVERITIES as readonly string[]).includes(setting))) {
      rules[id] = setting as Severity | 'off';
    } else problems.push(`rule ${id}: "${String(setting)}" is not one of ${[...SEVERITIES, 'off'].join(', ')}`);
  }
  return rules;
}
