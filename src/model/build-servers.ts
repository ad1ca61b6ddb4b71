/**
 * Server Objects (OAS 3.0.3 §4.7.5) and their variables (§4.7.6).
 */
import { appendPointer } from '../errors.js';
import type { BuildContext } from './build-context.js';
import { createModelError } from './build-context.js';
import type { ModelServer } from './model.js';
import { isSpecObject, readArray, readObject, readObjectEntries } from './spec-object.js';
import { readRequiredString, readString, readStringArray } from './spec-object.js';
import type { SpecObject } from './spec-object.js';

/**
 * The root `servers`, or `[{ url: '/' }]` when there are none (§4.7.2: the default server).
 * @throws ModelError BG_SPEC_INVALID
 */
export function buildServers(ctx: BuildContext, root: SpecObject): ModelServer[] {
  const servers = readArray(ctx, root, 'servers', '#') ?? [];
  if (servers.length === 0) return [{ url: '/', description: undefined, variables: [] }];
  return servers.map((server, index) => {
    const pointer = appendPointer('#/servers', index);
    if (!isSpecObject(server)) {
      throw createModelError(ctx, 'BG_SPEC_INVALID', pointer, 'A Server Object is expected');
    }
    const variables = readObject(ctx, server, 'variables', pointer) ?? {};
    const variablesPointer = appendPointer(pointer, 'variables');
    return {
      url: readRequiredString(ctx, server, 'url', pointer),
      description: readString(ctx, server, 'description', pointer),
      variables: readObjectEntries(ctx, variables, variablesPointer).map(([name, variable]) => {
        const variablePointer = appendPointer(variablesPointer, name);
        return {
          name,
          default: readRequiredString(ctx, variable, 'default', variablePointer),
          enum: readStringArray(ctx, variable, 'enum', variablePointer),
          description: readString(ctx, variable, 'description', variablePointer),
        };
      }),
    };
  });
}
