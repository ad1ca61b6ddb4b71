import type { ApiModel, ModelOperation } from '../../model/index.js';
import { NameScope } from '../../naming.js';
import type { ClientOperationView } from './operation-view.js';

/** A `waitFor...Operation` helper: polls one kind of resource's `last_operation`. */
export interface WaitView {
  name: string;
  /** `Service Instance` or `Service Binding`, for its JSDoc. */
  resource: string;
  pollFunction: string;
  pollInputType: string;
}

/** A `...AndWait` helper: sends an asynchronous operation and waits for it to end. */
export interface AndWaitView {
  name: string;
  functionName: string;
  inputType: string;
  resultType: string;
  summary: string;
  waitName: string;
  /** A delete: 410 Gone, first or while polling, means success. */
  afterDelete: boolean;
  /** `service_id` and `plan_id` come from the body (else from the query, as for a delete). */
  idsInBody: boolean;
  /** A bind: the binding is fetched after an asynchronous success, for its credentials. */
  fetches: boolean;
  fetchFunction: string;
  fetchResultType: string;
}

/** Everything `templates/client/broker.ts.hbs` prints. */
export interface BrokerView {
  title: string;
  waits: WaitView[];
  helpers: AndWaitView[];
  clientImports: string[];
  clientTypeImports: string[];
  hasClientImports: boolean;
  runtimeImports: string[];
  runtimeTypeImports: string[];
  hasRuntimeTypeImports: boolean;
}

interface Resource {
  kind: 'instance' | 'binding';
  label: string;
  path: RegExp;
  pollPath: RegExp;
  waitName: string;
}

// "Service Instances" and "Service Bindings" as the OSB specification lays out their paths.
const RESOURCES: readonly Resource[] = [
  {
    kind: 'instance',
    label: 'Service Instance',
    path: /^\/v2\/service_instances\/\{[^}/]+\}$/,
    pollPath: /^\/v2\/service_instances\/\{[^}/]+\}\/last_operation$/,
    waitName: 'waitForServiceInstanceOperation',
  },
  {
    kind: 'binding',
    label: 'Service Binding',
    path: /^\/v2\/service_instances\/\{[^}/]+\}\/service_bindings\/\{[^}/]+\}$/,
    pollPath: /^\/v2\/service_instances\/\{[^}/]+\}\/service_bindings\/\{[^}/]+\}\/last_operation$/,
    waitName: 'waitForServiceBindingOperation',
  },
];

/** Query parameters a poll or a fetch may have for the helpers to call it: OSB's, optional. */
const POLL_QUERY = new Set(['service_id', 'plan_id', 'operation']);

interface Pair {
  model: ModelOperation;
  view: ClientOperationView;
}

/**
 * Builds the view of `broker.ts`: for each resource whose `last_operation` the spec describes,
 * a wait helper, and an `...AndWait` helper for each of its PUT, PATCH and DELETE operations
 * that take `accepts_incomplete` and may answer 202. An operation that does not fit the shape
 * the helpers assume (other path parameters, other required inputs) gets no helper.
 */
export function buildBrokerView(
  model: ApiModel,
  operations: readonly ClientOperationView[],
): BrokerView {
  const pairs = model.operations.flatMap((operation, index): Pair[] => {
    const view = operations[index];
    return view === undefined ? [] : [{ model: operation, view }];
  });
  const scope = new NameScope({
    reserved: [
      ...operations.flatMap((view) => [view.functionName, view.inputType, view.resultType]),
      ...RUNTIME_NAMES,
    ],
  });
  const waits: WaitView[] = [];
  const helpers: AndWaitView[] = [];
  const used: Pair[] = [];
  for (const resource of RESOURCES) {
    const poll = pairs.find((pair) => isCallable(pair, 'get', resource.pollPath));
    if (poll === undefined) continue;
    const waitName = scope.toMethodName(resource.waitName);
    waits.push({
      name: waitName,
      resource: resource.label,
      pollFunction: poll.view.functionName,
      pollInputType: poll.view.inputType,
    });
    used.push(poll);
    const fetch = pairs.find(
      (pair) => isCallable(pair, 'get', resource.path) && samePath(pair, poll),
    );
    for (const method of ['put', 'patch', 'delete'] as const) {
      const pair = pairs.find((candidate) => isAsynchronous(candidate, method, resource.path));
      if (pair === undefined || !samePath(pair, poll)) continue;
      const fetches = resource.kind === 'binding' && method === 'put' && fetch !== undefined;
      helpers.push({
        name: scope.toMethodName(`${pair.view.functionName}AndWait`),
        functionName: pair.view.functionName,
        inputType: pair.view.inputType,
        resultType: pair.view.resultType,
        summary: pair.view.hasSummary ? pair.view.summary : pair.view.functionName,
        waitName,
        afterDelete: method === 'delete',
        idsInBody: pair.model.requestBody !== undefined,
        fetches,
        fetchFunction: fetches ? (fetch?.view.functionName ?? '') : '',
        fetchResultType: fetches ? (fetch?.view.resultType ?? '') : '',
      });
      used.push(pair);
      if (fetches && fetch !== undefined) used.push(fetch);
    }
  }
  return {
    title: model.title,
    waits,
    helpers,
    ...importsOf(used, helpers),
  };
}

/** Runtime names `broker.ts` may import; no helper may take them. */
const RUNTIME_NAMES = [
  'ClientConfig',
  'CompletedOperation',
  'GoneResult',
  'LastOperationOutcome',
  'PollingOptions',
  'WithoutAcceptsIncomplete',
  'isApiError',
  'lastOperationQuery',
  'originatingIdentity',
  'resourceQuery',
  'toGoneResult',
  'waitForLastOperation',
];

function importsOf(
  used: readonly Pair[],
  helpers: readonly AndWaitView[],
): Pick<
  BrokerView,
  | 'clientImports'
  | 'clientTypeImports'
  | 'hasClientImports'
  | 'runtimeImports'
  | 'runtimeTypeImports'
  | 'hasRuntimeTypeImports'
> {
  const clientImports = [...new Set(used.map((pair) => pair.view.functionName))].sort();
  const clientTypeImports = [
    ...new Set([
      ...used.filter((pair) => isPoll(pair)).map((pair) => pair.view.inputType),
      ...helpers.flatMap((helper) => [
        helper.inputType,
        helper.resultType,
        ...(helper.fetches ? [helper.fetchResultType] : []),
      ]),
    ]),
  ].sort();
  const hasWaits = used.length > 0;
  const hasDelete = helpers.some((helper) => helper.afterDelete);
  const runtimeImports = [
    ...(hasDelete ? ['isApiError', 'toGoneResult'] : []),
    ...(helpers.length > 0 ? ['lastOperationQuery'] : []),
    ...(helpers.some((helper) => helper.fetches) ? ['resourceQuery'] : []),
    ...(hasWaits ? ['waitForLastOperation'] : []),
  ].sort();
  const runtimeTypeImports = [
    ...(hasWaits ? ['ClientConfig', 'LastOperationOutcome', 'PollingOptions'] : []),
    ...(helpers.length > 0 ? ['CompletedOperation', 'WithoutAcceptsIncomplete'] : []),
    ...(hasDelete ? ['GoneResult'] : []),
  ].sort();
  return {
    clientImports,
    clientTypeImports,
    hasClientImports: clientImports.length > 0,
    runtimeImports,
    runtimeTypeImports,
    hasRuntimeTypeImports: runtimeTypeImports.length > 0,
  };
}

function isPoll(pair: Pair): boolean {
  return pair.model.method === 'get' && pair.model.path.endsWith('/last_operation');
}

/**
 * A GET the helpers can call with only `path` and an OSB query: no other required input, and
 * no query parameter besides `service_id`, `plan_id` and `operation`.
 */
function isCallable(pair: Pair, method: 'get', path: RegExp): boolean {
  const { model, view } = pair;
  return (
    model.method === method &&
    path.test(model.path) &&
    view.hasDeclaredSuccess &&
    model.parameters.query.every((p) => POLL_QUERY.has(p.name) && !p.required) &&
    !view.headersRequired &&
    !view.cookiesRequired &&
    !view.bodyRequired
  );
}

/** A PUT, PATCH or DELETE that takes `accepts_incomplete` and may answer 202 Accepted. */
function isAsynchronous(pair: Pair, method: string, path: RegExp): boolean {
  const { model, view } = pair;
  return (
    model.method === method &&
    path.test(model.path) &&
    model.parameters.query.some((p) => p.name === 'accepts_incomplete') &&
    model.responses.some((response) => response.status === '202') &&
    !view.headersRequired &&
    !view.cookiesRequired
  );
}

/** Whether two operations name their path parameters alike, so one's `path` input fits the other. */
function samePath(a: Pair, b: Pair): boolean {
  const names = (pair: Pair) => pair.model.parameters.path.map((p) => p.name).join('\n');
  return names(a) === names(b);
}
