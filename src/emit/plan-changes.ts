import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../errors.js';
import { EmitError } from '../errors.js';
import { hashText, MANIFEST_PATH, serializeManifest } from './manifest.js';
import type { Manifest } from './manifest.js';
import type { FileOwner, RenderedFile } from './planned-file.js';
import { resolveInside } from './resolve-inside.js';

/** What a run does, or would do, to one file. */
export type FileAction = 'created' | 'updated' | 'merged' | 'unchanged' | 'deleted' | 'kept';

/** One file's change, with what the file holds now and what it will hold. */
export interface FileChange {
  path: string;
  owner: FileOwner;
  action: FileAction;
  /** What the file holds now; undefined when it does not exist. */
  previous: string | undefined;
  /** What it will hold; undefined for deletions and files left alone. */
  next: string | undefined;
}

/** Three-way merge of one user-owned file, as `src/emit/merge` provides it. */
export type MergeFile = (input: {
  path: string;
  base: string | undefined;
  user: string;
  generated: string;
}) => { status: 'merged' | 'unchanged' | 'unparseable'; text: string; diagnostics: Diagnostic[] };

export interface ChangePlan {
  changes: FileChange[];
  diagnostics: Diagnostic[];
}

/**
 * Decides what to do with every file: generated files are rewritten when their text changed;
 * user files are created once, then merged with the user's edits; files of the last run that
 * the spec no longer produces are deleted when brokergen wrote them and nobody edited them since,
 * and kept (with a warning) otherwise. The manifest is planned last, as one more generated file.
 */
export async function planChanges(
  outDir: string,
  files: readonly RenderedFile[],
  manifest: Manifest,
  merge: MergeFile,
): Promise<ChangePlan> {
  const diagnostics: Diagnostic[] = [];
  const next: Manifest = { version: 1, files: Object.create(null) as Manifest['files'] };
  const changes = await Promise.all(
    files.map(async (file): Promise<FileChange> => {
      const previous = await readIfExists(resolveInside(outDir, file.path));
      const recorded = manifest.files[file.path];
      if (file.owner === 'generated') {
        next.files[file.path] = {
          owner: 'generated',
          hash: hashText(file.text),
          ...sourceOf(file),
        };
        if (
          previous !== undefined &&
          previous !== file.text &&
          recorded !== undefined &&
          recorded.hash !== hashText(previous)
        ) {
          diagnostics.push(editedGenerated(outDir, file.path));
        }
        return change(file.path, 'generated', previous, file.text);
      }
      if (previous === undefined) {
        next.files[file.path] = {
          owner: 'user',
          hash: hashText(file.text),
          base: file.text,
          ...sourceOf(file),
        };
        return change(file.path, 'user', undefined, file.text);
      }
      if (recorded?.base === file.text) {
        // The generator produced exactly what it did last time: the user's file is the merge.
        // Its entry stays as it was, so that editing a file of one's own never makes the
        // manifest, and so `generate --check`, stale.
        next.files[file.path] = { ...recorded, ...sourceOf(file) };
        return change(file.path, 'user', previous, previous);
      }
      const merged = merge({
        path: file.path,
        base: recorded?.base,
        user: previous,
        generated: file.text,
      });
      diagnostics.push(...merged.diagnostics);
      // An unparseable file keeps its old base, so the next merge still sees the generator's edits.
      const unparseable = merged.status === 'unparseable';
      const base = unparseable ? (recorded?.base ?? file.text) : file.text;
      const source = unparseable
        ? recorded?.source === undefined
          ? {}
          : { source: recorded.source }
        : sourceOf(file);
      next.files[file.path] = { owner: 'user', hash: hashText(merged.text), base, ...source };
      const result = change(file.path, 'user', previous, merged.text);
      return result.action === 'updated' ? { ...result, action: 'merged' } : result;
    }),
  );
  changes.push(...(await planStaleFiles(outDir, files, manifest, diagnostics)));
  const manifestText = serializeManifest(next);
  const previousManifest = await readIfExists(resolveInside(outDir, MANIFEST_PATH));
  changes.push(change(MANIFEST_PATH, 'generated', previousManifest, manifestText));
  return { changes, diagnostics };
}

/** Files the last run wrote that this run does not produce. */
async function planStaleFiles(
  outDir: string,
  files: readonly RenderedFile[],
  manifest: Manifest,
  diagnostics: Diagnostic[],
): Promise<FileChange[]> {
  const planned = new Set(files.map((file) => file.path));
  const stale = Object.entries(manifest.files).filter(([path]) => !planned.has(path));
  return Promise.all(
    stale.map(async ([path, entry]): Promise<FileChange> => {
      const previous = await readIfExists(resolveInside(outDir, path));
      if (previous === undefined)
        return { path, owner: entry.owner, action: 'unchanged', previous, next: undefined };
      if (entry.owner === 'generated' && hashText(previous) === entry.hash) {
        return { path, owner: entry.owner, action: 'deleted', previous, next: undefined };
      }
      diagnostics.push({
        code: 'BG_EMIT_STALE_KEPT',
        severity: 'warning',
        message:
          entry.owner === 'user'
            ? `${path} is no longer generated; it is yours, so it was kept`
            : `${path} is no longer generated but was edited by hand, so it was kept`,
        hint: 'Delete the file if you no longer need it.',
        location: { file: resolveInside(outDir, path) },
      });
      return { path, owner: entry.owner, action: 'kept', previous, next: undefined };
    }),
  );
}

function sourceOf(file: RenderedFile): { source?: string } {
  return file.source === undefined ? {} : { source: file.source };
}

function change(
  path: string,
  owner: FileOwner,
  previous: string | undefined,
  next: string,
): FileChange {
  const action: FileAction =
    previous === undefined ? 'created' : previous === next ? 'unchanged' : 'updated';
  return { path, owner, action, previous, next: action === 'unchanged' ? undefined : next };
}

function editedGenerated(outDir: string, path: string): Diagnostic {
  return {
    code: 'BG_EMIT_EDITED_GENERATED',
    severity: 'warning',
    message: `${path} had been edited by hand; brokergen owns it and replaced the edits`,
    hint: 'Put hand-written code in the user-owned files, which are merged instead of replaced.',
    location: { file: resolveInside(outDir, path) },
  };
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EmitError('BG_EMIT_WRITE', `Cannot read ${path}`, {
      hint: (error as Error).message,
      cause: error,
    });
  }
}
