import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import type { MockServerLog } from '../runtime/mock-broker/index.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { runReportingErrors, say } from './command-context.js';
import { displayPath } from './report-diagnostics.js';
import { parseFailureRules } from './mock/parse-failure-rules.js';
import type { MockCredentials, RunningMockBroker } from './mock/start-mock-broker.js';

/** The curated broker spec, shipped in the package two levels above `src/cli/` and `dist/cli/`. */
const CURATED_SPEC = fileURLToPath(new URL('../../spec/open-service-broker.yaml', import.meta.url));

interface MockArgs extends GlobalArgs {
  spec: string | undefined;
  catalog: string | undefined;
  host: string;
  port: number;
  'async-delay': number;
  fail: string[];
  seed: number | undefined;
}

/** What stops the mock broker: SIGINT or SIGTERM in the CLI; tests pass their own. */
export interface StopWatch {
  /** Resolves with why the mock should stop, such as the signal's name. */
  stopped: Promise<string>;
  /** Stops watching. */
  dispose(): void;
}

/**
 * `brokergen mock`: a stateful mock broker for testing platforms, which runs until SIGINT or
 * SIGTERM (`watchStop`). It prints its URL and credentials on stdout, one line per request on
 * stderr, and stops with exit code 0.
 */
export function mockCommand(
  context: CommandContext,
  watchStop: () => StopWatch = watchStopSignals,
): CommandModule<GlobalArgs, MockArgs> {
  return {
    command: 'mock',
    describe:
      'Run a stateful mock broker (the generated server and broker runtime, in memory) for testing platforms',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs
        .option('spec', {
          alias: 's',
          type: 'string',
          describe: 'A broker spec (with x-osb-versions); default: the curated OSB spec',
        })
        .option('catalog', {
          alias: 'c',
          type: 'string',
          describe: 'The catalog to serve (YAML or JSON); default: the example catalog',
        })
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Where to listen' })
        .option('port', {
          alias: 'p',
          type: 'number',
          default: 8080,
          describe: 'The port; 0 picks a free one',
        })
        .option('async-delay', {
          type: 'number',
          default: 1000,
          describe:
            'Milliseconds an operation takes in the background when the platform sends accepts_incomplete=true',
        })
        .option('fail', {
          type: 'array',
          string: true,
          default: [] as string[],
          describe:
            'Fail an operation (provision, update, deprovision, bind, unbind), or a share of its calls: bind:0.25',
        })
        .option('seed', {
          type: 'number',
          describe: 'Seed for the failure shares, for the same outcomes run after run',
        })
        .example('$0 mock --port 0', 'Serve the example catalog on a free port')
        .example(
          'BROKER_USERNAME=cf BROKER_PASSWORD=secret $0 mock -c catalog.yaml',
          'Serve your catalog with the credentials the platform has',
        )
        .example(
          '$0 mock --async-delay 5000 --fail provision',
          'Every provision fails: with accepts_incomplete=true, after 5 s in last_operation',
        )
        .example(
          '$0 mock --fail bind:0.25 --seed 7',
          'A quarter of the binds fail, the same ones on every run',
        ) as Argv<MockArgs>,
    handler: (args) =>
      runReportingErrors(context, args, async () => {
        const { io } = context;
        const failures = parseFailureRules(args.fail);
        checkOptions(args);
        const catalogFile =
          args.catalog === undefined
            ? join(context.templatesDir, 'project/catalog.yaml')
            : resolve(io.cwd, args.catalog);
        const credentials = readCredentials(io.env);
        const watch = watchStop();
        try {
          const { startMockBroker } = await import('./mock/start-mock-broker.js');
          const broker = await startMockBroker({
            specFile: args.spec === undefined ? CURATED_SPEC : resolve(io.cwd, args.spec),
            catalogFile,
            templatesDir: context.templatesDir,
            runtimeDir: context.runtimeDir,
            host: args.host,
            port: args.port,
            asyncDelayMs: args['async-delay'],
            failures,
            seed: args.seed,
            credentials,
            log: createLog(io, args),
          });
          say(context, args, `Serving the catalog in ${displayPath(catalogFile, io.cwd)}`);
          printBroker(context, args, broker, credentials === undefined);
          const reason = await watch.stopped;
          say(context, args, `${reason}: stopping the mock broker`);
          await broker.close();
        } finally {
          watch.dispose();
        }
        context.exitCode = EXIT.ok;
      }),
  };
}

/** Throws UsageError BG_CLI_USAGE for a port, delay or seed that is not a fitting number. */
function checkOptions(args: MockArgs): void {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65_535) {
    throw new UsageError('BG_CLI_USAGE', '--port must be a whole number from 0 to 65535');
  }
  const delay = args['async-delay'];
  if (!Number.isFinite(delay) || delay < 0 || delay > 2_147_483_647) {
    throw new UsageError(
      'BG_CLI_USAGE',
      '--async-delay must be a number of milliseconds, 0 or more',
    );
  }
  if (args.seed !== undefined && !Number.isSafeInteger(args.seed)) {
    throw new UsageError('BG_CLI_USAGE', '--seed must be a whole number');
  }
}

/**
 * The platform's credentials from BROKER_USERNAME and BROKER_PASSWORD, or undefined when neither
 * is set (the mock then makes some up). Throws UsageError BG_CLI_USAGE when only one is set.
 */
function readCredentials(env: CliIo['env']): MockCredentials | undefined {
  const username = env['BROKER_USERNAME'] ?? '';
  const password = env['BROKER_PASSWORD'] ?? '';
  if (username === '' && password === '') return undefined;
  if (username === '' || password === '') {
    throw new UsageError(
      'BG_CLI_USAGE',
      'Set both BROKER_USERNAME and BROKER_PASSWORD, or neither',
      {
        hint: 'Without them the mock makes up credentials for the run and prints them.',
      },
    );
  }
  return { username, password };
}

/**
 * Prints the URL, then the credentials as `NAME=value` lines, on stdout (as JSON with `--format
 * json`). A password from the environment is not repeated: whoever set it knows it, and stdout
 * often ends up in a CI log.
 */
function printBroker(
  context: CommandContext,
  args: MockArgs,
  broker: RunningMockBroker,
  generated: boolean,
): void {
  const { username, password } = broker.credentials;
  if (args.format === 'json') {
    const printed = { url: broker.url, username, ...(generated ? { password } : {}) };
    context.io.stdout.write(JSON.stringify(printed) + '\n');
    return;
  }
  const lines = [broker.url, `BROKER_USERNAME=${username}`];
  if (generated) lines.push(`BROKER_PASSWORD=${password}`);
  context.io.stdout.write(lines.join('\n') + '\n');
  say(
    context,
    args,
    generated
      ? 'Platforms authenticate with the username and password above, made up for this run. Ctrl-C stops.'
      : 'Platforms authenticate with BROKER_USERNAME and BROKER_PASSWORD from the environment. Ctrl-C stops.',
  );
}

/**
 * The mock's log on stderr: one line per request (`PUT /v2/... 202 3.1 ms`, or the line as JSON
 * with `--format json`) and warnings, all left out by `--quiet`; errors always.
 */
function createLog(io: CliIo, args: GlobalArgs): MockServerLog {
  const write = (line: string) => io.stderr.write(line + '\n');
  return {
    request(line) {
      if (args.quiet) return;
      if (args.format === 'json') write(JSON.stringify(line));
      else write(`${line.method} ${line.url} ${line.status} ${line.ms} ms`);
    },
    problem(level, message, error) {
      if (level === 'warn' && args.quiet) return;
      if (args.format === 'json') write(JSON.stringify({ level, message, error }));
      else write(`${level} ${message}${error === undefined ? '' : `\n${error}`}`);
    },
  };
}

/**
 * Listens for SIGINT and SIGTERM from now on (so that a signal during start-up also stops the
 * mock cleanly, rather than killing it) until disposed.
 */
function watchStopSignals(): StopWatch {
  let stop: (signal: NodeJS.Signals) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = (signal) => resolve(signal);
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    stopped,
    dispose() {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}
