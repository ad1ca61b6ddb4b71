import type { FastifyReply } from 'fastify';

/** What a handler answers: a status the spec declares, its body, and any headers. */
export interface HandlerReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string | number | readonly string[]>;
}

/**
 * Sends a handler's reply. A body goes through the route's response schema (Fastify serializes
 * it); a reply without one (204, or a 200 whose spec declares no content) sends no body.
 */
export function sendReply(reply: FastifyReply, result: HandlerReply): FastifyReply {
  reply.code(result.status);
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    reply.header(name, typeof value === 'number' ? String(value) : value);
  }
  return result.body === undefined ? reply.send() : reply.send(result.body);
}
