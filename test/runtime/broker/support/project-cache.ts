import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '../../../..');

/**
 * Everything a generated, compiled broker project is made from: the generator and runtime
 * (`src/`), the templates, the spec, the installed packages, and the helpers that generate it.
 */
const INPUTS = [
  'src',
  'templates',
  'spec/open-service-broker.yaml',
  'package-lock.json',
  'test/helpers/generated-project.ts',
  'test/runtime/broker/support/generated-broker.ts',
];

/** A cache entry unused for this long is removed when another entry is built. */
const STALE_MS = 60 * 60 * 1000;
const CACHE = join(tmpdir(), 'brokergen-test-projects');

/** A project in the cache: its directory and what its compilation printed. */
export interface CachedProject {
  dir: string;
  compileOutput: string;
}

/**
 * The project `build` makes for `variant`, made once for all the test files of a run (and of
 * the runs that follow, until an input changes): generating and type-checking the broker costs
 * about 11 s of CPU, the same for every file, on a machine of two cores. The first file to ask
 * builds it under a lock directory while the others wait; `build` must return a directory that
 * can be moved, which the cache then owns.
 */
export async function getCachedProject(
  variant: string,
  build: () => Promise<CachedProject>,
): Promise<CachedProject> {
  const key = await hashInputs(variant);
  const entry = join(CACHE, key);
  const lock = `${entry}.lock`;
  await mkdir(CACHE, { recursive: true });
  for (;;) {
    const ready = await readReady(entry);
    if (ready !== undefined) return ready;
    if (await tryLock(lock)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    const ready = await readReady(entry);
    if (ready !== undefined) return ready;
    await removeStaleEntries(key);
    const built = await build();
    // The marker goes in first, so that the entry appears complete or not at all.
    await writeFile(join(built.dir, 'compile-output.txt'), built.compileOutput);
    await rm(entry, { recursive: true, force: true });
    await rename(built.dir, entry);
    return { dir: entry, compileOutput: built.compileOutput };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function hashInputs(variant: string): Promise<string> {
  // The project's node_modules is a symlink to this checkout's, so entries are per checkout.
  const hash = createHash('sha256').update(`${variant}\n${REPO}\n`);
  for (const input of INPUTS) {
    for (const file of await listFiles(join(REPO, input))) {
      hash.update(`${relative(REPO, file)}\n`).update(await readFile(file));
    }
  }
  return hash.digest('hex').slice(0, 32);
}

async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path);
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).sort();
  return (await Promise.all(names.map((name) => listFiles(join(path, name))))).flat();
}

/**
 * The entry if it is complete and its packages resolve, marking it used; undefined otherwise
 * (an entry whose node_modules symlink dangles, its checkout gone, is built again).
 */
async function readReady(entry: string): Promise<CachedProject | undefined> {
  const marker = join(entry, 'compile-output.txt');
  try {
    const compileOutput = await readFile(marker, 'utf8');
    await stat(join(entry, 'node_modules', 'fastify', 'package.json'));
    const now = new Date();
    await utimes(marker, now, now);
    return { dir: entry, compileOutput };
  } catch {
    return undefined;
  }
}

/** Takes the lock, or takes over one whose holder died; false while a live process holds it. */
async function tryLock(lock: string): Promise<boolean> {
  try {
    await mkdir(lock);
    await writeFile(join(lock, 'pid'), String(process.pid));
    return true;
  } catch {
    const holder = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
    if (holder > 0 && !isAlive(holder)) await rm(lock, { recursive: true, force: true });
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Removes entries (other than `keep`) that no run has used for STALE_MS. */
async function removeStaleEntries(keep: string): Promise<void> {
  for (const name of await readdir(CACHE)) {
    if (name === keep || name.endsWith('.lock')) continue;
    const marker = join(CACHE, name, 'compile-output.txt');
    const used = await stat(marker).then(
      (info) => info.mtimeMs,
      () => 0,
    );
    if (Date.now() - used > STALE_MS) await rm(join(CACHE, name), { recursive: true, force: true });
  }
}
