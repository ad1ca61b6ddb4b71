import { readFile } from 'node:fs/promises';
import { EmitError } from '../errors.js';
import type { Diagnostic } from '../errors.js';
import type { CodeFormatter } from './format-code.js';
import { readManifest } from './manifest.js';
import { planChanges } from './plan-changes.js';
import type { FileChange, MergeFile } from './plan-changes.js';
import type { HeaderFacts, PlannedFile, RenderedFile } from './planned-file.js';
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
  const rendered = await Promise.all(files.map((file) => renderFile(file, options)));
  const manifest = await readManifest(options.outDir);
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

async function renderFile(file: PlannedFile, options: EmitOptions): Promise<RenderedFile> {
  const { renderer, formatter } = options;
  const header = await renderer.render('partials/file-header', {
    ...options.header,
    generated: file.owner === 'generated',
  });
  const body =
    file.content.kind === 'template'
      ? await renderer.render(file.content.template, file.content.view)
      : await readSource(file.content.from);
  const text = await formatter.format(file.path, header + body);
  return { path: file.path, owner: file.owner, text };
}
