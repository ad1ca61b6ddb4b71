/**
 * A file written into the generated project before it compiles: it uses the generated mocks as
 * a test would, and each `@ts-expect-error` proves that the types refuse a mistake. It is
 * compiled, never run.
 */
export const MOCKS_TYPED_USAGE = `
import type { HttpHandler } from 'msw';
import { createHandlers, mockOperation } from './mocks/handlers.js';
import type { MockReplies } from './mocks/handlers.js';

export function useTheMocks(): HttpHandler[] {
  const catalog: MockReplies['getCatalog'] = { body: { services: [] } };
  const handlers = createHandlers({
    baseUrl: 'https://broker.example.com',
    seed: 7,
    validateRequests: true,
    onInvalidRequest: (error) => console.error(error.problems.length, error.operationId),
    overrides: { getCatalog: catalog, fetchServiceInstance: { status: 404, body: {} } },
  });
  handlers.push(
    mockOperation('provisionServiceInstance', { status: 202, body: { operation: 'task-1' } }),
    mockOperation('provisionServiceInstance', { status: 409 }),
    mockOperation('provisionServiceInstance', ({ params }) => ({
      status: 201,
      body: { dashboard_url: 'https://dashboard.example.com/' + (params['instance_id'] ?? '') },
    })),
    mockOperation('fetchServiceInstance', { headers: { 'x-trace': '1' } }),
    // @ts-expect-error 418 is not a status the operation declares.
    mockOperation('getCatalog', { status: 418 }),
    // @ts-expect-error The catalog's services are an array.
    mockOperation('getCatalog', { body: { services: 'none' } }),
    // @ts-expect-error A 202 body's operation is a string.
    mockOperation('provisionServiceInstance', { status: 202, body: { operation: 42 } }),
    // @ts-expect-error No operation has this name.
    mockOperation('getCatalogue'),
  );
  // @ts-expect-error overrides are keyed by operation names.
  createHandlers({ overrides: { catalogue: {} } });
  return handlers;
}
`;
