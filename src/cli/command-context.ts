import { isBrokergenError, SpecDiagnosticsError, UsageError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './cli-io.js';
import { displayPath, reportDiagnostics } from './report-diagnostics.js';
import type { OutputFormat } from './report-diagnostics.js';

/** Options every command takes. */
export interface GlobalArgs {
  quiet: boolean;
  format: OutputFormat;
}

/** What a command handler gets besides its arguments: the outside world and a place for its exit code. */
export interface CommandContext {
  io: CliIo;
  /** Set by the handler; `main` returns it. */
  exitCode: number;
  /** Absolute path of brokergen's `templates/` folder. */
  templatesDir: string;
  /** Absolute path of brokergen's runtime sources, copied into generated servers. */
  runtimeDir: string;
}

/** Prints a progress or summary line to stderr, unless `--quiet` or JSON output was asked for. */
export function say(context: CommandContext, args: GlobalArgs, line: string): void {
  if (args.quiet || args.format === 'json') return;
  context.io.stderr.write(line + '\n');
}

/** Counts errors and warnings. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): {
  errors: number;
  warnings: number;
} {
  let errors = 0;
  for (const diagnostic of diagnostics) if (diagnostic.severity === 'error') errors += 1;
  return { errors, warnings: diagnostics.length - errors };
}

/** "1 error", "3 warnings". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Runs a command body, turning brokergen's own errors into diagnostics and an exit code: 2 for
 * usage errors, 1 for problems with the input. Anything else is a bug and propagates to `main`.
 */
export async function runReportingErrors(
  context: CommandContext,
  args: GlobalArgs,
  body: () => Promise<void>,
): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (!isBrokergenError(error)) throw error;
    reportDiagnostics(error.toDiagnostics(), context.io, args);
    if (error instanceof SpecDiagnosticsError) {
      const { errors, warnings } = countDiagnostics(error.diagnostics);
      const where = displayPath(error.location?.file ?? '', context.io.cwd);
      say(context, args, `${where}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
    }
    context.exitCode = error instanceof UsageError ? EXIT.usage : EXIT.problems;
  }
}
