import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const REPO = resolve(import.meta.dirname, '../../../..');

/**
 * Transpiles TypeScript sources of this repository (files, or folders taken whole) to
 * JavaScript under `dir`, at the same relative paths, for child processes: Node 20 runs no
 * TypeScript. `dir` resolves packages from this repository's node_modules, as ES modules.
 */
export async function transpileSources(dir: string, sources: readonly string[]): Promise<void> {
  const files = (await Promise.all(sources.map(listTypeScript))).flat();
  for (const file of files) {
    const output = ts.transpileModule(await readFile(join(REPO, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    }).outputText;
    const target = join(dir, file.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output);
  }
  await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
}

async function listTypeScript(source: string): Promise<string[]> {
  if (source.endsWith('.ts')) return [source];
  const entries = await readdir(join(REPO, source), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = `${source}/${entry.name}`;
      if (entry.isDirectory()) return listTypeScript(path);
      return Promise.resolve(entry.name.endsWith('.ts') ? [path] : []);
    }),
  );
  return nested.flat();
}
