import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { generateProject } from '../helpers/generated-project.js';

/** What the server target writes for a broker spec, by catalog and store. */
let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'brokergen-broker-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const OSB = 'spec/open-service-broker.yaml';
const EXAMPLE_CATALOG = 'templates/project/catalog.yaml';

const generate = (...args: string[]) =>
  runCli([
    'generate',
    '--spec',
    OSB,
    '--out',
    out,
    '--target',
    'server',
    '--no-typecheck',
    ...args,
  ]);

const read = (path: string) => readFile(join(out, path), 'utf8');

async function storeFiles(): Promise<string[]> {
  try {
    return (await readdir(join(out, 'server/runtime/broker/store'))).sort();
  } catch {
    return [];
  }
}

describe('the server target for a broker spec', () => {
  it('gives the author broker.ts and server.ts instead of one handler class per tag', async () => {
    const run = await generate('--catalog', EXAMPLE_CATALOG);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      '.brokergen',
      'broker.ts',
      'server',
      'server.ts',
      'types.ts',
    ]);
    const broker = await read('broker.ts');
    expect(broker).toContain('export class Broker implements BrokerServices<PlanParameters>');
    expect(broker).toMatch(/async provision\(input: ProvisionInput<PlanParameters>\)/);
    expect(broker).toMatch(/async bind\(input: BindInput<PlanParameters>\)/);
    expect(await read('server.ts')).toContain(
      'createBrokerHandlers({ catalog, store: options.store, services: new Broker() })',
    );
  });

  it('types each plan parameter schema of the catalog, by plan ID', async () => {
    expect((await generate('--catalog', EXAMPLE_CATALOG)).code).toBe(0);
    const catalog = await read('server/catalog.ts');
    expect(catalog).toMatch(
      /'8c5f1e3a-7b2d-4a9c-b6e0-3d1f9a4c2e78': \{\s+provision: ExampleDbDedicatedProvisionParameters;/,
    );
    expect(catalog).toMatch(/storage_gb: number;/);
    expect(catalog).toMatch(/region\?: 'eu-de' \| 'us-south';/);
    expect(catalog).toContain("'4e2a9c7b-1d3f-4b6a-8e5c-9f0d2a7b3c61': {};");
    expect(catalog).toContain("/** The broker's catalog, from catalog.yaml;");
  });

  it("turns a schema's local definitions into types of their own", async () => {
    expect((await generate('--catalog', 'test/fixtures/catalogs/valid.yaml')).code).toBe(0);
    const catalog = await read('server/catalog.ts');
    expect(catalog).toContain('AcmePostgresqlSmallProvisionParametersTimeOfDay: string;');
    expect(catalog).toContain(
      "backup_window?: components['schemas']['AcmePostgresqlSmallProvisionParametersTimeOfDay'];",
    );
    // The types point at each other; the catalog literal keeps its schemas as written.
    const types = catalog.slice(0, catalog.indexOf('export const catalog'));
    expect(types).not.toContain('#/definitions/');
  });

  it('carries the embedded store by default, and only it', async () => {
    expect((await generate('--catalog', EXAMPLE_CATALOG)).code).toBe(0);
    const files = await storeFiles();
    expect(files).toContain('embedded-store.ts');
    expect(files.some((file) => file.startsWith('postgres-'))).toBe(false);
    expect(await read('server.ts')).toContain('createEmbeddedStore({ directory:');
  });

  it('carries the PostgreSQL store with --store postgres, opening DATABASE_URL', async () => {
    expect((await generate('--catalog', EXAMPLE_CATALOG, '--store', 'postgres')).code).toBe(0);
    const files = await storeFiles();
    expect(files).toContain('postgres-store.ts');
    expect(files.some((file) => file.startsWith('embedded-'))).toBe(false);
    const server = await read('server.ts');
    expect(server).toContain("process.env['DATABASE_URL']");
    expect(server).toContain('createPostgresStore({ connectionString })');
  });

  it('carries no durable store with --store memory', async () => {
    expect((await generate('--catalog', EXAMPLE_CATALOG, '--store', 'memory')).code).toBe(0);
    expect(await storeFiles()).toEqual([]);
    expect(await read('server.ts')).toContain('return new MemoryStore();');
  });

  it('serves an empty catalog without --catalog, and says so', async () => {
    const run = await generate();
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('No --catalog');
    const catalog = await read('server/catalog.ts');
    expect(catalog).toContain('export const catalog: BrokerCatalog = { services: [] };');
    expect(catalog).toContain('export type PlanParameters = PlanParameterTypes;');
  });

  it('writes nothing and exits 1 for a catalog that breaks a catalog rule, pointing at it', async () => {
    const run = await generate(
      '--catalog',
      'test/fixtures/catalogs/rule-38-version-not-semver.yaml',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /rule-38-version-not-semver\.yaml:\d+:\d+ +#\/services\/0\/plans\/1\/maintenance_info\/version +error BG_CATALOG_INVALID .*\[osb-rule-38\]/,
    );
    expect(await readdir(out)).toEqual([]);
  });

  it('exits 1 for a catalog file that cannot be read', async () => {
    const run = await generate('--catalog', 'test/fixtures/catalogs/missing.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BG_CATALOG_NOT_FOUND');
    expect(await readdir(out)).toEqual([]);
  });

  it('exits 2 for --catalog or --store with a spec that is not a broker', async () => {
    for (const option of [
      ['--catalog', EXAMPLE_CATALOG],
      ['--store', 'memory'],
    ]) {
      const run = await runCli([
        'generate',
        '--spec',
        'spec/cloud-controller-v2.yaml',
        '--out',
        out,
        ...option,
      ]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${option[0]} applies to OSB broker specs only`);
    }
  });

  it('exits 2 for an unknown store', async () => {
    const run = await generate('--store', 'redis');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/embedded.*postgres.*memory/);
  });

  it('compiles under strict with the PostgreSQL store and a catalog of local definitions', async () => {
    const project = await generateProject(
      OSB,
      ['server'],
      ['--catalog', 'test/fixtures/catalogs/valid.yaml', '--store', 'postgres'],
    );
    try {
      expect(await project.compile()).toBe('');
    } finally {
      await project.remove();
    }
  });
});
