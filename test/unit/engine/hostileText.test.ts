// Hostile and odd input (issue 9), spec text as data and odd YAML: markdown in hover, completion,
// the explain view and code-action titles is rendered by a real markdown renderer (markdown-it
// with HTML and linkify on, the most permissive setting) and must carry no link, image or HTML
// from the spec; hidden characters get a finding and are shown as tokens; class names come from
// known values; extreme numbers, duplicate keys, merge keys, empty values and a BOM behave.
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/engine/index.js';
import { hasHidden, markHidden } from '../../../server/src/engine/visible.js';
import { buildSnapshot, renderSvg } from '../../../server/src/render/index.js';
import { indexOf, codeActions, completion, escapeMarkdown, explain, hover, markdownCode } from '../../../server/src/service/index.js';
import { XSS_CORPUS } from '../../webview/fixtures.js';
import { hostileCase, only, textAt } from './helpers.js';

const md = new MarkdownIt({ html: true, linkify: true });

/** Rendered HTML may only contain the tags l2spec's own markdown produces. */
const ALLOWED_TAGS = new Set(['p', 'strong', 'em', 'code', 'hr', 'ul', 'ol', 'li', 'br', 'pre', 'h1', 'h2', 'h3', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'blockquote']);

function assertInert(markdown: string, label: string): void {
  const html = md.render(markdown);
  for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    assert.ok(ALLOWED_TAGS.has(m[1]!.toLowerCase()), `${label}: <${m[1]}${m[2]}> in ${html.slice(0, 300)}`);
    // The only attribute allowed is the language of l2spec's own YAML examples.
    assert.ok(m[2]!.trim() === '' || (m[1] === 'code' && /^ class="language-yaml"$/.test(m[2]!)), `${label}: attributes on <${m[1]}>: ${m[2]}`);
  }
  assert.ok(!/[\u202a-\u202e\u2066-\u2069\u200b\u0000-\u0008\u001b]/.test(html), `${label}: hidden characters survive`);
}

const doc = (text: string) => TextDocument.create('untitled:h.l2spec.yaml', 'l2spec', 1, text);

/** Every position of a text that starts a key or a value, to hover there. */
function positions(text: string): { line: number; character: number }[] {
  const out: { line: number; character: number }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/[^\s:\-"]/g)) if (m.index === 0 || /[\s:\-"[{,]/.test(line[m.index! - 1]!)) out.push({ line: i, character: m.index! + 1 });
  });
  return out;
}

function hoversAndCompletions(text: string): string[] {
  const d = doc(text);
  const result = analyze(text);
  // The editor features read the analysis's own parse.
  const index = indexOf(result.source);
  const out: string[] = [];
  for (const p of positions(text)) {
    const h = hover(d, index, result, p);
    if (h) out.push((h.contents as { value: string }).value);
    const c = completion(d, result, p);
    for (const item of c?.items ?? []) {
      const doc = item.documentation;
      if (doc && typeof doc === 'object') out.push(doc.value);
      if (item.detail) assert.ok(!hasHidden(item.detail), `completion detail ${item.detail}`);
    }
  }
  const all = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
  for (const a of codeActions(d, index, result, all, { uri: d.uri })) {
    assert.ok(!hasHidden(a.title) && !/[\r\n]/.test(a.title), `code action title ${a.title}`);
  }
  return out;
}

describe('hostile input: spec text is data in markdown (case 53)', () => {
  it('case 53: no image, link, HTML or fake finding survives in hover and completion', () => {
    const text = hostileCase('53-hover-markdown-injection');
    const docs = hoversAndCompletions(text);
    assert.ok(docs.length > 10, 'hovers were produced');
    for (const markdown of docs) assertInert(markdown, 'case 53');
    // The injected "finding" is shown as text inside one line, never as a heading or separator of its own.
    const joined = docs.join('\n');
    assert.ok(!/^\*\*L2S-OK-000\*\*/m.test(joined));
    assert.ok(joined.includes('example\\.invalid'), 'the spec text is still shown, escaped');
  });

  it('the XSS corpus in every string of a spec stays inert in hovers and completions', () => {
    const q = (s: string) => JSON.stringify(s);
    for (const [i, x] of XSS_CORPUS.entries()) {
      const text = `l2spec: 1\nsystem:\n  name: ${q(x)}\n  family: sidechain\n  ${q(x)}: 1\ncomponents:\n  - id: ${q(x)}\n    kind: ${q(x)}\n    name: ${q(x)}\n    operators: 3\n    threshold: 2-of-3\n    publiclyKnown: ${q(x)}\npegs:\n  - id: peg\n    custody: federation-multisig\n    signers: ${q(x)}\n    upgrade:\n      authority: ${q(`${x}-other`)}\n`;
      for (const markdown of hoversAndCompletions(text)) assertInert(markdown, `corpus ${i}`);
    }
  });

  it('random text in every string never yields markup (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
      for (const markdown of [escapeMarkdown(a), escapeMarkdown(`${b}](x) ![${a}`), `kind ${markdownCode(a)} and ${markdownCode(b)}`]) assertInert(markdown, JSON.stringify(a));
    }), { numRuns: 300 });
  });

  it('code spans cannot be closed by backticks in the text', () => {
    const html = md.render(`x ${markdownCode('a` ![i](https://x.invalid/i.png) ``b')} y`);
    assert.equal((html.match(/<code>/g) ?? []).length, 1);
    assert.ok(!html.includes('<img'));
  });

  it('the explain view escapes an unknown topic', () => {
    const r = explain('![x](https://e.invalid/x.png) <img src=x> [c](command:workbench.action.quit)');
    assertInert(r.markdown, 'explain');
    assert.ok(!/[\r\n]/.test(r.title));
  });
});

describe('hostile input: hidden characters', () => {
  it('names, ids and keys with bidi overrides or invisible characters get L2S-FMT-010 on their token', () => {
    const text = 'l2spec: 1\nsystem:\n  name: "Safe\\u202Eniahc"\n  family: sidechain\ncomponents:\n  - id: "fed\\u200B"\n    kind: federation\n  - id: other\n    kind: operator\n    "name\\u2066": x\n';
    const result = analyze(text);
    const hidden = only(result, 'L2S-FMT-010');
    assert.deepEqual(hidden.map((f) => f.range.start.line), [2, 5, 9]);
    assert.match(hidden[0]!.message, /⟨U\+202E⟩/);
    assert.ok(result.findings.every((f) => !hasHidden(f.message)), 'no message carries a hidden character');
    assert.equal(textAt(text, hidden[2]!.range), '"name\\u2066"');
  });

  it('case 35: escape sequences in a name and a key are findings, and messages show them as tokens', () => {
    const result = analyze(hostileCase('35-terminal-escape-injection'));
    assert.equal(only(result, 'L2S-FMT-010').length, 2);
    assert.ok(result.findings.every((f) => !f.message.includes('\u001b')));
  });

  it('the preview snapshot, SVG and labels show hidden characters as visible tokens', () => {
    const text = 'l2spec: 1\nsystem:\n  name: "Chain\\u202E"\n  family: sidechain\ncomponents:\n  - id: fed\n    kind: federation\n    name: "Fed\\u200Beration\\u001b[2K"\n    operators: 3\n    threshold: 2-of-3\npegs:\n  - id: peg\n    custody: federation-multisig\n    signers: fed\n';
    const snapshot = buildSnapshot(analyze(text));
    assert.equal(snapshot.system, 'Chain⟨U+202E⟩');
    const svg = renderSvg(snapshot);
    assert.ok(svg.includes('Fed⟨U+200B⟩eration⟨U+001B⟩[2K'), 'the name is marked in the diagram');
    assert.ok(!hasHidden(svg));
    assert.ok(!hasHidden(JSON.stringify(snapshot)));
    assert.equal(markHidden('a\u202Eb\u2067c'), 'a⟨U+202E⟩b⟨U+2067⟩c');
  });
});

describe('hostile input: class names come from known values (case 51)', () => {
  it('case 51: an unknown kind gets the neutral class and never a rating class', () => {
    const svg = renderSvg(buildSnapshot(analyze(hostileCase('51-class-injection-kind'))));
    const classes = [...svg.matchAll(/class="([^"]*)"/g)].map((m) => m[1]!);
    assert.ok(classes.some((c) => c.includes('ck-unknown')), 'the neutral class is used');
    for (const c of classes) {
      assert.ok(!/\bck-operator rating-review\b/.test(c), c);
      if (/(^| )node( |$)/.test(c)) assert.ok((c.match(/\brating-/g) ?? []).length === 1, `one rating class only: ${c}`);
    }
  });
});

describe('hostile input: numbers and YAML edge cases', () => {
  it('case 30: non-finite numbers and integers beyond exact range are findings on their token; nothing downstream sees them', () => {
    const text = hostileCase('30-extreme-values');
    const result = analyze(text);
    const extreme = only(result, 'L2S-FMT-002').filter((f) => /finite|not a number|beyond 2\^53/.test(f.message));
    const tokens = extreme.map((f) => textAt(text, f.range));
    for (const token of ['1e400', '-1e400', '.nan', '-.inf', '99999999999999999999', '99999999999999999999-of-1', '1-of-99999999999999999999', '99999999999999999999999 weeks']) {
      assert.ok(tokens.includes(token), `${token} is reported on its token (got ${tokens.join(' | ')})`);
    }
    const words = JSON.stringify(result.findings.map((f) => f.message)) + JSON.stringify(result.assessment);
    assert.ok(!/Infinity|NaN%|1e\+20|e\+\d/.test(words.replace(/Infinity hours/g, '')), 'no Infinity, NaN or rounded giant reaches a message or rating');
    const fed = result.model!.components[0]!;
    assert.equal(fed.operators, undefined);
    assert.equal(fed.threshold, undefined);
    assert.equal(result.model!.exits?.delay, undefined);
    assert.equal(only(result, 'L2S-FMT-002').filter((f) => /Missing required key "l2spec"/.test(f.message)).length, 0);
  });

  it('m > n hidden by float rounding is reported, not accepted', () => {
    const text = 'l2spec: 1\nsystem: { name: x, family: sidechain }\ncomponents:\n  - id: c\n    kind: federation\n    threshold: 9007199254740993-of-9007199254740992\n';
    const result = analyze(text);
    assert.equal(result.model!.components[0]!.threshold, undefined);
    assert.match(only(result, 'L2S-FMT-002').map((f) => f.message).join(), /beyond 2\^53/);
  });

  it('case 05: the duplicate key is named and covered, and findings point at the value in use', () => {
    const text = hostileCase('05-duplicate-key-wrong-position');
    const result = analyze(text);
    const [dup] = only(result, 'L2S-FMT-001');
    assert.match(dup!.message, /Key "threshold" is repeated/);
    assert.equal(textAt(text, dup!.range), 'threshold');
    assert.equal(dup!.range.start.line, 11);
    const [bad] = only(result, 'L2S-FMT-004');
    assert.equal(textAt(text, bad!.range), '16-of-15');
    assert.equal(bad!.range.start.line, 11);
  });

  it('duplicate keys nested in a repeated mapping point at the last one as well', () => {
    const text = 'l2spec: 1\nsystem:\n  name: x\n  family: sidechain\nexits:\n  delay: 1d\nexits:\n  delay: 2 weeks\n  unilateral: maybe\n';
    const result = analyze(text);
    const [bad] = only(result, 'L2S-FMT-002');
    assert.equal(bad!.range.start.line, 8);
    assert.equal(only(result, 'L2S-FMT-001')[0]!.range.start.line, 6);
  });

  it('case 01: merge keys are reported once, on the first "<<", and nothing else is said about them', () => {
    const text = hostileCase('01-merge-keys-multiple');
    const result = analyze(text);
    const merge = result.findings.filter((f) => /Merge keys/.test(f.message));
    assert.equal(merge.length, 1);
    assert.equal(textAt(text, merge[0]!.range), '<<');
    assert.equal(merge[0]!.range.start.line, 12);
    assert.ok(!result.findings.some((f) => f !== merge[0] && f.message.includes('<<')), 'no unknown-key or duplicate-key finding for "<<"');
    assert.equal(only(result, 'L2S-FMT-001').length, 0);
  });

  it('empty values say "empty" on the key', () => {
    const text = 'l2spec: 1\nsystem:\n  name: x\n  family:\nexits:\n  delay:\n';
    const result = analyze(text);
    const empty = only(result, 'L2S-FMT-002');
    assert.deepEqual(empty.map((f) => textAt(text, f.range)), ['family', 'delay']);
    for (const f of empty) assert.match(f.message, /is empty/);
  });

  it('case 08: a byte-order mark never shifts a column', () => {
    const text = hostileCase('08-utf8-bom');
    assert.equal(text.charCodeAt(0), 0xfeff);
    const withMark = analyze(text).findings.map((f) => [f.ruleId, f.range]);
    const without = analyze(text.slice(1)).findings.map((f) => [f.ruleId, f.range]);
    assert.deepEqual(withMark, without);
    const colour = analyze(text).findings.find((f) => f.message.includes('colour'))!;
    assert.equal(textAt(text.slice(1), colour.range), 'colour');
  });
});
