import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileChange } from '../../src/emit/index.js';
import { resolveInside } from '../../src/emit/resolve-inside.js';
import { writeFiles } from '../../src/emit/write-files.js';

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'brokergen-write-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const create = (path: string, next: string): FileChange => ({
  path,
  owner: 'generated',
  action: 'created',
  previous: undefined,
  next,
});

describe('resolveInside', () => {
  it.each(['../escape.ts', 'a/../../escape.ts', '/etc/passwd', '.'])(
    'rejects %j with BG_EMIT_PATH_ESCAPE',
    (path) => {
      expect(() => resolveInside(outDir, path)).toThrow(
        expect.objectContaining({ code: 'BG_EMIT_PATH_ESCAPE' }),
      );
    },
  );

  it('accepts a nested path', () => {
    expect(resolveInside(outDir, 'server/handlers.ts')).toBe(join(outDir, 'server/handlers.ts'));
  });
});

describe('writeFiles', () => {
  it('creates files in nested folders', async () => {
    await writeFiles(outDir, [create('a.ts', 'a'), create('deep/b.ts', 'b')]);
    expect(await readFile(join(outDir, 'deep/b.ts'), 'utf8')).toBe('b');
  });

  it('deletes files planned for deletion, after writing the others', async () => {
    await writeFiles(outDir, [create('old.ts', 'old')]);
    await writeFiles(outDir, [
      create('new.ts', 'new'),
      { path: 'old.ts', owner: 'generated', action: 'deleted', previous: 'old', next: undefined },
    ]);
    expect(await readdir(outDir)).toEqual(['new.ts']);
  });

  it('restores every file when one cannot be written, and leaves no temporary files', async () => {
    await writeFiles(outDir, [create('a.ts', 'old a')]);
    // A directory where a file should go makes its rename fail after a.ts was renamed.
    await mkdir(join(outDir, 'blocked.ts'));
    const changes: FileChange[] = [
      { path: 'a.ts', owner: 'generated', action: 'updated', previous: 'old a', next: 'new a' },
      create('blocked.ts', 'x'),
    ];
    await expect(writeFiles(outDir, changes)).rejects.toMatchObject({ code: 'BG_EMIT_WRITE' });
    expect(await readFile(join(outDir, 'a.ts'), 'utf8')).toBe('old a');
    expect((await readdir(outDir)).sort()).toEqual(['a.ts', 'blocked.ts']);
  });
});
