/**
 * Strings that match a JSON Schema `pattern` (an ECMA-262 regular expression, 2020-12 §6.3.3).
 * The common subset is understood: literals, escapes, classes, `.`, groups, alternation,
 * quantifiers and anchors. Back-references and look-arounds are not, and give no string.
 */
import type { Random } from './random.js';

type PatternNode =
  | { kind: 'sequence'; items: PatternNode[] }
  | { kind: 'alternation'; options: PatternNode[] }
  | { kind: 'repeat'; node: PatternNode; min: number; max: number }
  | { kind: 'set'; ranges: Array<readonly [number, number]>; negated: boolean }
  | { kind: 'literal'; char: string }
  | { kind: 'empty' };

/** Thrown inside the parser for a construct it does not generate from. */
class UnsupportedPattern {}

const DIGITS: Array<readonly [number, number]> = [[0x30, 0x39]];
const WORD: Array<readonly [number, number]> = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
];
const LETTERS: Array<readonly [number, number]> = [
  [0x41, 0x5a],
  [0x61, 0x7a],
];
const SPACE: Array<readonly [number, number]> = [[0x20, 0x20]];
/** What `.` and negated classes draw from: printable ASCII. */
const PRINTABLE: readonly [number, number] = [0x21, 0x7e];

/**
 * A string matching `pattern`, or undefined when the pattern is not understood or no attempt
 * matched. `extra` lengthens unbounded repetitions, to reach a `minLength`.
 */
export function generateFromPattern(
  pattern: string,
  random: Random,
  extra = 0,
): string | undefined {
  let regexp: RegExp;
  let tree: PatternNode;
  try {
    regexp = new RegExp(pattern, 'u');
    tree = new PatternParser(pattern).parse();
  } catch {
    return undefined;
  }
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const text = render(tree, random, extra);
    if (regexp.test(text)) return text;
  }
  return undefined;
}

function render(node: PatternNode, random: Random, extra: number): string {
  switch (node.kind) {
    case 'sequence':
      return node.items.map((item) => render(item, random, extra)).join('');
    case 'alternation':
      return render(random.pick(node.options), random, extra);
    case 'repeat': {
      const max = Number.isFinite(node.max) ? node.max : node.min + 2 + extra;
      const count = random.integer(node.min, Math.min(max, node.min + 3 + extra));
      let out = '';
      for (let index = 0; index < count; index += 1) out += render(node.node, random, extra);
      return out;
    }
    case 'set':
      return String.fromCodePoint(pickFromSet(node, random));
    case 'literal':
      return node.char;
    case 'empty':
      return '';
  }
}

function pickFromSet(node: Extract<PatternNode, { kind: 'set' }>, random: Random): number {
  if (!node.negated) {
    const [low, high] = random.pick(node.ranges);
    // Printable ASCII where the range has some, so `[\u0000-\uffff]` gives readable text.
    const printableLow = Math.max(low, PRINTABLE[0]);
    const printableHigh = Math.min(high, PRINTABLE[1]);
    if (printableLow <= printableHigh) return random.integer(printableLow, printableHigh);
    return random.integer(low, Math.min(high, low + 0xff));
  }
  // Prefer letters and digits, so a negated class gives ordinary text.
  const allowed = (code: number): boolean =>
    !node.ranges.some(([low, high]) => code >= low && code <= high);
  const preferred = WORD.flatMap(([low, high]) => rangeOf(low, high)).filter(allowed);
  if (preferred.length > 0) return random.pick(preferred);
  const printable = rangeOf(PRINTABLE[0], PRINTABLE[1]).filter(allowed);
  if (printable.length > 0) return random.pick(printable);
  throw new UnsupportedPattern();
}

function rangeOf(low: number, high: number): number[] {
  return Array.from({ length: high - low + 1 }, (_, index) => low + index);
}

/** A recursive-descent parser over the pattern's code points. */
class PatternParser {
  readonly #chars: string[];
  #position = 0;

  constructor(pattern: string) {
    this.#chars = [...pattern];
  }

  parse(): PatternNode {
    const node = this.#alternation();
    if (this.#position < this.#chars.length) throw new UnsupportedPattern();
    return node;
  }

  #peek(offset = 0): string | undefined {
    return this.#chars[this.#position + offset];
  }

  #next(): string {
    const char = this.#chars[this.#position];
    if (char === undefined) throw new UnsupportedPattern();
    this.#position += 1;
    return char;
  }

  #alternation(): PatternNode {
    const options = [this.#sequence()];
    while (this.#peek() === '|') {
      this.#position += 1;
      options.push(this.#sequence());
    }
    return options.length === 1 ? (options[0] as PatternNode) : { kind: 'alternation', options };
  }

  #sequence(): PatternNode {
    const items: PatternNode[] = [];
    for (
      let char = this.#peek();
      char !== undefined && char !== '|' && char !== ')';
      char = this.#peek()
    ) {
      items.push(this.#quantified(this.#atom()));
    }
    return { kind: 'sequence', items };
  }

  #quantified(node: PatternNode): PatternNode {
    const char = this.#peek();
    let bounds: [number, number] | undefined;
    if (char === '*') bounds = [0, Infinity];
    else if (char === '+') bounds = [1, Infinity];
    else if (char === '?') bounds = [0, 1];
    else if (char === '{') bounds = this.#braces();
    if (bounds === undefined) return node;
    if (char !== '{') this.#position += 1;
    if (this.#peek() === '?') this.#position += 1; // lazy: same strings
    return { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
  }

  /** `{n}`, `{n,}` or `{n,m}`, consumed; undefined (nothing consumed) when not a quantifier. */
  #braces(): [number, number] | undefined {
    const rest = this.#chars.slice(this.#position).join('');
    const match = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    if (match === null) return undefined;
    this.#position += [...match[0]].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    return [min, max];
  }

  #atom(): PatternNode {
    const char = this.#next();
    switch (char) {
      case '^':
      case '$':
        return { kind: 'empty' };
      case '.':
        return { kind: 'set', ranges: [PRINTABLE], negated: false };
      case '(':
        return this.#group();
      case '[':
        return this.#class();
      case '\\':
        return this.#escape(false);
      default:
        return { kind: 'literal', char };
    }
  }

  #group(): PatternNode {
    if (this.#peek() === '?') {
      const kind = this.#peek(1);
      if (kind === ':') this.#position += 2;
      else if (kind === '<' && this.#peek(2) !== '=' && this.#peek(2) !== '!') {
        while (this.#next() !== '>');
      } else throw new UnsupportedPattern(); // look-arounds
    }
    const node = this.#alternation();
    if (this.#next() !== ')') throw new UnsupportedPattern();
    return node;
  }

  #class(): PatternNode {
    const negated = this.#peek() === '^';
    if (negated) this.#position += 1;
    const ranges: Array<readonly [number, number]> = [];
    let first = true;
    while (this.#peek() !== ']' || first) {
      first = false;
      const low = this.#classAtom();
      if (typeof low !== 'number') {
        ranges.push(...low);
        continue;
      }
      if (this.#peek() === '-' && this.#peek(1) !== ']' && this.#peek(1) !== undefined) {
        this.#position += 1;
        const high = this.#classAtom();
        if (typeof high !== 'number' || high < low) throw new UnsupportedPattern();
        ranges.push([low, high]);
      } else ranges.push([low, low]);
    }
    this.#position += 1;
    if (ranges.length === 0) throw new UnsupportedPattern();
    return { kind: 'set', ranges, negated };
  }

  /** One code point, or the ranges of a class escape such as `\d`. */
  #classAtom(): number | Array<readonly [number, number]> {
    const char = this.#next();
    if (char !== '\\') return char.codePointAt(0) ?? 0;
    const escaped = this.#escape(true);
    if (escaped.kind === 'literal') return escaped.char.codePointAt(0) ?? 0;
    if (escaped.kind === 'set' && !escaped.negated) return escaped.ranges;
    throw new UnsupportedPattern();
  }

  #escape(inClass: boolean): PatternNode {
    const char = this.#next();
    const set = (ranges: Array<readonly [number, number]>, negated = false): PatternNode => ({
      kind: 'set',
      ranges,
      negated,
    });
    switch (char) {
      case 'd':
        return set(DIGITS);
      case 'D':
        return set(DIGITS, true);
      case 'w':
        return set(WORD);
      case 'W':
        return set(WORD, true);
      case 's':
        return set(SPACE);
      case 'S':
        return set(SPACE, true);
      case 'b':
        if (inClass) return { kind: 'literal', char: '\b' };
        return { kind: 'empty' };
      case 'B':
        return { kind: 'empty' };
      case 'p':
      case 'P':
        // Unicode properties: ASCII letters stand for any of them (`\p{L}`, `\p{Letter}`).
        while (this.#next() !== '}');
        return set(LETTERS, char === 'P');
      default:
        return { kind: 'literal', char: this.#escapedChar(char) };
    }
  }

  #escapedChar(char: string): string {
    const controls: Record<string, string> = {
      t: '\t',
      n: '\n',
      r: '\r',
      f: '\f',
      v: '\v',
      '0': '\0',
    };
    if (Object.hasOwn(controls, char)) return controls[char] as string;
    if (char === 'x') return String.fromCodePoint(this.#hex(2));
    if (char === 'u') {
      if (this.#peek() !== '{') return String.fromCodePoint(this.#hex(4));
      this.#position += 1;
      let digits = '';
      for (let next = this.#next(); next !== '}'; next = this.#next()) digits += next;
      return String.fromCodePoint(parseInt(digits, 16));
    }
    if (char === 'c') return String.fromCodePoint((this.#next().codePointAt(0) ?? 0) % 32);
    // Back-references (`\1`, `\k<name>`) repeat what a group matched: not generated.
    if (/[1-9k]/.test(char)) throw new UnsupportedPattern();
    return char;
  }

  #hex(length: number): number {
    let digits = '';
    for (let index = 0; index < length; index += 1) digits += this.#next();
    if (!/^[0-9a-fA-F]+$/.test(digits)) throw new UnsupportedPattern();
    return parseInt(digits, 16);
  }
}
