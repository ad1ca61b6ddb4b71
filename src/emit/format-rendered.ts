import { BrokergenError } from '../errors.js';
import type { CodeFormatter } from './format-code.js';
import { formatPrintedCode } from './format-printed-code.js';
import { fillLiterals, fillPlaceholders } from './render-template.js';
import type { RenderedParts } from './render-template.js';

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
): Promise<string> {
  const whole = () => formatLarge(formatter, path, header + fillPlaceholders(parts));
  let formatted: string;
  try {
    formatted = await formatLarge(formatter, path, header + parts.text);
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
