import type { CodeFormatter } from './format-code.js';
import type { HeaderFacts, PlannedFile, RenderedFile } from './planned-file.js';
import type { TemplateRenderer } from './render-template.js';
import { planWrites, writeFiles } from './write-files.js';
import type { WriteResult } from './write-files.js';

export interface EmitOptions {
  outDir: string;
  header: HeaderFacts;
  renderer: TemplateRenderer;
  formatter: CodeFormatter;
  /** `write` changes files; `check` only reports what would change. */
  mode: 'write' | 'check';
}

export interface EmitResult {
  files: WriteResult[];
  /** Whether any file was (or, in check mode, would be) created or updated. */
  changed: boolean;
}

/**
 * Renders, formats and writes planned files. Nothing is written until every file has rendered
 * and formatted, so a failure leaves the output directory untouched.
 * @throws BrokergenError BG_TEMPLATE_RENDER, BG_EMIT_FORMAT, BG_EMIT_WRITE, BG_EMIT_PATH_ESCAPE
 */
export async function emitFiles(
  files: readonly PlannedFile[],
  options: EmitOptions,
): Promise<EmitResult> {
  const rendered = await Promise.all(files.map((file) => renderFile(file, options)));
  const plan = await planWrites(options.outDir, rendered);
  if (options.mode === 'write') await writeFiles(options.outDir, rendered, plan);
  const changed = plan.some(({ action }) => action === 'created' || action === 'updated');
  return { files: plan, changed };
}

async function renderFile(file: PlannedFile, options: EmitOptions): Promise<RenderedFile> {
  const { renderer, formatter } = options;
  const header = await renderer.render('partials/file-header', {
    ...options.header,
    generated: file.owner === 'generated',
  });
  const body = await renderer.render(file.content.template, file.content.view);
  const text = await formatter.format(file.path, header + body);
  return { path: file.path, owner: file.owner, text };
}
