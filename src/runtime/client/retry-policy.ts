/**
 * When a request is tried again, and how long to wait first.
 *
 * Only idempotent methods are retried (RFC 9110 §9.2.2: GET, HEAD, OPTIONS, TRACE, PUT,
 * DELETE): repeating them leaves the server as one success would. That includes OSB's PUT
 * (provision, bind) and DELETE (deprovision, unbind), which the OSB specification makes
 * idempotent: an identical repeated PUT answers 200 (or 202 while the first is running), a
 * repeated DELETE 410. POST and PATCH (OSB update) are never retried, whatever happened.
 *
 * What is retried: a request that got no answer (connection refused or reset), 429 Too Many
 * Requests and 503 Service Unavailable, the two statuses that say "not processed, try later".
 */

/** How a client retries; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2, so at most 3 attempts). */
  retries?: number | undefined;
  /** Base of the exponential backoff, in milliseconds (default 100). */
  baseDelay?: number | undefined;
  /**
   * Longest wait before a retry, in milliseconds (default 30 000). A `Retry-After` asking for
   * more ends the retries: the call fails with the answer instead of waiting that long.
   */
  maxDelay?: number | undefined;
}

/** RetryOptions with every default filled in. */
export interface RetryPolicy {
  retries: number;
  baseDelay: number;
  maxDelay: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 2, baseDelay: 100, maxDelay: 30_000 };

/** The policy that never retries (`retry: false`). */
export const NO_RETRY_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, retries: 0 };

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'PUT',
  'DELETE',
]);

/** Statuses that mean the request was not processed and may be sent again later. */
const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** Whether repeating a request with this method is safe (RFC 9110 §9.2.2). Throws nothing. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/** Whether an answer with this status may be retried (429, 503). Throws nothing. */
export function isRetriedStatus(status: number): boolean {
  return RETRIED_STATUSES.has(status);
}

/** Fills in the defaults of `options` over `base`; `false` turns retries off. Throws nothing. */
export function resolveRetryPolicy(
  options: RetryOptions | false | undefined,
  base: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryPolicy {
  if (options === false) return NO_RETRY_POLICY;
  return {
    retries: options?.retries ?? base.retries,
    baseDelay: options?.baseDelay ?? base.baseDelay,
    maxDelay: options?.maxDelay ?? base.maxDelay,
  };
}

/**
 * The wait before retry number `retry` (0 for the first retry): "full jitter", a random time
 * between 0 and `baseDelay * 2^retry` capped at `maxDelay`, which spreads the retries of many
 * clients instead of synchronising them. Throws nothing.
 */
export function computeBackoff(retry: number, policy: RetryPolicy, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** retry);
  return Math.floor(random() * ceiling);
}
