// The YAML library's errors in l2spec's own words. Its messages are written for developers of YAML
// tooling ("Implicit map keys need to be followed by map values"); a spec author needs to know what
// is wrong in their file and how to fix it. Every problem the library reports has a code; each
// code gets a sentence here, so no internal message reaches a user untranslated.

/** One sentence per yaml error code (yaml 2.x `ErrorCode`). */
const BY_CODE: Record<string, string> = {
  ALIAS_PROPS: 'An alias (*name) cannot carry its own anchor or tag; remove the & or ! before it.',
  BAD_ALIAS: 'This alias (*name) refers to no anchor (&name) defined before it.',
  BAD_DIRECTIVE: 'This %-directive is not one YAML knows; remove the line.',
  BAD_DQ_ESCAPE: 'Unknown escape sequence in a double-quoted value; write \\\\ for a backslash, or use single quotes.',
  BAD_INDENT: 'The indentation here does not line up with the lines around it; indent keys of the same section by the same number of spaces.',
  BAD_PROP_ORDER: 'An anchor (&) or tag (!) must come before the value it names.',
  BAD_SCALAR_START: 'A plain value cannot start with this character (such as @, ` or %); put the value in quotes.',
  BLOCK_AS_IMPLICIT_KEY: 'A nested block cannot be used as a key; check the colon and the indentation of the line above.',
  BLOCK_IN_FLOW: 'An indented list or mapping cannot sit inside [ ] or { }; write it inline, or drop the brackets.',
  DUPLICATE_KEY: 'This key is written twice in the same section; keep one.',
  IMPOSSIBLE: 'The YAML here cannot be read; simplify this part of the file.',
  KEY_OVER_1024_CHARS: 'A key longer than 1024 characters is not allowed; shorten it.',
  MISSING_CHAR: 'A closing character is missing; close the value that starts before this point.',
  MULTILINE_IMPLICIT_KEY: 'A key must fit on one line: a colon is probably missing at the end of the previous line, or a value there needs quotes.',
  MULTIPLE_ANCHORS: 'A value can have only one anchor (&name).',
  MULTIPLE_DOCS: 'A second YAML document starts here; an l2spec file describes one design.',
  MULTIPLE_TAGS: 'A value can have only one tag (!tag).',
  NON_STRING_KEY: 'Keys must be plain text, not a list or a mapping.',
  RESOURCE_EXHAUSTION: 'The file expands too many aliases; write the values out instead.',
  TAB_AS_INDENT: 'Tabs cannot indent YAML; indent with spaces.',
  TAG_RESOLVE_FAILED: 'This tag (!…) is not one l2spec reads; remove it.',
  UNEXPECTED_TOKEN: 'Unexpected text here: check for a missing colon, a stray character, or indentation that does not match the lines around it.',
  BAD_COLLECTION_TYPE: 'This tag cannot be used on this kind of value; remove the tag.',
};

/** What is missing, when the library names it (for MISSING_CHAR): quote, bracket, comma or colon. */
const MISSING: [RegExp, string][] = [
  [/closing "quote/, 'The closing double quote (") of this value is missing.'],
  [/closing 'quote/, "The closing single quote (') of this value is missing."],
  [/Implicit map keys need to be followed by map values/, 'A key needs a colon and a value after it ("key: value"); a colon is probably missing here.'],
  [/Missing , or :/, 'A comma (or a colon) is missing between the items inside these brackets.'],
  [/Missing , between/, 'A comma is missing between the items inside these brackets.'],
  [/Missing space after :/, 'Put a space after the colon inside these brackets ("key: value").'],
  [/end with a \]/, 'The closing ] of this list is missing.'],
  [/end with a \}/, 'The closing } of this mapping is missing.'],
  [/Comments must be separated/, 'Put a space before the # of a comment.'],
  [/Sequence item without - indicator/, 'A list item needs a "- " in front of it.'],
  [/Tags and anchors must be separated/, 'Put a space after an anchor (&name) or tag (!tag).'],
  [/directives-end|doc-start/, 'A "---" line is missing after the directives at the top of the file.'],
  [/Block collection cannot start on same line/, 'Start the list or mapping on the line after "---".'],
];

/**
 * l2spec's message for a problem the YAML library reported. `code` is the library's error code;
 * `original` its message, used only to tell which character is missing, never shown.
 */
export function yamlProblemMessage(code: string | undefined, original: string): string {
  // A flow collection that is not closed is reported as BAD_INDENT inside a block collection.
  if (code === 'MISSING_CHAR' || code === 'BAD_INDENT') {
    for (const [pattern, text] of MISSING) if (pattern.test(original)) return text;
  }
  return (code !== undefined && BY_CODE[code]) || FALLBACK;
}

const FALLBACK = 'The YAML here cannot be read; check the quoting, the colons and the indentation.';

/** Every message yamlProblemMessage can return (tests check that nothing else reaches users). */
export const YAML_MESSAGES: readonly string[] = [...Object.values(BY_CODE), ...MISSING.map(([, text]) => text), FALLBACK];
