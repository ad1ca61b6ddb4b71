import yargs from 'yargs';
import type { Argv } from 'yargs';
import { describe, expect, it } from 'vitest';
import type { GlobalArgs } from '../../src/cli/command-context.js';
import { skipHelpCache } from '../../src/cli/main.js';
import { runCli } from './run-cli.js';

describe('brokergen', () => {
  it('prints help listing every command with exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['new', 'generate', 'dev', 'lint', 'mock']) {
      expect(run.stdout).toMatch(new RegExp(`brokergen ${command}\\b`));
    }
  });

  it.each(['new', 'generate', 'dev', 'lint', 'mock'])(
    'prints help with examples for %s',
    async (command) => {
      const run = await runCli([command, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Examples:/);
    },
  );

  it.each([
    [[]],
    [['frobnicate']],
    [['lint', '--no-such-flag', 'x.yaml']],
    [['lint', '--format', 'xml', 'x.yaml']],
  ])('exits 2 on the usage error %j', async (argv) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BG_CLI_USAGE');
  });

  it('prints its version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('reaches the help cache it skips in the yargs it runs with', () => {
    // A yargs upgrade that moves the cache would otherwise cost every run 40 ms, silently.
    expect(skipHelpCache(yargs([]) as unknown as Argv<GlobalArgs>)).toBe(true);
  });
});
