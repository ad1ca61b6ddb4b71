/**
 * Narrow, checked reads of the raw document, so no unchecked spec value reaches the model.
 *
 * Fields are read only when they are the object's own: a schema named `constructor` must not
 * find `Object.prototype.constructor`.
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { createModelError } from './build-context.js';

/** A JSON object of the spec, read only through the functions below. */
export type SpecObject = Readonly<Record<string, unknown>>;

/** Whether a value is a JSON object (not null, not an array). */
export function isSpecObject(value: unknown): value is SpecObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's own field `key`, or undefined. */
export function getField(object: SpecObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function invalidField(ctx: BuildContext, pointer: string, key: string, expected: string) {
  return createModelError(
    ctx,
    'BG_SPEC_INVALID',
    appendPointer(pointer, key),
    `${key} must be ${expected}`,
    'Fix the field as the OpenAPI specification describes it.',
  );
}

/**
 * The object field `key` of the object at `pointer`, or undefined when absent.
 * @throws ModelError BG_SPEC_INVALID when present but not an object.
 */
export function readObject(
  ctx: BuildContext,
  object: SpecObject,
  key: string,
  pointer: string,
): SpecObject | undefined {
  const value = getField(object, key);
  if (value === undefined || isSpecObject(value)) return value;
  throw invalidField(ctx, pointer, key, 'an object');
}

/**
 * The array field `key`, or undefined when absent.
 * @throws ModelError BG_SPEC_INVALID when present but not an array.
 */
export function readArray(
  ctx: BuildContext,
  object: SpecObject,
  key: string,
  pointer: string,
): readonly unknown[] | undefined {
  const value = getField(object, key);
  if (value === undefined || Array.isArray(value)) return value as readonly unknown[] | undefined;
  throw invalidField(ctx, pointer, key, 'an array');
}

/**
 * The string field `key`, or undefined when absent.
 * @throws ModelError BG_SPEC_INVALID when present but not a string.
 */
export function readString(
  ctx: BuildContext,
  object: SpecObject,
  key: string,
  pointer: string,
): string | undefined {
  const value = getField(object, key);
  if (value === undefined || typeof value === 'string') return value;
  throw invalidField(ctx, pointer, key, 'a string');
}

/**
 * The string field `key`.
 * @throws ModelError BG_SPEC_INVALID when absent or not a string.
 */
export function readRequiredString(
  ctx: BuildContext,
  object: SpecObject,
  key: string,
  pointer: string,
): string {
  const value = readString(ctx, object, key, pointer);
  if (value !== undefined) return value;
  throw createModelError(
    ctx,
    'BG_SPEC_INVALID',
    pointer,
    `${key} is required here`,
    `Add the \`${key}\` field.`,
  );
}

/**
 * The boolean field `key`, or undefined when absent.
 * @throws ModelError BG_SPEC_INVALID when present but not a boolean.
 */
export function readBoolean(
  ctx: BuildContext,
  object: SpecObject,
  key: string,
  pointer: string,
): boolean | undefined {
  const value = getField(object, key);
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalidField(ctx, pointer, key, 'true or false');
}

/**
 * The field `key` as a list of strings, or undefined when absent.
 * @throws ModelError BG_SPEC_INVALID when present but not an array of strings.
 */
export function readStringArray(
  ctx: BuildContext,
  object: SpecObject,
  key: string,
  pointer: string,
): readonly string[] | undefined {
  const value = readArray(ctx, object, key, pointer);
  if (value === undefined || value.every((item) => typeof item === 'string')) {
    return value as readonly string[] | undefined;
  }
  throw invalidField(ctx, pointer, key, 'a list of strings');
}

/** The object's `x-*` fields, as written. */
export function readExtensions(object: SpecObject): Readonly<Record<string, unknown>> {
  const extensions: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    if (key.startsWith('x-')) extensions[key] = object[key];
  }
  return extensions;
}

/**
 * The entries of a map of spec objects (`components.parameters`, `responses`), in order. With
 * `skipExtensions`, `x-*` keys are left out, for the maps that allow them (Paths, Responses).
 * @throws ModelError BG_SPEC_INVALID when an entry is not an object.
 */
export function readObjectEntries(
  ctx: BuildContext,
  object: SpecObject,
  pointer: string,
  options: { skipExtensions?: boolean } = {},
): Array<[string, SpecObject]> {
  const entries: Array<[string, SpecObject]> = [];
  for (const [key, value] of Object.entries(object)) {
    if (options.skipExtensions === true && key.startsWith('x-')) continue;
    if (!isSpecObject(value)) throw invalidField(ctx, pointer, key, 'an object');
    entries.push([key, value]);
  }
  return entries;
}
