/**
 * OSB errors: what a broker answers when a request fails ("Service Broker Errors" in the Open
 * Service Broker API specification). Handlers throw an `OsbError`; the protocol layer's error
 * handler turns it into its status, headers and body.
 */

/** The error body the specification defines ("Service Broker Errors"). */
export interface OsbErrorBody {
  error?: string;
  description?: string;
  instance_usable?: boolean;
  update_repeatable?: boolean;
}

/** Response headers an error carries, such as `WWW-Authenticate` on a 401. */
export type OsbErrorHeaders = Readonly<Record<string, string | readonly string[]>>;

/** What an `OsbError` says besides its status. */
export interface OsbErrorDetails {
  /** One CamelCase word naming the failure, e.g. `ConcurrencyError` ("Error Codes"). */
  error?: string | undefined;
  /** A user-facing message saying why the request failed. */
  description?: string | undefined;
  /** Only for a failed update or deprovision: whether the instance is still usable. */
  instance_usable?: boolean | undefined;
  /** Only for a failed update: whether repeating the same update may succeed. */
  update_repeatable?: boolean | undefined;
  headers?: OsbErrorHeaders | undefined;
}

/** The details the code-specific factories accept: everything but the code itself. */
export type OsbErrorOverrides = Omit<OsbErrorDetails, 'error'>;

/** Codes of `OsbUsageError`: a broker author used the runtime wrongly. Never reused. */
export type OsbUsageErrorCode =
  'OSB_RUNTIME_INVALID_ERROR' | 'OSB_RUNTIME_INVALID_OPTIONS' | 'OSB_RUNTIME_DUPLICATE_HANDLER';

/**
 * A mistake in how the runtime is used (bad options, an invalid error code, two handlers for
 * one operation): a bug in the broker, not in the request, so it is never answered as a 4xx.
 */
export class OsbUsageError extends Error {
  override readonly name = 'OsbUsageError';
  readonly code: OsbUsageErrorCode;

  constructor(code: OsbUsageErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

// "A single word in camel case": letters and digits, starting with a letter.
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * A failed OSB request with the status and body to answer it with; throws OsbUsageError
 * OSB_RUNTIME_INVALID_ERROR for a status outside 400-599, a code that is not one CamelCase
 * word, or an empty description (the spec requires both to be non-empty when present).
 */
/**
 * Marks OsbErrors across copies of this module: a project may load the runtime twice (the copy
 * generated into `server/runtime/` and one a library brings), and `instanceof` only knows one.
 */
const OSB_ERROR_BRAND = Symbol.for('brokergen.osb-error');

export class OsbError extends Error {
  override readonly name = 'OsbError';
  readonly [OSB_ERROR_BRAND] = true;
  readonly status: number;
  readonly error: string | undefined;
  readonly description: string | undefined;
  readonly instance_usable: boolean | undefined;
  readonly update_repeatable: boolean | undefined;
  readonly headers: OsbErrorHeaders;

  constructor(status: number, details: OsbErrorDetails = {}) {
    super(details.description ?? details.error ?? `OSB error ${status}`);
    if (!Number.isInteger(status) || status < 400 || status > 599) {
      throw new OsbUsageError(
        'OSB_RUNTIME_INVALID_ERROR',
        `OSB error status ${status} is not 4xx or 5xx`,
      );
    }
    if (details.error !== undefined && !ERROR_CODE.test(details.error)) {
      throw new OsbUsageError(
        'OSB_RUNTIME_INVALID_ERROR',
        `OSB error code '${details.error}' is not one CamelCase word`,
      );
    }
    if (details.description === '') {
      throw new OsbUsageError('OSB_RUNTIME_INVALID_ERROR', 'OSB error description is empty');
    }
    this.status = status;
    this.error = details.error;
    this.description = details.description;
    this.instance_usable = details.instance_usable;
    this.update_repeatable = details.update_repeatable;
    this.headers = details.headers ?? {};
  }

  /** Fastify's name for the status, so its own fallback handler answers correctly too. */
  get statusCode(): number {
    return this.status;
  }
}

/** Whether `value` is an OsbError; throws nothing. */
export function isOsbError(value: unknown): value is OsbError {
  return (
    value instanceof OsbError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[OSB_ERROR_BRAND] === true)
  );
}

/** The JSON body for an OsbError, holding only the fields it sets; throws nothing. */
export function toOsbErrorBody(error: OsbError): OsbErrorBody {
  const body: OsbErrorBody = {};
  if (error.error !== undefined) body.error = error.error;
  if (error.description !== undefined) body.description = error.description;
  if (error.instance_usable !== undefined) body.instance_usable = error.instance_usable;
  if (error.update_repeatable !== undefined) body.update_repeatable = error.update_repeatable;
  return body;
}

/**
 * 422 AsyncRequired: the operation can only complete asynchronously but the request lacks
 * `accepts_incomplete=true` ("Error Codes"); throws nothing.
 */
export function asyncRequired(details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(422, {
    description:
      'This service plan requires client support for asynchronous service operations; retry with accepts_incomplete=true.',
    ...details,
    error: 'AsyncRequired',
  });
}

/**
 * 422 ConcurrencyError: another operation on the same resource is still running ("Error
 * Codes"); throws nothing.
 */
export function concurrencyError(details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(422, {
    description:
      'Another operation for this resource is in progress; retry after it has completed.',
    ...details,
    error: 'ConcurrencyError',
  });
}

/** 422 RequiresApp: a binding request lacks `app_guid` ("Error Codes"); throws nothing. */
export function requiresApp(details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(422, {
    description: 'This service supports binding to an application only; include app_guid.',
    ...details,
    error: 'RequiresApp',
  });
}

/**
 * 422 MaintenanceInfoConflict: `maintenance_info.version` differs from the catalog's ("Error
 * Codes"); throws nothing.
 */
export function maintenanceInfoConflict(details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(422, {
    description:
      'maintenance_info.version does not match the service broker catalog; fetch the latest catalog and retry.',
    ...details,
    error: 'MaintenanceInfoConflict',
  });
}

/** 400 Bad Request with a description of what is wrong; throws OsbUsageError when it is empty. */
export function badRequest(description: string, details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(400, { ...details, description });
}

/** 404 Not Found, for a resource that does not exist (yet); throws nothing. */
export function notFound(details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(404, details);
}

/** 409 Conflict, for an ID that exists with different attributes; throws nothing. */
export function conflict(details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(409, details);
}

/** 410 Gone, for a delete of a resource that does not exist; throws nothing. */
export function gone(details: OsbErrorOverrides = {}): OsbError {
  return new OsbError(410, details);
}

/**
 * Always throws a 501 OsbError telling the broker author which handler method to fill in;
 * generated handler stubs call it until the author implements the operation.
 */
export function notImplemented(operationId: string): never {
  throw new OsbError(501, {
    description: `The operation ${operationId} is not implemented yet: implement the ${operationId}() method of the broker's handlers.`,
  });
}
