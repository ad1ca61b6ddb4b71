import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CodeFormatter } from '../../src/emit/index.js';
import { splitStatements } from '../../src/emit/format-rendered.js';
import { generateProject } from '../helpers/generated-project.js';
import type { GeneratedProject } from '../helpers/generated-project.js';

/**
 * Templates that declare their output `formatted` skip prettier for every top-level statement
 * whose lines of code fit the output style's width (format-rendered.ts). That is only right while
 * each such template writes what prettier would: these tests generate every target for specs
 * whose names and shapes differ (long, short, hostile, none) and hold each generated file to what
 * prettier makes of it, and GitHub's client to it in a sample. The runtime copies have their own
 * test (copied-runtime.test.ts).
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
  ['test/fixtures/specs/client-layouts.yaml', []],
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
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(projects.map((project) => project.remove()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Generates every target for `spec` and holds each file to what prettier makes of it. */
async function expectOutputStyle(spec: string, args: string[]): Promise<void> {
  const project = await generateProject(spec, TARGETS, args);
  projects.push(project);
  const files = await listGeneratedTypeScript(project.dir);
  expect(files).toContain('types.ts');
  const formatter = new CodeFormatter({ workers: 0 });
  for (const file of files) {
    const text = await readFile(join(project.dir, file), 'utf8');
    expect(await formatter.format(file, text), `${spec}: ${file}`).toBe(text);
  }
}

describe.each(SPECS)('the output generated for %s %j', (spec, args) => {
  it('is what prettier makes of it, file by file', async () => {
    await expectOutputStyle(spec, args);
  }, 120_000);
});

/**
 * The broker spec with every operationId cut to a few characters, so that what OSB's long names
 * never let fit on a line (an import list, a call, a hugged callback) does: a template that breaks
 * such a construct whatever its width would write what prettier joins.
 */
describe('the output generated for the broker spec with short operation names', () => {
  it('is what prettier makes of it, file by file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'brokergen-short-names-'));
    dirs.push(dir);
    const source = await readFile('spec/open-service-broker.yaml', 'utf8');
    let count = 0;
    const spec = join(dir, 'short-names.yaml');
    await writeFile(
      spec,
      source.replace(/operationId: \w+/g, () => `operationId: o${++count}`),
    );
    expect(count).toBeGreaterThan(10);
    await expectOutputStyle(spec, []);
  }, 120_000);
});

/**
 * A statement's layout without its names: comments dropped (prettier keeps them as written),
 * strings and words blanked, so that statements differ in shape only where their layout does.
 */
function shapeOf(statement: string): string {
  return statement
    .split('\n')
    .filter((line) => !/^\s*(\/\*|\*|\/\/)/.test(line))
    .map((line) =>
      line
        .replace(/'(?:[^'\\]|\\.)*'/g, "''")
        .replace(/[A-Za-z_$][\w$]*/g, 'x')
        .replace(/[0-9]+/g, '0'),
    )
    .join('\n');
}

/**
 * GitHub's client (2.4 MB, 1,223 operations) has every layout the client's templates write, with
 * names of every length, but is too large to hold to prettier whole in a test: every statement
 * of a shape not seen before is, and every 25th statement besides.
 */
describe('the client generated for the GitHub REST description', () => {
  it('is what prettier makes of it, statement by statement, in a sample', async () => {
    const project = await generateProject(
      'node_modules/@octokit/openapi/generated/api.github.com.json',
      ['client'],
    );
    projects.push(project);
    const text = await readFile(join(project.dir, 'client/client.ts'), 'utf8');
    const statements = splitStatements(text);
    expect(statements.length).toBeGreaterThan(6000);
    const shapes = new Set<string>();
    const formatter = new CodeFormatter({ workers: 0 });
    for (const [index, statement] of statements.entries()) {
      const shape = shapeOf(statement);
      if (shapes.has(shape) && index % 25 !== 0) continue;
      shapes.add(shape);
      expect(await formatter.format('client.ts', statement), `statement ${index}`).toBe(statement);
    }
    expect(shapes.size).toBeGreaterThan(20);
  }, 120_000);
});
