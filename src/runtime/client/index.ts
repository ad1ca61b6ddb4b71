export { createClientConfig, DEFAULT_TIMEOUT } from './client-config.js';
export type {
  CallOptions,
  ClientConfig,
  ClientOptions,
  FetchFunction,
  SpecDefaults,
} from './client-config.js';
export { sendRequest } from './send-request.js';
export type { ApiResult, OperationDescriptor, OperationInput } from './send-request.js';
export {
  ApiError,
  ClientError,
  InvalidInputError,
  InvalidResponseError,
  isApiError,
  LastOperationFailedError,
  NetworkError,
  PollingTimeoutError,
  readOsbErrorFields,
  TimeoutError,
} from './errors.js';
export type { ClientErrorCode, LastOperationBody, OsbErrorFields } from './errors.js';
export { authenticationHeaders, encodeBase64 } from './authentication.js';
export type {
  AuthenticatedRequest,
  AuthenticationFunction,
  BasicAuthentication,
  BearerAuthentication,
  ClientAuthentication,
} from './authentication.js';
export {
  API_VERSION_HEADER,
  createRequestIdentity,
  ORIGINATING_IDENTITY_HEADER,
  originatingIdentity,
  REQUEST_IDENTITY_HEADER,
} from './broker-headers.js';
export {
  computeBackoff,
  DEFAULT_RETRY_POLICY,
  isIdempotentMethod,
  isRetriedStatus,
  resolveRetryPolicy,
} from './retry-policy.js';
export type { RetryOptions, RetryPolicy } from './retry-policy.js';
export { parseRetryAfter } from './retry-after.js';
export { delay } from './delay.js';
export {
  serializeCookies,
  serializeHeaders,
  serializePath,
  serializeQuery,
} from './serialize-parameters.js';
export type {
  ParameterEncoding,
  ParameterLocation,
  ParameterStyle,
} from './serialize-parameters.js';
export { encodeBody, isJsonMediaType, readBody, readErrorBody } from './media-type.js';
export type { BodyFormat, EncodedBody } from './media-type.js';
export {
  DEFAULT_MAX_DURATION,
  DEFAULT_MAX_POLL_INTERVAL,
  DEFAULT_POLL_INTERVAL,
  waitForLastOperation,
} from './wait-for-last-operation.js';
export type {
  LastOperationOutcome,
  PollLastOperation,
  WaitOptions,
} from './wait-for-last-operation.js';
export { bindOperations } from './bind-operations.js';
export type { BoundOperation, BoundOperations } from './bind-operations.js';
export { lastOperationQuery, resourceQuery, toGoneResult } from './asynchronous-operations.js';
export type {
  CompletedOperation,
  GoneResult,
  LastOperationQuery,
  PollingOptions,
  WithoutAcceptsIncomplete,
} from './asynchronous-operations.js';
