import { basename, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { CodeFormatter, emitFiles, TemplateRenderer } from '../emit/index.js';
import type { PlannedFile, WriteResult } from '../emit/index.js';
import { UsageError } from '../errors.js';
import { buildModel } from '../model/index.js';
import { loadSpec } from '../spec/index.js';
import { getTarget, TARGETS } from '../targets/index.js';
import type { Target } from '../targets/index.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { countDiagnostics, plural, runReportingErrors, say } from './command-context.js';
import { displayPath, reportDiagnostics } from './report-diagnostics.js';

interface GenerateArgs extends GlobalArgs {
  spec: string;
  out: string;
  target: string[];
  check: boolean;
}

/** `brokergen generate`: writes the chosen targets for a spec into a directory. */
export function generateCommand(context: CommandContext): CommandModule<GlobalArgs, GenerateArgs> {
  const names = TARGETS.map((target) => target.name);
  return {
    command: 'generate',
    describe: 'Generate code from an OpenAPI spec',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .option('spec', {
          alias: 's',
          type: 'string',
          demandOption: true,
          describe: 'The OpenAPI 3.0/3.1 spec (YAML or JSON)',
        })
        .option('out', {
          alias: 'o',
          type: 'string',
          demandOption: true,
          describe: 'The directory to write into',
        })
        .option('target', {
          alias: 't',
          type: 'array',
          string: true,
          default: names,
          describe: `What to generate: ${TARGETS.map((t) => `${t.name} (${t.describe})`).join('; ')}`,
        })
        .option('check', {
          type: 'boolean',
          default: false,
          describe: 'Write nothing; exit 1 and list the files that would change',
        })
        .example(
          '$0 generate --spec spec/open-service-broker.yaml --out src/generated',
          'Every target',
        )
        .example('$0 generate -s api.yaml -o out --target types', 'Only types.ts')
        .example(
          '$0 generate -s api.yaml -o out --check',
          'Fail in CI when the output is stale',
        ) as Argv<GenerateArgs>,
    handler: (args) =>
      runReportingErrors(context, args, async () => {
        const targets = resolveTargets(args.target);
        const { spec, diagnostics } = await loadSpec(args.spec);
        const { warnings } = countDiagnostics(diagnostics);
        if (warnings > 0) {
          say(
            context,
            args,
            `${displayPath(spec.file, context.io.cwd)}: ${plural(warnings, 'warning')} (\`brokergen lint\` lists them)`,
          );
        }
        const model = buildModel(spec);
        // JSON output is one document, written with the result below.
        if (args.format === 'text') reportDiagnostics(model.warnings, context.io, args);

        const planned: PlannedFile[] = [];
        for (const target of targets) planned.push(...(await target.plan(model)));
        const outDir = resolve(context.io.cwd, args.out);
        const result = await emitFiles(planned, {
          outDir,
          header: { specFile: basename(spec.file), title: model.title, version: model.version },
          renderer: new TemplateRenderer(context.templatesDir),
          formatter: new CodeFormatter(),
          mode: args.check ? 'check' : 'write',
        });
        if (args.format === 'json') {
          const report = {
            outDir,
            check: args.check,
            diagnostics: [...diagnostics, ...model.warnings],
            files: result.files,
          };
          context.io.stdout.write(JSON.stringify(report, null, 2) + '\n');
        } else {
          reportWrites(context, args, outDir, result.files);
        }
        context.exitCode = args.check && result.changed ? EXIT.problems : EXIT.ok;
      }),
  };
}

function resolveTargets(names: readonly string[]): Target[] {
  return [...new Set(names)].map((name) => {
    const target = getTarget(name);
    if (target === undefined) {
      throw new UsageError('BG_CLI_UNKNOWN_TARGET', `Unknown target "${name}"`, {
        hint: `Choose from: ${TARGETS.map((t) => t.name).join(', ')}.`,
      });
    }
    return target;
  });
}

function reportWrites(
  context: CommandContext,
  args: GenerateArgs,
  outDir: string,
  files: WriteResult[],
): void {
  const where = displayPath(outDir, context.io.cwd);
  const verb = args.check ? 'would be' : '';
  for (const file of files) {
    if (file.action === 'unchanged') continue;
    const line = `${file.action === 'kept' ? 'kept' : [verb, file.action].filter(Boolean).join(' ')}  ${where}/${file.path}`;
    // In check mode the list of stale files is the result, so it prints even with --quiet.
    if (args.check && file.action !== 'kept') context.io.stderr.write(line + '\n');
    else say(context, args, line);
  }
  const changed = files.filter(
    (file) => file.action === 'created' || file.action === 'updated',
  ).length;
  say(
    context,
    args,
    args.check
      ? changed === 0
        ? `${where}: up to date`
        : `${where}: ${plural(changed, 'file')} out of date`
      : `${where}: ${plural(changed, 'file')} written, ${files.length - changed} unchanged`,
  );
}
