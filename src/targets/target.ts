import type { PlannedFile } from '../emit/index.js';
import type { ApiModel } from '../model/index.js';

/** What a target may need besides the model: where brokergen's own files are. */
export interface TargetContext {
  /** Absolute path of brokergen's runtime sources (`src/runtime/`), copied into servers. */
  runtimeDir: string;
}

/** A generator of one kind of output from the model. */
export interface Target {
  /** The `--target` name. */
  readonly name: string;
  /** One line for `--help`. */
  readonly describe: string;
  /** Targets whose files this one imports; they are generated along with it. */
  readonly dependsOn: readonly string[];
  /** Turns the model into the files this target writes, relative to the output directory. */
  plan(model: ApiModel, context: TargetContext): Promise<PlannedFile[]>;
}
