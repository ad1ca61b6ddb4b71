/**
 * What a generated client throws. Every error is a `ClientError` with a `code`, so a caller can
 * tell a refused request (`ApiError`) from one that never got an answer (`NetworkError`,
 * `TimeoutError`). A caller's own abort is not wrapped: the call rejects with the signal's reason,
 * as `fetch` does.
 */

/** Codes of the client's errors. Never reused. */
export type ClientErrorCode =
  | 'CLIENT_API_ERROR'
  | 'CLIENT_NETWORK'
  | 'CLIENT_TIMEOUT'
  | 'CLIENT_INVALID_RESPONSE'
  | 'CLIENT_INVALID_INPUT'
  | 'CLIENT_OPERATION_FAILED'
  | 'CLIENT_POLLING_TIMEOUT';

/** The base of every error the client throws; `code` says which one it is. */
export class ClientError extends Error {
  override readonly name: string = 'ClientError';
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Marks ApiErrors across copies of this module: an application may hold two generated clients,
 * each with its own copy of the runtime, and `instanceof` only knows one of them.
 */
const API_ERROR_BRAND = Symbol.for('brokergen.client.api-error');

/** The fields of an OSB error body ("Service Broker Errors"), when the body has them. */
export interface OsbErrorFields {
  error: string | undefined;
  description: string | undefined;
  instance_usable: boolean | undefined;
  update_repeatable: boolean | undefined;
}

/**
 * An answer with a status the operation does not declare a success. `body` is the parsed body
 * (JSON, else text, else undefined); the OSB error fields are read from it when present.
 * `response` is the raw response, its body already read.
 */
export class ApiError<TBody = unknown> extends ClientError implements OsbErrorFields {
  override readonly name = 'ApiError';
  readonly [API_ERROR_BRAND] = true;
  readonly status: number;
  readonly body: TBody;
  readonly response: Response;
  readonly method: string;
  readonly url: string;
  readonly error: string | undefined;
  readonly description: string | undefined;
  readonly instance_usable: boolean | undefined;
  readonly update_repeatable: boolean | undefined;

  constructor(request: { method: string; url: string }, response: Response, body: TBody) {
    const fields = readOsbErrorFields(body);
    const reason = fields.description ?? fields.error ?? response.statusText;
    super(
      'CLIENT_API_ERROR',
      `${request.method} ${pathOf(request.url)} answered ${response.status}${reason ? `: ${reason}` : ''}`,
    );
    this.status = response.status;
    this.body = body;
    this.response = response;
    this.method = request.method;
    this.url = request.url;
    this.error = fields.error;
    this.description = fields.description;
    this.instance_usable = fields.instance_usable;
    this.update_repeatable = fields.update_repeatable;
  }
}

/**
 * Whether `value` is an ApiError (from any copy of this runtime), optionally with one of the
 * given statuses. The type parameter names the body type the caller expects, such as an
 * operation's generated `...Error` type. Throws nothing.
 */
export function isApiError<TError extends ApiError = ApiError>(
  value: unknown,
  ...statuses: number[]
): value is TError {
  if (typeof value !== 'object' || value === null || !(API_ERROR_BRAND in value)) return false;
  return statuses.length === 0 || statuses.includes((value as ApiError).status);
}

/** The request never got an answer: DNS, connection refused or reset, after any retries. */
export class NetworkError extends ClientError {
  override readonly name = 'NetworkError';

  constructor(request: { method: string; url: string }, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('CLIENT_NETWORK', `${request.method} ${pathOf(request.url)} failed: ${reason}`, {
      cause,
    });
  }
}

/** The call (every attempt and the waits between them) took longer than its timeout. */
export class TimeoutError extends ClientError {
  override readonly name = 'TimeoutError';
  /** The timeout that expired, in milliseconds. */
  readonly timeout: number;

  constructor(request: { method: string; url: string }, timeout: number) {
    super(
      'CLIENT_TIMEOUT',
      `${request.method} ${pathOf(request.url)} timed out after ${timeout} ms`,
    );
    this.timeout = timeout;
  }
}

/**
 * A success status whose body is not what the spec declares: JSON that does not parse, or a
 * `last_operation` state OSB does not define.
 */
export class InvalidResponseError extends ClientError {
  override readonly name = 'InvalidResponseError';
  readonly status: number;

  constructor(message: string, status: number, cause?: unknown) {
    super('CLIENT_INVALID_RESPONSE', message, { cause });
    this.status = status;
  }
}

/** The input cannot be sent as it is, such as an empty path parameter. */
export class InvalidInputError extends ClientError {
  override readonly name = 'InvalidInputError';

  constructor(message: string) {
    super('CLIENT_INVALID_INPUT', message);
  }
}

/** The body of a `last_operation` answer ("Polling Last Operation"). */
export interface LastOperationBody {
  state: string;
  description?: string | undefined;
  instance_usable?: boolean | undefined;
  update_repeatable?: boolean | undefined;
}

/**
 * An asynchronous operation ended with state `failed`. `description` is the broker's message;
 * `instance_usable` and `update_repeatable` say, after a failed update or deprovision, whether
 * the instance still works and whether the same update may be tried again.
 */
export class LastOperationFailedError extends ClientError {
  override readonly name = 'LastOperationFailedError';
  readonly lastOperation: LastOperationBody;
  readonly description: string | undefined;
  readonly instance_usable: boolean | undefined;
  readonly update_repeatable: boolean | undefined;

  constructor(lastOperation: LastOperationBody) {
    super(
      'CLIENT_OPERATION_FAILED',
      `The operation failed${lastOperation.description ? `: ${lastOperation.description}` : ''}`,
    );
    this.lastOperation = lastOperation;
    this.description = lastOperation.description;
    this.instance_usable = lastOperation.instance_usable;
    this.update_repeatable = lastOperation.update_repeatable;
  }
}

/** The operation was still in progress when the polling helper's `maxDuration` ran out. */
export class PollingTimeoutError extends ClientError {
  override readonly name = 'PollingTimeoutError';
  /** The maximum duration that ran out, in milliseconds. */
  readonly maxDuration: number;
  /** The last answer seen, `in progress`. */
  readonly lastOperation: LastOperationBody;

  constructor(maxDuration: number, lastOperation: LastOperationBody) {
    super(
      'CLIENT_POLLING_TIMEOUT',
      `The operation was still ${JSON.stringify(lastOperation.state)} after ${maxDuration} ms of polling`,
    );
    this.maxDuration = maxDuration;
    this.lastOperation = lastOperation;
  }
}

/** Reads the OSB error fields of a body, leaving out any that are absent or mistyped. */
export function readOsbErrorFields(body: unknown): OsbErrorFields {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const flag = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
  return {
    error: text(record['error']),
    description: text(record['description']),
    instance_usable: flag(record['instance_usable']),
    update_repeatable: flag(record['update_repeatable']),
  };
}

/** The path of a URL, for messages: the query may hold values that do not belong in logs. */
function pathOf(url: string): string {
  const withoutQuery = url.split('?')[0] ?? url;
  try {
    return new URL(withoutQuery).pathname;
  } catch {
    return withoutQuery;
  }
}
