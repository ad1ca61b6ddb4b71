import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { BrokergenError } from '../errors.js';
import { PrintedCode } from './planned-file.js';
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

/** Where a render collects its PrintedCode, in Handlebars' `@data`. */
const PRINTED_DATA = 'brokergenPrinted';
/** Where a render collects the inner lines of its template literals, in Handlebars' `@data`. */
const LITERALS_DATA = 'brokergenLiterals';

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
    const text = await this.#render(name, view, {
      [PRINTED_DATA]: printed,
      [LITERALS_DATA]: literals,
    });
    return { text, printed, literals };
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
    return this.#render(name, view, {});
  }

  async #render(name: string, view: object, data: Record<string, unknown>): Promise<string> {
    await this.#loadPartials();
    const template = await this.#compile(name);
    try {
      return template(view, { data });
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
    const source = await this.#read(`${name}.hbs`);
    // strict: a field the view lacks is an error, not an empty string in the output.
    const compiled = this.#handlebars.compile(source, { noEscape: true, strict: true });
    this.#compiled.set(name, compiled);
    return compiled;
  }

  async #loadPartials(): Promise<void> {
    if (this.#partialsLoaded) return;
    this.#partialsLoaded = true;
    const { readdir } = await import('node:fs/promises');
    const dir = join(this.#templatesDir, 'partials');
    for (const entry of await readdir(dir)) {
      if (!entry.endsWith('.hbs')) continue;
      const source = await readFile(join(dir, entry), 'utf8');
      this.#handlebars.registerPartial(entry.slice(0, -'.hbs'.length), source);
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
