/**
 * JSON laid out for reading, the way prettier lays out JSON: a value that fits on its line stays
 * on one line (`{ "type": "string" }`), a longer one gets one entry per line. About half the
 * size of `JSON.stringify(value, null, 2)` for schemas, whose many small objects fit.
 */

/** `value` as JSON text, lines at most `width` wide where the values allow. */
export function formatJson(value: unknown, width = 100): string {
  return layout(value, '', 0, width);
}

function layout(value: unknown, indent: string, used: number, width: number): string {
  if (typeof value !== 'object' || value === null) return scalar(value);
  const budget = width - indent.length - used;
  if (inlineLength(value, budget) <= budget) return inline(value);
  const inner = `${indent}  `;
  const lines = entriesOf(value).map(([key, child]) => {
    const label = key === undefined ? '' : `${JSON.stringify(key)}: `;
    return inner + label + layout(child, inner, label.length, width);
  });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}

/** An array's items (without keys) or an object's defined entries. */
function entriesOf(value: object): Array<[string | undefined, unknown]> {
  if (Array.isArray(value)) return value.map((item: unknown) => [undefined, item]);
  return Object.entries(value).filter(([, child]) => child !== undefined);
}

function scalar(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** A value on one line: `{ "a": 1, "b": [1, 2] }`. */
function inline(value: unknown): string {
  if (typeof value !== 'object' || value === null) return scalar(value);
  const parts = entriesOf(value).map(
    ([key, child]) => (key === undefined ? '' : `${JSON.stringify(key)}: `) + inline(child),
  );
  if (Array.isArray(value)) return `[${parts.join(', ')}]`;
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/**
 * The length of `inline(value)`, or more than `budget` once it is clearly longer: stops early,
 * so a large value costs no more than a line's worth of work.
 */
function inlineLength(value: unknown, budget: number): number {
  if (typeof value !== 'object' || value === null) return scalar(value).length;
  const entries = entriesOf(value);
  let length = Array.isArray(value) || entries.length === 0 ? 2 : 4;
  for (const [index, [key, child]] of entries.entries()) {
    if (index > 0) length += 2;
    if (key !== undefined) length += JSON.stringify(key).length + 2;
    length += inlineLength(child, budget - length);
    if (length > budget) return length;
  }
  return length;
}
