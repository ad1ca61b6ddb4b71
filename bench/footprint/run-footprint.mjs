/**
 * Install footprint: what a project takes on when it uses brokergen's output. The generated
 * client: its files and bytes (source and compiled) and every package it imports (none is the
 * goal). A scaffolded broker (`brokergen new`): the production dependencies npm installs for
 * it, counted as packages and bytes on disk; skipped while the command does not exist.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateAndCompile } from '../lib/compile-project.mjs';
import { describeResult } from '../lib/describe-result.mjs';
import { measureDirectory } from '../lib/measure-directory.mjs';
import { BROKER_SPEC, BROKERGEN_BIN, WORK } from '../lib/paths.mjs';
import { runNode, spawnAndCollect } from '../lib/run-command.mjs';

/**
 * @param {{ hasNewCommand: boolean, log: (line: string) => void }} options
 * @returns {Promise<Record<string, unknown>>}
 */
export async function measureFootprint(options) {
  return {
    client: await measureClientFootprint(),
    scaffold: options.hasNewCommand
      ? await measureScaffoldFootprint(options.log)
      : { skipped: 'not available yet: this brokergen has no `new` command' },
  };
}

/**
 * The client the client benchmark generated and compiled (client/ and the types.ts it uses),
 * generated here when that benchmark did not run.
 */
async function measureClientFootprint() {
  const project = join(WORK, 'client', 'project');
  if (!existsSync(join(project, 'dist/client/client.js'))) {
    await generateAndCompile(project, ['--spec', BROKER_SPEC, '--target', 'client']);
  }
  const isTs = (/** @type {string} */ name) => name.endsWith('.ts');
  const isJs = (/** @type {string} */ name) => name.endsWith('.js');
  const source = add(await measureDirectory(join(project, 'client'), isTs), {
    files: 1,
    bytes: (await readFile(join(project, 'types.ts'))).length,
  });
  const compiled = add(
    await measureDirectory(join(project, 'dist/client'), isJs),
    await measureDirectory(join(project, 'dist'), (name) => name === 'types.js'),
  );
  return { source, compiled, dependencies: await importedPackages(join(project, 'client')) };
}

/**
 * Scaffolds a broker into a temporary directory and installs its production dependencies.
 * @param {(line: string) => void} log
 */
async function measureScaffoldFootprint(log) {
  const dir = join(WORK, 'footprint', 'scaffold');
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(WORK, 'footprint'), { recursive: true });
  const scaffolded = await runNode([BROKERGEN_BIN, 'new', dir, '--no-install'], {
    cwd: join(WORK, 'footprint'),
  });
  if (scaffolded.code !== 0) return { failed: `brokergen new: ${describeResult(scaffolded)}` };
  const manifest = /** @type {{ dependencies?: Record<string, string> }} */ (
    JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
  );
  log('footprint: installing the scaffolded broker (production dependencies)...');
  // Install scripts stay off: a native addon's build would measure the compiler, not the broker.
  const installed = await spawnAndCollect(
    'npm',
    ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: dir, env: process.env, timeoutMs: 10 * 60_000 },
  );
  if (installed.code !== 0)
    return { failed: `npm install: ${installed.stderr.trim().slice(-500)}` };
  const lock = /** @type {{ packages: Record<string, unknown> }} */ (
    JSON.parse(await readFile(join(dir, 'node_modules/.package-lock.json'), 'utf8'))
  );
  return {
    directDependencies: Object.keys(manifest.dependencies ?? {}).sort(),
    installedPackages: Object.keys(lock.packages).filter((path) => path.startsWith('node_modules/'))
      .length,
    nodeModules: await measureDirectory(join(dir, 'node_modules')),
    source: await measureDirectory(dir, (name) => name.endsWith('.ts')),
  };
}

/**
 * The packages (bare specifiers other than `node:` built-ins) imported under `dir`.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function importedPackages(dir) {
  const found = new Set();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(
      /\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const specifier = match[1] ?? match[2] ?? '';
      if (!specifier.startsWith('.') && !specifier.startsWith('node:')) found.add(specifier);
    }
  }
  return [...found].sort();
}

/**
 * @param {{ files: number, bytes: number }} a
 * @param {{ files: number, bytes: number }} b
 */
function add(a, b) {
  return { files: a.files + b.files, bytes: a.bytes + b.bytes };
}
