/**
 * A client's configuration: what `createClient` returns and every operation function takes as
 * its first argument. It is a plain frozen object, so one configuration serves any number of
 * concurrent calls, and functions that are never imported are never bundled.
 */
import type { ClientAuthentication } from './authentication.js';
import { InvalidInputError } from './errors.js';
import { resolveRetryPolicy } from './retry-policy.js';
import type { RetryOptions, RetryPolicy } from './retry-policy.js';

/** The `fetch` the client calls: the global one, or one the caller supplies (a test double, a proxy agent). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** What a client is created with. */
export interface ClientOptions {
  /** Where the API is, such as `https://broker.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** Basic, Bearer, or a function returning headers for each request. */
  authentication?: ClientAuthentication | undefined;
  /** Headers sent with every request; operation headers and per-call headers override them. */
  headers?: Readonly<Record<string, string>> | undefined;
  /**
   * OSB clients: the `X-Broker-API-Version` sent with every request (default: the newest version
   * the spec describes; IBM Cloud sends `2.12`). Set it to `false` to send none.
   */
  brokerApiVersion?: string | false | undefined;
  /** OSB clients: `X-Broker-API-Originating-Identity` for every request (see `originatingIdentity`). */
  originatingIdentity?: string | undefined;
  /**
   * Send an `X-Broker-API-Request-Identity` with every request, a new UUID per call unless the
   * call gives one (default: true for OSB clients). Retries of a call keep its identity.
   */
  requestIdentity?: boolean | undefined;
  /** Milliseconds a call may take, retries and their waits included (default 60 000; `Infinity` for none). */
  timeout?: number | undefined;
  /** Retries of idempotent requests after network errors, 429 and 503; `false` for none. */
  retry?: RetryOptions | false | undefined;
  /** The `fetch` to call (default: the global `fetch`, looked up at each call). */
  fetch?: FetchFunction | undefined;
}

/** What the generated `createClient` knows from the spec. */
export interface SpecDefaults {
  /** The newest OSB version the spec describes; undefined for an API that is not a broker. */
  brokerApiVersion?: string | undefined;
}

/** A client's resolved configuration, the first argument of every operation function. */
export interface ClientConfig {
  readonly baseUrl: string;
  readonly authentication: ClientAuthentication | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly brokerApiVersion: string | undefined;
  readonly originatingIdentity: string | undefined;
  readonly requestIdentity: boolean;
  readonly timeout: number;
  readonly retry: RetryPolicy;
  readonly fetch: FetchFunction | undefined;
}

/** Per-call options, the last argument of every operation function. */
export interface CallOptions {
  /** Aborts the call, its retries and their waits; the call rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's timeout for this call, in milliseconds. */
  timeout?: number | undefined;
  /** Overrides the client's retries for this call; `false` for none. */
  retry?: RetryOptions | false | undefined;
  /** Headers for this call only; they override every other header. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/** The default timeout of a call: the 60 seconds Cloud Foundry gives a broker to answer. */
export const DEFAULT_TIMEOUT = 60_000;

/**
 * Resolves a client's options over the spec's defaults.
 * @throws InvalidInputError CLIENT_INVALID_INPUT when `baseUrl` is empty or `timeout` is not a
 *   positive number.
 */
export function createClientConfig(
  options: ClientOptions,
  defaults: SpecDefaults = {},
): ClientConfig {
  if (typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new InvalidInputError('createClient needs a baseUrl, such as https://broker.example.com');
  }
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  if (!(timeout > 0)) {
    throw new InvalidInputError(
      `timeout must be a positive number of milliseconds, not ${timeout}`,
    );
  }
  const brokerApiVersion =
    options.brokerApiVersion === false
      ? undefined
      : (options.brokerApiVersion ?? defaults.brokerApiVersion);
  return Object.freeze({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    authentication: options.authentication,
    headers: { ...options.headers },
    brokerApiVersion,
    originatingIdentity: options.originatingIdentity,
    requestIdentity: options.requestIdentity ?? defaults.brokerApiVersion !== undefined,
    timeout,
    retry: resolveRetryPolicy(options.retry),
    fetch: options.fetch,
  });
}
