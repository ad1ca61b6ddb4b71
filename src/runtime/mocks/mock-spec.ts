/**
 * The document a generated `mocks/spec.ts` holds: what the mocks need to know of each operation,
 * with its schemas in JSON Schema 2020-12. Fields at their default are left out to keep it short.
 */
import type { JsonSchema } from './schema-node.js';

/**
 * Every operation, keyed by the name of its mock without `mock` (the client function's name),
 * beside the parts of the spec its `$ref`s point at, kept at their pointers (`components`).
 */
export interface MockSpec {
  readonly operations: { readonly [key: string]: MockOperation };
  readonly [section: string]: unknown;
}

/** One operation: how to match its requests, check them, and answer them. */
export interface MockOperation {
  readonly operationId: string;
  /** Upper case, as HTTP sends it. */
  readonly method: string;
  /** The path template as the spec writes it, such as `/v2/service_instances/{instance_id}`. */
  readonly path: string;
  /** The status answered when a test asks for none: the first success the spec declares. */
  readonly defaultStatus: number;
  readonly parameters?: readonly MockParameter[];
  readonly requestBody?: MockRequestBody;
  readonly responses?: readonly MockResponse[];
}

/** Where a parameter is sent. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** A parameter (OAS 3.1 §4.8.12); `style` and `explode` are left out at their defaults. */
export interface MockParameter {
  readonly name: string;
  readonly in: ParameterLocation;
  readonly required?: boolean;
  readonly style?: string;
  readonly explode?: boolean;
  /** Sent as JSON text: the parameter declares `content` with a JSON media type. */
  readonly json?: boolean;
  readonly schema: JsonSchema;
}

/** A request body: the media types it may have, and the schema of its JSON one. */
export interface MockRequestBody {
  readonly required?: boolean;
  readonly mediaTypes?: readonly string[];
  readonly jsonSchema?: JsonSchema;
}

/**
 * A response by its key (`200`, `4XX`, `default`), with the one media type a mock answers in:
 * the JSON one when there is one, else the first.
 */
export interface MockResponse {
  readonly status: string;
  readonly mediaType?: string;
  readonly schema?: JsonSchema;
  readonly examples?: readonly MockExample[];
  /** The headers the spec requires, which every answer carries. */
  readonly headers?: readonly MockHeader[];
}

/** An example value written in place, or a `$ref` to a shared one (`#/components/examples/x`). */
export type MockExample = { readonly value: unknown } | { readonly $ref: string };

/** A required response header and its schema. */
export interface MockHeader {
  readonly name: string;
  readonly schema: JsonSchema;
}
