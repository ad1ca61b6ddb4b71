import { BrokergenError } from '../errors.js';
import type { CodeFormatter } from './format-code.js';
import { PRINT_WIDTH } from './format-code.js';
import { formatPrintedCode } from './format-printed-code.js';
import { printedWidth } from './layout-literal.js';
import { fillLiterals, fillPlaceholders } from './render-template.js';
import type { RenderedParts } from './render-template.js';
import type { RenderStyle } from './planned-file.js';

/**
 * Formats a rendered file in the output style. Prettier formats the template's own code, with
 * each PrintedCode standing as a placeholder line at the top level, and the printed code is laid
 * out by formatPrintedCode into the placeholder's place: prettier formats top-level statements
 * one by one and keeps the blank lines between them, so the file comes out as prettier would
 * make it of the whole render. When a placeholder does not come back as a line of its own at the
 * top level (a template printing the code elsewhere), prettier formats the whole render instead.
 * The inner lines of template literals go back in after formatting, as prettier would have left
 * them.
 * @throws BrokergenError BG_EMIT_FORMAT when the render does not parse, which means a target bug.
 */
export async function formatRendered(
  formatter: CodeFormatter,
  path: string,
  header: string,
  parts: RenderedParts,
  style: RenderStyle = 'unformatted',
): Promise<string> {
  const whole = () => formatLarge(formatter, path, header + fillPlaceholders(parts));
  let formatted: string;
  try {
    formatted =
      style === 'formatted' && parts.styled && TYPESCRIPT.test(path)
        ? await formatOverlong(formatter, path, header + parts.text)
        : await formatLarge(formatter, path, header + parts.text);
  } catch (error) {
    if (error instanceof BrokergenError && parts.printed.length + parts.literals.length > 0) {
      return whole();
    }
    throw error;
  }
  const lines = formatted.split('\n');
  for (const { placeholder, code } of parts.printed) {
    const index = lines.indexOf(placeholder);
    if (index < 0 || lines.indexOf(placeholder, index + 1) >= 0) return whole();
    const printed = await formatPrintedCode(code.code, (text) =>
      formatter.format('printed.ts', text),
    );
    lines[index] = printed.replace(/\n$/, '');
  }
  return fillLiterals(lines.join('\n'), parts, true) ?? whole();
}

/**
 * Formats only the top-level statements of a render that has a line of code wider than the
 * output style's (or text prettier rewrites at any width, see needsPrettier): a template in the
 * output style writes each statement as prettier would whenever it fits on its lines, and prints
 * what may not fit (a list of a spec's names, a long type) on one line, so that prettier breaks
 * it where it is too long. Prettier formats top-level statements one by one and keeps one blank
 * line between them, so the statements it is not given are already what it would make of them,
 * and those it is given may go to it many at a time (see batchesOf). On the broker spec this
 * leaves prettier nothing to do for the server's files; of GitHub's client, it leaves it the
 * statements with a type too long for a line, under half of them.
 * @throws BrokergenError BG_EMIT_FORMAT when a statement given to prettier does not parse.
 */
async function formatOverlong(
  formatter: CodeFormatter,
  path: string,
  text: string,
): Promise<string> {
  // Prettier leaves one blank line between statements and none at the end of the file.
  const statements = splitStatements(text).map((piece) => piece.replace(/\n+$/, '\n'));
  const chosen = statements.flatMap((piece, index) => (needsPrettier(piece) ? [index] : []));
  try {
    await Promise.all(
      batchesOf(chosen, statements).map(async (batch) => {
        const texts = batch.map((index) => statements[index] ?? '');
        let formatted = splitStatements(await formatter.format(path, texts.join('\n')));
        if (formatted.length !== batch.length) {
          // Prettier moved a statement to the start of a line, which makes a cut of its own
          // (STATEMENT_START): the run is formatted again a statement at a time.
          formatted = await formatter.formatPieces(path, texts);
        }
        for (const [k, index] of batch.entries()) statements[index] = formatted[k] ?? '';
      }),
    );
    return statements.join('\n');
  } catch (error) {
    // A statement that does not parse on its own means a cut in the wrong place.
    if (error instanceof BrokergenError) return formatLarge(formatter, path, text);
    throw error;
  }
}

/** `text` cut before each top-level statement (STATEMENT_START); all but the last end in `\n`. */
export function splitStatements(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of text.matchAll(STATEMENT_START)) {
    pieces.push(text.slice(start, match.index + 1));
    start = match.index + 2;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * The statements prettier must format (`chosen`, indexes into `statements`), in runs of about
 * CHUNK_CHARS, to be formatted a run at a time, joined by a blank line: prettier formats each
 * top-level statement on its own, so a run comes back as its statements would one by one, but
 * one call for each of thousands of short statements (GitHub's client has 3,000) costs as much
 * as formatting the whole file.
 */
function batchesOf(chosen: readonly number[], statements: readonly string[]): number[][] {
  const batches: number[][] = [];
  let batch: number[] = [];
  let chars = 0;
  for (const index of chosen) {
    batch.push(index);
    chars += statements[index]?.length ?? 0;
    if (chars >= CHUNK_CHARS) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Whether prettier may write a top-level statement of a render in the output style otherwise than
 * it is rendered: where one of its lines of code may be wider than the output style allows, or
 * where prettier changes text whatever its width:
 * - a line ending in whitespace, which prettier trims (a JSDoc line that spec text left empty);
 * - an escaped single quote, since prettier quotes a string with double quotes when that needs
 *   fewer escapes;
 * - a non-ASCII character in code: prettier counts wide (East Asian) characters twice, and writes
 *   a quoted property key that is a non-ASCII identifier without its quotes.
 * The comments before the statement's code (its JSDoc, the file's header) may be as wide as they
 * are: prettier prints a comment as it is written, and one on lines of its own before a statement
 * has no say in how the statement is laid out.
 */
function needsPrettier(piece: string): boolean {
  if (piece.includes("\\'")) return true;
  const lines = piece.split('\n');
  const code = leadingCommentLines(lines);
  for (const [index, line] of lines.entries()) {
    if (/[ \t]$/.test(line)) return true;
    if (index < code) continue;
    if (isAscii(line) ? line.length > PRINT_WIDTH && !isUnbreakable(line) : !fitsWithText(line)) {
      return true;
    }
  }
  return false;
}

function isAscii(line: string): boolean {
  return !/[^ -~\t]/.test(line);
}

/**
 * Whether a line with non-ASCII text is as prettier writes it: as wide as prettier measures it
 * within the width (printedWidth knows the widths of Latin, Greek, Cyrillic and punctuation, and
 * no others), with no non-ASCII in a quoted property key (prettier writes a key that is a
 * non-ASCII identifier without quotes).
 */
function fitsWithText(line: string): boolean {
  const width = printedWidth(line);
  if (width === undefined || width > PRINT_WIDTH) return false;
  return !/'(?:[^'\\]|\\.)*[^ -~](?:[^'\\]|\\.)*'\??:/.test(line);
}

/**
 * Lines too wide that prettier leaves as they are, whatever is around them: nothing on them can
 * break, and they are too wide for any line prettier could join them into. A string alone on its
 * line (a long description in a schema, a long message), a comment line, and a member or the
 * rest of a type alias or a member of a broken union whose type is an indexed access
 * (`Operation['parameters']['header']`), which prettier never breaks.
 */
function isUnbreakable(line: string): boolean {
  return UNBREAKABLE.some((pattern) => pattern.test(line));
}

const STRING = String.raw`(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
const INDEXED_ACCESS = String.raw`[A-Za-z_$][\w$]*(?:\[${STRING}\])+`;
const UNBREAKABLE = [
  new RegExp(String.raw`^\s*${STRING},?$`),
  /^\s*(?:\/\/|\/\*|\*)/,
  new RegExp(String.raw`^\s*(?:${STRING}|[A-Za-z_$][\w$]*)\??: ${INDEXED_ACCESS};$`),
  new RegExp(String.raw`^\s+${INDEXED_ACCESS};?$`),
  new RegExp(String.raw`^\s+\| ${INDEXED_ACCESS}$`),
];

/**
 * How many of `lines` (a top-level statement, from its first line) hold nothing but comments:
 * `//` lines and block comments that start a line and end one. Cuts fall only where a statement
 * or its comment starts (STATEMENT_START), so the first line is never inside a string or a
 * comment.
 */
function leadingCommentLines(lines: readonly string[]): number {
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    if (line.startsWith('//')) {
      index += 1;
      continue;
    }
    if (!line.startsWith('/*')) return index;
    let end = index;
    let rest = line.slice(2);
    while (!rest.includes('*/')) {
      end += 1;
      if (end >= lines.length) return index;
      rest = lines[end] ?? '';
    }
    // Code after the comment on its last line: that line is code.
    if (rest.slice(rest.indexOf('*/') + 2).trim() !== '') return end;
    index = end + 1;
  }
  return index;
}

/** Renders at least this long are formatted a run of statements at a time. */
const CHUNK_CHARS = 32 * 1024;
const TYPESCRIPT = /\.(ts|mts)$/;
/**
 * Where a render can be cut: a blank line, then a line that starts a top-level statement or the
 * comment before one. Templates never put such a line inside a string or a comment.
 */
const STATEMENT_START =
  /\n\n(?=(?:export |import |type |interface |function |async |const |let |class |\/\*\*|\/\/))/g;

/**
 * Formats TypeScript the size of GitHub's client (2.4 MB) a run of top-level statements at a
 * time. Prettier formats each top-level statement on its own and keeps one blank line between
 * them, so the pieces joined by a blank line are what it makes of the whole; formatting the
 * whole at once took 4.2 s there, in pieces of about 32 KB 2.8 s (less garbage to collect), and
 * pieces can be shared with other threads. A piece that does not parse means a cut in the wrong
 * place, and the whole is formatted instead.
 * @throws BrokergenError BG_EMIT_FORMAT when the text does not parse.
 */
async function formatLarge(formatter: CodeFormatter, path: string, text: string): Promise<string> {
  if (text.length < 2 * CHUNK_CHARS || !TYPESCRIPT.test(path)) return formatter.format(path, text);
  // Runs of statements, joined as they stand in the text, cut once a run is CHUNK_CHARS long.
  const pieces: string[] = [];
  let piece = '';
  for (const statement of splitStatements(text)) {
    piece = piece === '' ? statement : `${piece}\n${statement}`;
    if (piece.length >= CHUNK_CHARS) {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece !== '') pieces.push(piece);
  if (pieces.length === 1) return formatter.format(path, text);
  try {
    return (await formatter.formatPieces(path, pieces)).join('\n');
  } catch (error) {
    if (error instanceof BrokergenError) return formatter.format(path, text);
    throw error;
  }
}
