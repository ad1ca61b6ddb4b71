import Ajv2020 from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import type { ApiModel } from '../../../../src/model/index.js';
import { toJsonSchema } from '../../../helpers/spec-examples.js';

const ORACLE_ID = 'urn:test:spec';

/**
 * Validation against the spec's schemas as written, by an Ajv of its own: the document goes
 * through the test helper the curated-spec test uses (`nullable` with a type), not through the
 * mocks target, so a mistake in the target's conversion cannot hide itself.
 */
export interface SpecOracle {
  /** Ajv's errors for `value` against the schema at a model pointer; empty when it is valid. */
  errors(pointer: string, value: unknown): string;
}

export function createSpecOracle(model: ApiModel): SpecOracle {
  const ajv = new Ajv2020.default({ strict: false, allErrors: false, logger: false });
  ajvFormats.default(ajv);
  const openapi30 = model.openapi === '3.0';
  const raw = openapi30 ? prepare30(model.document) : model.document;
  ajv.addSchema({ ...(toJsonSchema(raw, openapi30) as object), $id: ORACLE_ID });
  return {
    errors(pointer, value) {
      const tokens = pointer
        .slice(2)
        .split('/')
        .map((token) => encodeURIComponent(token));
      const validate = ajv.getSchema(`${ORACLE_ID}#/${tokens.join('/')}`);
      if (validate === undefined) return `no schema at ${pointer}`;
      return validate(value) === true ? '' : ajv.errorsText(validate.errors);
    },
  };
}

/**
 * OpenAPI 3.0 rules the helper's conversion leaves to the validator, which Ajv refuses:
 * `nullable` without `type` (any value or null), and keywords beside a `$ref` (ignored).
 */
function prepare30(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => prepare30(item));
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const isSchema = !['properties', 'patternProperties'].includes(parentKey);
  if (isSchema && typeof object['$ref'] === 'string') return { $ref: object['$ref'] };
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(object)) {
    const literal = ['example', 'examples', 'enum', 'const', 'default'].includes(key);
    Object.defineProperty(copy, key, {
      value: literal ? child : prepare30(child, key),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (isSchema && copy['nullable'] === true && copy['type'] === undefined) {
    delete copy['nullable'];
    return { anyOf: [copy, { type: 'null' }] };
  }
  return copy;
}
