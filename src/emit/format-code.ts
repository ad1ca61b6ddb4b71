import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { BrokergenError } from '../errors.js';
import { FormatWorkers, PrettierRefusal } from './format-workers.js';

/**
 * brokergen's fixed output style. Generated files are formatted the same way on every machine,
 * whatever prettier configuration surrounds the output directory, so regeneration is
 * byte-for-byte reproducible and `--check` never flips on a stranger's `.prettierrc`.
 */
const OUTPUT_STYLE = { printWidth: 100, singleQuote: true, trailingComma: 'all' } as const;

/** The output style's line width, for the code that lays out output without prettier. */
export const PRINT_WIDTH = OUTPUT_STYLE.printWidth;

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

export interface CodeFormatterOptions {
  /**
   * Threads besides the main one that format; by default one fewer than the machine's cores, at
   * most two. With none, formatting runs on the main thread.
   */
  workers?: number;
}

/**
 * Formats generated files with prettier, loaded on first use (in a worker thread where there is
 * a core to spare): prettier is the slowest module brokergen imports, and runs that write nothing
 * (lint, --check with no change) never need it.
 */
export class CodeFormatter {
  #prettier: Promise<Prettier> | undefined;
  readonly #workerCount: number | undefined;
  #workers: FormatWorkers | undefined;

  constructor(options: CodeFormatterOptions = {}) {
    this.#workerCount = options.workers;
  }

  /**
   * Starts what formatting needs (the worker threads, each loading prettier), so that it is
   * ready by the time the first file is. Throws nothing.
   */
  prepare(): void {
    this.#threads().start();
  }

  /**
   * Formats `text` as the file at `path` (the extension picks the parser); unknown extensions
   * are returned unchanged. The work goes to a worker thread where the machine has a core to
   * spare (see FormatWorkers), else it is done on this one.
   * @throws BrokergenError BG_EMIT_FORMAT when the text does not parse, which means a target bug.
   */
  async format(path: string, text: string): Promise<string> {
    const parser = PARSERS[extname(path)];
    if (parser === undefined) return text;
    const options = { ...OUTPUT_STYLE, parser, filepath: path };
    const worker = this.#threads().pick();
    if (worker !== undefined) {
      try {
        return await worker.format(text, options);
      } catch (cause) {
        if (cause instanceof PrettierRefusal) throw formatError(path, parser, cause);
        // The thread failed: this text is formatted here.
      }
    }
    this.#prettier ??= import('prettier');
    const prettier = await this.#prettier;
    try {
      return await prettier.format(text, options);
    } catch (cause) {
      throw formatError(path, parser, cause);
    }
  }

  /**
   * Formats pieces of the file at `path`, each as `format` would; with worker threads, all at
   * once, so that the main thread goes on with the rest of the run meanwhile.
   * @throws BrokergenError BG_EMIT_FORMAT when a piece does not parse.
   */
  async formatPieces(path: string, pieces: readonly string[]): Promise<string[]> {
    return Promise.all(pieces.map((piece) => this.format(path, piece)));
  }

  #threads(): FormatWorkers {
    this.#workers ??= new FormatWorkers(
      createRequire(import.meta.url).resolve('prettier'),
      this.#workerCount,
    );
    return this.#workers;
  }
}

function formatError(path: string, parser: string, cause: unknown): BrokergenError {
  return new BrokergenError('BG_EMIT_FORMAT', `Generated ${path} is not valid ${parser}`, {
    hint: cause instanceof Error ? cause.message.split('\n')[0] : String(cause),
    cause,
  });
}
