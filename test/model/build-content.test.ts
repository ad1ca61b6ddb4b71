import { describe, expect, it } from 'vitest';
import { findJsonContent } from '../../src/model/build-content.js';
import type { MediaContent } from '../../src/model/index.js';

function content(...mediaTypes: string[]): MediaContent[] {
  return mediaTypes.map((mediaType) => ({
    mediaType,
    schema: undefined,
    examples: [],
    pointer: '#',
  }));
}

describe('findJsonContent', () => {
  it.each([
    [['application/json'], 'application/json'],
    [['text/plain', 'application/vnd.github+json', 'application/json'], 'application/json'],
    [['text/plain', 'application/merge-patch+json'], 'application/merge-patch+json'],
    [['Application/JSON; charset=utf-8'], 'Application/JSON; charset=utf-8'],
    [['text/plain', 'application/octet-stream'], undefined],
    [['application/jsonl', 'text/json'], undefined],
    [[], undefined],
  ])('picks from %j the media type %j', (given, want) => {
    expect(findJsonContent(content(...given))?.mediaType).toBe(want);
  });
});
