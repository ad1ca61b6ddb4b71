import { describe, expect, it } from 'vitest';
import { BrokergenError } from '../../src/errors.js';
import { TrustedCode } from '../../src/emit/index.js';
import {
  toCheckedIdentifier,
  toJsDocText,
  toLineComment,
  toPlainText,
  toStringLiteral,
  toTemplateLiteralText,
  toTrustedCode,
} from '../../src/emit/template-helpers.js';

/** Evaluates a JavaScript expression the way the generated code would. */
const evaluate = (expression: string): unknown => new Function(`return (${expression});`)();

const HOSTILE = [
  "it's",
  'back\\slash',
  'line\nbreak',
  'carriage\rreturn',
  'separator\u2028and\u2029paragraph',
  '`${process.exit(1)}`',
  '*/ console.log(1) /*',
  "'); process.exit(1); ('",
  'nul\u0000byte',
  'emoji 🎉 and 中文',
];

describe('toStringLiteral', () => {
  it.each(HOSTILE)('round-trips %j through a string literal', (given) => {
    const literal = toStringLiteral(given);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(evaluate(literal)).toBe(given);
  });
});

describe('toTemplateLiteralText', () => {
  it.each(HOSTILE)('round-trips %j inside a template literal', (given) => {
    expect(evaluate('`' + toTemplateLiteralText(given) + '`')).toBe(given);
  });
});

describe('toLineComment', () => {
  it.each(HOSTILE)('keeps %j on one comment line', (given) => {
    const comment = '// ' + toLineComment(given);
    expect(comment.split(/[\n\r\u2028\u2029]/)).toHaveLength(1);
    expect(evaluate(`(() => { ${comment}\n return 1; })()`)).toBe(1);
  });
});

describe('toJsDocText', () => {
  it.each([...HOSTILE, '@deprecated not really', 'two\n@param lines'])(
    'keeps %j inside one JSDoc block with no new tags',
    (given) => {
      const block = `/** ${toJsDocText(given)} */`;
      expect(block.indexOf('*/')).toBe(block.length - 2);
      expect(block).not.toMatch(/^\s*\*?\s*@/m);
      expect(evaluate(`(() => { ${block}\n return 1; })()`)).toBe(1);
    },
  );
});

describe('toCheckedIdentifier', () => {
  it.each(['Catalog', '_private', '$ref', 'a1'])('passes %j through', (given) => {
    expect(toCheckedIdentifier(given)).toBe(given);
  });

  it.each(['', '1abc', 'a-b', 'a b', 'x;y', 'ü'])('rejects %j with BG_TEMPLATE_RENDER', (given) => {
    expect(() => toCheckedIdentifier(given)).toThrow(
      expect.objectContaining({ code: 'BG_TEMPLATE_RENDER' }) as BrokergenError,
    );
  });
});

describe('toTrustedCode', () => {
  it('prints code a target wrapped', () => {
    expect(toTrustedCode(new TrustedCode('export type A = 1;'))).toBe('export type A = 1;');
  });

  it('refuses a plain string with BG_TEMPLATE_RENDER', () => {
    expect(() => toTrustedCode('export type A = 1;')).toThrow(
      expect.objectContaining({ code: 'BG_TEMPLATE_RENDER' }) as BrokergenError,
    );
  });
});

describe('toPlainText', () => {
  it.each(['my-broker', '@acme/db-broker', '2.17', 'embedded store, a SQLite file'])(
    'prints %j as it is',
    (given) => {
      expect(toPlainText(given)).toBe(given);
    },
  );

  it.each(['<script>', '[x](javascript:y)', '`code`', 'a\nb', '*bold*'])(
    'refuses %j with BG_TEMPLATE_RENDER',
    (given) => {
      expect(() => toPlainText(given)).toThrow(
        expect.objectContaining({ code: 'BG_TEMPLATE_RENDER' }) as BrokergenError,
      );
    },
  );
});
