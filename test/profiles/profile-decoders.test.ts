import type { ConsoleProfile } from '../../src/identity/console-profile.model';
import { consoleFields, decoderFor, hasDecoder } from '../../src/profiles/profile-decoders';
import { parseField } from '../../src/profiles/profile-fields';
import { SOURCE_KINDS } from '../../src/profiles/profile-item.model';

const fetchedAt = new Date('2026-11-24T08:00:00Z');
const profile = (over: Partial<ConsoleProfile> = {}): ConsoleProfile => ({
  accountId: 'acme', fakeId: '501', nickName: '小李', remarkName: 'owner note', userName: 'u501', signature: '你好',
  country: '中国', province: '广东', city: '广州', gender: 2, fetchedAt, ...over,
});

describe('the console decoder', () => {
  it.each([
    ['everything shown', {}, { nickname: '小李', gender: 'female', region: '中国 广东 广州', signature: '你好' }],
    ['gender 1 is male', { gender: 1 }, { nickname: '小李', gender: 'male', region: '中国 广东 广州', signature: '你好' }],
    ['gender 0 says nothing', { gender: 0 }, { nickname: '小李', region: '中国 广东 广州', signature: '你好' }],
    ['empty parts of the region are left out', { province: '', city: ' ' }, { nickname: '小李', gender: 'female', region: '中国', signature: '你好' }],
    ['empty values say nothing', { nickName: '', signature: '  ', country: '', province: '', city: '' }, { gender: 'female' }],
  ] as Array<[string, Partial<ConsoleProfile>, Record<string, string>]>)('%s', (_label, over, fields) => {
    expect(consoleFields(profile(over))).toEqual(fields);
  });

  it('splits the profile into items carrying the platform, the account and the fetch time; remark and user name stay out', () => {
    const { items, refused } = decoderFor('console')({ platform: 'wx', profile: profile() });
    expect(refused).toEqual([]);
    const source = { kind: 'console', platform: 'wx', accountId: 'acme' };
    expect(items).toEqual([
      { field: 'nickname', value: '小李', source, sourceUpdatedAt: fetchedAt },
      { field: 'gender', value: 'female', source, sourceUpdatedAt: fetchedAt },
      { field: 'region', value: '中国 广东 广州', source, sourceUpdatedAt: fetchedAt },
      { field: 'signature', value: '你好', source, sourceUpdatedAt: fetchedAt },
    ]);
  });
});

describe('the chat `set` decoder', () => {
  const at = new Date('2026-11-24T09:00:00Z');
  it.each([
    ['nickname', 'nickname'], ['Nickname', 'nickname'], ['昵称', 'nickname'], [' 邮箱 ', 'email'], ['网站', 'website'], ['简介', 'about'],
  ])('reads the field %j as %s', (typed, field) => {
    expect(parseField(typed)).toBe(field);
    const { items } = decoderFor('chat')({ platform: 'wx', accountId: 'acme', field: typed, value: 'v', at });
    expect(items).toEqual([{ field, value: 'v', source: { kind: 'chat', platform: 'wx', accountId: 'acme' }, sourceUpdatedAt: at }]);
  });

  it('refuses a field that does not exist, in both languages', () => {
    const decoded = decoderFor('chat')({ platform: 'wx', accountId: 'acme', field: 'shoe', value: '42', at });
    expect(decoded.items).toEqual([]);
    expect(decoded.refused).toEqual([{ field: 'shoe', reason: { zh: '没有“shoe”这个字段', en: 'there is no field "shoe"' } }]);
  });
});

describe('the decoder registry', () => {
  it('has a decoder for every source kind: console, chat, the web form and the vCard upload', () => {
    expect(SOURCE_KINDS.map((kind) => hasDecoder(kind))).toEqual([true, true, true, true]);
  });
});
