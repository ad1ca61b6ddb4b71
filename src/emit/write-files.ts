import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { EmitError } from '../errors.js';
import type { RenderedFile } from './planned-file.js';

/** What happened, or would happen, to one file. */
export type WriteAction = 'created' | 'updated' | 'unchanged' | 'kept';

export interface WriteResult {
  path: string;
  action: WriteAction;
}

/** A planned write with what the file held before, so a failed write can be rolled back. */
interface PlannedWrite extends WriteResult {
  previous?: string | undefined;
}

/**
 * Resolves a planned path inside the output directory.
 * @throws EmitError BG_EMIT_PATH_ESCAPE when the path is absolute or climbs out of `outDir`.
 */
export function resolveInside(outDir: string, path: string): string {
  const target = resolve(outDir, path);
  const inside = relative(outDir, target);
  if (isAbsolute(path) || inside === '' || inside.startsWith('..' + sep) || inside === '..') {
    throw new EmitError('BG_EMIT_PATH_ESCAPE', `Planned file ${path} lies outside ${outDir}`, {
      hint: 'A target planned a path that escapes the output directory; this is a bug.',
    });
  }
  return target;
}

/**
 * Decides, for every rendered file, whether writing it would create, update or leave it alone.
 * Generated files are compared byte for byte; an existing user-owned file is always kept.
 */
export async function planWrites(
  outDir: string,
  files: readonly RenderedFile[],
): Promise<WriteResult[]> {
  return Promise.all(
    files.map(async (file): Promise<PlannedWrite> => {
      const current = await readIfExists(resolveInside(outDir, file.path));
      if (current === undefined) return { path: file.path, action: 'created' };
      if (file.owner === 'user') return { path: file.path, action: 'kept' };
      if (current === file.text) return { path: file.path, action: 'unchanged' };
      return withPrevious({ path: file.path, action: 'updated' }, current);
    }),
  );
}

/** Attaches the old text without making it part of what callers print or serialise. */
function withPrevious(result: WriteResult, previous: string): PlannedWrite {
  return Object.defineProperty(result, 'previous', { value: previous, enumerable: false });
}

/**
 * Writes files atomically: every file goes to a temporary sibling first, and only when all of
 * them are on disk are they renamed into place (each rename is atomic). If anything fails, the
 * temporary files are removed and files already renamed get their previous content back, so the
 * output directory is left as it was.
 * @throws EmitError BG_EMIT_WRITE, BG_EMIT_PATH_ESCAPE
 */
export async function writeFiles(
  outDir: string,
  files: readonly RenderedFile[],
  plan: readonly WriteResult[],
): Promise<void> {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const staged: Array<{ temp: string; target: string; previous: string | undefined }> = [];
  const renamed: typeof staged = [];
  const suffix = `.brokergen-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    for (const write of plan as readonly PlannedWrite[]) {
      if (write.action !== 'created' && write.action !== 'updated') continue;
      const file = byPath.get(write.path);
      if (file === undefined) continue;
      const target = resolveInside(outDir, write.path);
      await mkdir(dirname(target), { recursive: true });
      const temp = target + suffix;
      staged.push({ temp, target, previous: write.previous });
      await writeFile(temp, file.text, 'utf8');
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
}

/** Removes staged temporary files and puts back what already-renamed files held before. */
async function rollBack(
  staged: ReadonlyArray<{ temp: string }>,
  renamed: ReadonlyArray<{ target: string; previous: string | undefined }>,
): Promise<void> {
  await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
  await Promise.all(
    renamed.map(({ target, previous }) =>
      previous === undefined ? rm(target, { force: true }) : writeFile(target, previous, 'utf8'),
    ),
  );
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmitError('BG_EMIT_WRITE', `Cannot read ${path}`, {
      hint: (error as Error).message,
      cause: error,
    });
  }
}
