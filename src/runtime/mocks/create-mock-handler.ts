/**
 * One msw request handler per operation: the only module of the mocks that imports msw.
 * It matches the operation's method and path, optionally checks the request against the spec,
 * and answers with the reply a test gives or with the spec's data (mock-reply.ts).
 */
import { HttpHandler } from 'msw';
import { InvalidRequestError } from './errors.js';
import { contextOf, operationOf } from './mock-context.js';
import { buildResponse } from './mock-reply.js';
import type { MockOptions, MockReplyInit, MockResolver } from './mock-reply.js';
import type { MockSpec } from './mock-spec.js';
import { orderOperations } from './order-operations.js';
import { createPathMatcher } from './path-matcher.js';
import { validateRequest } from './validate-request.js';

/**
 * An msw handler for the operation under `key` in `spec`, answering with `reply` (or the
 * spec's data when undefined). Generated mocks call it with typed replies.
 * @throws MockError MOCK_UNKNOWN_OPERATION for a key the spec lacks, MOCK_INVALID_OPTIONS for a
 *   baseUrl that is not an absolute URL.
 */
export function createMockHandler(
  spec: MockSpec,
  key: string,
  reply: AnyReplyOption | undefined,
  options: MockOptions = {},
): HttpHandler {
  const operation = operationOf(spec, key);
  const context = contextOf(spec);
  const matcher = createPathMatcher(operation.path, options.baseUrl);
  const seed = options.seed ?? 1;
  return new HttpHandler(operation.method, matcher.pattern, async ({ request }) => {
    const params = matcher.params(new URL(request.url)) ?? {};
    if (options.validateRequests === true) {
      const problems = await validateRequest(context, key, operation, request, params);
      if (problems.length > 0) {
        const error = new InvalidRequestError(operation, request, problems);
        options.onInvalidRequest?.(error);
        return Response.json(
          { error: 'InvalidRequest', description: error.message },
          { status: 400 },
        );
      }
    }
    const init = typeof reply === 'function' ? await reply({ request, params }) : reply;
    if (init instanceof Response) return init;
    return buildResponse(context, key, operation, init ?? {}, seed, request.method);
  });
}

/** A reply, or a function computing one per request, before an operation's types narrow it. */
export type AnyReplyOption = MockReplyInit | MockResolver<MockReplyInit>;

/**
 * A handler for every operation of `spec`, most specific path first (order-operations.ts),
 * each answering with its reply in `overrides` or with the spec's data.
 * @throws MockError MOCK_UNKNOWN_OPERATION for an override of an operation the spec lacks,
 *   MOCK_INVALID_OPTIONS for a baseUrl that is not an absolute URL.
 */
export function createMockHandlers(
  spec: MockSpec,
  overrides: { readonly [key: string]: AnyReplyOption | undefined },
  options: MockOptions = {},
): HttpHandler[] {
  for (const key of Object.keys(overrides)) operationOf(spec, key);
  return orderOperations(spec).map((key) =>
    createMockHandler(
      spec,
      key,
      Object.hasOwn(overrides, key) ? overrides[key] : undefined,
      options,
    ),
  );
}
