/**
 * What every mock of one spec shares: its validators, compiled lazily and once however many
 * handlers a test creates. Kept per spec object, so it goes when the spec does.
 */
import type { MockOperation, MockSpec } from './mock-spec.js';
import { MockError } from './errors.js';
import { childPointer } from './schema-node.js';
import { SchemaValidator } from './schema-validator.js';

/** The validators of one mock spec. */
export interface MockContext {
  readonly spec: MockSpec;
  /** Validates bodies, examples and generated values. */
  readonly validator: SchemaValidator;
  /** Validates parameters, reading their text as numbers, booleans and arrays. */
  readonly parameterValidator: SchemaValidator;
  /**
   * The spec's body for a response, by operation, response and seed: it never changes, and
   * checking examples or generating data costs more than sending it again.
   */
  readonly bodies: Map<string, unknown>;
}

const contexts = new WeakMap<MockSpec, MockContext>();

/** The shared context of `spec`. */
export function contextOf(spec: MockSpec): MockContext {
  let context = contexts.get(spec);
  if (context === undefined) {
    let validator: SchemaValidator | undefined;
    let parameterValidator: SchemaValidator | undefined;
    context = {
      spec,
      bodies: new Map(),
      get validator() {
        return (validator ??= new SchemaValidator(spec));
      },
      get parameterValidator() {
        return (parameterValidator ??= new SchemaValidator(spec, { coerce: true }));
      },
    };
    contexts.set(spec, context);
  }
  return context;
}

/**
 * The operation under `key` in `spec`.
 * @throws MockError MOCK_UNKNOWN_OPERATION when the spec has no such operation.
 */
export function operationOf(spec: MockSpec, key: string): MockOperation {
  const operation = Object.hasOwn(spec.operations, key) ? spec.operations[key] : undefined;
  if (operation === undefined) {
    throw new MockError(
      'MOCK_UNKNOWN_OPERATION',
      `The mock spec has no operation ${JSON.stringify(key)}`,
    );
  }
  return operation;
}

/** The pointer of an operation's part in the spec, such as `#/operations/getCatalog/responses/0`. */
export function operationPointer(key: string, ...tokens: ReadonlyArray<string | number>): string {
  return childPointer('#/operations', key, ...tokens) as string;
}
