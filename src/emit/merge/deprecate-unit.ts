import type { Unit } from './collect-units.js';
import type { TextEdit } from './text-edits.js';
import { PRINT_WIDTH } from '../format-code.js';

/** What every deprecation note brokergen writes starts with, so it can find and remove its own. */
const MARKER = '@deprecated brokergen:';

/** The reason written into the JSDoc of a unit whose operation left the spec. */
export function deprecationReason(unit: Unit): string {
  return (
    `${unit.name} is no longer in the spec; this ${unit.kind} is kept because it may hold your ` +
    'code. Delete it when you no longer need it.'
  );
}

/**
 * The edit that marks a unit `@deprecated` in its JSDoc (creating one if needed), or undefined
 * when the JSDoc already has a `@deprecated` tag, so that a later run never adds a second one.
 */
export function deprecateUnit(text: string, unit: Unit): TextEdit | undefined {
  const reason = `${MARKER} ${deprecationReason(unit)}`;
  if (unit.jsDoc === undefined) {
    const indent = indentAt(text, unit.declStart);
    const lines = ['/**', ...wrapTagLines(reason, indent), `${indent} */`, indent];
    return { start: unit.declStart, end: unit.declStart, text: lines.join('\n') };
  }
  const { start, end } = unit.jsDoc;
  const doc = text.slice(start, end);
  if (/@deprecated\b/.test(doc)) return undefined;
  const indent = indentAt(text, start);
  const tag = [`${indent} *`, ...wrapTagLines(reason, indent)];
  if (!doc.includes('\n')) {
    const content = doc.slice(3, -2).trim();
    const description = content === '' ? [] : [`${indent} * ${content}`];
    const lines = ['/**', ...description, ...(content === '' ? tag.slice(1) : tag), `${indent} */`];
    return { start, end, text: lines.join('\n') };
  }
  const close = end - 2;
  const lineStart = text.lastIndexOf('\n', close - 1) + 1;
  if (text.slice(lineStart, close).trim() === '') {
    return { start: lineStart, end: lineStart, text: tag.join('\n') + '\n' };
  }
  return { start: close, end: close, text: `\n${tag.join('\n')}\n${indent} ` };
}

/**
 * The edit that takes brokergen's deprecation note out of a unit's JSDoc, for when its operation
 * is back in the spec; undefined when the unit has no such note. A JSDoc left empty is removed.
 */
export function reviveUnit(text: string, unit: Unit): TextEdit | undefined {
  if (unit.jsDoc === undefined) return undefined;
  const { start, end } = unit.jsDoc;
  const lines = text.slice(start, end).split('\n');
  const at = lines.findIndex((line) => line.includes(MARKER));
  if (at < 1 || at === lines.length - 1) return undefined;
  let until = at + 1;
  while (until < lines.length - 1 && !/^\s*\*\s*@/.test(lines[until] ?? '')) until++;
  const from = /^\s*\*\s*$/.test(lines[at - 1] ?? '') ? at - 1 : at;
  const kept = [...lines.slice(0, from), ...lines.slice(until)];
  const content = kept.slice(1, -1).map((line) => line.replace(/^\s*\*\s?/, ''));
  if (content.every((line) => line.trim() === '')) {
    return { start, end: skipLineBreak(text, end), text: '' };
  }
  const single = `/** ${content[0]?.trim() ?? ''} */`;
  const fits = indentAt(text, start).length + single.length <= PRINT_WIDTH;
  const replacement = content.length === 1 && fits ? single : kept.join('\n');
  return { start, end, text: replacement };
}

/** A JSDoc tag's lines, ` * ` prefixed and wrapped at the print width. */
function wrapTagLines(tag: string, indent: string): string[] {
  const prefix = `${indent} * `;
  const lines: string[] = [];
  let line = '';
  for (const word of tag.split(' ')) {
    if (line !== '' && prefix.length + line.length + 1 + word.length > PRINT_WIDTH) {
      lines.push(prefix + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, prefix + line];
}

/** The position after the spaces, line break and indentation that follow `position`. */
function skipLineBreak(text: string, position: number): number {
  let stop = position;
  while (text[stop] === ' ' || text[stop] === '\t') stop++;
  if (text[stop] === '\r') stop++;
  if (text[stop] === '\n') stop++;
  while (text[stop] === ' ' || text[stop] === '\t') stop++;
  return stop;
}

/** The whitespace before `position` on its line, or '' when other text precedes it. */
function indentAt(text: string, position: number): string {
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const before = text.slice(lineStart, position);
  return /^\s*$/.test(before) ? before : '';
}
