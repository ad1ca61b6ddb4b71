/**
 * JSON pointers in URI-fragment form (RFC 6901 §6), as the mock document writes every `$ref`:
 * one spelling per location (`~0`, `~1`, then percent-encoding), so the runtime's resolver and
 * Ajv find the same schema.
 */

/** The tokens of an internal pointer (`#/a/b`), decoded; undefined for anything else. */
export { parsePointer } from '../../model/index.js';

/** The pointer of `tokens`, each escaped and percent-encoded. */
export function formatPointer(tokens: readonly string[]): string {
  return [
    '#',
    ...tokens.map((token) => encodeURIComponent(token.replaceAll('~', '~0').replaceAll('/', '~1'))),
  ].join('/');
}

/** The value at `tokens` in `document`, own properties only. */
export function valueAt(document: unknown, tokens: readonly string[]): unknown {
  let value = document;
  for (const token of tokens) {
    if (Array.isArray(value))
      value = /^(0|[1-9][0-9]*)$/.test(token) ? value[Number(token)] : undefined;
    else if (isPlainObject(value)) value = Object.hasOwn(value, token) ? value[token] : undefined;
    else return undefined;
  }
  return value;
}

/** Whether `value` is an object that is not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets an own data property, even one named `__proto__`. */
export function defineValue(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
