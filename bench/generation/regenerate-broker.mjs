/**
 * brokergen's regeneration with a single operation added while the user's code is present: the
 * project is generated from the broker spec, a person adds a function of their own to every
 * file brokergen gave them, then the spec gains one operation and `generate` runs again, merging
 * each of those files three ways and type-checking them (the project has a tsconfig.json, as a
 * real one does). Each run starts from a fresh copy of that project.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import YAML from 'yaml';
import { describeResult, lastLines } from '../lib/describe-result.mjs';
import { BROKER_SPEC, BROKERGEN_BIN, WORK } from '../lib/paths.mjs';
import { runNode } from '../lib/run-command.mjs';
import { summarize } from '../lib/stats.mjs';

const ADDED_OPERATION_ID = 'getCatalogSummary';

/**
 * What the person adds to each file brokergen gave them (`broker.ts`, `server.ts`, handler
 * classes: whichever the manifest says are theirs); the merge must keep it.
 * @param {number} index
 * @returns {string}
 */
function userFunction(index) {
  return `
/** Written by hand: brokergen keeps it across regenerations. */
export function describeBenchEdit${index}(count: number): string {
  return \`\${count} offerings\`;
}
`;
}

/**
 * @param {{ runs: number, log: (line: string) => void }} options
 */
export async function measureRegenerations(options) {
  const base = join(WORK, 'generation', 'regeneration');
  const template = join(base, 'project');
  // The same file name as the original: it is in every generated header, and a new name would
  // rewrite every file.
  const addedSpec = join(base, 'spec', basename(BROKER_SPEC));
  await rm(base, { recursive: true, force: true });
  await mkdir(join(base, 'spec'), { recursive: true });
  const edited = await prepareProject(template);
  await writeFile(addedSpec, await addOperation(await readFile(BROKER_SPEC, 'utf8')));

  const ms = [];
  const peak = [];
  const failures = [];
  let merged = false;
  for (let run = 0; run < options.runs; run += 1) {
    const project = join(base, `run-${run}`);
    await cp(template, project, { recursive: true });
    const result = await runNode(
      [BROKERGEN_BIN, 'generate', '--spec', addedSpec, '--out', project, '--quiet'],
      { cwd: project },
    );
    options.log(
      `regeneration (one operation added) run ${run + 1}/${options.runs}: ${describeResult(result)}`,
    );
    if (result.code === 0) {
      ms.push(result.ms);
      if (result.peakMemoryBytes !== undefined) peak.push(result.peakMemoryBytes);
      if (run === 0) merged = await wasMerged(project, edited);
    } else {
      failures.push(`exit ${result.code}: ${lastLines(result.stderr || result.stdout)}`);
    }
    await rm(project, { recursive: true, force: true });
  }
  return {
    addOperation: {
      ms: summarize(ms),
      peakMemoryBytes: summarize(peak),
      failures,
      // A fast regeneration that lost the person's code or missed the operation is no result.
      mergedAsExpected: merged,
    },
  };
}

/**
 * Generates the broker project and edits it as its author would.
 * @param {string} dir
 * @returns {Promise<string[]>} the files edited
 */
async function prepareProject(dir) {
  const result = await runNode(
    [BROKERGEN_BIN, 'generate', '--spec', BROKER_SPEC, '--out', dir, '--quiet'],
    { cwd: WORK },
  );
  if (result.code !== 0)
    throw new Error(`generating the regeneration project failed: ${result.stderr}`);
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ type: 'module', private: true }, null, 2),
  );
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ['node'],
        },
        include: ['**/*.ts'],
      },
      null,
      2,
    ),
  );
  const files = await userFiles(dir);
  if (files.length === 0) throw new Error('the generated broker has no file owned by its user');
  for (const [index, file] of files.entries()) {
    const path = join(dir, file);
    await writeFile(path, (await readFile(path, 'utf8')) + userFunction(index));
  }
  return files;
}

/**
 * The files the manifest says are the user's, `.ts` only.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function userFiles(dir) {
  const manifest = /** @type {{ files: Record<string, { owner: string }> }} */ (
    JSON.parse(await readFile(join(dir, '.brokergen/manifest.json'), 'utf8'))
  );
  return Object.entries(manifest.files)
    .filter(([path, entry]) => entry.owner === 'user' && path.endsWith('.ts'))
    .map(([path]) => path)
    .sort();
}

/**
 * The broker spec with one more operation, `GET /v2/catalog/summary`, an extension of the
 * broker API outside the OSB specification.
 * @param {string} text
 * @returns {string}
 */
function addOperation(text) {
  const document = YAML.parseDocument(text);
  document.setIn(['paths', '/v2/catalog/summary'], {
    get: {
      operationId: ADDED_OPERATION_ID,
      tags: ['Catalog'],
      summary: 'Count the offerings in the catalog',
      parameters: [{ $ref: '#/components/parameters/BrokerApiVersion' }],
      responses: {
        200: {
          description: 'How many offerings and plans the catalog holds.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['services', 'plans'],
                properties: { services: { type: 'integer' }, plans: { type: 'integer' } },
              },
            },
          },
        },
      },
    },
  });
  return document.toString();
}

/**
 * @param {string} project
 * @param {string[]} edited
 * @returns {Promise<boolean>}
 */
async function wasMerged(project, edited) {
  for (const [index, file] of edited.entries()) {
    const text = await readFile(join(project, file), 'utf8');
    if (!text.includes(`export function describeBenchEdit${index}(`)) return false;
  }
  const types = await readFile(join(project, 'types.ts'), 'utf8');
  return types.includes(ADDED_OPERATION_ID);
}
