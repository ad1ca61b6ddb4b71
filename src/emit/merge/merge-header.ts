import type { TextEdit } from './text-edits.js';

/**
 * The generator's header: the `//` lines at the very top of the file ("Created by brokergen from
 * ..."). It belongs to the generator, so the merge replaces the user's copy with the new one.
 */
export interface Header {
  /** The end of the last header line, before its line break; 0 when there is no header. */
  end: number;
  text: string;
}

/** The header of a generated text: every `//` line before the first other line. */
export function findGeneratedHeader(text: string): Header {
  return findHeader(text, () => true);
}

/**
 * The header of the user's text: its leading `//` lines that are a line of the old or new
 * header, or that name brokergen. Other comment lines the user wrote at the top stay theirs.
 */
export function findUserHeader(text: string, known: readonly Header[]): Header {
  const lines = new Set(known.flatMap((header) => header.text.split('\n')));
  return findHeader(text, (line) => lines.has(line) || /\bbrokergen\b/.test(line));
}

function findHeader(text: string, isHeaderLine: (line: string) => boolean): Header {
  let end = 0;
  let offset = 0;
  while (offset < text.length) {
    const lineBreak = text.indexOf('\n', offset);
    const lineEnd = lineBreak === -1 ? text.length : lineBreak;
    const line = text.slice(offset, lineEnd).replace(/\r$/, '');
    if (!line.startsWith('//') || !isHeaderLine(line)) break;
    end = lineEnd;
    offset = lineEnd + 1;
  }
  return { end, text: text.slice(0, end) };
}

/**
 * The edit that puts the generated header in place of the user's, or above the file if the user
 * has none. A generated text without a header leaves the user's alone.
 */
export function mergeHeader(userText: string, user: Header, generated: Header): TextEdit[] {
  if (user.text === generated.text || generated.end === 0) return [];
  if (user.end > 0) return [{ start: 0, end: user.end, text: generated.text }];
  const separator = userText.startsWith('\n') ? '\n' : '\n\n';
  return [{ start: 0, end: 0, text: generated.text + separator }];
}
