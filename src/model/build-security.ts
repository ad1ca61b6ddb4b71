/**
 * Security Scheme Objects (OAS 3.0.3 §4.7.27) and Security Requirement Objects (§4.7.30).
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { createModelError } from './build-context.js';
import type { OAuth2Flow, SecurityRequirement, SecurityScheme } from './model.js';
import { resolveObject } from './resolve-ref.js';
import { isSpecObject, readArray, readObject, readObjectEntries } from './spec-object.js';
import { readRequiredString, readString, readStringArray } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

const API_KEY_LOCATIONS = ['query', 'header', 'cookie'] as const;
const OAUTH2_FLOWS = ['implicit', 'password', 'clientCredentials', 'authorizationCode'] as const;

/**
 * `components.securitySchemes`, in document order.
 * @throws ModelError BG_SPEC_INVALID for an unknown type or a missing field, BG_SPEC_REF
 */
export function buildSecuritySchemes(
  ctx: BuildContext,
  components: SpecObject | undefined,
): SecurityScheme[] {
  const schemes = components && readObject(ctx, components, 'securitySchemes', '#/components');
  if (schemes === undefined) return [];
  const schemesPointer = '#/components/securitySchemes';
  return readObjectEntries(ctx, schemes, schemesPointer).map(([name, value]) => {
    const { object, pointer } = resolveObject(ctx, value, appendPointer(schemesPointer, name));
    const base = { name, description: readString(ctx, object, 'description', pointer), pointer };
    const type = readRequiredString(ctx, object, 'type', pointer);
    switch (type) {
      case 'http':
        return {
          ...base,
          type,
          // RFC 9110 §11.1: authentication scheme names are case-insensitive.
          scheme: readRequiredString(ctx, object, 'scheme', pointer).toLowerCase(),
          bearerFormat: readString(ctx, object, 'bearerFormat', pointer),
        };
      case 'apiKey':
        return {
          ...base,
          type,
          in: readOneOf(ctx, object, 'in', pointer, API_KEY_LOCATIONS),
          parameterName: readRequiredString(ctx, object, 'name', pointer),
        };
      case 'oauth2':
        return { ...base, type, flows: buildOAuth2Flows(ctx, object, pointer) };
      case 'openIdConnect':
        return {
          ...base,
          type,
          openIdConnectUrl: readRequiredString(ctx, object, 'openIdConnectUrl', pointer),
        };
      case 'mutualTLS':
        // mutualTLS arrived in OAS 3.1 (§4.8.27); a 3.0 document cannot use it.
        if (ctx.spec.version === '3.1') return { ...base, type };
    }
    throw createModelError(
      ctx,
      'BG_SPEC_INVALID',
      appendPointer(pointer, 'type'),
      `Security scheme type ${JSON.stringify(type)} is not one OpenAPI ${ctx.spec.version} defines`,
      'Use http, apiKey, oauth2 or openIdConnect (or mutualTLS in OpenAPI 3.1).',
    );
  });
}

function buildOAuth2Flows(ctx: BuildContext, scheme: SpecObject, pointer: string): OAuth2Flow[] {
  const flows = readObject(ctx, scheme, 'flows', pointer) ?? {};
  const flowsPointer = appendPointer(pointer, 'flows');
  return OAUTH2_FLOWS.flatMap((type) => {
    const flow = readObject(ctx, flows, type, flowsPointer);
    if (flow === undefined) return [];
    const flowPointer = appendPointer(flowsPointer, type);
    const scopes = readObject(ctx, flow, 'scopes', flowPointer) ?? {};
    return [
      {
        type,
        authorizationUrl: readString(ctx, flow, 'authorizationUrl', flowPointer),
        tokenUrl: readString(ctx, flow, 'tokenUrl', flowPointer),
        refreshUrl: readString(ctx, flow, 'refreshUrl', flowPointer),
        scopes: Object.keys(scopes).map((name) => ({
          name,
          description: readString(ctx, scopes, name, appendPointer(flowPointer, 'scopes')) ?? '',
        })),
      },
    ];
  });
}

function readOneOf<T extends string>(
  ctx: BuildContext,
  object: SpecObject,
  key: string,
  pointer: string,
  allowed: readonly T[],
): T {
  const value = readRequiredString(ctx, object, key, pointer);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw createModelError(
    ctx,
    'BG_SPEC_INVALID',
    appendPointer(pointer, key),
    `${key} must be one of ${allowed.join(', ')}`,
  );
}

/**
 * The `security` list of `owner` (the root or an operation), or undefined when it has none.
 * @throws ModelError BG_SPEC_INVALID when a requirement names an undeclared scheme.
 */
export function buildSecurityRequirements(
  ctx: BuildContext,
  owner: SpecObject,
  pointer: string,
  schemes: readonly SecurityScheme[],
): SecurityRequirement[] | undefined {
  const list = readArray(ctx, owner, 'security', pointer);
  if (list === undefined) return undefined;
  const listPointer = appendPointer(pointer, 'security');
  const declared = new Set(schemes.map((scheme) => scheme.name));
  return list.map((requirement, index) => {
    const requirementPointer = appendPointer(listPointer, index);
    if (!isSpecObject(requirement)) {
      throw createModelError(ctx, 'BG_SPEC_INVALID', requirementPointer, 'An object is expected');
    }
    return {
      schemes: Object.keys(requirement).map((name) => {
        // §4.7.30.1: each name MUST correspond to a scheme declared under components.
        if (!declared.has(name)) {
          throw createModelError(
            ctx,
            'BG_SPEC_INVALID',
            appendPointer(requirementPointer, name),
            `${JSON.stringify(name)} is not a declared security scheme`,
            'Declare the scheme under components.securitySchemes, or fix the name.',
          );
        }
        return { name, scopes: readStringArray(ctx, requirement, name, requirementPointer) ?? [] };
      }),
    };
  });
}
