import { BrokergenError } from '../errors.js';
import { TrustedCode } from './planned-file.js';

/**
 * The escaping helpers: the only ways spec text reaches generated code. Each one makes a value
 * safe for the place it lands; templates never print spec text any other way.
 */

/** A single-quoted string literal: quotes, backslashes, line breaks and U+2028/9 escaped. */
export function toStringLiteral(value: unknown): string {
  const text = String(value);
  let out = "'";
  for (const char of text) {
    out += STRING_ESCAPES[char] ?? (isControl(char) ? unicodeEscape(char) : char);
  }
  return out + "'";
}

const STRING_ESCAPES: Record<string, string> = {
  "'": "\\'",
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

function isControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f;
}

function unicodeEscape(char: string): string {
  return '\\u' + (char.codePointAt(0) ?? 0).toString(16).padStart(4, '0');
}

/**
 * The inside of a template literal: backslash, backtick and `${` escaped, and carriage returns
 * too, since a template literal turns a raw CR into LF.
 */
export function toTemplateLiteralText(value: unknown): string {
  return String(value)
    .replaceAll('\\', '\\\\')
    .replaceAll('`', '\\`')
    .replaceAll('${', '\\${')
    .replaceAll('\r', '\\r');
}

/** Text for a `//` comment: one line, whatever the input held. */
export function toLineComment(value: unknown): string {
  return String(value)
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .trim();
}

/**
 * Text for a JSDoc block (`/** ... *\/`): `*\/` cannot close it, a line starting with `@` cannot
 * become a tag, and every line is prefixed so the block stays well formed.
 */
export function toJsDocText(value: unknown): string {
  return String(value)
    .replaceAll('*/', '*\\/')
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((line) => line.replace(/^(\s*)@/, '$1\\@').trimEnd())
    .join('\n * ');
}

/** An identifier the view already made safe through `naming.ts`; anything else is a bug. */
export function toCheckedIdentifier(value: unknown): string {
  const text = String(value);
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text)) {
    throw new BrokergenError(
      'BG_TEMPLATE_RENDER',
      `Not a safe identifier: ${JSON.stringify(text)}`,
      {
        hint: 'Views must pass identifiers through src/naming.ts before a template prints them.',
      },
    );
  }
  return text;
}

/** Code a target wrapped in `TrustedCode`; a plain string here is a bug, never printed. */
export function toTrustedCode(value: unknown): string {
  if (value instanceof TrustedCode) return value.code;
  throw new BrokergenError(
    'BG_TEMPLATE_RENDER',
    'The trusted helper got text that is not TrustedCode',
    {
      hint: 'Wrap tool-generated code in TrustedCode in the target; spec text goes through str, jsdoc or comment.',
    },
  );
}

/**
 * Plain words for prose (a README): names, versions and choices brokergen validated itself.
 * Anything that could be Markdown or HTML markup is refused rather than escaped.
 */
export function toPlainText(value: unknown): string {
  const text = String(value);
  if (/^[\w@./ :+,()-]*$/.test(text)) return text;
  throw new BrokergenError('BG_TEMPLATE_RENDER', `Not plain text: ${JSON.stringify(text)}`, {
    hint: 'The text helper prints validated names only; escape other text for its format.',
  });
}
