/**
 * Checking `parameters` against a plan's JSON Schema ("Schemas Object": a broker SHOULD check
 * them and answer 400 when they are invalid).
 *
 * The runtime may import only Node and Fastify, so the default validator borrows Fastify's:
 * `request.compileValidationSchema` compiles with the route's validator compiler (Ajv through
 * @fastify/ajv-compiler unless the server set another) and caches by schema object. Two
 * adjustments: the top-level `$schema` is left out, because Ajv 8 does not know the draft-04
 * URI the specification's examples declare; and the check runs on a copy, because Fastify's
 * Ajv options (`useDefaults`, `removeAdditional`) rewrite the data they check, and the service
 * must receive the parameters as sent. On a server built with `createBrokerServerOptions`,
 * such schemas are compiled without type coercion, so `"5"` is no integer; with Fastify's
 * defaults it would pass as one. Pass `validateParameters` for another validator (one that
 * accepts draft-04 keywords such as boolean `exclusiveMaximum`, say).
 */
import type { FastifyRequest } from 'fastify';
import { OsbUsageError } from '../errors.js';
import type { JsonObject } from './store.js';

/** One reason the parameters are invalid, naming the field: `parameters/size must be integer`. */
export type ParameterIssue = string;

/** What a parameter validator receives. */
export interface ParameterValidationInput {
  /** The plan's schema for this request, as the catalog declares it. */
  schema: JsonObject;
  parameters: JsonObject;
  request: FastifyRequest;
}

/** Returns the problems found, or none; throws OsbUsageError for a schema it cannot compile. */
export type ParameterValidator = (input: ParameterValidationInput) => readonly ParameterIssue[];

interface ValidationError {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** The schema compiled by Fastify, without the keys Ajv must not see; one per catalog schema. */
const prepared = new WeakMap<JsonObject, JsonObject>();

/**
 * The default validator: Fastify's validator compiler on a copy of the parameters. Throws
 * OsbUsageError OSB_RUNTIME_INVALID_OPTIONS when the plan's schema does not compile.
 */
export const validateWithFastify: ParameterValidator = ({ schema, parameters, request }) => {
  let compiled = prepared.get(schema);
  if (compiled === undefined) {
    compiled = { ...schema };
    delete compiled['$schema'];
    prepared.set(schema, compiled);
  }
  let validate: ReturnType<FastifyRequest['compileValidationSchema']>;
  try {
    validate = request.compileValidationSchema(compiled);
  } catch (error) {
    throw new OsbUsageError(
      'OSB_RUNTIME_INVALID_OPTIONS',
      `a plan's parameters schema does not compile: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (validate(structuredClone(parameters))) return [];
  return (validate.errors ?? []).map((error) => describeError(error as ValidationError));
};

function describeError(error: ValidationError): ParameterIssue {
  const where = `parameters${error.instancePath ?? ''}`;
  const message = error.message ?? `fails ${error.keyword ?? 'the schema'}`;
  const extra = error.params?.['additionalProperty'];
  return typeof extra === 'string' ? `${where} ${message}: '${extra}'` : `${where} ${message}`;
}
