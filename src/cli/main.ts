import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { EXIT, processIo } from './cli-io.js';
import type { CliIo } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { generateCommand } from './generate.js';
import { lintCommand } from './lint.js';
import { mockCommand } from './mock.js';
import { devCommand } from './dev.js';
import { newCommand } from './new.js';

/** brokergen's `templates/` folder: two levels above this module in `src/` and in `dist/`. */
const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** brokergen's runtime sources: `src/runtime/` ships in the package beside `dist/`. */
const RUNTIME_DIR = fileURLToPath(new URL('../../src/runtime/', import.meta.url));

/** Builds the yargs parser with every command; exported so tests can parse with it. */
export function createCli(argv: readonly string[], context: CommandContext): Argv<GlobalArgs> {
  const cli = yargs([...argv])
    .scriptName('brokergen')
    .usage(
      '$0 <command> [options]\n\nGenerate Open Service Broker servers, clients and mocks from OpenAPI.',
    )
    .option('quiet', {
      alias: 'q',
      type: 'boolean',
      default: false,
      describe: 'Print errors only',
      global: true,
    })
    .option('format', {
      type: 'string',
      choices: ['text', 'json'] as const,
      default: 'text' as const,
      describe: 'Diagnostics as text (stderr) or JSON (stdout)',
      global: true,
    })
    .command(generateCommand(context))
    .command(lintCommand(context))
    .command(mockCommand(context))
    .command(newCommand(context))
    .command(devCommand(context))
    .demandCommand(1, 'Name a command: new, generate, dev, lint or mock.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version()
    .wrap(Math.min(100, process.stdout.columns ?? 100))
    .epilogue('Exit codes: 0 ok, 1 problems found, 2 usage error, 70 internal error (a bug).')
    .exitProcess(false) as Argv<GlobalArgs>;
  skipHelpCache(cli);
  return cli;
}

/** The part of yargs' internals `skipHelpCache` reaches (yargs 18). */
interface YargsInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } };
}

/**
 * Before a command's handler goes on from its first await, yargs renders the command's whole
 * help text and keeps it, in case the handler later asks for it (`showHelp`). No brokergen
 * handler does, and the rendering cost about 40 ms of every run: a fifth of a `generate` the run
 * cache answers. Without the cache, yargs renders help when it is asked for, as it does for
 * `--help`. main.test.ts fails if a yargs upgrade moves what this reaches.
 */
export function skipHelpCache(cli: Argv<GlobalArgs>): boolean {
  const usage = (cli as YargsInternals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage !== 'function') return false;
  usage.cacheHelpMessage = () => undefined;
  return true;
}

/**
 * Runs the CLI and returns its exit code. Usage errors exit 2 with the reason and a pointer to
 * --help; problems in the input exit 1 (reported by the command); anything else is a bug: the
 * stack is printed and the exit code is 70.
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const context: CommandContext = {
    io,
    exitCode: EXIT.ok,
    templatesDir: TEMPLATES_DIR,
    runtimeDir: RUNTIME_DIR,
  };
  let output = '';
  try {
    await createCli(argv, context)
      .fail((message, error) => {
        // Throwing stops yargs here; otherwise it would go on to run the command's handler.
        // yargs reports some usage problems (`requiresArg`, `conflicts`) as its own YError.
        if (error === undefined || error === null || error.name === 'YError') {
          throw new UsageError('BG_CLI_USAGE', message ?? error?.message ?? 'invalid command line');
        }
        throw error;
      })
      .parseAsync([...argv], {}, (_error, _args, text) => {
        output = text;
      });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error ${error.code}  ${error.message}  (run with --help for usage)\n`);
      return EXIT.usage;
    }
    io.stderr.write(
      'brokergen failed unexpectedly; this is a bug. Please report it with the command and the spec.\n',
    );
    io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.bug;
  }
  if (output !== '') io.stdout.write(output + '\n');
  return context.exitCode;
}
