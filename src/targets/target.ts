import type { PlannedFile } from '../emit/index.js';
import type { ApiModel } from '../model/index.js';
import type { TargetSummary } from './target-list.js';

/** Where a generated broker keeps its instances, bindings and operations. */
export type StoreKind = 'embedded' | 'postgres' | 'memory';

export const STORE_KINDS: readonly StoreKind[] = ['embedded', 'postgres', 'memory'];

/** What only broker servers (specs with `x-osb-versions`) use. */
export interface BrokerSettings {
  /**
   * The broker's catalog (the body of `GET /v2/catalog`), already checked against the catalog
   * rules; undefined when none was given, and the broker then serves an empty catalog.
   */
  catalog?: unknown;
  /** The catalog file as the user named it, for the generated file's comment. */
  catalogFile?: string;
  /** The store `server.ts` opens; default `embedded`. */
  store?: StoreKind;
}

/** What a target may need besides the model: where brokergen's own files are. */
export interface TargetContext {
  /** Absolute path of brokergen's runtime sources (`src/runtime/`), copied into servers. */
  runtimeDir: string;
  broker?: BrokerSettings;
  /**
   * Where generated files go, relative to the output directory (`generated`), so that they sit
   * apart from the user's; default `''`: next to them. User files import through it.
   */
  generatedDir?: string;
  /**
   * openapi-typescript's types for the model's document, already being printed elsewhere (on a
   * worker thread: types-worker.ts); without it, the types target prints them itself.
   */
  openApiTypes?: () => Promise<string>;
}

/** A generator of one kind of output from the model. */
export interface Target extends TargetSummary {
  /** Turns the model into the files this target writes, relative to the output directory. */
  plan(model: ApiModel, context: TargetContext): Promise<PlannedFile[]>;
}
