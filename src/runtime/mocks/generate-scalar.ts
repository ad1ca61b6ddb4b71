/**
 * Strings and numbers within a schema's bounds: `format`, `pattern`, `minLength`/`maxLength`,
 * `minimum`/`maximum` (inclusive or exclusive) and `multipleOf` (JSON Schema 2020-12 §6.2, §6.3,
 * and the formats of §7.3 plus OpenAPI's `int32`, `int64`, `byte` and `binary`).
 */
import type { FlatSchema } from './flatten-schema.js';
import { generateFromPattern } from './generate-pattern.js';
import type { Random } from './random.js';

const WORDS = [
  ...['amber', 'birch', 'cedar', 'delta', 'ember', 'fable', 'grove', 'harbor', 'iris'],
  ...['juniper', 'kestrel', 'lumen', 'maple', 'nova', 'orbit', 'prism', 'quartz', 'river'],
  ...['sierra', 'tundra', 'umber', 'vega', 'willow', 'xenon', 'yarrow', 'zephyr'],
];

/** A string valid for the flat schema's string keywords (undefined bounds are open). */
export function generateString(flat: FlatSchema, random: Random): string {
  const fits = (text: string): boolean => {
    const length = [...text].length;
    return (
      length >= flat.minLength &&
      length <= flat.maxLength &&
      flat.patterns.every((pattern) => testPattern(pattern, text))
    );
  };
  const format = flat.formats[0];
  if (format !== undefined) {
    const formatted = formatValue(format, random);
    if (formatted !== undefined && fits(formatted)) return formatted;
  }
  for (const pattern of flat.patterns) {
    for (let extra = 0; extra <= 64; extra = extra * 2 + 4) {
      const text = generateFromPattern(pattern, random, extra);
      if (text === undefined) break;
      if (fits(text)) return text;
    }
  }
  return words(random, flat.minLength, flat.maxLength);
}

function testPattern(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(text);
  } catch {
    return true; // a pattern no validator can compile constrains nothing it could check
  }
}

/** One or two words, padded or cut to the length bounds. */
function words(random: Random, minLength: number, maxLength: number): string {
  let text = random.pick(WORDS);
  if (random.chance(0.5)) text += `-${random.pick(WORDS)}`;
  while (text.length < minLength) text += `-${random.pick(WORDS)}`;
  return Number.isFinite(maxLength) ? text.slice(0, maxLength) : text;
}

/** A value of a known format, or undefined for a format brokergen does not know. */
export function formatValue(format: string, random: Random): string | undefined {
  const word = random.pick(WORDS);
  const number = random.integer(1, 999);
  switch (format) {
    case 'date-time':
      return `${date(random)}T${time(random)}Z`;
    case 'date':
      return date(random);
    case 'time':
      return `${time(random)}Z`;
    case 'duration':
      return `P${random.integer(1, 30)}DT${random.integer(1, 23)}H`;
    case 'uuid':
      return uuid(random);
    case 'email':
    case 'idn-email':
      return `${word}.${random.pick(WORDS)}@example.com`;
    case 'hostname':
    case 'idn-hostname':
      return `${word}.example.com`;
    case 'uri':
    case 'url':
    case 'iri':
      return `https://example.com/${word}/${number}`;
    case 'uri-reference':
    case 'iri-reference':
      return `/${word}/${number}`;
    case 'uri-template':
      return `https://example.com/${word}{/id}`;
    case 'ipv4':
      return [10, random.integer(0, 255), random.integer(0, 255), random.integer(1, 254)].join('.');
    case 'ipv6':
      return `fd00::${random.hex(4)}:${random.hex(4)}`;
    case 'byte':
      return toBase64(`${word} ${number}`);
    case 'binary':
    case 'password':
      return `${word}${number}`;
    case 'int32':
    case 'int64':
      return String(number);
    case 'regex':
      return '^[a-z]+$';
    case 'json-pointer':
      return `/${word}/${number}`;
    case 'relative-json-pointer':
      return `0/${word}`;
    default:
      return undefined;
  }
}

function date(random: Random): string {
  const year = random.integer(2020, 2025);
  const month = random.integer(1, 12);
  const day = random.integer(1, 28);
  return `${year}-${pad(month)}-${pad(day)}`;
}

function time(random: Random): string {
  return `${pad(random.integer(0, 23))}:${pad(random.integer(0, 59))}:${pad(random.integer(0, 59))}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A version 4 UUID (RFC 9562 §5.4) from the stream. */
function uuid(random: Random): string {
  const variant = random.pick(['8', '9', 'a', 'b']);
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${variant}${random.hex(3)}-${random.hex(12)}`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 (RFC 4648 §4) of ASCII text; no `btoa`, which older runtimes lack. */
function toBase64(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index += 3) {
    const bytes = [0, 1, 2].map((offset) => text.charCodeAt(index + offset));
    const [a = 0, b, c] = bytes;
    const chunk = (a << 16) | ((b || 0) << 8) | (c || 0);
    out += BASE64[(chunk >> 18) & 63];
    out += BASE64[(chunk >> 12) & 63];
    out += Number.isNaN(b) ? '=' : BASE64[(chunk >> 6) & 63];
    out += Number.isNaN(c) ? '=' : BASE64[chunk & 63];
  }
  return out;
}

/** A number (an integer when `integer`) within the flat schema's numeric keywords. */
export function generateNumber(flat: FlatSchema, random: Random, integer: boolean): number {
  const int32 = flat.formats.includes('int32');
  let low = flat.minimum;
  let high = flat.maximum;
  if (int32) {
    low = Math.max(low, -(2 ** 31));
    high = Math.min(high, 2 ** 31 - 1);
  }
  // Open bounds: small positive numbers unless a bound says otherwise.
  if (!Number.isFinite(low) && !Number.isFinite(high)) [low, high] = [1, 1000];
  else if (!Number.isFinite(low)) low = Math.min(high - 1000, 0);
  else if (!Number.isFinite(high)) high = Math.max(low + 1000, 1000);
  const inside = (value: number): boolean =>
    (flat.exclusiveMinimum ? value > flat.minimum : value >= flat.minimum) &&
    (flat.exclusiveMaximum ? value < flat.maximum : value <= flat.maximum) &&
    (!integer || Number.isInteger(value)) &&
    flat.multipleOf.every((factor) => (value / factor) % 1 === 0);
  const candidates =
    flat.multipleOf.length > 0
      ? multiples(flat.multipleOf, low, high, random)
      : integer
        ? [
            random.integer(Math.ceil(low), Math.floor(high)),
            Math.ceil(low) + 1,
            Math.floor(high) - 1,
          ]
        : [Math.round((low + random.next() * (high - low)) * 100) / 100, (low + high) / 2];
  return candidates.find(inside) ?? candidates[0] ?? low;
}

/**
 * Multiples of every factor (their least common multiple when all are integers, else the
 * largest, checked by the caller) between the bounds: a random one first, then fallbacks.
 */
function multiples(
  factors: readonly number[],
  low: number,
  high: number,
  random: Random,
): number[] {
  const factor = factors.every(Number.isInteger)
    ? factors.reduce((common, next) => (common / greatestCommonDivisor(common, next)) * next)
    : factors.reduce((largest, next) => Math.max(largest, next));
  const first = Math.ceil(low / factor);
  const last = Math.floor(high / factor);
  const picks = [random.integer(first, Math.min(last, first + 100)), first, first + 1, last, 1, 0];
  // `83 * 0.01` is 0.8300000000000001: twelve significant digits read as the intended 0.83.
  return picks.map((multiple) => Number.parseFloat((multiple * factor).toPrecision(12)));
}

function greatestCommonDivisor(left: number, right: number): number {
  return right === 0 ? left : greatestCommonDivisor(right, left % right);
}
