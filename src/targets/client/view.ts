import type { ApiModel } from '../../model/index.js';
import { NameScope } from '../../naming.js';
import { buildBrokerView } from './broker-view.js';
import type { BrokerView } from './broker-view.js';
import { buildOperationView, nameOperationFunction } from './operation-view.js';
import type { ClientOperationView } from './operation-view.js';

/** Everything `templates/client/client.ts.hbs` prints. */
export interface ClientView {
  title: string;
  /** The spec describes an OSB broker (it has `x-osb-versions`). */
  isBroker: boolean;
  /** The newest OSB version the spec describes: the default `X-Broker-API-Version`. */
  brokerApiVersion: string;
  operations: ClientOperationView[];
  hasOperations: boolean;
  /** Whether any operation refers to the `paths` type of `types.ts`. */
  usesPaths: boolean;
  /** What `client.ts` imports from its runtime, sorted; only what it uses. */
  runtimeImports: string[];
  runtimeTypeImports: string[];
  /** The view of `broker.ts`, for OSB specs only. */
  broker: BrokerView | undefined;
}

/**
 * Names `client.ts` declares or imports itself, so that no operation takes them. Operation
 * functions are named first, so they keep their operationId's name against their own types.
 */
export const CLIENT_FILE_NAMES = [
  'paths',
  'ApiError',
  'CallOptions',
  'ClientConfig',
  'ClientOptions',
  'createClientConfig',
  'sendRequest',
  'bindOperations',
  'createClient',
  'bindClient',
];

/** Builds the view of `client.ts` (and of `broker.ts` for an OSB spec) from the model. */
export function buildClientView(model: ApiModel): ClientView {
  const scope = new NameScope({ reserved: CLIENT_FILE_NAMES });
  const isBroker = (model.osbVersions ?? []).length > 0;
  const functionNames = model.operations.map((operation) =>
    nameOperationFunction(operation, scope),
  );
  const operations = model.operations.map((operation, index) =>
    buildOperationView(operation, functionNames[index] ?? '', scope, isBroker),
  );
  const hasOperations = operations.length > 0;
  return {
    title: model.title,
    isBroker,
    brokerApiVersion: model.osbVersions?.at(-1) ?? '',
    operations,
    hasOperations,
    usesPaths: operations.some((operation) => operation.usesOperationType),
    runtimeImports: hasOperations
      ? ['bindOperations', 'createClientConfig', 'sendRequest']
      : ['bindOperations', 'createClientConfig'],
    runtimeTypeImports: hasOperations
      ? ['ApiError', 'CallOptions', 'ClientConfig', 'ClientOptions']
      : ['ClientConfig', 'ClientOptions'],
    broker: isBroker ? buildBrokerView(model, operations) : undefined,
  };
}
