import { describe, expect, expectTypeOf, it } from 'vitest';
import { composeHandlers } from '../../src/runtime/compose-handlers.js';
import type { OsbUsageError } from '../../src/runtime/errors.js';

class CatalogService {
  private readonly services = ['redis'];

  async getCatalog(): Promise<{ services: string[] }> {
    return { services: this.services };
  }
}

abstract class BaseService {
  protected readonly prefix = 'instance';

  describe(id: string): string {
    return `${this.prefix} ${id}`;
  }
}

class ServiceInstancesService extends BaseService {
  readonly region = 'us-south';
  readonly counted = (): number => this.region.length;

  provision(id: string): string {
    return `${this.describe(id)} in ${this.region}`;
  }
}

class ServiceBindingsService extends BaseService {
  bind(id: string): string {
    return this.describe(id);
  }
}

class AuditedInstancesService extends ServiceInstancesService {
  override provision(id: string): string {
    return `audited ${super.provision(id)}`;
  }
}

describe('composeHandlers', () => {
  it('binds each method to its own instance, so a detached call still sees this', async () => {
    const { getCatalog, provision } = composeHandlers(
      new CatalogService(),
      new ServiceInstancesService(),
    );
    expect(await getCatalog()).toEqual({ services: ['redis'] });
    expect(provision('i-1')).toBe('instance i-1 in us-south');
  });

  it('includes methods inherited from a base class', () => {
    const handlers = composeHandlers(new ServiceBindingsService());
    expect(handlers.describe('b-1')).toBe('instance b-1');
  });

  it('includes arrow functions held by an instance', () => {
    const handlers = composeHandlers(new ServiceInstancesService());
    expect(handlers.counted()).toBe(8);
  });

  it('leaves out constructor and properties that are not functions', () => {
    const handlers = composeHandlers(new ServiceInstancesService());
    expect(Object.keys(handlers).sort()).toEqual(['counted', 'describe', 'provision']);
  });

  it('takes the override of a subclass over the method it overrides', () => {
    const handlers = composeHandlers(new AuditedInstancesService());
    expect(handlers.provision('i-1')).toBe('audited instance i-1 in us-south');
  });

  it('keeps one copy of a method two groups inherit from a shared base class', () => {
    const handlers = composeHandlers(new ServiceInstancesService(), new ServiceBindingsService());
    expect(handlers.bind('b-1')).toBe('instance b-1');
  });

  it('binds the methods of plain objects too', () => {
    const handlers = composeHandlers({
      name: 'plain',
      hello() {
        return this.name;
      },
    });
    expect(handlers.hello()).toBe('plain');
  });

  it('refuses two groups defining different methods of one name', () => {
    expect(() =>
      composeHandlers(new ServiceInstancesService(), new AuditedInstancesService()),
    ).toThrow(expect.objectContaining({ code: 'OSB_RUNTIME_DUPLICATE_HANDLER' }) as OsbUsageError);
  });

  it('types the result as the intersection of the groups’ methods', () => {
    const handlers = composeHandlers(new CatalogService(), new ServiceBindingsService());
    expectTypeOf(handlers).toEqualTypeOf<
      {
        getCatalog: () => Promise<{ services: string[] }>;
      } & {
        bind: (id: string) => string;
        describe: (id: string) => string;
      }
    >();
  });

  it('satisfies an interface with one method per operation', () => {
    interface BrokerHandlers {
      getCatalog(): Promise<{ services: string[] }>;
      provision(id: string): string;
    }
    const handlers: BrokerHandlers = composeHandlers(
      new CatalogService(),
      new ServiceInstancesService(),
    );
    expect(typeof handlers.provision).toBe('function');
  });
});
