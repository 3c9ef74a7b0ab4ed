import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OwnPageChange, OwnPageView } from '../../web/ports';
import type { ConsoleProfile } from '../../src/identity/console-profile.model';
import { LinkTokens } from '../../src/profiles/link-tokens';
import { OwnPage } from '../../src/profiles/own-page';
import { CONSOLE_NOTE, PHONE_NOTE } from '../../src/profiles/own-page-view';
import { PersonDirectory } from '../../src/profiles/person-directory';
import { PROFILE_FIELDS } from '../../src/profiles/profile-fields';
import { ProfileStore } from '../../src/profiles/profile-store';
import { VisibilityStore } from '../../src/profiles/visibility-store';
import { MemoryCache } from '../../src/stores/memory-cache';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';

const START = Date.UTC(2026, 10, 24, 8, 30);
const fixture = (name: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'vcards', name));
const consoleProfile: ConsoleProfile = {
  accountId: 'acme', fakeId: '501', nickName: 'Alice', remarkName: '', userName: 'u501', signature: '',
  country: '中国', province: '广东', city: '广州', gender: 2, fetchedAt: new Date(START),
};

/** Asserts a change was made and returns it. */
function changed(answer: unknown): OwnPageChange {
  expect(answer).toHaveProperty('page');
  return answer as OwnPageChange;
}

function viewed(answer: unknown): OwnPageView {
  expect(answer).toHaveProperty('fields');
  return answer as OwnPageView;
}

const fieldOf = (view: OwnPageView, field: string) => view.fields.find((f) => f.field === field)!;

describe('OwnPage: the own page, domain side', () => {
  let documents: NedbDocumentStore;
  let clock: { now: number };
  let persons: PersonDirectory;
  let profiles: ProfileStore;
  let visibility: VisibilityStore;
  let tokens: LinkTokens;
  let page: OwnPage;
  let personId: string;
  let token: string;

  beforeEach(async () => {
    clock = { now: START };
    const now = () => new Date(clock.now);
    documents = NedbDocumentStore.inMemory();
    persons = new PersonDirectory(documents, new MemoryCache(), { now, newCode: () => 'K7P2QXM' });
    profiles = new ProfileStore(documents, { now });
    visibility = new VisibilityStore(documents, now);
    tokens = new LinkTokens(() => Promise.resolve(Buffer.from('a secret for the own page tests, 32 bytes+')), now);
    page = new OwnPage({ tokens, persons, profiles, visibility, now });
    personId = (await persons.personFor('wx', '501', 'acme', 'oAlice')).personId;
    await profiles.mergePacket(personId, 'console', { platform: 'wx', profile: consoleProfile });
    token = (await tokens.seal({ kind: 'me', person: personId })).token;
    clock.now += 60_000;
  });
  afterEach(async () => {
    await documents.close();
  });

  it('shows every field in card order with value, source in words, time, audience, and what may change', async () => {
    const view = viewed(await page.view(token));
    expect(view.personCode).toBe('K7P2QXM');
    expect(view.fields.map((f) => f.field)).toEqual([...PROFILE_FIELDS]);
    expect(fieldOf(view, 'nickname')).toEqual({
      field: 'nickname', name: { zh: '昵称', en: 'nickname' }, value: 'Alice',
      source: { zh: 'wx 平台 acme 公众号的后台', en: 'the console of account acme (wx)' }, sourceKind: 'console',
      updatedAt: '2026-11-24T08:30:00.000Z', audience: 'circles', circles: [], editable: true, clearable: false, note: CONSOLE_NOTE,
    });
    expect(fieldOf(view, 'phone')).toMatchObject({ value: null, editable: false, clearable: false, note: PHONE_NOTE, audience: 'nobody' });
    expect(fieldOf(view, 'email')).toMatchObject({ value: null, source: null, updatedAt: null, editable: true, clearable: true, note: null });
    expect(view.audiences.map((a) => [a.audience, a.name.zh])).toEqual([['nobody', '仅自己'], ['contacts', '联系人'], ['circles', '圈友'], ['everyone', '所有人']]);
    expect(view.expiresAt).toBe('2026-11-24T09:30:00.000Z');
    expect(view.expiresInSeconds).toBe(59 * 60);
  });

  it('saves the form as web items: added, replaced, cleared, and per-field refusals with reasons', async () => {
    changed(await page.saveFields(token, { email: 'alice@example.com', title: '经理' }));
    clock.now += 60_000;
    const answer = changed(await page.saveFields(token, { email: 'alice@example.org', title: '', nickname: '小爱', phone: '13800138000', website: 'not a site', shoe: '42' }));
    expect(answer.results).toEqual([
      { field: 'email', outcome: 'replaced', message: { zh: '已更新', en: 'updated' } },
      { field: 'nickname', outcome: 'replaced', message: { zh: '已更新', en: 'updated' } },
      { field: 'title', outcome: 'cleared', message: { zh: '已删除', en: 'cleared' } },
      { field: 'shoe', outcome: 'refused', message: { zh: '没有“shoe”这个字段', en: 'there is no field "shoe"' } },
      { field: 'phone', outcome: 'refused', message: { zh: '手机号只能通过短信验证码绑定（“绑定”，即将推出）', en: 'a phone number is set only by `bind` and its SMS code (coming soon)' } },
      { field: 'website', outcome: 'refused', message: { zh: '网站格式不对，例如 https://example.com', en: 'not a web address, e.g. https://example.com' } },
    ]);
    expect(fieldOf(answer.page, 'email')).toMatchObject({ value: 'alice@example.org', sourceKind: 'web', source: { zh: '个人主页', en: 'your web page' }, updatedAt: '2026-11-24T08:32:00.000Z' });
    expect(fieldOf(answer.page, 'nickname')).toMatchObject({ value: '小爱', sourceKind: 'web', clearable: true, note: null });
    expect(fieldOf(answer.page, 'title').value).toBeNull();
    const stored = await profiles.profileOf(personId);
    expect(stored?.items.find((i) => i.field === 'email')).toMatchObject({ value: 'alice@example.org', history: [{ value: 'alice@example.com' }] });
    expect(stored?.items.find((i) => i.field === 'phone')).toBeUndefined();
  });

  it('keeps a console value when the form empties it, saying why', async () => {
    const answer = changed(await page.saveFields(token, { nickname: '' }));
    expect(answer.results).toEqual([{ field: 'nickname', outcome: 'refused', message: expect.objectContaining({ zh: expect.stringContaining('来自平台资料') }) }]);
    expect(fieldOf(answer.page, 'nickname').value).toBe('Alice');
  });

  it('keeps HTML in values as text, exactly as typed', async () => {
    const answer = changed(await page.saveFields(token, { about: '<img src=x onerror=alert(1)>' }));
    expect(fieldOf(answer.page, 'about').value).toBe('<img src=x onerror=alert(1)>');
  });

  it('shares one field or all of them, saying who sees each now', async () => {
    const one = changed(await page.share(token, 'email', 'contacts'));
    expect(one.results).toEqual([{ field: 'email', outcome: 'shared', message: { zh: '可见范围：联系人', en: 'seen by: contacts' } }]);
    expect(fieldOf(one.page, 'email').audience).toBe('contacts');
    expect((await visibility.settingsOf(personId)).email).toEqual({ audience: 'contacts', circles: [] });
    const all = changed(await page.share(token, '全部', '所有人'));
    expect(all.results).toHaveLength(PROFILE_FIELDS.length + 1); // and the status
    expect(all.page.fields.every((f) => f.audience === 'everyone')).toBe(true);
  });

  it.each([
    ['an unknown field', 'shoe', 'everyone', /没有“shoe”这个字段/],
    ['an unknown audience', 'email', 'friends', /“friends”不是公开范围/],
  ])('refuses %s as a whole, changing nothing', async (_label, field, audience, zh) => {
    const answer = await page.share(token, field, audience);
    expect(answer).toEqual({ invalid: { zh: expect.stringMatching(zh), en: expect.any(String) } });
    expect(await visibility.documentOf(personId)).toBeNull();
  });

  it('merges an uploaded vCard: what was taken, the phones not imported, the photo not kept', async () => {
    const answer = changed(await page.uploadVcard(token, fixture('iphone-3.0.vcf')));
    expect(answer.results).toEqual(expect.arrayContaining([
      { field: 'name', outcome: 'added', message: { zh: '已添加', en: 'added' } },
      { field: 'nickname', outcome: 'replaced', message: { zh: '已更新', en: 'updated' } },
      { field: 'email', outcome: 'added', message: { zh: '已添加', en: 'added' } },
    ]));
    expect(answer.notices.map((n) => n.zh)).toEqual([expect.stringContaining('3 个电话号码没有导入'), expect.stringContaining('照片没有导入')]);
    expect(fieldOf(answer.page, 'name')).toMatchObject({ value: '张伟', sourceKind: 'vcard', source: { zh: '上传的名片文件', en: 'an uploaded vCard' } });
    expect(fieldOf(answer.page, 'email').value).toBe('zhangwei@example.com');
    expect(fieldOf(answer.page, 'phone').value).toBeNull();
  });

  it.each([
    ['malformed', 'bad-line.vcf', /第 4 行无法读取/],
    ['not a vCard', 'no-begin.vcf', /这不是名片文件/],
  ])('refuses a %s file as a whole, changing nothing', async (_label, file, zh) => {
    const before = await profiles.profileOf(personId);
    expect(await page.uploadVcard(token, fixture(file))).toEqual({ invalid: { zh: expect.stringMatching(zh), en: expect.any(String) } });
    expect(await profiles.profileOf(personId)).toEqual(before);
  });

  it('refuses a file over 64 KiB', async () => {
    const big = Buffer.from(`BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:${'x'.repeat(70_000)}\r\nEND:VCARD\r\n`);
    expect(await page.uploadVcard(token, big)).toEqual({ invalid: { zh: expect.stringContaining('太大'), en: expect.stringContaining('too big') } });
  });

  it('an expired link is refused as expired, for showing and for changing alike', async () => {
    clock.now = START + 3600_000;
    expect(await page.view(token)).toEqual({ refused: 'expired' });
    expect(await page.saveFields(token, { email: 'x@example.com' })).toEqual({ refused: 'expired' });
    expect(await page.share(token, 'email', 'everyone')).toEqual({ refused: 'expired' });
    expect(await page.uploadVcard(token, fixture('v4.vcf'))).toEqual({ refused: 'expired' });
    expect((await profiles.profileOf(personId))?.items.find((i) => i.field === 'email')).toBeUndefined();
  });

  it('a forged, altered or other kind of token, or a forgotten person, is not found', async () => {
    const altered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    const export_ = (await tokens.seal({ kind: 'export', person: personId })).token;
    const other = new LinkTokens(() => Promise.resolve(Buffer.from('another secret, another deployment....')), () => new Date(clock.now));
    const foreign = (await other.seal({ kind: 'me', person: personId })).token;
    for (const bad of [altered, export_, foreign, 'not-a-token', '']) expect(await page.view(bad)).toEqual({ refused: 'not-found' });
    await persons.forget(personId);
    expect(await page.view(token)).toEqual({ refused: 'not-found' });
    expect(await page.saveFields(token, { email: 'x@example.com' })).toEqual({ refused: 'not-found' });
  });

  it('throws when a store fails (the router answers 503)', async () => {
    const broken = new OwnPage({ tokens, persons, profiles, visibility: { settingsOf: () => Promise.reject(new Error('store down')), share: () => Promise.reject(new Error('store down')) }, now: () => new Date(clock.now) });
    await expect(broken.view(token)).rejects.toThrow('store down');
    await expect(broken.share(token, 'email', 'everyone')).rejects.toThrow('store down');
  });
});
