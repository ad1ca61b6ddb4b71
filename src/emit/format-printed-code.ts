/**
 * Lays out code printed by TypeScript's printer (openapi-typescript's `astToString`) in
 * brokergen's output style, exactly as prettier would, while giving prettier only the few members
 * whose layout takes its judgement.
 *
 * The printer's output is regular: four spaces per level, one member per line, double-quoted
 * strings, a type literal's members between a line ending in `{` and a line starting with `}`.
 * Most members come out of prettier changed only in indentation and quotes, and that much is done
 * here line by line. A member that prettier may lay out otherwise (a line over the print width, a
 * union of object types, a string with quotes or escapes, anything unfamiliar) becomes a unit:
 * its own lines, with each nested type literal body replaced by a placeholder member, are
 * formatted by prettier at the same depth, and the bodies go back in where prettier put the
 * placeholders, themselves laid out the same way. Prettier lays out a member from its text and
 * its indentation alone, so the result is what prettier makes of the whole text: measured on
 * GitHub's REST description (6.5 MB printed), identical output, with prettier seeing 2% of it and
 * total CPU time down from 6.6 s to 1.6 s.
 */

import { PRINT_WIDTH } from './format-code.js';

/** Formats TypeScript source with prettier in the output style. */
export type FormatTypeScript = (text: string) => Promise<string>;

const PRINTED_INDENT = 4;
const OUTPUT_INDENT = 2;
const PLACEHOLDER = '__brokergen_body_';
const UNIT_MARKER = '// brokergen-unit ';

/** An ES5 identifier in ASCII: prettier prints a property key quoted this way without quotes. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** A string literal prettier only requotes: printable ASCII, no quote, no escape. */
const PLAIN_STRING = /^[\x20-\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;

/** A member that prettier lays out, and the body lines its placeholders stand for. */
interface Unit {
  depth: number;
  rawDepth: number;
  text: string;
  bodies: Array<{ start: number; end: number }>;
  /** Prettier's lines, with the placeholders replaced by the blocks they stand for. */
  lines?: Array<string | Block>;
}

/** Consecutive members at one depth. */
interface Block {
  pieces?: Array<string | Unit>;
}

interface Task {
  block: Block;
  start: number;
  end: number;
  rawDepth: number;
  depth: number;
}

/**
 * `code` (whole top-level statements, as TypeScript's printer prints them) in the output style,
 * ending with a newline. Code of another shape is formatted by prettier as a whole.
 * @throws BrokergenError BG_EMIT_FORMAT as `formatTypeScript` does.
 */
export async function formatPrintedCode(
  code: string,
  formatTypeScript: FormatTypeScript,
): Promise<string> {
  const lines = code.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (code.includes('\r')) return formatTypeScript(code);
  const root: Block = {};
  // Each round formats the units found so far in one prettier call; the bodies of those units
  // become the next round's blocks, at the depth prettier gave their placeholders.
  let tasks: Task[] = [{ block: root, start: 0, end: lines.length, rawDepth: 0, depth: 0 }];
  while (tasks.length > 0) {
    const units: Unit[] = [];
    for (const task of tasks) {
      const pieces = layOutBlock(lines, task, units);
      if (pieces === undefined) return formatTypeScript(code);
      task.block.pieces = pieces;
    }
    const formatted = await formatUnits(units, formatTypeScript);
    if (formatted === undefined) return formatTypeScript(code);
    tasks = [];
    for (const [index, unit] of units.entries()) {
      const unitLines = formatted[index] ?? [];
      unit.lines = [];
      for (const line of unitLines) {
        const placeholder = /^( *)__brokergen_body_(\d+): never;$/.exec(line);
        const body = placeholder === null ? undefined : unit.bodies[Number(placeholder[2])];
        if (placeholder === null || body === undefined) {
          unit.lines.push(line);
          continue;
        }
        const block: Block = {};
        unit.lines.push(block);
        const depth = (placeholder[1] ?? '').length / OUTPUT_INDENT;
        tasks.push({ block, ...body, rawDepth: unit.rawDepth + 1, depth });
      }
    }
  }
  const out: string[] = [];
  collectLines(root, out);
  return out.join('\n') + '\n';
}

function collectLines(block: Block, out: string[]): void {
  for (const piece of block.pieces ?? []) {
    if (typeof piece === 'string') out.push(piece);
    else
      for (const line of piece.lines ?? []) {
        if (typeof line === 'string') out.push(line);
        else collectLines(line, out);
      }
  }
}

/**
 * The members of lines [start, end), printed at `rawDepth`, laid out at `depth`: output lines
 * for what needs no judgement, units for the rest. Undefined when the lines are not the printer's
 * regular layout.
 */
function layOutBlock(
  lines: readonly string[],
  task: Task,
  units: Unit[],
): Array<string | Unit> | undefined {
  const { rawDepth, depth } = task;
  const pieces: Array<string | Unit> = [];
  const indent = rawDepth * PRINTED_INDENT;
  const outIndent = ' '.repeat(depth * OUTPUT_INDENT);
  let i = task.start;
  while (i < task.end) {
    const unitStart = i;
    const comments = readComments(lines, i, task.end, indent, outIndent);
    if (comments === undefined) return undefined;
    i = comments.end;
    const first = lines[i];
    if (first === undefined || indentOf(first) !== indent || !/^[\w$"[-]/.test(first.slice(indent)))
      return undefined;
    const end = memberEnd(lines, i + 1, task.end, indent);
    if (end === undefined) return undefined;
    const own = [i];
    for (let k = i + 1; k < end; k++) if (indentOf(lines[k] ?? '') === indent) own.push(k);
    const member = comments.indentable
      ? layOutMember(lines, { ...task, start: i, end }, own, outIndent, units)
      : undefined;
    if (member !== undefined) {
      pieces.push(...comments.lines, ...member);
    } else {
      const unit = toUnit(lines, unitStart, own, end, task);
      units.push(unit);
      pieces.push(unit);
    }
    i = end;
  }
  return pieces;
}

/** Where the member whose first line precedes `from` ends: its deeper lines and closing lines. */
function memberEnd(
  lines: readonly string[],
  from: number,
  to: number,
  indent: number,
): number | undefined {
  let j = from;
  while (j < to) {
    const line = lines[j] ?? '';
    const n = indentOf(line);
    if (n === line.length) return undefined; // prettier would decide about blank lines
    if (n > indent || (n === indent && '})]'.includes(line.charAt(n)))) j++;
    else break;
  }
  return j;
}

/**
 * The block comments before a member, laid out as prettier lays out a comment of several lines
 * that all start with `*`: each line reindented and its trailing spaces dropped, except the two
 * that end a line of a JSDoc comment (a Markdown line break), which stay. `indentable` is false
 * when a line does not start with `*`: prettier then keeps the comment as written.
 */
function readComments(
  lines: readonly string[],
  from: number,
  to: number,
  indent: number,
  outIndent: string,
): { end: number; lines: string[]; indentable: boolean } | undefined {
  const out: string[] = [];
  let indentable = true;
  let i = from;
  while (i < to && (lines[i] ?? '').startsWith('/*', indent)) {
    if (indentOf(lines[i] ?? '') !== indent) return undefined;
    const first = i;
    while (i < to && !(lines[i] ?? '').includes('*/')) i++;
    // Code after a comment on its line: not the printer's layout.
    if (i >= to || !(lines[i] ?? '').trimEnd().endsWith('*/')) return undefined;
    const isJsDoc = /^\/\*\*(?!\*)/.test((lines[first] ?? '').slice(indent));
    for (let k = first; k <= i; k++) {
      const text = (lines[k] ?? '').trimStart();
      const trimmed = text.trimEnd();
      if (k === first) out.push(outIndent + trimmed);
      else if (!text.startsWith('*')) indentable = false;
      else if (k < i && isJsDoc && trimmed !== '*' && text.endsWith('  ')) {
        out.push(`${outIndent} ${trimmed}  `);
      } else out.push(`${outIndent} ${trimmed}`);
    }
    i++;
  }
  return { end: i, lines: out, indentable };
}

/**
 * The output lines of a member that needs no judgement: one line that fits, without an inline
 * type literal; or a type literal (`key: {`, or object types joined by `&`) closed by `}`, `}[]`
 * or `} | null` (prettier keeps an object type and `null` on the object's lines), whose bodies
 * are laid out in turn. Undefined when prettier must decide.
 */
function layOutMember(
  lines: readonly string[],
  task: Task,
  own: readonly number[],
  outIndent: string,
  units: Unit[],
): Array<string | Unit> | undefined {
  const { start, end, rawDepth, depth } = task;
  const indent = rawDepth * PRINTED_INDENT;
  const first = (lines[start] ?? '').slice(indent);
  const isKeyed = depth > 0;
  if (end === start + 1) {
    const code = convertLine(first, isKeyed);
    if (code === undefined || code.operators.includes('{')) return undefined;
    return fits(outIndent, code.text) ? [outIndent + code.text] : undefined;
  }
  const closing = (lines[end - 1] ?? '').slice(indent);
  const middles = own.slice(1, -1).every((k) => (lines[k] ?? '').slice(indent) === '} & {');
  if (own.at(-1) !== end - 1 || !middles || !first.endsWith(' {')) return undefined;
  const opening = convertLine(first.slice(0, -2), isKeyed);
  if (opening === undefined || /[|&<>(){}]/.test(opening.operators)) return undefined;
  if (!fits(outIndent, opening.text + ' {')) return undefined;
  const isInterface = /^(export )?interface /.test(opening.text);
  const closes = isInterface
    ? closing === '}'
    : /^\}(\[\])*;$/.test(closing) || (own.length === 2 && closing === '} | null;');
  if (!closes) return undefined;
  const out: Array<string | Unit> = [`${outIndent}${opening.text} {`];
  for (let k = 1; k < own.length; k++) {
    const body: Task = {
      block: {},
      start: (own[k - 1] ?? 0) + 1,
      end: own[k] ?? 0,
      rawDepth: rawDepth + 1,
      depth: depth + 1,
    };
    const pieces = layOutBlock(lines, body, units);
    if (pieces === undefined) return undefined;
    out.push(...pieces, outIndent + (lines[own[k] ?? 0] ?? '').slice(indent));
  }
  return out;
}

function fits(outIndent: string, text: string): boolean {
  return outIndent.length + text.length <= PRINT_WIDTH;
}

/**
 * One printed line in the output style: plain strings in single quotes, a quoted key that is an
 * identifier unquoted. `operators` lists the punctuation outside strings. Undefined for anything
 * prettier might print differently: other strings, numbers it would rewrite (`1e+21`, `1.50`),
 * non-ASCII text, arrows, characters the printer does not print in types.
 */
function convertLine(
  line: string,
  isKeyed: boolean,
): { text: string; operators: string } | undefined {
  let text = '';
  let operators = '';
  let atKey = isKeyed;
  let i = 0;
  while (i < line.length) {
    const char = line.charAt(i);
    if (char === '"') {
      const close = line.indexOf('"', i + 1);
      const value = line.slice(i + 1, close);
      if (close < 0 || !PLAIN_STRING.test(value)) return undefined;
      const next = line.slice(close + 1, close + 3);
      const isKey = atKey && (next.startsWith(':') || next === '?:');
      text += isKey && IDENTIFIER.test(value) ? value : `'${value}'`;
      atKey = false;
      i = close + 1;
    } else if (/[\w$]/.test(char)) {
      const word = /[\w$]+/y;
      word.lastIndex = i;
      const token = word.exec(line)?.[0] ?? char;
      if (/^\d/.test(token) && !/^(0|[1-9]\d*)$/.test(token)) return undefined;
      if (/^\d/.test(token) && line.charAt(i + token.length) === '.') return undefined;
      text += token;
      atKey = atKey && token === 'readonly';
      i += token.length;
    } else if (' ?:;,.[]{}<>|&()-='.includes(char)) {
      if (char === '=' && line.charAt(i + 1) === '>') return undefined;
      if (char !== ' ') atKey = false;
      text += char;
      operators += char;
      i++;
    } else {
      return undefined;
    }
  }
  return { text, operators };
}

/** A member prettier lays out: its comments and own lines, a placeholder for each body. */
function toUnit(
  lines: readonly string[],
  from: number,
  own: readonly number[],
  end: number,
  task: Task,
): Unit {
  const indent = task.rawDepth * PRINTED_INDENT;
  const text = lines.slice(from, own[0]);
  const bodies: Unit['bodies'] = [];
  for (const [index, line] of own.entries()) {
    text.push(lines[line] ?? '');
    const next = own[index + 1] ?? end;
    if (next > line + 1) {
      text.push(`${' '.repeat(indent + PRINTED_INDENT)}${PLACEHOLDER}${bodies.length}: never;`);
      bodies.push({ start: line + 1, end: next });
    }
  }
  return { depth: task.depth, rawDepth: task.rawDepth, text: text.join('\n'), bodies };
}

/**
 * Formats every unit in one prettier call. A unit at depth d sits in d nested type literals, so
 * that prettier indents it and measures its width as in place; markers split the result.
 * Undefined when the result does not split back into the units.
 */
async function formatUnits(
  units: readonly Unit[],
  formatTypeScript: FormatTypeScript,
): Promise<string[][] | undefined> {
  if (units.length === 0) return [];
  const source = units.map((unit, index) => {
    const open = unit.depth === 0 ? [] : ['type Unit = {', ...Array(unit.depth - 1).fill('_: {')];
    const close = Array(unit.depth).fill('};');
    return [`${UNIT_MARKER}${index}`, ...open, unit.text, ...close].join('\n');
  });
  const formatted = await formatTypeScript(source.join('\n'));
  const chunks = formatted.split(/^\/\/ brokergen-unit \d+\n/m).slice(1);
  if (chunks.length !== units.length) return undefined;
  return chunks.map((chunk, index) => {
    const depth = units[index]?.depth ?? 0;
    const chunkLines = chunk.replace(/\n$/, '').split('\n');
    return chunkLines.slice(depth, chunkLines.length - depth);
  });
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}
