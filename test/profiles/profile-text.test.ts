import { fitBytes, shareText } from '../../src/profiles/profile-text';

describe('fitBytes', () => {
  it.each([
    ['short text is left alone', 'abc', 10, 'abc'],
    ['Chinese is cut at whole characters', '一二三四五', 12, '一二三…'],
    ['an emoji with a skin tone is never split', '👍🏽👍🏽👍🏽', 14, '👍🏽…'],
    ['a trailing space before the cut is dropped', 'ab cdef', 6, 'ab…'],
  ])('%s', (_name, text, max, expected) => {
    const fitted = fitBytes(text, max);
    expect(fitted).toBe(expected);
    expect(Buffer.byteLength(fitted, 'utf8')).toBeLessThanOrEqual(max);
  });
});

describe('shareText', () => {
  it('names the audience and the circles granted, in the language asked', () => {
    expect(shareText({ audience: 'contacts', circles: ['Q7K2PX'] }, 'en')).toBe('contacts + circle Q7K2PX');
    expect(shareText({ audience: 'nobody', circles: [] }, 'zh')).toBe('仅自己');
  });
});
