/**
 * The OSB protocol layer: one Fastify plugin installing the rules every OSB request passes
 * before a handler sees it, plus the error and not-found handlers that answer in the OSB error
 * shape.
 *
 * Scope: the plugin carries `Symbol.for('skip-override')`, the marker `fastify-plugin` sets, so
 * Fastify runs it in the scope that registers it instead of a child scope. Its hooks, error
 * handler and not-found handler therefore apply to the routes of that scope (and of its child
 * scopes), and to nothing outside it; register it in the broker's scope, before its routes
 * (Fastify binds a route to the error handler current when the route is declared).
 *
 * Order of the `onRequest` hooks, each citing its section of the specification:
 * 1. Request Identity: echo `X-Broker-API-Request-Identity`, first, so even a 401 carries it.
 * 2. Platform to Service Broker Authentication: 401 for missing or wrong credentials.
 * 3. API Version Header: 400 when missing, 412 when malformed or unsupported.
 * 4. Originating Identity: 400 when malformed; then, once the body is parsed, a `preHandler`
 *    checks that its platform matches `context.platform`.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { createApiVersionHook, DEFAULT_API_VERSIONS } from './api-version.js';
import type { ApiVersionOptions } from './api-version.js';
import { createAuthenticationHook } from './authentication.js';
import type { AuthenticationOptions } from './authentication.js';
import { handleNotFound, handleOsbError } from './error-handler.js';
import {
  createContextPlatformHook,
  createOriginatingIdentityHook,
} from './originating-identity.js';
import { echoRequestIdentityHook } from './request-identity.js';

/** Which protocol rules the plugin enforces. */
export interface OsbProtocolOptions {
  /** Accepted credentials; without them every request is let through (and a warning logged). */
  authentication?: AuthenticationOptions | undefined;
  /** Accepted `X-Broker-API-Version` range (default 2.12 to 2.17); false for non-OSB APIs. */
  apiVersion?: ApiVersionOptions | false | undefined;
  /** Parse and check `X-Broker-API-Originating-Identity` (default true). */
  originatingIdentity?: boolean | undefined;
  /** Echo `X-Broker-API-Request-Identity` (default true). */
  requestIdentity?: boolean | undefined;
}

async function registerOsbProtocol(
  fastify: FastifyInstance,
  options: OsbProtocolOptions,
): Promise<void> {
  // Built first, so that bad options fail registration instead of the first request.
  const authenticate = options.authentication && createAuthenticationHook(options.authentication);
  const checkApiVersion =
    options.apiVersion === false
      ? undefined
      : createApiVersionHook(options.apiVersion ?? DEFAULT_API_VERSIONS);

  // Declared request fields keep every request object the same shape.
  decorateRequestOnce(fastify, 'brokerApiVersion');
  decorateRequestOnce(fastify, 'originatingIdentity');

  if (options.requestIdentity !== false) fastify.addHook('onRequest', echoRequestIdentityHook);
  if (authenticate) {
    // A route whose operation declares no security (`security: []`) opts out with
    // `config: { authenticate: false }`; every other route is authenticated.
    fastify.addHook('onRequest', async (request) => {
      if (isPublicRoute(request)) return;
      await authenticate(request);
    });
  } else {
    fastify.log.warn('osbProtocol: no authentication configured; every request is accepted');
  }
  if (checkApiVersion) {
    // IBM Cloud's `/bluemix_v1` state calls carry no X-Broker-API-Version; a route whose operation
    // declares no such header opts out with `config: { apiVersion: false }`.
    fastify.addHook('onRequest', async (request) => {
      if (routeConfig(request).apiVersion === false) return;
      await checkApiVersion(request);
    });
  }
  if (options.originatingIdentity !== false) {
    fastify.addHook('onRequest', createOriginatingIdentityHook());
    fastify.addHook('preHandler', createContextPlatformHook());
  }
  acceptEmptyJsonWithoutBody(fastify);
  fastify.setErrorHandler(handleOsbError);
  fastify.setNotFoundHandler(handleNotFound);
}

/**
 * GET and DELETE requests carry no body in the OSB API, yet some platforms' HTTP clients label
 * every request `Content-Type: application/json`. Fastify's JSON parser refuses such an empty
 * body with 400; here it is read as no body. Every other body still goes through Fastify's own
 * parser, with its protection against prototype poisoning.
 */
function acceptEmptyJsonWithoutBody(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // parseAs 'string' hands over a string; the type also allows the Buffer of parseAs 'buffer'.
    const text = body.toString();
    if (text === '' && (request.method === 'GET' || request.method === 'DELETE')) {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

/** The route options the protocol reads: `authenticate` and `apiVersion`, each `false` to opt out. */
function routeConfig(request: FastifyRequest): { authenticate?: unknown; apiVersion?: unknown } {
  return (
    (request.routeOptions.config as { authenticate?: unknown; apiVersion?: unknown } | undefined) ??
    {}
  );
}

/** Whether the route was registered with `config: { authenticate: false }`. */
function isPublicRoute(request: FastifyRequest): boolean {
  return routeConfig(request).authenticate === false;
}

function decorateRequestOnce(
  fastify: FastifyInstance,
  name: 'brokerApiVersion' | 'originatingIdentity',
): void {
  if (!fastify.hasRequestDecorator(name)) fastify.decorateRequest(name, undefined);
}

/**
 * The OSB protocol plugin: `app.register(osbProtocol, options)` before the broker's routes.
 * Registration throws OsbUsageError OSB_RUNTIME_INVALID_OPTIONS for unusable options; requests
 * it refuses are answered with OsbError 400, 401 or 412.
 */
export const osbProtocol: FastifyPluginAsync<OsbProtocolOptions> = Object.assign(
  registerOsbProtocol,
  {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'osb-protocol',
    [Symbol.for('plugin-meta')]: { name: 'osb-protocol', fastify: '5.x' },
  },
);
