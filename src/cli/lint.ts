import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { loadSpec } from '../spec/index.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { countDiagnostics, plural, runReportingErrors, say } from './command-context.js';
import { displayPath, reportDiagnostics } from './report-diagnostics.js';

interface LintArgs extends GlobalArgs {
  file: string | undefined;
  spec: string | undefined;
}

/** `brokergen lint`: validates a spec against OpenAPI and the recommended rules. */
export function lintCommand(context: CommandContext): CommandModule<GlobalArgs, LintArgs> {
  return {
    command: 'lint [file]',
    describe: 'Check an OpenAPI 3.0/3.1 spec: structure, $refs, and the recommended rules',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .positional('file', { type: 'string', describe: 'The spec to check (YAML or JSON)' })
        .option('spec', {
          alias: 's',
          type: 'string',
          describe: 'The spec to check (same as the positional)',
        })
        .example('$0 lint spec/open-service-broker.yaml', 'Check the curated broker spec')
        .example('$0 lint --spec api.json --format json', 'Problems as JSON on stdout, for tools')
        .example(
          '$0 lint api.yaml --quiet',
          'Errors only; exit 1 if there are any',
        ) as Argv<LintArgs>,
    handler: (args) =>
      runReportingErrors(context, args, async () => {
        const file = args.file ?? args.spec;
        if (file === undefined) {
          throw new UsageError('BG_CLI_USAGE', 'lint needs a spec: `brokergen lint <file>`');
        }
        if (args.file !== undefined && args.spec !== undefined && args.file !== args.spec) {
          throw new UsageError(
            'BG_CLI_USAGE',
            'Give the spec once: either as the argument or with --spec',
          );
        }
        const { spec, diagnostics } = await loadSpec(file, { ruleset: 'recommended' });
        reportDiagnostics(diagnostics, context.io, args);
        const { warnings } = countDiagnostics(diagnostics);
        const where = displayPath(spec.file, context.io.cwd);
        say(
          context,
          args,
          `${where}: valid OpenAPI ${spec.version}, 0 errors, ${plural(warnings, 'warning')}`,
        );
        context.exitCode = EXIT.ok;
      }),
  };
}
