/**
 * LoadedSpecs for model tests. Fixtures go through the real loader with no lint rules, so that
 * the model's own checks are what a test sees (the loader's lint would catch some first) and
 * locations carry real lines; documents written inline get a `locate` that knows only pointers.
 */
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../src/spec/index.js';
import type { LoadedSpec, OpenApiDocument } from '../../src/spec/spec-document.js';

const SPECS = fileURLToPath(new URL('../fixtures/specs/', import.meta.url));

/** The fixture `test/fixtures/specs/<name>` as a LoadedSpec. */
export async function loadFixture(name: string): Promise<LoadedSpec> {
  const { spec } = await loadSpec(SPECS + name, { ruleset: 'none' });
  return spec;
}

/** A document written in a test as a LoadedSpec. */
export function toLoadedSpec(document: OpenApiDocument, file = 'inline.yaml'): LoadedSpec {
  const version = String(document['openapi']).startsWith('3.0') ? '3.0' : '3.1';
  return { file, version, document, locate: (pointer) => ({ file, pointer }) };
}

/** A 3.1 document with these paths (and any other root fields) as a LoadedSpec. */
export function specWithPaths(paths: object, root: object = {}): LoadedSpec {
  return toLoadedSpec({
    openapi: '3.1.0',
    info: { title: 'Test', version: '1.0.0' },
    paths,
    ...root,
  });
}

/** What `run` throws, or undefined when it returns. */
export function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
