import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './cli/run-cli.js';
import { compileStrict } from './helpers/compile-typescript.js';

/**
 * generated-samples/ is the committed output for every spec in spec/. These tests regenerate
 * it into a temporary directory and fail on any difference: run `npm run update:samples` after
 * a change to a template, a target or a spec, and review the diff.
 */
const SAMPLES = join(REPO, 'generated-samples');
/** Each sample's `generate` arguments, as `npm run update:samples` passes them. */
const SAMPLE_ARGS = JSON.parse(readFileSync(join(SAMPLES, 'samples.json'), 'utf8')) as Record<
  string,
  string[]
>;
const SPECS = Object.keys(SAMPLE_ARGS);

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'brokergen-samples-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe.each(SPECS)('generated-samples/%s', (name) => {
  it('matches what brokergen generates now', async () => {
    const out = join(scratch, name);
    const run = await runCli(['generate', ...(SAMPLE_ARGS[name] ?? []), '--out', out, '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const committed = join(SAMPLES, name);
    const files = await listFiles(out);
    expect(await listFiles(committed), 'run `npm run update:samples`').toEqual(files);
    for (const file of files) {
      const [want, got] = await Promise.all([
        readFile(join(out, file), 'utf8'),
        readFile(join(committed, file), 'utf8'),
      ]);
      expect(
        got,
        `generated-samples/${name}/${file} is stale: run \`npm run update:samples\``,
      ).toBe(want);
    }
  });
});

describe('generated-samples', () => {
  it('has a sample for every curated spec', () => {
    expect([...SPECS].sort()).toEqual(['cloud-controller-v2', 'open-service-broker']);
  });

  // Not with exactOptionalPropertyTypes: the broker runtime's reply types allow `undefined` in
  // optional properties, which that flag tells apart from absent ones.
  it('type-checks under strict', async () => {
    const files = (await listFiles(SAMPLES))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => join(SAMPLES, file));
    expect(files.length).toBeGreaterThanOrEqual(SPECS.length);
    expect(await compileStrict(files, { exactOptionalPropertyTypes: false })).toBe('');
  });
});
