import { buildCard, cardValue } from '../../src/profiles/card';
import { cardJson } from '../../src/profiles/card-json';
import { cardText } from '../../src/profiles/card-text';
import { PROFILE_FIELDS } from '../../src/profiles/profile-fields';
import { CHAT_TEXT_MAX_BYTES } from '../../src/profiles/profile-text';
import { SHAREABLE_FIELDS } from '../../src/profiles/shareable-fields';
import { profileWith, T1, T2 } from '../builders/profile-builders';

const FULL = profileWith({ name: '张三', nickname: '小张', email: 'zs@example.com', company: '联络科技', about: '你好' });

describe('buildCard', () => {
  it('keeps only the visible fields that are set, in card order', () => {
    const card = buildCard('K7P2QXM', FULL, ['about', 'status', 'nickname', 'phone', 'name']);
    expect(card.entries.map((entry) => entry.field)).toEqual(['name', 'nickname', 'about']);
    expect(cardValue(card, 'email')).toBeUndefined();
  });

  it('is empty for no visible field and for no profile', () => {
    expect(buildCard('K7P2QXM', FULL, []).entries).toEqual([]);
    expect(buildCard('K7P2QXM', null, SHAREABLE_FIELDS).entries).toEqual([]);
  });
});

describe('cardJson', () => {
  it('is a plain object with values, sources and ISO times that survives JSON', () => {
    const json = cardJson(buildCard('K7P2QXM', FULL, ['name', 'email']));
    expect(json).toEqual({
      personCode: 'K7P2QXM',
      fields: {
        name: { value: '张三', source: { kind: 'chat', platform: 'sandbox', accountId: 'acct1' }, sourceUpdatedAt: T1.toISOString(), storedAt: T2.toISOString() },
        email: { value: 'zs@example.com', source: { kind: 'chat', platform: 'sandbox', accountId: 'acct1' }, sourceUpdatedAt: T1.toISOString(), storedAt: T2.toISOString() },
      },
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('cardText', () => {
  it('shows each visible field with its name in the language asked', () => {
    const card = buildCard('K7P2QXM', FULL, ['name', 'company']);
    expect(cardText(card, 'zh')).toBe('名片（编号 K7P2QXM）\n姓名：张三\n公司：联络科技');
    expect(cardText(card, 'en', { footer: ['vCard: https://x.example/c/abc'] })).toBe(
      'Card of person K7P2QXM\nname: 张三\ncompany: 联络科技\nvCard: https://x.example/c/abc',
    );
  });

  it('names a gender in the reader\'s language (stored as male/female/other)', () => {
    const card = buildCard('K7P2QXM', profileWith({ gender: 'female' }), ['gender']);
    expect(cardText(card, 'zh')).toBe('名片（编号 K7P2QXM）\n性别：女');
    expect(cardText(card, 'en')).toBe('Card of person K7P2QXM\ngender: female');
  });

  it('says when nothing is shared, differently for one\'s own card', () => {
    const card = buildCard('K7P2QXM', FULL, []);
    expect(cardText(card, 'en')).toContain('shares nothing with you');
    expect(cardText(card, 'zh', { own: true })).toContain('圈友看不到你的任何资料');
    expect(cardText(card, 'en', { own: true })).toBe('Your card as people in your circles see it (person code K7P2QXM)\nPeople in your circles see none of your fields. To share: share <field> circles');
  });

  it('stays within the chat limit, shortening values at whole characters and keeping the footer', () => {
    const long = profileWith(Object.fromEntries(PROFILE_FIELDS.map((field) => [field, '长'.repeat(150) + '👍🏽'.repeat(20)])));
    const footer = ['vCard: https://x.example/c/abc'];
    const text = cardText(buildCard('K7P2QXM', long, PROFILE_FIELDS), 'zh', { footer });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(CHAT_TEXT_MAX_BYTES);
    expect(text.endsWith(footer[0] as string)).toBe(true);
    expect(text).toContain('姓名：长');
    expect(text).not.toContain('\ufffd');
  });

  it('falls back to whole-character cutting under a tiny limit', () => {
    const text = cardText(buildCard('K7P2QXM', FULL, ['name', 'about']), 'zh', { maxBytes: 20 });
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(20);
    expect(text.endsWith('…')).toBe(true);
  });
});
