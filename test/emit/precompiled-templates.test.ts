import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemplateRenderer } from '../../src/emit/index.js';

/**
 * `npm run build` compiles templates/ to JavaScript (scripts/precompile-templates.js), and the
 * renderer uses a precompiled template while its source hashes as it did then.
 */
const REPO = resolve(import.meta.dirname, '../..');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A folder laid out as brokergen's package: templates/ with dist/ beside it. */
async function makePackage(source: string, precompiledFrom: string, hash: string) {
  const root = await mkdtemp(join(tmpdir(), 'brokergen-precompiled-'));
  await mkdir(join(root, 'templates', 'partials'), { recursive: true });
  await mkdir(join(root, 'dist'));
  await writeFile(join(root, 'templates', 'greeting.ts.hbs'), source);
  const spec = Handlebars.precompile(precompiledFrom, { noEscape: true, strict: true });
  await writeFile(
    join(root, 'dist', 'templates.precompiled.js'),
    `export const PRECOMPILED = { "greeting.ts": { sha256: "${hash}", spec: ${spec} } };\n`,
  );
  return root;
}

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('precompiled templates', () => {
  const SOURCE = 'export const greeting = {{str name}};\n';
  // The precompiled code says something else, so that the output tells which one ran.
  const OTHER = 'export const precompiled = {{str name}};\n';

  it('are used while the source hashes as it did when they were compiled', async () => {
    const root = await makePackage(SOURCE, OTHER, sha256(SOURCE));
    roots.push(root);
    const text = await new TemplateRenderer(join(root, 'templates')).render('greeting.ts', {
      name: 'x',
    });
    expect(text).toBe("export const precompiled = 'x';\n");
  });

  it('give way to the source once it has changed', async () => {
    const root = await makePackage(SOURCE, OTHER, sha256('an older source'));
    roots.push(root);
    const text = await new TemplateRenderer(join(root, 'templates')).render('greeting.ts', {
      name: 'x',
    });
    expect(text).toBe("export const greeting = 'x';\n");
  });

  describe('of the build', () => {
    const file = join(REPO, 'dist', 'templates.precompiled.js');
    let precompiled: Record<string, { sha256: string }> = {};
    beforeAll(async () => {
      // `npm test` builds first; a checkout that was never built has nothing to check.
      if (existsSync(file)) {
        const loaded = (await import(pathToFileURL(file).href)) as {
          PRECOMPILED: Record<string, { sha256: string }>;
        };
        precompiled = loaded.PRECOMPILED;
      }
    });

    it.runIf(existsSync(file))('cover every template of templates/', () => {
      const dir = join(REPO, 'templates');
      const templates = readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.hbs'))
        .map((entry) => join(entry.parentPath, entry.name));
      expect(templates.length).toBeGreaterThan(10);
      for (const template of templates) {
        const name = relative(dir, template).split('\\').join('/').slice(0, -'.hbs'.length);
        expect(precompiled[name]?.sha256, name).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });
});
