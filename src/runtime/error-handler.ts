/**
 * Every failure leaves the broker in the OSB error shape ("Service Broker Errors"): thrown
 * OsbErrors, Fastify's own request errors (schema validation, body parsing, bad URLs) and
 * anything unexpected, which is logged and answered as a bare 500 so that no message, stack or
 * secret reaches the platform.
 */
import type {
  FastifyError,
  FastifyReply,
  FastifyRequest,
  FastifySchemaValidationError,
} from 'fastify';
import { isOsbError, toOsbErrorBody } from './errors.js';
import type { OsbErrorBody, OsbErrorHeaders } from './errors.js';
import { echoRequestIdentity } from './request-identity.js';

/** What to answer for an error. */
export interface OsbErrorResponse {
  status: number;
  body: OsbErrorBody;
  headers: OsbErrorHeaders;
  /** True when the error is a bug or an outage rather than a refused request: log it. */
  unexpected: boolean;
}

/** A Fastify schema validation failure, as set on the error by Fastify's validator. */
export interface ValidationFailure {
  validation: readonly FastifySchemaValidationError[];
  validationContext?: string | undefined;
}

// Fastify's request-side error codes, answered with our wording. "Content Type": a broker that
// rejects a body for its content type or because it is unprocessable SHOULD answer 400, so an
// unsupported media type gets 400, not Fastify's 415.
const FASTIFY_REQUEST_ERRORS: Readonly<Record<string, { status: number; description: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    description: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    description: 'The request body is empty although its Content-Type is application/json.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 400,
    description: 'The request Content-Type is not supported; send application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    description: 'The request body size does not match its Content-Length.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, description: 'The request body is too large.' },
  FST_ERR_BAD_URL: { status: 400, description: 'The request URL is not validly percent-encoded.' },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    description: 'A path parameter of the request URL is too long.',
  },
};

const INTERNAL_ERROR: OsbErrorResponse = Object.freeze({
  status: 500,
  body: Object.freeze({ description: 'internal error' }),
  headers: Object.freeze({}),
  unexpected: true,
});

/** Decides the status, headers and body answering `error`; throws nothing. */
export function toOsbErrorResponse(error: unknown): OsbErrorResponse {
  if (isOsbError(error)) {
    return {
      status: error.status,
      body: toOsbErrorBody(error),
      headers: error.headers,
      unexpected: false,
    };
  }
  if (isValidationFailure(error)) {
    return refused(400, describeValidationFailure(error));
  }
  const code = readProperty(error, 'code');
  const known = typeof code === 'string' ? FASTIFY_REQUEST_ERRORS[code] : undefined;
  if (known) return refused(known.status, known.description);

  const status = readProperty(error, 'statusCode');
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 499) {
    return INTERNAL_ERROR;
  }
  // A body parser's own JSON.parse failure (or prototype poisoning) quotes the body: not echoed.
  if (error instanceof SyntaxError) return refused(400, 'The request body is not valid JSON.');
  // Other 4xx errors (from Fastify or a plugin) carry a message meant for the client.
  const message = error instanceof Error && error.message !== '' ? error.message : undefined;
  return refused(status, message);
}

/**
 * Names each schema violation with where it is and what is wrong, such as `body/service_id
 * must be string` or `body must have required property 'plan_id'`; throws nothing.
 */
export function describeValidationFailure(failure: ValidationFailure): string {
  const context = failure.validationContext ?? 'request';
  return failure.validation.map((issue) => describeIssue(context, issue)).join('; ');
}

/**
 * Fastify error handler answering in the OSB error shape; logs unexpected errors with their
 * stack, and never sends them. Throws nothing.
 */
export function handleOsbError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const response = toOsbErrorResponse(error);
  if (response.unexpected) {
    request.log.error({ err: error }, 'unexpected error answered with 500');
  } else if (response.status >= 500) {
    request.log.warn({ err: error }, `request answered with ${response.status}`);
  }
  for (const [name, value] of Object.entries(response.headers)) {
    reply.header(name, typeof value === 'string' ? value : [...value]);
  }
  reply.code(response.status).type('application/json; charset=utf-8').send(response.body);
}

/** Fastify not-found handler answering 404 in the OSB error shape; throws nothing. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?', 1)[0] ?? '';
  reply
    .code(404)
    .type('application/json; charset=utf-8')
    .send({ description: `No route matches ${request.method} ${path}.` });
}

/**
 * Fastify `frameworkErrors` handler: errors raised before routing (a malformed percent-encoding,
 * an over-long path parameter) skip every hook, so this echoes the request identity itself
 * before answering in the OSB error shape. Throws nothing.
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  echoRequestIdentity(request, reply);
  handleOsbError(error, request, reply);
}

function describeIssue(context: string, issue: FastifySchemaValidationError): string {
  const message = issue.message ?? `fails ${issue.keyword}`;
  const { additionalProperty, allowedValues } = issue.params;
  let detail = '';
  if (issue.keyword === 'additionalProperties' && typeof additionalProperty === 'string') {
    detail = `: '${additionalProperty}'`;
  } else if (issue.keyword === 'enum' && Array.isArray(allowedValues)) {
    detail = `: ${allowedValues.map((value) => JSON.stringify(value)).join(', ')}`;
  }
  return `${context}${issue.instancePath} ${message}${detail}`;
}

function refused(status: number, description: string | undefined): OsbErrorResponse {
  return {
    status,
    body: description === undefined ? {} : { description },
    headers: {},
    unexpected: false,
  };
}

function isValidationFailure(error: unknown): error is ValidationFailure {
  return Array.isArray(readProperty(error, 'validation'));
}

function readProperty(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
