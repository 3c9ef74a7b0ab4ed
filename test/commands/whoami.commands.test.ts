import type { Identity } from '../../src/bot/context';
import { whoamiText } from '../../src/commands/whoami.commands';
import type { ConsoleProfile } from '../../src/identity/console-profile.model';
import type { KnownIdentity } from '../../src/identity/identity-store';

const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';
const FETCHED = new Date(Date.UTC(2026, 11, 2, 6, 30));
const profile = (fields: Partial<ConsoleProfile> = {}): ConsoleProfile => ({
  accountId: 'acme', fakeId: '501', nickName: '李雷', remarkName: '', userName: '', signature: '好好学习，天天向上',
  country: '中国', province: '广东', city: '广州', gender: 1, fetchedAt: FETCHED, ...fields,
});
const known = (strategy: KnownIdentity['strategy'], withProfile: ConsoleProfile | undefined): KnownIdentity => ({
  accountId: 'acme', openId: OPEN_ID, fakeId: '501', strategy, resolvedAt: FETCHED, ...(withProfile ? { profile: withProfile } : {}),
});
const identity = (resolved: KnownIdentity | null): Identity => ({ accountId: 'acme', openId: OPEN_ID, resolved });

describe('whoamiText', () => {
  it('leads with nickname, region, signature and where the profile came from; the ids are the last line (Chinese)', () => {
    expect(whoamiText(identity(known('time-match', profile())), 'zh', true).split('\n')).toEqual([
      '昵称：李雷',
      '地区：中国 广东 广州',
      '签名：好好学习，天天向上',
      '性别：男',
      '资料来自本公众号的粉丝资料，获取于 2026-12-02 06:30 UTC。',
      `编号：openID ${OPEN_ID} · FakeID 501 · 按消息时间对上`,
    ]);
  });

  it('the same in English, with how the FakeID was learned', () => {
    expect(whoamiText(identity(known('beacon', profile({ nickName: 'Li Lei', signature: 'hi' }))), 'en', true).split('\n')).toEqual([
      'Nickname: Li Lei',
      'Region: 中国 广东 广州',
      'Signature: hi',
      'Gender: male',
      "From this account's follower profile, fetched 2026-12-02 06:30 UTC.",
      `IDs: openID ${OPEN_ID} · FakeID 501 · found by the ref in a reply`,
    ]);
  });

  it('writes a Latin region small to big with commas, a Chinese one big to small with spaces', () => {
    const us = profile({ country: 'United States', province: 'California', city: 'San Francisco' });
    expect(whoamiText(identity(known('beacon', us)), 'en', true)).toContain('Region: San Francisco, California, United States\n');
    expect(whoamiText(identity(known('beacon', profile({ city: '' }))), 'en', true)).toContain('Region: 中国 广东\n');
  });

  it('leaves out what the profile does not have, and says when there is no nickname', () => {
    const bare = profile({ nickName: '', signature: '', country: '', province: '', city: '', gender: 0 });
    expect(whoamiText(identity(known('time-match', bare)), 'zh', true).split('\n')).toEqual([
      '昵称：（未设置）',
      '资料来自本公众号的粉丝资料，获取于 2026-12-02 06:30 UTC。',
      `编号：openID ${OPEN_ID} · FakeID 501 · 按消息时间对上`,
    ]);
  });

  it.each([
    ['known, profile not fetched', identity(known('beacon', undefined)), true, /^我认出你了，但暂时没取到你的资料/],
    ['not recognised yet', identity(null), true, /^我还没认出你：再发一条消息/],
    ['no console', identity(null), false, /^这个公众号没有连上管理后台/],
  ])('without a profile (%s) says why in words, the ids still last', (_case, who, canResolve, first) => {
    const lines = whoamiText(who, 'zh', canResolve).split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(first);
    expect(lines[1]).toMatch(new RegExp(`^编号：openID ${OPEN_ID}`));
  });

  it.each([
    ['with a profile', identity(known('beacon', profile())), true],
    ['known without a profile', identity(known('time-match', undefined)), true],
    ['not recognised yet', identity(null), true],
    ['no console', identity(null), false],
  ])('the Chinese text (%s) has no Latin comma or colon (a time of day aside)', (_case, who, canResolve) => {
    const text = whoamiText(who, 'zh', canResolve);
    expect(text).not.toMatch(/[,;]|(?<!\d):|:(?!\d)/);
    expect(text).not.toMatch(/openID：|FakeID：|识别方式/); // no debug dump of field labels
  });
});
