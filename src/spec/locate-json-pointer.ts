/**
 * Finds where a JSON pointer lands in a JSON text, with the answer Redocly's
 * `getLineColLocation` gives, without the YAML syntax tree it builds of the whole text first:
 * 0.7 s and a few hundred megabytes for GitHub's 13 MB description, for the handful of warnings
 * the model locates.
 *
 * Redocly's rules, kept here: the pointer's segments are the text after `#/`, split at `/`,
 * each unescaped (`~1`, `~0`, then percent-decoding); an object's first member with the key is
 * followed; an array's item is numbered by `parseInt`; where a segment is missing, or a plain
 * value is reached, the walk stops at the value reached so far. The position is that value's
 * first character, on 1-based lines counted at `\n`.
 */

/** Where an object's or array's entries were found, so far. */
interface Entries {
  /** An object's keys (the first of duplicates) or an array's indexes, to value offsets. */
  offsets: Map<string, number>;
  /** Where to go on reading entries; undefined once all are read. */
  next: number | undefined;
  count: number;
}

/**
 * Locates JSON pointers in one JSON text. Each object and array is read only as far as a
 * pointer needed, and remembered: locating many pointers reads the text about once, where
 * locating each from the start would read it again each time.
 */
export class JsonPointerLocator {
  readonly #text: string;
  readonly #entries = new Map<number, Entries>();
  #lineEnds: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  /** Line and column (1-based) of the value `pointer` (`#/paths/...`) reaches. */
  locate(pointer: string): { line: number; col: number } {
    let at = skipSpace(this.#text, 0);
    for (const segment of parsePointer(pointer)) {
      const next = this.#find(at, segment);
      if (next === undefined) break;
      at = next;
    }
    return this.#toLineColumn(at);
  }

  /** The offset of the member `segment` of the object, or item of the array, at `at`. */
  #find(at: number, segment: string): number | undefined {
    const text = this.#text;
    const isObject = text[at] === '{';
    if (!isObject && text[at] !== '[') return undefined;
    // Arrays are numbered as Redocly numbers them: parseInt('01') is item 1.
    const key = isObject ? segment : String(Number.parseInt(segment, 10));
    let entries = this.#entries.get(at);
    if (entries === undefined) {
      const first = skipSpace(text, at + 1);
      const isEmpty = text[first] === (isObject ? '}' : ']');
      entries = { offsets: new Map(), next: isEmpty ? undefined : first, count: 0 };
      this.#entries.set(at, entries);
    }
    while (!entries.offsets.has(key) && entries.next !== undefined) {
      const entry = isObject
        ? readMember(text, entries.next)
        : { key: String(entries.count), value: entries.next };
      if (entry === undefined) {
        entries.next = undefined;
        break;
      }
      entries.count++;
      if (!entries.offsets.has(entry.key)) entries.offsets.set(entry.key, entry.value);
      const after = skipSpace(text, skipValue(text, entry.value));
      entries.next = text[after] === ',' ? skipSpace(text, after + 1) : undefined;
    }
    return entries.offsets.get(key);
  }

  /** Line and column of an offset: lines end at `\n`. */
  #toLineColumn(offset: number): { line: number; col: number } {
    this.#lineEnds ??= findLineEnds(this.#text);
    const ends = this.#lineEnds;
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((ends[middle] ?? 0) < offset) low = middle + 1;
      else high = middle;
    }
    const lineStart = low === 0 ? 0 : (ends[low - 1] ?? 0) + 1;
    return { line: low + 1, col: offset - lineStart + 1 };
  }
}

/**
 * Whether the locator gives Redocly's answers for this text: it counts lines as Redocly does
 * except after a `\r` that follows a `\n`, which Redocly skips.
 */
export function canLocateJson(text: string): boolean {
  return !text.includes('\n\r');
}

function parsePointer(pointer: string): string[] {
  return pointer
    .slice(2)
    .split('/')
    .map((segment) => decodeURIComponent(segment.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** The member whose key starts at `at`: its key, unescaped, and the offset of its value. */
function readMember(text: string, at: number): { key: string; value: number } | undefined {
  if (text[at] !== '"') return undefined;
  const end = skipString(text, at);
  const raw = text.slice(at + 1, end - 1);
  const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
  const colon = skipSpace(text, end);
  if (text[colon] !== ':') return undefined;
  return { key, value: skipSpace(text, colon + 1) };
}

function findLineEnds(text: string): number[] {
  const ends: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) ends.push(i);
  return ends;
}

/** The offset just after the value starting at `at`. */
function skipValue(text: string, at: number): number {
  const first = text[at];
  if (first === '"') return skipString(text, at);
  if (first !== '{' && first !== '[') {
    let i = at;
    while (i < text.length && !',}] \t\n\r'.includes(text.charAt(i))) i++;
    return i;
  }
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const char = text[i];
    if (char === '"') i = skipString(text, i) - 1;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** The offset just after the string whose opening quote is at `at`. */
function skipString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '"') return i + 1;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  return i;
}
