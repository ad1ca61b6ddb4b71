/** The model stage: buildModel and the types of the normalised model targets read. */
export { buildModel } from './build-model.js';
export { OSB_PROFILES, selectOsbApi } from './select-osb-api.js';
export type { OsbSelection } from './select-osb-api.js';
export { HTTP_METHODS } from './model.js';
export { parsePointer } from './resolve-ref.js';
export type {
  ApiKeySecurityScheme,
  ApiModel,
  Extensions,
  GroupedParameters,
  HttpMethod,
  HttpSecurityScheme,
  InlineSchemaRef,
  JsonSchema,
  MediaContent,
  ModelExample,
  ModelHeader,
  ModelOperation,
  ModelParameter,
  ModelRequestBody,
  ModelResponse,
  ModelSchema,
  ModelServer,
  MutualTlsSecurityScheme,
  NamedSchemaRef,
  OAuth2Flow,
  OAuth2SecurityScheme,
  OpenIdConnectSecurityScheme,
  OsbFacts,
  ParameterLocation,
  ParameterStyle,
  SchemaProperty,
  SchemaRef,
  SecurityRequirement,
  SecurityScheme,
  ServerVariable,
} from './model.js';
