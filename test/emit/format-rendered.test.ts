import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeFormatter, TemplateRenderer } from '../../src/emit/index.js';
import { formatRendered } from '../../src/emit/format-rendered.js';
import { fillPlaceholders } from '../../src/emit/render-template.js';

/** A formatter that records the texts it formats, whole or in pieces. */
class RecordingFormatter extends CodeFormatter {
  texts: string[] = [];
  pieces: string[] = [];
  override async format(path: string, text: string): Promise<string> {
    this.texts.push(text);
    return super.format(path, text);
  }
  override async formatPieces(path: string, pieces: readonly string[]): Promise<string[]> {
    this.pieces.push(...pieces);
    return super.formatPieces(path, pieces);
  }
}

const HEADER = '// header\n\n';

/** Statements of many shapes and widths, some too long for their line, about 120 KB in all. */
const TEMPLATE = `import type { A } from './a.js';
{{#each items}}

/** Item {{jsdoc name}}. */
export interface {{ident type}} { id: {{str name}}; {{#each fields}}{{ident this}}?: string; {{/each}} }

type {{ident alias}} = Record<{{str name}}, {{ident type}}>|null;
export async function {{ident fn}}(input: {{ident type}}, more: string = {{str name}}, again?: number): Promise<{{ident alias}}> {
  return call({{str name}}, { input, more, again, list: [{{#each fields}}{{str this}},{{/each}}] });
}
{{#if @first}}

export const spec = JSON.parse(\`{{tmpl ../literal}}\`) as unknown;
{{/if}}
{{/each}}
`;

/**
 * The same, with a template literal written into the template itself, longer than a piece and
 * full of lines where a piece could start: one of the cuts falls inside it.
 */
const RAW_LITERAL_TEMPLATE = `${TEMPLATE}
export const raw = \`first line
${'\nexport const notCode = 1;\n'.repeat(2500)}\`;
`;

let dir: string;
let renderer: TemplateRenderer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'brokergen-format-rendered-'));
  await mkdir(join(dir, 'partials'));
  await writeFile(join(dir, 'big.ts.hbs'), TEMPLATE);
  await writeFile(join(dir, 'raw.ts.hbs'), RAW_LITERAL_TEMPLATE);
  renderer = new TemplateRenderer(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const view = {
  items: Array.from({ length: 400 }, (_, n) => ({
    name: `item-${n}-${'x'.repeat(n % 37)}`,
    type: `Item${n}${'Long'.repeat(n % 9)}`,
    alias: `Item${n}Alias`,
    fn: `getItem${n}`,
    fields: Array.from({ length: n % 7 }, (_, k) => `field${k}`),
  })),
  literal: [
    '{',
    '  "a": "`${back}` \\\\ tick",',
    '',
    'export const x = 1;',
    '        "deep":    [1,2,3]',
    '}',
  ].join('\n'),
};

describe.each([0, 1])('formatRendered, with %i worker threads', (workers) => {
  it('formats a large render a run of statements at a time, as prettier formats the whole', async () => {
    const parts = await renderer.renderParts('big.ts', view);
    const formatter = new RecordingFormatter({ workers });
    const formatted = await formatRendered(formatter, 'big.ts', HEADER, parts);
    const whole = await new CodeFormatter().format('big.ts', HEADER + fillPlaceholders(parts));
    expect(formatted).toBe(whole);
    expect(formatter.pieces.length).toBeGreaterThan(2);
    expect(Math.max(...formatter.pieces.map((text) => text.length))).toBeLessThan(70_000);
    expect(formatter.texts).toEqual(formatter.pieces);
  });

  it('leaves the inner lines of a template literal to go back in unchanged', async () => {
    const parts = await renderer.renderParts('big.ts', view);
    expect(parts.literals).toHaveLength(1);
    const formatter = new RecordingFormatter({ workers });
    const formatted = await formatRendered(formatter, 'big.ts', HEADER, parts);
    expect([...formatter.pieces, ...formatter.texts].join('\n')).not.toContain('"deep":');
    expect(formatted).toContain(
      'export const spec = JSON.parse(`{\n  "a": "\\`\\${back}\\` \\\\\\\\ tick",\n\nexport const x = 1;\n        "deep":    [1,2,3]\n}`) as unknown;',
    );
  });

  it('formats the whole when a cut falls inside a template literal', async () => {
    const parts = await renderer.renderParts('raw.ts', view);
    const formatter = new RecordingFormatter({ workers });
    const formatted = await formatRendered(formatter, 'raw.ts', HEADER, parts);
    const whole = await new CodeFormatter().format('raw.ts', HEADER + fillPlaceholders(parts));
    expect(formatted).toBe(whole);
    expect(formatted).toContain('`first line\n\nexport const notCode = 1;\n\nexport');
    // Pieces first, then the whole.
    expect(formatter.pieces.length).toBeGreaterThan(2);
    expect(formatter.texts.at(-1)).toBe(HEADER + parts.text);
  });

  it('fails as prettier does on a render that does not parse', async () => {
    await writeFile(join(dir, 'broken.ts.hbs'), `${TEMPLATE}\nexport const broken = ;\n`);
    const parts = await new TemplateRenderer(dir).renderParts('broken.ts', view);
    await expect(
      formatRendered(new CodeFormatter({ workers }), 'broken.ts', HEADER, parts),
    ).rejects.toThrow(/Generated broken.ts is not valid typescript/);
  });
});

describe('formatRendered of a template in the output style', () => {
  /** Statements already as prettier writes them, but one too long and one left ragged. */
  const STYLED = `import type { A } from './a.js';

/** The first. */
export const first: A = { id: 'first' };


export function {{ident fn}}(input: A, more: string, again?: number, {{#each names}}{{ident this}}: string, {{/each}}): A {
  return input;
}

export const   ragged = 1;
`;

  it('formats only the statements with a line too wide, and keeps one blank line between', async () => {
    await writeFile(join(dir, 'styled.ts.hbs'), STYLED);
    const names = Array.from({ length: 12 }, (_, n) => `name${n}`);
    const parts = await new TemplateRenderer(dir).renderParts('styled.ts', { fn: 'long', names });
    const formatter = new RecordingFormatter({ workers: 0 });
    const formatted = await formatRendered(formatter, 'styled.ts', HEADER, parts, 'formatted');
    expect(formatter.texts).toHaveLength(1);
    expect(formatter.texts[0]).toMatch(/^export function long\(/);
    expect(formatted).toContain(
      "export const first: A = { id: 'first' };\n\nexport function long(\n",
    );
    expect(formatted).toContain('  name11: string,\n): A {\n');
    // Not given to prettier: the template promised its style there.
    expect(formatted.endsWith('\n}\n\nexport const   ragged = 1;\n')).toBe(true);
  });

  it('formats statements whose text prettier changes at any width, and leaves wide comments', async () => {
    await writeFile(
      join(dir, 'texts.ts.hbs'),
      `/**
 * {{jsdoc wide}}
 */
export const wide = 1;

/** {{jsdoc paragraphs}} */
export const paragraphs = 2;

export const quoted = {{str quoted}};

export const keyed = { 'ñ': 3 };
`,
    );
    const parts = await new TemplateRenderer(dir).renderParts('texts.ts', {
      wide: 'A comment wider than a line. '.repeat(6),
      paragraphs: 'One.\n\nTwo.',
      quoted: "it's",
    });
    const formatter = new RecordingFormatter({ workers: 0 });
    const formatted = await formatRendered(formatter, 'texts.ts', HEADER, parts, 'formatted');
    expect(formatted).toBe(await new CodeFormatter({ workers: 0 }).format('texts.ts', formatted));
    // The three in one call, a blank line between.
    expect(formatter.texts).toEqual([
      "/** One.\n * \n * Two. */\nexport const paragraphs = 2;\n\nexport const quoted = 'it\\'s';\n\nexport const keyed = { 'ñ': 3 };\n",
    ]);
    expect(formatted).toContain('/** One.\n *\n * Two. */\n');
    expect(formatted).toContain(`export const quoted = "it's";\n`);
    expect(formatted).toContain('export const keyed = { ñ: 3 };\n');
  });

  it('gives prettier the statements to format a run at a time, as it would format the whole', async () => {
    await writeFile(
      join(dir, 'runs.ts.hbs'),
      `{{#each items}}
export type {{ident this}} = { first: string; second: number; third: boolean; fourth: string[]; fifth: number };

export const {{ident this}}Short = 1;

{{/each}}
export type Last = 1;

  export const indented = 'a statement prettier moves to the start of its line, in a cut of its own';
`,
    );
    const items = Array.from({ length: 700 }, (_, n) => `Type${n}`);
    const parts = await new TemplateRenderer(dir).renderParts('runs.ts', { items });
    const formatter = new RecordingFormatter({ workers: 0 });
    const formatted = await formatRendered(formatter, 'runs.ts', HEADER, parts, 'formatted');
    const whole = await new CodeFormatter({ workers: 0 }).format('runs.ts', HEADER + parts.text);
    expect(formatted).toBe(whole);
    // 700 long types in runs of about 32 KB; the last run again one statement at a time,
    // since prettier gave back one statement more than it was given.
    const runs = formatter.texts.filter((text) => text.includes('\n\n'));
    expect(runs.length).toBeGreaterThan(2);
    expect(runs.length).toBeLessThan(10);
    expect(formatter.texts.at(-1)).toMatch(/^export type Last = 1;\n\n {2}export const indented/);
  });

  it('lets prettier format a file whose style it was not promised', async () => {
    const parts = await new TemplateRenderer(dir).renderParts('styled.ts', { fn: 'f', names: [] });
    const formatted = await formatRendered(
      new CodeFormatter({ workers: 0 }),
      'styled.ts',
      HEADER,
      parts,
    );
    expect(formatted).toContain('export const ragged = 1;\n');
  });
});

describe('the lines formatRendered leaves alone in a template in the output style', () => {
  const long = 'x'.repeat(90);
  /** Statements prettier leaves as they are although a line is too wide. */
  const UNBREAKABLE = [
    `export const schema = {\n  description:\n    '${long} and more words',\n};\n`,
    `export const quoted = {\n  description:\n    "the ${long}'s words",\n};\n`,
    `export interface Long {\n  /** ${long} and a comment. */\n  id: string;\n}\n`,
    `export interface Headers {\n  'x-broker-api-originating-identity'?: ${long}Headers['X-Broker-API-Originating-Identity'];\n}\n`,
    `export type Alias =\n  components['schemas']['${long}'];\n`,
    `export type Failure = ApiError<\n  | Operation['responses']['400']['content']['${long}']\n  | Other\n>;\n`,
    `export const accents = 'Café, naïve, Ωmega — ${'é'.repeat(40)}';\n`,
  ];
  /** Statements prettier changes, which must go to it. */
  const CHANGED = [
    `export const wide = '${'目'.repeat(60)}';\n`,
    `export const keys = { 'café': 1 };\n`,
    `export type Alias = components['schemas']['${long}'];\n`,
    `export const call = f('${long}', 'second argument');\n`,
  ];

  async function format(statements: readonly string[]) {
    await writeFile(join(dir, 'lines.ts.hbs'), statements.join('\n'));
    const parts = await new TemplateRenderer(dir).renderParts('lines.ts', {});
    const formatter = new RecordingFormatter({ workers: 0 });
    const text = await formatRendered(formatter, 'lines.ts', '', parts, 'formatted');
    return { text, formatter };
  }

  it('gives prettier none of the statements whose wide lines it cannot break', async () => {
    const { text, formatter } = await format(UNBREAKABLE);
    expect(formatter.texts).toEqual([]);
    expect(await new CodeFormatter({ workers: 0 }).format('lines.ts', text)).toBe(text);
  });

  it.each(CHANGED)('gives prettier a statement it changes: %s', async (statement) => {
    const { text, formatter } = await format([...UNBREAKABLE, statement]);
    expect(formatter.texts).toHaveLength(1);
    expect(text).toBe(await new CodeFormatter({ workers: 0 }).format('lines.ts', text));
  });
});

describe('CodeFormatter.formatPieces', () => {
  it('reports a piece prettier refuses in a worker thread as BG_EMIT_FORMAT', async () => {
    const pieces = ['export const a = 1;\n', 'export const b = ;\n'];
    await expect(
      new CodeFormatter({ workers: 1 }).formatPieces('x.ts', pieces),
    ).rejects.toMatchObject({
      code: 'BG_EMIT_FORMAT',
      message: 'Generated x.ts is not valid typescript',
    });
  });

  it('formats in worker threads as in this one, and starts more when idle ones stopped', async () => {
    const pieces = Array.from(
      { length: 6 },
      (_, n) => `export const item${n} = {a:${n},b:"${n}"}\n`,
    );
    const here = await new CodeFormatter({ workers: 0 }).formatPieces('x.ts', pieces);
    expect(await new CodeFormatter({ workers: 2 }).formatPieces('x.ts', pieces)).toEqual(here);
    expect(here[0]).toBe("export const item0 = { a: 0, b: '0' };\n");
    const formatter = new CodeFormatter({ workers: 1 });
    expect(await formatter.formatPieces('x.ts', pieces)).toEqual(here);
    // Past the idle time the thread has stopped, and the next text starts another.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await formatter.format('x.ts', pieces[1] ?? '')).toBe(here[1]);
  });
});
