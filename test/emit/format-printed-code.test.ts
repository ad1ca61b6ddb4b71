import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeFormatter } from '../../src/emit/index.js';
import { formatPrintedCode } from '../../src/emit/format-printed-code.js';
import { loadSpec } from '../../src/spec/index.js';
import { printOpenApiTypes } from '../../src/targets/types/openapi-typescript.js';

const formatter = new CodeFormatter();
const prettier = (text: string) => formatter.format('printed.ts', text);

/** Lays out `code` the fast way, counting what reaches prettier. */
async function layOut(code: string): Promise<{ text: string; prettierCalls: string[] }> {
  const prettierCalls: string[] = [];
  const text = await formatPrintedCode(code, (units) => {
    prettierCalls.push(units);
    return prettier(units);
  });
  return { text, prettierCalls };
}

/** Four-space indentation, one member per line, double quotes: what TypeScript's printer prints. */
const printed = (...lines: string[]) => lines.join('\n') + '\n';

const UNION_MEMBERS = Array.from({ length: 12 }, (_, n) => `"value-number-${n}"`).join(' | ');

describe('formatPrintedCode', () => {
  it.each([
    [
      'an interface of plain members',
      printed(
        'export interface paths {',
        '    "/things/{id}": {',
        '        /** @description Gets a thing. */',
        '        get: operations["getThing"];',
        '        put?: never;',
        '        "plain_key": string;',
        '        200: components["schemas"]["Thing"][];',
        '    };',
        '}',
        'export type webhooks = Record<string, never>;',
      ),
    ],
    [
      'a union too long for its line',
      printed('export interface components {', `    state?: ${UNION_MEMBERS};`, '}'),
    ],
    [
      'a union that fits once it starts on the next line',
      printed(
        'export interface components {',
        '    a_rather_long_property_name_for_this: "fix_started" | "inaccurate" | "no_bandwidth" | null;',
        '}',
      ),
    ],
    [
      'object types joined by | and &, with and without null',
      printed(
        'export interface components {',
        '    hugged: {',
        '        id: number;',
        '    } | null;',
        '    listed: {',
        '        id: number;',
        '    }[] | null;',
        '    either: {',
        '        a: string;',
        '    } | {',
        '        b: string;',
        '    };',
        '    both: {',
        '        a: string;',
        '    } & {',
        '        [key: string]: unknown;',
        '    };',
        '    nested: ({',
        '        a: {',
        `            deep: ${UNION_MEMBERS};`,
        '        };',
        '    } | null)[];',
        '}',
      ),
    ],
    [
      'strings prettier requotes with escapes, or keeps',
      printed(
        'export interface components {',
        `    quote: "it's";`,
        '    both: "say \\"hi\\" it\'s";',
        '    slash: "a\\\\b";',
        '    accent: "café";',
        '    "kebab-key": "x";',
        '    "café": "x";',
        '    "__proto__": "x";',
        '    readonly "readonly": "x";',
        '}',
      ),
    ],
    [
      'numbers prettier rewrites',
      printed(
        'export interface components {',
        '    big: 1e+21;',
        '    half: 0.5;',
        '    minus: -1;',
        '}',
      ),
    ],
    [
      'comments, indentable or not',
      printed(
        'export interface components {',
        '    /**',
        '     * @description Trailing spaces go.   ',
        '     *     Indented text stays.',
        '     */',
        '    a: string;',
        '    /* a block',
        '       whose lines do not start with a star */',
        '    b: string;',
        '    /**  ',
        '     * A Markdown line break stays:  ',
        '     *  ',
        '     */',
        '    c: string;',
        '    /***',
        '     * Not JSDoc:  ',
        '     */',
        '    d: string;',
        '    /** @description One line.   */',
        '    e: string;',
        '}',
      ),
    ],
    [
      'a generic alias with a mapped type',
      printed(
        'type WithRequired<T, K extends keyof T> = T & {',
        '    [P in K]-?: T[P];',
        '};',
        'export type $defs = Record<string, never>;',
      ),
    ],
    [
      'members deep enough to reach the print width',
      printed(
        'export interface a {',
        '    b: {',
        '        c: {',
        '            d: {',
        '                e: {',
        '                    f: {',
        '                        g: {',
        '                            property_near_the_edge: components["schemas"]["long-name"];',
        '                        };',
        '                    };',
        '                };',
        '            };',
        '        };',
        '    };',
        '}',
      ),
    ],
  ])('lays out %s as prettier does', async (_name, code) => {
    const { text } = await layOut(code);
    expect(text).toBe(await prettier(code));
  });

  it('leaves prettier nothing to do for members it only reindents and requotes', async () => {
    const code = printed(
      'export interface paths {',
      '    "/things": {',
      '        /** @description Lists things. */',
      '        get: operations["listThings"];',
      '    };',
      '}',
    );
    const { text, prettierCalls } = await layOut(code);
    expect(prettierCalls).toEqual([]);
    expect(text).toBe(await prettier(code));
  });

  it('gives prettier only the lines around a body it must lay out, not the body', async () => {
    const code = printed(
      'export interface components {',
      '    either: {',
      '        inside_a: string;',
      '    } | {',
      '        inside_b: string;',
      '    };',
      '}',
    );
    const { text, prettierCalls } = await layOut(code);
    expect(text).toBe(await prettier(code));
    expect(prettierCalls.join('')).not.toContain('inside_a');
  });

  it('formats text of another layout with prettier as a whole', async () => {
    const code = 'export interface A {\n\n  a: string;\r\n}\n';
    const { text, prettierCalls } = await layOut(code);
    expect(prettierCalls).toEqual([code]);
    expect(text).toBe(await prettier(code));
  });

  it.each([
    'spec/open-service-broker.yaml',
    'spec/cloud-controller-v2.yaml',
    'test/fixtures/specs/hostile-names.yaml',
    'test/fixtures/specs/model-recursive-schemas.yaml',
    'test/fixtures/specs/model-parameters.yaml',
    'test/fixtures/specs/minimal-3.0.json',
    // 6.5 MB printed, every layout prettier chooses among; the slowest test here, and the one
    // that shows the layout holds on a real API of this size.
    'node_modules/@octokit/openapi/generated/api.github.com.json',
  ])('lays out the types openapi-typescript prints for %s as prettier does', async (path) => {
    const { spec } = await loadSpec(join(import.meta.dirname, '../..', path));
    const code = await printOpenApiTypes(spec.document);
    const { text } = await layOut(code);
    expect(text).toBe(await prettier(code));
  });
});
