import { LogController } from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The fields of a request's log line. */
export interface RequestLogLine {
  method: string;
  /** The path and query as sent: IDs and `service_id`/`plan_id`/`operation`, nothing secret. */
  url: string;
  status: number;
  /** Milliseconds from the request's arrival to the end of the answer, to 0.1 ms. */
  ms: number;
  /** The platform's `X-Broker-API-Request-Identity`, when it sent one. */
  requestIdentity?: string;
}

/** The log line of one answered request. Throws nothing. */
export function describeRequest(request: FastifyRequest, reply: FastifyReply): RequestLogLine {
  const identity = request.headers['x-broker-api-request-identity'];
  return {
    method: request.method,
    url: request.url,
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime * 10) / 10,
    ...(typeof identity === 'string' && identity !== '' ? { requestIdentity: identity } : {}),
  };
}

/**
 * Fastify's log controller for brokers (the `logController` server option): one structured line
 * per request, written when it has been answered, instead of Fastify's two (the first of them
 * before authentication). The line holds no headers, so no credentials, and no bodies, so no
 * parameters and no binding credentials. Errors are logged as Fastify logs them otherwise.
 */
export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (this.isLogDisabled(request)) return;
    const line = describeRequest(request, reply);
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else reply.log.info(line, 'request');
  }
}
