import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli.js';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'brokergen-generate-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const MINIMAL = 'test/fixtures/specs/minimal-3.1.yaml';

describe('brokergen generate', () => {
  it('writes the types target and its manifest, and says what it wrote', async () => {
    const run = await runCli(['generate', '--spec', MINIMAL, '--out', out, '--target', 'types']);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['.brokergen', 'types.ts']);
    expect(run.stderr).toMatch(/created .*types\.ts/);
  });

  it('gives the mocks the schemas as the spec writes them, not as openapi-typescript rewrites them', async () => {
    // openapi-typescript adds each discriminator value to the schema its mapping names, as a
    // required enum, in the document it is given; for the mocks that would forbid any other
    // value where the schema is used without the discriminator (GET /team).
    const spec = 'test/fixtures/specs/discriminator.yaml';
    const run = await runCli(['generate', '--spec', spec, '--out', out, '--quiet']);
    expect(run.code).toBe(0);
    expect(await readFile(join(out, 'types.ts'), 'utf8')).toContain("view: 'public'");
    const mockSpec = await readFile(join(out, 'mocks/spec.ts'), 'utf8');
    expect(mockSpec).not.toContain('"enum"');
    expect(mockSpec).toContain('"view": { "type": "string" }');
  });

  it('exits 1 with --check and names the file when the output is stale', async () => {
    await runCli(['generate', '--spec', MINIMAL, '--out', out, '--target', 'types']);
    await writeFile(join(out, 'types.ts'), '// edited by hand\n');
    const run = await runCli([
      'generate',
      '--spec',
      MINIMAL,
      '--out',
      out,
      '--target',
      'types',
      '--check',
      '--quiet',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/would be updated .*types\.ts/);
    expect(await readFile(join(out, 'types.ts'), 'utf8')).toBe('// edited by hand\n');
  });

  it('writes nothing and exits 1 when the spec is broken', async () => {
    const run = await runCli([
      'generate',
      '--spec',
      'test/fixtures/specs/bad-ref.yaml',
      '--out',
      out,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad-ref.yaml:15:17');
    expect(await readdir(out)).toEqual([]);
  });

  it('exits 2 on an unknown target, naming the known ones', async () => {
    const run = await runCli(['generate', '--spec', MINIMAL, '--out', out, '--target', 'cobol']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/BG_CLI_UNKNOWN_TARGET.*types/);
  });

  it('generates the types a server needs when only the server is asked for', async () => {
    const run = await runCli([
      'generate',
      '--spec',
      MINIMAL,
      '--out',
      out,
      '--target',
      'server',
      '--quiet',
    ]);
    expect(run.code).toBe(0);
    expect(await readdir(out)).toContain('types.ts');
  });

  it('exits 2 when --check and --dry-run are both given', async () => {
    const run = await runCli(['generate', '--spec', MINIMAL, '--out', out, '--check', '--dry-run']);
    expect(run.code).toBe(2);
  });

  it('exits 2 when --out is missing', async () => {
    const run = await runCli(['generate', '--spec', MINIMAL]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('out');
  });

  it('reports the files as JSON with --format json', async () => {
    const args = [
      'generate',
      '--spec',
      MINIMAL,
      '--out',
      out,
      '--target',
      'types',
      '--format',
      'json',
    ];
    const run = await runCli(args);
    expect(JSON.parse(run.stdout)).toMatchObject({
      files: [
        { path: 'types.ts', owner: 'generated', action: 'created' },
        { path: '.brokergen/manifest.json', owner: 'generated', action: 'created' },
      ],
    });
    expect(run.stderr).toBe('');
  });

  it('runs as the built bin', async () => {
    const bin = join(REPO, 'bin/brokergen.js');
    const { stderr } = await promisify(execFile)(
      process.execPath,
      [bin, 'generate', '-s', MINIMAL, '-o', out, '-t', 'types'],
      {
        cwd: REPO,
      },
    );
    expect(stderr).toContain('2 files written');
    expect((await readdir(out)).sort()).toEqual(['.brokergen', 'types.ts']);
  });
});
