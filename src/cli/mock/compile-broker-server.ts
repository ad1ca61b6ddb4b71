import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateRenderer } from '../../emit/index.js';
import type { PlannedFile } from '../../emit/index.js';
import { BrokergenError } from '../../errors.js';
import type { ApiModel } from '../../model/index.js';
import { serverTarget } from '../../targets/server/index.js';
import { transpileTypeScript } from './transpile-typescript.js';
import type { ModuleText } from './transpile-typescript.js';

/** Where brokergen's own files are. */
export interface BrokergenDirs {
  templatesDir: string;
  /** The runtime's TypeScript sources (`src/runtime/`), which generated servers copy. */
  runtimeDir: string;
}

/** The catalog the mock serves, already checked against the catalog rules. */
export interface MockCatalog {
  document: unknown;
  /** The file name, for the generated catalog module's comment. */
  file: string;
}

/**
 * Where the runtime's compiled JavaScript is when brokergen itself runs compiled: `dist/runtime/`
 * beside `dist/cli/mock/`. Run from its sources (tests), this is `src/runtime/`, which holds no
 * JavaScript, and every module is transpiled.
 */
const COMPILED_RUNTIME_DIR = fileURLToPath(new URL('../../runtime/', import.meta.url));

/**
 * The JavaScript of what a generated broker on the memory store holds under `server/` (routes,
 * schemas, catalog, the runtime copy) and `handlers/` (classes answering 501 for operations a
 * spec adds to OSB's), as the server target plans it, plus the mock's own services
 * (`server/runtime/mock-broker/`), which import that runtime copy. Templates are rendered
 * without formatting and transpiled. A runtime file is taken from brokergen's own build when
 * there is one, since the package ships it compiled from the very same source: transpiling
 * the runtime is most of the time TypeScript would take (2.5 of 3.2 s, measured).
 * @throws BrokergenError BG_TEMPLATE_RENDER, and BG_MOCK_LOAD when a runtime file cannot be read
 *   or a module does not parse
 */
export async function compileBrokerServer(
  model: ApiModel,
  catalog: MockCatalog,
  dirs: BrokergenDirs,
): Promise<ModuleText[]> {
  const planned = await serverTarget.plan(model, {
    runtimeDir: dirs.runtimeDir,
    broker: { catalog: catalog.document, catalogFile: catalog.file, store: 'memory' },
  });
  // `broker.ts` and `server.ts` are what the mock replaces; `types.ts` holds types only.
  const wanted = planned.filter(
    (file) => file.path.startsWith('server/') || file.path.startsWith('handlers/'),
  );
  const files = [...wanted, ...(await planMockBrokerFiles(dirs.runtimeDir))];
  const renderer = new TemplateRenderer(dirs.templatesDir);
  const javascript: ModuleText[] = [];
  const typescript: ModuleText[] = [];
  await Promise.all(
    files.map(async (file) => {
      const { content } = file;
      const compiled =
        content.kind === 'copy' ? await readCompiled(dirs.runtimeDir, content.from) : undefined;
      if (compiled !== undefined) {
        javascript.push({ path: file.path.replace(/\.ts$/, '.js'), text: compiled });
      } else {
        const text =
          content.kind === 'template'
            ? await renderer.render(content.template, content.view)
            : await readRuntimeFile(content.from);
        typescript.push({ path: file.path, text });
      }
    }),
  );
  return [...javascript, ...transpileTypeScript(typescript)];
}

/** The mock's services and server, copied beside the runtime they import. */
async function planMockBrokerFiles(runtimeDir: string): Promise<PlannedFile[]> {
  const dir = join(runtimeDir, 'mock-broker');
  return (await readdir(dir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => ({
      path: `server/runtime/mock-broker/${name}`,
      owner: 'generated',
      content: { kind: 'copy', from: join(dir, name) },
    }));
}

/**
 * The compiled twin of a runtime source file from brokergen's build, without its source map
 * comment (the map is not copied); undefined when brokergen runs from its sources.
 */
async function readCompiled(runtimeDir: string, source: string): Promise<string | undefined> {
  const path = relative(runtimeDir, source);
  if (path.startsWith('..') || !path.endsWith('.ts')) return undefined;
  const twin = join(COMPILED_RUNTIME_DIR, path.split(sep).join('/').replace(/\.ts$/, '.js'));
  if (twin === join(runtimeDir, path)) return undefined;
  const text = await readFile(twin, 'utf8').catch(() => undefined);
  return text?.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

async function readRuntimeFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new BrokergenError('BG_MOCK_LOAD', `Cannot read ${path}`, {
      hint: 'brokergen is installed incompletely; reinstall it.',
      cause,
    });
  }
}
