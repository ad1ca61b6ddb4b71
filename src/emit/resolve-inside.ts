import { isAbsolute, relative, resolve, sep } from 'node:path';
import { EmitError } from '../errors.js';

/**
 * Resolves a planned path inside the output directory.
 * @throws EmitError BG_EMIT_PATH_ESCAPE when the path is absolute or climbs out of `outDir`.
 */
export function resolveInside(outDir: string, path: string): string {
  const target = resolve(outDir, path);
  const inside = relative(outDir, target);
  if (isAbsolute(path) || inside === '' || inside === '..' || inside.startsWith('..' + sep)) {
    throw new EmitError('BG_EMIT_PATH_ESCAPE', `Planned file ${path} lies outside ${outDir}`, {
      hint: 'A target planned a path that escapes the output directory; this is a bug.',
    });
  }
  return target;
}
