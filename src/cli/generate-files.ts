import { basename, posix } from 'node:path';
import { createMergeFile, startEmit, TemplateRenderer } from '../emit/index.js';
import type { CodeFormatter, PlannedFile, RunCache } from '../emit/index.js';
import { SpecDiagnosticsError, UsageError } from '../errors.js';
import { buildModel, selectOsbApi } from '../model/index.js';
import { loadSpec } from '../spec/index.js';
import { getTarget } from '../targets/index.js';
import type { BrokerSettings, Target, TargetName, TypesWorker } from '../targets/index.js';
import { checkCatalogFile } from './check-catalog-file.js';
import { EXIT } from './cli-io.js';
import type { CommandContext } from './command-context.js';
import { countDiagnostics, plural } from './command-context.js';
import type { GenerateArgs, GenerateSettings } from './generate.js';
import { logAndReplay, reportResult } from './generate-report.js';
import type { RunLogEntry, UnchangedRun } from './generate-report.js';
import { displayPath } from './report-diagnostics.js';

/** What `generate` worked out before it found that the cache cannot answer the run. */
export interface RunSetup {
  settings: GenerateSettings;
  /** The targets to run, with those they depend on, in run order. */
  targets: TargetName[];
  mode: 'write' | 'check' | 'dry-run';
  cache: RunCache;
  /** Already loading prettier on its worker threads. */
  formatter: CodeFormatter;
  /** Already loading openapi-typescript on its thread, when the types target runs. */
  typesWorker: TypesWorker | undefined;
}

/** Loads the spec, plans every target and emits their files: a run the cache could not answer. */
export async function generateFiles(
  context: CommandContext,
  args: GenerateArgs,
  { settings, targets: names, mode, cache, formatter, typesWorker }: RunSetup,
): Promise<void> {
  const targets = names.map((name) => getTarget(name) as Target);
  const outDir = settings.out;
  const log: RunLogEntry[] = [];
  const { spec, diagnostics, files: specFiles } = await loadSpec(settings.spec);
  // Sent to the worker as soon as it is bundled, so that it prints while the model is built and
  // the other targets are planned. It is the model's document: the model reads the document it
  // is built from, never copies it, and an OSB selection keeps it and filters the operations.
  const openApiTypes = typesWorker?.print(spec.document);
  const { warnings } = countDiagnostics(diagnostics);
  if (warnings > 0) {
    const line = `${displayPath(spec.file, context.io.cwd)}: ${plural(warnings, 'warning')} (\`brokergen lint\` lists them)`;
    logAndReplay(context, args, log, { say: line });
  }
  const model = selectOsbApi(buildModel(spec), settings.osb);
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

/** A generated file moved under `generatedDir`; the user's files stay where they are. */
function placeGenerated(file: PlannedFile, generatedDir: string): PlannedFile {
  if (file.owner !== 'generated' || generatedDir === '') return file;
  return { ...file, path: posix.join(generatedDir, file.path) };
}
