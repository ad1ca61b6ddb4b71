import type { ClientConfig } from './client-config.js';

/** An operation function with its client already given. */
export type BoundOperation<F> = F extends (client: ClientConfig, ...rest: infer A) => infer R
  ? (...rest: A) => R
  : never;

/** An object of operation functions, each with its client already given. */
export type BoundOperations<T> = { [K in keyof T]: BoundOperation<T[K]> };

/**
 * Binds operation functions to one client, for callers who prefer `api.getCatalog()` to
 * `getCatalog(client)`. The functions stay the primary API: a bound object holds every
 * function it is given, so a bundler keeps them all. Throws nothing.
 */
export function bindOperations<
  T extends Record<string, (client: ClientConfig, ...rest: never[]) => unknown>,
>(client: ClientConfig, operations: T): BoundOperations<T> {
  const bound: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    Object.defineProperty(bound, name, {
      value: (...rest: never[]) => operation(client, ...rest),
      enumerable: true,
    });
  }
  return bound as BoundOperations<T>;
}
