import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeFormatter } from '../../src/emit/index.js';
import { generateProject } from '../helpers/generated-project.js';
import type { GeneratedProject } from '../helpers/generated-project.js';

/**
 * Templates that declare their output `formatted` skip prettier for every top-level statement
 * whose lines fit the output style's width (format-rendered.ts). That is only right while each
 * such template writes what prettier would: these tests generate every target for specs whose
 * names and shapes differ (long, short, hostile, none) and hold each generated file to what
 * prettier makes of it. The runtime copies have their own test (copied-runtime.test.ts).
 */
const SPECS: Array<[spec: string, args: string[]]> = [
  ['spec/open-service-broker.yaml', ['--catalog', 'templates/project/catalog.yaml']],
  ['spec/open-service-broker.yaml', ['--profile', 'osb', '--osb-version', '2.13']],
  ['spec/cloud-controller-v2.yaml', []],
  ['test/fixtures/specs/hostile-names.yaml', []],
  ['test/fixtures/specs/discriminator.yaml', []],
  ['test/fixtures/specs/minimal-3.0.json', []],
  ['test/fixtures/specs/model-parameters.yaml', []],
  ['test/fixtures/specs/model-recursive-schemas.yaml', []],
  ['test/fixtures/specs/model-security.yaml', []],
  ['test/fixtures/specs/external-ref.yaml', []],
];

const TARGETS = ['types', 'server', 'client', 'mocks'];

async function listGeneratedTypeScript(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .filter((file) => !file.startsWith('node_modules/') && !file.includes('runtime/'))
    .sort();
}

const projects: GeneratedProject[] = [];
afterAll(async () => {
  await Promise.all(projects.map((project) => project.remove()));
});

describe.each(SPECS)('the output generated for %s %j', (spec, args) => {
  it('is what prettier makes of it, file by file', async () => {
    const project = await generateProject(spec, TARGETS, args);
    projects.push(project);
    const files = await listGeneratedTypeScript(project.dir);
    expect(files).toContain('types.ts');
    const formatter = new CodeFormatter({ workers: 0 });
    for (const file of files) {
      const text = await readFile(join(project.dir, file), 'utf8');
      expect(await formatter.format(file, text), `${spec}: ${file}`).toBe(text);
    }
  }, 120_000);
});
