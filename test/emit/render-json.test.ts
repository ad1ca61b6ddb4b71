import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeFormatter, JsonLiteral, TemplateRenderer } from '../../src/emit/index.js';
import { formatRendered } from '../../src/emit/format-rendered.js';

/**
 * The `json` helper prints JSON data laid out for the column it lands in, so that a template in
 * the output style needs no prettier for its schemas; data it cannot lay out makes the whole
 * render go to prettier.
 */
const TEMPLATE = `export const top: Schema = {{json top}};

export const routes = [
  {
    method: 'GET',
    schema: {{json nested}},
  },
];

export const typed = {{json typed}} as const;
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'brokergen-render-json-'));
  await mkdir(join(dir, 'partials'));
  await writeFile(join(dir, 'literals.ts.hbs'), TEMPLATE);
  await writeFile(join(dir, 'plain.ts.hbs'), 'export const x = {{json top}};\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const schema = (size: number) => ({
  type: 'object',
  required: Array.from({ length: size }, (_, n) => `field_${n}`),
  properties: Object.fromEntries(
    Array.from({ length: size }, (_, n) => [`field_${n}`, { type: 'string', 'x-n': n }]),
  ),
});

const prettier = (text: string) => new CodeFormatter({ workers: 0 }).format('a.ts', text);

describe('the json helper', () => {
  it.each([1, 3, 12])(
    'lays out literals as prettier does where they land (%i properties)',
    async (size) => {
      const view = {
        top: new JsonLiteral(schema(size)),
        nested: new JsonLiteral(schema(size + 1)),
        typed: new JsonLiteral(['a', 'b'.repeat(size * 8)]),
      };
      const parts = await new TemplateRenderer(dir).renderParts('literals.ts', view);
      expect(parts.styled).toBe(true);
      expect(await prettier(parts.text)).toBe(parts.text);
    },
  );

  it('falls back to compact JSON, and to prettier for the whole render, for text it cannot measure', async () => {
    const view = { top: new JsonLiteral({ title: '目録'.repeat(30) }) };
    const parts = await new TemplateRenderer(dir).renderParts('plain.ts', view);
    expect(parts.styled).toBe(false);
    expect(parts.text).toBe(`export const x = {"title":"${'目録'.repeat(30)}"};\n`);
    const formatted = await formatRendered(
      new CodeFormatter({ workers: 0 }),
      'plain.ts',
      '',
      parts,
      'formatted',
    );
    expect(formatted).toBe(await prettier(parts.text));
    expect(formatted).toContain("title:\n    '目録");
  });

  it('refuses anything but a JsonLiteral', async () => {
    await expect(
      new TemplateRenderer(dir).renderParts('plain.ts', { top: { a: 1 } }),
    ).rejects.toThrow(/failed to render/);
  });
});
