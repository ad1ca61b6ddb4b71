/**
 * Rewrites the results section of BENCHMARKS.md and formats the document with the
 * repository's prettier and configuration, so that `prettier --check .` stays green after a
 * benchmark run.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { BENCHMARKS_MD } from './paths.mjs';
import { renderResults, replaceResultsSection } from './render-results.mjs';

/**
 * @param {unknown} results a results file's content
 */
export async function writeBenchmarksDoc(results) {
  const document = replaceResultsSection(
    await readFile(BENCHMARKS_MD, 'utf8'),
    renderResults(results),
  );
  const config = (await prettier.resolveConfig(BENCHMARKS_MD)) ?? {};
  await writeFile(
    BENCHMARKS_MD,
    await prettier.format(document, { ...config, filepath: BENCHMARKS_MD }),
  );
}
