// `l2spec explain <ruleId|term|key|value>`: a rule's documentation, a value or a key as the
// editor's hover explains them, or a glossary entry found by the same aliases as the hover; a
// misspelt topic by its closest match. Markdown with --format markdown, terminal text otherwise.
import { Lexer, type Token, type Tokens } from 'marked';
import { catalogue, glossary } from '../engine/index.js';
import { explainTopic } from '../service/topics.js';
import { terminalSafe } from './escape.js';

/** The Markdown for a rule ID, value, key or glossary term (or its closest match), or undefined when nothing matches. */
export function explainMarkdown(topic: string): string | undefined {
  return explainTopic(topic)?.markdown;
}

/**
 * The Markdown for a topic and, when the topic as typed matched nothing and its closest match is
 * shown instead, the note saying so (for stderr; it quotes the typed text, escaped for a terminal).
 */
export function explainWithNote(topic: string): { markdown: string; note?: string } | undefined {
  const found = explainTopic(topic);
  if (!found) return undefined;
  return { markdown: found.markdown, note: found.correctedFrom !== undefined ? `nothing is called "${terminalSafe(found.correctedFrom)}"; showing "${terminalSafe(found.title)}"` : undefined };
}

/** Rule IDs and glossary terms that contain `topic`, to suggest when nothing matches exactly. */
export function suggestions(topic: string): string[] {
  const w = topic.trim().toLowerCase();
  if (!w) return [];
  const terms = glossary.filter((e) => e.term.toLowerCase().includes(w) || e.aliases.some((a) => a.toLowerCase().includes(w))).map((e) => e.term);
  const rules = [...catalogue.values()].filter((m) => m.title.toLowerCase().includes(w)).map((m) => m.id);
  return [...rules, ...terms].slice(0, 8);
}

/** Every rule and glossary term, one per line, as `explain --list` prints them. */
export function listTopics(markdown: boolean): string {
  const rules = [...catalogue.values()];
  const terms = [...glossary].sort((a, b) => a.term.localeCompare(b.term));
  if (markdown) {
    return [
      '## Rules', '',
      ...rules.map((m) => `- \`${m.id}\` ${m.title} (${m.severity})`),
      '', '## Glossary', '',
      ...terms.map((e) => `- **${e.term}**${e.aliases.length ? `: also ${e.aliases.map((a) => `\`${a}\``).join(', ')}` : ''}`),
      '',
    ].join('\n');
  }
  const width = Math.max(...rules.map((m) => m.id.length));
  return [
    'Rules:',
    ...rules.map((m) => `  ${m.id.padEnd(width)}  ${m.title}`),
    '',
    'Glossary terms (and the aliases that find them):',
    ...terms.map((e) => `  ${e.term}${e.aliases.length ? `  (${e.aliases.join(', ')})` : ''}`),
    '',
    `${rules.length} rules, ${terms.length} terms. "l2spec explain <ID or term>" shows one.`,
    '',
  ].join('\n');
}

export interface TerminalStyle {
  bold(text: string): string;
  italic(text: string): string;
  dim(text: string): string;
}

/**
 * Markdown as terminal text: headings underlined or bold, emphasis styled (or dropped without
 * colour), lists indented, code blocks indented, links as "text (url)", tables as aligned columns.
 * The parsing is marked's; only the layout is decided here.
 */
export function markdownToTerminal(markdown: string, style: TerminalStyle): string {
  const out: string[] = [];
  for (const token of new Lexer().lex(markdown)) block(token, out, style, '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

function block(token: Token, out: string[], style: TerminalStyle, indent: string): void {
  switch (token.type) {
    case 'heading': {
      const text = inline((token as Tokens.Heading).tokens, style);
      const title = token.depth <= 1 ? text.toUpperCase() : text;
      // Underlined, so headings stand out without colour too.
      out.push('', indent + style.bold(title), indent + (token.depth <= 1 ? '═' : '─').repeat(visible(title).length), '');
      return;
    }
    case 'paragraph':
      out.push(wrap(inline((token as Tokens.Paragraph).tokens, style), indent), '');
      return;
    case 'text':
      out.push(wrap('tokens' in token && token.tokens ? inline(token.tokens, style) : terminalSafe(token.text), indent));
      return;
    case 'code':
      for (const line of (token as Tokens.Code).text.split('\n')) out.push(`${indent}    ${terminalSafe(line)}`);
      out.push('');
      return;
    case 'blockquote':
      for (const t of (token as Tokens.Blockquote).tokens) block(t, out, style, `${indent}  │ `);
      return;
    case 'list': {
      const list = token as Tokens.List;
      list.items.forEach((item, i) => {
        const bullet = list.ordered ? `${Number(list.start || 1) + i}. ` : '• ';
        const inner: string[] = [];
        for (const t of item.tokens) block(t, inner, style, '');
        const lines = inner.filter((l, j) => l !== '' || j < inner.length - 1);
        lines.forEach((l, j) => out.push(`${indent}${j === 0 ? bullet : ' '.repeat(bullet.length)}${l}`));
      });
      out.push('');
      return;
    }
    case 'table': {
      const table = token as Tokens.Table;
      const rows = [table.header.map((c) => inline(c.tokens, style)), ...table.rows.map((r) => r.map((c) => inline(c.tokens, style)))];
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => visible(r[i] ?? '').length)));
      for (const r of rows) out.push(indent + r.map((cell, i) => cell + ' '.repeat(widths[i]! - visible(cell).length)).join('  ').trimEnd());
      out.push('');
      return;
    }
    case 'hr':
      out.push(`${indent}${'─'.repeat(40)}`, '');
      return;
    case 'space':
      return;
    default:
      out.push(indent + terminalSafe('text' in token ? String(token.text) : token.raw));
  }
}

function inline(tokens: Token[] | undefined, style: TerminalStyle): string {
  if (!tokens) return '';
  return tokens.map((t) => {
    switch (t.type) {
      case 'strong': return style.bold(inline((t as Tokens.Strong).tokens, style));
      case 'em': return style.italic(inline((t as Tokens.Em).tokens, style));
      case 'codespan': return `'${terminalSafe((t as Tokens.Codespan).text)}'`;
      case 'link': {
        const link = t as Tokens.Link;
        const text = inline(link.tokens, style);
        return visible(text) === link.href ? terminalSafe(link.href) : `${text} (${terminalSafe(link.href)})`;
      }
      case 'br': return '\n';
      case 'escape': return terminalSafe(t.text);
      case 'del': return inline((t as Tokens.Del).tokens, style);
      case 'html': return terminalSafe(t.raw);
      default: return 'tokens' in t && t.tokens ? inline(t.tokens, style) : terminalSafe(decodeEntities('text' in t ? String(t.text) : t.raw));
    }
  }).join('');
}

// marked keeps HTML entities of plain text as written ("&quot;"): show the characters.
function decodeEntities(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#39);/g, (_, e: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', '#39': "'" })[e]!);
}

// Colour codes take no room on screen: strip them to measure.
function visible(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

function wrap(text: string, indent: string): string {
  return text.split('\n').map((l) => indent + l).join('\n');
}
