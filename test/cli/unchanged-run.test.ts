import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * A regeneration with nothing changed answers from the record of the last run (kept in
 * node_modules/.cache/brokergen) with the report a full run would print, and any change makes
 * it a full run again.
 */
let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'brokergen-unchanged-'));
  await mkdir(join(project, 'node_modules'));
});
afterEach(async () => {
  await rm(project, { recursive: true, force: true });
});

const SPEC = 'test/fixtures/specs/minimal-3.1.yaml';
const generate = (...args: string[]) =>
  runCli(['generate', '--spec', SPEC, '--out', join(project, 'out'), '--no-typecheck', ...args]);

describe('an unchanged regeneration', () => {
  it('prints what a full run would, and is recorded where the project keeps its caches', async () => {
    expect((await generate()).code).toBe(0);
    const full = await generate();
    const replayed = await generate();
    expect(replayed.code).toBe(0);
    expect(replayed.stderr).toBe(full.stderr);
    expect(replayed.stderr).toMatch(/0 files written, \d+ unchanged/);
    expect((await generate('--check')).code).toBe(0);
    expect((await readdir(join(project, 'node_modules/.cache/brokergen'))).length).toBeGreaterThan(
      0,
    );
  });

  it('is a full run again when a generated file was edited, and restores it', async () => {
    expect((await generate()).code).toBe(0);
    expect((await generate()).code).toBe(0);
    const types = join(project, 'out/types.ts');
    const original = await readFile(types, 'utf8');
    await writeFile(types, '// edited\n');
    const run = await generate();
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/updated .*types\.ts/);
    expect(await readFile(types, 'utf8')).toBe(original);
  });

  it('is a full run again when an option changed', async () => {
    expect((await generate('--target', 'types')).code).toBe(0);
    expect((await generate('--target', 'types')).code).toBe(0);
    const run = await generate('--target', 'types', 'client');
    expect(run.stderr).toMatch(/created .*client\/client\.ts/);
  });
});
