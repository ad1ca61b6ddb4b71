/**
 * The normalised model of an OpenAPI document: what every target reads instead of the spec.
 *
 * Defaults are explicit (`style`, `explode`, `required`, `servers`), references are resolved
 * (parameters, request bodies, responses, headers, examples), and identifiers are safe and
 * unique. Schemas are the one part kept as the spec wrote them, because targets hand them to
 * JSON Schema tools (fastify validation, openapi-typescript); a `$ref` to a component schema
 * becomes a `NamedSchemaRef` so that recursive schemas stay references.
 *
 * Lists keep the document's order and are arrays rather than records keyed by spec text, so
 * that a key such as `__proto__` can never reach an object's prototype.
 */
import type { Diagnostic } from '../errors.js';
import type { OpenApiDocument, OpenApiVersion } from '../spec/spec-document.js';

/**
 * A JSON Schema as the spec wrote it: an OpenAPI 3.0 Schema Object, or JSON Schema 2020-12 in
 * 3.1 (`ApiModel.openapi` says which). A 3.1 boolean schema is given as its object form: `true`
 * as `{}`, `false` as `{ not: {} }`; booleans nested inside a schema stay as written.
 */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/** The lowercase HTTP methods a Path Item may hold, in the order operations are listed. */
export const HTTP_METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** An HTTP method, lowercase as Path Item keys are. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Where a parameter is sent: the `in` of a Parameter Object. */
export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

/** How a parameter value is serialised (OAS 3.0.3 §4.7.12.4). */
export type ParameterStyle =
  'matrix' | 'label' | 'form' | 'simple' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/** OSB facts declared with `x-osb-*` extensions; each is undefined when not declared. */
export interface OsbFacts {
  /** `x-osb-since`: the OSB API version that introduced the element, such as `2.14`. */
  readonly since: string | undefined;
  /** `x-osb-profiles`: the OSB profiles the element belongs to. */
  readonly profiles: readonly string[] | undefined;
  /** `x-osb-async`: whether the operation may complete asynchronously (202 and polling). */
  readonly async: boolean | undefined;
}

/** The `x-*` keys of a spec object, with their values as written. */
export type Extensions = Readonly<Record<string, unknown>>;

/** A `$ref` to a schema under `#/components/schemas`. */
export interface NamedSchemaRef {
  readonly kind: 'named';
  /** The component's key, as written. */
  readonly name: string;
  /** The component's `typeName` (see `ModelSchema`). */
  readonly typeName: string;
  /** Pointer of the component schema, `#/components/schemas/<name>`. */
  readonly pointer: string;
}

/** A schema written in place (or referenced somewhere other than `#/components/schemas`). */
export interface InlineSchemaRef {
  readonly kind: 'inline';
  readonly schema: JsonSchema;
  /** Pointer of the schema itself (after following any `$ref` that is not to a component). */
  readonly pointer: string;
  /** The properties it declares directly (see `ModelSchema.properties`). */
  readonly properties: readonly SchemaProperty[];
}

/** How a parameter, body, header or property refers to its schema. */
export type SchemaRef = NamedSchemaRef | InlineSchemaRef;

/** One entry of a schema's `properties`, with the facts targets need beside the schema. */
export interface SchemaProperty extends OsbFacts {
  readonly name: string;
  /** `name` as a TypeScript property key (bare or quoted, see `toPropertyKey`). */
  readonly propertyKey: string;
  /** Whether the parent schema lists it in `required`. */
  readonly required: boolean;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly schema: SchemaRef;
  readonly pointer: string;
}

/** A schema under `#/components/schemas`. */
export interface ModelSchema {
  /** The component's key, as written. */
  readonly name: string;
  /** A PascalCase type name, unique among the API's schemas. */
  readonly typeName: string;
  readonly pointer: string;
  readonly schema: JsonSchema;
  /**
   * The entries of the schema's own `properties`, for their OSB facts and keys. Properties
   * under `allOf`, `oneOf`, `items` and the like are listed where a component declares them.
   */
  readonly properties: readonly SchemaProperty[];
}

/** An Example Object (or the single `example` value, which has no name). */
export interface ModelExample {
  readonly name: string | undefined;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly value: unknown;
  readonly externalValue: string | undefined;
  readonly pointer: string;
}

/** A Media Type Object together with its media type. */
export interface MediaContent {
  /** The key as written, such as `application/json; charset=utf-8`. */
  readonly mediaType: string;
  readonly schema: SchemaRef | undefined;
  readonly examples: readonly ModelExample[];
  readonly pointer: string;
}

/** A Parameter Object after `$ref` resolution, with OpenAPI's defaults filled in. */
export interface ModelParameter extends OsbFacts {
  readonly name: string;
  readonly in: ParameterLocation;
  /** A camelCase identifier, unique among the operation's parameters. */
  readonly identifier: string;
  /** Always true for path parameters. */
  readonly required: boolean;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  /** From `schema`, or from the single entry of `content`. */
  readonly schema: SchemaRef;
  /** The media type when the parameter uses `content` instead of `schema`. */
  readonly mediaType: string | undefined;
  /** `form` for query and cookie, `simple` for path and header, unless declared. */
  readonly style: ParameterStyle;
  /** True when `style` is `form`, unless declared. */
  readonly explode: boolean;
  readonly allowReserved: boolean;
  readonly examples: readonly ModelExample[];
  readonly extensions: Extensions;
  /** Where the parameter is defined (a component's pointer when it was referenced). */
  readonly pointer: string;
}

/** An operation's parameters by location, each list in declaration order. */
export interface GroupedParameters {
  readonly path: readonly ModelParameter[];
  readonly query: readonly ModelParameter[];
  readonly header: readonly ModelParameter[];
  readonly cookie: readonly ModelParameter[];
}

/** A Request Body Object (OAS 3.0.3 §4.7.13), `required` false unless declared. */
export interface ModelRequestBody {
  readonly required: boolean;
  readonly description: string | undefined;
  readonly content: readonly MediaContent[];
  /** The first JSON media type (`application/json`, then any `+json`), if any. */
  readonly jsonContent: MediaContent | undefined;
  readonly jsonSchema: SchemaRef | undefined;
  readonly extensions: Extensions;
  readonly pointer: string;
}

/** A response Header Object (OAS 3.0.3 §4.7.21) with the name it is listed under. */
export interface ModelHeader {
  readonly name: string;
  readonly required: boolean;
  readonly description: string | undefined;
  readonly deprecated: boolean;
  readonly schema: SchemaRef;
  readonly pointer: string;
}

/** A Response Object (OAS 3.0.3 §4.7.17) with the status it answers. */
export interface ModelResponse {
  /** `200`, `2XX` or `default`, as written. */
  readonly status: string;
  /** A 2xx status or the `2XX` range. */
  readonly isSuccess: boolean;
  readonly description: string;
  readonly content: readonly MediaContent[];
  readonly jsonContent: MediaContent | undefined;
  readonly jsonSchema: SchemaRef | undefined;
  readonly headers: readonly ModelHeader[];
  readonly extensions: Extensions;
  readonly pointer: string;
}

/** A Security Scheme Object, discriminated by its `type`. */
export type SecurityScheme =
  | HttpSecurityScheme
  | ApiKeySecurityScheme
  | OAuth2SecurityScheme
  | OpenIdConnectSecurityScheme
  | MutualTlsSecurityScheme;

interface SecuritySchemeBase {
  /** The key under `components.securitySchemes`. */
  readonly name: string;
  readonly description: string | undefined;
  readonly pointer: string;
}

/** HTTP authentication (RFC 9110 §11): Basic, Bearer or another scheme. */
export interface HttpSecurityScheme extends SecuritySchemeBase {
  readonly type: 'http';
  /** Lowercased, as HTTP auth schemes are case-insensitive: `basic`, `bearer`, ... */
  readonly scheme: string;
  readonly bearerFormat: string | undefined;
}

/** A key sent in a header, query parameter or cookie. */
export interface ApiKeySecurityScheme extends SecuritySchemeBase {
  readonly type: 'apiKey';
  readonly in: 'query' | 'header' | 'cookie';
  /** The header, query or cookie name that carries the key (the spec's `name` field). */
  readonly parameterName: string;
}

/** One OAuth 2.0 flow of an `oauth2` scheme (OAS 3.0.3 §4.7.29). */
export interface OAuth2Flow {
  readonly type: 'implicit' | 'password' | 'clientCredentials' | 'authorizationCode';
  readonly authorizationUrl: string | undefined;
  readonly tokenUrl: string | undefined;
  readonly refreshUrl: string | undefined;
  /** Scope names with their descriptions. */
  readonly scopes: ReadonlyArray<{ readonly name: string; readonly description: string }>;
}

/** OAuth 2.0 with the flows it declares, in the order the spec lists flow types. */
export interface OAuth2SecurityScheme extends SecuritySchemeBase {
  readonly type: 'oauth2';
  readonly flows: readonly OAuth2Flow[];
}

/** OpenID Connect discovery. */
export interface OpenIdConnectSecurityScheme extends SecuritySchemeBase {
  readonly type: 'openIdConnect';
  readonly openIdConnectUrl: string;
}

/** Mutual TLS, OpenAPI 3.1 only. */
export interface MutualTlsSecurityScheme extends SecuritySchemeBase {
  readonly type: 'mutualTLS';
}

/**
 * One Security Requirement Object: every listed scheme must be satisfied. An empty list is
 * the `{}` requirement, which makes authentication optional.
 */
export interface SecurityRequirement {
  readonly schemes: ReadonlyArray<{ readonly name: string; readonly scopes: readonly string[] }>;
}

/** A substitution variable of a server URL template. */
export interface ServerVariable {
  readonly name: string;
  readonly default: string;
  readonly enum: readonly string[] | undefined;
  readonly description: string | undefined;
}

/** A Server Object (OAS 3.0.3 §4.7.5); its URL may hold `{variable}` templates. */
export interface ModelServer {
  readonly url: string;
  readonly description: string | undefined;
  readonly variables: readonly ServerVariable[];
}

/** One operation: a method on a path, with everything a target needs to serve or call it. */
export interface ModelOperation extends OsbFacts {
  /** From the spec, or made from method and path when missing (see below). */
  readonly operationId: string;
  readonly operationIdSynthesised: boolean;
  /** A camelCase method name, unique across the API. */
  readonly methodName: string;
  readonly method: HttpMethod;
  /** The path template as written, such as `/v2/service_instances/{instance_id}`. */
  readonly path: string;
  /** Pointer of the Operation Object, such as `#/paths/~1v2~1catalog/get`. */
  readonly pointer: string;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly tags: readonly string[];
  readonly deprecated: boolean;
  /** The operation's own `security`, else the global one; empty means no authentication. */
  readonly security: readonly SecurityRequirement[];
  readonly parameters: GroupedParameters;
  readonly requestBody: ModelRequestBody | undefined;
  /**
   * In the order of the Responses Object's keys as JavaScript lists them: status codes in
   * ascending order, then ranges (`2XX`) and `default` as written.
   */
  readonly responses: readonly ModelResponse[];
  readonly extensions: Extensions;
}

/**
 * The normalised model of one OpenAPI document. Callbacks, webhooks and operation-level
 * `servers` are not modelled.
 */
export interface ApiModel {
  /**
   * The bundled document, for tools that read OpenAPI themselves (openapi-typescript). Every
   * fact the model carries must be read from the model, not from here.
   */
  readonly document: Readonly<OpenApiDocument>;
  readonly title: string;
  /** `info.version`: the version of the API, not of OpenAPI. */
  readonly version: string;
  readonly openapi: OpenApiVersion;
  /** `[{ url: '/' }]` when the spec declares none (OAS 3.0.3 §4.7.2). */
  readonly servers: readonly ModelServer[];
  readonly securitySchemes: readonly SecurityScheme[];
  /** The global `security`; empty when absent. */
  readonly security: readonly SecurityRequirement[];
  /** Root `x-osb-versions`: the OSB API versions the spec covers. */
  readonly osbVersions: readonly string[] | undefined;
  /** Root `x-osb-profiles`. */
  readonly osbProfiles: readonly string[] | undefined;
  /** In document order: by path, then get, put, post, delete, options, head, patch, trace. */
  readonly operations: readonly ModelOperation[];
  /** `components.schemas` in document order. */
  readonly schemas: readonly ModelSchema[];
  /** What the model tolerated: renamed identifiers, synthesised operationIds, ignored headers. */
  readonly warnings: readonly Diagnostic[];
}
