// Shared fixtures for the trust-rule tests: every case is a small spec that must trigger one rule
// at an exact range, plus close variants that must not trigger it. The case tables live in
// ./cases so that catalogue.test.ts can check that every rule has both kinds of case.
import assert from 'node:assert/strict';
import { analyze, catalogue } from '../../../server/src/engine/index.js';
import type { Finding, Range, Severity } from '../../../server/src/engine/index.js';

/** Removes the common leading indentation of a template literal and its first/last blank lines. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n') + '\n';
}

/** Spec header: format version and system section. */
export function head(family?: string, claims?: string[]): string {
  return `l2spec: 1\nsystem:\n  name: Test design\n${family ? `  family: ${family}\n` : ''}${claims ? `  claims: [${claims.join(', ')}]\n` : ''}`;
}

/**
 * Where a finding must be: the last occurrence of `token` inside the text `line`, on the first
 * line of the spec that contains `line`. Yields exact 0-based LSP positions.
 */
export interface At {
  line: string;
  token: string;
}

export interface RuleCase {
  id: string;
  severity: Severity;
  /** What this case shows. */
  name: string;
  spec: string;
  at: At;
  /** Paths that must appear as related information. */
  related?: string[];
  /** Expected quick fix. */
  fix?: { path: string; value: string };
  /** Close variants that must not trigger the rule: each is a list of [find, replace] edits. */
  negatives: Array<Array<[string, string]>>;
}

export function rangeAt(text: string, at: At): Range {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(at.line));
  assert.ok(index >= 0, `test bug: no line contains ${JSON.stringify(at.line)}`);
  const within = at.line.lastIndexOf(at.token);
  assert.ok(within >= 0, `test bug: token ${JSON.stringify(at.token)} not in ${JSON.stringify(at.line)}`);
  const character = lines[index]!.indexOf(at.line) + within;
  return { start: { line: index, character }, end: { line: index, character: character + at.token.length } };
}

export function applyEdits(text: string, edits: Array<[string, string]>): string {
  let out = text;
  for (const [find, replace] of edits) {
    assert.ok(out.includes(find), `test bug: variant edit target ${JSON.stringify(find)} not in spec`);
    out = out.replace(find, replace);
  }
  return out;
}

/** Analyses a test spec and asserts it is format-clean (a schema finding means the fixture is wrong). */
export function analyzeClean(text: string): Finding[] {
  const { findings } = analyze(text);
  const format = findings.filter((f) => f.ruleId.startsWith('L2S-FMT-'));
  assert.deepEqual(format.map((f) => `${f.ruleId} ${f.path}: ${f.message}`), [], `fixture is not schema-clean:\n${text}`);
  return findings;
}

function show(findings: Finding[]): string {
  return findings.map((f) => `${f.ruleId} ${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.message}`).join('\n');
}

export function runCases(cases: readonly RuleCase[]): void {
  for (const c of cases) {
    describe(`${c.id} ${catalogue.get(c.id)?.title ?? '(not in catalogue)'}`, () => {
      it(`triggers: ${c.name}`, () => {
        assert.ok(catalogue.has(c.id), `${c.id} is not registered`);
        const findings = analyzeClean(c.spec);
        const expected = rangeAt(c.spec, c.at);
        const mine = findings.filter((f) => f.ruleId === c.id);
        const hit = mine.find((f) => JSON.stringify(f.range) === JSON.stringify(expected));
        assert.ok(hit, `expected ${c.id} at ${JSON.stringify(expected)}; got:\n${show(mine) || '(none)'}`);
        assert.equal(hit.severity, c.severity);
        assert.ok(hit.message.length > 20, 'message is specific');
        for (const path of c.related ?? []) {
          assert.ok(hit.related?.some((r) => r.path === path), `related ${path} missing: ${JSON.stringify(hit.related)}`);
        }
        if (c.fix) {
          assert.ok(hit.fix, 'expected a quick fix');
          assert.equal(hit.fix.path, c.fix.path);
          assert.equal(hit.fix.value, c.fix.value);
        }
      });
      c.negatives.forEach((edits, i) => {
        it(`does not trigger: variant ${i + 1} (${edits.map(([a, b]) => `${JSON.stringify(a.trim())} → ${JSON.stringify(b.trim())}`).join(', ')})`, () => {
          const text = applyEdits(c.spec, edits);
          const mine = analyzeClean(text).filter((f) => f.ruleId === c.id);
          assert.deepEqual(mine, [], `unexpected ${c.id}:\n${show(mine)}`);
        });
      });
    });
  }
}
