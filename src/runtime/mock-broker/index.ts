export { createMockServer } from './create-mock-server.js';
export type {
  MockApiRoutes,
  MockServer,
  MockServerLog,
  MockServerOptions,
} from './create-mock-server.js';
export { createMockServices } from './mock-services.js';
export type { MockServicesOptions } from './mock-services.js';
export {
  MOCK_OPERATIONS,
  createFailureDecider,
  createSeededRandom,
  injectedFailure,
} from './failure-injection.js';
export type { FailureDecider, FailureRule, MockOperation } from './failure-injection.js';
