// The file name of a new design (New Design…), from its system name. No vscode import: unit-tested.

/**
 * The file name a design is saved under: its system name in kebab case (ASCII letters and digits,
 * words joined by `-`), with the spec extension; `design.l2spec.yaml` when nothing is left.
 */
export function designFileName(systemName: string | undefined): string {
  const base = (systemName ?? '')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base || 'design'}.l2spec.yaml`;
}

/** The `system.name` of a template's text (a plain one-line scalar), if it has one. */
export function templateSystemName(text: string): string | undefined {
  const m = /^system:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:[ \t]*(["']?)([^"'\n#]+?)\1[ \t]*(?:#.*)?$/m.exec(text);
  return m?.[2]?.trim() || undefined;
}
