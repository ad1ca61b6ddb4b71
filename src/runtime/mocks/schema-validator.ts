/**
 * Validation against the mock document's schemas with Ajv (JSON Schema 2020-12) and
 * ajv-formats: the one module of the mocks that imports them. Schemas are compiled on first use
 * by their JSON pointer, so a spec as large as GitHub's costs only what a test touches.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';

/**
 * ajv-formats' plugin. The package is CommonJS: Node.js (and TypeScript's NodeNext resolution)
 * import its `module.exports`, whose `default` is the plugin, while bundlers (and `Bundler`
 * resolution) import the plugin itself; this works, and type-checks, either way.
 */
const addFormats = ((ajvFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  ajvFormatsModule) as unknown as FormatsPlugin;

/** The URI under which the mock document is registered; pointers resolve against it. */
const DOCUMENT_ID = 'urn:brokergen:mock-spec';

/** One way a value breaks its schema: where in the value, and what. */
export interface SchemaProblem {
  /** JSON pointer into the value (`/context/platform`), empty for the value itself. */
  readonly path: string;
  readonly message: string;
}

/** Validates values against schemas of one mock document, found by pointer. */
export class SchemaValidator {
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction | undefined>();

  /**
   * `coerce`: read strings as the numbers, booleans and arrays the schema asks for, as query,
   * path and header parameters arrive.
   */
  constructor(document: object, options: { coerce?: boolean } = {}) {
    this.#ajv = new Ajv2020({
      // OpenAPI adds keywords (discriminator, example) and formats Ajv does not know.
      strict: false,
      allErrors: true,
      logger: false,
      coerceTypes: options.coerce === true ? 'array' : false,
    });
    addFormats(this.#ajv);
    this.#ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** Whether `value` is valid for the schema at `pointer` (a value for an unknown pointer is). */
  matches(pointer: string, value: unknown): boolean {
    const validate = this.#validator(pointer);
    return validate === undefined || validate(value) === true;
  }

  /** Everything wrong with `value` for the schema at `pointer`; empty when it is valid. */
  problems(pointer: string, value: unknown): SchemaProblem[] {
    const validate = this.#validator(pointer);
    if (validate === undefined || validate(value) === true) return [];
    return describe(validate.errors ?? []);
  }

  #validator(pointer: string): ValidateFunction | undefined {
    if (this.#compiled.has(pointer)) return this.#compiled.get(pointer);
    let validate: ValidateFunction | undefined;
    try {
      validate = this.#ajv.getSchema(`${DOCUMENT_ID}${pointer}`);
    } catch {
      // A schema Ajv cannot compile (an unsupported regular expression) validates nothing.
      validate = undefined;
    }
    this.#compiled.set(pointer, validate);
    return validate;
  }
}

/** Ajv's errors as problems, without the noise of `anyOf`/`oneOf` summaries. */
function describe(errors: readonly ErrorObject[]): SchemaProblem[] {
  const problems = errors
    .filter((error) => !['anyOf', 'oneOf', 'if'].includes(error.keyword) || errors.length === 1)
    .map((error) => ({ path: error.instancePath, message: messageOf(error) }));
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.path} ${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    return `must be one of ${params['allowedValues'].map((value) => JSON.stringify(value)).join(', ')}`;
  }
  if (error.keyword === 'additionalProperties') {
    return `must not have property ${JSON.stringify(params['additionalProperty'])}`;
  }
  return error.message ?? `breaks ${error.keyword}`;
}
