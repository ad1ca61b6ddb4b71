/**
 * Schemas as the mocks read them: JSON Schema 2020-12 (brokergen converts OpenAPI 3.0 schemas
 * when it generates the mocks), plus OpenAPI's `discriminator`, `readOnly` and `writeOnly`.
 * Every `$ref` is a JSON pointer in URI-fragment form (RFC 6901 §6) into the mock document.
 */

/** A schema object, or a boolean schema (`true` accepts anything, `false` nothing). */
export type JsonSchema = boolean | { readonly [keyword: string]: unknown };

/** A schema object (never a boolean). */
export type SchemaObject = { readonly [keyword: string]: unknown };

/**
 * A schema and the pointer at which the mock document holds it, so a validator can look it up;
 * undefined for schemas made up while generating (the merge of an `allOf`).
 */
export interface SchemaNode {
  readonly schema: JsonSchema;
  readonly pointer: string | undefined;
}

/** Whether `value` is a plain object (not an array, not null). */
export function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A property's own value, never one inherited through the prototype (`__proto__`, `toString`). */
export function ownValue(object: { readonly [key: string]: unknown }, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets a property as an own data property, even one named `__proto__`. */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The pointer of a child of `pointer`, each token escaped (`~0`, `~1`, then percent-encoding). */
export function childPointer(
  pointer: string | undefined,
  ...tokens: ReadonlyArray<string | number>
): string | undefined {
  if (pointer === undefined) return undefined;
  return tokens.reduce<string>((path, token) => `${path}/${encodeToken(String(token))}`, pointer);
}

function encodeToken(token: string): string {
  return encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1'));
}

function decodeToken(token: string): string {
  let decoded = token;
  try {
    decoded = decodeURIComponent(token);
  } catch {
    // A bare `%` that is not an escape: take the token as written.
  }
  return decoded.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** The value at a URI-fragment pointer (`#/components/schemas/Pet`) in `document`, if any. */
export function resolvePointer(document: unknown, pointer: string): unknown {
  if (pointer === '#') return document;
  if (!pointer.startsWith('#/')) return undefined;
  let value: unknown = document;
  for (const token of pointer.slice(2).split('/').map(decodeToken)) {
    if (Array.isArray(value))
      value = /^(0|[1-9][0-9]*)$/.test(token) ? value[Number(token)] : undefined;
    else if (isObject(value)) value = ownValue(value, token);
    else return undefined;
  }
  return value;
}

/** The last token of a pointer, decoded: a component schema's name. */
export function lastToken(pointer: string): string {
  return decodeToken(pointer.slice(pointer.lastIndexOf('/') + 1));
}
