import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../../src/model/index.js';
import { loadSpec } from '../../../src/spec/index.js';
import { getTarget } from '../../../src/targets/index.js';
import { planMockFiles } from '../../../src/targets/mocks/plan.js';
import { buildMocksView } from '../../../src/targets/mocks/view.js';
import { generateProject } from '../../helpers/generated-project.js';

const REPO = resolve(import.meta.dirname, '../../..');
const RUNTIME = resolve(REPO, 'src/runtime');
const FIXTURE = resolve(import.meta.dirname, 'fixtures/shared-examples.yaml');

async function modelOf(file: string) {
  const { spec } = await loadSpec(file, { ruleset: 'none' });
  return buildModel(spec);
}

describe('the mocks target', () => {
  it('is registered after the client and needs the types', () => {
    expect(getTarget('mocks')?.dependsOn).toEqual(['types']);
  });

  it('plans handlers.ts, spec.ts and a copy of every mocks runtime file, all generated', async () => {
    const files = await planMockFiles(await modelOf(FIXTURE), { runtimeDir: RUNTIME });
    const runtime = (await readdir(resolve(RUNTIME, 'mocks'))).filter((name) =>
      name.endsWith('.ts'),
    );
    expect(files.map((file) => file.path)).toEqual([
      'mocks/handlers.ts',
      'mocks/spec.ts',
      ...runtime.sort().map((name) => `mocks/runtime/${name}`),
    ]);
    expect(new Set(files.map((file) => file.owner))).toEqual(new Set(['generated']));
  });
});

describe('the mock document', () => {
  it('describes each operation by its method name, with defaults left out', async () => {
    const document = JSON.parse(buildMocksView(await modelOf(FIXTURE)).specJson) as {
      operations: Record<string, unknown>;
    };
    expect(document.operations['listThings']).toEqual({
      operationId: 'list-things',
      method: 'GET',
      path: '/things',
      defaultStatus: 200,
      parameters: [
        {
          name: 'tags',
          in: 'query',
          explode: false,
          schema: { type: 'array', items: { type: 'string' } },
        },
        { name: 'X-Trace', in: 'header', schema: { type: 'string' } },
      ],
      responses: [
        {
          status: '2XX',
          mediaType: 'application/json',
          schema: { type: 'array', items: { $ref: '#/components/schemas/Thing' } },
          examples: [{ $ref: '#/components/examples/OneThing' }],
        },
      ],
    });
  });

  it('writes a shared example once, keeps only used schemas, and lists required headers', async () => {
    const document = JSON.parse(buildMocksView(await modelOf(FIXTURE)).specJson) as {
      operations: Record<string, { responses: unknown[] }>;
      components: unknown;
    };
    expect(document.components).toEqual({
      schemas: {
        Thing: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: ['integer', 'null'] } },
        },
      },
      examples: { OneThing: { value: [{ id: 1 }] } },
    });
    expect(document.operations['getThing']?.responses).toEqual([
      {
        status: '200',
        mediaType: 'application/json',
        schema: { $ref: '#/components/schemas/Thing' },
        examples: [{ $ref: '#/components/examples/OneThing' }, { value: { id: 2 } }],
        headers: [{ name: 'X-Rate-Limit', schema: { type: 'integer' } }],
      },
      { status: '404' },
    ]);
  });

  it('types a reply by the exact default status, or by any status for a range', async () => {
    const view = buildMocksView(await modelOf(FIXTURE));
    expect(view.operations.map((operation) => operation.defaultStatusType.code)).toEqual([
      'number',
      '200',
    ]);
  });

  it('reaches generated code exactly, whatever text the spec holds', async () => {
    const hostile = 'test/fixtures/specs/hostile-names.yaml';
    const project = await generateProject(hostile, ['mocks']);
    try {
      expect(await project.compile()).toBe('');
      const { mockSpec } = await project.load<{ mockSpec: unknown }>('mocks/spec');
      const expected = JSON.parse(
        buildMocksView(await modelOf(resolve(REPO, hostile))).specJson,
      ) as unknown;
      expect(mockSpec).toEqual(expected);
    } finally {
      await project.remove();
    }
  }, 120_000);
});
