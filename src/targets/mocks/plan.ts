import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlannedFile } from '../../emit/index.js';
import type { ApiModel } from '../../model/index.js';
import type { TargetContext } from '../target.js';
import { buildMocksView } from './view.js';

/**
 * The mocks target's files, all generated: `mocks/handlers.ts` (one msw handler factory per
 * operation, typed by types.ts, and `createHandlers`), `mocks/spec.ts` (what the handlers know
 * of the spec, as JSON) and a copy of the mocks runtime (`src/runtime/mocks/`) under
 * `mocks/runtime/`.
 */
export async function planMockFiles(
  model: ApiModel,
  context: TargetContext,
): Promise<PlannedFile[]> {
  const view = buildMocksView(model);
  const runtimeDir = join(context.runtimeDir, 'mocks');
  const runtime = (await readdir(runtimeDir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .sort();
  return [
    {
      path: 'mocks/handlers.ts',
      owner: 'generated',
      content: {
        kind: 'template',
        template: 'mocks/handlers.ts',
        view,
        // A path prettier would quote otherwise (see keepsSingleQuotes) makes no line too wide
        // for emit to notice: the file is then formatted whole.
        style: view.keepsLiterals ? 'formatted' : 'unformatted',
      },
    },
    {
      path: 'mocks/spec.ts',
      owner: 'generated',
      content: {
        kind: 'template',
        template: 'mocks/spec.ts',
        view: { title: view.title, specJson: view.specJson },
        style: 'formatted',
      },
    },
    ...runtime.map((file): PlannedFile => ({
      path: `mocks/runtime/${file}`,
      owner: 'generated',
      content: { kind: 'copy', from: join(runtimeDir, file) },
    })),
  ];
}
