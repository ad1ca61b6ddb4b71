import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRendered } from '../../src/emit/format-rendered.js';
import { CodeFormatter, TemplateRenderer } from '../../src/emit/index.js';
import type { PlannedFile } from '../../src/emit/index.js';
import { buildModel } from '../../src/model/index.js';
import { loadSpec } from '../../src/spec/index.js';
import { planMockFiles } from '../../src/targets/mocks/plan.js';
import { planServerFiles } from '../../src/targets/server/plan.js';

/**
 * The server's and the mocks' templates in the output style learn from their views whether
 * prettier breaks a construct (a reply union, a `NonNullable<…>`, a method signature, an import
 * list): a construct said to fit is printed flat and emit's guard catches it if it does not, but
 * one said not to fit is printed broken and nothing catches a wrong call. The spec written here
 * (names of every width) has names of every length from 1 to 70 characters in each shape of
 * operation, so that every such construct comes out on both sides of the line width, and JSDoc
 * text that spans lines in every way prettier re-indents.
 */
const LENGTHS = Array.from({ length: 70 }, (_, index) => index + 1);

const JSON_BODY = { content: { 'application/json': { schema: { type: 'object' } } } };

/**
 * The operations of one length: a tag of their own (short, so that its JSDoc lines never send
 * a statement to prettier whole) for three operations whose names grow at different paces, so
 * that the widths of what joins them (the `Pick`, the handler class) take every value; the
 * others are tagged alike, in a group of every length.
 */
function operations(length: number): Record<string, Record<string, unknown>> {
  const name = 'x'.repeat(length);
  // Two letters of its own keep the names of the other paces unique.
  const own = String.fromCharCode(97 + (length % 26), 97 + Math.floor(length / 26));
  const other = 'x'.repeat((length * 7) % 53) + own;
  const third = 'x'.repeat((length * 11) % 43) + own;
  const tags = [`t${length}`];
  const header = (headerName: string, required: boolean) => ({
    name: headerName,
    in: 'header',
    required,
    schema: { type: 'string' },
  });
  return {
    [`/one/${length}/{id}/${'p'.repeat((length * 7) % 23)}`]: {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      get: {
        operationId: `get${name}`,
        tags,
        summary: SUMMARIES[length % SUMMARIES.length],
        deprecated: length % 3 === 0,
        parameters: [
          { name: 'page', in: 'query', schema: { type: 'integer' } },
          header('X-Request-Id', true),
          header(`X-${'h'.repeat(length)}`, false),
        ],
        responses: {
          '200': { description: 'Found', ...JSON_BODY },
          '404': { description: 'Missing' },
        },
      },
      put: {
        operationId: `put${other}`,
        tags,
        requestBody: JSON_BODY,
        responses: { '200': { description: 'Stored', ...JSON_BODY } },
      },
      post: {
        operationId: `create${name}`,
        tags: [`Multi\nline ${length}\n\n  tag`],
        requestBody: { required: true, ...JSON_BODY },
        responses: {
          '201': { description: 'Created' },
          '204': { description: 'Nothing new' },
        },
      },
      options: {
        // Short names and a short media type: the only replies with a body that fit on a line.
        operationId: `o${length}`,
        tags: ['shared'],
        responses: {
          '200': { description: 'Short', content: { 'a/b': { schema: { type: 'string' } } } },
          '201': { description: 'Short', content: { 'a/b': { schema: { type: 'string' } } } },
        },
      },
      head: {
        // A tag that grows alone: the handler class's import list takes every width.
        operationId: `h${own}`,
        tags: [`u${'z'.repeat(length)}`],
        responses: { '204': { description: 'There' } },
      },
      delete: {
        operationId: `delete${name}`,
        tags: ['shared'],
        summary: `Deletes ${name}`,
        responses: {
          '200': { description: 'Deleted', ...JSON_BODY },
          '400': { description: 'Refused', ...JSON_BODY },
          '4XX': { description: 'Other', ...JSON_BODY },
          default: { description: 'Failed' },
        },
      },
    },
    [`/two/${length}/{${'q'.repeat((length % 9) + 1)}}`]: {
      parameters: [
        {
          name: 'q'.repeat((length % 9) + 1),
          in: 'path',
          required: true,
          schema: { type: 'string' },
        },
      ],
      patch: {
        operationId: `patch${third}`,
        tags,
        summary: `First line\n\n  indented ${third}\n`,
        parameters: [{ name: 'filter', in: 'query', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, ...JSON_BODY },
        responses: { '204': { description: 'Patched' } },
      },
    },
  };
}

/** Summaries on one line and over several, with blank lines first, last and between. */
const SUMMARIES = [
  'One line',
  '',
  'Two\nlines',
  '\nStarts on the second line',
  'Ends with a blank line\n',
  'Three\n   \nlines, the middle one blank',
  '@see the first line\n@param a tag-like second line',
];

function widthSpec(): object {
  return {
    openapi: '3.1.0',
    info: { title: 'Names of every width', version: '1.0.0' },
    paths: Object.assign(
      {
        // A path over lines, in the mocks' JSDoc blocks.
        '/multi\nline\n\n path ': {
          get: { operationId: 'multiLinePath', responses: { '204': { description: 'Odd' } } },
        },
      },
      ...LENGTHS.map(operations),
    ) as object,
  };
}

/**
 * The views' layout flags (output-layout.ts, server/layout.ts, mocks/view.ts) set as if every
 * construct fitted on its line: the templates then print everything flat, as prettier takes it
 * best. Prettier keeps an object type written over lines as it is, so a reply said wrongly not to
 * fit would still be left alone by prettier; only against the flat render does it show.
 */
const FLAT: Readonly<Record<string, boolean>> = {
  operationTypeBreaks: false,
  headersTypeBreaks: false,
  queryBreaks: false,
  bodyBreaks: false,
  bodyOnNextLine: false,
  bodyUnionBreaks: false,
  replyOnOneLine: true,
  replyOnNextLine: false,
  replyObjectBreaks: false,
  expanded: false,
  signatureBreaks: false,
  methodBreaks: false,
  pickBreaks: false,
  pickNamesBreak: false,
  importsBreak: false,
  replyTypeBreaks: false,
};

/** A copy of a view with every layout flag as in FLAT; TrustedCode and the like kept as they are. */
function flatten(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flatten);
  if (value === null || typeof value !== 'object') return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => [key, FLAT[key] ?? flatten(entry)]),
  );
}

const REPO = resolve(import.meta.dirname, '../..');

/** Specs written at the start of the run, by name. */
const WRITTEN: Readonly<Record<string, object>> = {
  'names of every width': widthSpec(),
  'no operations': { openapi: '3.1.0', info: { title: 'Empty', version: '1.0.0' }, paths: {} },
  quotes: {
    openapi: '3.1.0',
    info: { title: 'Quotes', version: '1.0.0' },
    paths: {
      "/it's": {
        get: {
          operationId: "it's",
          tags: ['quoted'],
          responses: { '204': { description: 'Quoted' } },
        },
      },
      '/plain': {
        get: {
          operationId: 'plain',
          tags: ['plain'],
          parameters: [{ name: 'Café', in: 'header', schema: { type: 'string' } }],
          responses: { '204': { description: 'Plain' } },
        },
      },
    },
  },
};

let specDir = '';
beforeAll(async () => {
  specDir = await mkdtemp(join(tmpdir(), 'brokergen-widths-'));
  for (const [name, spec] of Object.entries(WRITTEN)) {
    await writeFile(join(specDir, `${name}.json`), JSON.stringify(spec));
  }
});
afterAll(async () => {
  await rm(specDir, { recursive: true, force: true });
});

/** The server's and the mocks' planned files for a spec of this repository or of WRITTEN. */
async function planFiles(name: string): Promise<PlannedFile[]> {
  const file = name in WRITTEN ? join(specDir, `${name}.json`) : resolve(REPO, name);
  const { spec } = await loadSpec(file, { ruleset: 'none' });
  const model = buildModel(spec);
  const context = { runtimeDir: resolve(REPO, 'src/runtime') };
  return [...(await planServerFiles(model, context)), ...(await planMockFiles(model, context))];
}

/**
 * Each file a server or mocks template writes in the output style, as emit makes it (prettier
 * formats only its statements with a line too wide), must be what prettier makes of the same
 * template printed flat. A construct the view wrongly says does not fit shows here whether
 * prettier would join it again (an import list) or keep it (an object type over lines), and so
 * does a JSDoc block printed otherwise than prettier indents it.
 */
describe.each([
  'spec/cloud-controller-v2.yaml',
  'test/fixtures/specs/hostile-names.yaml',
  'test/fixtures/specs/model-parameters.yaml',
  ...Object.keys(WRITTEN),
])('the files the templates write for %s', (name) => {
  it('are what prettier makes of the templates printed flat', async () => {
    const renderer = new TemplateRenderer(resolve(REPO, 'templates'));
    const formatter = new CodeFormatter({ workers: 0 });
    const templates = (await planFiles(name)).filter(
      (item): item is PlannedFile & { content: { kind: 'template' } } =>
        item.content.kind === 'template' && item.content.style === 'formatted',
    );
    expect(templates.length).toBeGreaterThan(2);
    for (const { path, content } of templates) {
      const parts = await renderer.renderParts(content.template, content.view);
      const flat = await renderer.render(content.template, flatten(content.view) as object);
      expect(await formatRendered(formatter, path, '', parts, 'formatted'), path).toBe(
        await formatter.format(path, flat),
      );
    }
  }, 120_000);
});

describe('a file whose literals prettier would print otherwise', () => {
  it('is formatted whole', async () => {
    const styles = Object.fromEntries(
      (await planFiles('quotes')).map((item) => [
        item.path,
        item.content.kind === 'template' && item.content.style,
      ]),
    );
    // `'it\'s'` becomes `"it's"`, and `'café'` a bare key.
    expect(styles).toMatchObject({
      'server/handlers.ts': 'unformatted',
      'handlers/quoted.ts': 'unformatted',
      'handlers/plain.ts': 'formatted',
      'server.ts': 'formatted',
      'mocks/handlers.ts': 'unformatted',
    });
  });
});
