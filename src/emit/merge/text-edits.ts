import { EmitError } from '../../errors.js';

/** A replacement of `[start, end)` in one text; an insertion when `start === end`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits computed against one text in a single pass, so nothing is reparsed in between.
 * Insertions at the same position keep the order they were listed in. Replaced ranges must not
 * overlap: the merge edits each declaration (or each of its parts) once, and if two edits ever
 * overlapped, one would silently eat the other's text, so that throws EmitError BG_MERGE_FAILED.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  let result = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.start < cursor) {
      throw new EmitError('BG_MERGE_FAILED', `Two merge edits overlap at offset ${edit.start}`);
    }
    result += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + text.slice(cursor);
}
