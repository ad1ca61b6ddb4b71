/**
 * Fastify server options a broker needs beyond Fastify's defaults.
 *
 * IDs in URLs ("URL Properties"): characters outside RFC 3986's unreserved set arrive
 * percent-encoded, and IBM Cloud instance IDs are CRNs such as
 * `crn:v1:bluemix:public:cloudantnosqldb:us-south:a%2F1234:abcd::`. Fastify 5's router already
 * decodes a path parameter exactly once after matching, so `%2F` and `%3A` reach the handler as
 * `/` and `:` without splitting the path, and `%252F` arrives as `%2F`. What it does not allow is
 * the length: a path parameter over 100 characters is refused with 414, and a real CRN
 * (`crn:v1:bluemix:public:<service>:<region>:a/<account>:<instance guid>::`) is about 150
 * characters, 170 encoded. Errors raised before routing (that 414, a malformed `%zz`) also skip
 * the error handler and answer in Fastify's own shape unless `frameworkErrors` is set.
 */
import type { FastifyServerOptions } from 'fastify';
import { handleFrameworkError } from './error-handler.js';

/**
 * Longest path parameter accepted, in characters as sent (percent-encoded). The specification
 * sets no limit; this leaves room for CRNs several times their usual length while still
 * bounding the router's work.
 */
export const BROKER_MAX_PARAM_LENGTH = 1024;

/**
 * Fastify server options for a broker, merged over `options` (whose own `maxParamLength`,
 * `routerOptions` and `frameworkErrors` win): path parameters up to BROKER_MAX_PARAM_LENGTH characters, and
 * pre-routing errors answered in the OSB error shape. Throws nothing.
 */
export function createBrokerServerOptions(
  options: FastifyServerOptions = {},
): FastifyServerOptions {
  return {
    frameworkErrors: handleFrameworkError,
    ...options,
    routerOptions: {
      maxParamLength: options.maxParamLength ?? BROKER_MAX_PARAM_LENGTH,
      ...options.routerOptions,
    },
  };
}
