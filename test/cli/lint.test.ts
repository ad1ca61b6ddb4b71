import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli.js';

const fixture = (name: string) => `test/fixtures/specs/${name}`;

describe('brokergen lint', () => {
  it.each(['spec/open-service-broker.yaml', 'spec/cloud-controller-v2.yaml'])(
    'passes the curated spec %s with exit 0',
    async (spec) => {
      const run = await runCli(['lint', spec]);
      expect(run.stderr).not.toMatch(/error BG_/);
      expect(run.code).toBe(0);
    },
  );

  it('accepts the spec as --spec too', async () => {
    expect((await runCli(['lint', '--spec', fixture('lint-warning.yaml')])).code).toBe(0);
  });

  it.each([
    ['bad-yaml.yaml', 'bad-yaml.yaml:9:6  #/paths/~1things/get  error BG_SPEC_PARSE'],
    [
      'bad-ref.yaml',
      'bad-ref.yaml:15:17  #/paths/~1things/get/responses/200/content/application~1json/schema  error BG_SPEC_REF',
    ],
    ['no-responses.yaml', 'no-responses.yaml:7:5  #/paths/~1things/get  error BG_SPEC_INVALID'],
  ])('reports %s with exit 1 as file:line:col, pointer and code', async (name, line) => {
    const run = await runCli(['lint', fixture(name)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`test/fixtures/specs/${line}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints JSON diagnostics on stdout with --format json', async () => {
    const run = await runCli(['lint', fixture('bad-ref.yaml'), '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      errors: number;
      diagnostics: Array<Record<string, unknown>>;
    };
    expect(report.errors).toBeGreaterThanOrEqual(1);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'BG_SPEC_REF',
        location: expect.objectContaining({ file: fixture('bad-ref.yaml'), line: 15, column: 17 }),
      }),
    );
  });

  it('hides warnings with --quiet but keeps errors', async () => {
    const loud = await runCli(['lint', fixture('lint-warning.yaml')]);
    const quiet = await runCli(['lint', fixture('lint-warning.yaml'), '--quiet']);
    expect(loud.stderr).toMatch(/warning BG_SPEC_INVALID .*\[operation-4xx-response\]/);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect((await runCli(['lint', fixture('bad-ref.yaml'), '-q'])).stderr).toMatch(
      /error BG_SPEC_REF/,
    );
  });

  it('colours output on a terminal and never when NO_COLOR is set', async () => {
    const colour = await runCli(['lint', fixture('bad-ref.yaml')], { tty: true });
    const plain = await runCli(['lint', fixture('bad-ref.yaml')], {
      tty: true,
      env: { NO_COLOR: '1' },
    });
    expect(colour.stderr).toContain('\u001b[31m');
    expect(plain.stderr).not.toContain('\u001b[');
  });

  it('exits 2 with a usage error when no spec is named', async () => {
    const run = await runCli(['lint']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BG_CLI_USAGE');
  });

  it('runs as the built bin, exiting 1 on a broken spec', async () => {
    const bin = join(REPO, 'bin/brokergen.js');
    const error = await promisify(execFile)(
      process.execPath,
      [bin, 'lint', fixture('bad-yaml.yaml')],
      {
        cwd: REPO,
        env: { ...process.env, NO_COLOR: '1' },
      },
    ).then(
      () => undefined,
      (thrown: { code: number; stderr: string }) => thrown,
    );
    expect(error?.code).toBe(1);
    expect(error?.stderr).toContain('bad-yaml.yaml:9:6');
  });
});
