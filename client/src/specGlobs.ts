// Pure helpers behind the document selector (no `vscode` import, so unit tests run in Node).
import { parse } from 'yaml';
import type { DocumentSelector, TextDocumentFilter } from 'vscode-languageclient/node';
import { SPEC_LANGUAGE } from './constants.js';

/** A glob and, for relative globs, the folder it is relative to (as a URI string). */
export interface SpecGlob {
  pattern: string;
  baseUri?: string;
}

/** The language client's selector: l2spec owns every document in its own language, and only those. */
export const SPEC_SELECTOR: DocumentSelector = [{ language: SPEC_LANGUAGE }];

/**
 * YAML documents l2spec claims (switches to the l2spec language, so that no other YAML server
 * serves them too): the globs of the `l2spec.files` setting and of repository configs. Spec files
 * by name are l2spec documents already (the manifest's `filenamePatterns`).
 */
export function buildDocumentSelector(extraGlobs: readonly SpecGlob[]): DocumentSelector {
  // No scheme on the pattern filters: specs in virtual file systems are reviewed too.
  const selector: TextDocumentFilter[] = [];
  const seen = new Set<string>();
  for (const glob of extraGlobs) {
    const key = `${glob.baseUri ?? ''}\u0000${glob.pattern}`;
    if (seen.has(key)) continue;
    seen.add(key);
    selector.push({ language: 'yaml', pattern: glob.baseUri ? { baseUri: glob.baseUri, pattern: glob.pattern } : glob.pattern });
  }
  return selector;
}

/** True for globs that match anywhere: `**`-prefixed or absolute (POSIX or Windows drive). */
export function isAnchoredAnywhere(pattern: string): boolean {
  return pattern.startsWith('**') || pattern.startsWith('/') || /^[a-zA-Z]:\//.test(pattern);
}

/**
 * Resolves globs against base folders: globs that match anywhere are kept once, relative ones
 * (`designs/*.yaml`, `./x.yaml`) become one relative pattern per base folder.
 */
export function resolveGlobs(globs: readonly string[], baseUris: readonly string[]): SpecGlob[] {
  const result: SpecGlob[] = [];
  for (const raw of globs) {
    const pattern = raw.trim().replace(/\\/g, '/');
    if (!pattern) continue;
    if (isAnchoredAnywhere(pattern)) {
      result.push({ pattern });
      continue;
    }
    const relative = pattern.replace(/^(\.\/)+/, '');
    for (const baseUri of baseUris) result.push({ pattern: relative, baseUri });
  }
  return result;
}

/** Reads the `files` list of one `.l2spec.yaml`; malformed files contribute nothing (the server reports them). */
export function filesFromRepoConfig(text: string): string[] {
  let raw: unknown;
  try {
    raw = parse(text, { maxAliasCount: 50 });
  } catch {
    return [];
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
  const files = (raw as Record<string, unknown>).files;
  if (!Array.isArray(files)) return [];
  return files.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim());
}

/** Stable text form of a selector, to tell whether a restart is needed. */
export function selectorKey(selector: DocumentSelector): string {
  return JSON.stringify(selector);
}
