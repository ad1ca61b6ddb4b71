/**
 * Sends one operation: builds the URL, headers and body from the generated descriptor and the
 * caller's input, calls `fetch` (retrying idempotent requests as `retry-policy.ts` says), and
 * turns the answer into a result for a declared success status or an ApiError for any other.
 */
import { authenticationHeadersNow } from './authentication.js';
import {
  API_VERSION_HEADER,
  createRequestIdentity,
  ORIGINATING_IDENTITY_HEADER,
  REQUEST_IDENTITY_HEADER,
} from './broker-headers.js';
import type { CallOptions, ClientConfig } from './client-config.js';
import { delay } from './delay.js';
import { ApiError, InvalidResponseError, NetworkError, TimeoutError } from './errors.js';
import { encodeBody, readBody, readErrorBody } from './media-type.js';
import type { BodyFormat, EncodedBody } from './media-type.js';
import { parseRetryAfter } from './retry-after.js';
import {
  computeBackoff,
  isIdempotentMethod,
  isRetriedStatus,
  resolveRetryPolicy,
} from './retry-policy.js';
import {
  serializeCookies,
  serializeHeaders,
  serializePath,
  serializeQuery,
} from './serialize-parameters.js';
import type { ParameterEncoding } from './serialize-parameters.js';

/** What the generator knows about one operation, written into the generated function. */
export interface OperationDescriptor {
  /** Upper case, such as `PUT`. */
  readonly method: string;
  /** The path template as the spec writes it, such as `/v2/service_instances/{instance_id}`. */
  readonly path: string;
  /** Parameters not serialised by OpenAPI's defaults. */
  readonly parameters?: readonly ParameterEncoding[] | undefined;
  /** The media type the body is sent as, when the operation has one. */
  readonly requestMediaType?: string | undefined;
  /** The `Accept` header: the media types of the success answers. */
  readonly accept?: string | undefined;
  /**
   * The success statuses (`200`) and ranges (`2XX`), with how each body is read. Empty when the
   * spec declares no success: then any 2xx is one, its body read by its Content-Type.
   */
  readonly responses: Readonly<Record<string, BodyFormat>>;
}

/** The caller's input to an operation, by where each part goes. */
export interface OperationInput {
  readonly path?: object | undefined;
  readonly query?: object | undefined;
  readonly headers?: object | undefined;
  readonly cookies?: object | undefined;
  readonly body?: unknown;
}

/** An answer with a declared success status. Generated result types narrow it per operation. */
export interface ApiResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** The OSB headers' names as `buildHeaders` keys them (in lower case). */
const API_VERSION = API_VERSION_HEADER.toLowerCase();
const ORIGINATING_IDENTITY = ORIGINATING_IDENTITY_HEADER.toLowerCase();
const REQUEST_IDENTITY = REQUEST_IDENTITY_HEADER.toLowerCase();

interface PreparedRequest {
  method: string;
  url: string;
  body: EncodedBody | undefined;
}

/**
 * Sends an operation and resolves with its result for a declared success status.
 * @throws ApiError CLIENT_API_ERROR for any other status (after retries, for 429 and 503),
 *   NetworkError CLIENT_NETWORK when no answer came, TimeoutError CLIENT_TIMEOUT when the call's
 *   timeout ran out, InvalidResponseError CLIENT_INVALID_RESPONSE for a success body that is not
 *   the JSON it should be, InvalidInputError CLIENT_INVALID_INPUT for a path parameter that cannot
 *   be sent; and the signal's reason when `options.signal` aborts.
 */
export async function sendRequest<TResult extends ApiResult = ApiResult>(
  client: ClientConfig,
  operation: OperationDescriptor,
  input: OperationInput = {},
  options: CallOptions = {},
): Promise<TResult> {
  const request = prepareRequest(client, operation, input);
  const timeout = options.timeout ?? client.timeout;
  const timer = new AbortController();
  const handle = Number.isFinite(timeout)
    ? setTimeout(() => timer.abort(new TimeoutError(request, timeout)), timeout)
    : undefined;
  const signal = options.signal ? AbortSignal.any([options.signal, timer.signal]) : timer.signal;
  try {
    return (await sendWithRetries(client, operation, input, options, request, signal)) as TResult;
  } catch (error) {
    // fetch, body reads and waits reject with the signal's reason; the timer's reason is a
    // TimeoutError, the caller's is whatever the caller aborted with.
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    clearTimeout(handle);
  }
}

function prepareRequest(
  client: ClientConfig,
  operation: OperationDescriptor,
  input: OperationInput,
): PreparedRequest {
  const parameters = operation.parameters ?? [];
  const path = serializePath(operation.path, asRecord(input.path), parameters);
  const query = serializeQuery(asRecord(input.query), parameters);
  const body =
    input.body === undefined
      ? undefined
      : encodeBody(operation.requestMediaType ?? 'application/json', input.body);
  return {
    method: operation.method,
    url: `${client.baseUrl}${path}${query === '' ? '' : `?${query}`}`,
    body,
  };
}

async function sendWithRetries(
  client: ClientConfig,
  operation: OperationDescriptor,
  input: OperationInput,
  options: CallOptions,
  request: PreparedRequest,
  signal: AbortSignal,
): Promise<ApiResult> {
  const policy =
    options.retry === undefined ? client.retry : resolveRetryPolicy(options.retry, client.retry);
  // A stream can be read once, so a request that sends one is never repeated.
  const repeatable = !(request.body?.body instanceof ReadableStream);
  const retries = isIdempotentMethod(request.method) && repeatable ? policy.retries : 0;
  const identity = client.requestIdentity ? createRequestIdentity() : undefined;
  const fetchFunction = client.fetch ?? globalThis.fetch;
  for (let attempt = 0; ; attempt += 1) {
    let authentication = authenticationHeadersNow(client.authentication, {
      method: request.method,
      url: request.url,
    });
    if (authentication instanceof Promise) authentication = await authentication;
    const headers = buildHeaders(client, operation, input, options, request, {
      authentication,
      identity,
    });
    let response: Response;
    try {
      response = await fetchFunction(request.url, {
        method: request.method,
        headers,
        body: request.body?.body ?? null,
        signal,
      });
    } catch (error) {
      if (signal.aborted) throw error;
      if (attempt < retries) {
        await delay(computeBackoff(attempt, policy), signal);
        continue;
      }
      throw new NetworkError(request, error);
    }
    const format = findSuccessFormat(operation.responses, response.status);
    if (format !== undefined) return readResult(request, response, format);
    if (attempt < retries && isRetriedStatus(response.status)) {
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const wait = retryAfter ?? computeBackoff(attempt, policy);
      if (wait <= policy.maxDelay) {
        await response.arrayBuffer();
        await delay(wait, signal);
        continue;
      }
    }
    throw new ApiError(request, response, await readErrorBody(response));
  }
}

/**
 * The request's headers, from weakest to strongest: Accept, the client's headers, the OSB
 * headers, authentication, Content-Type, the operation's header and cookie parameters, the
 * call's headers; then a request identity, unless one of those set it. A plain object with names
 * in lower case (names are case-insensitive): fetch takes one as it takes Headers, and building
 * it costs less than a Headers object, whose every `set` validates the name and value that fetch
 * validates again. What comes from the client and the operation's Accept is worked out once per
 * client (see `baseHeaders`) and copied.
 */
function buildHeaders(
  client: ClientConfig,
  operation: OperationDescriptor,
  input: OperationInput,
  options: CallOptions,
  request: PreparedRequest,
  extra: { authentication: Record<string, string>; identity: string | undefined },
): Record<string, string> {
  const headers = { ...baseHeaders(client, operation.accept) };
  setAll(headers, extra.authentication);
  if (request.body?.contentType !== undefined) {
    headers['content-type'] = request.body.contentType;
  }
  const parameters = operation.parameters ?? [];
  if (input.headers !== undefined) {
    for (const [name, value] of serializeHeaders(asRecord(input.headers), parameters)) {
      setHeader(headers, name, value);
    }
  }
  if (input.cookies !== undefined) {
    const cookie = serializeCookies(asRecord(input.cookies), parameters);
    if (cookie !== undefined) headers['cookie'] = cookie;
  }
  if (options.headers !== undefined) setAll(headers, options.headers);
  if (extra.identity !== undefined && !Object.hasOwn(headers, REQUEST_IDENTITY)) {
    headers[REQUEST_IDENTITY] = extra.identity;
  }
  return headers;
}

/** The headers every call of a client sends for one Accept value, by client. */
const clientHeaders = new WeakMap<ClientConfig, Map<string | undefined, Record<string, string>>>();

/**
 * Accept, the client's headers and the OSB headers, in that order of strength: the same for
 * every call of a client with the same Accept, so made once per client configuration (which
 * `createClient` freezes).
 */
function baseHeaders(client: ClientConfig, accept: string | undefined): Record<string, string> {
  let byAccept = clientHeaders.get(client);
  if (byAccept === undefined) {
    byAccept = new Map();
    clientHeaders.set(client, byAccept);
  }
  let headers = byAccept.get(accept);
  if (headers === undefined) {
    headers = {};
    if (accept !== undefined) headers['accept'] = accept;
    setAll(headers, client.headers);
    if (client.brokerApiVersion !== undefined) {
      headers[API_VERSION] = client.brokerApiVersion;
    }
    if (client.originatingIdentity !== undefined) {
      headers[ORIGINATING_IDENTITY] = client.originatingIdentity;
    }
    byAccept.set(accept, headers);
  }
  return headers;
}

function setAll(headers: Record<string, string>, from: Readonly<Record<string, string>>): void {
  for (const name in from) {
    if (Object.hasOwn(from, name)) setHeader(headers, name, from[name] as string);
  }
}

/**
 * Sets a header by its name in lower case. A header named `__proto__` (a spec may declare one)
 * becomes a property like any other, not the object's prototype.
 */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const key = name.toLowerCase();
  if (key === '__proto__') {
    Object.defineProperty(headers, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    headers[key] = value;
  }
}

/** How a status's body is read when it is a declared success; undefined when it is not one. */
function findSuccessFormat(
  responses: Readonly<Record<string, BodyFormat>>,
  status: number,
): BodyFormat | 'auto' | undefined {
  const exact = String(status);
  if (Object.hasOwn(responses, exact)) return responses[exact];
  const range = `${Math.floor(status / 100)}XX`;
  if (Object.hasOwn(responses, range)) return responses[range];
  if (Object.keys(responses).length > 0) return undefined;
  return status >= 200 && status < 300 ? 'auto' : undefined;
}

async function readResult(
  request: PreparedRequest,
  response: Response,
  format: BodyFormat | 'auto',
): Promise<ApiResult> {
  let body: unknown;
  try {
    body = await readBody(response, format);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new InvalidResponseError(
      `The ${request.method} request answered ${response.status} with a body that is not JSON`,
      response.status,
      error,
    );
  }
  return { status: response.status, body, headers: response.headers };
}

function asRecord(value: object | undefined): Readonly<Record<string, unknown>> {
  return (value ?? {}) as Readonly<Record<string, unknown>>;
}
