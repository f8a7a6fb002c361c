// Reads the `l2spec.*` settings and turns them into what the language server expects.
import * as vscode from 'vscode';
import type { L2specSettings } from '../../server/src/protocol.js';
import { CONFIG_SECTION, DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_FILE_SIZE, RED_HAT_YAML_ID } from './constants.js';

/** What the client forwards; `debounceMs` is a server knob beside the protocol's settings. */
export interface ServerSettings extends L2specSettings {
  debounceMs?: number;
}

/** Settings as the server sees them, plus the Red Hat YAML coordination flag. */
export function readServerSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    rules: readRules(config.get<unknown>('rules')),
    maxFileSize: positiveInteger(config.get<unknown>('maxFileSize'), DEFAULT_MAX_FILE_SIZE),
    debounceMs: nonNegativeInteger(config.get<unknown>('diagnostics.debounceMs'), DEFAULT_DEBOUNCE_MS),
    suppressSchemaDiagnostics: redHatYamlValidates(),
  };
}

/** The extra spec globs from `l2spec.files`, trimmed, without empty entries. */
export function readFileGlobs(): string[] {
  const value = vscode.workspace.getConfiguration(CONFIG_SECTION).get<unknown>('files');
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

/**
 * True when Red Hat's YAML extension is installed, enabled and validating: it then reports the
 * schema errors from our `yamlValidation` contribution, so the server must not report them again.
 * Enabled is enough even before it activates, because it activates on the same YAML documents.
 */
export function redHatYamlValidates(): boolean {
  const extension = vscode.extensions.getExtension(RED_HAT_YAML_ID);
  if (!extension) return false;
  return vscode.workspace.getConfiguration('yaml').get<boolean>('validate', true) !== false;
}

function readRules(value: unknown): Record<string, string> {
  const rules: Record<string, string> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return rules;
  for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
    // Unknown IDs and bad severities go through: the server checks them against its catalogue
    // and logs what it ignores, and the settings editor already flags them from the manifest.
    if (typeof setting === 'string') rules[id] = setting;
  }
  return rules;
}

function positiveInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function nonNegativeInteger(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** True when a configuration change touches anything the server or the selector depends on. */
export function affectsServerSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return (
    event.affectsConfiguration(`${CONFIG_SECTION}.rules`) ||
    event.affectsConfiguration(`${CONFIG_SECTION}.maxFileSize`) ||
    event.affectsConfiguration(`${CONFIG_SECTION}.diagnostics`) ||
    event.affectsConfiguration('yaml.validate')
  );
}
