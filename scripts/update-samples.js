#!/usr/bin/env node
// Regenerates generated-samples/ from the curated specs in spec/, with the built CLI
// (run `npm run build` first; `npm run update:samples` does). A test fails when they are stale.
// generated-samples/samples.json holds each sample's arguments; the test reads it too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { main } from '../dist/cli/main.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const samples = JSON.parse(
  readFileSync(new URL('../generated-samples/samples.json', import.meta.url), 'utf8'),
);
for (const [name, args] of Object.entries(samples)) {
  const code = await main(['generate', ...args, '--out', `generated-samples/${name}`], {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: root,
  });
  if (code !== 0) process.exit(code);
}
