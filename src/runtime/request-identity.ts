import type { FastifyReply, FastifyRequest } from 'fastify';

/** The header a platform uses to trace one request ("Request Identity"). */
export const REQUEST_IDENTITY_HEADER = 'X-Broker-API-Request-Identity';

/**
 * Copies the request's `X-Broker-API-Request-Identity` onto the response, as the specification
 * says a broker SHOULD ("Request Identity"); an absent or empty header is not echoed. Throws
 * nothing.
 */
export function echoRequestIdentity(request: FastifyRequest, reply: FastifyReply): void {
  // Node joins repeated headers with ", "; the echo returns exactly what arrived.
  const identity = request.headers['x-broker-api-request-identity'];
  if (typeof identity === 'string' && identity !== '') {
    reply.header(REQUEST_IDENTITY_HEADER, identity);
  }
}

/**
 * The `onRequest` hook form of `echoRequestIdentity`. It runs first, so that every answer,
 * a 401 included, carries the identity back. Throws nothing.
 */
export async function echoRequestIdentityHook(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  echoRequestIdentity(request, reply);
}
