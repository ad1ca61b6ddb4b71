import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandContext, GlobalArgs } from '../../src/cli/command-context.js';
import { mockCommand } from '../../src/cli/mock.js';
import type { StopWatch } from '../../src/cli/mock.js';
import { createSendOsb, driveLifecycle } from './mock/osb-requests.js';
import { REPO, runCli } from './run-cli.js';

/**
 * `brokergen mock` as a command: its options, its credentials, and once as the built bin that
 * a platform's test suite would start and stop.
 */

describe('brokergen mock rejects a bad command line with exit 2', () => {
  it.each([
    [['--fail', 'explode'], 'BG_CLI_INVALID_FAILURE'],
    [['--fail', 'bind:1.5'], 'BG_CLI_INVALID_FAILURE'],
    [['--fail', 'bind:-0.1'], 'BG_CLI_INVALID_FAILURE'],
    [['--fail', 'bind:half'], 'BG_CLI_INVALID_FAILURE'],
    [['--fail', 'bind', '--fail', 'bind:0.5'], 'BG_CLI_INVALID_FAILURE'],
    [['--port', '70000'], 'BG_CLI_USAGE'],
    [['--port', 'eighty'], 'BG_CLI_USAGE'],
    [['--async-delay', '-5'], 'BG_CLI_USAGE'],
    [['--seed', '1.5'], 'BG_CLI_USAGE'],
    [['--spec', 'test/fixtures/specs/minimal-3.1.yaml'], 'BG_CLI_NOT_A_BROKER'],
  ])('%j: %s', async (args, code) => {
    const run = await runCli(['mock', ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(code);
    expect(run.stdout).toBe('');
  });

  it('with BROKER_USERNAME but no BROKER_PASSWORD', async () => {
    const run = await runCli(['mock', '--port', '0'], { env: { BROKER_USERNAME: 'cf' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BG_CLI_USAGE');
  });
});

describe('brokergen mock', () => {
  it('prints help with examples', async () => {
    const run = await runCli(['mock', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--async-delay/);
    expect(run.stdout).toMatch(/Examples:/);
  });

  it('exits 1 pointing at the catalog when it breaks the catalog rules', async () => {
    const run = await runCli(['mock', '--catalog', 'test/fixtures/specs/minimal-3.1.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('osb-rule-36');
  });

  it('takes its credentials from BROKER_USERNAME and BROKER_PASSWORD, printing only the username', async () => {
    const env = { BROKER_USERNAME: 'cf', BROKER_PASSWORD: 'pa55-w0rd' };
    const started = startCommand(['mock', '--port', '0', '--quiet'], env);
    const { url, values } = readPrinted(await started.printed());
    expect(values).toEqual({ BROKER_USERNAME: 'cf' });

    const send = createSendOsb({ url, credentials: { username: 'cf', password: 'pa55-w0rd' } });
    expect((await send('GET', '/v2/catalog')).status).toBe(200);
    const guess = createSendOsb({ url, credentials: { username: 'cf', password: 'guess' } });
    expect((await guess('GET', '/v2/catalog')).status).toBe(401);
    expect(await started.stop()).toBe(0);
  });

  it('makes up credentials for the run without BROKER_USERNAME and BROKER_PASSWORD, and prints them', async () => {
    const started = startCommand(['mock', '--port', '0', '--quiet'], {});
    const { url, values } = readPrinted(await started.printed());
    expect(values).toEqual({
      BROKER_USERNAME: expect.stringMatching(/^mock-[0-9a-f]+$/),
      BROKER_PASSWORD: expect.stringMatching(/^[\w-]{24}$/),
    });

    const credentials = {
      username: values['BROKER_USERNAME'],
      password: values['BROKER_PASSWORD'],
    };
    const send = createSendOsb({
      url,
      credentials: credentials as { username: string; password: string },
    });
    expect((await send('GET', '/v2/catalog')).status).toBe(200);
    expect(await started.stop()).toBe(0);
  });

  it('prints its URL and credentials as JSON with --format json', async () => {
    const started = startCommand(['mock', '--port', '0', '--format', 'json'], {});
    const printed = JSON.parse(await started.printed()) as Record<string, string>;
    expect(printed).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      username: expect.any(String),
      password: expect.any(String),
    });
    expect(await started.stop()).toBe(0);
  });
});

/** The URL line and the `NAME=value` lines the command printed. */
function readPrinted(printed: string): { url: string; values: Record<string, string> } {
  const [url = '', ...lines] = printed.trim().split('\n');
  return {
    url,
    values: Object.fromEntries(lines.map((line) => line.split(/=(.*)/s, 2) as [string, string])),
  };
}

/**
 * Runs the mock command through its yargs module with a stop the test controls, as `main` runs
 * it with SIGINT and SIGTERM.
 */
function startCommand(argv: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const context: CommandContext = {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env,
      cwd: REPO,
    },
    exitCode: -1,
    templatesDir: join(REPO, 'templates'),
    runtimeDir: join(REPO, 'src/runtime'),
  };
  let stop: (reason: string) => void = () => undefined;
  const watch: StopWatch = {
    stopped: new Promise((resolve) => (stop = resolve)),
    dispose: () => undefined,
  };
  const parsing = yargs(argv)
    .option('quiet', { type: 'boolean', default: false })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const })
    .command(mockCommand(context, () => watch))
    .strict()
    .exitProcess(false)
    .parseAsync() as Promise<GlobalArgs>;
  return {
    /** What the command printed on stdout once it listens. */
    async printed(): Promise<string> {
      const deadline = Date.now() + 30_000;
      while (!stdout.endsWith('\n') && Date.now() < deadline) {
        if (context.exitCode !== -1) throw new Error(`exited ${context.exitCode}: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return stdout;
    },
    /** Stops the command; its exit code. */
    async stop(): Promise<number> {
      stop('test');
      await parsing;
      return context.exitCode;
    },
  };
}

describe('brokergen mock as the built bin', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('serves a lifecycle on the port it printed, and stops on SIGTERM with exit 0, leaving nothing behind', async () => {
    const temporary = await mkdtemp(join(tmpdir(), 'brokergen-mock-test-'));
    dirs.push(temporary);
    const child = spawn(
      process.execPath,
      [join(REPO, 'bin/brokergen.js'), 'mock', '--port', '0', '--async-delay', '50'],
      {
        cwd: REPO,
        // The mock writes its generated code under TMPDIR, which the test then expects empty.
        env: {
          PATH: process.env['PATH'] ?? '',
          TMPDIR: temporary,
          TMP: temporary,
          TEMP: temporary,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const printed = await new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout?.on('data', () => {
        const match =
          /^(http:\/\/127\.0\.0\.1:\d+)\nBROKER_USERNAME=(.+)\nBROKER_PASSWORD=(.+)\n/.exec(stdout);
        if (match !== null) resolve(match);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const [, url = '', username = '', password = ''] = printed;
    expect(await readdir(temporary)).toHaveLength(1);

    await driveLifecycle(createSendOsb({ url, credentials: { username, password } }), 'bin-1');
    expect(stderr).toMatch(/^GET \/v2\/catalog 200 [\d.]+ ms$/m);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(await readdir(temporary)).toEqual([]);
  });
});
