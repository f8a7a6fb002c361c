// Issue 9: no internal message of the yaml library reaches a user untranslated. Every YAML problem
// becomes one of l2spec's own sentences, for a corpus of common mistakes and for random text.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../../../server/src/engine/index.js';
import { YAML_MESSAGES, yamlProblemMessage } from '../../../server/src/engine/parse/yamlMessages.js';
import { parseConfig } from '../../../server/src/engine/config.js';

const OURS = new Set(YAML_MESSAGES);
/** l2spec's own sentence for a repeated key (parse/source.ts), which names the key. */
const REPEATED_KEY = /^Key .* is repeated in this mapping; only its last value is used\.$/;
const isOurs = (m: string) => OURS.has(m) || REPEATED_KEY.test(m);
const yamlMessages = (text: string) => analyze(text).findings.filter((f) => f.ruleId === 'L2S-FMT-001').map((f) => f.message);

describe('YAML problems in l2spec\'s words', () => {
  it('names what is missing or wrong for common mistakes', () => {
    const cases: [string, RegExp][] = [
      ['l2spec: 1\nsystem:\n  name: "open\n', /closing double quote/],
      ["l2spec: 1\nsystem:\n  name: 'open\n", /closing single quote/],
      ['l2spec: 1\nsystem: { name: x, family: [a, b }\n', /closing \] of this list/],
      ['l2spec: 1\nsystem:\n\tname: x\n', /Tabs cannot indent YAML/],
      ['l2spec: 1\nsystem\n  name: x\n', /colon is probably missing/],
      ['l2spec: 1\nsystem: { name: @x }\n', /cannot start with this character/],
    ];
    for (const [text, pattern] of cases) {
      const messages = yamlMessages(text);
      assert.ok(messages.some((m) => pattern.test(m)), `${JSON.stringify(text)} → ${messages.join(' | ')}`);
      for (const m of messages) assert.ok(isOurs(m), `untranslated: ${m}`);
    }
  });

  it('never passes on the library\'s own wording, for any text (property)', () => {
    const yamlish = fc.array(fc.constantFrom('a', ':', ' ', '\n', '  ', '-', '[', ']', '{', '}', '"', "'", '#', '&x', '*x', '!t', '\t', ',', '?', '|', '>', '%', '@', '---'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(yamlish, (text) => {
      for (const m of yamlMessages(text)) assert.ok(isOurs(m), `untranslated for ${JSON.stringify(text)}: ${m}`);
    }), { numRuns: 300 });
  });

  it('translates a malformed repository config too', () => {
    const { problems, fatal } = parseConfig('rules:\n  L2S-CUST-001: "off\n');
    assert.equal(fatal, true);
    assert.match(problems[0]!, /^invalid YAML at line \d+, column \d+: The closing double quote/);
  });

  it('keeps l2spec\'s own wording for a repeated key (seed -1333839588 of the property found it)', () => {
    const messages = yamlMessages('?\n!t!t');
    assert.ok(messages.length > 0 && messages.every(isOurs), messages.join(' | '));
  });

  it('has a fallback sentence for a code it does not know', () => {
    assert.ok(OURS.has(yamlProblemMessage('SOMETHING_NEW', 'internal text')));
    assert.ok(!yamlProblemMessage('SOMETHING_NEW', 'internal text').includes('internal text'));
  });
});
