import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/index.js';
import type { ApiModel } from '../../../src/model/index.js';
import { loadSpec } from '../../../src/spec/index.js';
import { planClientFiles } from '../../../src/targets/client/plan.js';
import { buildClientView } from '../../../src/targets/client/view.js';
import { loadFixture, specWithPaths } from '../../model/load-fixture.js';

const REPO = resolve(import.meta.dirname, '../../..');

async function modelOf(spec: string): Promise<ApiModel> {
  const { spec: loaded } = await loadSpec(join(REPO, spec), { ruleset: 'none' });
  return buildModel(loaded);
}

function operation(operationId: string, extra: object = {}) {
  return { operationId, responses: { '200': { description: 'OK' } }, ...extra };
}

describe('buildClientView', () => {
  it('names each function after its operationId and its types after the function', async () => {
    const view = buildClientView(await modelOf('spec/open-service-broker.yaml'));
    expect(view.operations.map((op) => op.functionName)).toContain('provisionServiceInstance');
    expect(view.operations.find((op) => op.operationId === 'getCatalog')).toMatchObject({
      functionName: 'getCatalog',
      inputType: 'GetCatalogInput',
      resultType: 'GetCatalogResult',
      errorType: 'GetCatalogError',
      operationType: 'GetCatalogOperation',
    });
  });

  it('lets a function keep its name when one of another operation’s types would take it', () => {
    const view = buildClientView(
      buildModel(
        specWithPaths({
          '/a': { get: operation('getThing') },
          '/b': { get: operation('getThingInput') },
        }),
      ),
    );
    expect(view.operations.map((op) => [op.functionName, op.inputType])).toEqual([
      ['getThing', 'GetThingInput2'],
      ['getThingInput', 'GetThingInputInput'],
    ]);
  });

  it('renames an operation that would take a name client.ts imports or declares', () => {
    const view = buildClientView(
      buildModel(
        specWithPaths({
          '/a': { get: operation('sendRequest') },
          '/b': { get: operation('createClient') },
        }),
      ),
    );
    expect(view.operations.map((op) => op.functionName)).toEqual(['sendRequest_', 'createClient_']);
  });

  it('makes the headers an OSB client sends itself optional in the input', async () => {
    const view = buildClientView(await modelOf('spec/open-service-broker.yaml'));
    const catalog = view.operations.find((op) => op.operationId === 'getCatalog');
    expect(catalog).toMatchObject({ headersRequired: false, inputOptional: true });
    expect(catalog?.headers.map((header) => [header.name, header.required])).toEqual([
      ['X-Broker-API-Version', false],
      ['X-Broker-API-Originating-Identity', false],
      ['X-Broker-API-Request-Identity', false],
    ]);
  });

  it('keeps a required header required in a spec that is not a broker’s', () => {
    const view = buildClientView(
      buildModel(
        specWithPaths({
          '/a': {
            get: operation('read', {
              parameters: [
                {
                  name: 'X-Broker-API-Version',
                  in: 'header',
                  required: true,
                  schema: { type: 'string' },
                },
              ],
            }),
          },
        }),
      ),
    );
    expect(view.operations[0]).toMatchObject({ headersRequired: true, inputOptional: false });
  });

  it('describes only the parameters not serialised by OpenAPI’s defaults', async () => {
    const view = buildClientView(buildModel(await loadFixture('model-parameters.yaml')));
    expect(view.operations[0]?.encodings).toEqual([
      expect.objectContaining({
        name: 'tags',
        location: 'query',
        hasStyle: true,
        style: 'pipeDelimited',
      }),
      expect.objectContaining({
        name: 'filter',
        hasStyle: false,
        hasExplode: true,
        explode: false,
      }),
      expect.objectContaining({ name: 'selector', json: true }),
    ]);
    expect(view.operations[0]).toMatchObject({ hasCookies: true, queryRequired: true });
  });

  it('reads each success body as its media type declares', () => {
    const content = (type: string) => ({ content: { [type]: { schema: { type: 'string' } } } });
    const view = buildClientView(
      buildModel(
        specWithPaths({
          '/a': {
            get: {
              operationId: 'read',
              responses: {
                '200': { description: 'JSON', ...content('application/vnd.api+json') },
                '201': { description: 'Text', ...content('text/plain') },
                '202': { description: 'Bytes', ...content('application/octet-stream') },
                '204': { description: 'Nothing' },
                '2XX': { description: 'Any other', ...content('application/json') },
                '404': { description: 'Missing', ...content('application/json') },
              },
            },
          },
        }),
      ),
    );
    const read = view.operations[0];
    expect(read?.successes.map((s) => [s.descriptorKey, s.format, String(s.status.code)])).toEqual([
      ['200', 'json', '200'],
      ['201', 'text', '201'],
      ['202', 'blob', '202'],
      ['204', 'none', '204'],
      ['2XX', 'json', 'number'],
    ]);
    expect(read?.accept).toBe(
      'application/vnd.api+json, text/plain, application/octet-stream, application/json',
    );
    expect(read?.errorBodies).toEqual([{ statusKey: '404', mediaType: 'application/json' }]);
  });

  it('takes any 2xx as a success, of unknown body, when the spec declares none', () => {
    const view = buildClientView(
      buildModel(
        specWithPaths({
          '/a': { get: { operationId: 'read', responses: { default: { description: 'Any' } } } },
        }),
      ),
    );
    expect(view.operations[0]).toMatchObject({ hasDeclaredSuccess: false });
    expect(view.operations[0]?.successes).toEqual([expect.objectContaining({ isUnknown: true })]);
  });
});

describe('the broker view', () => {
  it('has a wait helper per resource and an AndWait helper per asynchronous operation', async () => {
    const broker = buildClientView(await modelOf('spec/open-service-broker.yaml')).broker;
    expect(broker?.waits.map((wait) => [wait.name, wait.pollFunction])).toEqual([
      ['waitForServiceInstanceOperation', 'pollServiceInstanceLastOperation'],
      ['waitForServiceBindingOperation', 'pollServiceBindingLastOperation'],
    ]);
    expect(
      broker?.helpers.map((h) => [
        h.name,
        h.afterDelete,
        h.idsInBody,
        h.fetches ? h.fetchFunction : '',
      ]),
    ).toEqual([
      ['provisionServiceInstanceAndWait', false, true, ''],
      ['updateServiceInstanceAndWait', false, true, ''],
      ['deprovisionServiceInstanceAndWait', true, false, ''],
      ['createServiceBindingAndWait', false, true, 'fetchServiceBinding'],
      ['deleteServiceBindingAndWait', true, false, ''],
    ]);
  });

  it('makes no helper for an operation without accepts_incomplete', () => {
    const path = '/v2/service_instances/{instance_id}';
    const parameters = [
      { name: 'instance_id', in: 'path', required: true, schema: { type: 'string' } },
    ];
    const accepted = { '202': { description: 'Accepted' } };
    const view = buildClientView(
      buildModel(
        specWithPaths(
          {
            [path]: { parameters, put: operation('provision', { responses: accepted }) },
            [`${path}/last_operation`]: { parameters, get: operation('poll') },
          },
          { 'x-osb-versions': ['2.17'] },
        ),
      ),
    );
    expect(view.broker?.waits.map((wait) => wait.name)).toEqual([
      'waitForServiceInstanceOperation',
    ]);
    expect(view.broker?.helpers).toEqual([]);
  });
});

describe('planClientFiles', () => {
  const context = { runtimeDir: join(REPO, 'src/runtime') };

  it('writes client.ts, broker.ts and the runtime for a broker spec', async () => {
    const files = await planClientFiles(await modelOf('spec/open-service-broker.yaml'), context);
    const paths = files.map((file) => file.path);
    expect(paths.slice(0, 2)).toEqual(['client/client.ts', 'client/broker.ts']);
    expect(paths).toContain('client/runtime/send-request.ts');
    expect(files.every((file) => file.owner === 'generated')).toBe(true);
  });

  it('writes no broker.ts for a spec that is not a broker’s', async () => {
    const files = await planClientFiles(await modelOf('spec/cloud-controller-v2.yaml'), context);
    expect(files.map((file) => file.path)).not.toContain('client/broker.ts');
  });
});
