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
 *
 * Types in JSON bodies: Fastify's Ajv coerces types by default (`coerceTypes: 'array'`), so a
 * body with `"service_id": 123` would reach the broker as `"123"`, and `"size": "5"` would pass
 * a plan's integer schema. A platform that sends a wrong type has a bug the broker should
 * report, not hide ("Service Broker Errors": 400 for a malformed request), and the broker must
 * see the values it stores and compares as they were sent. So JSON is validated as sent, and
 * only the request parts that arrive as text (query string, path parameters, headers) are
 * coerced to the types their schemas declare (`accepts_incomplete=true` to a boolean).
 */
import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';
import { handleFrameworkError } from './error-handler.js';

/**
 * Longest path parameter accepted, in characters as sent (percent-encoded). The specification
 * sets no limit; this leaves room for CRNs several times their usual length while still
 * bounding the router's work.
 */
export const BROKER_MAX_PARAM_LENGTH = 1024;

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;

/** What Fastify asks a validator compiler for: one schema, and the request part it checks. */
interface ValidatorRoute {
  schema: unknown;
  method?: string;
  url?: string;
  /** Unset for schemas a handler compiles itself (`request.compileValidationSchema`). */
  httpPart?: string | null;
}
type ValidatorCompiler = (route: ValidatorRoute) => unknown;
/** Builds a compiler from the server's shared schemas and its `ajv` option. */
type ValidatorFactory = (
  externalSchemas: unknown,
  options?: { customOptions?: Record<string, unknown> },
) => ValidatorCompiler;

/** The request parts that arrive as text, and so are typed by coercion. */
const TEXT_PARTS = new Set(['querystring', 'params', 'headers']);

/**
 * Fastify server options for a broker, merged over `options` (whose own `maxParamLength`,
 * `routerOptions` and `frameworkErrors` win): path parameters up to BROKER_MAX_PARAM_LENGTH
 * characters, pre-routing errors answered in the OSB error shape, and JSON validated without
 * type coercion (by the given `schemaController.compilersFactory.buildValidator`, else
 * Fastify's Ajv compiler). Throws nothing.
 */
export function createBrokerServerOptions(
  options: FastifyServerOptions = {},
): FastifyServerOptions {
  const compilersFactory = options.schemaController?.compilersFactory;
  const buildValidator = (compilersFactory?.buildValidator ??
    loadFastifyValidatorFactory()) as unknown as ValidatorFactory;
  return {
    frameworkErrors: handleFrameworkError,
    ...options,
    routerOptions: {
      maxParamLength: options.maxParamLength ?? BROKER_MAX_PARAM_LENGTH,
      ...options.routerOptions,
    },
    schemaController: {
      ...options.schemaController,
      compilersFactory: {
        ...compilersFactory,
        // Fastify's factory type is Ajv's compile signature; the factory is called with a route.
        buildValidator: validateJsonAsSent(buildValidator) as unknown as NonNullable<
          CompilersFactory['buildValidator']
        >,
      },
    },
  };
}

/**
 * A validator factory that coerces the text parts of a request (query string, path parameters,
 * headers) as `build` does, and checks everything else, the JSON body and the schemas handlers
 * compile, without coercion. Throws nothing; the compilers throw what `build`'s throw.
 */
function validateJsonAsSent(build: ValidatorFactory): ValidatorFactory {
  return (externalSchemas, options) => {
    const text = build(externalSchemas, options);
    const json = build(externalSchemas, {
      ...options,
      customOptions: { ...options?.customOptions, coerceTypes: false },
    });
    return (route) => {
      if (!TEXT_PARTS.has(route.httpPart ?? '')) return json(route);
      // Fastify lowercases header schemas itself only for its own compiler, and Node.js
      // delivers header names in lowercase.
      if (route.httpPart === 'headers') {
        return text({ ...route, schema: lowerCaseHeaderNames(route.schema) });
      }
      return text(route);
    };
  };
}

/** A header schema whose property names and required names are lowercase. Throws nothing. */
function lowerCaseHeaderNames(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const { properties, required, ...rest } = schema as Record<string, unknown>;
  const result: Record<string, unknown> = { ...rest };
  if (typeof properties === 'object' && properties !== null) {
    result['properties'] = Object.fromEntries(
      Object.entries(properties).map(([name, value]) => [name.toLowerCase(), value]),
    );
  } else if (properties !== undefined) {
    result['properties'] = properties;
  }
  if (Array.isArray(required)) {
    result['required'] = required.map((name) =>
      typeof name === 'string' ? name.toLowerCase() : name,
    );
  } else if (required !== undefined) {
    result['required'] = required;
  }
  return result;
}

/**
 * Fastify's own validator factory. `@fastify/ajv-compiler` is a dependency of Fastify, not of
 * the broker's project, so it is resolved from where Fastify is installed.
 */
function loadFastifyValidatorFactory(): ValidatorFactory {
  const fastifyEntry = createRequire(import.meta.url).resolve('fastify');
  const selectValidator = createRequire(fastifyEntry)('@fastify/ajv-compiler') as () => unknown;
  return selectValidator() as ValidatorFactory;
}
