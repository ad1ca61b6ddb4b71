import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { watch } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { isBrokergenError, UsageError } from '../errors.js';
import { EXIT } from './cli-io.js';
import type { CommandContext, GlobalArgs } from './command-context.js';
import { runReportingErrors, say } from './command-context.js';
import { generate } from './generate.js';
import { reportDiagnostics } from './report-diagnostics.js';
import { CONFIG_FILE, readProjectConfig } from './project-config.js';
import type { ProjectConfig } from './project-config.js';

/** Waits for what stops `brokergen dev`: SIGINT or SIGTERM; tests pass their own. */
export type StopSignal = Promise<void>;

/** Folders whose changes never concern the broker's sources. */
const IGNORED = new Set(['node_modules', 'dist', 'data', '.git', 'coverage']);

/**
 * `brokergen dev`: generates, starts the broker (`<out>/server.ts` through tsx, with `--dev`
 * credentials unless BROKER_USERNAME/BROKER_PASSWORD or BROKER_TOKEN are set), and then
 * regenerates and restarts when the spec, the catalog or the configuration changes, and restarts
 * when a source file of the author's changes.
 */
export function devCommand(
  context: CommandContext,
  stop: () => StopSignal = waitForSignal,
): CommandModule<GlobalArgs, GlobalArgs> {
  return {
    command: 'dev',
    describe: 'Run this project’s broker for development: regenerate and restart on every change',
    builder: (yargs: Argv<GlobalArgs>) =>
      yargs.example('$0 dev', `In a folder with ${CONFIG_FILE} (made by brokergen new)`),
    handler: (args) => runReportingErrors(context, args, () => runDev(context, args, stop())),
  };
}

async function runDev(
  context: CommandContext,
  args: GlobalArgs,
  stopped: StopSignal,
): Promise<void> {
  const config = await readProjectConfig(context.io.cwd);
  if (config === undefined) {
    throw new UsageError('BG_CLI_USAGE', `dev needs a ${CONFIG_FILE} in the current folder`, {
      hint: 'Run it in a project made by `brokergen new`.',
    });
  }
  const dev = new DevLoop(context, args, config);
  await dev.regenerate();
  dev.start();
  const watcher = watch(context.io.cwd, { recursive: true }, (_event, file) => {
    if (file !== null) dev.changed(resolve(context.io.cwd, file.toString()));
  });
  try {
    await stopped;
  } finally {
    watcher.close();
    await dev.close();
  }
  context.exitCode = EXIT.ok;
}

/** The generate-and-restart cycle: one change at a time, changes close together as one. */
class DevLoop {
  #child: ChildProcess | undefined;
  #pending: 'restart' | 'regenerate' | undefined;
  #timer: NodeJS.Timeout | undefined;
  #queue: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    private readonly context: CommandContext,
    private readonly args: GlobalArgs,
    private readonly config: ProjectConfig,
  ) {}

  /** Sorts a changed file: spec, catalog or configuration regenerate; the author's code restarts. */
  changed(file: string): void {
    const root = this.context.io.cwd;
    const parts = relative(root, file).split(sep);
    if (parts.some((part) => IGNORED.has(part))) return;
    const generated = join(this.config.out, this.config.generatedDir);
    if (isInside(file, join(this.config.out, '.brokergen'))) return;
    if (this.config.generatedDir !== '' && isInside(file, generated)) return;
    const regenerates =
      file === this.config.file ||
      file === this.config.catalog ||
      (isInside(file, dirname(this.config.spec)) && /\.(ya?ml|json)$/.test(file));
    if (regenerates) this.#schedule('regenerate');
    else if (isInside(file, this.config.out) && /\.[cm]?ts$/.test(file)) this.#schedule('restart');
  }

  #schedule(kind: 'restart' | 'regenerate'): void {
    if (this.#pending !== 'regenerate') this.#pending = kind;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      const pending = this.#pending;
      this.#pending = undefined;
      this.#queue = this.#queue.then(async () => {
        if (this.#closed) return;
        if (pending === 'regenerate') await this.regenerate();
        await this.#stopChild();
        if (!this.#closed) this.start();
      });
    }, 200);
  }

  /** Generates as `brokergen generate` would; problems are printed, and the old code runs on. */
  async regenerate(): Promise<void> {
    say(this.context, this.args, 'dev: generating');
    try {
      await generate(this.context, {
        ...this.args,
        spec: undefined,
        out: undefined,
        target: undefined,
        check: false,
        'dry-run': false,
        typecheck: true,
        catalog: undefined,
        store: undefined,
        'generated-dir': undefined,
        'osb-version': undefined,
        profile: undefined,
      });
    } catch (error) {
      if (!isBrokergenError(error)) throw error;
      reportDiagnostics(error.toDiagnostics(), this.context.io, this.args);
      say(this.context, this.args, 'dev: generation failed; the broker keeps its last code');
    }
  }

  /** Starts `<out>/server.ts` with tsx, from the project's own node_modules. */
  start(): void {
    const server = join(this.config.out, 'server.ts');
    say(this.context, this.args, `dev: starting ${relative(this.context.io.cwd, server)}`);
    const child = spawn(process.execPath, ['--import', 'tsx', server, '--dev'], {
      cwd: this.context.io.cwd,
      env: { ...process.env, ...this.context.io.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => this.context.io.stdout.write(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.context.io.stderr.write(chunk.toString()));
    child.once('exit', (code, signal) => {
      if (this.#child === child && signal === null) {
        say(this.context, this.args, `dev: the broker exited (${code}); waiting for a change`);
      }
    });
    this.#child = child;
  }

  async #stopChild(): Promise<void> {
    const child = this.#child;
    this.#child = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timeout);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#queue;
    await this.#stopChild();
  }
}

function isInside(file: string, dir: string): boolean {
  const path = relative(dir, file);
  return path !== '' && !path.startsWith('..') && !resolve(dir, path).startsWith('..');
}

/** Resolves on the first SIGINT or SIGTERM. */
function waitForSignal(): StopSignal {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
