/**
 * The entry point of the model stage: a LoadedSpec in, an ApiModel out.
 */
import type { LoadedSpec } from '../spec/spec-document.js';
import { createBuildContext } from './build-context.js';
import { buildOperations } from './build-operation.js';
import { assignSchemaTypeNames, buildSchemas } from './build-schemas.js';
import { buildSecurityRequirements, buildSecuritySchemes } from './build-security.js';
import { buildServers } from './build-servers.js';
import type { ApiModel } from './model.js';
import { readOsbProfiles, readOsbVersions } from './read-osb-facts.js';
import { readObject, readRequiredString } from './spec-object.js';

/**
 * Builds the normalised model of a loaded spec. The document is read, never copied or changed.
 *
 * Steps: (1) name the component schemas, so references can carry type names; (2) read servers
 * and security; (3) build operations in document order; (4) build the schemas.
 *
 * @throws ModelError BG_MODEL_DUPLICATE_OPERATION_ID, BG_MODEL_UNSUPPORTED (an unreadable
 *   `x-osb-*` value), BG_SPEC_REF (a `$ref` to nothing, or a cycle of references that never
 *   reaches an object), BG_SPEC_INVALID (a field the OpenAPI specification forbids)
 * @throws NamingError BG_NAMING_INVALID never in practice: every name has a fallback.
 */
export function buildModel(spec: LoadedSpec): ApiModel {
  const ctx = createBuildContext(spec);
  const root = spec.document;
  const info = readObject(ctx, root, 'info', '#') ?? {};
  const components = readObject(ctx, root, 'components', '#');

  assignSchemaTypeNames(ctx, components);
  const securitySchemes = buildSecuritySchemes(ctx, components);
  const security = buildSecurityRequirements(ctx, root, '#', securitySchemes) ?? [];
  const operations = buildOperations(ctx, root, { security, securitySchemes });
  const schemas = buildSchemas(ctx, components);

  return {
    document: root,
    title: readRequiredString(ctx, info, 'title', '#/info'),
    version: readRequiredString(ctx, info, 'version', '#/info'),
    openapi: spec.version,
    servers: buildServers(ctx, root),
    securitySchemes,
    security,
    osbVersions: readOsbVersions(ctx, root),
    osbProfiles: readOsbProfiles(ctx, root, '#'),
    operations,
    schemas,
    warnings: ctx.warnings,
  };
}
