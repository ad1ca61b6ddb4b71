/**
 * Operation Objects (OAS 3.0.3 §4.7.10) of every Path Item (§4.7.9), in document order.
 */
import { appendPointer } from '../errors.js';
import { toIdentifier } from '../naming.js';
import type { BuildContext } from './build-context.js';
import { addWarning, assignName, createModelError } from './build-context.js';
import { buildParameters } from './build-parameters.js';
import { buildRequestBody } from './build-request-body.js';
import { buildResponses } from './build-responses.js';
import { buildSecurityRequirements } from './build-security.js';
import { HTTP_METHODS } from './model.js';
import type { HttpMethod, ModelOperation, SecurityRequirement, SecurityScheme } from './model.js';
import { readOsbFacts } from './read-osb-facts.js';
import { resolveObject } from './resolve-ref.js';
import type { ResolvedObject } from './resolve-ref.js';
import {
  getField,
  readBoolean,
  readExtensions,
  readObject,
  readObjectEntries,
} from './spec-object.js';
import { readString, readStringArray } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

/** Where an operation is: its path, method, Path Item and Operation Object. */
interface OperationSite {
  readonly path: string;
  readonly method: HttpMethod;
  readonly pathItem: ResolvedObject;
  readonly operation: ResolvedObject;
  /** The operationId as written, or undefined. */
  readonly operationId: string | undefined;
}

/** What every operation inherits from the root. */
export interface OperationDefaults {
  readonly security: readonly SecurityRequirement[];
  readonly securitySchemes: readonly SecurityScheme[];
}

/**
 * Every operation of the document, in paths order and then in HTTP_METHODS order.
 * @throws ModelError BG_MODEL_DUPLICATE_OPERATION_ID at the second of two operations sharing an
 *   operationId; BG_SPEC_INVALID, BG_SPEC_REF, BG_MODEL_UNSUPPORTED from the parts.
 */
export function buildOperations(
  ctx: BuildContext,
  root: SpecObject,
  defaults: OperationDefaults,
): ModelOperation[] {
  const sites = listOperationSites(ctx, root);
  const declaredIds = collectOperationIds(ctx, sites);
  const usedIds = new Set(declaredIds.keys());
  return sites.map((site) => {
    const { operationId, synthesised } =
      site.operationId === undefined
        ? { operationId: synthesiseOperationId(ctx, site, usedIds), synthesised: true }
        : { operationId: site.operationId, synthesised: false };
    return buildOperation(ctx, site, operationId, synthesised, defaults);
  });
}

function listOperationSites(ctx: BuildContext, root: SpecObject): OperationSite[] {
  const paths = readObject(ctx, root, 'paths', '#') ?? {};
  const sites: OperationSite[] = [];
  for (const [path, value] of readObjectEntries(ctx, paths, '#/paths', { skipExtensions: true })) {
    const pathItem = resolveObject(ctx, value, appendPointer('#/paths', path));
    for (const method of HTTP_METHODS) {
      const operationValue = getField(pathItem.object, method);
      if (operationValue === undefined) continue;
      const operation = resolveObject(ctx, operationValue, appendPointer(pathItem.pointer, method));
      const operationId = readString(ctx, operation.object, 'operationId', operation.pointer);
      sites.push({ path, method, pathItem, operation, operationId });
    }
  }
  return sites;
}

/** §4.7.10.1: operationIds are unique among all operations. */
function collectOperationIds(ctx: BuildContext, sites: readonly OperationSite[]) {
  const firstPointers = new Map<string, string>();
  for (const { operationId, operation } of sites) {
    if (operationId === undefined) continue;
    const first = firstPointers.get(operationId);
    if (first !== undefined) {
      throw createModelError(
        ctx,
        'BG_MODEL_DUPLICATE_OPERATION_ID',
        appendPointer(operation.pointer, 'operationId'),
        `operationId ${JSON.stringify(operationId)} is used twice`,
        `It is first used at ${first}; rename one of the two.`,
      );
    }
    firstPointers.set(operationId, appendPointer(operation.pointer, 'operationId'));
  }
  return firstPointers;
}

/**
 * An operationId made from the method and path, such as `getV2ServiceInstancesByInstanceId`
 * for `get /v2/service_instances/{instance_id}`; numbered if an operation already has it.
 */
function synthesiseOperationId(
  ctx: BuildContext,
  site: OperationSite,
  usedIds: Set<string>,
): string {
  const base = toIdentifier(`${site.method} ${describePath(site.path)}`);
  let operationId = base;
  for (let counter = 2; usedIds.has(operationId); counter += 1) operationId = `${base}${counter}`;
  usedIds.add(operationId);
  addWarning(
    ctx,
    'BG_MODEL_MISSING_OPERATION_ID',
    site.operation.pointer,
    `${site.method.toUpperCase()} ${site.path} has no operationId; it is called ${operationId}`,
    'Add an operationId to keep the generated name when the path changes.',
  );
  return operationId;
}

/** The path as words: `/v2/instances/{instance_id}` → `v2 instances by instance_id`. */
function describePath(path: string): string {
  return path.replace(/\{([^{}]*)\}/g, ' by $1 ');
}

function buildOperation(
  ctx: BuildContext,
  site: OperationSite,
  operationId: string,
  synthesised: boolean,
  defaults: OperationDefaults,
): ModelOperation {
  const { object, pointer } = site.operation;
  const idPointer = synthesised ? pointer : appendPointer(pointer, 'operationId');
  const methodName = assignName(ctx, ctx.methodNames, idPointer, (scope) =>
    scope.toMethodName(operationId, { fallback: `${site.method} ${describePath(site.path)}` }),
  );
  return {
    operationId,
    operationIdSynthesised: synthesised,
    methodName,
    method: site.method,
    path: site.path,
    pointer,
    summary: readString(ctx, object, 'summary', pointer),
    description: readString(ctx, object, 'description', pointer),
    tags: readStringArray(ctx, object, 'tags', pointer) ?? [],
    deprecated: readBoolean(ctx, object, 'deprecated', pointer) ?? false,
    // §4.7.10.1: an operation's `security` replaces the global one; `[]` removes it.
    security:
      buildSecurityRequirements(ctx, object, pointer, defaults.securitySchemes) ??
      defaults.security,
    parameters: buildParameters(ctx, site.pathItem, site.operation, site.path),
    requestBody: buildRequestBody(ctx, site.operation),
    responses: buildResponses(ctx, site.operation),
    extensions: readExtensions(object),
    ...readOsbFacts(ctx, object, pointer),
  };
}
