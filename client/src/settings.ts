// Reads the `l2spec.*` settings and turns them into what the language server expects.
import * as vscode from 'vscode';
import type { L2specSettings } from '../../server/src/protocol.js';
import { CONFIG_SECTION, DEFAULT_DEBOUNCE_MS, DEFAULT_MAX_FILE_SIZE } from './constants.js';

/** What the client forwards; `debounceMs` is a server knob beside the protocol's settings. */
export interface ServerSettings extends L2specSettings {
  debounceMs?: number;
}

/** Settings as the server sees them. */
export function readServerSettings(): ServerSettings {
  const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    rules: readRules(config.get<unknown>('rules')),
    maxFileSize: positiveInteger(config.get<unknown>('maxFileSize'), DEFAULT_MAX_FILE_SIZE),
    debounceMs: nonNegativeInteger(config.get<unknown>('diagnostics.debounceMs'), DEFAULT_DEBOUNCE_MS),
    inlayHints: config.get<unknown>('inlayHints.enabled') !== false,
    // l2spec.rules is resource-scoped: each folder's resolved value, for the specs inside it.
    folders: (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      uri: folder.uri.toString(),
      rules: readRules(vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri).get<unknown>('rules')),
    })),
  };
}

/** The extra spec globs from `l2spec.files`, trimmed, without empty entries. */
export function readFileGlobs(scope?: vscode.Uri): string[] {
  const value = vscode.workspace.getConfiguration(CONFIG_SECTION, scope).get<unknown>('files');
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
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
    event.affectsConfiguration(`${CONFIG_SECTION}.inlayHints`)
  );
}
