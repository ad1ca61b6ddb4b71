/**
 * What a view tells a template in the output style (RenderStyle `formatted`, see
 * emit/planned-file.ts) so that it can write a construct as prettier lays it out: whether it fits
 * on its line, and how spec text in a JSDoc block falls into lines. Emit gives prettier only the
 * statements that have a line too wide; a template that broke a construct prettier would have
 * joined would go uncorrected, so a view says "too wide" only when it is certain.
 */

import { PRINT_WIDTH } from '../emit/index.js';

/**
 * Whether `line`, a construct printed flat with all the text around it on its line (indent
 * included), is certainly wider than the output style allows. Only printable ASCII is measured:
 * prettier counts wide characters twice and combining ones not at all, so a line with anything
 * else is never said to overflow. The template then prints it flat, as it does what fits, and
 * emit hands the statement to prettier when the line may be too wide (format-rendered.ts).
 */
export function overflows(line: string): boolean {
  return line.length > PRINT_WIDTH && PRINTABLE_ASCII.test(line);
}

const PRINTABLE_ASCII = /^[ -~]*$/;

/**
 * Whether prettier prints a string literal of `text` in single quotes, as the `str` helper does:
 * it switches to double quotes when the text holds more single quotes than double ones (fewer
 * escapes). A template in the output style cannot write such a literal as prettier would, and
 * no line need be too wide for emit to notice, so a file printing one is formatted whole.
 */
export function keepsSingleQuotes(text: string): boolean {
  const count = (quote: string) => text.split(quote).length - 1;
  return count("'") <= count('"');
}

/**
 * Whether prettier prints a property key from naming.ts's `toPropertyKey` as it is. It keeps
 * bare and computed keys, and quoted ones that must be quoted; it drops the quotes of a key that
 * is an identifier outside ASCII (`'café'`), which `toPropertyKey` quotes. Keys with any
 * character outside ASCII are taken as changed, which is safe: their file is formatted whole.
 */
export function keepsPropertyKey(key: string): boolean {
  if (!key.startsWith("'")) return true;
  return PRINTABLE_ASCII.test(key) && keepsSingleQuotes(key.slice(1, -1));
}

/**
 * Spec text in a JSDoc block, a line at a time. Where a block spans lines, prettier re-indents
 * each line after the first to the block and trims its ends (the first line's end, every middle
 * line's both ends, the last line's start), so a template that prints text of several lines
 * prints each line at the indent of its block, and a space before a line only when it is not
 * empty. Lines are split where the `jsdoc` helper splits them and lose their trailing white
 * space as it does; each still goes through `jsdoc`.
 */
export interface DocText {
  /** Whether the text spans lines. */
  multiline: boolean;
  /** The first line: all of the text when it does not span lines. */
  first: string;
  /** The lines between the first and the last; none unless the text spans three lines. */
  middle: string[];
  /** The last line of text that spans lines; the first line otherwise. */
  last: string;
  /** Every line. */
  lines: string[];
}

/** The lines of spec text for a JSDoc block. */
export function toDocText(text: string): DocText {
  const lines = text.split(/\r\n|[\r\n\u2028\u2029]/).map((line) => line.trimEnd());
  const first = lines[0] ?? '';
  return {
    multiline: lines.length > 1,
    first,
    middle: lines.slice(1, -1),
    last: lines.length > 1 ? (lines.at(-1) ?? '') : first,
    lines,
  };
}
