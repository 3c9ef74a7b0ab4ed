import { fitBytes, knownThroughText, profileText, shareText } from '../../src/profiles/profile-text';
import { withDefaults } from '../../src/profiles/visibility-settings';

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

describe('knownThroughText', () => {
  const seen = (platform: string, ...accountIds: string[]) => ({ platform, accounts: accountIds.map((accountId) => ({ accountId, openId: `o-${accountId}` })) });

  it.each([
    ['one account', [seen('default', 'demo')], 'en', 'Known through: demo (platform default)'],
    ['two accounts of one platform, sorted whichever was seen first', [seen('default', 'demo2', 'demo')], 'en', 'Known through: demo, demo2 (platform default)'],
    ['two platforms, the first seen first', [seen('lab', 'lab1'), seen('default', 'demo', 'demo2')], 'en', 'Known through: lab1 (platform lab); demo, demo2 (platform default)'],
    ['in Chinese', [seen('default', 'demo', 'demo2'), seen('lab', 'lab1')], 'zh', '认识你的公众号：demo、demo2（default 平台）；lab1（lab 平台）'],
    ['an account listed twice once', [seen('default', 'demo', 'demo')], 'en', 'Known through: demo (platform default)'],
    ['no identity', [], 'en', null],
    ['an identity without accounts', [seen('default')], 'en', null],
  ] as const)('%s', (_name, identities, lang, expected) => {
    expect(knownThroughText(identities, lang)).toBe(expected);
  });

  it('is the line under the person code in profile, and absent without identities', () => {
    const settings = withDefaults(null);
    const text = profileText('K7P2QXM', null, settings, 'en', [seen('default', 'demo', 'demo2')]);
    expect(text.split('\n').slice(0, 2)).toEqual(['Your profile (person code K7P2QXM)', 'Known through: demo, demo2 (platform default)']);
    expect(profileText('K7P2QXM', null, settings, 'en').split('\n')[1]).toMatch(/^Not set: /);
  });
});
