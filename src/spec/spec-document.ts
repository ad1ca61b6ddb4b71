import type { SourceLocation } from '../errors.js';

/** The OpenAPI versions brokergen reads. */
export type OpenApiVersion = '3.0' | '3.1';

/**
 * A parsed OpenAPI document. The model reads it through narrow accessors, so it is typed as
 * plain JSON here rather than as one of the many competing OpenAPI type packages.
 */
export type OpenApiDocument = Record<string, unknown>;

/** A spec after loading, bundling and validation: what the model stage consumes. */
export interface LoadedSpec {
  /** Absolute path of the root document. */
  readonly file: string;
  /** `3.0` or `3.1`, from the document's `openapi` field. */
  readonly version: OpenApiVersion;
  /**
   * The bundled document: every external `$ref` is pulled into `components`, so only internal
   * `#/...` references remain.
   */
  readonly document: OpenApiDocument;
  /** Finds the file, line and column of a JSON pointer (`#/paths/...`) into the document. */
  locate(pointer: string): SourceLocation;
}
