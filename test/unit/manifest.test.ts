import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Commands, ContextKeys } from '../../client/src/constants';
import { parseDuration, parseThreshold, SEVERITIES } from '../../server/src/engine/index';
import { parseSuppressions } from '../../server/src/engine/suppress';

// Checks the extension manifest (package.json) against the code that implements it, and the
// injection grammar against sample lines, without starting VS Code (test/e2e/grammar runs it in VS Code's own
// YAML grammar once the real VS Code is set up).
const ROOT = resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes ?? {};

interface CommandContribution { command: string; title?: string; category?: string; icon?: unknown }
interface MenuItem { command: string; when?: string; alt?: string; group?: string }

function clientSources(dir = join(ROOT, 'client', 'src')): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...clientSources(path));
    else if (name.endsWith('.ts')) out.push({ file: relative(ROOT, path), text: readFileSync(path, 'utf8') });
  }
  return out;
}

/** Command IDs passed to `registerCommand`, as literals or through the shared `Commands` table. */
function registeredCommands(): Set<string> {
  const ids = new Set<string>();
  const byName = new Map(Object.entries(Commands));
  for (const { text } of clientSources()) {
    for (const match of text.matchAll(/registerCommand\(\s*([^,)]+)/g)) {
      const arg = match[1]!.trim();
      const literal = /^['"`]([^'"`]+)['"`]$/.exec(arg);
      if (literal) ids.add(literal[1]!);
      const constant = /^Commands\.(\w+)$/.exec(arg);
      if (constant && byName.has(constant[1]!)) ids.add(byName.get(constant[1]!)!);
      // A variable argument (e.g. a loop over a table): count the IDs the same file spells out.
      if (!literal && !constant) for (const m of text.matchAll(/['"`](l2spec\.[A-Za-z]+)['"`]/g)) ids.add(m[1]!);
    }
  }
  return ids;
}

describe('extension manifest', () => {
  it('keeps the engine and main entry the client build produces', () => {
    assert.equal(pkg.engines.vscode, '^1.91.0', 'vscode-languageclient 11 needs ^1.91.0');
    assert.equal(pkg.main, './dist/client/extension.js');
    const lc = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
    assert.equal(lc.engines.vscode, pkg.engines.vscode, 'engines.vscode must match what vscode-languageclient requires');
  });

  it('activates only for workspaces with l2spec files, never on every start', () => {
    const events: string[] = pkg.activationEvents;
    assert.ok(Array.isArray(events) && events.length > 0);
    for (const event of events) {
      assert.notEqual(event, '*');
      assert.notEqual(event, 'onStartupFinished');
      assert.notEqual(event, 'onLanguage:yaml', 'every YAML file would activate l2spec');
    }
    assert.ok(events.includes('workspaceContains:**/*.l2spec.yaml'));
    assert.ok(events.includes('workspaceContains:**/*.l2spec.yml'));
    // Previews restored after a reload need the extension, whatever else is open.
    const previewSource = readFileSync(join(ROOT, 'client', 'src', 'preview', 'previewManager.ts'), 'utf8');
    const viewType = /PREVIEW_VIEW_TYPE\s*=\s*'([^']+)'/.exec(previewSource)?.[1];
    if (previewSource.includes('registerWebviewPanelSerializer')) assert.ok(events.includes(`onWebviewPanel:${viewType}`), `missing onWebviewPanel:${viewType}`);
  });

  it('gives every command a title and the l2spec category, and registers it in the client', () => {
    const commands: CommandContribution[] = contributes.commands;
    const registered = registeredCommands();
    const ids = commands.map((c) => c.command);
    assert.equal(new Set(ids).size, ids.length, 'duplicate command contributions');
    for (const c of commands) {
      assert.ok(c.title && c.title.trim(), `${c.command} has no title`);
      assert.equal(c.category, 'l2spec', `${c.command} has no l2spec category`);
      assert.ok(registered.has(c.command), `${c.command} is contributed but never registered in client/src`);
    }
    assert.deepEqual([...ids].sort(), Object.values(Commands).sort(), 'manifest commands and client/src/constants.ts differ');
    for (const id of [Commands.openPreview, Commands.openPreviewToSide]) {
      assert.equal(commands.find((c) => c.command === id)?.icon, '$(open-preview)');
    }
  });

  it('only puts contributed commands in menus, with when clauses on the l2spec ones', () => {
    const ids = new Set((contributes.commands as CommandContribution[]).map((c) => c.command));
    const menus: Record<string, MenuItem[]> = contributes.menus;
    for (const place of ['editor/title', 'editor/context', 'explorer/context', 'commandPalette']) {
      assert.ok(Array.isArray(menus[place]) && menus[place]!.length > 0, `no ${place} menu`);
    }
    for (const [place, items] of Object.entries(menus)) {
      for (const item of items) {
        assert.ok(ids.has(item.command), `${place} refers to unknown command ${item.command}`);
        if (item.alt) assert.ok(ids.has(item.alt), `${place} alt refers to unknown command ${item.alt}`);
        // File › New File… lists every kind of new file everywhere, as the palette does.
        if (place !== 'commandPalette' && place !== 'file/newFile') assert.ok(item.when, `${place} ${item.command} shows everywhere (no when clause)`);
      }
    }
    const toSide = menus['editor/title']!.find((m) => m.command === Commands.openPreviewToSide);
    assert.ok(toSide?.when?.includes('editorLangId == l2spec'), 'editor title button must be limited to spec files');
    assert.equal(toSide?.group, 'navigation');
  });

  it('"l2spec: Open Preview to the Side" + Enter in the palette runs the preview that follows the editor (issue 20)', () => {
    // The palette lists equal matches by name: wherever both were listed, "Open Locked Preview to
    // the Side" (L before P) would be first. In a spec editor only the following preview is listed;
    // the locked one stays in the title-bar `…` and context menus, and in the palette of a preview.
    const palette = contributes.menus.commandPalette as MenuItem[];
    const whenOf = (id: string) => palette.find((m) => m.command === id)?.when;
    assert.equal(whenOf(Commands.openPreviewToSide), 'editorLangId == l2spec');
    assert.equal(whenOf(Commands.openLockedPreviewToSide), "activeWebviewPanelId == 'l2spec.preview'");
    for (const place of ['editor/title', 'editor/context', 'explorer/context']) {
      assert.ok((contributes.menus[place] as MenuItem[]).some((m) => m.command === Commands.openLockedPreviewToSide), place);
    }
    // Markdown's titles.
    const title = (id: string) => (contributes.commands as CommandContribution[]).find((c) => c.command === id)?.title;
    assert.deepEqual([title(Commands.openPreview), title(Commands.openPreviewToSide), title(Commands.openLockedPreviewToSide)],
      ['Open Preview', 'Open Preview to the Side', 'Open Locked Preview to the Side']);
  });

  it('binds keys only in l2spec editors', () => {
    const ids = new Set((contributes.commands as CommandContribution[]).map((c) => c.command));
    for (const binding of contributes.keybindings as { command: string; key: string; when?: string }[]) {
      assert.ok(ids.has(binding.command), `keybinding for unknown command ${binding.command}`);
      // In a spec editor, or (Show Source, as Markdown's Ctrl+Shift+V from its preview) in l2spec's preview.
      assert.ok(binding.when?.includes('editorLangId == l2spec') || binding.when === "activeWebviewPanelId == 'l2spec.preview'", `${binding.key} is not limited to l2spec editors`);
    }
  });

  it('the when-clause regex and context key match what the client sets', () => {
    // Explorer menus have no editor language: they match file names (and specs claimed through globs).
    const when = (contributes.menus['explorer/context'] as MenuItem[])[0]!.when!;
    const regex = /=~ \/(.+?)\/(?=\s|\)|$)/.exec(when)?.[1];
    assert.ok(regex, `no regex in ${when}`);
    const re = new RegExp(regex);
    for (const name of ['bridge.l2spec.yaml', 'a.b.l2spec.yml']) assert.ok(re.test(name), name);
    for (const name of ['bridge.yaml', '.l2spec.yaml', 'x.l2spec.yaml.bak', 'l2spec.yaml']) assert.ok(!re.test(name), name);
    assert.ok(when.includes(`resourcePath in ${ContextKeys.specPaths}`));
    const palette = (contributes.menus.commandPalette as MenuItem[]).find((m) => m.command === Commands.restartServer);
    assert.equal(palette?.when, ContextKeys.active);
  });

  it('documents every setting with a markdownDescription, type and default', () => {
    const properties: Record<string, Record<string, unknown>> = contributes.configuration.properties;
    for (const [key, schema] of Object.entries(properties)) {
      assert.ok(key.startsWith('l2spec.'), key);
      assert.equal(typeof schema.markdownDescription, 'string', `${key} has no markdownDescription`);
      assert.ok((schema.markdownDescription as string).length > 30, `${key}: markdownDescription too short`);
      assert.ok(schema.type, `${key} has no type`);
      assert.ok('default' in schema, `${key} has no default`);
      if (Array.isArray(schema.enum) && schema.markdownEnumDescriptions) {
        assert.equal((schema.markdownEnumDescriptions as unknown[]).length, schema.enum.length, `${key}: enum descriptions`);
      }
    }
    for (const key of ['l2spec.rules', 'l2spec.files', 'l2spec.maxFileSize', 'l2spec.diagnostics.debounceMs', 'l2spec.trace.server']) {
      assert.ok(properties[key], `${key} is not contributed`);
    }
    assert.equal(properties['l2spec.maxFileSize']!.default, 5242880);
    assert.deepEqual(properties['l2spec.trace.server']!.enum, ['off', 'messages', 'verbose']);
    const rules = properties['l2spec.rules']!.additionalProperties as { enum: string[]; markdownEnumDescriptions: string[] };
    assert.deepEqual(rules.enum, [...SEVERITIES, 'off'], 'l2spec.rules values must be the engine severities plus off');
  });

  it('contributes every setting the client reads', () => {
    const properties = contributes.configuration.properties as Record<string, unknown>;
    const text = readFileSync(join(ROOT, 'client', 'src', 'settings.ts'), 'utf8');
    const read = [...text.matchAll(/config\.get<[^>]+>\('([^']+)'/g)].map((m) => `l2spec.${m[1]}`);
    assert.ok(read.length >= 3);
    for (const key of read) assert.ok(properties[key], `client reads ${key}, which the manifest does not contribute`);
  });

  it('owns spec files through its own language, and gives another YAML server no spec schema', () => {
    const languages: { id: string; filenamePatterns: string[]; extensions?: string[]; configuration: string }[] = contributes.languages;
    const l2spec = languages.find((l) => l.id === 'l2spec');
    assert.ok(l2spec, 'no l2spec language');
    // `extensions: [".l2spec.yaml"]` would also take the repository config `.l2spec.yaml`.
    assert.equal(l2spec.extensions, undefined);
    const res = l2spec.filenamePatterns.map((g) => new RegExp(`^${g.replace(/\./g, '\\.').replace(/\?/g, '.').replace(/\*/g, '.*')}$`));
    for (const name of ['bridge.l2spec.yaml', 'a.b.l2spec.yml']) assert.ok(res.some((re) => re.test(name)), name);
    for (const name of ['bridge.yaml', '.l2spec.yaml', 'x.l2spec.yaml.bak', 'l2spec.yaml']) assert.ok(!res.some((re) => re.test(name)), name);
    assert.ok(existsSync(join(ROOT, l2spec.configuration)));
    assert.ok((pkg.activationEvents as string[]).includes('onLanguage:l2spec'), 'a lone spec opened without a folder must activate l2spec');
    const grammar = (contributes.grammars as { language?: string; scopeName: string; path: string }[]).find((g) => g.language === 'l2spec');
    assert.equal(grammar?.scopeName, 'source.l2spec');
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, grammar!.path), 'utf8')).patterns, [{ include: 'source.yaml' }]);
  });

  it('points yamlValidation at schemas that exist and parse, for the repository config only', () => {
    const entries: { fileMatch: string[]; url: string }[] = contributes.yamlValidation;
    assert.ok(!entries.some((e) => e.url.endsWith('/l2spec.schema.json')), 'Red Hat YAML would serve spec files a second time');
    const config = entries.find((e) => e.fileMatch.includes('.l2spec.yaml'));
    assert.equal(config?.url, './schemas/l2spec-config.schema.json');
    for (const entry of entries) {
      assert.ok(entry.url.startsWith('./'), 'schema URLs are extension-relative, nothing is fetched');
      const file = join(ROOT, entry.url);
      assert.ok(existsSync(file), `${entry.url} does not exist`);
      const schema = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(typeof schema, 'object');
    }
  });

  it('declares workspace trust, virtual workspace support and where it runs', () => {
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
    assert.ok(['limited', true, false].includes(pkg.capabilities.virtualWorkspaces.supported));
    if (pkg.capabilities.virtualWorkspaces.supported === 'limited') assert.ok(pkg.capabilities.virtualWorkspaces.description);
    assert.deepEqual(pkg.extensionKind, ['workspace']);
    assert.ok(pkg.categories.length > 0 && pkg.keywords.length > 0 && pkg.keywords.length <= 30);
    assert.ok(pkg.repository?.url);
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  });

  it('ships a 128×128 PNG icon', () => {
    const png = readFileSync(join(ROOT, pkg.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
    assert.equal(png.readUInt32BE(16), 128);
    assert.equal(png.readUInt32BE(20), 128);
    const vscodeignore = join(ROOT, '.vscodeignore');
    if (existsSync(vscodeignore)) assert.match(readFileSync(vscodeignore, 'utf8'), /^!images\/\*\.png$/m, '.vscodeignore must ship the icon');
  });
});

// ---------------------------------------------------------------------------------------------
// Injection grammar

interface RawRule {
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  patterns?: RawRule[];
  include?: string;
  captures?: Record<string, { name: string }>;
  beginCaptures?: Record<string, { name: string }>;
}
interface RawGrammar extends RawRule {
  scopeName: string;
  injectionSelector: string;
  repository: Record<string, RawRule>;
}

const grammarContribution = (contributes.grammars as { scopeName: string; path: string; injectTo?: string[] }[])
  .find((g) => g.path.includes('l2spec-injection'));
const grammarPath = join(ROOT, grammarContribution?.path ?? 'syntaxes/l2spec-injection.tmLanguage.json');
const grammar: RawGrammar = JSON.parse(readFileSync(grammarPath, 'utf8'));

/** Oniguruma → JS: drop possessive quantifiers and inline case-insensitivity; `\G` becomes `^`. */
function jsRegExp(source: string): RegExp {
  let flags = '';
  let text = source.replace(/(?<!\\)([*+?}])\+/g, '$1');
  if (text.includes('(?i:')) {
    text = text.replaceAll('(?i:', '(?:');
    flags += 'i';
  }
  text = text.replace(/\\G/g, '^');
  return new RegExp(text, flags);
}

function allRules(): { where: string; rule: RawRule }[] {
  const out: { where: string; rule: RawRule }[] = [];
  const walk = (where: string, rule: RawRule) => {
    out.push({ where, rule });
    rule.patterns?.forEach((p, i) => walk(`${where}.patterns[${i}]`, p));
  };
  // The root's `name` is the grammar's display name, not a scope: only its patterns count.
  grammar.patterns?.forEach((p, i) => walk(`root.patterns[${i}]`, p));
  for (const [name, rule] of Object.entries(grammar.repository)) walk(name, rule);
  return out;
}

function fullMatch(ruleName: string, text: string): RegExpExecArray | null {
  const rule = grammar.repository[ruleName]!;
  return jsRegExp(rule.match ?? rule.begin!).exec(text);
}

describe('l2spec injection grammar', () => {
  it('is contributed as an injection into YAML', () => {
    assert.ok(grammarContribution, 'package.json does not contribute the injection grammar');
    assert.deepEqual(grammarContribution.injectTo, ['source.yaml', 'source.l2spec']);
    assert.equal(grammarContribution.scopeName, grammar.scopeName);
    const selectors = grammar.injectionSelector.split(',').map((s) => s.trim());
    assert.ok(selectors.some((s) => s.startsWith('L:comment.line.number-sign.yaml')), 'comment injection missing');
    assert.ok(selectors.some((s) => s.startsWith('L:string.unquoted.plain.out.yaml')), 'value injection missing');
    assert.ok(selectors.every((s) => s.startsWith('L:')), 'injections must take priority over YAML\'s own patterns');
  });

  it('resolves every include and compiles every regex', () => {
    for (const { where, rule } of allRules()) {
      if (rule.include) {
        assert.ok(rule.include.startsWith('#'), `${where}: external include ${rule.include}`);
        assert.ok(grammar.repository[rule.include.slice(1)], `${where}: unknown include ${rule.include}`);
      }
      for (const key of ['match', 'begin', 'end'] as const) {
        if (rule[key] !== undefined) assert.doesNotThrow(() => jsRegExp(rule[key]!), `${where}.${key}: ${rule[key]}`);
      }
      for (const captures of [rule.captures, rule.beginCaptures]) {
        for (const c of Object.values(captures ?? {})) assert.match(c.name, /\.l2spec$/, `${where}: capture scope ${c.name}`);
      }
      if (rule.name) assert.match(rule.name, /\.l2spec$/, `${where}: scope ${rule.name}`);
    }
  });

  it('uses standard scope roots that themes colour', () => {
    const roots = new Set<string>();
    for (const { rule } of allRules()) {
      for (const name of [rule.name, ...Object.values(rule.captures ?? {}).map((c) => c.name), ...Object.values(rule.beginCaptures ?? {}).map((c) => c.name)]) {
        if (name && !name.startsWith('meta.')) roots.add(name.split('.').slice(0, 2).join('.'));
      }
    }
    for (const root of roots) {
      assert.ok(['keyword.control', 'keyword.operator', 'keyword.other', 'constant.numeric', 'constant.language', 'entity.name', 'punctuation.separator'].includes(root), root);
    }
  });

  it('recognises suppression directives the engine recognises', () => {
    const directive = jsRegExp(grammar.repository.suppression!.begin!);
    const ids = new Set(['L2S-FMT-003', 'L2S-FMT-005']);
    for (const line of ['# l2spec-disable-next-line L2S-FMT-003 -- accepted', '#l2spec-disable-file L2S-FMT-003, L2S-FMT-005 -- why', 'key: 1 # l2spec-disable-next-line L2S-FMT-003 -- r']) {
      assert.ok(directive.test(line), line);
      const { suppressions } = parseSuppressions(`${line}\nnext: 1\n`, ids);
      assert.equal(suppressions.length, 1, `engine disagrees on: ${line}`);
    }
    for (const line of ['# xl2spec-disable-file', '# l2spec-disable-next-lines', '# l2spec-disable']) assert.ok(!directive.test(line), line);
    const separator = jsRegExp(grammar.repository.suppression!.patterns![0]!.begin!);
    for (const body of ['L2S-FMT-003 -- reason', 'L2S-FMT-003 --reason']) {
      assert.ok(separator.test(body), body);
      assert.equal(parseSuppressions(`# l2spec-disable-file ${body}\n`, ids).suppressions[0]?.reason, 'reason');
    }
  });

  it('highlights rule IDs and nothing that merely contains one', () => {
    const id = jsRegExp(grammar.repository['rule-id']!.match!);
    for (const text of ['L2S-CUST-001', 'see L2S-DA-002.', '(L2S-FMT-009)']) assert.ok(id.test(text), text);
    for (const text of ['XL2S-CUST-001', 'L2S-CUST-0012', 'L2S-cust-001', 'L2S-CUST-01']) assert.ok(!id.test(text), text);
  });

  it('highlights whole threshold values the engine accepts', () => {
    for (const text of ['11-of-15', '2-of-3 # majority', '5 -of- 7', '1-of-1]']) {
      const m = fullMatch('threshold', text);
      assert.ok(m, text);
      assert.ok(parseThreshold(m[0]), `engine rejects ${m[0]}`);
    }
    for (const text of ['11-of-15 signers', 'of-15', '11of15', 'a 2-of-3']) assert.equal(fullMatch('threshold', text), null, text);
  });

  it('highlights whole durations in units the engine understands', () => {
    for (const text of ['144 blocks', '48h', '7 days', '30d # a month', '2.5 hours', '10 Blocks', '1 block']) {
      const m = fullMatch('duration', text);
      assert.ok(m, text);
      assert.ok(parseDuration(m[0]), `engine rejects ${m[0]}`);
    }
    for (const text of ['48h later', '7 dayz', 'blocks', '#48h', '144 blocks of']) assert.equal(fullMatch('duration', text), null, text);
    // Every unit the grammar knows must parse in the engine (and so mean the same thing).
    const units = /\(\?i:([^)]+)\)/.exec(grammar.repository.duration!.match!)![1]!.split('|');
    for (const unit of units) {
      for (const word of expandOptionalS(unit)) assert.ok(parseDuration(`3 ${word}`), `engine does not know unit "${word}"`);
    }
    for (const text of ['instant', 'Instant # no delay']) assert.ok(fullMatch('instant', text), text);
    for (const text of ['instantly', 'not instant']) assert.equal(fullMatch('instant', text), null, text);
    assert.ok(parseDuration('instant'));
  });

});

function expandOptionalS(unit: string): string[] {
  return unit.endsWith('s?') ? [unit.slice(0, -2), unit.slice(0, -1)] : [unit];
}

describe('first run', () => {
  const root = join(__dirname, '..', '..');
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  it('has a walkthrough whose steps have their media and name only contributed commands', () => {
    const [walkthrough] = manifest.contributes.walkthroughs as { steps: { id: string; description: string; media: { markdown?: string } }[] }[];
    assert.ok(walkthrough && walkthrough.steps.length >= 5);
    const commands = new Set((manifest.contributes.commands as { command: string }[]).map((c) => c.command));
    for (const step of walkthrough.steps) {
      assert.ok(step.media.markdown && existsSync(join(root, step.media.markdown)), `${step.id}: media`);
      for (const m of step.description.matchAll(/\(command:(l2spec\.[\w.]+)\)/g)) assert.ok(commands.has(m[1]!), `${step.id}: ${m[1]}`);
    }
    assert.deepEqual(manifest.contributes.menus['file/newFile'], [{ command: 'l2spec.newDesign', group: 'file' }]);
  });
});
