/**
 * Parameter values as a request carries them, parsed by each parameter's style (OAS 3.1
 * §4.8.12.4): `form` and `simple` for primitives, arrays and objects, `label` and `matrix` in the
 * path, `spaceDelimited` and `pipeDelimited` arrays and `deepObject` objects in the query, and
 * JSON text for a parameter declared with `content`. Values stay strings; the validator reads
 * them as the schema's types.
 */
import { flattenSchemas } from './flatten-schema.js';
import type { MockParameter } from './mock-spec.js';
import { setOwn } from './schema-node.js';

/** Where parameter values are read from in one request. */
export interface RequestParts {
  readonly path: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly cookies: Readonly<Record<string, string>>;
}

/** A parameter's value: absent, parsed, or text that is not the JSON it should be. */
export type ParameterValue =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'invalid'; readonly message: string };

type Shape = 'array' | 'object' | 'primitive';

/** The value of `parameter` in a request; `document` resolves its schema's `$ref`s. */
export function readParameter(
  parameter: MockParameter,
  parts: RequestParts,
  document: unknown,
  declared: ReadonlySet<string>,
): ParameterValue {
  const raw = rawValue(parameter, parts, shapeOf(parameter, document), declared);
  if (raw === undefined) return { kind: 'absent' };
  if (parameter.json !== true) return { kind: 'value', value: raw };
  try {
    return { kind: 'value', value: JSON.parse(String(raw)) as unknown };
  } catch {
    return { kind: 'invalid', message: 'must be JSON text' };
  }
}

function shapeOf(parameter: MockParameter, document: unknown): Shape {
  if (parameter.json === true) return 'primitive';
  const flat = flattenSchemas([{ schema: parameter.schema, pointer: undefined }], document);
  if (flat.types?.has('array') === true || flat.items.length > 0) return 'array';
  if (flat.types?.has('object') === true || flat.properties.size > 0) return 'object';
  return 'primitive';
}

function rawValue(
  parameter: MockParameter,
  parts: RequestParts,
  shape: Shape,
  declared: ReadonlySet<string>,
): unknown {
  const { name } = parameter;
  switch (parameter.in) {
    case 'path': {
      const text = Object.hasOwn(parts.path, name) ? parts.path[name] : undefined;
      return text === undefined ? undefined : fromPath(parameter, text, shape);
    }
    case 'header': {
      const text = parts.headers.get(name);
      return text === null
        ? undefined
        : fromDelimited(text.trim(), ',', shape, parameter.explode ?? false);
    }
    case 'cookie': {
      const text = Object.hasOwn(parts.cookies, name) ? parts.cookies[name] : undefined;
      return text === undefined ? undefined : fromDelimited(text, ',', shape, false);
    }
    case 'query':
      return fromQuery(parameter, parts.query, shape, declared);
  }
}

function fromPath(parameter: MockParameter, text: string, shape: Shape): unknown {
  const explode = parameter.explode ?? false;
  switch (parameter.style) {
    case 'label':
      return fromDelimited(text.replace(/^\./, ''), explode ? '.' : ',', shape, explode);
    case 'matrix': {
      // RFC 6570 §3.2.7: `;name=a,b`, or exploded `;name=a;name=b` and `;k=v;k2=v2`.
      const prefix = `;${parameter.name}=`;
      if (shape === 'object' && explode) return fromDelimited(text.slice(1), ';', shape, true);
      if (shape === 'array' && explode) return text.split(prefix).slice(1);
      const body = text.startsWith(prefix) ? text.slice(prefix.length) : text;
      return fromDelimited(body, ',', shape, false);
    }
    default:
      return fromDelimited(text, ',', shape, explode);
  }
}

/** `a,b,c` as an array, `k,v,k,v` (or `k=v,k=v` exploded) as an object, else the text. */
function fromDelimited(text: string, separator: string, shape: Shape, explode: boolean): unknown {
  if (shape === 'primitive') return text;
  const items = text === '' ? [] : text.split(separator).map((item) => item.trim());
  if (shape === 'array') return items;
  const object: Record<string, unknown> = {};
  if (explode) {
    for (const item of items) {
      const at = item.indexOf('=');
      if (at > 0) setOwn(object, item.slice(0, at), item.slice(at + 1));
    }
  } else {
    for (let index = 0; index + 1 < items.length; index += 2) {
      setOwn(object, items[index] as string, items[index + 1]);
    }
  }
  return object;
}

function fromQuery(
  parameter: MockParameter,
  query: URLSearchParams,
  shape: Shape,
  declared: ReadonlySet<string>,
): unknown {
  const { name } = parameter;
  const style = parameter.style ?? 'form';
  const explode = parameter.explode ?? style === 'form';
  if (style === 'deepObject') {
    const object: Record<string, unknown> = {};
    for (const [key, value] of query) {
      const match = /^(.*)\[([^\]]*)\]$/.exec(key);
      if (match?.[1] === name) setOwn(object, match[2] ?? '', value);
    }
    return Object.keys(object).length > 0 ? object : undefined;
  }
  if (shape === 'object' && explode) {
    // Exploded form objects spread their properties over the query: every key no other
    // parameter claims.
    const object: Record<string, unknown> = {};
    for (const [key, value] of query) if (!declared.has(key)) setOwn(object, key, value);
    return Object.keys(object).length > 0 ? object : undefined;
  }
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  if (shape === 'array' && explode) return values;
  const text = values[0] as string;
  const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
  return fromDelimited(text, separator, shape, false);
}

/** The cookies of a `Cookie` header (RFC 6265 §5.4), by name. */
export function readCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    if (!Object.hasOwn(cookies, name)) setOwn(cookies, name, pair.slice(at + 1).trim());
  }
  return cookies;
}
