/** What the parts of the value generator share, kept apart so that they do not import each other. */
import type { Random } from './random.js';
import type { SchemaNode } from './schema-node.js';

/** What generation needs besides the schema. */
export interface GenerateOptions {
  /** The document every `$ref` points into (the mock spec). */
  readonly document: unknown;
  readonly seed: number;
  /** `response` (the default) leaves out optional `writeOnly` properties; `request`, `readOnly` ones. */
  readonly direction?: 'response' | 'request';
  /** Whether `value` is valid for the schema at `pointer` (a validator's answer). */
  readonly matches?: (pointer: string, value: unknown) => boolean;
}

/** How much to generate below a node. */
export interface Depth {
  readonly level: number;
  /** Only what is required: deep in the value, or inside a recursion. */
  readonly lean: boolean;
  /** Inside a recursion: also prefer `null` and the cheapest branch, to end it. */
  readonly recursive: boolean;
}

/** The value a schema that nothing satisfies gets; reported as null at the top. */
export const UNSATISFIABLE: unique symbol = Symbol('unsatisfiable');

/** A generator run, as the object and array parts call back into it. */
export interface ValueSource {
  readonly options: GenerateOptions;
  readonly random: Random;
  /** A value satisfying every schema in `nodes`, or UNSATISFIABLE. */
  generate(nodes: readonly SchemaNode[], depth: Depth): unknown;
}
