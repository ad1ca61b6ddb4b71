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

beforeEach(async () => {
  project = await generateProject('spec/open-service-broker.yaml', ['server']);
  spec = join(project.dir, 'open-service-broker.yaml');
  await copyFile(join(REPO, 'spec/open-service-broker.yaml'), spec);
});
afterEach(async () => {
  await project.remove();
});

const read = (path: string) => readFile(join(project.dir, path), 'utf8');
const write = (path: string, text: string) => writeFile(join(project.dir, path), text);

/** A spec document, loosely typed: tests reach deep into it by known paths. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document of any shape
type SpecDocument = Record<string, any>;

async function changeSpec(change: (document: SpecDocument) => void): Promise<void> {
  const document = parse(await readFile(spec, 'utf8')) as SpecDocument;
  change(document);
  await writeFile(spec, stringify(document));
}

const regenerate = (...flags: string[]) =>
  runCli(['generate', '--spec', spec, '--out', project.dir, '--target', 'server', ...flags]);

/** The user's work: a real catalog, a helper function and an import of their own. */
async function editCatalogHandler(): Promise<void> {
  const text = await read('handlers/catalog.ts');
  const edited = text
    .replace(
      "return notImplemented('getCatalog');",
      '// user-line: the catalog comes from a helper\n    return { status: 200, body: { services: listServices() } };',
    )
    .concat('\n/** user-line: my own helper. */\nfunction listServices(): [] {\n  return [];\n}\n');
  expect(edited).not.toBe(text);
  await write(
    'handlers/catalog.ts',
    "import { strict as assert } from 'node:assert';\n".concat(
      edited.replace('listServices() } };', 'listServices() } };\n    assert.ok(true);'),
    ),
  );
}

describe('regenerating the broker server', () => {
  it('changes nothing when run twice in a row', async () => {
    const again = await regenerate('--check');
    expect(again.stderr).toContain('up to date');
    expect(again.code).toBe(0);
  });

  it('keeps an edited handler body, a helper and an import through a spec change, and still compiles', async () => {
    await editCatalogHandler();
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
    const catalog = await read('handlers/catalog.ts');
    expect(catalog).toContain('// user-line: the catalog comes from a helper');
    expect(catalog).toContain('/** user-line: my own helper. */');
    expect(catalog).toContain("import { strict as assert } from 'node:assert';");
    expect(catalog).toMatch(/async getCatalogHealth\(/);
    expect(await project.compile()).toBe('');
  });

  it('keeps the method of a removed operation, marked @deprecated', async () => {
    await changeSpec((document) => {
      delete document['paths']['/v2/service_instances/{instance_id}/service_bindings/{binding_id}'][
        'get'
      ];
    });
    const run = await regenerate();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/handlers\/service-bindings\.ts:\d+ .*BG_MERGE_DEPRECATED/);
    const bindings = await read('handlers/service-bindings.ts');
    expect(bindings).toMatch(/@deprecated[^]*async fetchServiceBinding\(/);
    expect(await read('server/handlers.ts')).not.toContain('fetchServiceBinding');
  });

  it('reports the type errors a spec change causes in user code', async () => {
    const text = await read('handlers/catalog.ts');
    await write(
      'handlers/catalog.ts',
      text.replace(
        "return notImplemented('getCatalog');",
        'return { status: 200, body: { services: [] } };',
      ),
    );
    await changeSpec((document) => {
      document['components']['schemas']['Catalog']['required'] = ['services', 'generation'];
      document['components']['schemas']['Catalog']['properties']['generation'] = {
        type: 'integer',
      };
    });
    const run = await regenerate();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/handlers\/catalog\.ts:\d+:\d+ .*BG_EMIT_TYPECHECK/);
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
    await write('handlers/catalog.ts', 'export class CatalogService {\n  async getCatalog( {\n');
    await changeSpec((document) => {
      document['paths']['/v2/catalog']['get']['summary'] = 'Read the catalog (changed)';
    });
    const run = await regenerate();
    expect(run.stderr).toMatch(/handlers\/catalog\.ts:\d+:\d+ .*BG_MERGE_UNPARSEABLE/);
    expect(await read('handlers/catalog.ts')).toBe(
      'export class CatalogService {\n  async getCatalog( {\n',
    );
  });
});
