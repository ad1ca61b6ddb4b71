/**
 * The only path from spec text to a TypeScript identifier, property key or file name.
 *
 * Rules, applied in this order:
 * 1. **Words.** The text is NFKD-normalised and combining marks are dropped (`café` → `cafe`); a
 *    few Latin letters that do not decompose are transliterated (`ß` → `ss`, `ø` → `o`); any
 *    other non-ASCII character (emoji, CJK) separates words like punctuation does. Inside a run
 *    of ASCII letters and digits, a new word starts at a lower-case letter or digit followed by a
 *    capital (`v2Catalog`), and at the last capital of a capital run followed by a lower-case
 *    letter (`HTTPServer` → `HTTP`, `Server`).
 * 2. **Acronyms are ordinary words**, capitalised as `Xxx`: `HTTPServer` → `HttpServer`,
 *    `getHTTPServer` → `getHttpServer`, `userID` → `userId`. Stable under re-casing, unlike
 *    keeping capitals (`HTTPServer` vs `HttpServer` would be two different names).
 * 3. **A leading digit gets a `_` prefix**: `123abc` → `_123abc` (file names keep the digit).
 * 4. **Reserved names get a `_` suffix**: `class` → `class_`, `Promise` → `Promise_`. A suffix
 *    keeps the name sorting and reading like the original, and a leading `_` already means
 *    "unused" to linters.
 * 5. **Nothing left** (punctuation, emoji or CJK only, whitespace, empty): the caller's
 *    fallback is used, else a NamingError BG_NAMING_INVALID.
 *
 * Values (camelCase) and types (PascalCase) have separate reserved lists, as TypeScript keeps
 * separate declaration spaces for them.
 */
import { NamingError } from './errors.js';
import type { SourceLocation } from './errors.js';

/** Why a name differs from the plain case conversion of the spec text. */
export type RenameReason = 'collision' | 'reserved' | 'leading-digit' | 'fallback';

/** One name that a NameScope changed, for the caller to report. */
export interface NameRename {
  readonly original: string;
  readonly assigned: string;
  readonly reason: RenameReason;
}

/** What a name is made from when the text has none, and where the text comes from. */
export interface NameOptions {
  /** Spec text to name the thing by when `text` has no letter or digit (for example `Schema`). */
  fallback?: string;
  /** Where the text comes from, attached to the error when no name can be made. */
  location?: SourceLocation;
}

type NameStyle = 'type' | 'value' | 'file';

interface Conversion {
  name: string;
  reason: RenameReason | undefined;
}

/** ECMAScript reserved words, strict-mode reserved words and names strict code cannot bind. */
const JS_RESERVED = [
  ...['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete'],
  ...['do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if'],
  ...['import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw'],
  ...['true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static'],
  ...['implements', 'interface', 'package', 'private', 'protected', 'public', 'await'],
  ...['arguments', 'eval', 'undefined', 'NaN', 'Infinity'],
];

/**
 * Lower-case globals generated code calls, module-scope names of CommonJS, and members every
 * object inherits: a method named `constructor` would become a class constructor, and one named
 * `then` makes an object thenable, so `await client` would call it.
 */
const VALUE_GLOBALS = [
  ...['fetch', 'console', 'process', 'globalThis', 'require', 'module', 'exports', 'window'],
  ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate'],
  ...['clearImmediate', 'queueMicrotask', 'structuredClone', 'encodeURIComponent'],
  ...['decodeURIComponent', 'encodeURI', 'decodeURI', 'escape', 'unescape', 'parseInt'],
  ...['parseFloat', 'isNaN', 'isFinite', 'atob', 'btoa'],
  ...['constructor', 'prototype', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty'],
  ...['isPrototypeOf', 'propertyIsEnumerable', 'then'],
];

/** TypeScript's type keywords; PascalCase never produces them, listed so no change can. */
const TS_TYPE_KEYWORDS = [
  ...['any', 'unknown', 'never', 'object', 'string', 'number', 'bigint', 'boolean', 'symbol'],
  ...['undefined', 'void', 'null', 'this', 'type', 'keyof', 'infer', 'readonly', 'unique'],
];

/** Global types and constructors generated code may refer to, and TypeScript's utility types. */
const TYPE_GLOBALS = [
  ...['Array', 'ArrayBuffer', 'BigInt', 'Blob', 'Boolean', 'DataView', 'Date', 'Error'],
  ...['EvalError', 'File', 'FormData', 'Function', 'Headers', 'Intl', 'JSON', 'Map', 'Math'],
  ...['Number', 'Object', 'Promise', 'PromiseLike', 'Proxy', 'RangeError', 'ReadableStream'],
  ...['Record', 'Reflect', 'RegExp', 'Request', 'RequestInit', 'Response', 'ResponseInit'],
  ...['Set', 'String', 'Symbol', 'SyntaxError', 'TypeError', 'URIError', 'URL'],
  ...['URLSearchParams', 'Uint8Array', 'WeakMap', 'WeakSet', 'AbortController', 'AbortSignal'],
  ...['TextEncoder', 'TextDecoder', 'Buffer', 'NodeJS', 'Iterable', 'Iterator', 'ArrayLike'],
  ...['AsyncIterable', 'ReadonlyArray', 'PropertyKey', 'Partial', 'Required', 'Readonly'],
  ...['Pick', 'Omit', 'Exclude', 'Extract', 'NonNullable', 'Parameters', 'ReturnType'],
  ...['InstanceType', 'Awaited', 'Uppercase', 'Lowercase', 'Capitalize', 'Uncapitalize'],
  ...['ThisType', 'NoInfer', 'NaN', 'Infinity'],
];

const RESERVED: Readonly<Record<NameStyle, ReadonlySet<string>>> = {
  value: new Set([...JS_RESERVED, ...VALUE_GLOBALS]),
  type: new Set([...JS_RESERVED, ...TS_TYPE_KEYWORDS, ...TYPE_GLOBALS]),
  // Device names Windows refuses as file names, whatever the extension.
  file: new Set(['con', 'prn', 'aux', 'nul', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap(deviceNames)]),
};

function deviceNames(n: number): string[] {
  return [`com${n}`, `lpt${n}`];
}

/** Latin letters that NFKD leaves whole; capitals map to `Xx` so that they stay one word. */
const LATIN_LETTERS: ReadonlyMap<string, string> = new Map(
  'ß:ss ẞ:Ss æ:ae Æ:Ae œ:oe Œ:Oe ø:o Ø:O đ:d Đ:D ð:d Ð:D ł:l Ł:L þ:th Þ:Th ı:i ħ:h Ħ:H'
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Splits spec text into ASCII words (rule 1). */
function splitWords(text: string): string[] {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/gu, (char) => LATIN_LETTERS.get(char) ?? ' ');
  const words: string[] = [];
  for (const run of ascii.split(/[^A-Za-z0-9]+/)) {
    for (const word of run.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)) {
      if (word !== '') words.push(word);
    }
  }
  return words;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

function joinWords(words: readonly string[], style: NameStyle): string {
  if (style === 'file') return words.map((word) => word.toLowerCase()).join('-');
  const joined = words.map(capitalise).join('');
  return style === 'type' ? joined : joined.charAt(0).toLowerCase() + joined.slice(1);
}

function convert(
  text: string,
  style: NameStyle,
  options: NameOptions,
  extraReserved: ReadonlySet<string> = new Set(),
): Conversion {
  let words = splitWords(text);
  let reason: RenameReason | undefined;
  if (words.length === 0 && options.fallback !== undefined) {
    words = splitWords(options.fallback);
    reason = 'fallback';
  }
  if (words.length === 0) {
    throw new NamingError('BG_NAMING_INVALID', `${JSON.stringify(text)} has no letter or digit`, {
      ...(options.location === undefined ? {} : { location: options.location }),
      hint: 'Rename it so that it contains at least one ASCII letter or digit.',
    });
  }
  let name = joinWords(words, style);
  if (style !== 'file' && /^[0-9]/.test(name)) {
    name = `_${name}`;
    reason ??= 'leading-digit';
  }
  if (RESERVED[style].has(name) || extraReserved.has(name)) {
    name = `${name}_`;
    reason ??= 'reserved';
  }
  return { name, reason };
}

/**
 * A PascalCase type name (`simple-user` → `SimpleUser`, `string` → `String_`).
 * @throws NamingError BG_NAMING_INVALID when the text has no letter or digit and no fallback.
 */
export function toTypeName(text: string, options: NameOptions = {}): string {
  return convert(text, 'type', options).name;
}

/**
 * A camelCase name for a variable, parameter or function (`instance_id` → `instanceId`,
 * `class` → `class_`).
 * @throws NamingError BG_NAMING_INVALID when the text has no letter or digit and no fallback.
 */
export function toIdentifier(text: string, options: NameOptions = {}): string {
  return convert(text, 'value', options).name;
}

/**
 * A camelCase method name (`repos/get-content` → `reposGetContent`). Same rules as
 * toIdentifier, so a method can also be emitted as a standalone function.
 * @throws NamingError BG_NAMING_INVALID when the text has no letter or digit and no fallback.
 */
export function toMethodName(text: string, options: NameOptions = {}): string {
  return convert(text, 'value', options).name;
}

/**
 * A kebab-case file name without extension (`HTTPServer` → `http-server`).
 * @throws NamingError BG_NAMING_INVALID when the text has no letter or digit and no fallback.
 */
export function toFileName(text: string, options: NameOptions = {}): string {
  return convert(text, 'file', options).name;
}

/**
 * A key for an object type or literal: the name itself when it is an ASCII identifier, else a
 * single-quoted string literal. `__proto__` becomes `['__proto__']`, because both its bare and
 * quoted forms set the prototype in an object literal (ECMA-262 §B.3.1) instead of a property.
 * Throws nothing: every string can be quoted.
 */
export function toPropertyKey(name: string): string {
  if (name === '__proto__') return `[${toSingleQuoted(name)}]`;
  return IDENTIFIER.test(name) ? name : toSingleQuoted(name);
}

/**
 * Quotes text as a single-quoted literal. Control characters (Cc), the line terminators U+2028
 * and U+2029, and lone surrogates (Cs, which no UTF-8 file can hold) are escaped.
 */
function toSingleQuoted(text: string): string {
  return `'${text.replace(/[\\'\p{Cc}\u2028\u2029\p{Cs}]/gu, escapeChar)}'`;
}

const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\\', '\\\\'],
  ["'", "\\'"],
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

function escapeChar(char: string): string {
  return SHORT_ESCAPES.get(char) ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Hands out unique names in one scope (a generated file, or the methods of one API), in the
 * order asked: the second `Foo` becomes `Foo2`. Every name that differs from its plain case
 * conversion is recorded in `renames` so the caller can report it. Types, values and file names
 * asked of one scope share its set of taken names.
 */
export class NameScope {
  readonly #taken = new Set<string>();
  readonly #reserved: ReadonlySet<string>;
  readonly #renames: NameRename[] = [];

  /** `reserved`: names this scope must not hand out, such as the file's imports. */
  constructor(options: { reserved?: Iterable<string> } = {}) {
    this.#reserved = new Set(options.reserved ?? []);
  }

  /** Renames so far, in the order they were made. */
  get renames(): readonly NameRename[] {
    return this.#renames;
  }

  /** Whether the scope has already handed out this name, ignoring case. */
  has(name: string): boolean {
    return this.#taken.has(name.toLowerCase());
  }

  /** A unique PascalCase type name. @throws NamingError BG_NAMING_INVALID (see toTypeName). */
  toTypeName(text: string, options: NameOptions = {}): string {
    return this.#assign(text, 'type', options);
  }

  /** A unique camelCase identifier. @throws NamingError BG_NAMING_INVALID (see toIdentifier). */
  toIdentifier(text: string, options: NameOptions = {}): string {
    return this.#assign(text, 'value', options);
  }

  /** A unique camelCase method name. @throws NamingError BG_NAMING_INVALID (see toMethodName). */
  toMethodName(text: string, options: NameOptions = {}): string {
    return this.#assign(text, 'value', options);
  }

  /** A unique kebab-case file name. @throws NamingError BG_NAMING_INVALID (see toFileName). */
  toFileName(text: string, options: NameOptions = {}): string {
    return this.#assign(text, 'file', options);
  }

  #assign(text: string, style: NameStyle, options: NameOptions): string {
    const converted = convert(text, style, options, this.#reserved);
    let name = converted.name;
    let reason = converted.reason;
    if (this.has(name)) {
      // `v2` + 2 would read as `v22`; a separator keeps the counter visible.
      const separator = style === 'file' ? '-' : /[0-9]$/.test(name) ? '_' : '';
      let counter = 2;
      while (this.has(`${name}${separator}${counter}`)) counter += 1;
      name = `${name}${separator}${counter}`;
      reason = 'collision';
    }
    // Case-insensitive, so two names never differ only in case: they would clash as files on
    // macOS and Windows, and read as the same name anyway.
    this.#taken.add(name.toLowerCase());
    if (reason !== undefined) this.#renames.push({ original: text, assigned: name, reason });
    return name;
  }
}
