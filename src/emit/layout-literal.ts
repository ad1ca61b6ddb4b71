/**
 * Prints a JSON value as a TypeScript expression laid out exactly as prettier lays out
 * `JSON.stringify(value)` in brokergen's output style (format-code.ts), so that a template can
 * embed a schema already formatted and the file skips the prettier pass that would otherwise
 * spend most of its time re-laying out the literal.
 *
 * The rules below were taken from prettier 3's behaviour on compact JSON (checked by
 * test/emit/layout-literal.test.ts against prettier itself):
 *
 * - Objects and arrays are fit-or-break groups: flat (`{ a: 1 }`, `[1, 2]`) when the flat text
 *   and what follows it up to the next possible line break fit the print width, otherwise one
 *   member per line with a trailing comma, each member laid out again on its own line. JSON has
 *   no newline after `{`, so prettier's rule that keeps a hand-expanded object expanded never
 *   applies.
 * - An array of two or more elements that are all objects, or all arrays, each with more than
 *   one member, always breaks, and so does everything around it.
 * - An array of numbers only is filled: as many elements per line as fit, where an element goes
 *   on the current line when it and the previous element (commas included) fit from where the
 *   previous one started.
 * - A property's value stays after `key: ` when the printed key is narrower than 5 columns, and
 *   whenever the value is a non-negative number or a boolean. Otherwise a string that does not
 *   fit moves to the next line, indented; `null`, a negative number or an empty container moves
 *   when it does not fit; an object or array moves only when even its opening bracket does not.
 * - Keys that are ASCII identifiers lose their quotes, `__proto__` and reserved words included;
 *   every other key keeps them (numeric keys too, under the typescript parser), each key
 *   decided on its own.
 * - Strings take single quotes unless they hold more single than double quotes; JSON's escapes
 *   stay as they are, except that the quote not used is unescaped and the one used is escaped.
 *   U+2028 and U+2029 stay raw, as JSON.stringify leaves them.
 * - Numbers print as JavaScript prints them, with `e+` shortened to `e`; negatives are a minus
 *   sign before the number.
 */

import { PRINT_WIDTH } from './format-code.js';

/** The output style's indentation step. */
const INDENT = 2;
/** Prettier keeps a property's value after a printed key narrower than this (tabWidth + 3). */
const SHORT_KEY_WIDTH = 5;
/** Nesting deeper than this is left to prettier rather than risk the call stack. */
const MAX_DEPTH = 500;

/** Where the literal lands in the file, which decides where its lines break. */
export interface LiteralPlacement {
  /** Indentation (spaces) of the line the literal starts on: broken containers indent from it. */
  indent: number;
  /** Column where the literal starts (characters before it on its first line). */
  column: number;
  /**
   * Characters that follow the literal on its last line up to the next possible line break:
   * 1 for `;` or `,`, 10 for ` as const;`.
   */
  trailing: number;
}

/**
 * How prettier treats a value after `key:` once the property does not fit on one line:
 * `stay` keeps it after the key, `move` puts it on the next line (a string), and `fluid` moves
 * it only when its first line does not fit after the key.
 */
type ValueLayout = 'stay' | 'move' | 'fluid';

/** A value printed as one piece of text: a scalar, `{}` or `[]`. */
interface Leaf {
  kind: 'leaf';
  text: string;
  /** Columns the text takes, as prettier measures them. */
  width: number;
  layout: ValueLayout;
}

interface Member {
  key: string;
  keyWidth: number;
  value: LiteralNode;
}

interface ObjectNode {
  kind: 'object';
  members: Member[];
  /** Flat width; infinite when the object always breaks. */
  width: number;
}

interface ArrayNode {
  kind: 'array';
  elements: LiteralNode[];
  /** Flat width; infinite when the array always breaks. */
  width: number;
  /** Numbers only: filled rather than one element per line. */
  numbers: boolean;
}

type LiteralNode = Leaf | ObjectNode | ArrayNode;

/**
 * The literal for `value` in the output style, as prettier prints it when it starts at
 * `placement` as the right side of an assignment, a variable declaration or an object property
 * (anywhere prettier keeps a value's first line after `=` or `:` when that line fits). Returns
 * undefined when this printer cannot promise prettier's layout, and the caller then lets
 * prettier format the text: a value JSON cannot hold (undefined, a function, a non-finite
 * number, a class instance, a sparse array), text whose width prettier measures with tables
 * this module does not carry (most non-ASCII outside Latin, Greek, Cyrillic and common
 * punctuation), a key that is an identifier only by Unicode's rules, and a literal whose first
 * line does not fit where it starts (prettier would move it onto the next line).
 */
export function layoutLiteral(value: unknown, placement: LiteralPlacement): string | undefined {
  const node = toNode(value, 0);
  if (node === undefined) return undefined;
  const room = PRINT_WIDTH - placement.column;
  if (node.width + placement.trailing <= room) return printFlat(node);
  if (node.kind === 'leaf') return node.layout === 'stay' ? node.text : undefined;
  return room < 1 ? undefined : printBroken(node, placement.indent);
}

/**
 * The width prettier gives `text` (one printed token), or undefined for characters whose width
 * this module does not know. Exported for the tests that hold it to prettier's own measure.
 */
export function printedWidth(text: string): number | undefined {
  if (!NOT_ASCII.test(text)) return text.length;
  let width = 0;
  for (let index = 0; index < text.length; index++) {
    const columns = charWidth(text.charCodeAt(index));
    if (columns === undefined) return undefined;
    width += columns;
  }
  return width;
}

/** Prettier counts a token's length unless it holds something outside space..DEL. */
const NOT_ASCII = /[^\x20-\x7f]/;
const ZERO_WIDTH_MARK = /[\p{Mn}\p{Me}]/u;

/**
 * Ranges of narrow characters prettier measures one column wide (or zero for combining marks),
 * none of them wide, fullwidth or part of an emoji sequence: Latin, Greek, Cyrillic and the
 * other alphabets up to U+10FF, Latin and Greek extended, general punctuation, super- and
 * subscripts, currency, letterlike symbols, arrows and mathematical operators (without the
 * zero width joiner and the combining marks for symbols, which join emoji).
 */
const NARROW_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00a0, 0x10ff],
  [0x1e00, 0x1fff],
  [0x2000, 0x200c],
  [0x200e, 0x20cf],
  [0x2100, 0x22ff],
];

function charWidth(code: number): number | undefined {
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 0;
  if (code < 0x7f) return 1;
  for (const [first, last] of NARROW_RANGES) {
    if (code >= first && code <= last) {
      return ZERO_WIDTH_MARK.test(String.fromCharCode(code)) ? 0 : 1;
    }
  }
  return undefined;
}

function toNode(value: unknown, depth: number): LiteralNode | undefined {
  switch (typeof value) {
    case 'string':
      return stringLeaf(value);
    case 'number':
      return Number.isFinite(value) ? numberLeaf(value) : undefined;
    case 'boolean':
      return leaf(String(value), value ? 4 : 5, 'stay');
    case 'object':
      if (value === null) return leaf('null', 4, 'fluid');
      if (depth >= MAX_DEPTH) return undefined;
      if (Array.isArray(value)) return arrayNode(value, depth + 1);
      return isPlainObject(value) ? objectNode(value, depth + 1) : undefined;
    default:
      return undefined;
  }
}

function leaf(text: string, width: number, layout: ValueLayout): Leaf {
  return { kind: 'leaf', text, width, layout };
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** JavaScript's shortest round-trip text, as prettier normalizes it (`1e+21` becomes `1e21`). */
function numberLeaf(value: number): Leaf {
  const digits = String(Math.abs(value)).replace('e+', 'e');
  const text = value < 0 ? '-' + digits : digits;
  return leaf(text, text.length, value < 0 ? 'fluid' : 'stay');
}

/** Text prettier prints as it is between single quotes: printable ASCII, no quote or backslash. */
const PLAIN_TEXT = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

function stringLeaf(value: string): Leaf | undefined {
  if (PLAIN_TEXT.test(value)) return leaf("'" + value + "'", value.length + 2, 'move');
  const text = stringLiteral(value);
  const width = printedWidth(text);
  return width === undefined ? undefined : leaf(text, width, 'move');
}

/**
 * `value` quoted as prettier requotes JSON.stringify's output: double quotes (the JSON text
 * itself) when it holds more single than double quotes, else single quotes with `\"` unescaped
 * and `'` escaped.
 */
function stringLiteral(value: string): string {
  const json = JSON.stringify(value);
  const hasSingle = value.includes("'");
  if (!hasSingle && !value.includes('"')) return "'" + json.slice(1, -1) + "'";
  if (hasSingle && count(value, "'") > count(value, '"')) return json;
  // JSON escapes every `"` inside and leaves `'` raw; an escaped backslash never ends in `"`.
  return "'" + json.slice(1, -1).replace(/\\"|'/g, (match) => (match === "'" ? "\\'" : '"')) + "'";
}

function count(text: string, char: string): number {
  let found = 0;
  for (let index = text.indexOf(char); index !== -1; index = text.indexOf(char, index + 1)) {
    found++;
  }
  return found;
}

/** A key prettier prints without quotes (as-needed, typescript parser): an ES5 identifier name. */
const ASCII_IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/**
 * A key that cannot be an identifier whatever its other characters are: empty, starting with a
 * digit, or holding white space or ASCII other than letters, digits, `$` and `_`.
 */
const NEVER_IDENTIFIER = /^\d|^$|[^\w$\u0080-\uffff]|\s/;

/** The key as prettier prints it, or undefined when that depends on Unicode's identifier rules. */
function printKey(key: string): Leaf | undefined {
  if (ASCII_IDENTIFIER.test(key)) return leaf(key, key.length, 'stay');
  if (NOT_ASCII.test(key) && !NEVER_IDENTIFIER.test(key)) return undefined;
  return stringLeaf(key);
}

function objectNode(value: Record<string, unknown>, depth: number): LiteralNode | undefined {
  const keys = Object.keys(value);
  if (keys.length === 0) return leaf('{}', 2, 'fluid');
  const members: Member[] = [];
  // `{ ` and ` }`, then `key: value` with `, ` between members.
  let width = 2 + 4 * keys.length;
  for (const key of keys) {
    const printed = printKey(key);
    const node = printed && toNode(value[key], depth);
    if (printed === undefined || node === undefined) return undefined;
    members.push({ key: printed.text, keyWidth: printed.width, value: node });
    width += printed.width + node.width;
  }
  return { kind: 'object', members, width };
}

function arrayNode(value: unknown[], depth: number): LiteralNode | undefined {
  if (value.length === 0) return leaf('[]', 2, 'fluid');
  const elements: LiteralNode[] = [];
  // `[` and `]`, with `, ` between elements.
  let width = 2 * value.length;
  let numbers = true;
  for (const element of value) {
    const node = toNode(element, depth);
    if (node === undefined) return undefined;
    elements.push(node);
    width += node.width;
    numbers &&= typeof element === 'number';
  }
  if (alwaysBreaks(elements)) width = Infinity;
  return { kind: 'array', elements, width, numbers };
}

/**
 * Prettier breaks an array of two or more objects, or of two or more arrays, when each holds
 * more than one member: such data reads better as a table.
 */
function alwaysBreaks(elements: readonly LiteralNode[]): boolean {
  const first = elements[0];
  if (elements.length < 2 || first === undefined || first.kind === 'leaf') return false;
  return elements.every((element) => element.kind === first.kind && size(element) > 1);
}

function size(node: LiteralNode): number {
  if (node.kind === 'object') return node.members.length;
  return node.kind === 'array' ? node.elements.length : 0;
}

function printFlat(node: LiteralNode): string {
  switch (node.kind) {
    case 'leaf':
      return node.text;
    case 'array': {
      let text = '';
      for (const element of node.elements) text += ', ' + printFlat(element);
      return '[' + text.slice(2) + ']';
    }
    case 'object': {
      let text = '';
      for (const { key, value } of node.members) text += ', ' + key + ': ' + printFlat(value);
      return '{ ' + text.slice(2) + ' }';
    }
  }
}

/**
 * `node` printed starting at `column` on a line indented by `indent`, followed by `trailing`
 * columns before the next possible line break.
 */
function printAt(node: LiteralNode, indent: number, column: number, trailing: number): string {
  if (node.kind === 'leaf' || node.width + trailing <= PRINT_WIDTH - column) return printFlat(node);
  return printBroken(node, indent);
}

/** An object or array one member per line (numbers: as many per line as fit). */
function printBroken(node: ObjectNode | ArrayNode, indent: number): string {
  const inner = indent + INDENT;
  const margin = '\n' + ' '.repeat(inner);
  let text: string;
  if (node.kind === 'object') {
    text = '{';
    for (const member of node.members) text += margin + printMember(member, inner) + ',';
  } else if (node.numbers) {
    text = '[' + margin + fillNumbers(node.elements, inner, margin);
  } else {
    text = '[';
    for (const element of node.elements) text += margin + printAt(element, inner, inner, 1) + ',';
  }
  return text + '\n' + ' '.repeat(indent) + (node.kind === 'object' ? '}' : ']');
}

/**
 * A member of a broken object, starting its own line at `indent` (a comma follows it).
 * Prettier prints `key: value` flat when it fits, else keeps the value after the key or moves
 * it to the next line as `ValueLayout` says.
 */
function printMember(member: Member, indent: number): string {
  const { key, keyWidth, value } = member;
  const afterKey = indent + keyWidth + 2;
  const flatFits = afterKey + value.width + 1 <= PRINT_WIDTH;
  if (!flatFits && movesToNextLine(member, afterKey)) {
    const inner = indent + INDENT;
    return key + ':\n' + ' '.repeat(inner) + printAt(value, inner, inner, 1);
  }
  return key + ': ' + printAt(value, indent, afterKey, 1);
}

/** Whether a value that does not fit after its key moves onto the next line. */
function movesToNextLine(member: Member, afterKey: number): boolean {
  const { keyWidth, value } = member;
  if (keyWidth < SHORT_KEY_WIDTH) return false;
  if (value.kind !== 'leaf') return afterKey + 1 > PRINT_WIDTH;
  return value.layout !== 'stay';
}

/**
 * Numbers as prettier's fill prints them: each followed by a comma, and by a space when it and
 * the next one (with its comma) fit from where it starts, else by a new line.
 */
function fillNumbers(elements: readonly LiteralNode[], inner: number, margin: string): string {
  let text = '';
  let column = inner;
  for (const [index, element] of elements.entries()) {
    text += printFlat(element) + ',';
    const next = elements[index + 1];
    if (next === undefined) break;
    const width = element.width + 1;
    if (column + width + 1 + next.width + 1 <= PRINT_WIDTH) {
      text += ' ';
      column += width + 1;
    } else {
      text += margin;
      column = inner;
    }
  }
  return text;
}
