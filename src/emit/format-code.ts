import { extname } from 'node:path';
import { BrokergenError } from '../errors.js';

/**
 * brokergen's fixed output style. Generated files are formatted the same way on every machine,
 * whatever prettier configuration surrounds the output directory, so regeneration is
 * byte-for-byte reproducible and `--check` never flips on a stranger's `.prettierrc`.
 */
const OUTPUT_STYLE = { printWidth: 100, singleQuote: true, trailingComma: 'all' } as const;

const PARSERS: Record<string, string> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.js': 'babel',
  '.mjs': 'babel',
  '.json': 'json',
  '.md': 'markdown',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

type Prettier = typeof import('prettier');

/**
 * Formats generated files with prettier, loaded on first use: prettier is the slowest module
 * brokergen imports, and runs that write nothing (lint, --check with no change) never need it.
 */
export class CodeFormatter {
  #prettier: Promise<Prettier> | undefined;

  /**
   * Formats `text` as the file at `path` (the extension picks the parser); unknown extensions
   * are returned unchanged.
   * @throws BrokergenError BG_EMIT_FORMAT when the text does not parse, which means a target bug.
   */
  async format(path: string, text: string): Promise<string> {
    const parser = PARSERS[extname(path)];
    if (parser === undefined) return text;
    this.#prettier ??= import('prettier');
    const prettier = await this.#prettier;
    try {
      return await prettier.format(text, { ...OUTPUT_STYLE, parser, filepath: path });
    } catch (cause) {
      throw new BrokergenError('BG_EMIT_FORMAT', `Generated ${path} is not valid ${parser}`, {
        hint: cause instanceof Error ? cause.message.split('\n')[0] : String(cause),
        cause,
      });
    }
  }
}
