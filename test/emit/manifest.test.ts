import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_PATH, readManifest, serializeManifest } from '../../src/emit/manifest.js';

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'brokergen-manifest-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

async function putManifest(text: string) {
  await mkdir(join(outDir, '.brokergen'), { recursive: true });
  await writeFile(join(outDir, MANIFEST_PATH), text);
}

describe('readManifest', () => {
  it('reads an absent manifest as empty', async () => {
    expect((await readManifest(outDir)).files).toEqual({});
  });

  it('reads back what serializeManifest wrote, with keys sorted', async () => {
    const manifest = {
      version: 1 as const,
      files: {
        'b.ts': { owner: 'generated' as const, hash: 'sha256:b' },
        'a.ts': { owner: 'user' as const, hash: 'sha256:a', base: 'x' },
      },
    };
    const text = serializeManifest(manifest);
    expect(text.indexOf('a.ts')).toBeLessThan(text.indexOf('b.ts'));
    await putManifest(text);
    expect(await readManifest(outDir)).toEqual(manifest);
  });

  it.each([
    ['not JSON', '{'],
    ['another version', '{"version":2,"files":{}}'],
    ['an unknown owner', '{"version":1,"files":{"a.ts":{"owner":"someone","hash":"h"}}}'],
  ])('rejects %s with BG_EMIT_MANIFEST', async (_name, text) => {
    await putManifest(text);
    await expect(readManifest(outDir)).rejects.toMatchObject({
      code: 'BG_EMIT_MANIFEST',
      location: { file: join(outDir, MANIFEST_PATH) },
    });
  });

  it('keeps a file named __proto__ as an ordinary entry', async () => {
    await putManifest('{"version":1,"files":{"__proto__":{"owner":"generated","hash":"h"}}}');
    const manifest = await readManifest(outDir);
    expect(Object.keys(manifest.files)).toEqual(['__proto__']);
  });
});
