import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Handlebars from 'handlebars';
import { BrokergenError } from '../errors.js';
import { layoutLiteral } from './layout-literal.js';
import { JsonLiteral, PrintedCode } from './planned-file.js';
import {
  toCheckedIdentifier,
  toJsDocText,
  toLineComment,
  toPlainText,
  toStringLiteral,
  toTemplateLiteralText,
  toTrustedCode,
} from './template-helpers.js';

/**
 * A render in which each PrintedCode stands as a placeholder line, and the inner lines of each
 * template literal of several lines as one placeholder line (see `renderParts`).
 */
export interface RenderedParts {
  /** The output, each PrintedCode replaced by a placeholder line comment. */
  text: string;
  /** Each PrintedCode and the line that stands for it in `text`. */
  printed: Array<{ placeholder: string; code: PrintedCode }>;
  /**
   * The inner lines of each template literal printed through `tmpl` (all but its first and last
   * lines), and the line that stands for them in `text`. Prettier prints a template literal's
   * text as it is, so these lines go back in after formatting unchanged; the first and last
   * lines stay, because they, and whether the literal spans lines, decide the layout around it.
   */
  literals: Array<{ placeholder: string; text: string }>;
  /**
   * Whether every JsonLiteral is laid out in the output style; false when one could not be (see
   * `layoutLiteral`), and the render then needs prettier throughout.
   */
  styled: boolean;
}

/** The render with every placeholder filled: what `render` returns for the same view. */
export function fillPlaceholders(parts: RenderedParts): string {
  let text = parts.text;
  for (const { placeholder, code } of parts.printed) {
    text = text.split(placeholder).join(trimNewlines(code.code));
  }
  return fillLiterals(text, parts);
}

/**
 * `text` with the inner lines of every template literal in place of their placeholders; undefined
 * when a placeholder is not there exactly once.
 */
export function fillLiterals(text: string, parts: RenderedParts): string;
export function fillLiterals(text: string, parts: RenderedParts, strict: true): string | undefined;
export function fillLiterals(
  text: string,
  parts: RenderedParts,
  strict = false,
): string | undefined {
  let filled = text;
  for (const { placeholder, text: inner } of parts.literals) {
    const pieces = filled.split(placeholder);
    if (strict && pieces.length !== 2) return undefined;
    filled = pieces.join(inner);
  }
  return filled;
}

function trimNewlines(code: string): string {
  return code.replace(/^\n+|\n+$/g, '');
}

/**
 * How templates are compiled; scripts/precompile-templates.js compiles with the same options.
 * strict: a field the view lacks is an error, not an empty string in the output.
 */
const COMPILE_OPTIONS = { noEscape: true, strict: true };

/** A template compiled to JavaScript when brokergen was built, with its source's hash. */
interface PrecompiledTemplate {
  sha256: string;
  spec: Parameters<typeof Handlebars.template>[0];
}

type PrecompiledTemplates = Readonly<Record<string, PrecompiledTemplate>>;

const precompiledByDir = new Map<string, Promise<PrecompiledTemplates>>();

/**
 * The templates of `templatesDir` that scripts/precompile-templates.js compiled when brokergen
 * was built (into `dist/templates.precompiled.js` beside `templates/`), by name; none for
 * another folder of templates, or before a build. Compiling the server's templates took
 * Handlebars 100-200 ms of every run.
 */
function loadPrecompiled(templatesDir: string): Promise<PrecompiledTemplates> {
  let loading = precompiledByDir.get(templatesDir);
  if (loading === undefined) {
    const file = join(templatesDir, '..', 'dist', 'templates.precompiled.js');
    loading = import(pathToFileURL(file).href).then(
      (loaded: { PRECOMPILED?: PrecompiledTemplates }) => loaded.PRECOMPILED ?? {},
      () => ({}),
    );
    precompiledByDir.set(templatesDir, loading);
  }
  return loading;
}

function hashSource(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** Where a render collects its PrintedCode, in Handlebars' `@data`. */
const PRINTED_DATA = 'brokergenPrinted';
/** Where a render collects the inner lines of its template literals, in Handlebars' `@data`. */
const LITERALS_DATA = 'brokergenLiterals';
/** Where a render collects the values of its JSON literals, in Handlebars' `@data`. */
const JSON_DATA = 'brokergenJson';

/**
 * A Handlebars environment for one run: its own helpers, partials and compiled templates, so
 * nothing outlives the run. HTML escaping is off (it is wrong for TypeScript); spec text reaches
 * output only through the escaping helpers.
 */
export class TemplateRenderer {
  readonly #handlebars = Handlebars.create();
  readonly #compiled = new Map<string, Handlebars.TemplateDelegate>();
  readonly #templatesDir: string;
  /** Makes placeholders that no spec text can spell by accident. */
  readonly #nonce = randomBytes(8).toString('hex');
  #partialsLoaded = false;

  constructor(templatesDir: string) {
    this.#templatesDir = templatesDir;
    const helpers: Record<string, (value: unknown) => string> = {
      str: toStringLiteral,
      comment: toLineComment,
      jsdoc: toJsDocText,
      ident: toCheckedIdentifier,
      trusted: toTrustedCode,
      text: toPlainText,
    };
    for (const [name, helper] of Object.entries(helpers)) {
      // Handlebars passes its options object last; each helper takes exactly one value.
      this.#handlebars.registerHelper(name, (value: unknown) => helper(value));
    }
    this.#handlebars.registerHelper(
      'trusted',
      (value: unknown, options: Handlebars.HelperOptions) => this.#printTrusted(value, options),
    );
    this.#handlebars.registerHelper('tmpl', (value: unknown, options: Handlebars.HelperOptions) =>
      this.#printLiteral(value, options),
    );
    this.#handlebars.registerHelper('json', (value: unknown, options: Handlebars.HelperOptions) =>
      this.#printJson(value, options),
    );
  }

  /**
   * Renders like `render`, but each PrintedCode the template prints through `trusted` becomes a
   * placeholder line, with the blank lines around it kept, so that emit can format the rest with
   * prettier and lay out the printed code itself.
   * @throws BrokergenError BG_TEMPLATE_RENDER when the template is missing or fails.
   */
  async renderParts(name: string, view: object): Promise<RenderedParts> {
    const printed: RenderedParts['printed'] = [];
    const literals: RenderedParts['literals'] = [];
    const { text, styled } = await this.#render(name, view, {
      [PRINTED_DATA]: printed,
      [LITERALS_DATA]: literals,
    });
    return { text, printed, literals, styled };
  }

  /**
   * A JsonLiteral (`json`) as a placeholder, which the render replaces with the literal laid out
   * for the column it landed in (see `#fillJson`).
   */
  #printJson(value: unknown, options: Handlebars.HelperOptions): string {
    if (!(value instanceof JsonLiteral)) {
      throw new BrokergenError(
        'BG_TEMPLATE_RENDER',
        'The json helper got a value that is not a JsonLiteral',
        {
          hint: 'Wrap JSON data in JsonLiteral in the target.',
        },
      );
    }
    const values = (options.data as Record<string, unknown>)[JSON_DATA] as unknown[];
    values.push(value.value);
    return `__brokergenJson_${this.#nonce}_${values.length - 1}__`;
  }

  /**
   * Replaces each JSON literal's placeholder with the literal, laid out for the column it starts
   * in and what follows it on its line; where it cannot be laid out, with compact JSON (valid
   * TypeScript too), and the render is then not `styled`.
   */
  #fillJson(text: string, values: readonly unknown[]): { text: string; styled: boolean } {
    if (values.length === 0) return { text, styled: true };
    const pattern = new RegExp(`__brokergenJson_${this.#nonce}_(\\d+)__`, 'g');
    let filled = '';
    let last = 0;
    let styled = true;
    for (const match of text.matchAll(pattern)) {
      filled += text.slice(last, match.index);
      last = match.index + match[0].length;
      const value = values[Number(match[1])];
      const line = filled.slice(filled.lastIndexOf('\n') + 1);
      const lineEnd = text.indexOf('\n', last);
      const after = text.slice(last, lineEnd < 0 ? text.length : lineEnd);
      const laid = layoutLiteral(value, {
        indent: /^ */.exec(line)?.[0].length ?? 0,
        column: line.length,
        trailing: after.trimEnd().length,
      });
      if (laid === undefined) styled = false;
      filled += laid ?? JSON.stringify(value);
    }
    return { text: filled + text.slice(last), styled };
  }

  /**
   * Template literal text (`tmpl`); in `renderParts`, the inner lines of a text of three lines or
   * more become one placeholder line. A 4 MB mock spec then costs prettier nothing.
   */
  #printLiteral(value: unknown, options: Handlebars.HelperOptions): string {
    const text = toTemplateLiteralText(value);
    const literals = (options.data as Record<string, unknown> | undefined)?.[LITERALS_DATA];
    if (!Array.isArray(literals)) return text;
    const first = text.indexOf('\n');
    const last = text.lastIndexOf('\n');
    if (first < 0 || first === last) return text;
    const placeholder = `brokergen-literal-${this.#nonce}-${literals.length}`;
    (literals as RenderedParts['literals']).push({
      placeholder,
      text: text.slice(first + 1, last),
    });
    return `${text.slice(0, first + 1)}${placeholder}${text.slice(last)}`;
  }

  #printTrusted(value: unknown, options: Handlebars.HelperOptions): string {
    const printed = (options.data as Record<string, unknown> | undefined)?.[PRINTED_DATA];
    if (!(value instanceof PrintedCode) || !Array.isArray(printed)) return toTrustedCode(value);
    const core = trimNewlines(value.code);
    if (core === '') return value.code;
    const placeholder = `// brokergen-printed-code ${this.#nonce}-${printed.length}`;
    (printed as RenderedParts['printed']).push({ placeholder, code: value });
    const [lead = ''] = /^\n*/.exec(value.code) ?? [];
    const [trail = ''] = /\n*$/.exec(value.code) ?? [];
    return lead + placeholder + trail;
  }

  /**
   * Renders `templates/<name>.hbs` with a view.
   * @throws BrokergenError BG_TEMPLATE_RENDER when the template is missing or fails.
   */
  async render(name: string, view: object): Promise<string> {
    return (await this.#render(name, view, {})).text;
  }

  async #render(
    name: string,
    view: object,
    data: Record<string, unknown>,
  ): Promise<{ text: string; styled: boolean }> {
    await this.#loadPartials();
    const template = await this.#compile(name);
    const json: unknown[] = [];
    try {
      return this.#fillJson(template(view, { data: { ...data, [JSON_DATA]: json } }), json);
    } catch (cause) {
      throw new BrokergenError('BG_TEMPLATE_RENDER', `Template ${name} failed to render`, {
        hint: cause instanceof Error ? cause.message : String(cause),
        cause,
      });
    }
  }

  async #compile(name: string): Promise<Handlebars.TemplateDelegate> {
    const cached = this.#compiled.get(name);
    if (cached !== undefined) return cached;
    const compiled = await this.#compileSource(name, await this.#read(`${name}.hbs`));
    this.#compiled.set(name, compiled);
    return compiled;
  }

  /**
   * The template compiled when brokergen was built, while its source is still the one it was
   * compiled from; else the source compiled now (as when running from a checkout's sources).
   */
  async #compileSource(name: string, source: string): Promise<Handlebars.TemplateDelegate> {
    const entry = (await loadPrecompiled(this.#templatesDir))[name];
    if (entry !== undefined && entry.sha256 === hashSource(source)) {
      return this.#handlebars.template(entry.spec);
    }
    return this.#handlebars.compile(source, COMPILE_OPTIONS);
  }

  async #loadPartials(): Promise<void> {
    if (this.#partialsLoaded) return;
    this.#partialsLoaded = true;
    const { readdir } = await import('node:fs/promises');
    const dir = join(this.#templatesDir, 'partials');
    for (const entry of await readdir(dir)) {
      if (!entry.endsWith('.hbs')) continue;
      const name = entry.slice(0, -'.hbs'.length);
      const source = await readFile(join(dir, entry), 'utf8');
      this.#handlebars.registerPartial(name, await this.#compileSource(`partials/${name}`, source));
    }
  }

  async #read(file: string): Promise<string> {
    try {
      return await readFile(join(this.#templatesDir, file), 'utf8');
    } catch (cause) {
      throw new BrokergenError('BG_TEMPLATE_RENDER', `Template ${file} cannot be read`, {
        hint: `Expected it under ${this.#templatesDir}.`,
        cause,
      });
    }
  }
}
