import { charCount, checkValue, validateItem, validateItems } from '../../src/profiles/item-validity';
import { PROFILE_FIELDS, type ProfileField } from '../../src/profiles/profile-fields';
import type { SourceKind } from '../../src/profiles/profile-item.model';
import type { IncomingItem } from '../../src/profiles/profile-packet';

const now = new Date('2026-11-24T08:00:00Z');
const item = (field: ProfileField, value: string, kind: SourceKind = 'chat', at = now): IncomingItem => ({
  field, value, source: { kind, platform: 'wx', accountId: 'acme' }, sourceUpdatedAt: at,
});
/** A value each field accepts. */
const GOOD: Record<ProfileField, string> = {
  name: '李雷', nickname: 'Lei', gender: 'male', region: '中国 北京', signature: 'hi', phone: '+8613800138000',
  email: 'li@example.com', company: '联络', title: '工程师', address: '北京市', website: 'https://example.com', about: '你好',
};
const allowed = (kind: SourceKind) => PROFILE_FIELDS.filter((field) => 'item' in validateItem(item(field, GOOD[field], kind), now));

describe('which source may set which field', () => {
  it.each([
    ['console', ['nickname', 'gender', 'region', 'signature']],
    ['chat', PROFILE_FIELDS.filter((f) => f !== 'phone')],
    ['web', PROFILE_FIELDS.filter((f) => f !== 'phone')],
    ['vcard', PROFILE_FIELDS.filter((f) => f !== 'phone')],
  ] as Array<[SourceKind, ProfileField[]]>)('%s sets %j', (kind, fields) => {
    expect(allowed(kind)).toEqual(fields);
  });

  it('says why, in both languages: a phone only through bind, a console field it does not show', () => {
    expect(validateItem(item('phone', GOOD.phone), now)).toEqual({
      refusal: { field: 'phone', reason: { zh: '手机号只能通过短信验证码绑定（“绑定”，即将推出）', en: 'a phone number is set only by `bind` and its SMS code (coming soon)' } },
    });
    expect(validateItem(item('email', GOOD.email, 'console'), now)).toEqual({
      refusal: { field: 'email', reason: { zh: '平台资料不能设置邮箱', en: 'the platform profile cannot set the email' } },
    });
  });
});

describe('field limits', () => {
  it.each([
    ['trims spaces, full-width ones too', 'nickname', '\u3000 小李 ', '小李'],
    ['gender in Chinese', 'gender', '女', 'female'],
    ['gender in any case', 'gender', 'Male', 'male'],
    ['an email', 'email', 'li.lei+cards@mail.example.cn', 'li.lei+cards@mail.example.cn'],
    ['a Chinese email domain', 'email', 'li@例子.中国', 'li@例子.中国'],
    ['a website with its scheme', 'website', 'http://example.com/a?b=1', 'http://example.com/a?b=1'],
    ['a website without one gets https', 'website', 'example.com/me', 'https://example.com/me'],
    ['HTML is text, kept as typed', 'about', '<b>hi</b>', '<b>hi</b>'],
    ['40 Chinese characters are 40, not 120 bytes', 'name', '李'.repeat(40), '李'.repeat(40)],
    ['an emoji counts one', 'nickname', `${'a'.repeat(39)}😀`, `${'a'.repeat(39)}😀`],
  ] as Array<[string, ProfileField, string, string]>)('accepts %s', (_label, field, value, stored) => {
    expect(checkValue(field, value)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ['an empty value', 'nickname', '  ', 'cannot be empty'],
    ['41 Chinese characters', 'name', '李'.repeat(41), 'at most 40 characters'],
    ['501 characters of about', 'about', 'x'.repeat(501), 'at most 500 characters'],
    ['an unknown gender', 'gender', 'maybe', 'male, female or other'],
    ['an email without @', 'email', 'li.example.com', 'not an email address'],
    ['an email without a dotted domain', 'email', 'li@localhost', 'not an email address'],
    ['an email with spaces', 'email', 'li lei@example.com', 'not an email address'],
    ['a javascript: link', 'website', 'javascript:alert(1)', 'not a web address'],
    ['an ftp link', 'website', 'ftp://example.com', 'not a web address'],
    ['a host without a dot', 'website', 'http://intranet', 'not a web address'],
    ['a newline', 'signature', 'one\ntwo', 'control characters'],
    ['a NUL', 'nickname', 'a\u0000b', 'control characters'],
    ['DEL', 'nickname', 'a\u007fb', 'control characters'],
    ['a C1 control', 'nickname', 'a\u0085b', 'control characters'],
    ['a right-to-left override', 'nickname', 'abc\u202Egpj.exe', 'control characters'],
    ['a lone surrogate', 'nickname', 'a\ud800b', 'control characters'],
  ] as Array<[string, ProfileField, string, string]>)('refuses %s', (_label, field, value, reason) => {
    const checked = checkValue(field, value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.reason.en).toContain(reason);
      expect(checked.reason.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    expect([charCount('李雷'), charCount('😀'), charCount('')]).toEqual([2, 1, 0]);
  });
});

describe('freshness', () => {
  it('refuses a time in the future past the clock skew, and an invalid one; takes one within the skew', () => {
    const inSkew = new Date(now.getTime() + 4 * 60_000);
    const tooLate = new Date(now.getTime() + 6 * 60_000);
    const result = validateItems({
      items: [item('nickname', 'a', 'chat', inSkew), item('nickname', 'b', 'chat', tooLate), item('nickname', 'c', 'chat', new Date(Number.NaN))],
      refused: [{ field: 'shoe', reason: { zh: '鞋', en: 'shoe' } }],
    }, now);
    expect(result.items.map((i) => i.value)).toEqual(['a']);
    expect(result.refused.map((r) => r.field)).toEqual(['shoe', 'nickname', 'nickname']);
    expect(result.refused[1]!.reason.en).toBe('the nickname has an invalid update time');
  });
});
