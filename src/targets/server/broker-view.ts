import { JsonLiteral, TrustedCode } from '../../emit/index.js';
import { NameScope, toPropertyKey } from '../../naming.js';
import type { BrokerSettings, StoreKind } from '../target.js';
import type { OperationView } from './view.js';

/**
 * The operations the broker runtime's `createBrokerHandlers` implements, by method name. A
 * broker spec's other operations (ones the author added) keep user-owned handler classes.
 */
export const BROKER_OPERATIONS: ReadonlySet<string> = new Set([
  'getCatalog',
  'provisionServiceInstance',
  'updateServiceInstance',
  'deprovisionServiceInstance',
  'fetchServiceInstance',
  'pollServiceInstanceLastOperation',
  'createServiceBinding',
  'deleteServiceBinding',
  'fetchServiceBinding',
  'pollServiceBindingLastOperation',
  'getServiceInstanceState',
  'updateServiceInstanceState',
]);

/** Which plan parameter schema a type describes, by the services' input it types. */
export type ParameterKind = 'provision' | 'update' | 'bind';

/** One plan's parameter types, keyed by plan ID in `PlanParameters`. */
export interface PlanParametersView {
  key: TrustedCode;
  planId: string;
  /** `service/plan`, for the JSDoc. */
  label: string;
  kinds: Array<{ kind: ParameterKind; typeName: string }>;
}

/** What the broker's files print: the catalog, its parameter types and the store. */
export interface BrokerView {
  hasCatalog: boolean;
  catalogFile: string;
  /** The catalog as a JavaScript object literal. */
  catalog: JsonLiteral;
  plans: PlanParametersView[];
  hasPlanParameters: boolean;
  hasParameterSchemas: boolean;
  /** The plans' parameter schemas by type name, for openapi-typescript. */
  parameterSchemas: Record<string, object>;
  store: StoreKind;
  embeddedStore: boolean;
  postgresStore: boolean;
  memoryStore: boolean;
  /** The spec has these operations, so `Broker` implements the service methods behind them. */
  hasUpdate: boolean;
  hasBind: boolean;
}

/** Where each parameter schema sits in a plan's `schemas`. */
const SCHEMA_PATHS: ReadonlyArray<{ kind: ParameterKind; path: readonly string[] }> = [
  { kind: 'provision', path: ['service_instance', 'create', 'parameters'] },
  { kind: 'update', path: ['service_instance', 'update', 'parameters'] },
  { kind: 'bind', path: ['service_binding', 'create', 'parameters'] },
];

const KIND_SUFFIX: Record<ParameterKind, string> = {
  provision: 'ProvisionParameters',
  update: 'UpdateParameters',
  bind: 'BindParameters',
};

/**
 * Builds the broker view from the checked catalog. The catalog passed the catalog rules before
 * generation, but this module reads it as plain JSON and skips whatever does not fit.
 */
export function buildBrokerView(
  settings: BrokerSettings,
  operations: readonly OperationView[],
): BrokerView {
  const catalog = isObject(settings.catalog) ? settings.catalog : { services: [] };
  const store = settings.store ?? 'embedded';
  const { plans, parameterSchemas } = collectPlanParameters(catalog);
  const has = (method: string) => operations.some((operation) => operation.methodName === method);
  return {
    hasCatalog: settings.catalog !== undefined,
    catalogFile: settings.catalogFile ?? '',
    catalog: new JsonLiteral(catalog),
    plans,
    hasPlanParameters: plans.length > 0,
    hasParameterSchemas: Object.keys(parameterSchemas).length > 0,
    parameterSchemas,
    store,
    embeddedStore: store === 'embedded',
    postgresStore: store === 'postgres',
    memoryStore: store === 'memory',
    hasUpdate: has('updateServiceInstance'),
    hasBind: has('createServiceBinding') && has('deleteServiceBinding'),
  };
}

function collectPlanParameters(catalog: Record<string, unknown>): {
  plans: PlanParametersView[];
  parameterSchemas: Record<string, object>;
} {
  const names = new NameScope({ reserved: ['PlanParameters', 'components', 'paths'] });
  const plans: PlanParametersView[] = [];
  const parameterSchemas: Record<string, object> = {};
  for (const service of listObjects(catalog['services'])) {
    for (const plan of listObjects(service['plans'])) {
      if (typeof plan['id'] !== 'string') continue;
      const serviceName = typeof service['name'] === 'string' ? service['name'] : '';
      const planName = typeof plan['name'] === 'string' ? plan['name'] : plan['id'];
      const kinds: PlanParametersView['kinds'] = [];
      for (const { kind, path } of SCHEMA_PATHS) {
        const schema = path.reduce<unknown>(
          (node, key) => (isObject(node) ? node[key] : undefined),
          plan['schemas'],
        );
        if (!isObject(schema)) continue;
        const typeName = names.toTypeName(`${serviceName} ${planName} ${KIND_SUFFIX[kind]}`);
        Object.assign(parameterSchemas, hoistDefinitions(typeName, schema));
        kinds.push({ kind, typeName });
      }
      plans.push({
        key: new TrustedCode(toPropertyKey(plan['id'])),
        planId: plan['id'],
        label: `${serviceName}/${planName}`,
        kinds,
      });
    }
  }
  return { plans, parameterSchemas };
}

/**
 * A plan schema as `components.schemas` entries: its local `definitions` / `$defs` become
 * entries of their own (`<Type><Name>`), and the `$ref`s to them point there, because in the
 * OpenAPI document openapi-typescript reads, `#/definitions/...` would point nowhere.
 */
function hoistDefinitions(
  typeName: string,
  schema: Record<string, unknown>,
): Record<string, object> {
  const hoisted: Record<string, object> = {};
  const renamed = new Map<string, string>();
  const scope = new NameScope({ reserved: [typeName] });
  for (const keyword of ['definitions', '$defs']) {
    const definitions = schema[keyword];
    if (!isObject(definitions)) continue;
    for (const name of Object.keys(definitions)) {
      renamed.set(`#/${keyword}/${escapePointer(name)}`, scope.toTypeName(`${typeName} ${name}`));
    }
  }
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!isObject(node)) return node;
    const copy: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$schema') continue;
      const target = key === '$ref' && typeof value === 'string' ? renamed.get(value) : undefined;
      copy[key] = target === undefined ? rewrite(value) : `#/components/schemas/${target}`;
    }
    return copy;
  };
  for (const keyword of ['definitions', '$defs']) {
    const definitions = schema[keyword];
    if (!isObject(definitions)) continue;
    for (const [name, definition] of Object.entries(definitions)) {
      const target = renamed.get(`#/${keyword}/${escapePointer(name)}`);
      if (target !== undefined) hoisted[target] = rewrite(definition) as object;
    }
  }
  const rest = Object.fromEntries(
    Object.entries(schema).filter(([key]) => key !== 'definitions' && key !== '$defs'),
  );
  hoisted[typeName] = rewrite(rest) as object;
  return hoisted;
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function listObjects(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
