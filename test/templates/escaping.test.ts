import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';

/**
 * Spec text reaches generated code only through an escaping helper. This test parses every
 * template and fails on a mustache that prints a value any other way: a bare `{{field}}`, a
 * triple-stash `{{{field}}}`, or an unknown helper.
 */
const TEMPLATES = resolve(import.meta.dirname, '../../templates');
const ESCAPING_HELPERS = new Set([
  'str',
  'tmpl',
  'json',
  'comment',
  'jsdoc',
  'ident',
  'trusted',
  'text',
]);

type Node = hbs.AST.Node & Record<string, unknown>;

function listTemplates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTemplates(path);
    return entry.name.endsWith('.hbs') ? [path] : [];
  });
}

/** Every mustache in a template that prints without an escaping helper, as `line: source`. */
function findUnescaped(source: string): string[] {
  const problems: string[] = [];
  const visit = (node: Node | undefined): void => {
    if (node === undefined || node === null) return;
    if (node.type === 'MustacheStatement') {
      const mustache = node as unknown as hbs.AST.MustacheStatement;
      const path = mustache.path as hbs.AST.PathExpression;
      const line = mustache.loc.start.line;
      if (!mustache.escaped) problems.push(`${line}: triple-stash {{{${path.original}}}}`);
      else if (mustache.params.length === 0) problems.push(`${line}: bare {{${path.original}}}`);
      else if (!ESCAPING_HELPERS.has(path.original))
        problems.push(`${line}: unknown helper ${path.original}`);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((child) => visit(child as Node));
      else if (value !== null && typeof value === 'object' && 'type' in value) visit(value as Node);
    }
  };
  visit(Handlebars.parse(source) as unknown as Node);
  return problems;
}

describe('templates', () => {
  const templates = listTemplates(TEMPLATES);

  it('exist', () => {
    expect(templates.length).toBeGreaterThan(0);
  });

  it.each(templates.map((file) => [relative(TEMPLATES, file), file]))(
    '%s prints values only through escaping helpers',
    (_name, file) => {
      expect(findUnescaped(readFileSync(file, 'utf8'))).toEqual([]);
    },
  );

  it.each([
    ['{{name}}', ['1: bare {{name}}']],
    ['{{{name}}}', ['1: triple-stash {{{name}}}']],
    ['{{#each xs}}\n{{shout name}}{{/each}}', ['2: unknown helper shout']],
    ['{{#if ok}}{{str name}}{{/if}}', []],
  ])('flags %j as %j', (source, want) => {
    expect(findUnescaped(source)).toEqual(want);
  });
});
