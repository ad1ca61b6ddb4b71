import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SpecError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { findPointerAtLine } from './find-error-pointer.js';
import { loadRedocly } from './redocly.js';
import type { Redocly } from './redocly.js';

/** An OSB catalog read from a file, with a way back from a JSON pointer to its line. */
export interface LoadedCatalog {
  /** Absolute path of the file. */
  readonly file: string;
  /** The parsed catalog, unchecked: whatever the file holds. */
  readonly document: unknown;
  /** Finds the line and column of a JSON pointer (`#/services/0/id`) into the file. */
  locate(pointer: string): SourceLocation;
}

/**
 * Reads an OSB catalog (the body of `GET /v2/catalog`) from a YAML or JSON file. It is parsed
 * the way specs are, by Redocly's js-yaml without timestamps (so `2024-01-01` stays a string),
 * and located through Redocly's YAML syntax tree, so problems print as `file:line:col pointer`.
 * The content is not checked here: that is the catalog rules' job.
 *
 * @throws SpecError BG_CATALOG_NOT_FOUND, BG_CATALOG_PARSE
 */
export async function loadCatalogFile(path: string): Promise<LoadedCatalog> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new SpecError('BG_CATALOG_NOT_FOUND', `Cannot read the catalog file ${file}`, {
      location: { file },
      hint: 'Check the path; a relative path is resolved against the current directory.',
      cause,
    });
  }
  const redocly = await loadRedocly();
  const { getLineColLocation, Source } = redocly;
  const document = parseCatalog(text, file, redocly);
  const source = new Source(file, text);
  return {
    file,
    document,
    locate(pointer) {
      const { start } = getLineColLocation({ source, pointer, reportOnKey: false });
      return { file, line: start.line, column: start.col, pointer };
    },
  };
}

/** js-yaml reports a 0-based `mark`; the error carries it 1-based, with the pointer above it. */
function parseCatalog(text: string, file: string, { parseYaml }: Redocly): unknown {
  try {
    return parseYaml(text, { filename: file });
  } catch (error) {
    const mark = (error as { mark?: { line?: number; column?: number } }).mark;
    const reason =
      (error as { reason?: string }).reason ??
      (error instanceof Error ? error.message : String(error));
    const line = mark?.line === undefined ? undefined : mark.line + 1;
    const location =
      line === undefined
        ? { file }
        : { file, line, column: (mark?.column ?? 0) + 1, pointer: findPointerAtLine(text, line) };
    throw new SpecError('BG_CATALOG_PARSE', `The catalog is not valid YAML or JSON: ${reason}`, {
      location,
      hint: 'Fix the syntax at this line; YAML is sensitive to indentation and to tabs.',
      cause: error,
    });
  }
}
