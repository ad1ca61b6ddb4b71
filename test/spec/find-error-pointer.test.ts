import { describe, expect, it } from 'vitest';
import { findPointerAtLine } from '../../src/spec/find-error-pointer.js';

const YAML = `openapi: 3.1.0
info:
  title: T
paths:
  /things/{id}:
    get:
      parameters:
        - name: id
          in: path
        - name: 'x-trace'
          in: header
      responses:
        '200':
          description: ok
# a comment
components: {}
`;

describe('findPointerAtLine', () => {
  it.each([
    [1, '#'],
    [3, '#/info'],
    [6, '#/paths/~1things~1{id}'],
    [7, '#/paths/~1things~1{id}/get'],
    [9, '#/paths/~1things~1{id}/get/parameters/0'],
    [11, '#/paths/~1things~1{id}/get/parameters/1'],
    [14, '#/paths/~1things~1{id}/get/responses/200'],
    [16, '#'],
  ])('places line %i under %s', (line, want) => {
    expect(findPointerAtLine(YAML, line)).toBe(want);
  });
});
