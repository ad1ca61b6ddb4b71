import type { Argv, CommandModule } from 'yargs';
import { isBrokergenError, SpecDiagnosticsError, UsageError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { countDiagnostics, plural, runReportingErrors, say } from './command-context.js';
import { displayPath, reportDiagnostics } from './report-diagnostics.js';

interface LintArgs extends GlobalArgs {
  file: string | undefined;
  spec: string | undefined;
  catalog: string | undefined;
  previous: string | undefined;
}

/** What checking one input found, and the line that sums it up (none after a failed read). */
interface LintReport {
  diagnostics: Diagnostic[];
  summary: string | undefined;
}

/**
 * `brokergen lint`: validates a spec against OpenAPI and the recommended rules, an OSB catalog
 * against the catalog rules 36-40, or both in one run. Diagnostics of every input are printed
 * together; the exit code is 1 when any input has an error.
 */
export function lintCommand(context: CommandContext): CommandModule<GlobalArgs, LintArgs> {
  return {
    command: 'lint [file]',
    describe:
      'Check an OpenAPI 3.0/3.1 spec (structure, $refs, recommended rules) and/or an OSB catalog (rules 36-40)',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .positional('file', { type: 'string', describe: 'The spec to check (YAML or JSON)' })
        .option('spec', {
          alias: 's',
          type: 'string',
          describe: 'The spec to check (same as the positional)',
        })
        .option('catalog', {
          type: 'string',
          describe:
            'An OSB catalog to check (YAML or JSON, the body of GET /v2/catalog): offerings, plans, requires, maintenance_info, parameter schemas',
        })
        .option('previous', {
          type: 'string',
          describe:
            'The catalog of the previous release: no offering or plan may change its ID (needs --catalog)',
        })
        .example('$0 lint spec/open-service-broker.yaml', 'Check the curated broker spec')
        .example('$0 lint --spec api.json --format json', 'Problems as JSON on stdout, for tools')
        .example('$0 lint api.yaml --quiet', 'Errors only; exit 1 if there are any')
        .example('$0 lint --catalog catalog.yaml', 'Check a broker catalog against the OSB rules')
        .example(
          '$0 lint --catalog catalog.yaml --previous v1.yaml',
          'Also fail if an offering or plan ID changed since v1',
        )
        .example(
          '$0 lint api.yaml --catalog catalog.yaml',
          'Check a spec and a catalog in one run',
        ) as Argv<LintArgs>,
    handler: (args) =>
      runReportingErrors(context, args, async () => {
        const specFile = chooseSpecFile(args);
        const reports: LintReport[] = [];
        if (specFile !== undefined) reports.push(await lintSpec(specFile, context));
        if (args.catalog !== undefined) {
          reports.push(await lintCatalog(args.catalog, args.previous, context));
        }
        const diagnostics = reports.flatMap((report) => report.diagnostics);
        reportDiagnostics(diagnostics, context.io, args);
        for (const { summary } of reports) if (summary !== undefined) say(context, args, summary);
        context.exitCode = countDiagnostics(diagnostics).errors > 0 ? EXIT.problems : EXIT.ok;
      }),
  };
}

/** The spec to lint, if any; throws UsageError BG_CLI_USAGE when the inputs do not add up. */
function chooseSpecFile(args: LintArgs): string | undefined {
  if (args.catalog === '' || args.previous === '') {
    throw new UsageError('BG_CLI_USAGE', 'Name a file after --catalog and --previous');
  }
  if (args.previous !== undefined && args.catalog === undefined) {
    throw new UsageError(
      'BG_CLI_USAGE',
      '--previous is compared with a catalog: add `--catalog <file>`',
    );
  }
  const file = args.file ?? args.spec;
  if (file === undefined && args.catalog === undefined) {
    throw new UsageError(
      'BG_CLI_USAGE',
      'lint needs a spec or a catalog: `brokergen lint <file>` or `brokergen lint --catalog <file>`',
    );
  }
  if (args.file !== undefined && args.spec !== undefined && args.file !== args.spec) {
    throw new UsageError(
      'BG_CLI_USAGE',
      'Give the spec once: either as the argument or with --spec',
    );
  }
  return file;
}

async function lintSpec(file: string, context: CommandContext): Promise<LintReport> {
  try {
    const { loadSpec } = await import('../spec/index.js');
    const { spec, diagnostics } = await loadSpec(file, { ruleset: 'recommended' });
    const { warnings } = countDiagnostics(diagnostics);
    const where = displayPath(spec.file, context.io.cwd);
    return {
      diagnostics,
      summary: `${where}: valid OpenAPI ${spec.version}, 0 errors, ${plural(warnings, 'warning')}`,
    };
  } catch (error) {
    if (!isBrokergenError(error) || error instanceof UsageError) throw error;
    return { diagnostics: error.toDiagnostics(), summary: summarise(error, context) };
  }
}

/** The count line for a spec that failed lint; a spec that could not be read gets none. */
function summarise(error: unknown, context: CommandContext): string | undefined {
  if (!(error instanceof SpecDiagnosticsError)) return undefined;
  const { errors, warnings } = countDiagnostics(error.diagnostics);
  const where = displayPath(error.location?.file ?? '', context.io.cwd);
  return `${where}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/**
 * Checks a catalog file against rules 36-39 and, with `previousFile`, rule 40. Problems are
 * located in the catalog file (rule 40 points into the current catalog too).
 */
async function lintCatalog(
  file: string,
  previousFile: string | undefined,
  context: CommandContext,
): Promise<LintReport> {
  const { checkCatalogFile } = await import('./check-catalog-file.js');
  const { catalog, previous, diagnostics } = await checkCatalogFile(file, previousFile);
  if (catalog === undefined) return { diagnostics, summary: undefined };
  const { errors, warnings } = countDiagnostics(diagnostics);
  const where = displayPath(catalog.file, context.io.cwd);
  const against =
    previous === undefined
      ? ''
      : ` (IDs compared with ${displayPath(previous.file, context.io.cwd)})`;
  const verdict = errors === 0 ? 'valid OSB catalog, ' : '';
  return {
    diagnostics,
    summary: `${where}: ${verdict}${plural(errors, 'error')}, ${plural(warnings, 'warning')}${against}`,
  };
}
