import type { JsonSchema } from '../../model/index.js';

/** The `$id` under which the routes plugin registers the spec's named schemas with Fastify. */
export const COMPONENTS_SCHEMA_ID = 'components';

/**
 * The same schemas for replies, without `default`: Ajv fills request defaults in (wanted), but
 * fast-json-stringify writes them into replies that left a field out, which would put, say,
 * `instance_usable: true` on every error body (OSB allows it only on failed updates and deletes).
 */
export const REPLY_COMPONENTS_SCHEMA_ID = 'reply-components';

/** Whether a schema validates requests or serializes replies. */
export type SchemaUse = 'request' | 'reply';

/**
 * Keywords Fastify's validator (Ajv, draft-07) and serializer (fast-json-stringify) do not need:
 * OpenAPI annotations, and the 2019+ annotation `deprecated`. Dropping them keeps Ajv's strict
 * mode quiet and the generated schemas short.
 */
const DROPPED_KEYWORDS = new Set([
  'example',
  'examples',
  'discriminator',
  'xml',
  'externalDocs',
  'deprecated',
  '$schema',
]);

/** Formats ajv-formats knows; any other `format` would make Ajv refuse the schema. */
const KNOWN_FORMATS = new Set([
  ...['date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference'],
  ...['uri-template', 'url', 'email', 'hostname', 'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer'],
  ...['json-pointer-uri-fragment', 'relative-json-pointer', 'byte', 'int32', 'int64', 'float'],
  ...['double', 'password', 'binary'],
]);

/**
 * Turns a schema of the spec into one Fastify can compile: `$ref`s to `#/components/schemas/X`
 * point into the shared `components` schema, annotations are dropped, unknown formats removed.
 * The spec's object is not modified; a copy is returned.
 */
export function toFastifySchema(schema: JsonSchema, use: SchemaUse): unknown {
  return convert(schema, use);
}

/** The `$id` of the components schema for a use. */
export function componentsSchemaId(use: SchemaUse): string {
  return use === 'request' ? COMPONENTS_SCHEMA_ID : REPLY_COMPONENTS_SCHEMA_ID;
}

function convert(value: unknown, use: SchemaUse): unknown {
  if (Array.isArray(value)) return value.map((item) => convert(item, use));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    if (key === 'default' && use === 'reply') continue;
    if (key === 'format' && typeof child === 'string' && !KNOWN_FORMATS.has(child)) continue;
    if (key === '$ref' && typeof child === 'string') {
      out[key] = rewriteRef(child, use);
      continue;
    }
    // `properties`, `patternProperties`, `definitions` and `$defs` are maps of names to
    // schemas: their keys are spec text, never keywords, so they are kept whatever they say.
    out[key] = isSchemaMap(key) ? convertMap(child, use) : convert(child, use);
  }
  return out;
}

function isSchemaMap(key: string): boolean {
  return (
    key === 'properties' || key === 'patternProperties' || key === 'definitions' || key === '$defs'
  );
}

function convertMap(map: unknown, use: SchemaUse): unknown {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return map;
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(map as Record<string, unknown>)) {
    // defineProperty, so a property named `__proto__` stays a property.
    Object.defineProperty(out, name, {
      value: convert(schema, use),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function rewriteRef(ref: string, use: SchemaUse): string {
  const prefix = '#/components/schemas/';
  return ref.startsWith(prefix)
    ? `${componentsSchemaId(use)}#/definitions/${ref.slice(prefix.length)}`
    : ref;
}
