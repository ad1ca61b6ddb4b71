import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { BrokergenError } from '../errors.js';
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
 * A Handlebars environment for one run: its own helpers, partials and compiled templates, so
 * nothing outlives the run. HTML escaping is off (it is wrong for TypeScript); spec text reaches
 * output only through the escaping helpers.
 */
export class TemplateRenderer {
  readonly #handlebars = Handlebars.create();
  readonly #compiled = new Map<string, Handlebars.TemplateDelegate>();
  readonly #templatesDir: string;
  #partialsLoaded = false;

  constructor(templatesDir: string) {
    this.#templatesDir = templatesDir;
    const helpers: Record<string, (value: unknown) => string> = {
      str: toStringLiteral,
      tmpl: toTemplateLiteralText,
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
  }

  /**
   * Renders `templates/<name>.hbs` with a view.
   * @throws BrokergenError BG_TEMPLATE_RENDER when the template is missing or fails.
   */
  async render(name: string, view: object): Promise<string> {
    await this.#loadPartials();
    const template = await this.#compile(name);
    try {
      return template(view);
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
