/**
 * Rewrites the results section of BENCHMARKS.md from a results file (default
 * bench/results/latest.json): `node bench/report.mjs [file]`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RESULTS } from './lib/paths.mjs';
import { writeBenchmarksDoc } from './lib/write-benchmarks-doc.mjs';

const file = process.argv[2] ?? join(RESULTS, 'latest.json');
await writeBenchmarksDoc(JSON.parse(await readFile(file, 'utf8')));
console.error(`BENCHMARKS.md: results section rewritten from ${file}`);
