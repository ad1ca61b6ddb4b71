import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli.js';

/**
 * `brokergen new`: the options and refusals without installing, then the whole life of a
 * project with a real `npm install`: serve, drive with the generated client, edit, extend the
 * catalog and the spec, regenerate, check, test, serve again.
 */
let scratch: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'brokergen-new-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  }
});

const EXAMPLE_SERVICE_ID = '0b7d4a1e-5c2f-4e83-9a16-7f3e2d8c1b54';

describe('brokergen new, without installing', () => {
  it('creates the project: config, catalog with fresh IDs, spec, sources, tests, README', async () => {
    const dir = join(scratch, 'plain');
    const run = await runCli(['new', dir, '--no-install']);
    expect(run.stderr).toContain('Done. Next:');
    expect(run.code).toBe(0);
    expect((await readdir(dir)).sort()).toEqual([
      '.gitignore',
      'README.md',
      'brokergen.config.json',
      'catalog.yaml',
      'package.json',
      'spec',
      'src',
      'test',
      'tsconfig.build.json',
      'tsconfig.json',
    ]);
    expect((await stat(dir)).mode & 0o777).toBe(0o755);
    const config = JSON.parse(await readFile(join(dir, 'brokergen.config.json'), 'utf8'));
    expect(config).toMatchObject({ out: 'src', generatedDir: 'generated', store: 'embedded' });
    const catalog = await readFile(join(dir, 'catalog.yaml'), 'utf8');
    expect(catalog).not.toContain(EXAMPLE_SERVICE_ID);
    const packageJson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(packageJson.name).toBe('plain');
    expect(Object.keys(packageJson.scripts).sort()).toEqual(
      ['build', 'check', 'dev', 'generate', 'start', 'test'].sort(),
    );
    // From a clone, brokergen is not on the registry: the project depends on this folder.
    expect(packageJson.devDependencies.brokergen).toBe(`file:${REPO}`);
    expect(packageJson.dependencies['better-sqlite3']).toBeDefined();
    expect(await readFile(join(dir, 'src/broker.ts'), 'utf8')).toContain('export class Broker');
    expect(await readFile(join(dir, 'src/server.ts'), 'utf8')).toContain(
      "from './generated/server/routes.js'",
    );
  }, 60_000);

  it('serves the chosen OSB version and profile, with the chosen store', async () => {
    const dir = join(scratch, 'ibm');
    const run = await runCli([
      'new',
      dir,
      '--no-install',
      '--profile',
      'ibmcloud',
      '--osb-version',
      '2.14',
      '--store',
      'postgres',
      '--name',
      '@acme/ibm-broker',
    ]);
    expect(run.code).toBe(0);
    const routes = await readFile(join(dir, 'src/generated/server/routes.ts'), 'utf8');
    expect(routes).toContain("maximum: '2.14'");
    expect(routes).toContain('/bluemix_v1/service_instances/:instance_id');
    expect(await readFile(join(dir, 'src/server.ts'), 'utf8')).toContain('DATABASE_URL');
    const packageJson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(packageJson.name).toBe('@acme/ibm-broker');
    expect(packageJson.dependencies.pg).toBeDefined();

    const osb = join(scratch, 'osb-2-12');
    expect((await runCli(['new', osb, '--no-install', '--osb-version', '2.12'])).code).toBe(0);
    const osbRoutes = await readFile(join(osb, 'src/generated/server/routes.ts'), 'utf8');
    expect(osbRoutes).not.toContain('bluemix_v1');
    // GET of an instance exists from 2.14 on.
    expect(osbRoutes).not.toMatch(/method: 'GET',\s+url: '\/v2\/service_instances\/:instance_id',/);
  }, 60_000);

  it('refuses a folder that is not empty, and writes nothing', async () => {
    const dir = join(scratch, 'taken');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine\n');
    const run = await runCli(['new', dir, '--no-install']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BG_NEW_NOT_EMPTY');
    expect(run.stderr).toContain('--force');
    expect(await readdir(dir)).toEqual(['notes.txt']);
    expect((await readdir(scratch)).filter((name) => name.includes('-brokergen-'))).toEqual([]);
  });

  it('with --force, adds the project to a folder and keeps the files already there', async () => {
    const dir = join(scratch, 'forced');
    await mkdir(dir);
    await writeFile(join(dir, 'README.md'), '# mine\n');
    const run = await runCli(['new', dir, '--no-install', '--force', '--name', 'forced-broker']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('kept your README.md');
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('# mine\n');
    expect(await readdir(dir)).toContain('brokergen.config.json');
  }, 60_000);

  it('refuses a package name npm would refuse', async () => {
    const run = await runCli(['new', join(scratch, 'Bad Name'), '--no-install']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BG_NEW_INVALID_NAME');
    expect(run.stderr).toContain('--name');
    expect(await readdir(scratch)).not.toContain('Bad Name');
  });
});

const exec = promisify(execFile);
const BIN = join(REPO, 'bin/brokergen.js');
const CREDENTIALS = { username: 'platform', password: 'e2e-secret' };

/** Runs an npm script in the project; its output, or a failure carrying it. */
async function npm(dir: string, ...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await exec('npm', args, {
      cwd: dir,
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
  }
}

/** `node dist/server.js` with credentials and a free port; resolves with its URL. */
async function serve(dir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      BROKER_USERNAME: CREDENTIALS.username,
      BROKER_PASSWORD: CREDENTIALS.password,
      BROKER_DATA_DIR: join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ url, child });
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the broker exited (${code}):\n${output}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (child.exitCode === null) await once(child, 'exit');
}

/** The project's compiled client, as a platform written in TypeScript would use it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the module is compiled in the test
type Client = Record<string, (...args: any[]) => Promise<{ status: number; body: any }>>;

describe('a project made by brokergen new, installed', () => {
  it('serves, takes edits and a new plan and field, regenerates, checks, tests and serves again', async () => {
    const dir = join(scratch, 'acme-broker');
    const created = await exec(process.execPath, [BIN, 'new', dir], {
      cwd: scratch,
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(created.stderr).toContain('Installing dependencies');
    expect(created.stderr).toMatch(/Next:\n {2}cd acme-broker\n {2}npm run dev/);

    // Served as generated, driven by the generated client.
    await npm(dir, 'run', 'build');
    let broker = await serve(dir);
    const clientModule = pathToFileURL(join(dir, 'dist/generated/client/client.js')).href;
    const client = (await import(clientModule)) as Client & {
      createClient: (options: object) => unknown;
    };
    let config = client.createClient({
      baseUrl: broker.url,
      authentication: { basic: CREDENTIALS },
    });
    const catalog = await client['getCatalog']!(config, {});
    expect(catalog.status).toBe(200);
    const service = catalog.body.services[0];
    const dedicated = service.plans.find((plan: { name: string }) => plan.name === 'dedicated');
    const ids = { service_id: service.id, plan_id: dedicated.id };
    const instance = { instance_id: 'e2e-instance' };
    const binding = { ...instance, binding_id: 'e2e-binding' };
    const provisioned = await client['provisionServiceInstance']!(config, {
      path: instance,
      body: { ...ids, parameters: { storage_gb: 50 } },
    });
    expect(provisioned.status).toBe(201);
    const bound = await client['createServiceBinding']!(config, { path: binding, body: ids });
    expect(bound.status).toBe(201);
    expect(
      (await client['deleteServiceBinding']!(config, { path: binding, query: ids })).status,
    ).toBe(200);
    expect(
      (await client['deprovisionServiceInstance']!(config, { path: instance, query: ids })).status,
    ).toBe(200);
    await stop(broker.child);

    // The author's edits: a provision body and a helper of their own.
    const brokerFile = join(dir, 'src/broker.ts');
    const original = await readFile(brokerFile, 'utf8');
    const edited = original
      .replace(
        "    // Create the instance's resources here, from input.parameters and input.context.\n    return {};",
        '    // e2e: the dashboard comes from a helper\n    return { dashboardUrl: dashboardFor(input.instanceId) };',
      )
      .concat(
        "\n/** e2e: a helper of the author's. */\nfunction dashboardFor(id: string): string {\n  return `https://dashboard.example.com/${id}`;\n}\n",
      );
    expect(edited).not.toBe(original);
    await writeFile(brokerFile, edited);

    // A plan with a parameter schema in the catalog; an optional field in the spec.
    const premiumId = '5a0f9c1e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
    const catalogFile = join(dir, 'catalog.yaml');
    const catalogYaml = parse(await readFile(catalogFile, 'utf8'));
    catalogYaml.services[0].plans.push({
      id: premiumId,
      name: 'premium',
      description: 'A replicated database.',
      schemas: {
        service_instance: {
          create: {
            parameters: {
              $schema: 'http://json-schema.org/draft-04/schema#',
              type: 'object',
              required: ['replicas'],
              properties: { replicas: { type: 'integer', minimum: 1, maximum: 5 } },
            },
          },
        },
      },
    });
    await writeFile(catalogFile, stringify(catalogYaml));
    const specFile = join(dir, 'spec/open-service-broker.yaml');
    const spec = parse(await readFile(specFile, 'utf8'));
    spec.components.schemas.ServiceInstanceProvisionRequest.properties.requested_by = {
      type: 'string',
      description: 'e2e: who asked for the instance.',
    };
    await writeFile(specFile, stringify(spec));

    await npm(dir, 'run', 'generate');
    const merged = await readFile(brokerFile, 'utf8');
    expect(merged).toContain('// e2e: the dashboard comes from a helper');
    expect(merged).toContain("/** e2e: a helper of the author's. */");
    expect(await readFile(join(dir, 'src/generated/types.ts'), 'utf8')).toContain(
      'requested_by?: string;',
    );
    expect(await readFile(join(dir, 'src/generated/server/catalog.ts'), 'utf8')).toContain(
      'replicas: number;',
    );

    // The new plan's parameters are typed: a wrong use fails `npm run check`, a right one passes.
    const useParameters = (type: string) =>
      merged.replace(
        '    // e2e: the dashboard comes from a helper\n',
        `    // e2e: the dashboard comes from a helper\n    if (input.planId === '${premiumId}') {\n      const replicas: ${type} = input.parameters.replicas;\n      console.log(replicas);\n    }\n`,
      );
    await writeFile(brokerFile, useParameters('string'));
    await expect(npm(dir, 'run', 'check')).rejects.toThrow(
      /src\/broker\.ts\(\d+,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/,
    );
    await writeFile(brokerFile, useParameters('number'));
    await npm(dir, 'run', 'check');
    await npm(dir, 'test');

    // Served again: the new plan validates its parameters, the edited body answers.
    await npm(dir, 'run', 'build');
    broker = await serve(dir);
    config = client.createClient({ baseUrl: broker.url, authentication: { basic: CREDENTIALS } });
    const premium = { service_id: service.id, plan_id: premiumId };
    const refused = await client['provisionServiceInstance']!(config, {
      path: { instance_id: 'e2e-premium' },
      body: { ...premium, parameters: { replicas: 9 } },
    }).catch((error: { status: number; description: string }) => error);
    expect(refused).toMatchObject({ status: 400, description: expect.stringMatching(/replicas/) });
    const accepted = await client['provisionServiceInstance']!(config, {
      path: { instance_id: 'e2e-premium' },
      body: { ...premium, parameters: { replicas: 3 }, requested_by: 'e2e' },
    });
    expect(accepted).toMatchObject({
      status: 201,
      body: { dashboard_url: 'https://dashboard.example.com/e2e-premium' },
    });
    await stop(broker.child);
  }, 900_000);

  it('npm run dev serves, regenerates and restarts on a catalog change, restarts on a source change', async () => {
    const dir = join(scratch, 'acme-broker');
    const dev = spawn(process.execPath, [BIN, 'dev'], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(dev);
    let output = '';
    const listening: string[] = [];
    const waiters: Array<() => void> = [];
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      for (const match of output.matchAll(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/g)) {
        if (match.index !== undefined && !listening.includes(`${match.index}:${match[1]}`)) {
          listening.push(`${match.index}:${match[1]}`);
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    };
    dev.stdout?.on('data', read);
    dev.stderr?.on('data', read);
    const nextStart = async (count: number): Promise<string> => {
      while (listening.length < count) {
        await new Promise<void>((wake) => waiters.push(wake));
      }
      return listening[count - 1]!.split(':').slice(1).join(':');
    };
    const catalogOf = async (url: string) => {
      const [, username, password] = [...output.matchAll(/Basic (dev):(\S+)/g)].at(-1) ?? [];
      const response = await fetch(`${url}/v2/catalog`, {
        headers: {
          authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
          'x-broker-api-version': '2.17',
        },
      });
      return JSON.stringify(await response.json());
    };

    const first = await nextStart(1);
    expect(await catalogOf(first)).not.toContain('(dev edit)');
    const catalogFile = join(dir, 'catalog.yaml');
    await writeFile(
      catalogFile,
      (await readFile(catalogFile, 'utf8')).replace(
        'A small shared database.',
        'A small shared database (dev edit).',
      ),
    );
    const second = await nextStart(2);
    expect(output).toContain('dev: generating');
    expect(await catalogOf(second)).toContain('(dev edit)');

    await writeFile(
      join(dir, 'src/broker.ts'),
      (await readFile(join(dir, 'src/broker.ts'), 'utf8')).concat('\n// dev: a source change\n'),
    );
    const third = await nextStart(3);
    expect(await catalogOf(third)).toContain('(dev edit)');

    dev.kill('SIGTERM');
    const [code] = (await once(dev, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 300_000);
});

describe('brokergen new from an installed package', () => {
  it('works from the packed package and makes the project depend on the published version', async () => {
    // What `npm publish` would ship, installed the way `npx brokergen` installs it.
    const packed = await exec('npm', ['pack', '--pack-destination', scratch, '--json'], {
      cwd: REPO,
      env: process.env,
      maxBuffer: 64 * 1024 * 1024,
    });
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const consumer = join(scratch, 'consumer');
    await mkdir(consumer);
    await writeFile(
      join(consumer, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true }),
    );
    await npm(consumer, 'install', '--no-fund', '--no-audit', join(scratch, filename));
    const bin = join(consumer, 'node_modules/.bin/brokergen');
    const dir = join(scratch, 'from-registry');
    const run = await exec(bin, ['new', dir, '--no-install'], { cwd: scratch, env: process.env });
    expect(run.stderr).toContain('Done. Next:');
    const packageJson = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8'));
    expect(packageJson.devDependencies.brokergen).toBe(`^${version}`);
    expect(await readdir(join(dir, 'src/generated/server/runtime/broker'))).toContain(
      'create-broker-handlers.ts',
    );
  }, 300_000);
});
