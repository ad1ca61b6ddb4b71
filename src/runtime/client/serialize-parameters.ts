/**
 * Serialises parameters as OpenAPI describes them (OAS 3.1 §4.8.12.4, "Style Values"): path
 * parameters into the URL's path, query parameters into its query, header and cookie
 * parameters into headers. Values are percent-encoded, so an ID holding `/`, `:` or `?` (an
 * IBM Cloud CRN) stays one path segment.
 */
import { InvalidInputError } from './errors.js';

/** Where a parameter goes: the `in` of a Parameter Object. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** How a parameter value is written: the `style` of a Parameter Object. */
export type ParameterStyle =
  'matrix' | 'label' | 'form' | 'simple' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/**
 * How one parameter is serialised, when not by OpenAPI's defaults (`simple` for path and
 * header, `form` for query and cookie, `explode` only for `form`).
 */
export interface ParameterEncoding {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly style?: ParameterStyle | undefined;
  readonly explode?: boolean | undefined;
  /** Query only: reserved characters (`:/?#[]@!$&'()*+,;=`) are sent as they are. */
  readonly allowReserved?: boolean | undefined;
  /** The parameter has `content` instead of `schema`: its value is sent as JSON text. */
  readonly json?: boolean | undefined;
}

interface Encoding {
  style: ParameterStyle;
  explode: boolean;
  allowReserved: boolean;
  json: boolean;
}

function encodingOf(
  name: string,
  location: ParameterLocation,
  encodings: readonly ParameterEncoding[],
): Encoding {
  const declared = encodings.find((item) => item.name === name && item.in === location);
  const style =
    declared?.style ?? (location === 'path' || location === 'header' ? 'simple' : 'form');
  return {
    style,
    explode: declared?.explode ?? style === 'form',
    allowReserved: declared?.allowReserved ?? false,
    json: declared?.json ?? false,
  };
}

/** A value as text: dates in ISO 8601, objects inside arrays as JSON. */
function toText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** The entries a value serialises: `[undefined, text]` items for arrays, `[key, text]` for objects. */
function entriesOf(value: unknown): { kind: 'primitive' | 'array' | 'object'; items: string[][] } {
  if (Array.isArray(value)) {
    return { kind: 'array', items: value.filter(isPresent).map((item) => [toText(item)]) };
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const items = Object.entries(value)
      .filter(([, item]) => isPresent(item))
      .map(([key, item]) => [key, toText(item)]);
    return { kind: 'object', items };
  }
  return { kind: 'primitive', items: [[toText(value)]] };
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Percent-encodes everything but RFC 3986's unreserved characters. */
function encodeStrict(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Percent-encodes, leaving RFC 3986's reserved characters as they are (`allowReserved`). */
function encodeAllowingReserved(text: string): string {
  return encodeURIComponent(text).replace(
    /%(3A|2F|3F|23|5B|5D|40|21|24|26|27|28|29|2A|2B|2C|3B|3D)/gi,
    (escape) => decodeURIComponent(escape),
  );
}

/**
 * Fills a path template (`/v2/service_instances/{instance_id}`) with percent-encoded values.
 * @throws InvalidInputError CLIENT_INVALID_INPUT for a missing or empty value, or `.` and `..`,
 *   which URL parsers resolve as path steps instead of sending them.
 */
export function serializePath(
  template: string,
  values: Readonly<Record<string, unknown>>,
  encodings: readonly ParameterEncoding[] = [],
): string {
  let path = '';
  for (const part of splitPathTemplate(template)) {
    if (typeof part === 'string') {
      path += part;
      continue;
    }
    const { name } = part;
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    const segment = serializePathValue(name, value, encodingOf(name, 'path', encodings));
    if (segment === '' || segment === '.' || segment === '..') {
      throw new InvalidInputError(
        `Path parameter ${name} is ${JSON.stringify(segment)}: it would not reach the server as one path segment`,
      );
    }
    path += segment;
  }
  return path;
}

/** A path template's parts: literal text, already encoded, and parameters by name. */
type PathPart = string | { name: string };

/** Path templates split once: a client calls the same few operations over and over. */
const pathTemplates = new Map<string, readonly PathPart[]>();

function splitPathTemplate(template: string): readonly PathPart[] {
  let parts = pathTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/(\{[^{}]+\})/).map((part): PathPart => {
      const match = /^\{([^{}]+)\}$/.exec(part);
      if (match === null) return encodeURI(part).replace(/[?#]/g, encodeURIComponent);
      return { name: match[1] ?? '' };
    });
    // Templates come from the generated code, so there are as many as the spec has paths.
    pathTemplates.set(template, parts);
  }
  return parts;
}

function serializePathValue(name: string, value: unknown, encoding: Encoding): string {
  if (!isPresent(value)) return '';
  const { kind, items } = entriesOf(value);
  const encoded = items.map((item) => item.map(encodeStrict));
  const pairs = (separator: string) =>
    encoded.map(([key, item]) => `${key}=${item}`).join(separator);
  const flat = encoded.flat().join(',');
  const prefix = encodeStrict(name);
  switch (encoding.style) {
    case 'label':
      if (encoding.explode)
        return '.' + (kind === 'object' ? pairs('.') : encoded.flat().join('.'));
      return `.${flat}`;
    case 'matrix':
      if (!encoding.explode || kind === 'primitive') return `;${prefix}=${flat}`;
      if (kind === 'object') return `;${pairs(';')}`;
      return encoded.map(([item]) => `;${prefix}=${item}`).join('');
    default:
      return encoding.explode && kind === 'object' ? pairs(',') : flat;
  }
}

/**
 * The query string (without `?`) for the given values, in the order given; values that are
 * undefined or null are left out. Throws nothing.
 */
export function serializeQuery(
  values: Readonly<Record<string, unknown>>,
  encodings: readonly ParameterEncoding[] = [],
): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (!isPresent(value)) continue;
    const encoding = encodingOf(name, 'query', encodings);
    const encode = encoding.allowReserved ? encodeAllowingReserved : encodeStrict;
    parts.push(
      ...serializeQueryValue(name, encoding.json ? JSON.stringify(value) : value, encoding, encode),
    );
  }
  return parts.join('&');
}

function serializeQueryValue(
  name: string,
  value: unknown,
  encoding: Encoding,
  encode: (text: string) => string,
): string[] {
  const { kind, items } = entriesOf(value);
  const key = encodeStrict(name);
  if (kind === 'primitive') return [`${key}=${encode(items[0]?.[0] ?? '')}`];
  const encoded = items.map((item) => item.map(encode));
  switch (encoding.style) {
    case 'deepObject':
      return encoded.map(([field, item]) =>
        item === undefined ? `${key}=${field}` : `${key}%5B${field}%5D=${item}`,
      );
    case 'spaceDelimited':
      return [`${key}=${encoded.flat().join('%20')}`];
    case 'pipeDelimited':
      return [`${key}=${encoded.flat().join('|')}`];
    default:
      if (!encoding.explode) return [`${key}=${encoded.flat().join(',')}`];
      if (kind === 'object') return encoded.map(([field, item]) => `${field}=${item}`);
      return encoded.map(([item]) => `${key}=${item}`);
  }
}

/**
 * Header parameters as `[name, value]` pairs (style `simple`); undefined and null values are
 * left out. Throws nothing.
 */
export function serializeHeaders(
  values: Readonly<Record<string, unknown>>,
  encodings: readonly ParameterEncoding[] = [],
): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(values)) {
    if (!isPresent(value)) continue;
    const encoding = encodingOf(name, 'header', encodings);
    if (encoding.json) {
      headers.push([name, JSON.stringify(value)]);
      continue;
    }
    const { kind, items } = entriesOf(value);
    const text =
      kind === 'object' && encoding.explode
        ? items.map(([key, item]) => `${key}=${item}`).join(',')
        : items.flat().join(',');
    headers.push([name, text]);
  }
  return headers;
}

/**
 * Cookie parameters as one `Cookie` header value (style `form`, values percent-encoded), or
 * undefined when there are none. Throws nothing.
 */
export function serializeCookies(
  values: Readonly<Record<string, unknown>>,
  encodings: readonly ParameterEncoding[] = [],
): string | undefined {
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (!isPresent(value)) continue;
    const encoding = encodingOf(name, 'cookie', encodings);
    const { kind, items } = entriesOf(encoding.json ? JSON.stringify(value) : value);
    const text =
      kind === 'object' && encoding.explode
        ? items.map(([key, item]) => `${key}=${encodeStrict(item ?? '')}`).join('; ')
        : `${name}=${items.flat().map(encodeStrict).join(',')}`;
    cookies.push(text);
  }
  return cookies.length === 0 ? undefined : cookies.join('; ');
}
