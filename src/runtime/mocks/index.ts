export { createMockHandler, createMockHandlers } from './create-mock-handler.js';
export type { AnyReplyOption } from './create-mock-handler.js';
export { orderOperations } from './order-operations.js';
export type {
  MockOptions,
  MockReply,
  MockReplyInit,
  MockReplyOption,
  MockRequest,
  MockResolver,
} from './mock-reply.js';
export type {
  MockExample,
  MockHeader,
  MockOperation,
  MockParameter,
  MockRequestBody,
  MockResponse,
  MockSpec,
} from './mock-spec.js';
export { InvalidRequestError, MockError } from './errors.js';
export type { MockErrorCode, RequestProblem } from './errors.js';
export { generateValue } from './generate-value.js';
export type { GenerateOptions } from './generate-value.js';
export type { JsonSchema, SchemaNode } from './schema-node.js';
export { SchemaValidator } from './schema-validator.js';
export type { SchemaProblem } from './schema-validator.js';
