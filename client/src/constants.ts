// Identifiers shared by the extension's modules, the manifest (package.json) and the tests.

export const EXTENSION_ID = 'l2spec.l2spec';
export const CLIENT_ID = 'l2spec';
export const CLIENT_NAME = 'l2spec';
export const CONFIG_SECTION = 'l2spec';
/** The language of spec documents (package.json `contributes.languages`): l2spec alone serves it. */
export const SPEC_LANGUAGE = 'l2spec';

export const Commands = {
  openPreview: 'l2spec.openPreview',
  openPreviewToSide: 'l2spec.openPreviewToSide',
  openLockedPreviewToSide: 'l2spec.openLockedPreviewToSide',
  togglePreviewLock: 'l2spec.togglePreviewLock',
  showSource: 'l2spec.showSource',
  newDesign: 'l2spec.newDesign',
  exportSvg: 'l2spec.exportSvg',
  exportPng: 'l2spec.exportPng',
  exportHtml: 'l2spec.exportHtml',
  restartServer: 'l2spec.restartServer',
  explainRule: 'l2spec.explainRule',
} as const;

/** Context keys the manifest's `when` clauses read. */
export const ContextKeys = {
  /** True while the extension is active (its language client exists). */
  active: 'l2spec.active',
  /** fsPaths of the open documents that l2spec reviews, for `resourcePath in l2spec.specPaths`. */
  specPaths: 'l2spec.specPaths',
} as const;

/**
 * Spec files; everything else is opt-in through settings or `.l2spec.yaml`. The `?` keeps the
 * repository config `.l2spec.yaml` itself out (VS Code's `*` also matches an empty name).
 */
export const SPEC_FILE_GLOB = '**/?*.l2spec.{yaml,yml}';
export const REPO_CONFIG_GLOB = '**/.l2spec.yaml';

export const RULE_ID = /^L2S-[A-Z]+-\d{3}$/;

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
/** Same default as the server's (server/src/lsp/config.ts). */
export const DEFAULT_DEBOUNCE_MS = 150;
