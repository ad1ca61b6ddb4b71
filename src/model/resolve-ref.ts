/**
 * `$ref` resolution inside the bundled document (OAS 3.0.3 §4.7.23 Reference Object).
 *
 * The loader has bundled every external reference, so only `#/...` pointers are valid here.
 * Every chain of references is followed with the pointers seen so far, so a cycle is reported
 * instead of looping; schemas are not resolved through here at all but kept as references.
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { createModelError } from './build-context.js';
import { getField, isSpecObject } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

/** A spec object after following any `$ref`s, and the pointer where it is defined. */
export interface ResolvedObject {
  readonly object: SpecObject;
  readonly pointer: string;
}

/**
 * Splits a URI-fragment JSON pointer (`#/paths/~1v2~1catalog`) into its decoded reference
 * tokens, or returns undefined when it is not an internal pointer (RFC 6901 §3 and §6).
 */
export function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '#') return [];
  if (!pointer.startsWith('#/')) return undefined;
  return pointer
    .slice(2)
    .split('/')
    .map((token) => decodeToken(token).replaceAll('~1', '/').replaceAll('~0', '~'));
}

function decodeToken(token: string): string {
  if (!token.includes('%')) return token;
  try {
    return decodeURIComponent(token);
  } catch {
    // A bare `%` that is not an escape: the writer did not percent-encode the key.
    return token;
  }
}

/** The value at an internal pointer, or undefined when nothing is there. */
export function getByPointer(document: SpecObject, pointer: string): unknown {
  const tokens = parsePointer(pointer);
  return tokens === undefined ? undefined : getByTokens(document, tokens);
}

function getByTokens(document: SpecObject, tokens: readonly string[]): unknown {
  let value: unknown = document;
  for (const token of tokens) {
    if (Array.isArray(value)) {
      value = /^(0|[1-9][0-9]*)$/.test(token) ? value[Number(token)] : undefined;
    } else if (isSpecObject(value)) {
      value = getField(value, token);
    } else {
      return undefined;
    }
  }
  return value;
}

/** The `$ref` of a Reference Object, or undefined when `value` is not one. */
export function getRef(value: unknown): string | undefined {
  if (!isSpecObject(value)) return undefined;
  const ref = getField(value, '$ref');
  return typeof ref === 'string' ? ref : undefined;
}

/**
 * What a `$ref` points at: the value, its pointer as appendPointer writes it (tokens decoded,
 * only `~0` and `~1` escapes), and the pointer's tokens.
 */
export interface RefTarget {
  readonly value: unknown;
  readonly pointer: string;
  readonly tokens: readonly string[];
}

/**
 * The target of `ref`, which the Reference Object at `pointer` holds. Targets are cached for
 * the run: the GitHub description has about 10,000 references to under 2,000 components.
 * @throws ModelError BG_SPEC_REF when `ref` is external or points at nothing.
 */
export function resolvePointer(ctx: BuildContext, ref: string, pointer: string): RefTarget {
  const cached = ctx.refTargets.get(ref);
  if (cached !== undefined) return cached;
  const tokens = parsePointer(ref);
  if (tokens === undefined) {
    throw createModelError(
      ctx,
      'BG_SPEC_REF',
      appendPointer(pointer, '$ref'),
      `${ref} is an external reference, which the loader should have bundled`,
      'Load the spec with loadSpec, which bundles external references into the document.',
    );
  }
  const value = getByTokens(ctx.spec.document, tokens);
  if (value === undefined) {
    throw createModelError(
      ctx,
      'BG_SPEC_REF',
      appendPointer(pointer, '$ref'),
      `${ref} points at nothing in the document`,
      'Point the $ref at an existing component, or add the component.',
    );
  }
  const target = { value, pointer: appendPointer('#', ...tokens), tokens };
  ctx.refTargets.set(ref, target);
  return target;
}

/**
 * Follows `$ref`s from `value` (found at `pointer`) to the object they end at. Siblings of a
 * `$ref` are ignored, as OAS 3.0 requires and as 3.1 allows outside schemas.
 * @throws ModelError BG_SPEC_REF for a missing target or a cycle of references,
 *   BG_SPEC_INVALID when the value found is not an object.
 */
export function resolveObject(ctx: BuildContext, value: unknown, pointer: string): ResolvedObject {
  let current = value;
  let currentPointer = pointer;
  const seen = new Set<string>();
  for (let ref = getRef(current); ref !== undefined; ref = getRef(current)) {
    if (seen.has(ref)) {
      throw createModelError(
        ctx,
        'BG_SPEC_REF',
        appendPointer(currentPointer, '$ref'),
        `${ref} is part of a cycle of references that never reaches an object`,
        `Replace one $ref in the cycle through ${[...seen].join(', ')} with the object itself.`,
      );
    }
    seen.add(ref);
    const target = resolvePointer(ctx, ref, currentPointer);
    current = target.value;
    currentPointer = target.pointer;
  }
  if (!isSpecObject(current)) {
    throw createModelError(
      ctx,
      'BG_SPEC_INVALID',
      currentPointer,
      'An object is expected here',
      'Fix the value as the OpenAPI specification describes it.',
    );
  }
  return { object: current, pointer: currentPointer };
}
