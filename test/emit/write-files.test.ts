import { mkdtemp, readdir, readFile, rm, writeFile, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RenderedFile } from '../../src/emit/index.js';
import { planWrites, resolveInside, writeFiles } from '../../src/emit/write-files.js';

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'brokergen-write-'));
});
afterEach(async () => {
  await chmod(outDir, 0o755).catch(() => undefined);
  await rm(outDir, { recursive: true, force: true });
});

const file = (
  path: string,
  text: string,
  owner: RenderedFile['owner'] = 'generated',
): RenderedFile => ({
  path,
  text,
  owner,
});

async function write(files: RenderedFile[]) {
  const plan = await planWrites(outDir, files);
  await writeFiles(outDir, files, plan);
  return plan;
}

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
  it('creates files in nested folders and reports them as created', async () => {
    const plan = await write([file('a.ts', 'a'), file('deep/b.ts', 'b')]);
    expect(plan.map((p) => p.action)).toEqual(['created', 'created']);
    expect(await readFile(join(outDir, 'deep/b.ts'), 'utf8')).toBe('b');
  });

  it('reports an identical file as unchanged and an edited one as updated', async () => {
    await write([file('a.ts', 'a'), file('b.ts', 'b')]);
    const plan = await write([file('a.ts', 'a'), file('b.ts', 'b2')]);
    expect(plan.map((p) => p.action)).toEqual(['unchanged', 'updated']);
    expect(await readFile(join(outDir, 'b.ts'), 'utf8')).toBe('b2');
  });

  it('keeps an existing user-owned file as the user left it', async () => {
    await writeFile(join(outDir, 'handlers.ts'), 'my code');
    const plan = await write([file('handlers.ts', 'generated stub', 'user')]);
    expect(plan).toEqual([{ path: 'handlers.ts', action: 'kept' }]);
    expect(await readFile(join(outDir, 'handlers.ts'), 'utf8')).toBe('my code');
  });

  it('restores every file when one cannot be written, and leaves no temporary files', async () => {
    await write([file('a.ts', 'old a')]);
    const files = [file('a.ts', 'new a'), file('blocked.ts', 'x')];
    const plan = await planWrites(outDir, files);
    // A directory appearing where a file goes makes its rename fail after a.ts was renamed.
    await mkdir(join(outDir, 'blocked.ts'));
    await expect(writeFiles(outDir, files, plan)).rejects.toMatchObject({ code: 'BG_EMIT_WRITE' });
    expect(await readFile(join(outDir, 'a.ts'), 'utf8')).toBe('old a');
    expect((await readdir(outDir)).sort()).toEqual(['a.ts', 'blocked.ts']);
  });
});
