/**
 * How the broker runtime answers failures.
 *
 * Refusals (`OsbError`, thrown by the runtime or by the broker author) are turned into the
 * handler's reply right here instead of being thrown to the route's error handler. The reason
 * is module identity: a generated project holds its own copy of `errors.ts`, and an `OsbError`
 * made by another copy fails the error handler's `instanceof` check and would lose its `error`
 * code. `asOsbError` therefore also recognises an `OsbError` by its shape.
 *
 * Bugs (a service method returning something the specification forbids, an unexpected
 * exception) are thrown on: the route's error handler logs them and answers a bare 500.
 */
import { isOsbError, toOsbErrorBody } from '../errors.js';
import type { OsbError, OsbErrorBody, OsbErrorHeaders } from '../errors.js';

/** Codes of BrokerOutcomeError. Never reused. */
export type BrokerOutcomeErrorCode = 'OSB_RUNTIME_INVALID_OUTCOME';

/**
 * A service method returned an outcome the OSB specification forbids (credentials on a 202, a
 * `syslog_drain_url` the catalog does not allow, an `operation` over 10,000 characters): a
 * bug in the broker, answered with a 500 and logged with the rule it breaks.
 */
export class BrokerOutcomeError extends Error {
  override readonly name = 'BrokerOutcomeError';
  readonly code: BrokerOutcomeErrorCode = 'OSB_RUNTIME_INVALID_OUTCOME';

  constructor(message: string) {
    super(message);
  }
}

/** A reply in the OSB error shape. */
export interface ErrorReplyOf {
  status: number;
  body: OsbErrorBody;
  headers: Record<string, string | readonly string[]>;
}

/**
 * The error as an OsbError when it is one, from this module or another copy of the runtime
 * (recognised by name, status and fields); undefined otherwise. Throws nothing.
 */
export function asOsbError(error: unknown): OsbError | undefined {
  if (isOsbError(error)) return error;
  if (!(error instanceof Error) || error.name !== 'OsbError') return undefined;
  const candidate = error as Partial<OsbError>;
  const status = candidate.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
    return undefined;
  }
  return error as OsbError;
}

/** The reply answering an OsbError: its status, headers and OSB error body. Throws nothing. */
export function toErrorReply(error: OsbError): ErrorReplyOf {
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(error.headers as OsbErrorHeaders)) {
    headers[name] = value;
  }
  return { status: error.status, body: toOsbErrorBody(error), headers };
}
