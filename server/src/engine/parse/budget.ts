// The cost budget: a spec is judged by what it costs to analyse, not only by its bytes. A 5 MB
// line holding a million flow-list items is under the size limit, yet the YAML library needs
// seconds and gigabytes to build its nodes. One linear pass over the characters, before any YAML
// parsing, estimates the cost (line length, nodes, items of one collection); a text over budget
// gets one finding and is not parsed at all.
//
// The pass over-approximates (it does not parse YAML, it counts its punctuation): a count can
// only be too high, never too low, and the limits sit far above any spec a person writes.
import type { Span } from './source.js';

export interface BudgetLimits {
  /** Longest line, in UTF-16 code units. */
  maxLineLength: number;
  /** Estimated YAML nodes: content lines plus flow-collection items. */
  maxNodes: number;
  /** Items of one list or flow mapping. */
  maxCollectionItems: number;
  /**
   * Nesting depth: open flow collections, plus block levels (deeper indentation, and "- " or "? "
   * opening a nested collection on the same line). Whatever the line layout, since 100,000
   * brackets one per line pass the line-length bound yet make the YAML library recurse.
   */
  maxDepth: number;
  /** Flow closers ("]", "}") with no open collection: each is a syntax error of its own. */
  maxStrayClosers: number;
}

export const DEFAULT_BUDGET: Readonly<BudgetLimits> = Object.freeze({
  maxLineLength: 65_536,
  maxNodes: 500_000,
  maxCollectionItems: 50_000,
  maxDepth: 256,
  maxStrayClosers: 1_000,
});

export interface BudgetExcess {
  what: 'line length' | 'nodes' | 'collection items' | 'depth' | 'stray closers';
  /** Where the limit was passed. */
  span: Span;
  message: string;
}

const n = (x: number): string => x.toLocaleString('en');

/** The characters that matter inside a key or plain scalar in block context (see checkBudget). */
const BLOCK_MARK = /[#:?-]/g;

/**
 * Scans the text once and returns the first limit it exceeds, or undefined when the text is within
 * budget. Linear time, constant memory apart from the stack of open flow collections.
 */
export function checkBudget(text: string, limits: Partial<BudgetLimits> = {}): BudgetExcess | undefined {
  const { maxLineLength, maxNodes, maxCollectionItems, maxDepth, maxStrayClosers } = { ...DEFAULT_BUDGET, ...limits };
  const length = text.length;
  let nodes = 0;
  /** Item counts of the open flow collections, innermost last. */
  const flow: number[] = [];
  const flowStart: number[] = [];
  /** Block-list item counts by the column of their dash. */
  const dashes = new Map<number, { count: number; at: number }>();
  /** Indentation of the open block levels, outermost first (an over-estimate of block depth). */
  const indents: number[] = [];
  let strays = 0;
  /** Indentation of the line that opened a block scalar; its deeper lines are text. */
  let blockScalarIndent = -1;
  let quote = 0; // the open quote character, or 0
  let lineStart = 0;

  const over = (what: BudgetExcess['what'], span: Span, detail: string): BudgetExcess => ({
    what, span,
    message: `The spec exceeds l2spec's cost budget: ${detail}. It was not analysed, so a hostile or generated file cannot stall the review; split the design or shorten the text.`,
  });

  while (lineStart <= length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = length;
    const width = (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd) - lineStart;
    if (width > maxLineLength) {
      return over('line length', [lineStart, lineStart + maxLineLength], `line ${n(lineNumber(text, lineStart))} is ${n(width)} characters long (limit ${n(maxLineLength)})`);
    }
    let i = lineStart;
    while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text.charCodeAt(i) === 13;
    if (blockScalarIndent >= 0 && quote === 0 && flow.length === 0) {
      if (blank || indent > blockScalarIndent) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockScalarIndent = -1;
    }
    // Every content line counts, even inside a quoted scalar: the estimate may only be too high.
    if (!blank && text.charCodeAt(i) !== 35) {
      if (++nodes > maxNodes) return over('nodes', [i, i + 1], `it has more than ${n(maxNodes)} YAML nodes`);
      if (flow.length === 0 && quote === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
        if (indents.length > maxDepth) return over('depth', [i, i + 1], `it nests more than ${n(maxDepth)} levels deep (line ${n(lineNumber(text, i))})`);
        // A block-list item: count it for the list at this column; a shallower line ends deeper lists.
        const isDash = text.charCodeAt(i) === 45 && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 13);
        for (const column of dashes.keys()) if (column > indent || (column === indent && !isDash)) dashes.delete(column);
        if (isDash) {
          const entry = dashes.get(indent) ?? { count: 0, at: i };
          if (++entry.count > maxCollectionItems) return over('collection items', [entry.at, entry.at + 1], `the list starting on line ${n(lineNumber(text, entry.at))} has more than ${n(maxCollectionItems)} items`);
          dashes.set(indent, entry);
        }
      }
    }
    // In block context a quote opens a scalar only where a value starts (first on the line, or after
    // ": ", "- ", "? "): `name: it's "fine` is a plain scalar, and its quote must not hide what follows.
    let valueStart = true;
    /** Collections opened on this line by "- " or "? " after the first. */
    let inline = 0;
    for (; i < lineEnd; i++) {
      if (quote === 0 && flow.length === 0 && !valueStart) {
        // Inside a key or plain scalar in block context only "#", ":", "-" and "?" can change
        // anything below (every other character leaves valueStart false): jump to the next one.
        // A regular expression finds it far faster than this loop runs in a cold process.
        // test(), not exec(): no match array per jump (exec allocated 230 KB per 1k-line edit).
        BLOCK_MARK.lastIndex = i;
        if (!BLOCK_MARK.test(text) || BLOCK_MARK.lastIndex - 1 >= lineEnd) break;
        i = BLOCK_MARK.lastIndex - 1;
      }
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (quote === 34 && c === 92) i++; // backslash escape in "…"
        else if (c === quote) {
          if (quote === 39 && text.charCodeAt(i + 1) === 39) i++; // '' inside '…'
          else quote = 0;
        }
        continue;
      }
      const prev = i === lineStart ? 32 : text.charCodeAt(i - 1);
      const atTokenStart = prev === 32 || prev === 9 || prev === 91 || prev === 123 || prev === 44 || (flow.length > 0 && prev === 58);
      if (c === 35 && (prev === 32 || prev === 9 || i === lineStart)) break; // a comment runs to the end of the line
      if (flow.length === 0 && c !== 32 && c !== 9) {
        const starts = valueStart;
        const next = i + 1 < lineEnd ? text.charCodeAt(i + 1) : 32;
        valueStart = (c === 58 || c === 45 || c === 63) && (next === 32 || next === 9 || next === 13);
        if (starts && valueStart && c !== 58 && ++inline + indents.length > maxDepth) {
          return over('depth', [i, i + 1], `it nests more than ${n(maxDepth)} levels deep (line ${n(lineNumber(text, i))})`);
        }
        if (!starts) {
          if (c === 35 && (prev === 32 || prev === 9)) break;
          continue;
        }
      }
      if ((c === 34 || c === 39) && (flow.length > 0 ? atTokenStart : true)) {
        quote = c;
      } else if ((c === 91 || c === 123) && (atTokenStart || flow.length > 0)) {
        flow.push(0);
        flowStart.push(i);
        if (flow.length + indents.length + inline > maxDepth) return over('depth', [i, i + 1], `it nests more than ${n(maxDepth)} levels deep (line ${n(lineNumber(text, i))})`);
        if (++nodes > maxNodes) return over('nodes', [i, i + 1], `it has more than ${n(maxNodes)} YAML nodes`);
      } else if ((c === 93 || c === 125) && flow.length > 0) {
        flow.pop();
        flowStart.pop();
      } else if ((c === 93 || c === 125) && ++strays > maxStrayClosers) {
        return over('stray closers', [i, i + 1], `it has more than ${n(maxStrayClosers)} "]" or "}" that close nothing (line ${n(lineNumber(text, i))})`);
      } else if (c === 44 && flow.length > 0) {
        const items = ++flow[flow.length - 1]!;
        if (items >= maxCollectionItems) {
          const at = flowStart[flowStart.length - 1]!;
          return over('collection items', [at, at + 1], `the flow collection starting on line ${n(lineNumber(text, at))} has more than ${n(maxCollectionItems)} items`);
        }
        if (++nodes > maxNodes) return over('nodes', [i, i + 1], `it has more than ${n(maxNodes)} YAML nodes`);
      } else if ((c === 124 || c === 62) && flow.length === 0 && atTokenStart) {
        // "|" or ">" as a value: a block scalar whose deeper lines follow.
        blockScalarIndent = indent;
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** 1-based line number of an offset (only computed for the one message that needs it). */
function lineNumber(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
