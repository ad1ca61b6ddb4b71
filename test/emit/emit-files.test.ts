import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodeFormatter, emitFiles, TemplateRenderer } from '../../src/emit/index.js';
import type { EmitOptions, PlannedFile } from '../../src/emit/index.js';

/** A formatter that counts the files it formats. */
class CountingFormatter extends CodeFormatter {
  formatted: string[] = [];
  override async format(path: string, text: string): Promise<string> {
    this.formatted.push(path);
    return super.format(path, text);
  }
}

let outDir: string;
beforeEach(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'brokergen-emit-'));
});
afterEach(async () => {
  await rm(outDir, { recursive: true, force: true });
});

const FILES: PlannedFile[] = [
  {
    path: 'a.ts',
    owner: 'generated',
    content: {
      kind: 'template',
      template: 'partials/file-header',
      view: { specFile: 'x', title: 'y', version: '1', generated: true },
    },
  },
];

function options(formatter: CodeFormatter): EmitOptions {
  return {
    outDir,
    header: { specFile: 'spec.yaml', title: 'Test', version: '1.0.0' },
    renderer: new TemplateRenderer(resolve(import.meta.dirname, '../../templates')),
    formatter,
    merge: () => {
      throw new Error('no user file exists, so nothing merges');
    },
    mode: 'write',
    typecheck: false,
  };
}

describe('emitFiles', () => {
  it('formats a render once and reuses the file on disk when the next render is identical', async () => {
    const first = new CountingFormatter();
    await emitFiles(FILES, options(first));
    const second = new CountingFormatter();
    const result = await emitFiles(FILES, options(second));
    expect(first.formatted).toEqual(['a.ts']);
    expect(second.formatted).toEqual([]);
    expect(result.changed).toBe(false);
  });

  it('formats again when the file on disk was edited by hand', async () => {
    await emitFiles(FILES, options(new CountingFormatter()));
    const original = await readFile(join(outDir, 'a.ts'), 'utf8');
    await writeFile(join(outDir, 'a.ts'), original + '// edited\n');
    const again = new CountingFormatter();
    await emitFiles(FILES, options(again));
    expect(again.formatted).toEqual(['a.ts']);
    expect(await readFile(join(outDir, 'a.ts'), 'utf8')).toBe(original);
  });
});
