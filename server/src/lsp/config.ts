// Settings from the client (initializationOptions, workspace/didChangeConfiguration) and the
// repository's `.l2spec.yaml`, found by the rule the CLI uses too (../configFile.ts: the nearest
// one up to the repository root). Editor settings override the repository file rule by rule.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, parseRuleSettings, type L2specConfig, type Severity } from '../engine/index.js';
import type { L2specSettings } from '../protocol.js';
import { findConfigFrom } from '../configFile.js';

/** Client settings plus server-only knobs (the debounce is set to 0 by benchmarks and tests). */
export interface ServerSettings extends L2specSettings {
  /** Delay between the last edit and the analysis, in ms. */
  debounceMs?: number;
}

export interface EffectiveSettings {
  rules: Record<string, Severity | 'off'>;
  maxFileSize?: number;
  suppressSchemaDiagnostics: boolean;
  debounceMs: number;
}

export const DEFAULT_DEBOUNCE_MS = 150;

/** Accepts the settings object itself or one wrapped as { l2spec: … }; ignores what is malformed. */
export function normaliseSettings(raw: unknown, log?: (message: string) => void): EffectiveSettings {
  let value = raw;
  if (value && typeof value === 'object' && 'l2spec' in value && typeof (value as { l2spec: unknown }).l2spec === 'object') value = (value as { l2spec: unknown }).l2spec;
  const s = (value && typeof value === 'object' ? value : {}) as ServerSettings & { debounce?: unknown };
  const problems: string[] = [];
  const rules = s.rules === undefined || s.rules === null ? {} : parseRuleSettings(s.rules, problems);
  for (const p of problems) log?.(`l2spec.rules: ${p}`);
  const debounce = typeof s.debounceMs === 'number' ? s.debounceMs : typeof s.debounce === 'number' ? s.debounce : DEFAULT_DEBOUNCE_MS;
  return {
    rules,
    maxFileSize: typeof s.maxFileSize === 'number' && s.maxFileSize > 0 ? s.maxFileSize : undefined,
    suppressSchemaDiagnostics: s.suppressSchemaDiagnostics === true,
    debounceMs: Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 10_000) : DEFAULT_DEBOUNCE_MS,
  };
}

interface CachedConfig {
  file?: string;
  config: L2specConfig;
}

/** Finds and caches `.l2spec.yaml` per folder; `invalidate()` when a config file changes. */
export class RepoConfig {
  private readonly byFolder = new Map<string, CachedConfig>();

  constructor(private readonly log: (message: string) => void) {}

  /** Workspace folders changed: configs are looked up afresh (the lookup itself does not depend on them). */
  setWorkspaceRoots(_uris: string[]): void {
    this.invalidate();
  }

  invalidate(): void {
    this.byFolder.clear();
  }

  /** The repository config for a document; {} for untitled or non-file documents. */
  forDocument(uri: string): CachedConfig {
    const file = uriToPath(uri);
    if (!file) return { config: {} };
    const folder = path.dirname(path.resolve(file));
    let found = this.byFolder.get(folder);
    if (!found) {
      const config = findConfigFrom(folder);
      found = config ? this.read(config) : { config: {} };
      this.byFolder.set(folder, found);
    }
    return found;
  }

  private read(file: string): CachedConfig {
    try {
      const { config, problems } = parseConfig(readFileSync(file, 'utf8'));
      for (const p of problems) this.log(`${file}: ${p}`);
      return { file, config: { rules: config.rules } };
    } catch (error) {
      this.log(`${file}: cannot be read (${String((error as Error).message ?? error)})`);
      return { file, config: {} };
    }
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Repository rules first, editor settings on top. */
export function mergeRules(repo: L2specConfig, settings: EffectiveSettings): L2specConfig {
  const rules = { ...(repo.rules ?? {}), ...settings.rules };
  return Object.keys(rules).length ? { rules } : {};
}
