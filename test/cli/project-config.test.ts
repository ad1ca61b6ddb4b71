import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli.js';

/** `brokergen generate` with no --spec: brokergen.config.json says what and where. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'brokergen-config-'));
  await cp(join(REPO, 'spec/open-service-broker.yaml'), join(dir, 'spec/broker.yaml'));
  await cp(join(REPO, 'templates/project/catalog.yaml'), join(dir, 'catalog.yaml'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const writeConfig = (config: unknown) =>
  writeFile(join(dir, 'brokergen.config.json'), JSON.stringify(config, null, 2));
const generate = (...args: string[]) =>
  runCli(['generate', '--no-typecheck', ...args], { cwd: dir });

const CONFIG = {
  spec: 'spec/broker.yaml',
  catalog: 'catalog.yaml',
  out: 'src',
  generatedDir: 'generated',
  targets: ['server'],
  store: 'memory',
};

describe('brokergen generate with brokergen.config.json', () => {
  it('generates what the configuration says, generated files apart from the user’s', async () => {
    await writeConfig(CONFIG);
    const run = await generate('--quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await readdir(join(dir, 'src'))).sort()).toEqual([
      '.brokergen',
      'broker.ts',
      'generated',
      'server.ts',
    ]);
    expect((await readdir(join(dir, 'src/generated'))).sort()).toEqual(['server', 'types.ts']);
    const server = await readFile(join(dir, 'src/server.ts'), 'utf8');
    expect(server).toContain("from './generated/server/routes.js'");
    expect(server).toContain('return new MemoryStore();');
    expect(await readFile(join(dir, 'src/broker.ts'), 'utf8')).toContain(
      "from './generated/server/catalog.js'",
    );
  });

  it('lets options override the configuration, and --check use it', async () => {
    await writeConfig(CONFIG);
    expect((await generate('--quiet')).code).toBe(0);
    expect((await generate('--check')).code).toBe(0);
    const changed = await generate('--check', '--store', 'embedded');
    expect(changed.code).toBe(1);
    expect(changed.stderr).toMatch(/would be (created|updated) .*embedded-store\.ts/);
  });

  it('serves only the OSB version and profile the configuration names', async () => {
    await writeConfig({ ...CONFIG, osbVersion: '2.13', profile: 'osb' });
    expect((await generate('--quiet')).code).toBe(0);
    const routes = await readFile(join(dir, 'src/generated/server/routes.ts'), 'utf8');
    expect(routes).toContain("apiVersion: { minimum: '2.12', maximum: '2.13' }");
    expect(routes).not.toContain('bluemix_v1');
    expect(routes).not.toContain('fetchServiceInstance');
    expect(routes).toContain('provisionServiceInstance');
  });

  it('exits 1 naming the field of a configuration that is wrong, and writes nothing', async () => {
    await writeConfig({ ...CONFIG, store: 'redis' });
    const run = await generate();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/brokergen\.config\.json +#\/store +error BG_CONFIG_INVALID/);
    expect(await readdir(dir)).not.toContain('src');
  });

  it.each([
    [{ ...CONFIG, out: undefined }, '#/out'],
    [{ ...CONFIG, generatedDir: '../outside' }, '#/generatedDir'],
    [{ ...CONFIG, targets: ['cobol'] }, '#/targets'],
    [{ ...CONFIG, osbVersion: 'latest' }, '#/osbVersion'],
    [{ ...CONFIG, colour: 'blue' }, '#/colour'],
  ])('refuses %j at %s', async (config, pointer) => {
    await writeConfig(config);
    const run = await generate();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(pointer);
  });

  it('exits 1 for a configuration that is not JSON', async () => {
    await writeFile(join(dir, 'brokergen.config.json'), '{ "spec": ');
    const run = await generate();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not valid JSON');
  });

  it('exits 1 for an OSB version the spec does not cover', async () => {
    await writeConfig({ ...CONFIG, osbVersion: '2.18' });
    const run = await generate();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BG_MODEL_OSB_SELECTION');
    expect(run.stderr).toContain('2.17');
  });

  it('exits 2 without --spec and without a configuration', async () => {
    const run = await generate();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('brokergen.config.json');
  });
});
