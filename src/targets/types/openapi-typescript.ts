import { createRequire } from 'node:module';
import type { GlobalContext, OpenAPI3, OpenAPITSOptions } from 'openapi-typescript';
import { createRedoclyConfig } from '../../spec/index.js';

/** The functions brokergen uses, as the CommonJS build exports them. */
interface OpenapiTypescript {
  default: (source: OpenAPI3, options: OpenAPITSOptions) => Promise<unknown[]>;
  transformSchema: (schema: OpenAPI3, ctx: GlobalContext) => unknown[];
  scanDiscriminators: (
    schema: OpenAPI3,
    options: OpenAPITSOptions,
  ) => GlobalContext['discriminators'];
  resolveRef: <T>(schema: OpenAPI3, $ref: string, options: { silent: boolean }) => T | undefined;
  astToString: (nodes: unknown[]) => string;
}

/**
 * What brokergen asks of openapi-typescript. defaultNonNullable: false keeps a property with a
 * `default` optional, as the spec wrote it. With openapi-typescript's default (true),
 * `instance_usable` (default: true) would be required in every OSB error body, and no correct
 * handler could satisfy the types.
 */
const OPTIONS = { silent: true, defaultNonNullable: false } as const satisfies OpenAPITSOptions;

/**
 * openapi-typescript, loaded on first use through `require`. Its ESM build imports
 * `typescript` as ESM, which costs about 400 ms here; the CommonJS build loads the same
 * compiler through `require` in about 190 ms. Runs that never write types never pay either.
 */
function loadOpenapiTypescript(): OpenapiTypescript {
  return createRequire(import.meta.url)(OPENAPI_TYPESCRIPT_PATH) as OpenapiTypescript;
}

/** openapi-typescript's CommonJS entry, as brokergen resolves it (the worker loads the same). */
export const OPENAPI_TYPESCRIPT_PATH = createRequire(import.meta.url).resolve('openapi-typescript');

/**
 * Prints the `paths`, `components` and `operations` types of a bundled OpenAPI document.
 *
 * The spec stage has validated and bundled the document already, so this calls
 * openapi-typescript's transform directly, with the context its `openapiTS` would build from the
 * same options. `openapiTS` would first serialize the document and lint and bundle it again with
 * Redocly, which changes nothing in a bundled document and costs 1.5 s on GitHub's description.
 */
export async function printOpenApiTypes(document: object): Promise<string> {
  const openapiTypescript = loadOpenapiTypescript();
  const schema = document as OpenAPI3;
  const redoc = await createRedoclyConfig('none');
  const context = createContext(openapiTypescript, schema, redoc);
  const nodes = openapiTypescript.transformSchema(schema, context);
  return openapiTypescript.astToString(nodes);
}

/**
 * The plain-data part of openapi-typescript's context for OPTIONS (its defaults, but for what
 * OPTIONS sets): everything but the discriminators scanned from the document and the functions,
 * so that a worker thread can be sent it (types-worker.ts).
 */
export const CONTEXT_SETTINGS = {
  additionalProperties: false,
  alphabetize: false,
  arrayLength: false,
  defaultNonNullable: OPTIONS.defaultNonNullable,
  emptyObjectsUnknown: false,
  enum: false,
  enumValues: false,
  conditionalEnums: false,
  dedupeEnums: false,
  excludeDeprecated: false,
  exportType: false,
  immutable: false,
  rootTypes: false,
  rootTypesNoSchemaPrefix: false,
  rootTypesKeepCasing: false,
  injectFooter: [],
  pathParamsAsTypes: false,
  postTransform: undefined,
  propertiesRequiredByDefault: false,
  silent: OPTIONS.silent,
  inject: undefined,
  transform: undefined,
  transformProperty: undefined,
  makePathsEnum: false,
  generatePathParams: false,
  readWriteMarkers: false,
} as const satisfies Omit<GlobalContext, 'discriminators' | 'redoc' | 'resolve'>;

/** The options `scanDiscriminators` takes, for the worker thread too. */
export const SCAN_OPTIONS = OPTIONS;

/** openapi-typescript's context for OPTIONS: CONTEXT_SETTINGS and what the document gives. */
function createContext(
  openapiTypescript: OpenapiTypescript,
  schema: OpenAPI3,
  redoc: GlobalContext['redoc'],
): GlobalContext {
  return {
    ...CONTEXT_SETTINGS,
    injectFooter: [],
    discriminators: openapiTypescript.scanDiscriminators(schema, OPTIONS),
    redoc,
    resolve: memoize(($ref) =>
      openapiTypescript.resolveRef(schema, $ref, { silent: OPTIONS.silent }),
    ),
  };
}

/**
 * `resolve` answering each `$ref` once: openapi-typescript asks again for every use, 18,984 times
 * for GitHub's 247 references (35-55 ms of its 0.5-0.7 s). The document does not change while it
 * prints, so an answer stays right. The worker thread's program does the same.
 */
function memoize<T>(resolve: ($ref: string) => T): ($ref: string) => T {
  const answers = new Map<string, T>();
  return ($ref) => {
    if (answers.has($ref)) return answers.get($ref) as T;
    const answer = resolve($ref);
    answers.set($ref, answer);
    return answer;
  };
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
  // Through openapiTS itself: this document has not been through the spec stage's bundler.
  const { default: openapiTS, astToString } = loadOpenapiTypescript();
  const redocly = await createRedoclyConfig('none');
  const printed = astToString(await openapiTS(document as OpenAPI3, { ...OPTIONS, redocly }));
  // The document has nothing but schemas: leave out the empty declarations of everything else.
  return printed
    .split('\n')
    .filter((line) => !EMPTY_DECLARATION.test(line))
    .join('\n');
}

const EMPTY_DECLARATION =
  /^(export type (paths|webhooks|\$defs|operations) = Record<string, never>;|\s+(responses|parameters|requestBodies|headers|pathItems): never;)$/;
