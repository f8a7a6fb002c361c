import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisResult, Finding, Range } from '../../../server/src/engine/index.js';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const federated = (): string => readFileSync(join(FIXTURES, 'federated.l2spec.yaml'), 'utf8');

/** The cases of issue 9 (test/fixtures/hostile), by name without the extension. */
export const HOSTILE = join(__dirname, '..', '..', 'fixtures', 'hostile');
export const hostileCase = (name: string): string => readFileSync(join(HOSTILE, `${name}.l2spec.yaml`), 'utf8');

export function only(result: AnalysisResult, ruleId: string): Finding[] {
  return result.findings.filter((f) => f.ruleId === ruleId);
}

/** The text a range covers (LSP semantics: 0-based lines, UTF-16 characters). */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line]!.slice(range.start.character, range.end.character);
  const parts = [lines[range.start.line]!.slice(range.start.character)];
  for (let l = range.start.line + 1; l < range.end.line; l++) parts.push(lines[l]!);
  parts.push(lines[range.end.line]!.slice(0, range.end.character));
  return parts.join('\n');
}

export function inside(text: string, range: Range): boolean {
  const lines = text.split('\n');
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}
