import type { PlannedFile } from '../emit/index.js';
import type { ApiModel } from '../model/index.js';

/** A generator of one kind of output from the model. */
export interface Target {
  /** The `--target` name. */
  readonly name: string;
  /** One line for `--help`. */
  readonly describe: string;
  /** Turns the model into the files this target writes, relative to the output directory. */
  plan(model: ApiModel): Promise<PlannedFile[]>;
}
