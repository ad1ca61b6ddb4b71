import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const fixture = (name: string) => `test/fixtures/catalogs/${name}`;

describe('brokergen lint --catalog', () => {
  it('passes a valid catalog with exit 0 and says so', async () => {
    const run = await runCli(['lint', '--catalog', fixture('valid.yaml')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`${fixture('valid.yaml')}: valid OSB catalog, 0 errors, 0 warnings\n`);
  });

  it('reads a JSON catalog, where an empty services array is valid', async () => {
    expect((await runCli(['lint', '--catalog', fixture('empty.json')])).code).toBe(0);
  });

  it.each([
    [
      'rule-36-duplicate-plan-name.yaml',
      '88:15  #/services/1/plans/1/name  error BG_CATALOG_INVALID',
      'osb-rule-36',
    ],
    [
      'rule-37-unknown-permission.yaml',
      '82:34  #/services/1/requires/1  error BG_CATALOG_INVALID',
      'osb-rule-37',
    ],
    [
      'rule-38-version-not-semver.yaml',
      '77:20  #/services/0/plans/1/maintenance_info/version  error BG_CATALOG_INVALID',
      'osb-rule-38',
    ],
    [
      'rule-39-external-schema.yaml',
      '57:27  #/services/0/plans/0/schemas/service_instance/update/parameters/properties/backup_window/$ref  error BG_CATALOG_INVALID',
      'osb-rule-39',
    ],
  ])('reports %s with exit 1 as file:line:col, pointer and code', async (name, place, rule) => {
    const run = await runCli(['lint', '--catalog', fixture(name)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${fixture(name)}:${place}`);
    expect(run.stderr).toContain(`[${rule}]`);
  });

  it('exits 1 when --previous shows a changed plan ID, located in the current catalog', async () => {
    const run = await runCli([
      'lint',
      '--catalog',
      fixture('rule-40-changed-plan-id.yaml'),
      '--previous',
      fixture('valid.yaml'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${fixture('rule-40-changed-plan-id.yaml')}:72:13  #/services/0/plans/1/id  error BG_CATALOG_INVALID`,
    );
    expect(run.stderr).toContain('[osb-rule-40]');
  });

  it('warns about removed offerings but exits 0, and --quiet hides the warnings', async () => {
    const args = ['lint', '--catalog', fixture('empty.json'), '--previous', fixture('valid.yaml')];
    const loud = await runCli(args);
    const quiet = await runCli([...args, '--quiet']);
    expect(loud.code).toBe(0);
    expect(loud.stderr).toMatch(/empty\.json:1:\d+ {2}#\/services {2}warning BG_CATALOG_INVALID/);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('prints JSON diagnostics on stdout with --format json', async () => {
    const name = fixture('rule-38-version-not-semver.yaml');
    const run = await runCli(['lint', '--catalog', name, '--format', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { errors: number; diagnostics: unknown[] };
    expect(report.errors).toBe(1);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'BG_CATALOG_INVALID',
        severity: 'error',
        rule: 'osb-rule-38',
        location: {
          file: name,
          line: 77,
          column: 20,
          pointer: '#/services/0/plans/1/maintenance_info/version',
        },
      }),
    ]);
  });

  it('reports a catalog that is not YAML with exit 1 and its line', async () => {
    const run = await runCli(['lint', '--catalog', fixture('bad-yaml.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${fixture('bad-yaml.yaml')}:5:1  #/services  error BG_CATALOG_PARSE`,
    );
  });

  it('reports a missing catalog file with exit 1', async () => {
    const run = await runCli(['lint', '--catalog', fixture('missing.yaml')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error BG_CATALOG_NOT_FOUND');
  });

  it('reports a missing --previous file with exit 1', async () => {
    const run = await runCli([
      'lint',
      '--catalog',
      fixture('valid.yaml'),
      '--previous',
      fixture('missing.yaml'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${fixture('missing.yaml')}  error BG_CATALOG_NOT_FOUND`);
  });

  it('exits 2 when --previous comes without --catalog', async () => {
    const run = await runCli(['lint', 'spec/open-service-broker.yaml', '--previous', 'x.yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BG_CLI_USAGE');
  });

  it('exits 2 when --catalog names no file', async () => {
    const run = await runCli(['lint', '--catalog']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('BG_CLI_USAGE');
  });

  it('checks a spec and a catalog in one run, failing on the catalog', async () => {
    const run = await runCli([
      'lint',
      'spec/open-service-broker.yaml',
      '--catalog',
      fixture('rule-37-unknown-permission.yaml'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('spec/open-service-broker.yaml: valid OpenAPI 3.1');
    expect(run.stderr).toContain('#/services/1/requires/1  error BG_CATALOG_INVALID');
  });

  it('checks a spec and a catalog in one run, failing on the spec', async () => {
    const run = await runCli([
      'lint',
      'test/fixtures/specs/bad-ref.yaml',
      '--catalog',
      fixture('valid.yaml'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error BG_SPEC_REF');
    expect(run.stderr).toContain(`${fixture('valid.yaml')}: valid OSB catalog`);
  });

  it('documents --catalog and --previous with examples in --help', async () => {
    const run = await runCli(['lint', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--catalog');
    expect(run.stdout).toContain('--previous');
    expect(run.stdout).toContain('lint --catalog catalog.yaml --previous');
  });
});
