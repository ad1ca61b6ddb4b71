export { emitFiles } from './emit-files.js';
export type { EmitOptions, EmitResult } from './emit-files.js';
export { CodeFormatter } from './format-code.js';
export { TemplateRenderer } from './render-template.js';
export { TrustedCode } from './planned-file.js';
export type {
  FileContent,
  FileOwner,
  HeaderFacts,
  PlannedFile,
  RenderedFile,
} from './planned-file.js';
export type { WriteAction, WriteResult } from './write-files.js';
