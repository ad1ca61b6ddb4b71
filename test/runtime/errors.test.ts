import { describe, expect, it } from 'vitest';
import {
  OsbError,
  isOsbError,
  asyncRequired,
  badRequest,
  concurrencyError,
  conflict,
  gone,
  maintenanceInfoConflict,
  notFound,
  notImplemented,
  requiresApp,
  toOsbErrorBody,
} from '../../src/runtime/errors.js';
import type { OsbErrorDetails, OsbUsageError } from '../../src/runtime/errors.js';

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const INVALID_ERROR = expect.objectContaining({
  code: 'OSB_RUNTIME_INVALID_ERROR',
}) as OsbUsageError;

describe('the error code factories', () => {
  it.each([
    ['asyncRequired', asyncRequired, 422, 'AsyncRequired'],
    ['concurrencyError', concurrencyError, 422, 'ConcurrencyError'],
    ['requiresApp', requiresApp, 422, 'RequiresApp'],
    ['maintenanceInfoConflict', maintenanceInfoConflict, 422, 'MaintenanceInfoConflict'],
  ])('%s answers %i with error %s and a description', (_name, factory, status, code) => {
    const error = factory();
    expect(error.status).toBe(status);
    expect(error.error).toBe(code);
    expect(error.description).toMatch(/\S/);
  });

  it('keeps the code of a factory when details are given', () => {
    const error = concurrencyError({ description: 'An update is running.', instance_usable: true });
    expect(toOsbErrorBody(error)).toEqual({
      error: 'ConcurrencyError',
      description: 'An update is running.',
      instance_usable: true,
    });
  });

  it.each([
    ['notFound', notFound, 404],
    ['conflict', conflict, 409],
    ['gone', gone, 410],
  ])('%s answers %i with an empty body by default', (_name, factory, status) => {
    const error = factory();
    expect(error.status).toBe(status);
    expect(toOsbErrorBody(error)).toEqual({});
  });

  it('badRequest answers 400 with its description and no code', () => {
    const error = badRequest('plan_id is not a plan of service_id');
    expect(error.status).toBe(400);
    expect(toOsbErrorBody(error)).toEqual({ description: 'plan_id is not a plan of service_id' });
  });
});

describe('notImplemented', () => {
  it('throws a 501 whose description names the handler method to implement', () => {
    const error = captureError(() => notImplemented('provisionServiceInstance'));
    expect(error).toBeInstanceOf(OsbError);
    expect((error as OsbError).status).toBe(501);
    expect((error as OsbError).description).toBe(
      "The operation provisionServiceInstance is not implemented yet: implement the provisionServiceInstance() method of the broker's handlers.",
    );
  });
});

describe('toOsbErrorBody', () => {
  it.each<[string, OsbErrorDetails, Record<string, unknown>]>([
    ['no fields', {}, {}],
    ['a description only', { description: 'Gone.' }, { description: 'Gone.' }],
    [
      'every field of a failed update',
      {
        error: 'ConcurrencyError',
        description: 'Busy.',
        instance_usable: false,
        update_repeatable: true,
      },
      {
        error: 'ConcurrencyError',
        description: 'Busy.',
        instance_usable: false,
        update_repeatable: true,
      },
    ],
    [
      'no headers',
      { description: 'Who?', headers: { 'WWW-Authenticate': 'Basic' } },
      { description: 'Who?' },
    ],
  ])('writes %s', (_name, details, want) => {
    expect(toOsbErrorBody(new OsbError(422, details))).toEqual(want);
  });
});

describe('OsbError', () => {
  it.each([200, 302, 600, 404.5])('refuses status %s', (status) => {
    expect(() => new OsbError(status)).toThrow(INVALID_ERROR);
  });

  it.each(['two words', 'Async-Required', '', '1Code', 'Code!'])(
    'refuses error code %j',
    (code) => {
      expect(() => new OsbError(422, { error: code })).toThrow(INVALID_ERROR);
    },
  );

  it('refuses an empty description', () => {
    expect(() => badRequest('')).toThrow(INVALID_ERROR);
  });

  it('exposes its status as statusCode for Fastify', () => {
    expect(new OsbError(409).statusCode).toBe(409);
  });
});

describe('isOsbError across copies of the runtime', () => {
  it('recognises an OsbError made by another copy of the module by its brand', () => {
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('brokergen.osb-error')]: true,
      status: 422,
    });
    expect(isOsbError(foreign)).toBe(true);
    expect(isOsbError(new Error('plain'))).toBe(false);
  });
});
