export { emitFiles, startEmit } from './emit-files.js';
export type { EmitOptions, EmitResult, EmitSession } from './emit-files.js';
export { diffChanges } from './diff-changes.js';
export { CodeFormatter, PRINT_WIDTH } from './format-code.js';
export { MANIFEST_PATH } from './manifest.js';
export type { FileAction, FileChange, MergeFile } from './plan-changes.js';
export { TemplateRenderer } from './render-template.js';
export { JsonLiteral, PrintedCode, TrustedCode } from './planned-file.js';
export type {
  FileContent,
  FileOwner,
  HeaderFacts,
  PlannedFile,
  RenderedFile,
  RenderStyle,
} from './planned-file.js';
export { createMergeFile } from './merge-adapter.js';
export { RunCache } from './run-cache.js';
export type { RunCacheKey } from './run-cache.js';
