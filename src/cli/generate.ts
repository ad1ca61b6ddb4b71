import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { RunCache } from '../emit/run-cache.js';
import type { FileChange } from '../emit/plan-changes.js';
import { UsageError } from '../errors.js';
import { OSB_PROFILES } from '../model/select-osb-api.js';
import type { OsbSelection } from '../model/select-osb-api.js';
import { STORE_KINDS } from '../targets/target.js';
import type { StoreKind } from '../targets/target.js';
import { resolveTargetNames, TARGET_SUMMARIES } from '../targets/target-list.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { runReportingErrors } from './command-context.js';
import { replayLog, reportResult } from './generate-report.js';
import type { UnchangedRun } from './generate-report.js';
import { CONFIG_FILE, isRelativeFolder, readProjectConfig } from './project-config.js';

/*
 * This module is what every `generate` run loads: the command line, the settings and the run
 * cache. A run the cache answers ends here; any other loads generate-files.ts, and with it the
 * spec loader, the model, the targets and the emitter (about 120 modules).
 */

export interface GenerateArgs extends GlobalArgs {
  spec: string | undefined;
  out: string | undefined;
  target: string[] | undefined;
  check: boolean;
  'dry-run': boolean;
  typecheck: boolean;
  catalog: string | undefined;
  store: StoreKind | undefined;
  'generated-dir': string | undefined;
  'osb-version': string | undefined;
  profile: OsbSelection['profile'];
}

/** What one run generates: from the command line, or from brokergen.config.json. */
export interface GenerateSettings {
  spec: string;
  out: string;
  targets: string[];
  catalog: string | undefined;
  store: StoreKind | undefined;
  generatedDir: string;
  osb: OsbSelection;
}

/** `brokergen generate`: writes the chosen targets for a spec into a directory. */
export function generateCommand(context: CommandContext): CommandModule<GlobalArgs, GenerateArgs> {
  return {
    command: 'generate',
    describe: 'Generate code from an OpenAPI spec, merging your edits into the files you own',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .option('spec', {
          alias: 's',
          type: 'string',
          describe: `The OpenAPI 3.0/3.1 spec (YAML or JSON); without it, ${CONFIG_FILE} says what to generate`,
        })
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: 'The directory to write into',
        })
        .option('target', {
          alias: 't',
          type: 'array',
          string: true,
          describe: `What to generate (default: all): ${TARGET_SUMMARIES.map((t) => `${t.name} (${t.describe})`).join('; ')}`,
        })
        .option('generated-dir', {
          type: 'string',
          describe:
            'A folder under --out for the generated files, apart from yours (which import through it)',
        })
        .option('osb-version', {
          type: 'string',
          describe:
            'For a broker spec: the newest OSB version to serve; newer operations are left out',
        })
        .option('profile', {
          type: 'string',
          choices: OSB_PROFILES,
          describe:
            'For a broker spec: osb (the standard API) or ibmcloud (with /bluemix_v1 instance state)',
        })
        .option('catalog', {
          alias: 'c',
          type: 'string',
          describe:
            'For a broker spec: the OSB catalog it serves (YAML or JSON); its plan parameter schemas become types',
        })
        .option('store', {
          type: 'string',
          choices: STORE_KINDS,
          describe:
            'For a broker spec: where server.ts keeps state (default embedded: a SQLite file; postgres: several replicas)',
        })
        .option('check', {
          type: 'boolean',
          default: false,
          describe: 'Write nothing; exit 1 and list the files that would change',
        })
        .option('dry-run', {
          type: 'boolean',
          default: false,
          describe: 'Write nothing; print the changes as a unified diff',
        })
        .option('typecheck', {
          type: 'boolean',
          default: true,
          describe:
            'After writing, list the type errors the change causes in your files (--no-typecheck skips)',
        })
        .example(
          '$0 generate --spec spec/open-service-broker.yaml --out src/generated',
          'Every target',
        )
        .example(
          '$0 generate -s spec/open-service-broker.yaml -c catalog.yaml -o src/generated --store postgres',
          'A broker serving catalog.yaml, keeping state in PostgreSQL',
        )
        .example('$0 generate', `What ${CONFIG_FILE} in this folder says`)
        .example('$0 generate -s api.yaml -o out --target types', 'Only types.ts')
        .example('$0 generate -s api.yaml -o out --dry-run', 'Show what would change, as a diff')
        .example(
          '$0 generate -s api.yaml -o out --check',
          'Fail in CI when the output is stale',
        ) as Argv<GenerateArgs>,
    handler: (args) => runReportingErrors(context, args, () => generate(context, args)),
  };
}

/**
 * One `generate` run with parsed arguments; `brokergen new` runs it in the project it creates.
 * Sets `context.exitCode`; throws brokergen's errors for `runReportingErrors` to report.
 */
export async function generate(context: CommandContext, args: GenerateArgs): Promise<void> {
  if (args.check && args['dry-run']) {
    throw new UsageError('BG_CLI_USAGE', 'Use --check or --dry-run, not both');
  }
  const settings = await resolveSettings(context, args);
  const targets = resolveTargetNames(settings.targets);
  const outDir = settings.out;
  const mode = args.check ? 'check' : args['dry-run'] ? 'dry-run' : 'write';
  // When nothing the last write depended on has changed, neither would the output: say what a
  // full run would say, without loading the spec (see RunCache).
  const cache = new RunCache({
    outDir,
    settings: { ...settings, targets },
    generatorDirs: [context.templatesDir, context.runtimeDir],
  });
  const saved = (await cache.findUnchanged()) as UnchangedRun | undefined;
  if (saved !== undefined) {
    for (const entry of saved.log) replayLog(context, args, entry);
    const changes = saved.files.map(({ path, owner }): FileChange => ({
      path,
      owner,
      action: 'unchanged',
      previous: undefined,
      next: undefined,
    }));
    const { specDiagnostics, problems } = saved;
    await reportResult(context, args, { outDir, mode, specDiagnostics, problems, changes });
    context.exitCode = EXIT.ok;
    return;
  }

  // A full run. Its worker threads, loading prettier and openapi-typescript, start first, so
  // that they load side by side with the run's own modules, the spec and what the cache records.
  const [{ CodeFormatter }, { TypesWorker }] = await Promise.all([
    import('../emit/format-code.js'),
    import('../targets/types/types-worker.js'),
  ]);
  const formatter = new CodeFormatter();
  formatter.prepare();
  if (mode === 'write') cache.prepare();
  const typesWorker = targets.includes('types') ? TypesWorker.start() : undefined;
  try {
    const { generateFiles } = await import('./generate-files.js');
    await generateFiles(context, args, { settings, targets, mode, cache, formatter, typesWorker });
  } finally {
    typesWorker?.stop();
  }
}

/**
 * The run's settings. With `--spec`, the command line says everything; without it,
 * brokergen.config.json in the current folder does, and options given override its fields.
 */
async function resolveSettings(
  context: CommandContext,
  args: GenerateArgs,
): Promise<GenerateSettings> {
  const cwd = context.io.cwd;
  const config = args.spec === undefined ? await readProjectConfig(cwd) : undefined;
  if (args.spec === undefined && config === undefined) {
    throw new UsageError(
      'BG_CLI_USAGE',
      `generate needs --spec and --out, or a ${CONFIG_FILE} in the current folder`,
      { hint: 'Run it in a project made by `brokergen new`, or name the spec and the output.' },
    );
  }
  const out = args.out === undefined ? config?.out : resolve(cwd, args.out);
  if (out === undefined) {
    throw new UsageError('BG_CLI_USAGE', 'Name the output directory with --out');
  }
  const generatedDir = args['generated-dir'] ?? config?.generatedDir ?? '';
  if (!isRelativeFolder(generatedDir)) {
    throw new UsageError(
      'BG_CLI_USAGE',
      `--generated-dir "${generatedDir}" is not a folder below --out`,
      {
        hint: 'Use a relative folder such as `generated`, without `..`.',
      },
    );
  }
  return {
    spec: args.spec === undefined ? (config?.spec ?? '') : resolve(cwd, args.spec),
    out,
    targets: args.target ?? config?.targets ?? TARGET_SUMMARIES.map((target) => target.name),
    catalog: args.catalog === undefined ? config?.catalog : resolve(cwd, args.catalog),
    store: args.store ?? config?.store,
    generatedDir,
    osb: {
      version: args['osb-version'] ?? config?.osbVersion,
      profile: args.profile ?? config?.profile,
    },
  };
}
