import { JsonLiteral, TrustedCode } from '../../emit/index.js';
import type { ApiModel, ModelOperation, ModelResponse } from '../../model/index.js';
import { NameScope, toPropertyKey, toTypeName } from '../../naming.js';
import { keepsSingleQuotes, toDocText } from '../output-layout.js';
import type { DocText } from '../output-layout.js';
import { componentsSchemaId, toFastifySchema } from './fastify-schema.js';
import type { SchemaUse } from './fastify-schema.js';
import type { BrokerSettings } from '../target.js';
import { BROKER_OPERATIONS, buildBrokerView } from './broker-view.js';
import type { BrokerView } from './broker-view.js';
import { buildRouteSchema } from './route-schema.js';
import { keepsLiterals, layOutGroup, layOutOperation } from './layout.js';
import type { GroupLayout, OperationLayout, OperationNames } from './layout.js';
import { toRouteUrl } from './route-url.js';

/** One header parameter of a request type: its lower-cased key and its name in the spec. */
export interface HeaderView {
  key: TrustedCode;
  name: string;
  required: boolean;
}

/** One status/body pair of a reply union. */
export interface ReplyView {
  /** A numeric literal type, or `number` for `default` and ranges such as `2XX`. */
  status: TrustedCode;
  /** The key of `responses` as written. */
  statusKey: string;
  hasBody: boolean;
  mediaType: string;
  /** In a reply union prettier breaks, whether this reply's object type takes lines of its own. */
  expanded: boolean;
}

/** Everything the templates print about one operation, and how the output style lays it out. */
export interface OperationView
  extends Omit<OperationLayout, 'repliesExpanded'>, Omit<OperationNames, 'replies'> {
  operationId: string;
  httpMethod: string;
  url: string;
  summary: string;
  /** The summary a line at a time, for JSDoc blocks. */
  summaryDoc: DocText;
  hasSummary: boolean;
  deprecated: boolean;
  hasParams: boolean;
  hasQuery: boolean;
  hasHeaders: boolean;
  headers: HeaderView[];
  replies: ReplyView[];
  /** The route's JSON Schemas, as a JavaScript object literal. */
  schema: JsonLiteral;
  /** Whether the route maps renamed path parameters back to the spec's names. */
  hasRenamedParams: boolean;
  renamedParams: Array<{ key: TrustedCode; routeName: string }>;
  public: boolean;
  /** A broker route whose operation declares no X-Broker-API-Version header (IBM's `/bluemix_v1`). */
  skipsApiVersion: boolean;
  /** Whether the route sets any `config`. */
  hasConfig: boolean;
  /** Whether prettier prints the operation's string literals and keys as `handlers.ts` does. */
  keepsLiterals: boolean;
}

/** The operations of one tag: one user-owned handler file and one interface. */
export interface GroupView extends GroupLayout {
  tag: string;
  /** The tag a line at a time, for JSDoc blocks. */
  tagDoc: DocText;
  className: string;
  interfaceName: string;
  /** The handler file, relative to the output directory. */
  file: string;
  /** `./handlers/<file>.js`, as server.ts imports it. */
  importPath: string;
  operations: OperationView[];
  /** The types the handler file imports, sorted. */
  imports: string[];
  /** Module specifiers of the generated files the handler file imports. */
  modules: { handlers: string; runtime: string };
  /**
   * Whether prettier prints the handler file's string literals as its template does; if not,
   * the file is formatted whole (see output-layout.ts).
   */
  keepsLiterals: boolean;
}

/** Module specifiers of the generated files `server.ts` and `broker.ts` import. */
export interface ServerModules {
  routes: string;
  runtime: string;
  brokerRuntime: string;
  catalog: string;
  embeddedStore: string;
  postgresStore: string;
}

export interface ServerView {
  title: string;
  operations: OperationView[];
  hasOperations: boolean;
  /**
   * Whether prettier prints the string literals and keys of `handlers.ts` as its template does;
   * if not, the file is formatted whole (see output-layout.ts).
   */
  handlersKeepLiterals: boolean;
  /** The same for the user's `server.ts`, whose literals are module specifiers. */
  serverKeepsLiterals: boolean;
  /** User-owned handler classes: every tag's, or for a broker the operations it adds to OSB's. */
  groups: GroupView[];
  hasGroups: boolean;
  /** The spec's schemas as one JSON Schema, for Fastify's `addSchema`: for requests, for replies. */
  componentsSchema: JsonLiteral;
  replyComponentsSchema: JsonLiteral;
  /** Basic and/or Bearer security is declared. */
  hasAuthentication: boolean;
  /** The spec describes an OSB broker (it has `x-osb-versions`). */
  isBroker: boolean;
  minimumVersion: string;
  maximumVersion: string;
  /** For a broker: its catalog, plan parameter types and store. */
  broker: BrokerView | undefined;
  modules: ServerModules;
}

/** Names every type `handlers.ts` declares itself, so operation types cannot take them. */
const HANDLERS_FILE_NAMES = ['Handlers', 'ReplyHeaders', 'FastifyRequest', 'paths'];

/** Builds the view of every server file from the model (and, for a broker, its settings). */
export function buildServerView(
  model: ApiModel,
  brokerSettings: BrokerSettings = {},
  generatedDir = '',
): ServerView {
  const fromRoot = (path: string) => importPath('.', generatedDir, path);
  const scope = new NameScope({ reserved: HANDLERS_FILE_NAMES });
  const isBroker = (model.osbVersions ?? []).length > 0;
  const operations = model.operations.map((operation) =>
    buildOperationView(operation, scope, isBroker),
  );
  // A broker's OSB operations are the runtime's; only operations the author added get classes.
  const own = (index: number) =>
    !isBroker || !BROKER_OPERATIONS.has(operations[index]?.methodName ?? '');
  const groups = groupOperations(
    model.operations.filter((_, index) => own(index)),
    operations.filter((_, index) => own(index)),
    scope,
    {
      handlers: importPath('..', generatedDir, 'server/handlers.js'),
      runtime: importPath('..', generatedDir, 'server/runtime/index.js'),
    },
  );
  const versions = model.osbVersions ?? [];
  const hasSecurity = model.operations.some((operation) => operation.security.length > 0);
  return {
    title: model.title,
    operations,
    hasOperations: operations.length > 0,
    handlersKeepLiterals: operations.every((operation) => operation.keepsLiterals),
    serverKeepsLiterals: [
      fromRoot('server/routes.js'),
      fromRoot('server/runtime/index.js'),
      ...groups.map((group) => group.importPath),
    ].every(keepsSingleQuotes),
    groups,
    hasGroups: groups.length > 0,
    componentsSchema: new JsonLiteral(buildComponentsSchema(model, 'request')),
    replyComponentsSchema: new JsonLiteral(buildComponentsSchema(model, 'reply')),
    hasAuthentication: hasSecurity,
    isBroker: versions.length > 0,
    minimumVersion: versions[0] ?? '',
    maximumVersion: versions.at(-1) ?? '',
    broker: isBroker ? buildBrokerView(brokerSettings, operations) : undefined,
    modules: {
      routes: fromRoot('server/routes.js'),
      runtime: fromRoot('server/runtime/index.js'),
      brokerRuntime: fromRoot('server/runtime/broker/index.js'),
      catalog: fromRoot('server/catalog.js'),
      embeddedStore: fromRoot('server/runtime/broker/store/embedded-store.js'),
      postgresStore: fromRoot('server/runtime/broker/store/postgres-store.js'),
    },
  };
}

/** A relative module specifier from a user file (`from`: `.` or `..`) to a generated file. */
function importPath(from: string, generatedDir: string, path: string): string {
  return [from, ...generatedDir.split('/').filter((part) => part !== ''), path].join('/');
}

function buildOperationView(
  operation: ModelOperation,
  scope: NameScope,
  isBroker: boolean,
): OperationView {
  const base = toTypeName(operation.methodName);
  const { url, parameters } = toRouteUrl(operation.path);
  const body = operation.requestBody;
  const renamed = parameters.filter((parameter) => parameter.routeName !== parameter.name);
  const isPublic =
    operation.security.length === 0 ||
    operation.security.some((requirement) => requirement.schemes.length === 0);
  const skipsApiVersion =
    isBroker &&
    !operation.parameters.header.some(
      (header) => header.name.toLowerCase() === 'x-broker-api-version',
    );
  const names = {
    methodName: operation.methodName,
    operationType: scope.toTypeName(`${base}Operation`),
    headersType: scope.toTypeName(`${base}Headers`),
    requestType: scope.toTypeName(`${base}Request`),
    replyType: scope.toTypeName(`${base}Reply`),
    path: operation.path,
    method: operation.method,
    hasBody: body?.jsonContent !== undefined,
    bodyOptional: body?.required !== true,
    bodyMediaType: body?.jsonContent?.mediaType ?? '',
  };
  const replies = operation.responses.map(buildReplyView);
  const headers = operation.parameters.header.map((header) => ({
    key: new TrustedCode(toPropertyKey(header.name.toLowerCase())),
    name: header.name,
    required: header.required,
  }));
  const printed = {
    ...names,
    replies: replies.map((reply) => ({ ...reply, status: reply.status.code })),
  };
  const { repliesExpanded, ...layout } = layOutOperation(printed);
  return {
    ...names,
    ...layout,
    operationId: operation.operationId,
    httpMethod: operation.method.toUpperCase(),
    url,
    summary: operation.summary ?? '',
    summaryDoc: toDocText(operation.summary ?? ''),
    hasSummary: operation.summary !== undefined,
    deprecated: operation.deprecated,
    hasParams: operation.parameters.path.length > 0,
    hasQuery: operation.parameters.query.length > 0,
    hasHeaders: headers.length > 0,
    headers,
    replies: replies.map((reply, index) => ({
      ...reply,
      expanded: repliesExpanded[index] ?? false,
    })),
    keepsLiterals: keepsLiterals(
      printed,
      headers.map((header) => ({ key: header.key.code, name: header.name })),
    ),
    schema: new JsonLiteral(buildRouteSchema(operation, parameters)),
    hasRenamedParams: renamed.length > 0,
    renamedParams: renamed.map((parameter) => ({
      key: new TrustedCode(toPropertyKey(parameter.name)),
      routeName: parameter.routeName,
    })),
    public: isPublic,
    skipsApiVersion,
    hasConfig: isPublic || skipsApiVersion,
  };
}

function buildReplyView(response: ModelResponse): Omit<ReplyView, 'expanded'> {
  const numeric = /^[1-5][0-9][0-9]$/.test(response.status);
  const content = response.jsonContent ?? response.content[0];
  return {
    status: new TrustedCode(numeric ? response.status : 'number'),
    statusKey: response.status,
    hasBody: content !== undefined,
    mediaType: content?.mediaType ?? '',
  };
}

function groupOperations(
  models: readonly ModelOperation[],
  views: readonly OperationView[],
  scope: NameScope,
  modules: GroupView['modules'],
): GroupView[] {
  const byTag = new Map<string, OperationView[]>();
  models.forEach((operation, index) => {
    const tag = operation.tags[0] ?? 'default';
    const view = views[index];
    if (view !== undefined) byTag.set(tag, [...(byTag.get(tag) ?? []), view]);
  });
  const files = new NameScope();
  return [...byTag].map(([tag, operations]) => {
    const file = files.toFileName(tag, { fallback: 'handlers' });
    const interfaceName = scope.toTypeName(`${toTypeName(tag, { fallback: 'Default' })}Handlers`);
    const imports = [
      interfaceName,
      ...operations.flatMap((op) => [op.requestType, op.replyType]),
    ].sort();
    return {
      tag,
      tagDoc: toDocText(tag),
      className: scope.toTypeName(`${toTypeName(tag, { fallback: 'Default' })}Service`),
      interfaceName,
      file: `handlers/${file}.ts`,
      importPath: `./handlers/${file}.js`,
      operations,
      imports,
      modules,
      ...layOutGroup(
        interfaceName,
        operations.map((op) => op.methodName),
        imports,
        modules.handlers,
      ),
      keepsLiterals: [
        ...operations.map((op) => op.operationId),
        modules.handlers,
        modules.runtime,
      ].every(keepsSingleQuotes),
    };
  });
}

function buildComponentsSchema(model: ApiModel, use: SchemaUse): unknown {
  const definitions: Record<string, unknown> = {};
  for (const schema of model.schemas) {
    Object.defineProperty(definitions, schema.name, {
      value: toFastifySchema(schema.schema, use),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { $id: componentsSchemaId(use), definitions };
}
