// The injection grammar (syntaxes/l2spec-injection.tmLanguage.json) tokenised by VS Code's own
// TextMate engine (vscode-textmate + vscode-oniguruma) inside VS Code's YAML grammar, both taken
// from the real VS Code that test/e2e/run.mjs sets up just before this step. It belongs to the e2e
// run, not the unit suite, so that it runs (and passes) in the first `npm test` of a fresh clone.
// Alone: node test/e2e/run.mjs --only=grammar --skip-package
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const grammarContribution = (pkg.contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[])
  .find((g) => g.path.includes('l2spec-injection'));
const grammarPath = join(ROOT, grammarContribution?.path ?? 'syntaxes/l2spec-injection.tmLanguage.json');
const grammar: { scopeName: string } = JSON.parse(readFileSync(grammarPath, 'utf8'));

describe('the l2spec injection grammar in VS Code\'s own YAML grammar', function () {
  // Uses the TextMate engine and YAML grammar of the code-server the e2e harness provisions (the
  // e2e run's setup step comes first): without it this fails, it is never skipped.
  const vscodeDir = join(
    process.env.L2SPEC_REAL_VSCODE_DIR ? resolve(process.env.L2SPEC_REAL_VSCODE_DIR) : join(ROOT, '.vscode-test', 'real-vscode'),
    'code-server', 'node_modules', 'code-server', 'lib', 'vscode',
  );
  const available = existsSync(join(vscodeDir, 'node_modules', 'vscode-textmate')) && existsSync(join(vscodeDir, 'extensions', 'yaml', 'syntaxes'));

  type Token = { text: string; scopes: string[] };
  let tokenize: (text: string) => Token[][];

  before(async function () {
    assert.ok(available, `VS Code's TextMate engine and YAML grammar are not at ${vscodeDir}; run node scripts/real-vscode/setup.mjs`);
    const requireFromVscode = createRequire(join(vscodeDir, 'package.json'));
    const tm = requireFromVscode('vscode-textmate');
    const onig = requireFromVscode('vscode-oniguruma');
    const wasm = readFileSync(join(requireFromVscode.resolve('vscode-oniguruma'), '..', 'onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const grammars = new Map<string, string>();
    const yamlDir = join(vscodeDir, 'extensions', 'yaml', 'syntaxes');
    for (const file of readdirSync(yamlDir)) {
      const text = readFileSync(join(yamlDir, file), 'utf8');
      grammars.set(JSON.parse(text).scopeName, text);
    }
    grammars.set(grammar.scopeName, readFileSync(grammarPath, 'utf8'));
    const registry = new tm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new onig.OnigScanner(p), createOnigString: (s: string) => new onig.OnigString(s) }),
      loadGrammar: async (scope: string) => (grammars.has(scope) ? tm.parseRawGrammar(grammars.get(scope), `${scope}.json`) : null),
      getInjections: (scope: string) => (grammarContribution?.injectTo?.includes(scope) ? [grammar.scopeName] : undefined),
    });
    const yaml = await registry.loadGrammar('source.yaml');
    tokenize = (text) => {
      let state = tm.INITIAL;
      return text.split('\n').map((line) => {
        const result = yaml.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map((t: { startIndex: number; endIndex: number; scopes: string[] }) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
      });
    };
  });

  const scopeOf = (line: Token[], text: string) => line.find((t) => t.text === text)?.scopes.at(-1);

  it('colours suppression comments', () => {
    const [line, trailing] = tokenize('# l2spec-disable-next-line L2S-CUST-001, L2S-DA-002 -- accepted, see L2S-GOV-003\nkey: v # l2spec-disable-file L2S-FMT-003 -- why');
    assert.equal(scopeOf(line!, 'l2spec-disable-next-line'), 'keyword.control.directive.suppression.l2spec');
    assert.equal(scopeOf(line!, 'L2S-CUST-001'), 'entity.name.tag.rule-id.l2spec');
    assert.equal(scopeOf(line!, 'L2S-DA-002'), 'entity.name.tag.rule-id.l2spec');
    assert.equal(scopeOf(line!, '--'), 'keyword.operator.separator.reason.l2spec');
    // The reason is prose: a rule ID mentioned there is not one of the suppressed IDs.
    const reason = line!.find((t) => t.text.includes('see L2S-GOV-003'));
    assert.ok(reason && !reason.scopes.includes('entity.name.tag.rule-id.l2spec'));
    assert.ok(reason.scopes.includes('comment.line.number-sign.yaml'));
    assert.equal(scopeOf(trailing!, 'l2spec-disable-file'), 'keyword.control.directive.suppression.l2spec');
  });

  it('colours thresholds and durations in values only', () => {
    const lines = tokenize([
      'custody:',
      '  threshold: 11-of-15 # 48h',
      '  delay: 144 blocks',
      '  window: 48h',
      '  upgradeDelay: instant',
      '  name: 48h later',
      '  list: [7d, 2-of-3]',
      '  48h: key',
    ].join('\n'));
    assert.equal(scopeOf(lines[1]!, '11'), 'constant.numeric.integer.threshold.l2spec');
    assert.equal(scopeOf(lines[1]!, '-of-'), 'keyword.operator.threshold.l2spec');
    assert.ok(!lines[1]!.some((t) => t.scopes.includes('meta.duration.l2spec')), 'a duration in a comment is not a value');
    assert.equal(scopeOf(lines[2]!, '144'), 'constant.numeric.duration.l2spec');
    assert.equal(scopeOf(lines[2]!, 'blocks'), 'keyword.other.unit.duration.l2spec');
    assert.equal(scopeOf(lines[3]!, 'h'), 'keyword.other.unit.duration.l2spec');
    assert.equal(scopeOf(lines[4]!, 'instant'), 'constant.language.duration.instant.l2spec');
    assert.ok(!lines[5]!.some((t) => t.scopes.some((s) => s.endsWith('.l2spec'))), 'partial values stay plain strings');
    assert.equal(scopeOf(lines[6]!, 'd'), 'keyword.other.unit.duration.l2spec');
    assert.equal(scopeOf(lines[6]!, '-of-'), 'keyword.operator.threshold.l2spec');
    assert.ok(!lines[7]!.some((t) => t.scopes.some((s) => s.endsWith('.l2spec'))), 'keys are never re-coloured');
    assert.ok(lines[7]!.some((t) => t.scopes.includes('entity.name.tag.yaml')));
  });
});
