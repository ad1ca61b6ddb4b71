import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  layoutLiteral,
  printedWidth,
  type LiteralPlacement,
} from '../../src/emit/layout-literal.js';

/** brokergen's output style (src/emit/format-code.ts). */
const STYLE = {
  parser: 'typescript',
  printWidth: 100,
  singleQuote: true,
  trailingComma: 'all',
} as const;

/** Code around the literal, and where that puts it. */
interface Context {
  label: string;
  before: string;
  after: string;
  placement: LiteralPlacement;
}

/** `const <name> = <literal><suffix>;` */
function declaration(name: string, suffix = ''): Context {
  const before = `const ${name} = `;
  return {
    label: `${before}…${suffix};`,
    before,
    after: `${suffix};\n`,
    placement: { indent: 0, column: before.length, trailing: suffix.length + 1 },
  };
}

/**
 * The literal as the value of `key` in an object `depth` levels deep. Keys are 5 or more
 * columns wide: prettier keeps any value after a shorter key, where layoutLiteral declines.
 */
function property(depth: number, key: string): Context {
  const pad = (level: number) => ' '.repeat(2 * level);
  let before = 'const wrapper = {\n';
  let after = ',\n';
  for (let level = 1; level < depth; level++) {
    before += `${pad(level)}nested: {\n`;
    after += `${pad(depth - level)}},\n`;
  }
  before += `${pad(depth)}${key}: `;
  after += '};\n';
  return {
    label: `${key}: … at depth ${depth}`,
    before,
    after,
    placement: { indent: 2 * depth, column: 2 * depth + key.length + 2, trailing: 1 },
  };
}

const CONTEXTS: Context[] = [
  declaration('x'),
  declaration('x', ' as const'),
  property(1, 'schema'),
  property(3, 'requestBody'),
  property(6, 'additionalProperties'),
];

/**
 * Prettier's text for `JSON.stringify(value)` in `context` is the context around layoutLiteral's
 * literal; when layoutLiteral declines, prettier did move the literal off its line.
 */
async function expectPrettierLayout(value: unknown, context: Context): Promise<void> {
  const source = context.before + JSON.stringify(value) + context.after;
  const formatted = await prettier.format(source, STYLE);
  const literal = layoutLiteral(value, context.placement);
  if (literal === undefined) {
    expect(formatted.startsWith(context.before.trimEnd() + '\n'), formatted).toBe(true);
  } else {
    expect(context.before + literal + context.after, source).toBe(formatted);
  }
}

/** expectPrettierLayout for many values, with one prettier call when all goes well. */
async function expectPrettierLayouts(values: readonly unknown[], context: Context): Promise<void> {
  const sources = values.map((value) => context.before + JSON.stringify(value) + context.after);
  const literals = values.map((value) => layoutLiteral(value, context.placement));
  const formatted = await prettier.format(sources.join(''), STYLE);
  const expected = literals.map((literal) => context.before + literal + context.after).join('');
  if (formatted === expected) return;
  for (const value of values) await expectPrettierLayout(value, context);
  // Declined literals passed one by one; otherwise the batch must have matched.
  expect(literals).toContain(undefined);
}

const repeat = (text: string, times: number) => text.repeat(times);
/** `{ a: '…' }` exactly `width` columns wide. */
const objectOfWidth = (width: number) => ({ a: 'x'.repeat(width - 9) });
const numbers = (count: number, step = 1) => Array.from({ length: count }, (_, n) => n * step);

const EDGE_CASES: Array<[string, unknown]> = [
  ['empty containers', { a: {}, b: [], c: [{}], d: [[]], e: [{}, {}], f: [[], []] }],
  ['an object ending exactly at column 100', objectOfWidth(89)],
  ['an object one column too wide', objectOfWidth(90)],
  ['an object that fits only without the trailing text', objectOfWidth(80)],
  ['elements that fit with and without their comma', [objectOfWidth(97), objectOfWidth(98), '']],
  ['a string too long for any line', { description: repeat('long ', 40) }],
  ['a long string after short keys', { a: repeat('x', 100), abcd: repeat('y', 100) }],
  ['a long string after 5-column keys', { abcde: repeat('x', 100), 'a-b': repeat('y', 100) }],
  ['a long string after a 4-column quoted key', { 'a-': repeat('x', 100) }],
  ['scalars after a key too long for them', { [repeat('k', 96)]: null, [repeat('m', 95)]: -1 }],
  ['numbers and booleans after a long key', { [repeat('k', 97)]: 12345, [repeat('m', 97)]: true }],
  ['empty containers after a long key', { [repeat('k', 96)]: {}, [repeat('m', 95)]: [] }],
  [
    'objects whose brace fits or not after a long key',
    { [repeat('k', 95)]: { a: 1, b: 2 }, [repeat('m', 96)]: { a: 1, b: 2 } },
  ],
  [
    'arrays whose bracket fits or not after a long key',
    { [repeat('k', 95)]: [1, 2], [repeat('m', 96)]: [[1, 2], [3]], [repeat('n', 96)]: [1] },
  ],
  [
    'identifier, reserved, numeric and odd keys',
    {
      plain: 1,
      $ref: 2,
      _under: 3,
      __proto__x: 4,
      class: 5,
      default: 6,
      '1': 7,
      '10': 8,
      '1a': 9,
      'a-b': 10,
      'a b': 11,
      '': 12,
      "it's": 13,
      'say "hi"': 14,
      'back\\slash': 15,
      'tab\there': 16,
      'é-x': 17,
      '1é': 18,
      '\u2028': 19,
    },
  ],
  ['the __proto__ key', JSON.parse('{"__proto__":{"type":"string"},"a":1}')],
  [
    'strings with either quote',
    ["it's", 'say "hi"', `it's "x"`, `'a' "b" 'c'`, `'a' "b"`, "''", '""', `\\"`, `\\'`],
  ],
  [
    'strings with escapes',
    ['line\nbreak', 'tab\tcr\rff\fbs\b', 'nul\u0000bell\u0007esc\u001b', 'back\\\\slash', '/'],
  ],
  ['line and paragraph separators', ['a\u2028b', '\u2029']],
  ['DEL and C1 controls', ['del\u007f', 'del\u007f and é', 'c1\u0085\u009f and ü']],
  ['lone surrogates', ['\ud800', 'a\udfffb']],
  [
    'numbers as JavaScript prints them',
    [1e21, 1e-7, -1e-7, 0.5, -0, 0, -1.5, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, 123.456e10],
  ],
  ['numbers filling lines', numbers(200, 7)],
  ['negative numbers filling lines', numbers(60, -123457)],
  ['floats filling lines', numbers(50).map((n) => n / 7)],
  ['numbers that fit only without the trailing comma', numbers(19, 1000)],
  ['a single number that does not fit', { [repeat('k', 90)]: { [repeat('m', 90)]: [123456789] } }],
  ['numbers and a string are not filled', [...numbers(40), 'x']],
  [
    'objects of two members in a table',
    [
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ],
  ],
  ['one object of two members', [{ a: 1, b: 2 }]],
  ['objects where one has a single member', [{ a: 1, b: 2 }, { a: 3 }]],
  [
    'arrays of two numbers in a table',
    [
      [1, 2],
      [3, 4],
    ],
  ],
  ['arrays and objects mixed', [[1, 2], { a: 1, b: 2 }]],
  [
    'a table deep inside',
    {
      a: {
        b: {
          c: [
            [1, 2],
            [3, 4],
          ],
        },
      },
    },
  ],
  [
    'a table of tables',
    [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ],
  ],
  [
    'deep nesting',
    Array.from({ length: 40 }).reduce<unknown>((inner, _, n) => ({ [`level${n}`]: inner }), 'x'),
  ],
  [
    'deep nesting in arrays',
    Array.from({ length: 40 }).reduce<unknown>((inner) => [inner, 'abcdefgh'], 1),
  ],
  ['narrow letters', { name: 'Ünïcödé ß Ωμέγα кириллица — “quoted” …', 'é-key': 'naïve' }],
  ['combining marks', [repeat('e\u0301', 60), { 'n\u0303-x': repeat('a\u0308', 90) }]],
  ['wide-looking but narrow text', [repeat('é', 95), repeat('→', 95), repeat('±', 95)]],
];

describe('layoutLiteral', () => {
  it.each(EDGE_CASES)('lays out %s as prettier does', async (_, value) => {
    for (const context of CONTEXTS) await expectPrettierLayout(value, context);
  });

  it.each([
    ['a top-level string', repeat('x', 95)],
    ['a top-level null', null],
    ['a top-level negative number', -1],
    ['a top-level empty object', {}],
    ['a top-level object', { a: 1 }],
  ])('declines %s that prettier moves off its line', async (_, value) => {
    const context = property(1, repeat('k', 96));
    expect(layoutLiteral(value, context.placement)).toBeUndefined();
    await expectPrettierLayout(value, context);
  });

  it('keeps a top-level number or boolean that prettier never moves', async () => {
    for (const value of [123456789, true]) {
      const context = property(1, repeat('k', 94));
      expect(layoutLiteral(value, context.placement)).toBe(String(value));
      await expectPrettierLayout(value, context);
    }
  });

  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['NaN', NaN],
    ['Infinity', -Infinity],
    ['a bigint', 1n],
    ['a symbol', Symbol('x')],
    ['an undefined member', { a: undefined }],
    ['an undefined element', [undefined]],
    ['a sparse array', new Array(2)],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['a class instance', new (class Thing {})()],
    ['wide text', '中文'],
    ['an emoji', 'ok 🎉'],
    ['a fullwidth letter', 'Ａ'],
    ['a key that is an identifier by Unicode rules', { é: 1 }],
    ['nesting deeper than the call stack allows', deeplyNested(10_000)],
  ])('declines %s', (_, value) => {
    expect(layoutLiteral(value, { indent: 0, column: 10, trailing: 1 })).toBeUndefined();
  });

  it('measures every character it knows as prettier does', () => {
    let known = 0;
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      const width = printedWidth(`'${char}x'`);
      if (width === undefined) continue;
      known++;
      expect(width, `U+${code.toString(16)}`).toBe(prettier.util.getStringWidth(`'${char}x'`));
    }
    expect(known).toBeGreaterThan(5000);
  });

  it('measures mixed text as prettier does', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 2000; n++) {
      const text = randomText(random, Math.floor(random() * 12));
      const width = printedWidth(text);
      if (width !== undefined) expect(width, text).toBe(prettier.util.getStringWidth(text));
    }
  });
});

describe('layoutLiteral on real schemas', () => {
  it('lays out every schema of the OSB description as prettier does', async () => {
    const schemas = osbSchemas();
    expect(schemas.length).toBeGreaterThan(60);
    for (const context of CONTEXTS) await expectPrettierLayouts(schemas, context);
  });

  it("lays out every 10th of GitHub's component schemas as prettier does", async () => {
    const schemas = githubSchemas().filter((_, n) => n % 10 === 0);
    expect(schemas.length).toBeGreaterThan(90);
    for (const context of [declaration('githubSchema'), property(4, 'schemas')]) {
      await expectPrettierLayouts(schemas, context);
    }
  });

  it('lays out random values as prettier does', async () => {
    const random = seededRandom(20_240_611);
    const values = Array.from({ length: 400 }, () => randomValue(random, 0));
    const contexts = [...CONTEXTS, declaration(repeat('v', 50)), property(12, 'items')];
    for (const [index, context] of contexts.entries()) {
      const share = values.filter((_, n) => n % contexts.length === index);
      await expectPrettierLayouts(share, context);
    }
  });
});

function deeplyNested(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

function osbSchemas(): unknown[] {
  type Operation = { parameters?: Array<{ $ref: string }>; requestBody?: { content: object } };
  const spec = parse(readFileSync('spec/open-service-broker.yaml', 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
    components: {
      schemas: Record<string, unknown>;
      parameters: Record<string, { schema: unknown }>;
    };
  };
  const schemas = Object.values(spec.components.schemas);
  for (const operation of Object.values(spec.paths).flatMap(Object.values)) {
    for (const { $ref } of operation.parameters ?? []) {
      schemas.push(spec.components.parameters[$ref.split('/').at(-1) ?? '']?.schema);
    }
    for (const media of Object.values(operation.requestBody?.content ?? {})) {
      schemas.push((media as { schema: unknown }).schema);
    }
  }
  return schemas;
}

function githubSchemas(): unknown[] {
  const path = createRequire(import.meta.url).resolve(
    '@octokit/openapi/generated/api.github.com.json',
  );
  const spec = JSON.parse(readFileSync(path, 'utf8')) as {
    components: { schemas: Record<string, unknown> };
  };
  return Object.values(spec.components.schemas);
}

/** mulberry32: a small seeded generator, so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const TEXT_PIECES = [
  ...'abcdefghijklmnopqrstuvwxyz      ABC0123456789-_.,:;!?/()[]{}<>@#$%^&*+=~`|',
  "'",
  '"',
  '\\',
  '\n',
  '\t',
  '\u0007',
  '\u007f',
  '\u0085',
  '\u2028',
  'é',
  'ß',
  'Ω',
  'ж',
  '—',
  '…',
  '“',
  '”',
  '©',
  '™',
  '↔',
  'e\u0301',
  'the quick brown fox ',
  '${x}',
];

function randomText(random: () => number, pieces: number): string {
  let text = '';
  for (let n = 0; n < pieces; n++) text += pick(random, TEXT_PIECES);
  return text;
}

const KEYS = [
  'a',
  'ab',
  'abcd',
  'abcde',
  'type',
  'description',
  'additionalProperties',
  '$ref',
  '__proto__',
  'class',
  'a-b',
  'x y',
  '1',
  '10',
  "it's",
  'q"',
  'ünï-code',
  '',
  'a_very_long_property_name_that_takes_much_of_the_line_by_itself_alone',
];

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth > 4 || roll < 0.4) return randomScalar(random);
  if (roll < 0.5)
    return Array.from({ length: Math.floor(random() * 40) }, () => randomNumber(random));
  if (roll < 0.55) return randomTable(random, depth);
  if (roll < 0.85) {
    const members = Math.floor(random() * 7);
    return Object.fromEntries(
      Array.from({ length: members }, () => [randomKey(random), randomValue(random, depth + 1)]),
    );
  }
  return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
}

function randomTable(random: () => number, depth: number): unknown[] {
  const rows = 2 + Math.floor(random() * 3);
  if (random() < 0.5) {
    return Array.from({ length: rows }, () => [randomNumber(random), randomValue(random, 9)]);
  }
  return Array.from({ length: rows }, () => ({
    [randomKey(random)]: randomValue(random, depth + 1),
    [randomKey(random) + 'z']: randomScalar(random),
  }));
}

/** A key from the list, or random text (never an identifier by Unicode rules alone). */
function randomKey(random: () => number): string {
  if (random() < 0.7) return pick(random, KEYS);
  const key = randomText(random, 1 + Math.floor(random() * 6));
  return /[\u0080-\uffff]/.test(key) ? key + '-' : key;
}

function randomScalar(random: () => number): unknown {
  const roll = random();
  if (roll < 0.5) return randomText(random, Math.floor(random() * 40));
  if (roll < 0.8) return randomNumber(random);
  return pick(random, [true, false, null]);
}

function randomNumber(random: () => number): number {
  const roll = random();
  if (roll < 0.5) return Math.floor(random() * 1000);
  if (roll < 0.7) return -Math.floor(random() * 100000);
  if (roll < 0.9) return (random() - 0.5) * 1000;
  return pick(random, [1e21, 1e-7, -2.5e-12, 0, 5e300]);
}
