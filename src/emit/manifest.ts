import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EmitError } from '../errors.js';
import type { FileOwner } from './planned-file.js';

/** Where the manifest lives, relative to the output directory. */
export const MANIFEST_PATH = '.brokergen/manifest.json';

/** What brokergen knows of one file it wrote. */
export interface ManifestEntry {
  owner: FileOwner;
  /** SHA-256 of the content written, to tell whether someone edited the file since. */
  hash: string;
  /**
   * SHA-256 of the generated text before formatting. When a run renders the same text again,
   * the formatted result is known (the file on disk, or `base`) and prettier is skipped.
   */
  source?: string;
  /**
   * For user files: the text brokergen generated last time, before any merge. It is the base of
   * the next three-way merge; without it, brokergen cannot tell the user's edits from its own.
   */
  base?: string;
}

/**
 * The record of a previous run: every file brokergen wrote, with its owner and hash. It lets a
 * run delete generated files the spec no longer produces (but only unmodified ones) and merge
 * user files against what was generated before.
 */
export interface Manifest {
  version: 1;
  files: Record<string, ManifestEntry>;
}

/** SHA-256 of a text, as the manifest stores it. */
export function hashText(text: string): string {
  return 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An empty manifest, for a directory brokergen has not written before. */
export function emptyManifest(): Manifest {
  return { version: 1, files: Object.create(null) as Record<string, ManifestEntry> };
}

/**
 * Reads the manifest of an output directory; an absent one is empty.
 * @throws EmitError BG_EMIT_MANIFEST when it exists but is not a manifest brokergen wrote.
 */
export async function readManifest(outDir: string): Promise<Manifest> {
  const file = join(outDir, MANIFEST_PATH);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyManifest();
    throw manifestError(file, (error as Error).message, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw manifestError(file, (error as Error).message, error);
  }
  if (!isManifest(parsed)) throw manifestError(file, 'unexpected structure', undefined);
  const manifest = emptyManifest();
  for (const [path, entry] of Object.entries(parsed.files)) manifest.files[path] = entry;
  return manifest;
}

function isManifest(value: unknown): value is Manifest {
  if (value === null || typeof value !== 'object') return false;
  const { version, files } = value as Partial<Manifest>;
  if (version !== 1 || files === null || typeof files !== 'object') return false;
  return Object.values(files).every(
    (entry) =>
      entry !== null &&
      typeof entry === 'object' &&
      (entry.owner === 'generated' || entry.owner === 'user') &&
      typeof entry.hash === 'string' &&
      (entry.source === undefined || typeof entry.source === 'string') &&
      (entry.base === undefined || typeof entry.base === 'string'),
  );
}

function manifestError(file: string, reason: string, cause: unknown): EmitError {
  return new EmitError('BG_EMIT_MANIFEST', `${file} is not a brokergen manifest: ${reason}`, {
    location: { file },
    hint: 'Restore it from version control, or delete it: brokergen then treats every existing file as yours and merges without a base.',
    cause,
  });
}

/** The manifest as written: keys sorted, so it diffs cleanly and reproduces byte for byte. */
export function serializeManifest(manifest: Manifest): string {
  const files: Record<string, ManifestEntry> = {};
  for (const path of Object.keys(manifest.files).sort()) {
    const entry = manifest.files[path];
    if (entry !== undefined) files[path] = entry;
  }
  return JSON.stringify({ version: 1, files }, null, 2) + '\n';
}
