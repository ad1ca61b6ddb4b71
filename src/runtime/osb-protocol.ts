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
 * The rules run in one `onRequest` hook, in this order, each citing its section of the
 * specification:
 * 1. Request Identity: echo `X-Broker-API-Request-Identity`, first, so even a 401 carries it.
 * 2. Platform to Service Broker Authentication: 401 for missing or wrong credentials.
 * 3. API Version Header: 400 when missing, 412 when malformed or unsupported.
 * 4. Originating Identity: 400 when malformed; then, once the body is parsed, a `preHandler`
 *    checks that its platform matches `context.platform`.
 * One hook rather than one per rule, and callback-style rather than `async`, because every
 * request runs it: a hook per rule costs Fastify a step and a promise each, which measured
 * about a tenth of the broker's time per request on `GET /v2/catalog` (bench/).
 */
import type {
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import { createApiVersionCheck, DEFAULT_API_VERSIONS } from './api-version.js';
import type { ApiVersionOptions } from './api-version.js';
import { createAuthenticator } from './authentication.js';
import type { AuthenticationOptions } from './authentication.js';
import { handleNotFound, handleOsbError } from './error-handler.js';
import { checkContextPlatform, readOriginatingIdentity } from './originating-identity.js';
import { echoRequestIdentity } from './request-identity.js';

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
  const authenticate = options.authentication && createAuthenticator(options.authentication);
  const checkApiVersion =
    options.apiVersion === false
      ? undefined
      : createApiVersionCheck(options.apiVersion ?? DEFAULT_API_VERSIONS);
  const echoesIdentity = options.requestIdentity !== false;
  const readsIdentity = options.originatingIdentity !== false;

  // Declared request fields keep every request object the same shape.
  decorateRequestOnce(fastify, 'brokerApiVersion');
  decorateRequestOnce(fastify, 'originatingIdentity');

  if (!authenticate) {
    fastify.log.warn('osbProtocol: no authentication configured; every request is accepted');
  }
  fastify.addHook(
    'onRequest',
    function checkOsbRequest(
      request: FastifyRequest,
      reply: FastifyReply,
      done: HookHandlerDoneFunction,
    ): void {
      if (echoesIdentity) echoRequestIdentity(request, reply);
      // A route whose operation declares no security (`security: []`) opts out of
      // authentication with `config: { authenticate: false }`; IBM Cloud's `/bluemix_v1` state
      // calls carry no X-Broker-API-Version, and opt out of its check with
      // `config: { apiVersion: false }`.
      const config = authenticate || checkApiVersion ? routeConfig(request) : undefined;
      let verifying: Promise<void> | undefined;
      try {
        if (authenticate && config?.authenticate !== false) verifying = authenticate(request);
        // A Bearer `verify` function answers later; the remaining rules wait for it.
        if (verifying === undefined) checkRest(request, config);
      } catch (error) {
        done(error as Error);
        return;
      }
      if (verifying === undefined) {
        done();
        return;
      }
      verifying.then(
        () => {
          try {
            checkRest(request, config);
          } catch (error) {
            done(error as Error);
            return;
          }
          done();
        },
        (error: unknown) => done(error as Error),
      );
    },
  );
  if (readsIdentity) {
    fastify.addHook(
      'preHandler',
      function checkPlatform(
        request: FastifyRequest,
        _reply: FastifyReply,
        done: HookHandlerDoneFunction,
      ): void {
        try {
          checkContextPlatform(request);
        } catch (error) {
          done(error as Error);
          return;
        }
        done();
      },
    );
  }

  /** The rules after authentication: the version header, then the originating identity. */
  function checkRest(request: FastifyRequest, config: RouteConfig | undefined): void {
    if (checkApiVersion && config?.apiVersion !== false) checkApiVersion(request);
    if (readsIdentity) readOriginatingIdentity(request);
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
interface RouteConfig {
  authenticate?: unknown;
  apiVersion?: unknown;
}

function routeConfig(request: FastifyRequest): RouteConfig {
  return (request.routeOptions.config as RouteConfig | undefined) ?? {};
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
