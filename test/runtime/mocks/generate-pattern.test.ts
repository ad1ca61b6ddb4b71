import { describe, expect, it } from 'vitest';
import { generateFromPattern } from '../../../src/runtime/mocks/generate-pattern.js';
import { Random } from '../../../src/runtime/mocks/random.js';

const SEEDS = Array.from({ length: 25 }, (_, index) => index + 1);

describe('generateFromPattern', () => {
  it.each([
    '^[0-9]+\\.[0-9]+$',
    '^\\S+ [A-Za-z0-9+/]+={0,2}$',
    '^([0-9a-fA-F]{40}(?:[0-9a-fA-F]{24})?)$',
    '^refs/(heads|tags|pull)/.*$',
    '^ssh-(rsa|dss|ed25519) |^ecdsa-sha2-nistp(256|384|521) ',
    '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$',
    '^sha256:[a-f0-9]{64}$',
    '^[^\\s@]+@[^\\s@]+$',
    '^(?<year>\\d{4})-(?<month>0[1-9]|1[0-2])$',
    '^\\p{L}+$',
    '^[\\w.-]{3,8}$',
    '^\\x41\\u0042\\u{43}[\\]\\-]?$',
    'x{2,}y+?',
    '^https://',
  ])('generates strings that match %s', (pattern) => {
    const regexp = new RegExp(pattern, 'u');
    for (const seed of SEEDS) {
      const text = generateFromPattern(pattern, new Random(seed));
      expect(text !== undefined && regexp.test(text), `${String(text)} for seed ${seed}`).toBe(
        true,
      );
    }
  });

  it.each(['^(a)\\1$', '^(?=a)a$', '^(?!b)a$', '^(?<=a)b$', '[', '(unclosed'])(
    'gives up on %s, which it cannot generate from or is no pattern',
    (pattern) => {
      expect(generateFromPattern(pattern, new Random(1))).toBeUndefined();
    },
  );

  it('lengthens unbounded repetitions when asked for more', () => {
    const lengths = SEEDS.map(
      (seed) => generateFromPattern('^a+$', new Random(seed), 20)?.length ?? 0,
    );
    expect(Math.max(...lengths)).toBeGreaterThan(10);
  });
});
