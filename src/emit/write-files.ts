import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EmitError } from '../errors.js';
import type { FileChange } from './plan-changes.js';
import { resolveInside } from './resolve-inside.js';

interface Staged {
  temp: string;
  target: string;
  previous: string | undefined;
}

/**
 * Applies planned changes atomically: every new text goes to a temporary sibling first, and only
 * when all of them are on disk are they renamed into place (each rename is atomic); deletions come
 * last. If anything fails, the temporary files are removed and files already renamed get their
 * previous content back, so the output directory is left as it was.
 * @throws EmitError BG_EMIT_WRITE, BG_EMIT_PATH_ESCAPE
 */
export async function writeFiles(outDir: string, changes: readonly FileChange[]): Promise<void> {
  const staged: Staged[] = [];
  const renamed: Staged[] = [];
  const suffix = `.brokergen-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    for (const change of changes) {
      if (change.next === undefined) continue;
      const target = resolveInside(outDir, change.path);
      await mkdir(dirname(target), { recursive: true });
      const entry = { temp: target + suffix, target, previous: change.previous };
      staged.push(entry);
      await writeFile(entry.temp, change.next, 'utf8');
    }
    for (const entry of staged) {
      await rename(entry.temp, entry.target);
      renamed.push(entry);
    }
  } catch (cause) {
    await rollBack(staged, renamed);
    if (cause instanceof EmitError) throw cause;
    throw new EmitError('BG_EMIT_WRITE', `Cannot write into ${outDir}`, {
      hint: cause instanceof Error ? cause.message : String(cause),
      cause,
    });
  }
  for (const change of changes) {
    if (change.action === 'deleted') await rm(resolveInside(outDir, change.path), { force: true });
  }
}

/** Removes staged temporary files and puts back what already-renamed files held before. */
async function rollBack(staged: readonly Staged[], renamed: readonly Staged[]): Promise<void> {
  await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
  await Promise.all(
    renamed.map(({ target, previous }) =>
      previous === undefined ? rm(target, { force: true }) : writeFile(target, previous, 'utf8'),
    ),
  );
}
