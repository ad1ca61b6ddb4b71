import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeFormatter, emitFiles, RunCache, TemplateRenderer } from '../../src/emit/index.js';
import type { PlannedFile, RunCacheKey } from '../../src/emit/index.js';

let dir: string;
let key: RunCacheKey;
let input: string;
let templates: string;

const FILES: PlannedFile[] = [
  {
    path: 'types.ts',
    owner: 'generated',
    content: {
      kind: 'template',
      template: 'partials/file-header',
      view: { specFile: 'spec.yaml', title: 'T', version: '1', generated: true },
    },
  },
];

/** A real write into the output directory, as `generate` makes it. */
async function write(): Promise<void> {
  await emitFiles(FILES, {
    outDir: key.outDir,
    header: { specFile: 'spec.yaml', title: 'T', version: '1' },
    renderer: new TemplateRenderer(templates),
    formatter: new CodeFormatter(),
    merge: () => {
      throw new Error('no user file exists, so nothing merges');
    },
    mode: 'write',
    typecheck: false,
  });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'brokergen-run-cache-'));
  templates = join(dir, 'templates');
  await cp(resolve(import.meta.dirname, '../../templates/partials'), join(templates, 'partials'), {
    recursive: true,
  });
  input = join(dir, 'spec.yaml');
  await writeFile(input, 'openapi: 3.1.0\n');
  key = {
    outDir: join(dir, 'out'),
    settings: { spec: input, targets: ['types'] },
    generatorDirs: [templates],
    cacheDir: join(dir, 'cache'),
  };
  await write();
  await new RunCache(key).record([input], { said: 'up to date' });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('RunCache', () => {
  it('gives back the recorded report when nothing changed', async () => {
    expect(await new RunCache(key).findUnchanged()).toEqual({ said: 'up to date' });
  });

  it.each([
    ['a setting changed', () => (key = { ...key, settings: { spec: input, targets: ['client'] } })],
    ['a file the run read was edited', () => writeFile(input, 'openapi: 3.0.3\n')],
    ['a file the run read was deleted', () => rm(input)],
    ['a generated file was edited', () => writeFile(join(key.outDir, 'types.ts'), '// mine\n')],
    ['a generated file was deleted', () => rm(join(key.outDir, 'types.ts'))],
    [
      'the manifest was rewritten',
      async () => {
        const manifest = join(key.outDir, '.brokergen/manifest.json');
        await writeFile(manifest, (await readFile(manifest, 'utf8')) + '\n');
      },
    ],
    [
      'a template changed (a brokergen upgrade)',
      () => writeFile(join(templates, 'partials/file-header.hbs'), '// Other header.\n'),
    ],
    [
      'brokergen gained a template',
      async () => {
        await mkdir(join(templates, 'types'));
        await writeFile(join(templates, 'types/types.ts.hbs'), '\n');
      },
    ],
  ])('finds nothing when %s', async (_change, change) => {
    await change();
    expect(await new RunCache(key).findUnchanged()).toBeUndefined();
  });

  it('finds the run again once a changed run recorded itself', async () => {
    await writeFile(input, 'openapi: 3.0.3\n');
    await write();
    await new RunCache(key).record([input], { said: 'again' });
    expect(await new RunCache(key).findUnchanged()).toEqual({ said: 'again' });
  });

  it('records nothing for a run that read a file by URL', async () => {
    const other = { ...key, cacheDir: join(dir, 'other-cache') };
    await new RunCache(other).record([input, 'https://example.com/spec.yaml'], {});
    expect(await new RunCache(other).findUnchanged()).toBeUndefined();
  });

  it('keeps records in node_modules/.cache/brokergen above the output directory', async () => {
    await mkdir(join(dir, 'node_modules'));
    const found = { ...key, cacheDir: undefined };
    await new RunCache(found).record([input], { said: 'found' });
    expect(await new RunCache(found).findUnchanged()).toEqual({ said: 'found' });
    expect(await new RunCache({ ...found, outDir: join(dir, 'elsewhere') }).findUnchanged()).toBe(
      undefined,
    );
  });
});
