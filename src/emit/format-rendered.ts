import { BrokergenError } from '../errors.js';
import type { CodeFormatter } from './format-code.js';
import { formatPrintedCode } from './format-printed-code.js';
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
 * Formats only the top-level statements of a render that has a line wider than the output
 * style's: a template in the output style writes each statement as prettier would whenever it
 * fits on its lines, and prints what may not fit (a list of a spec's names, a long type) on one
 * line, so that prettier breaks it where it is too long. Prettier formats top-level statements
 * one by one and keeps one blank line between them, so the statements it is not given are
 * already what it would make of them. On the broker spec this leaves prettier nothing to do.
 * @throws BrokergenError BG_EMIT_FORMAT when a statement given to prettier does not parse.
 */
async function formatOverlong(
  formatter: CodeFormatter,
  path: string,
  text: string,
): Promise<string> {
  const pieces: string[] = [];
  let start = 0;
  for (const match of text.matchAll(STATEMENT_START)) {
    pieces.push(text.slice(start, match.index + 1));
    start = match.index + 2;
  }
  pieces.push(text.slice(start));
  try {
    const formatted = await Promise.all(
      pieces.map((piece) =>
        // Prettier leaves one blank line between statements and none at the end of the file.
        hasOverlongLine(piece) ? formatter.format(path, piece) : piece.replace(/\n+$/, '\n'),
      ),
    );
    return formatted.join('\n');
  } catch (error) {
    // A statement that does not parse on its own means a cut in the wrong place.
    if (error instanceof BrokergenError) return formatLarge(formatter, path, text);
    throw error;
  }
}

/** The output style's line width (format-code.ts). */
const PRINT_WIDTH = 100;

/**
 * Whether a line of `text` may be wider than the output style allows. Prettier counts wide
 * (East Asian) characters twice, so a line with any non-ASCII character counts as wide once it is
 * half the width.
 */
function hasOverlongLine(text: string): boolean {
  for (const line of text.split('\n')) {
    if (line.length > PRINT_WIDTH) return true;
    if (line.length > PRINT_WIDTH / 2 && /[^ -~\t]/.test(line)) return true;
  }
  return false;
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
  const pieces: string[] = [];
  let start = 0;
  for (const match of text.matchAll(STATEMENT_START)) {
    if (match.index - start < CHUNK_CHARS) continue;
    pieces.push(text.slice(start, match.index + 1));
    start = match.index + 2;
  }
  pieces.push(text.slice(start));
  if (pieces.length === 1) return formatter.format(path, text);
  try {
    return (await formatter.formatPieces(path, pieces)).join('\n');
  } catch (error) {
    if (error instanceof BrokergenError) return formatter.format(path, text);
    throw error;
  }
}
