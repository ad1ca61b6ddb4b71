import { appendPointer } from '../errors.js';

interface Frame {
  indent: number;
  token: string | number;
  /** Sequence items seen directly under this frame, to number the next one. */
  items: number;
}

/**
 * Finds the JSON pointer of the block-YAML node that holds a line, from indentation alone.
 *
 * A syntax error leaves no parsed document to walk, but the lines above the error are usually
 * well formed: each `key:` opens a node that lasts until a line at its indentation or less, and
 * each `- ` opens the next item of a sequence. That names the mapping the broken line belongs to
 * (`#/paths/~1things/get`), which is what a person needs to find it. Flow style (`{...}`, JSON)
 * is not followed; the pointer then stops at the last block node.
 */
export function findPointerAtLine(text: string, line: number): string {
  const lines = text.split(/\r\n|\r|\n/);
  const target = lines[line - 1] ?? '';
  const stack: Frame[] = [];
  for (const raw of lines.slice(0, line - 1)) {
    if (isBlankOrComment(raw)) continue;
    pushLine(stack, raw);
  }
  popTo(stack, indentOf(target));
  return appendPointer('#', ...stack.map((frame) => frame.token));
}

function pushLine(stack: Frame[], raw: string): void {
  let indent = indentOf(raw);
  let rest = raw.slice(indent);
  popTo(stack, indent);
  // `- ` items: number them under their parent, then read a `key:` on the same line.
  while (rest.startsWith('- ') || rest === '-') {
    const parent = stack.at(-1);
    const index = parent === undefined ? 0 : parent.items++;
    stack.push({ indent, token: index, items: 0 });
    const after = rest.slice(1);
    const spaces = after.length - after.trimStart().length;
    indent += 1 + spaces;
    rest = after.trimStart();
  }
  const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^:#]*?)\s*:(?:\s|$)/.exec(rest)?.[1];
  if (key !== undefined) stack.push({ indent, token: unquote(key), items: 0 });
}

function popTo(stack: Frame[], indent: number): void {
  while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) >= indent) stack.pop();
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function isBlankOrComment(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#') || trimmed === '---';
}

function unquote(key: string): string {
  if (key.startsWith('"')) return JSON.parse(key) as string;
  if (key.startsWith("'")) return key.slice(1, -1).replaceAll("''", "'");
  return key.trim();
}
