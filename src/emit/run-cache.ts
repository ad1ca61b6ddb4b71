import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashText, MANIFEST_PATH, readManifest } from './manifest.js';
import { resolveInside } from './resolve-inside.js';

/** What identifies a run into an output directory. */
export interface RunCacheKey {
  outDir: string;
  /**
   * Every setting that shapes the output (spec and catalog paths, targets, options), as JSON:
   * the same settings give the same JSON, key for key.
   */
  settings: unknown;
  /** brokergen's templates and runtime; with its own code, they make the generator. */
  generatorDirs: readonly string[];
  /**
   * Where records are kept; default: `node_modules/.cache/brokergen` in the nearest folder at or
   * above the output directory that has `node_modules`. Without one, nothing is cached.
   */
  cacheDir?: string;
}

/** A record as stored: what the run depended on, and what it reported. */
interface RunRecord {
  version: 1;
  outDir: string;
  settings: unknown;
  generator: string;
  /** Every file the run read, by absolute path, with its hash. */
  files: Record<string, string>;
  /** Hash of the manifest the run left. */
  manifest: string;
  report: unknown;
}

/**
 * Packages whose version can change the output: the printer of types, the formatter, the
 * bundler, the template engine, the merge.
 */
const OUTPUT_PACKAGES = [
  'openapi-typescript',
  'typescript',
  'prettier',
  '@redocly/openapi-core',
  'handlebars',
  'ts-morph',
];

/**
 * A record of the last write into an output directory, kept outside it, that lets a run with
 * nothing to do stop before it loads the spec: loading, linting and bundling a spec and printing
 * its types took 0.5 s on the broker spec and 5 s on GitHub's description, for output that
 * comes out as it was.
 *
 * A run is unchanged when its settings are the same; every file the last run read (spec files,
 * catalog) hashes the same; the generator is the same (brokergen's code, templates and runtime by
 * content, and the versions of the packages that shape output); the manifest is the one that run
 * wrote; and every file the manifest lists is on disk as written. The record is a cache, kept
 * with the project's other caches in `node_modules/.cache` rather than in the output directory,
 * which is committed: it names this machine's paths, and generator fingerprints would change
 * committed files with every brokergen build. Deleting it costs one full run.
 */
export class RunCache {
  readonly #key: RunCacheKey;
  #generator: Promise<string> | undefined;

  constructor(key: RunCacheKey) {
    this.#key = key;
  }

  /** The report the last write saved, when the run would change nothing; else undefined. */
  async findUnchanged(): Promise<unknown> {
    const file = await this.#recordFile();
    if (file === undefined) return undefined;
    const record = await readRecord(file);
    if (record === undefined) return undefined;
    const outDir = resolve(this.#key.outDir);
    const unchanged =
      record.outDir === outDir &&
      JSON.stringify(record.settings) === JSON.stringify(this.#key.settings) &&
      record.generator === (await this.#fingerprintGenerator()) &&
      hasSameFiles(record.files) &&
      (await hasSameOutput(outDir, record.manifest));
    return unchanged ? record.report : undefined;
  }

  /**
   * Starts working out what `record` needs (the generator's fingerprint: reading brokergen's code,
   * templates and runtime, tens of milliseconds), for a run that will record, so that the reads
   * overlap with the run's own work instead of ending it. Throws nothing.
   */
  prepare(): void {
    const started = this.#recordFile().then((file) =>
      file === undefined ? undefined : this.#fingerprintGenerator(),
    );
    // record() awaits the same promise and handles its failure.
    started.catch(() => undefined);
  }

  /**
   * Records a write that left the output directory as its manifest says: the files it read
   * (absolute paths) and the report to give again. A file that is not a local path (a spec
   * fetched over HTTP) cannot be checked cheaply, and then nothing is recorded. Failing to write
   * the cache never fails the run.
   */
  async record(files: readonly string[], report: unknown): Promise<void> {
    const file = await this.#recordFile();
    if (file === undefined || !files.every((path) => isAbsolute(path))) return;
    const outDir = resolve(this.#key.outDir);
    try {
      const hashes: Record<string, string> = {};
      for (const path of [...files].sort()) hashes[path] = await hashFile(path);
      const record: RunRecord = {
        version: 1,
        outDir,
        settings: this.#key.settings,
        generator: await this.#fingerprintGenerator(),
        files: hashes,
        manifest: await hashFile(join(outDir, MANIFEST_PATH)),
        report,
      };
      await mkdir(dirname(file), { recursive: true });
      const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, JSON.stringify(record), 'utf8');
      await rename(temp, file).catch(async (error: unknown) => {
        await rm(temp, { force: true });
        throw error;
      });
    } catch {
      // A cache that cannot be written is a cache that is not used.
    }
  }

  async #recordFile(): Promise<string | undefined> {
    const outDir = resolve(this.#key.outDir);
    const cacheDir = this.#key.cacheDir ?? (await findCacheDir(outDir));
    if (cacheDir === undefined) return undefined;
    const id = createHash('sha256').update(outDir).digest('hex').slice(0, 16);
    return join(cacheDir, `run-${id}.json`);
  }

  #fingerprintGenerator(): Promise<string> {
    this.#generator ??= fingerprintGenerator(this.#key.generatorDirs);
    return this.#generator;
  }
}

/** `node_modules/.cache/brokergen` in the nearest folder at or above `dir` with `node_modules`. */
async function findCacheDir(dir: string): Promise<string | undefined> {
  for (let current = dir; ; current = dirname(current)) {
    const modules = join(current, 'node_modules');
    if (await isDirectory(modules)) return join(modules, '.cache', 'brokergen');
    if (dirname(current) === current) return undefined;
  }
}

async function readRecord(file: string): Promise<RunRecord | undefined> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as Partial<RunRecord>;
    const valid =
      record.version === 1 &&
      typeof record.outDir === 'string' &&
      typeof record.generator === 'string' &&
      typeof record.manifest === 'string' &&
      record.files !== null &&
      typeof record.files === 'object';
    return valid ? (record as RunRecord) : undefined;
  } catch {
    return undefined;
  }
}

/*
 * The checks read files synchronously, one after another: a run the cache answers reads hundreds
 * of small files (brokergen's own, the spec's, the output) with nothing else to do meanwhile, and
 * reading them through the thread pool took three times as long (30 against 10 ms for 343 files).
 */

function hasSameFiles(files: Record<string, string>): boolean {
  return Object.entries(files).every(([path, hash]) => hashFileNow(path) === hash);
}

/** Whether the manifest is the recorded one and every file it lists is on disk as written. */
async function hasSameOutput(outDir: string, manifestHash: string): Promise<boolean> {
  if (hashFileNow(join(outDir, MANIFEST_PATH)) !== manifestHash) return false;
  const manifest = await readManifest(outDir).catch(() => undefined);
  if (manifest === undefined) return false;
  return Object.entries(manifest.files).every(([path, entry]) => {
    try {
      return hashFileNow(resolveInside(outDir, path)) === entry.hash;
    } catch {
      // A path the manifest should never hold (outside the directory): not the recorded output.
      return false;
    }
  });
}

/** The file's hash, or undefined when it cannot be read. */
function hashFileNow(path: string): string | undefined {
  try {
    return hashText(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

async function hashFile(path: string): Promise<string> {
  return hashText(await readFile(path, 'utf8'));
}

/**
 * The generator, by content: brokergen's compiled code (the folder this module is in, `dist/`
 * or `src/`; its declaration files and source maps cannot change output), the given folders, and
 * the versions of the packages that shape output.
 */
async function fingerprintGenerator(dirs: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  const codeDir = fileURLToPath(new URL('..', import.meta.url));
  for (const dir of [codeDir, ...dirs]) {
    const root = await realpath(dir).catch(() => dir);
    const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((file) => dir !== codeDir || !/\.(d\.ts|map)$/.test(file))
      .sort();
    hash.update(`${dir}\0`);
    for (const file of files) {
      hash.update(`${file.slice(root.length)}\0`);
      hash.update(readFileSync(file));
    }
  }
  for (const name of OUTPUT_PACKAGES) hash.update(`${name}@${await packageVersion(name)}\0`);
  return 'sha256:' + hash.digest('hex');
}

/** The installed version of a package, as Node.js resolves it from brokergen. */
async function packageVersion(name: string): Promise<string> {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve(name));
    for (; dirname(dir) !== dir; dir = dirname(dir)) {
      const text = await readFile(join(dir, 'package.json'), 'utf8').catch(() => undefined);
      const manifest =
        text === undefined ? undefined : (JSON.parse(text) as Partial<Record<string, string>>);
      if (manifest?.name === name) return manifest.version ?? 'unknown';
    }
  } catch {
    // Not resolvable from here: the run would fail to load it anyway.
  }
  return 'missing';
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
