import { createRequire } from 'node:module';
import type { OpenAPI3, OpenAPITSOptions } from 'openapi-typescript';
import { createRedoclyConfig } from '../../spec/index.js';

/** The two functions brokergen uses, as the CommonJS build exports them. */
interface OpenapiTypescript {
  default: (source: OpenAPI3, options: OpenAPITSOptions) => Promise<unknown[]>;
  astToString: (nodes: unknown[]) => string;
}

/**
 * openapi-typescript, loaded on first use through `require`. Its ESM build imports
 * `typescript` as ESM, which costs about 400 ms here; the CommonJS build loads the same
 * compiler through `require` in about 190 ms. Runs that never write types never pay either.
 */
function loadOpenapiTypescript(): OpenapiTypescript {
  const require = createRequire(import.meta.url);
  return require('openapi-typescript') as OpenapiTypescript;
}

/**
 * Prints the `paths`, `components` and `operations` types of a bundled OpenAPI document.
 * The document was validated by the spec stage, so openapi-typescript's own lint pass runs
 * with no rules.
 */
export async function printOpenApiTypes(document: object): Promise<string> {
  const { default: openapiTS, astToString } = loadOpenapiTypescript();
  const redocly = await createRedoclyConfig('none');
  // defaultNonNullable: false keeps a property with a `default` optional, as the spec wrote it.
  // With openapi-typescript's default (true), `instance_usable` (default: true) would be
  // required in every OSB error body, and no correct handler could satisfy the types.
  const nodes = await openapiTS(document as OpenAPI3, {
    redocly,
    silent: true,
    defaultNonNullable: false,
  });
  return astToString(nodes);
}

/**
 * Prints types for standalone JSON Schemas (an OSB catalog's plan parameter schemas), by name:
 * they become the `components.schemas` of an otherwise empty OpenAPI 3.1 document, so
 * openapi-typescript treats them exactly as it treats a spec's schemas.
 */
export async function printSchemaTypes(schemas: Record<string, object>): Promise<string> {
  const document = {
    openapi: '3.1.0',
    info: { title: 'Plan parameters', version: '1' },
    paths: {},
    components: { schemas },
  };
  const printed = await printOpenApiTypes(document);
  // The document has nothing but schemas: leave out the empty declarations of everything else.
  return printed
    .split('\n')
    .filter((line) => !EMPTY_DECLARATION.test(line))
    .join('\n');
}

const EMPTY_DECLARATION =
  /^(export type (paths|webhooks|\$defs|operations) = Record<string, never>;|\s+(responses|parameters|requestBodies|headers|pathItems): never;)$/;
