export { osbProtocol } from './osb-protocol.js';
export type { OsbProtocolOptions } from './osb-protocol.js';
export {
  OsbError,
  OsbUsageError,
  asyncRequired,
  badRequest,
  concurrencyError,
  conflict,
  gone,
  isOsbError,
  maintenanceInfoConflict,
  notFound,
  notImplemented,
  requiresApp,
  toOsbErrorBody,
} from './errors.js';
export type {
  OsbErrorBody,
  OsbErrorDetails,
  OsbErrorHeaders,
  OsbErrorOverrides,
  OsbUsageErrorCode,
} from './errors.js';
export { createAuthenticationHook, isEqualInConstantTime } from './authentication.js';
export type { AuthenticationOptions, BasicCredentials, BearerOptions } from './authentication.js';
export {
  DEFAULT_API_VERSIONS,
  compareApiVersions,
  createApiVersionHook,
  isApiVersionAtLeast,
  parseApiVersion,
} from './api-version.js';
export type { ApiVersionOptions, BrokerApiVersion } from './api-version.js';
export {
  createContextPlatformHook,
  createOriginatingIdentityHook,
  isOriginatingIdentityOf,
  parseOriginatingIdentity,
} from './originating-identity.js';
export type {
  CloudFoundryIdentity,
  IbmCloudIdentity,
  KnownPlatform,
  KubernetesIdentity,
  OriginatingIdentity,
  OtherPlatformIdentity,
} from './originating-identity.js';
export {
  REQUEST_IDENTITY_HEADER,
  echoRequestIdentity,
  echoRequestIdentityHook,
} from './request-identity.js';
export {
  describeValidationFailure,
  handleFrameworkError,
  handleNotFound,
  handleOsbError,
  toOsbErrorResponse,
} from './error-handler.js';
export type { OsbErrorResponse, ValidationFailure } from './error-handler.js';
export { BROKER_MAX_PARAM_LENGTH, createBrokerServerOptions } from './broker-server-options.js';
export { composeHandlers } from './compose-handlers.js';
export type { ComposedHandlers, MethodsOf } from './compose-handlers.js';
export { RequestLogController, describeRequest } from './request-log.js';
export type { RequestLogLine } from './request-log.js';
export { sendReply } from './send-reply.js';
export type { HandlerReply } from './send-reply.js';
