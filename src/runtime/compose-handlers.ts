import { OsbUsageError } from './errors.js';

/** The methods of `T` (its function-valued properties), without its other properties. */
export type MethodsOf<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? K : never]: T[K];
};

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;

/** One flat object holding the methods of every group. */
export type ComposedHandlers<Groups extends readonly object[]> = UnionToIntersection<
  Groups[number] extends infer Group ? (Group extends object ? MethodsOf<Group> : never) : never
>;

/**
 * Binds the methods of several handler groups (class instances or plain objects, own and
 * inherited methods, `constructor` excluded) into one flat object, so that
 * `composeHandlers(new CatalogService(), new ServiceInstancesService())` satisfies an
 * interface with one method per operation, and each method keeps its own `this`. Throws
 * OsbUsageError OSB_RUNTIME_DUPLICATE_HANDLER when two groups define different methods under
 * one name (one operation would silently shadow the other).
 */
export function composeHandlers<const Groups extends readonly object[]>(
  ...groups: Groups
): ComposedHandlers<Groups> {
  const handlers: Record<string, unknown> = {};
  const origins = new Map<string, { group: number; method: unknown }>();
  groups.forEach((group, index) => {
    for (const name of listMethodNames(group)) {
      const method = (group as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      const earlier = origins.get(name);
      // A method both groups inherit from one base class is the same function: keep the first.
      if (earlier?.method === method) continue;
      if (earlier) {
        throw new OsbUsageError(
          'OSB_RUNTIME_DUPLICATE_HANDLER',
          `composeHandlers: groups ${earlier.group + 1} and ${index + 1} both define ${name}()`,
        );
      }
      origins.set(name, { group: index, method });
      handlers[name] = method.bind(group);
    }
  });
  return handlers as ComposedHandlers<Groups>;
}

/** Names of the function-valued properties of `group` and its prototypes, nearest first. */
function listMethodNames(group: object): string[] {
  const seen = new Set<string>();
  const methods: string[] = [];
  let layer: object | null = group;
  while (layer !== null && layer !== Object.prototype && layer !== Function.prototype) {
    for (const name of Object.getOwnPropertyNames(layer)) {
      // Only the nearest definition of a name counts; accessors are read as properties, and
      // getters are never called here.
      if (seen.has(name)) continue;
      seen.add(name);
      const descriptor = Object.getOwnPropertyDescriptor(layer, name);
      if (name !== 'constructor' && typeof descriptor?.value === 'function') methods.push(name);
    }
    layer = Object.getPrototypeOf(layer) as object | null;
  }
  return methods;
}
