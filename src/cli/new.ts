import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  chmod,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  writeFile,
} from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import validateName from 'validate-npm-package-name';
import type { Argv, CommandModule } from 'yargs';
import { BrokergenError, UsageError } from '../errors.js';
import { OSB_PROFILES } from '../model/select-osb-api.js';
import { TARGET_SUMMARIES } from '../targets/target-list.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { runReportingErrors, say } from './command-context.js';
import { generate } from './generate.js';
import { CONFIG_FILE } from './project-config.js';

interface NewArgs extends GlobalArgs {
  dir: string;
  name: string | undefined;
  profile: (typeof OSB_PROFILES)[number];
  'osb-version': string;
  store: 'embedded' | 'postgres';
  install: boolean;
  force: boolean;
}

const OSB_VERSIONS = ['2.12', '2.13', '2.14', '2.15', '2.16', '2.17'];

/** The example catalog's IDs, replaced by fresh ones in every project (IDs are global). */
const EXAMPLE_IDS = {
  serviceId: '0b7d4a1e-5c2f-4e83-9a16-7f3e2d8c1b54',
  smallPlanId: '4e2a9c7b-1d3f-4b6a-8e5c-9f0d2a7b3c61',
  dedicatedPlanId: '8c5f1e3a-7b2d-4a9c-b6e0-3d1f9a4c2e78',
};

/** `brokergen new <dir>`: a broker project that answers OSB requests as soon as it is installed. */
export function newCommand(context: CommandContext): CommandModule<GlobalArgs, NewArgs> {
  return {
    command: 'new <dir>',
    describe: 'Create a broker project: catalog, spec, generated server, client and tests',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .positional('dir', { type: 'string', demandOption: true, describe: 'The folder to create' })
        .option('name', {
          type: 'string',
          describe: 'The package name (default: the folder name)',
        })
        .option('profile', {
          type: 'string',
          choices: OSB_PROFILES,
          default: 'osb' as const,
          describe: 'osb (the standard API) or ibmcloud (with /bluemix_v1 instance state)',
        })
        .option('osb-version', {
          type: 'string',
          choices: OSB_VERSIONS,
          default: '2.17',
          describe: 'The newest OSB version the broker serves',
        })
        .option('store', {
          type: 'string',
          choices: ['embedded', 'postgres'] as const,
          default: 'embedded' as const,
          describe:
            'embedded: a SQLite file, no server needed; postgres: DATABASE_URL, for several replicas',
        })
        .option('install', {
          type: 'boolean',
          default: true,
          describe: 'Run npm install in the project (--no-install skips it)',
        })
        .option('force', {
          type: 'boolean',
          default: false,
          describe: 'Use a folder that is not empty; files already there are kept, never replaced',
        })
        .example('$0 new my-broker', 'A broker in ./my-broker, installed')
        .example(
          '$0 new brokers/db --name @acme/db-broker --profile ibmcloud --store postgres',
          'An IBM Cloud broker keeping its state in PostgreSQL',
        ) as Argv<NewArgs>,
    handler: (args) => runReportingErrors(context, args, () => createProject(context, args)),
  };
}

async function createProject(context: CommandContext, args: NewArgs): Promise<void> {
  const target = resolve(context.io.cwd, args.dir);
  const name = args.name ?? basename(target);
  checkPackageName(name, args.name === undefined);
  const existing = await listEntries(target);
  if (existing.length > 0 && !args.force) {
    throw new UsageError('BG_NEW_NOT_EMPTY', `${args.dir} is not empty`, {
      location: { file: target },
      hint: `Choose a new folder, or add --force to create the project among its ${existing.length} entries (none is replaced).`,
    });
  }

  say(context, args, `Creating ${name} in ${target}`);
  // Everything is made in a folder beside the target and moved in at the end, so a failure
  // leaves the target as it was.
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), `.${basename(target)}-brokergen-`));
  try {
    await writeProjectFiles(context, args, name, staging);
    say(context, args, 'Generating the server, client and types from the spec and the catalog');
    const generated: CommandContext = { ...context, io: { ...context.io, cwd: staging } };
    await generate(generated, {
      ...args,
      quiet: true,
      spec: undefined,
      out: undefined,
      target: undefined,
      check: false,
      'dry-run': false,
      typecheck: false,
      catalog: undefined,
      store: undefined,
      'generated-dir': undefined,
      'osb-version': undefined,
      profile: undefined,
    });
    const skipped = await moveInto(staging, target);
    for (const file of skipped) say(context, args, `kept your ${file} (not replaced)`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }

  if (args.install) await install(context, args, target);
  const where = relative(context.io.cwd, target) || '.';
  const next = [
    `cd ${where}`,
    ...(args.install ? [] : ['npm install']),
    'npm run dev     # serves on http://127.0.0.1:8080 with throwaway credentials',
    'npm test',
  ];
  say(context, args, `\nDone. Next:\n${next.map((line) => `  ${line}`).join('\n')}`);
  context.exitCode = EXIT.ok;
}

/** @throws UsageError BG_NEW_INVALID_NAME for a name npm would refuse for a new package. */
function checkPackageName(name: string, fromFolder: boolean): void {
  const result = validateName(name);
  if (result.validForNewPackages) return;
  const reasons = [...(result.errors ?? []), ...(result.warnings ?? [])].join('; ');
  throw new UsageError(
    'BG_NEW_INVALID_NAME',
    `"${name}" is not a valid npm package name: ${reasons}`,
    {
      hint: fromFolder
        ? 'The name comes from the folder; give one with --name, such as --name my-broker.'
        : 'Use lowercase letters, digits, "-", "." and "_", optionally with a scope: @acme/my-broker.',
    },
  );
}

async function listEntries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      throw new UsageError('BG_NEW_NOT_EMPTY', `${dir} is a file, not a folder`, {
        location: { file: dir },
        hint: 'Choose a folder name that is free.',
      });
    }
    throw error;
  }
}

/** package.json, the configuration, the catalog, the spec, tsconfig, README and the tests. */
async function writeProjectFiles(
  context: CommandContext,
  args: NewArgs,
  name: string,
  dir: string,
): Promise<void> {
  const templates = join(context.templatesDir, 'project');
  const ids = {
    serviceId: randomUUID(),
    smallPlanId: randomUUID(),
    dedicatedPlanId: randomUUID(),
  };
  let catalog = await readFile(join(templates, 'catalog.yaml'), 'utf8');
  for (const [key, example] of Object.entries(EXAMPLE_IDS)) {
    catalog = catalog.replaceAll(example, ids[key as keyof typeof ids]);
  }
  const { TemplateRenderer } = await import('../emit/render-template.js');
  const renderer = new TemplateRenderer(context.templatesDir);
  const view = {
    name,
    osbVersion: args['osb-version'],
    profile: args.profile,
    ibmcloud: args.profile === 'ibmcloud',
    embeddedStore: args.store === 'embedded',
    postgresStore: args.store === 'postgres',
    storeDescription:
      args.store === 'embedded' ? 'embedded store, a SQLite file' : 'PostgreSQL store',
    ...ids,
  };
  const files: Record<string, string> = {
    'package.json': json(packageJson(name, args.store)),
    'tsconfig.json': json(TSCONFIG),
    'tsconfig.build.json': json(TSCONFIG_BUILD),
    [CONFIG_FILE]: json({
      spec: 'spec/open-service-broker.yaml',
      catalog: 'catalog.yaml',
      out: 'src',
      generatedDir: 'generated',
      targets: TARGET_SUMMARIES.map((target) => target.name),
      store: args.store,
      osbVersion: args['osb-version'],
      profile: args.profile,
    }),
    'catalog.yaml': catalog,
    '.gitignore': await readFile(join(templates, 'gitignore'), 'utf8'),
    'README.md': await renderer.render('project/README.md', view),
    'test/broker.test.ts': await renderer.render('project/test/broker.test.ts', view),
    'test/mocks.test.ts': await renderer.render('project/test/mocks.test.ts', view),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await mkdir(join(dir, 'spec'));
  await copyFile(
    resolve(context.templatesDir, '../spec/open-service-broker.yaml'),
    join(dir, 'spec/open-service-broker.yaml'),
  );
}

/** Moves every file of `from` into `to`; files that already exist there are kept. */
async function moveInto(from: string, to: string): Promise<string[]> {
  if (!existsSync(to)) {
    await rename(from, to);
    // mkdtemp made the folder private (0700); a project folder is an ordinary one.
    await chmod(to, 0o755);
    return [];
  }
  const skipped: string[] = [];
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const path = relative(from, join(entry.parentPath, entry.name));
    const destination = join(to, path);
    if (existsSync(destination)) {
      skipped.push(path.split(sep).join('/'));
      continue;
    }
    await mkdir(dirname(destination), { recursive: true });
    await rename(join(from, path), destination);
  }
  return skipped;
}

/** Runs `npm install`, passing its output on as progress. @throws BG_NEW_INSTALL_FAILED */
async function install(context: CommandContext, args: NewArgs, dir: string): Promise<void> {
  say(context, args, 'Installing dependencies (npm install)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const output: string[] = [];
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(npm, ['install', '--no-fund', '--no-audit'], {
      cwd: dir,
      env: { ...process.env, ...context.io.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    const relay = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (!args.quiet) context.io.stderr.write(chunk.toString());
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.once('error', fail);
    child.once('exit', done);
  });
  if (code !== 0) {
    throw new BrokergenError(
      'BG_NEW_INSTALL_FAILED',
      `npm install failed in ${dir} (exit ${code})`,
      {
        location: { file: join(dir, 'package.json') },
        hint: `The project is in place; fix what npm reported above, then run npm install there.${args.quiet ? `\n${output.join('').slice(-2000)}` : ''}`,
      },
    );
  }
}

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
  include: ['src', 'test'],
};

const TSCONFIG_BUILD = {
  extends: './tsconfig.json',
  compilerOptions: { noEmit: false, rootDir: 'src', outDir: 'dist', sourceMap: true },
  include: ['src'],
};

/** brokergen's own package.json: the versions a project shares with it. */
function brokergenPackage(): {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
} {
  const file = new URL('../../package.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof brokergenPackage>;
}

/**
 * How the project depends on brokergen: the published version when brokergen runs from an
 * installed package, or this folder (`file:`) when it runs from a clone, where it is not
 * published.
 */
function brokergenDependency(version: string): string {
  const root = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');
  return root.split(sep).includes('node_modules') ? `^${version}` : `file:${root}`;
}

function packageJson(name: string, store: NewArgs['store']): object {
  const own = brokergenPackage();
  const pick = (names: string[], from: Record<string, string>) =>
    Object.fromEntries(names.map((dependency) => [dependency, from[dependency] ?? 'latest']));
  const all = { ...own.dependencies, ...own.devDependencies };
  const storePackages = store === 'embedded' ? ['better-sqlite3'] : ['pg'];
  const storeTypes = store === 'embedded' ? ['@types/better-sqlite3'] : ['@types/pg'];
  // The mocks answer through msw and check requests and examples with ajv.
  const mocks = TARGET_SUMMARIES.some((target) => target.name === 'mocks')
    ? ['ajv', 'ajv-formats', 'msw']
    : [];
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    engines: { node: '>=20.19' },
    scripts: {
      build: 'tsc -p tsconfig.build.json',
      start: 'npm run build && node dist/server.js',
      dev: 'brokergen dev',
      generate: 'brokergen generate',
      check: 'brokergen generate --check && tsc',
      test: 'vitest run',
    },
    dependencies: pick(['fastify', ...storePackages], all),
    devDependencies: {
      brokergen: brokergenDependency(own.version),
      ...pick(['@types/node', ...storeTypes, ...mocks, 'typescript', 'vitest'], all),
      tsx: TSX_VERSION,
    },
  };
}

/** tsx runs the TypeScript sources in `brokergen dev`; brokergen itself does not need it. */
const TSX_VERSION = '^4.20.0';
