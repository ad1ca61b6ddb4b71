/**
 * A mock's answer: the status a test asks for (else the operation's first success), and the
 * body it gives, else the response's first example that is valid for its schema, else data
 * generated from the schema with the seed. Required response headers get generated values.
 */
import type { InvalidRequestError } from './errors.js';
import { generateValue } from './generate-value.js';
import { isJson } from './media-type.js';
import type { MockContext } from './mock-context.js';
import { operationPointer } from './mock-context.js';
import type { MockOperation, MockResponse } from './mock-spec.js';
import { deriveSeed } from './random.js';
import { isObject, resolvePointer } from './schema-node.js';

/** Options every mock takes. */
export interface MockOptions {
  /**
   * Where the API is served, such as `https://broker.example.com` or `http://localhost/api`
   * (its path prefixes every operation's). By default, any origin.
   */
  readonly baseUrl?: string;
  /** Picks the data generated where the spec has no example: one seed, one set of data. Default 1. */
  readonly seed?: number;
  /**
   * Checks each request against the operation's parameters and body; a request that breaks
   * them is answered `400` with `{ error: 'InvalidRequest', description }` saying what is wrong.
   */
  readonly validateRequests?: boolean;
  /** Called with each request that breaks the spec (with `validateRequests`). */
  readonly onInvalidRequest?: (error: InvalidRequestError) => void;
}

/** A reply as a test gives it: every field optional, and checked by the operation's types. */
export interface MockReplyInit {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a reply given as a function receives. */
export interface MockRequest {
  readonly request: Request;
  /** The path parameters, decoded, by their names in the spec. */
  readonly params: Readonly<Record<string, string>>;
}

/** A reply computed per request; a `Response` is sent as it is, undefined means the default. */
export type MockResolver<Reply> = (
  request: MockRequest,
) => Reply | Response | undefined | Promise<Reply | Response | undefined>;

/** The `responses` of an operation type that openapi-typescript printed. */
type ResponsesOf<Operation> = Operation extends { responses: infer Responses } ? Responses : never;

/** `200` stays `200`; a range (`4XX`) or `default` may be any status. */
type StatusOf<Key> = Key extends number ? Key : number;

/** The body types a response declares (any of its media types); undefined when it has none. */
type BodyOf<Response> = Response extends { content: infer Content }
  ? Content[keyof Content]
  : undefined;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * A reply to an operation: one of its declared statuses with that status's body type. `status`
 * may be left out for the default status (`DefaultStatus`), and `body` for the spec's data.
 */
export type MockReply<Operation, DefaultStatus extends number> = {
  [Key in keyof ResponsesOf<Operation>]: (Same<StatusOf<Key>, DefaultStatus> extends true
    ? { readonly status?: StatusOf<Key> }
    : { readonly status: StatusOf<Key> }) & {
    readonly body?: BodyOf<ResponsesOf<Operation>[Key]>;
    readonly headers?: Readonly<Record<string, string>>;
  };
}[keyof ResponsesOf<Operation>];

/** A reply, or a function computing one per request. */
export type MockReplyOption<Operation, DefaultStatus extends number> =
  MockReply<Operation, DefaultStatus> | MockResolver<MockReply<Operation, DefaultStatus>>;

/** Statuses whose responses have no body (RFC 9110 §15.3.5, §15.3.6, §15.4.5). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

/** The response to send for `init`, filled in from the spec. */
export function buildResponse(
  context: MockContext,
  key: string,
  operation: MockOperation,
  init: MockReplyInit,
  seed: number,
  method: string,
): Response {
  const status = init.status ?? operation.defaultStatus;
  const index = findResponse(operation, status);
  const response = index === undefined ? undefined : operation.responses?.[index];
  const headers = new Headers();
  for (const header of response?.headers ?? []) {
    const value = generateValue(
      { schema: header.schema, pointer: undefined },
      { document: context.spec, seed: deriveSeed(seed, key, String(status), header.name) },
    );
    headers.set(header.name, headerText(value));
  }
  let text: string | null = null;
  if (!NO_BODY.has(status) && method.toUpperCase() !== 'HEAD') {
    const body =
      init.body !== undefined
        ? init.body
        : response !== undefined && index !== undefined
          ? specBody(context, key, index, response, seed)
          : undefined;
    if (body !== undefined) {
      const mediaType =
        response?.mediaType ?? (typeof body === 'string' ? 'text/plain' : 'application/json');
      text = typeof body === 'string' && !isJson(mediaType) ? body : JSON.stringify(body);
      headers.set('content-type', mediaType);
    }
  }
  for (const [name, value] of Object.entries(init.headers ?? {})) headers.set(name, value);
  return new Response(text, { status, headers });
}

/** The index of the response for `status`: exact, else its range (`4XX`), else `default`. */
function findResponse(operation: MockOperation, status: number): number | undefined {
  const responses = operation.responses ?? [];
  const keys = [String(status), `${String(status)[0]}XX`, 'default'];
  for (const key of keys) {
    const index = responses.findIndex(
      (response) => response.status.toUpperCase() === key.toUpperCase(),
    );
    if (index >= 0) return index;
  }
  return undefined;
}

/** The spec's data for a response: its first valid example, else generated from its schema. */
function specBody(
  context: MockContext,
  key: string,
  index: number,
  response: MockResponse,
  seed: number,
): unknown {
  const cacheKey = JSON.stringify([key, index, seed]);
  if (!context.bodies.has(cacheKey)) {
    context.bodies.set(cacheKey, findSpecBody(context, key, index, response, seed));
  }
  return context.bodies.get(cacheKey);
}

function findSpecBody(
  context: MockContext,
  key: string,
  index: number,
  response: MockResponse,
  seed: number,
): unknown {
  const pointer = operationPointer(key, 'responses', index, 'schema');
  for (const example of response.examples ?? []) {
    const value = exampleValue(context, example);
    if (value === undefined) continue;
    if (response.schema === undefined || context.validator.matches(pointer, value)) return value;
  }
  if (response.schema === undefined) return undefined;
  return generateValue(
    { schema: response.schema, pointer },
    {
      document: context.spec,
      seed: deriveSeed(seed, key, response.status),
      matches: (at, value) => context.validator.matches(at, value),
    },
  );
}

function exampleValue(context: MockContext, example: object): unknown {
  if ('value' in example) return example.value;
  const ref = '$ref' in example ? example.$ref : undefined;
  const target = typeof ref === 'string' ? resolvePointer(context.spec, ref) : undefined;
  return isObject(target) ? target['value'] : undefined;
}

/** A header value as `simple` style writes it (OAS 3.1 §4.8.12.4): lists joined by commas. */
function headerText(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (isObject(value)) return Object.entries(value).flat().map(String).join(',');
  return String(value);
}
