/**
 * Parameter Objects (OAS 3.0.3 §4.7.12): resolved, merged from the Path Item and the
 * Operation, given OpenAPI's defaults, and grouped by location.
 */
import { appendPointer } from '../errors.js';
import { NameScope } from '../naming.js';
import type { BuildContext } from './build-context.js';
import { addWarning, assignName, createModelError } from './build-context.js';
import { buildContent, buildExamples } from './build-content.js';
import { buildSchemaRef } from './build-schemas.js';
import type { GroupedParameters, ModelParameter, ParameterLocation } from './model.js';
import type { ParameterStyle } from './model.js';
import { readOsbFacts } from './read-osb-facts.js';
import { resolveObject } from './resolve-ref.js';
import type { ResolvedObject } from './resolve-ref.js';
import { getField, readArray, readBoolean, readExtensions, readString } from './spec-object.js';
import { readRequiredString } from './spec-object.js';

const LOCATIONS: readonly ParameterLocation[] = ['path', 'query', 'header', 'cookie'];
const STYLES: readonly string[] = [
  'matrix',
  'label',
  'form',
  'simple',
  'spaceDelimited',
  'pipeDelimited',
  'deepObject',
] satisfies ParameterStyle[];

/** §4.7.12.2: header parameters with these names SHALL be ignored. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** A parameter after resolution, before it is built. */
interface DeclaredParameter extends ResolvedObject {
  readonly name: string;
  readonly in: ParameterLocation;
  /** Name and location; header names compare case-insensitively (RFC 9110 §5.1). */
  readonly key: string;
}

/**
 * The parameters of the operation at `operation`, merged with those of its Path Item (the
 * operation's win on the same name and location) and grouped by location. Path parameters are
 * in the order of the path template, the others in declaration order, path-level first.
 * @throws ModelError BG_SPEC_INVALID for duplicates, a bad `in`, a missing schema, or path
 *   parameters that do not match the template; BG_SPEC_REF for bad references.
 */
export function buildParameters(
  ctx: BuildContext,
  pathItem: ResolvedObject,
  operation: ResolvedObject,
  path: string,
): GroupedParameters {
  const merged = new Map<string, DeclaredParameter>();
  for (const parameter of readDeclaredParameters(ctx, pathItem))
    merged.set(parameter.key, parameter);
  for (const parameter of readDeclaredParameters(ctx, operation))
    merged.set(parameter.key, parameter);

  const template = [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1] ?? '');
  const declared = [...merged.values()].filter((parameter) => !isIgnoredHeader(ctx, parameter));
  checkPathParameters(ctx, declared, template, operation.pointer, path);

  const scope = new NameScope();
  const grouped = LOCATIONS.map((location) => {
    const inLocation = declared.filter((parameter) => parameter.in === location);
    if (location === 'path') {
      inLocation.sort((a, b) => template.indexOf(a.name) - template.indexOf(b.name));
    }
    return inLocation.map((parameter) => buildParameter(ctx, parameter, scope));
  });
  const [pathParameters = [], query = [], header = [], cookie = []] = grouped;
  return { path: pathParameters, query, header, cookie };
}

function readDeclaredParameters(ctx: BuildContext, owner: ResolvedObject): DeclaredParameter[] {
  const list = readArray(ctx, owner.object, 'parameters', owner.pointer) ?? [];
  const listPointer = appendPointer(owner.pointer, 'parameters');
  const keys = new Set<string>();
  return list.map((value, index) => {
    const resolved = resolveObject(ctx, value, appendPointer(listPointer, index));
    const name = readRequiredString(ctx, resolved.object, 'name', resolved.pointer);
    const location = readRequiredString(ctx, resolved.object, 'in', resolved.pointer);
    if (!LOCATIONS.includes(location as ParameterLocation)) {
      throw createModelError(
        ctx,
        'BG_SPEC_INVALID',
        appendPointer(resolved.pointer, 'in'),
        `Parameter location ${JSON.stringify(location)} is not path, query, header or cookie`,
      );
    }
    const key = `${location} ${location === 'header' ? name.toLowerCase() : name}`;
    if (keys.has(key)) {
      throw createModelError(
        ctx,
        'BG_SPEC_INVALID',
        appendPointer(listPointer, index),
        `The ${location} parameter ${JSON.stringify(name)} is declared twice in one list`,
        'Remove one of the two declarations.',
      );
    }
    keys.add(key);
    return { ...resolved, name, in: location as ParameterLocation, key };
  });
}

function isIgnoredHeader(ctx: BuildContext, parameter: DeclaredParameter): boolean {
  if (parameter.in !== 'header' || !IGNORED_HEADERS.has(parameter.name.toLowerCase())) {
    return false;
  }
  addWarning(
    ctx,
    'BG_MODEL_UNSUPPORTED',
    parameter.pointer,
    `The header parameter ${parameter.name} is ignored, as OpenAPI requires`,
    'Describe Accept and Content-Type with content, and Authorization with a security scheme.',
  );
  return true;
}

/** §4.7.12.1: every template expression has a path parameter, and each path parameter is used. */
function checkPathParameters(
  ctx: BuildContext,
  declared: readonly DeclaredParameter[],
  template: readonly string[],
  operationPointer: string,
  path: string,
): void {
  const pathNames = new Set(declared.filter((p) => p.in === 'path').map((p) => p.name));
  const missing = template.find((name) => !pathNames.has(name));
  if (missing !== undefined) {
    throw createModelError(
      ctx,
      'BG_SPEC_INVALID',
      operationPointer,
      `${path} uses {${missing}} but declares no path parameter ${JSON.stringify(missing)}`,
      'Declare the path parameter on the operation or its path item.',
    );
  }
  const unused = declared.find((p) => p.in === 'path' && !template.includes(p.name));
  if (unused !== undefined) {
    throw createModelError(
      ctx,
      'BG_SPEC_INVALID',
      unused.pointer,
      `The path parameter ${JSON.stringify(unused.name)} does not appear in ${path}`,
      'Remove the parameter or add it to the path template.',
    );
  }
}

function buildParameter(
  ctx: BuildContext,
  parameter: DeclaredParameter,
  scope: NameScope,
): ModelParameter {
  const { object, pointer } = parameter;
  const style = readStyle(ctx, parameter);
  const { schema, mediaType } = readParameterSchema(ctx, parameter);
  return {
    name: parameter.name,
    in: parameter.in,
    identifier: assignName(ctx, scope, pointer, (s) =>
      s.toIdentifier(parameter.name, { fallback: `${parameter.in} parameter` }),
    ),
    required: parameter.in === 'path' || (readBoolean(ctx, object, 'required', pointer) ?? false),
    description: readString(ctx, object, 'description', pointer),
    deprecated: readBoolean(ctx, object, 'deprecated', pointer) ?? false,
    schema,
    mediaType,
    style,
    explode: readBoolean(ctx, object, 'explode', pointer) ?? style === 'form',
    allowReserved: readBoolean(ctx, object, 'allowReserved', pointer) ?? false,
    examples: buildExamples(ctx, object, pointer),
    extensions: readExtensions(object),
    pointer,
    ...readOsbFacts(ctx, object, pointer),
  };
}

/**
 * The declared style, else §4.7.12.2's default: `form` for query and cookie, `simple` for path
 * and header.
 */
function readStyle(ctx: BuildContext, parameter: DeclaredParameter): ParameterStyle {
  const style = readString(ctx, parameter.object, 'style', parameter.pointer);
  if (style === undefined) {
    return parameter.in === 'query' || parameter.in === 'cookie' ? 'form' : 'simple';
  }
  if (STYLES.includes(style)) return style as ParameterStyle;
  throw createModelError(
    ctx,
    'BG_SPEC_INVALID',
    appendPointer(parameter.pointer, 'style'),
    `Parameter style ${JSON.stringify(style)} is not one OpenAPI defines`,
    `Use one of ${STYLES.join(', ')}.`,
  );
}

/** §4.7.12.3: a parameter has either `schema`, or `content` with exactly one entry. */
function readParameterSchema(ctx: BuildContext, parameter: DeclaredParameter) {
  const { object, pointer } = parameter;
  const schema = getField(object, 'schema');
  if (schema !== undefined) {
    return {
      schema: buildSchemaRef(ctx, schema, appendPointer(pointer, 'schema')),
      mediaType: undefined,
    };
  }
  const [entry, ...others] = buildContent(ctx, object, pointer);
  if (entry?.schema === undefined || others.length > 0) {
    throw createModelError(
      ctx,
      'BG_SPEC_INVALID',
      pointer,
      `The parameter ${JSON.stringify(parameter.name)} has neither a schema nor one content entry`,
      'Add a `schema` to the parameter.',
    );
  }
  return { schema: entry.schema, mediaType: entry.mediaType };
}
