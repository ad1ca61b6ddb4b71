import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateProject } from '../helpers/generated-project.js';
import type { GeneratedProject } from '../helpers/generated-project.js';
import { REPO, runCli } from './run-cli.js';

/**
 * The regeneration cycle a user lives in: generate, edit the handlers, change the spec,
 * regenerate. Nothing the user wrote may be lost, and the result must still compile.
 */
let project: GeneratedProject;
let spec: string;

let catalog: string;

beforeEach(async () => {
  project = await generateProject(
    'spec/open-service-broker.yaml',
    ['server'],
    ['--catalog', 'templates/project/catalog.yaml', '--store', 'memory'],
  );
  spec = join(project.dir, 'open-service-broker.yaml');
  catalog = join(project.dir, 'catalog.yaml');
  await copyFile(join(REPO, 'spec/open-service-broker.yaml'), spec);
  await copyFile(join(REPO, 'templates/project/catalog.yaml'), catalog);
});
afterEach(async () => {
  await project.remove();
});

const read = (path: string) => readFile(join(project.dir, path), 'utf8');
const write = (path: string, text: string) => writeFile(join(project.dir, path), text);

/** A YAML document, loosely typed: tests reach deep into it by known paths. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document of any shape
type YamlDocument = Record<string, any>;

async function changeYaml(file: string, change: (document: YamlDocument) => void): Promise<void> {
  const document = parse(await readFile(file, 'utf8')) as YamlDocument;
  change(document);
  await writeFile(file, stringify(document));
}
const changeSpec = (change: (document: YamlDocument) => void) => changeYaml(spec, change);

const regenerate = (...flags: string[]) =>
  runCli([
    'generate',
    '--spec',
    spec,
    '--catalog',
    catalog,
    '--store',
    'memory',
    '--out',
    project.dir,
    '--target',
    'server',
    ...flags,
  ]);

/** The user's work: a provision that reads its typed parameters, a helper and an import. */
async function editProvision(): Promise<void> {
  const text = await read('broker.ts');
  const edited = text
    .replace(
      '    return {};\n  }',
      [
        '    // user-line: the dashboard comes from a helper',
        '    assert.ok(input.instanceId);',
        "    const size = input.planId === '8c5f1e3a-7b2d-4a9c-b6e0-3d1f9a4c2e78' ? input.parameters.storage_gb : 0;",
        '    return { dashboardUrl: dashboardOf(input.instanceId, size) };',
        '  }',
      ].join('\n'),
    )
    .concat(
      '\n/** user-line: my own helper. */\nfunction dashboardOf(id: string, size: number): string {\n  return `https://dashboard.example/${id}?size=${size}`;\n}\n',
    );
  expect(edited).not.toBe(text);
  await write('broker.ts', "import { strict as assert } from 'node:assert';\n".concat(edited));
}

describe('regenerating the broker server', () => {
  it('changes nothing when run twice in a row', async () => {
    const again = await regenerate('--check');
    expect(again.stderr).toContain('up to date');
    expect(again.code).toBe(0);
  });

  it('keeps an edited service body, a helper and an import through a spec change, and still compiles', async () => {
    await editProvision();
    expect(await project.compile()).toBe('');
    await changeSpec((document) => {
      document['paths']['/v2/catalog']['get']['summary'] = 'Read the catalog (changed)';
      document['paths']['/v2/catalog/health'] = {
        get: {
          operationId: 'getCatalogHealth',
          tags: ['Catalog'],
          summary: 'Says whether the catalog can be served',
          responses: { '204': { description: 'Healthy' } },
        },
      };
    });
    const run = await regenerate();
    expect(run.code).toBe(0);
    const broker = await read('broker.ts');
    expect(broker).toContain('// user-line: the dashboard comes from a helper');
    expect(broker).toContain('/** user-line: my own helper. */');
    expect(broker).toContain("import { strict as assert } from 'node:assert';");
    // The operation the spec added is the author's, not the runtime's: a handler class of its
    // own, composed with the broker's handlers in server.ts.
    expect(await read('handlers/catalog.ts')).toMatch(/async getCatalogHealth\(/);
    expect(await read('server.ts')).toMatch(/composeHandlers\(\s*broker,\s*new CatalogService\(\)/);
    expect(await project.compile()).toBe('');
  });

  it('keeps the service method of a removed operation, marked @deprecated', async () => {
    await changeSpec((document) => {
      delete document['paths']['/v2/service_instances/{instance_id}']['patch'];
    });
    const run = await regenerate();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/broker\.ts:\d+ .*BG_MERGE_DEPRECATED/);
    expect(await read('broker.ts')).toMatch(/@deprecated[^]*async update\(/);
    expect(await read('server/handlers.ts')).not.toMatch(/\bupdateServiceInstance\(/);
  });

  it('reports the type errors a catalog change causes in user code', async () => {
    await editProvision();
    await changeYaml(catalog, (document) => {
      const plan = document['services'][0]['plans'][1];
      const create = plan['schemas']['service_instance']['create']['parameters'];
      create['properties']['storage_tb'] = create['properties']['storage_gb'];
      delete create['properties']['storage_gb'];
      create['required'] = ['storage_tb'];
    });
    const run = await regenerate();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/broker\.ts:\d+:\d+ .*BG_EMIT_TYPECHECK.*storage_gb/);
    expect(await read('server/catalog.ts')).toContain('storage_tb: number;');
  });

  it('prints a unified diff with --dry-run and writes nothing', async () => {
    await changeSpec((document) => {
      document['paths']['/v2/catalog']['get']['summary'] = 'Read the catalog (changed)';
    });
    const before = await read('server/handlers.ts');
    const run = await regenerate('--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--- a/server/handlers.ts');
    expect(run.stdout).toMatch(/^\+\s+\/\*\* Read the catalog \(changed\) \*\//m);
    expect(await read('server/handlers.ts')).toBe(before);
  });

  it('exits 1 with --check and lists the stale files', async () => {
    await changeSpec((document) => {
      document['paths']['/v2/catalog']['get']['summary'] = 'Read the catalog (changed)';
    });
    const run = await regenerate('--check');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/would be updated .*server\/handlers\.ts/);
  });

  it('leaves a user file that does not parse untouched and reports it', async () => {
    const broken = 'export class Broker {\n  async provision( {\n';
    await write('broker.ts', broken);
    await changeSpec((document) => {
      delete document['paths']['/v2/service_instances/{instance_id}']['patch'];
    });
    const run = await regenerate();
    expect(run.stderr).toMatch(/broker\.ts:\d+:\d+ .*BG_MERGE_UNPARSEABLE/);
    expect(await read('broker.ts')).toBe(broken);
  });
});
