import type { Source } from '@redocly/openapi-core';
import type { Oas3Rule } from '@redocly/openapi-core/lib/visitors.js';
import type { OpenApiDocument } from './spec-document.js';

/** The plugin that carries the rule, and the rule's id. */
const PLUGIN_ID = 'brokergen-load';
const RULE_ID = `${PLUGIN_ID}/bundle-changes`;

/** A discriminator mapping the bundler rewrites to itself: a component schema, by plain name. */
const COMPONENT_SCHEMA = /^#\/components\/schemas\/[A-Za-z0-9_.-]+$/;

/**
 * What Redocly's bundler would do to a document, learned during its lint walk, so that a spec in
 * one file skips the bundler.
 *
 * The bundler walks the whole document again, 2 to 3 s on GitHub's 13 MB description. Within one
 * file it changes little: it adds an empty `components` when there is none, and it replaces each
 * `$ref` that stands where a plain value belongs (an example's `value`) by its target's fields.
 * This rule, which reports nothing, sees every `$ref` in the lint walk (the same walker, the same
 * types, the same order) and notes those replacements, so that `bundle` can make them. Anything
 * more (a `$ref` into or out of another file, an example's `externalValue`, a discriminator
 * `mapping` that does not name a component schema) leaves the work to the bundler.
 */
export interface BundleCheck {
  /** The Redocly plugin carrying the rule, and the rule's configuration. */
  plugin: { id: string; rules: { oas3: Record<string, Oas3Rule> } };
  rules: Record<string, 'warn'>;
  /**
   * After the lint: the document as the bundler would leave it, changed in place, or undefined
   * when only the bundler can bundle it.
   */
  bundle(document: OpenApiDocument): OpenApiDocument | undefined;
}

/** A `$ref` in a place for plain values, which the bundler replaces by its target. */
interface Inline {
  ref: Record<string, unknown>;
  parent: Record<string | number, unknown>;
  key: string | number;
  target: unknown;
}

/** A check for the document whose root file is `root`. */
export function createBundleCheck(root: Source): BundleCheck {
  let needsBundler = false;
  const inlines: Inline[] = [];
  const rule: Oas3Rule = () => ({
    ref: {
      leave(ref, ctx, resolved) {
        if (resolved.location?.source !== root || ctx.location.source !== root) {
          needsBundler = true;
        } else if (ctx.type.name === 'scalar') {
          const parent = ctx.parent as Inline['parent'];
          const node = ref as unknown as Inline['ref'];
          inlines.push({ ref: node, parent, key: ctx.key, target: resolved.node });
        }
      },
    },
    Example: {
      leave(example) {
        if (Object.hasOwn(example as object, 'externalValue')) needsBundler = true;
      },
    },
    DiscriminatorMapping: {
      leave(mapping, ctx) {
        for (const value of Object.values(mapping as Record<string, unknown>)) {
          const target = typeof value === 'string' ? ctx.resolve({ $ref: value }) : undefined;
          const isComponent =
            typeof value === 'string' &&
            COMPONENT_SCHEMA.test(value) &&
            target?.location?.source === root &&
            target.location.pointer === value;
          if (!isComponent) needsBundler = true;
        }
      },
    },
  });
  return {
    plugin: { id: PLUGIN_ID, rules: { oas3: { 'bundle-changes': rule } } },
    rules: { [RULE_ID]: 'warn' },
    bundle(document) {
      if (needsBundler) return undefined;
      if (!document['components']) document['components'] = {};
      const done = new Set<object>();
      for (const inline of inlines) {
        if (done.has(inline.ref)) continue;
        done.add(inline.ref);
        replaceRef(inline);
      }
      return document;
    },
  };
}

/**
 * Replaces a `$ref` by its target as the bundler does: a value that is not an object takes the
 * reference's place; an object's fields join the reference's other fields, which win.
 */
function replaceRef({ ref, parent, key, target }: Inline): void {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) {
    parent[key] = target;
    return;
  }
  delete ref['$ref'];
  Object.assign(ref, Object.assign({}, target, ref));
}
