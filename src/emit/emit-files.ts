import { readFile } from 'node:fs/promises';
import { EmitError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import type { CodeFormatter } from './format-code.js';
import { formatRendered } from './format-rendered.js';
import { hashText, readManifest } from './manifest.js';
import type { Manifest, ManifestEntry } from './manifest.js';
import { planChanges } from './plan-changes.js';
import type { FileChange, MergeFile } from './plan-changes.js';
import type { HeaderFacts, PlannedFile, RenderedFile } from './planned-file.js';
import { fillPlaceholders } from './render-template.js';
import type { TemplateRenderer } from './render-template.js';
import { resolveInside } from './resolve-inside.js';
import { findTsconfig, typecheckUserFiles } from './typecheck-output.js';
import { writeFiles } from './write-files.js';

export interface EmitOptions {
  outDir: string;
  header: HeaderFacts;
  renderer: TemplateRenderer;
  formatter: CodeFormatter;
  /** Merges user-owned files; called only for user files that already exist. */
  merge: MergeFile;
  /** `write` changes files; `check` and `dry-run` only plan (the CLI prints the plan or a diff). */
  mode: 'write' | 'check' | 'dry-run';
  /**
   * After a merge, type-check the output with the nearest tsconfig.json and report the errors in
   * user files: what a spec change broke in the user's code.
   */
  typecheck: boolean;
}

export interface EmitResult {
  changes: FileChange[];
  diagnostics: Diagnostic[];
  /** Whether any file was (or would be) created, updated, merged or deleted. */
  changed: boolean;
}

/**
 * Renders, formats, merges and writes planned files. Nothing is written until every file has
 * rendered, formatted and merged, so a failure leaves the output directory untouched.
 * @throws BrokergenError BG_TEMPLATE_RENDER, BG_EMIT_FORMAT, BG_EMIT_MANIFEST, BG_EMIT_WRITE,
 *   BG_EMIT_PATH_ESCAPE
 */
export async function emitFiles(
  files: readonly PlannedFile[],
  options: EmitOptions,
): Promise<EmitResult> {
  const session = await startEmit(options);
  await session.add(files);
  return session.finish();
}

/** An emit whose files arrive in batches (see `startEmit`). */
export interface EmitSession {
  /**
   * Renders `files` and starts formatting them; resolves once every one has started (it never
   * rejects: failures surface in `finish`, which writes the files). Batches are written in the
   * order of `order` (by default, the order they were added).
   */
  add(files: readonly PlannedFile[], order?: number): Promise<void>;
  /**
   * Waits for every file added, then merges and writes them as `emitFiles` does.
   * @throws as `emitFiles`
   */
  finish(): Promise<EmitResult>;
}

/**
 * An emit that renders each batch of files as soon as it is added, so that a caller can plan the
 * next batch while they are formatted: formatting a large file in worker threads (format-code.ts)
 * then overlaps with the main thread's planning.
 * @throws BrokergenError BG_EMIT_MANIFEST
 */
export async function startEmit(options: EmitOptions): Promise<EmitSession> {
  const manifest = await readManifest(options.outDir);
  const batches: Array<{ order: number; rendering: Promise<RenderedFile[]> }> = [];
  return {
    add(files, order = batches.length) {
      const started = Promise.all(files.map((file) => renderFile(file, manifest, options)));
      const rendering = started.then((list) => Promise.all(list.map((file) => file.done)));
      // Awaited by finish; a failure must not count as unhandled before then.
      rendering.catch(() => undefined);
      batches.push({ order, rendering });
      return started.then(
        () => undefined,
        () => undefined,
      );
    },
    async finish() {
      const sorted = [...batches].sort((a, b) => a.order - b.order);
      const rendered = await Promise.all(sorted.map((batch) => batch.rendering));
      return writeRendered(rendered.flat(), manifest, options);
    },
  };
}

async function writeRendered(
  rendered: RenderedFile[],
  manifest: Manifest,
  options: EmitOptions,
): Promise<EmitResult> {
  const { changes, diagnostics } = await planChanges(
    options.outDir,
    rendered,
    manifest,
    options.merge,
  );
  const changed = changes.some(
    (change) => change.action !== 'unchanged' && change.action !== 'kept',
  );
  if (options.mode === 'write') {
    await writeFiles(options.outDir, changes);
    // A first generation holds brokergen's stubs only; once the user has files, any change of the
    // generated types can break them.
    const userHadFiles = changes.some(
      (change) => change.owner === 'user' && change.previous !== undefined,
    );
    if (options.typecheck && changed && userHadFiles) {
      diagnostics.push(...typecheckOutput(options.outDir, rendered));
    }
  }
  return { changes, diagnostics, changed };
}

function typecheckOutput(outDir: string, files: readonly RenderedFile[]): Diagnostic[] {
  const tsconfig = findTsconfig(outDir);
  if (tsconfig === undefined) return [];
  const typescript = files.filter((file) => file.path.endsWith('.ts'));
  const userFiles = new Set(
    typescript
      .filter((file) => file.owner === 'user')
      .map((file) => resolveInside(outDir, file.path)),
  );
  return typecheckUserFiles(
    tsconfig,
    typescript.map((file) => resolveInside(outDir, file.path)),
    userFiles,
  );
}

async function readSource(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new EmitError('BG_EMIT_WRITE', `Cannot read ${path} to copy it`, {
      hint: 'brokergen is installed incompletely; reinstall it.',
      cause,
    });
  }
}

/** A file rendered and being formatted: `done` settles once it is formatted. */
interface StartedFile {
  done: Promise<RenderedFile>;
}

/**
 * Renders a file and starts formatting it; resolves once the formatting has started (for a
 * large file, once its pieces are with the worker threads).
 */
async function renderFile(
  file: PlannedFile,
  manifest: Manifest,
  options: EmitOptions,
): Promise<StartedFile> {
  const { renderer, formatter } = options;
  const header = await renderer.render('partials/file-header', {
    ...options.header,
    generated: file.owner === 'generated',
  });
  if (file.content.kind === 'copy') {
    // brokergen's runtime is kept in the output style in its repository (prettier --check, and a
    // test formats every file): formatting it again took half of prettier's time on a broker.
    const text = header + (await readSource(file.content.from));
    return {
      done: Promise.resolve({ path: file.path, owner: file.owner, text, source: hashText(text) }),
    };
  }
  const parts = await renderer.renderParts(file.content.template, file.content.view);
  // The manifest's `source` is the hash of the render with the printed code in place.
  const source = hashText(header + fillPlaceholders(parts));
  const known = await findFormatted(options.outDir, file, manifest.files[file.path], source);
  const text =
    known === undefined
      ? formatRendered(formatter, file.path, header, parts, file.content.style)
      : Promise.resolve(known);
  const done = text.then((formatted) => ({
    path: file.path,
    owner: file.owner,
    text: formatted,
    source,
  }));
  // Awaited once the whole batch has started; a failure must not count as unhandled before then.
  done.catch(() => undefined);
  return { done };
}

/**
 * The formatted text of a render identical to the last run's, without running prettier:
 * for a generated file, the file on disk if nobody edited it; for a user file, the base the
 * manifest holds. Formatting is the slowest step of a run (seconds on large specs), and a
 * regeneration usually renders most files exactly as before.
 */
async function findFormatted(
  outDir: string,
  file: PlannedFile,
  entry: ManifestEntry | undefined,
  source: string,
): Promise<string | undefined> {
  if (entry === undefined || entry.source !== source || entry.owner !== file.owner)
    return undefined;
  if (file.owner === 'user') return entry.base;
  const onDisk = await readFile(resolveInside(outDir, file.path), 'utf8').catch(() => undefined);
  return onDisk !== undefined && hashText(onDisk) === entry.hash ? onDisk : undefined;
}
