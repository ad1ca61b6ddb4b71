/** Files and bytes under a directory, for output sizes and install footprints. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * @typedef {object} DirectorySize
 * @property {number} files
 * @property {number} bytes
 */

/**
 * Counts the regular files under `dir` and adds up their sizes (symbolic links not followed).
 * @param {string} dir
 * @param {(name: string) => boolean} [include] which file names count (default all)
 * @returns {Promise<DirectorySize>}
 */
export async function measureDirectory(dir, include = () => true) {
  let files = 0;
  let bytes = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  for (const entry of entries) {
    if (!entry.isFile() || !include(entry.name)) continue;
    files += 1;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
