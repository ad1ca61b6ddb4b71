import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SpecError } from '../errors.js';
// The constants' own modules, not the packages' indexes: a run the cache answers loads no more.
import { OSB_PROFILES } from '../model/select-osb-api.js';
import { STORE_KINDS } from '../targets/target.js';
import type { StoreKind } from '../targets/target.js';
import { TARGET_SUMMARIES } from '../targets/target-list.js';

/** The file `brokergen generate` reads when it is given no `--spec`. */
export const CONFIG_FILE = 'brokergen.config.json';

/** A project's `brokergen.config.json`, with its paths resolved against the file's folder. */
export interface ProjectConfig {
  /** Absolute path of the configuration file. */
  file: string;
  spec: string;
  catalog: string | undefined;
  /** The output directory: user files go here, generated ones under `generatedDir`. */
  out: string;
  generatedDir: string;
  targets: string[] | undefined;
  store: StoreKind | undefined;
  osbVersion: string | undefined;
  profile: (typeof OSB_PROFILES)[number] | undefined;
}

/** The fields a configuration may hold, with what each must be. */
const FIELDS: Record<string, string> = {
  $schema: 'a string',
  spec: 'a path (required)',
  catalog: 'a path',
  out: 'a path (required)',
  generatedDir: 'a relative folder such as "generated"',
  targets: `a list of ${TARGET_SUMMARIES.map((target) => target.name).join(', ')}`,
  store: STORE_KINDS.join(' | '),
  osbVersion: 'an OSB version such as "2.17"',
  profile: OSB_PROFILES.join(' | '),
};

/**
 * Reads `brokergen.config.json` from `dir`; undefined when there is none. Every problem is a
 * SpecError BG_CONFIG_INVALID naming the field by its JSON pointer.
 */
export async function readProjectConfig(dir: string): Promise<ProjectConfig | undefined> {
  const file = resolve(dir, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw invalid(
      file,
      '#',
      `cannot be read: ${(error as Error).message}`,
      'Check its permissions.',
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalid(
      file,
      '#',
      `is not valid JSON: ${(error as Error).message}`,
      'Fix the JSON syntax.',
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(file, '#', 'must hold a JSON object', `Give at least "spec" and "out".`);
  }
  const config = raw as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!(key in FIELDS)) {
      throw invalid(
        file,
        `#/${key}`,
        `has an unknown field "${key}"`,
        `Known fields: ${Object.keys(FIELDS).join(', ')}.`,
      );
    }
  }
  const base = dirname(file);
  const path = (key: string, required: boolean): string | undefined => {
    const value = config[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value === '') {
      throw invalid(
        file,
        `#/${key}`,
        `"${key}" must be ${FIELDS[key]}`,
        'Paths are relative to the configuration file.',
      );
    }
    return resolve(base, value);
  };
  const choice = <T extends string>(key: string, choices: readonly T[]): T | undefined => {
    const value = config[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !choices.includes(value as T)) {
      throw invalid(
        file,
        `#/${key}`,
        `"${key}" must be ${FIELDS[key]}`,
        `Got ${JSON.stringify(value)}.`,
      );
    }
    return value as T;
  };
  const generatedDir = config['generatedDir'] ?? '';
  if (typeof generatedDir !== 'string' || !isRelativeFolder(generatedDir)) {
    throw invalid(
      file,
      '#/generatedDir',
      `"generatedDir" must be ${FIELDS['generatedDir']}`,
      'Use letters, digits, ".", "_", "-" and "/", without "..".',
    );
  }
  const targets = config['targets'];
  const names: readonly string[] = TARGET_SUMMARIES.map((target) => target.name);
  if (
    targets !== undefined &&
    (!Array.isArray(targets) ||
      targets.some((target) => typeof target !== 'string' || !names.includes(target)))
  ) {
    throw invalid(
      file,
      '#/targets',
      `"targets" must be ${FIELDS['targets']}`,
      `Got ${JSON.stringify(targets)}.`,
    );
  }
  const osbVersion = config['osbVersion'];
  if (
    osbVersion !== undefined &&
    (typeof osbVersion !== 'string' || !/^\d+\.\d+$/.test(osbVersion))
  ) {
    throw invalid(
      file,
      '#/osbVersion',
      `"osbVersion" must be ${FIELDS['osbVersion']}`,
      `Got ${JSON.stringify(osbVersion)}.`,
    );
  }
  return {
    file,
    spec: path('spec', true) ?? '',
    catalog: path('catalog', false),
    out: path('out', true) ?? '',
    generatedDir,
    targets: targets as string[] | undefined,
    store: choice('store', STORE_KINDS),
    osbVersion: osbVersion as string | undefined,
    profile: choice('profile', OSB_PROFILES),
  };
}

/** A folder below the output directory, written with forward slashes; empty means none. */
export function isRelativeFolder(folder: string): boolean {
  if (folder === '') return true;
  return folder
    .split('/')
    .every((part) => /^[A-Za-z0-9._-]+$/.test(part) && part !== '.' && part !== '..');
}

function invalid(file: string, pointer: string, message: string, hint: string): SpecError {
  return new SpecError('BG_CONFIG_INVALID', `${CONFIG_FILE} ${message}`, {
    location: { file, pointer },
    hint,
  });
}

/** Where the configuration would be for a project in `dir`. */
export function configPath(dir: string): string {
  return join(dir, CONFIG_FILE);
}
