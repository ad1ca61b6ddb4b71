import { Buffer } from 'node:buffer';
import { childPointer, isCatalogObject, quote } from './catalog-problem.js';
import type { CatalogObject, ReportProblem } from './catalog-problem.js';
import { describeValue } from './check-fields.js';

/**
 * "Schemas Object": the places a plan's parameter schemas live, each an "Input Parameters
 * Schema Object" whose `parameters` is a JSON Schema.
 */
const PARAMETER_SCHEMA_PATHS: ReadonlyArray<readonly [string, string]> = [
  ['service_instance', 'create'],
  ['service_instance', 'update'],
  ['service_binding', 'create'],
];

/**
 * "Schemas MUST NOT be larger than 64kB", measured as the UTF-8 bytes of the schema serialized
 * as JSON (the form a Platform receives), with a kB of 1024 bytes.
 */
export const MAX_SCHEMA_BYTES = 64 * 1024;

/** Keywords whose value is a URI reference to another schema (draft 4 to 2020-12). */
const REFERENCE_KEYWORDS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

/** Keywords whose value is instance data, not a schema: a `$ref` inside is just data. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

/** Keywords whose value maps names to schemas: its keys are names, never keywords. */
const NAMED_SCHEMA_KEYWORDS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'dependentSchemas',
  'dependencies',
]);

/**
 * Rule 39: each parameter schema of a plan declares `$schema`, contains no external reference
 * and is at most 64 kB ("Input Parameters Schema Object"). Platforms validate user input with
 * these schemas and cannot be expected to fetch anything from elsewhere.
 */
export function checkPlanSchemas(
  schemas: unknown,
  pointer: string,
  planLabel: string,
  report: ReportProblem,
): void {
  if (schemas === undefined) return;
  if (!isObjectAt(schemas, pointer, `\`schemas\` of ${planLabel}`, report)) return;
  for (const [resource, action] of PARAMETER_SCHEMA_PATHS) {
    const group = schemas[resource];
    const groupPointer = childPointer(pointer, resource);
    if (group === undefined) continue;
    if (!isObjectAt(group, groupPointer, `\`schemas.${resource}\` of ${planLabel}`, report)) {
      continue;
    }
    const input = group[action];
    const inputPointer = childPointer(groupPointer, action);
    const where = `schemas.${resource}.${action}`;
    if (input === undefined) continue;
    if (!isObjectAt(input, inputPointer, `\`${where}\` of ${planLabel}`, report)) continue;
    const parameters = input['parameters'];
    if (parameters === undefined) continue;
    const label = `\`${where}.parameters\` of ${planLabel}`;
    const parametersPointer = childPointer(inputPointer, 'parameters');
    if (!isObjectAt(parameters, parametersPointer, label, report)) continue;
    checkParameterSchema(parameters, parametersPointer, label, report);
  }
}

function checkParameterSchema(
  schema: CatalogObject,
  pointer: string,
  label: string,
  report: ReportProblem,
): void {
  const dialect = schema['$schema'];
  if (typeof dialect !== 'string' || dialect === '') {
    report({
      rule: 39,
      severity: 'error',
      pointer: dialect === undefined ? pointer : childPointer(pointer, '$schema'),
      message:
        dialect === undefined
          ? `${label} does not declare \`$schema\`, which is REQUIRED`
          : `\`$schema\` of ${label} is ${describeValue(dialect)}; it MUST name a JSON Schema version`,
      hint: 'Add `$schema: http://json-schema.org/draft-04/schema#` (or the draft you use).',
    });
  }
  findExternalReferences(schema, pointer, new Set(), (reference, at) =>
    report({
      rule: 39,
      severity: 'error',
      pointer: at,
      message: `${label} refers to ${quote(reference)}; a parameter schema MUST NOT contain external references`,
      hint: 'Copy the referenced schema into `definitions` (or `$defs`) and refer to it as `#/definitions/...`.',
    }),
  );
  const bytes = jsonByteLength(schema);
  if (bytes === undefined) {
    report({
      rule: 39,
      severity: 'error',
      pointer,
      message: `${label} cannot be serialized as JSON (it holds a cycle or a BigInt)`,
      hint: 'Build the schema as plain JSON data; share a part with `$ref: "#/definitions/..."`.',
    });
  } else if (bytes > MAX_SCHEMA_BYTES) {
    report({
      rule: 39,
      severity: 'error',
      pointer,
      message: `${label} is ${bytes} bytes as JSON; a parameter schema MUST NOT be larger than 64 kB (${MAX_SCHEMA_BYTES} bytes)`,
      hint: 'Shorten descriptions, or move shared parts into `definitions` and refer to them.',
    });
  }
}

/**
 * Walks a schema and calls `found` for each reference that does not start with `#` (the same
 * document). Values of data keywords (`enum`, `default`, ...) are skipped, and so are the keys
 * of `properties` and its kin, which name properties rather than keywords.
 */
function findExternalReferences(
  node: unknown,
  pointer: string,
  visiting: Set<unknown>,
  found: (reference: string, pointer: string) => void,
  keysAreNames = false,
): void {
  if (typeof node !== 'object' || node === null || visiting.has(node)) return;
  visiting.add(node);
  if (Array.isArray(node)) {
    node.forEach((item: unknown, index) =>
      findExternalReferences(item, childPointer(pointer, index), visiting, found),
    );
  } else {
    for (const [key, value] of Object.entries(node)) {
      const at = childPointer(pointer, key);
      if (!keysAreNames && DATA_KEYWORDS.has(key)) continue;
      if (!keysAreNames && REFERENCE_KEYWORDS.has(key) && typeof value === 'string') {
        if (!value.startsWith('#')) found(value, at);
        continue;
      }
      const namesSchemas = !keysAreNames && NAMED_SCHEMA_KEYWORDS.has(key);
      findExternalReferences(value, at, visiting, found, namesSchemas);
    }
  }
  visiting.delete(node);
}

/** The size of a value as UTF-8 JSON, or undefined when it has a cycle. */
function jsonByteLength(value: unknown): number | undefined {
  try {
    return Buffer.byteLength(JSON.stringify(value), 'utf8');
  } catch {
    return undefined;
  }
}

function isObjectAt(
  value: unknown,
  pointer: string,
  label: string,
  report: ReportProblem,
): value is CatalogObject {
  if (isCatalogObject(value)) return true;
  report({
    rule: 39,
    severity: 'error',
    pointer,
    message: `${label} is ${describeValue(value)}; it MUST be an object`,
    hint: 'Shape it as in the "Schemas Object" of the OSB specification, or leave it out.',
  });
  return false;
}
