#!/usr/bin/env node
// Regenerates generated-samples/ from the curated specs in spec/, with the built CLI
// (run `npm run build` first; `npm run update:samples` does). A test fails when they are stale.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../dist/cli/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const specs = readdirSync(new URL('../spec/', import.meta.url)).filter((f) => f.endsWith('.yaml'));
for (const file of specs) {
  const name = file.replace(/\.yaml$/, '');
  const code = await main(
    ['generate', '--spec', `spec/${file}`, '--out', `generated-samples/${name}`],
    { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: root },
  );
  if (code !== 0) process.exit(code);
}
