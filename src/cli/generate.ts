import { basename, posix, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import {
  CodeFormatter,
  createMergeFile,
  diffChanges,
  RunCache,
  startEmit,
  TemplateRenderer,
} from '../emit/index.js';
import type { FileChange, FileOwner, PlannedFile } from '../emit/index.js';
import { SpecDiagnosticsError, UsageError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import { buildModel, OSB_PROFILES, selectOsbApi } from '../model/index.js';
import type { OsbSelection } from '../model/index.js';
import { loadSpec } from '../spec/index.js';
import { getTarget, STORE_KINDS, TARGETS, TypesWorker } from '../targets/index.js';
import type { BrokerSettings, StoreKind, Target } from '../targets/index.js';
import { checkCatalogFile } from './check-catalog-file.js';
import { CONFIG_FILE, isRelativeFolder, readProjectConfig } from './project-config.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { countDiagnostics, plural, runReportingErrors, say } from './command-context.js';
import { displayPath, reportDiagnostics } from './report-diagnostics.js';

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
interface GenerateSettings {
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
          describe: `What to generate (default: all): ${TARGETS.map((t) => `${t.name} (${t.describe})`).join('; ')}`,
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
  const targets = resolveTargets(settings.targets);
  const outDir = settings.out;
  const mode = args.check ? 'check' : args['dry-run'] ? 'dry-run' : 'write';
  // When nothing the last write depended on has changed, neither would the output: say what a
  // full run would say, without loading the spec (see RunCache).
  const cache = new RunCache({
    outDir,
    settings: { ...settings, targets: targets.map((target) => target.name) },
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

  // Worker threads load prettier, and openapi-typescript, while the spec loads; what the cache
  // records at the end is read meanwhile too.
  const formatter = new CodeFormatter();
  formatter.prepare();
  if (mode === 'write') cache.prepare();
  const typesWorker = targets.some((target) => target.name === 'types')
    ? TypesWorker.start()
    : undefined;
  try {
    await generateFiles(context, args, { settings, targets, mode, cache, formatter, typesWorker });
  } finally {
    typesWorker?.stop();
  }
}

/** What `generate` works out before it loads the spec. */
interface RunSetup {
  settings: GenerateSettings;
  targets: Target[];
  mode: 'write' | 'check' | 'dry-run';
  cache: RunCache;
  formatter: CodeFormatter;
  typesWorker: TypesWorker | undefined;
}

/** Loads the spec, plans every target and emits their files: a run the cache could not answer. */
async function generateFiles(
  context: CommandContext,
  args: GenerateArgs,
  { settings, targets, mode, cache, formatter, typesWorker }: RunSetup,
): Promise<void> {
  const outDir = settings.out;
  const log: RunLogEntry[] = [];
  const { spec, diagnostics, files: specFiles } = await loadSpec(settings.spec);
  const { warnings } = countDiagnostics(diagnostics);
  if (warnings > 0) {
    const line = `${displayPath(spec.file, context.io.cwd)}: ${plural(warnings, 'warning')} (\`brokergen lint\` lists them)`;
    logAndReplay(context, args, log, { say: line });
  }
  const model = selectOsbApi(buildModel(spec), settings.osb);
  // Sent to the worker now, so that it prints while the other targets are planned.
  const openApiTypes = typesWorker?.print(model.document);
  const isBroker = (model.osbVersions ?? []).length > 0;
  const broker = await readBrokerSettings(context, args, settings, isBroker, log);
  const { generatedDir } = settings;
  const emit = await startEmit({
    outDir,
    header: { specFile: basename(spec.file), title: model.title, version: model.version },
    renderer: new TemplateRenderer(context.templatesDir),
    formatter,
    merge: createMergeFile(outDir),
    mode,
    typecheck: args.typecheck,
  });
  // Each target's files start rendering as soon as it is planned, and the types target goes
  // last: it waits for openapi-typescript (on its worker thread, which has a copy of the
  // document), and where there is no worker, openapi-typescript runs here and rewrites the
  // document it is given (each discriminator value becomes a required enum of the schema its
  // mapping names), which the other targets must not see. The files keep the targets' order.
  const byCost = targets
    .map((target, order) => ({ target, order }))
    .sort((a, b) => Number(a.target.name === 'types') - Number(b.target.name === 'types'));
  for (const { target, order } of byCost) {
    const files = await target.plan(model, {
      runtimeDir: context.runtimeDir,
      broker,
      generatedDir,
      openApiTypes,
    });
    await emit.add(
      files.map((file) => placeGenerated(file, generatedDir)),
      order,
    );
  }
  const result = await emit.finish();
  const problems = [...model.warnings, ...result.diagnostics];
  await reportResult(context, args, {
    outDir,
    mode,
    specDiagnostics: diagnostics,
    problems,
    changes: result.changes,
  });
  context.exitCode = mode === 'check' && result.changed ? EXIT.problems : EXIT.ok;
  // What the next run prints if nothing changes: the same warnings, every file unchanged. Emit's
  // own warnings (merges, kept files, type errors) belong to this run only, so a run with them is
  // not recorded and the next one runs in full.
  if (mode === 'write' && result.diagnostics.length === 0) {
    const inputs = settings.catalog === undefined ? specFiles : [...specFiles, settings.catalog];
    const files = result.changes
      .filter((change) => change.action !== 'deleted' && change.action !== 'kept')
      .map(({ path, owner }) => ({ path, owner }));
    const next: UnchangedRun = { log, specDiagnostics: diagnostics, problems, files };
    await cache.record(inputs, next);
  }
}

/** What a run prints before its result: a line, or diagnostics (catalog warnings). */
type RunLogEntry = { say: string } | { diagnostics: Diagnostic[] };

/** What a run that changes nothing prints, saved by the write before it. */
interface UnchangedRun {
  log: RunLogEntry[];
  specDiagnostics: Diagnostic[];
  problems: Diagnostic[];
  files: Array<{ path: string; owner: FileOwner }>;
}

function logAndReplay(
  context: CommandContext,
  args: GenerateArgs,
  log: RunLogEntry[],
  entry: RunLogEntry,
): void {
  log.push(entry);
  replayLog(context, args, entry);
}

function replayLog(context: CommandContext, args: GenerateArgs, entry: RunLogEntry): void {
  if ('say' in entry) say(context, args, entry.say);
  else reportDiagnostics(entry.diagnostics, context.io, args);
}

/** The run's diagnostics and changes: one JSON document, or lines, a diff and a summary. */
async function reportResult(
  context: CommandContext,
  args: GenerateArgs,
  run: {
    outDir: string;
    mode: string;
    /** Counted in text (`brokergen lint` lists them), listed in JSON. */
    specDiagnostics: Diagnostic[];
    problems: Diagnostic[];
    changes: FileChange[];
  },
): Promise<void> {
  const { outDir, mode, specDiagnostics, problems, changes } = run;
  if (args.format === 'json') {
    const files = changes.map(({ path, owner, action }) => ({ path, owner, action }));
    const report = { outDir, mode, diagnostics: [...specDiagnostics, ...problems], files };
    context.io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    reportDiagnostics(problems, context.io, args);
    if (mode === 'dry-run') context.io.stdout.write(await diffChanges(changes));
    reportChanges(context, args, outDir, changes);
  }
}

/**
 * The broker settings from `--catalog` and `--store`. The catalog is checked against the catalog
 * rules the generated broker checks at start-up: errors stop generation before anything is
 * written, warnings are printed. Both options need a broker spec (one with `x-osb-versions`).
 */
async function readBrokerSettings(
  context: CommandContext,
  args: GenerateArgs,
  settings: GenerateSettings,
  isBroker: boolean,
  log: RunLogEntry[],
): Promise<BrokerSettings> {
  if (!isBroker) {
    const option =
      settings.catalog !== undefined ? '--catalog' : settings.store !== undefined ? '--store' : '';
    if (option === '') return {};
    throw new UsageError('BG_CLI_USAGE', `${option} applies to OSB broker specs only`, {
      hint: 'A broker spec declares the OSB versions it implements in a top-level `x-osb-versions`.',
    });
  }
  const broker: BrokerSettings = { store: settings.store ?? 'embedded' };
  if (settings.catalog === undefined) {
    logAndReplay(context, args, log, {
      say: 'No --catalog: the broker serves an empty catalog until you generate with --catalog <file>',
    });
    return broker;
  }
  const { catalog, diagnostics } = await checkCatalogFile(settings.catalog);
  if (catalog === undefined || countDiagnostics(diagnostics).errors > 0) {
    throw new SpecDiagnosticsError(catalog?.file ?? settings.catalog, diagnostics);
  }
  logAndReplay(context, args, log, { diagnostics });
  return {
    ...broker,
    catalog: catalog.document,
    catalogFile: basename(catalog.file),
  };
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
    targets: args.target ?? config?.targets ?? TARGETS.map((target) => target.name),
    catalog: args.catalog === undefined ? config?.catalog : resolve(cwd, args.catalog),
    store: args.store ?? config?.store,
    generatedDir,
    osb: {
      version: args['osb-version'] ?? config?.osbVersion,
      profile: args.profile ?? config?.profile,
    },
  };
}

/** A generated file moved under `generatedDir`; the user's files stay where they are. */
function placeGenerated(file: PlannedFile, generatedDir: string): PlannedFile {
  if (file.owner !== 'generated' || generatedDir === '') return file;
  return { ...file, path: posix.join(generatedDir, file.path) };
}

/** The named targets and the targets they depend on, in registry order. */
function resolveTargets(names: readonly string[]): Target[] {
  const wanted = new Set<string>();
  const add = (name: string) => {
    const target = getTarget(name);
    if (target === undefined) {
      throw new UsageError('BG_CLI_UNKNOWN_TARGET', `Unknown target "${name}"`, {
        hint: `Choose from: ${TARGETS.map((t) => t.name).join(', ')}.`,
      });
    }
    wanted.add(name);
    target.dependsOn.forEach(add);
  };
  names.forEach(add);
  return TARGETS.filter((target) => wanted.has(target.name));
}

const VERBS: Record<FileChange['action'], string> = {
  created: 'created',
  updated: 'updated',
  merged: 'merged',
  deleted: 'deleted',
  kept: 'kept',
  unchanged: 'unchanged',
};

function reportChanges(
  context: CommandContext,
  args: GenerateArgs,
  outDir: string,
  changes: FileChange[],
): void {
  const where = displayPath(outDir, context.io.cwd);
  const planning = args.check || args['dry-run'];
  for (const change of changes) {
    if (change.action === 'unchanged' || change.action === 'kept') continue;
    const line = `${planning ? 'would be ' : ''}${VERBS[change.action]}  ${where}/${change.path}`;
    // In check mode the list of stale files is the result, so it prints even with --quiet.
    if (args.check) context.io.stderr.write(line + '\n');
    else say(context, args, line);
  }
  const changed = changes.filter((c) => c.action !== 'unchanged' && c.action !== 'kept').length;
  const summary = planning
    ? changed === 0
      ? `${where}: up to date`
      : `${where}: ${plural(changed, 'file')} out of date`
    : `${where}: ${plural(changed, 'file')} written, ${changes.length - changed} unchanged`;
  say(context, args, summary);
}
