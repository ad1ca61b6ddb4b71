import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeFormatter, TemplateRenderer } from '../../src/emit/index.js';

/**
 * Emit copies brokergen's runtime into generated projects without formatting it (`copy`
 * content), because the repository keeps it in the output style. These tests hold that promise:
 * every file a target can copy, behind the generated header, is what prettier would make of it.
 */
const REPO = resolve(import.meta.dirname, '../..');
const RUNTIME = join(REPO, 'src/runtime');

async function listRuntimeFiles(): Promise<string[]> {
  const entries = await readdir(RUNTIME, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .filter((entry) => !entry.name.endsWith('.test.ts'))
    .map((entry) => join(entry.parentPath, entry.name).slice(RUNTIME.length + 1))
    .sort();
}

const files = await listRuntimeFiles();

describe('the runtime emit copies', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('keeps %s in the output style, behind the generated header', async (file) => {
    const renderer = new TemplateRenderer(join(REPO, 'templates'));
    const header = await renderer.render('partials/file-header', {
      specFile: 'spec.yaml',
      title: 'Title',
      version: '1.0.0',
      generated: true,
    });
    const text = header + (await readFile(join(RUNTIME, file), 'utf8'));
    expect(await new CodeFormatter().format(file, text)).toBe(text);
  });
});
