import type { FastifyReply } from 'fastify';

/** What a handler answers: a status the spec declares, its body, and any headers. */
export interface HandlerReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string | number | readonly string[]>;
  /**
   * True when this same reply object is answered every time and its body never changes (the
   * catalog): the body is then serialized once per route, through the route's response schema,
   * and that text is sent from then on (so `preSerialization` hooks do not see it).
   */
  constant?: boolean;
}

/** The text of each constant reply, by the route serializer that produced it. */
const serializedReplies = new WeakMap<HandlerReply, Map<unknown, string>>();

/**
 * Sends a handler's reply. A body goes through the route's response schema (Fastify serializes
 * it); a reply without one (204, or a 200 whose spec declares no content) sends no body.
 * Throws nothing.
 */
export function sendReply(reply: FastifyReply, result: HandlerReply): FastifyReply {
  reply.code(result.status);
  if (result.headers !== undefined) {
    for (const [name, value] of Object.entries(result.headers)) {
      reply.header(name, typeof value === 'number' ? String(value) : value);
    }
  }
  if (result.body === undefined) return reply.send();
  if (result.constant === true) {
    const text = serializeOnce(reply, result);
    // Fastify sends a string labelled JSON as it is, without serializing it again.
    if (text !== undefined) return reply.type('application/json; charset=utf-8').send(text);
  }
  return reply.send(result.body);
}

/**
 * The constant reply's body as the route's serializer for its status writes it, computed on
 * the first call (serializing the catalog took about a twentieth of `GET /v2/catalog`'s time);
 * undefined when the route has no serializer for that status.
 */
function serializeOnce(reply: FastifyReply, result: HandlerReply): string | undefined {
  const serialize: unknown = reply.getSerializationFunction(String(result.status));
  if (typeof serialize !== 'function') return undefined;
  let texts = serializedReplies.get(result);
  if (texts === undefined) {
    texts = new Map();
    serializedReplies.set(result, texts);
  }
  let text = texts.get(serialize);
  if (text === undefined) {
    text = (serialize as (body: unknown) => string)(result.body);
    texts.set(serialize, text);
  }
  return text;
}
