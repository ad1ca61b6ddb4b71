import type { Random } from './prng.js';

/** A user's edit: the new text and the lines the user wrote, which every merge must keep. */
export interface Edited {
  text: string;
  lines: string[];
  what: string;
}

const BUILTINS = [
  "import { createHash } from 'node:crypto';",
  "import { join } from 'node:path';",
  "import { setTimeout as sleep } from 'node:timers/promises';",
  "import { EventEmitter } from 'node:events';",
];

const CLASS_OPEN = 'implements RandomHandlers {\n';

/** The names of the handler methods in a file, deprecated ones included. */
export function methodNames(text: string): string[] {
  return [...text.matchAll(/^ {2}async (\w+)\(/gm)].map((match) => match[1] ?? '');
}

/** Applies one random edit of the kinds a user makes to a handler file. */
export function editAsUser(text: string, random: Random, id: number): Edited {
  const marker = `user-line-${id}`;
  const names = methodNames(text);
  const kind = random.pick(['body', 'helper', 'import', 'field', 'comment', 'top'] as const);
  if ((kind === 'body' || kind === 'comment') && names.length > 0) {
    const name = random.pick(names);
    const start = text.indexOf(`  async ${name}(`);
    if (kind === 'body') {
      const bodyStart = text.indexOf(' {\n', start) + 3;
      const line = `    // ${marker}`;
      return { text: insertAt(text, bodyStart, `${line}\n`), lines: [line], what: `edit ${name}` };
    }
    const docStart = text.lastIndexOf('  /**', start);
    const line = `  // ${marker}: a note about ${name}`;
    return { text: insertAt(text, docStart, `${line}\n`), lines: [line], what: `comment ${name}` };
  }
  if (kind === 'import') {
    const missing = BUILTINS.filter((line) => !text.includes(line));
    if (missing.length > 0) {
      const line = random.pick(missing);
      const at = text.indexOf('\n/** Random operations. */');
      return { text: insertAt(text, at, `${line}\n`), lines: [line], what: 'add an import' };
    }
  }
  if (kind === 'top') {
    const line = `// ${marker}: read the README before editing.`;
    const at = text.indexOf('\n\n') + 1;
    return { text: insertAt(text, at, `${line}\n`), lines: [line], what: 'comment the top' };
  }
  if (kind === 'field') {
    const line = `  readonly field${id} = '${marker}';`;
    const at = text.indexOf(CLASS_OPEN) + CLASS_OPEN.length;
    return { text: insertAt(text, at, `${line}\n\n`), lines: [line], what: 'add a field' };
  }
  const line = `  return '${marker}';`;
  const helper = `\nfunction helper${id}(): string {\n  // a helper of mine\n${line}\n}\n`;
  return { text: text + helper, lines: [line], what: 'add a helper' };
}

function insertAt(text: string, at: number, insertion: string): string {
  return text.slice(0, at) + insertion + text.slice(at);
}
