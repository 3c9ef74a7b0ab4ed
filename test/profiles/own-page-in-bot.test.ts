/**
 * The own page wired into the bot: the link `主页` gives opens the page and its API on the bot's
 * own app, and what the page changes is what `profile` (资料) and `privacy` then say.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { OwnPageView } from '../../web/ports';
import { capturingLogger } from '../builders/bot-server';
import { aliceWithOwnPage, OWN_PAGE_START } from '../builders/own-page-bot';

const vcard = readFileSync(path.join(__dirname, '..', 'fixtures', 'vcards', 'v4.vcf'));
const MINUTE = 60_000;

describe('the own page inside the bot', () => {
  it('shows the console profile, saves the form, shares, takes a vCard, and profile and privacy say so', async () => {
    const { bot, clock, say, pagePath, person } = await aliceWithOwnPage();
    const page = await pagePath();
    expect((await request(bot.app).get(page)).text).toContain('/me-assets/me.js');

    const shown = (await request(bot.app).get(`${page}/profile.json`)).body as OwnPageView;
    expect(shown.personCode).toBe(person.code);
    expect(shown.fields.find((f) => f.field === 'nickname')).toMatchObject({ value: 'Alice', sourceKind: 'console', clearable: false });
    expect(shown.expiresAt).toBe('2026-11-24T09:30:00.000Z');

    clock.now += MINUTE;
    const saved = await request(bot.app).post(`${page}/fields`).set('Content-Type', 'application/json').send({ email: 'alice@example.com', nickname: '爱丽丝' });
    expect(saved.status).toBe(200);
    expect(saved.body.results).toEqual([
      { field: 'email', outcome: 'added', message: { zh: '已添加', en: 'added' } },
      { field: 'nickname', outcome: 'replaced', message: { zh: '已更新', en: 'updated' } },
    ]);
    const shared = await request(bot.app).post(`${page}/share`).set('Content-Type', 'application/json').send({ field: 'email', audience: 'contacts' });
    expect(shared.body.results).toEqual([{ field: 'email', outcome: 'shared', message: { zh: '可见范围：联系人', en: 'seen by: contacts' } }]);

    let profile = await say('资料');
    expect(profile).toContain('邮箱：alice@example.com\n  来自个人主页，2026-11-24 08:31 UTC；可见：联系人');
    expect(profile).toContain('昵称：爱丽丝\n  来自个人主页');

    clock.now += MINUTE;
    const uploaded = await request(bot.app).post(`${page}/vcard`).set('Content-Type', 'text/vcard').send(vcard);
    expect(uploaded.status).toBe(200);
    expect(uploaded.body.notices[0].en).toBe('The phone number in the card was not imported: a phone is set only by `bind` and its SMS code (coming soon).');
    // The card's REV (2026-11-20) is older than the page's edits: those stay; the fields it adds come in.
    expect(uploaded.body.results).toEqual(expect.arrayContaining([
      { field: 'name', outcome: 'added', message: { zh: '已添加', en: 'added' } },
      { field: 'email', outcome: 'kept', message: { zh: '保留了现有的值：它更新', en: 'kept the current value: it is newer' } },
    ]));
    profile = await say('profile');
    expect(profile).toContain('name: 王小明\n  from an uploaded vCard, 2026-11-20 08:30 UTC; seen by: nobody');
    expect(profile).toContain('email: alice@example.com');
    expect(await say('privacy')).toContain('email: contacts');
    await bot.close();
  });

  it('stops at the hour: the same link is 410 for the page and its API, and a new one from 主页 works', async () => {
    const lines: string[] = [];
    const { bot, clock, pagePath } = await aliceWithOwnPage(capturingLogger(lines, 'trace'));
    const page = await pagePath();
    clock.now = OWN_PAGE_START + 60 * MINUTE;
    const expired = await request(bot.app).get(page);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('重新发送“主页”');
    const refused = await request(bot.app).post(`${page}/fields`).set('Content-Type', 'application/json').send({ email: 'late@example.com' });
    expect([refused.status, refused.body.error]).toEqual([410, 'expired']);
    expect((await bot.profiles.profileOf((await bot.persons.findByAccount('acme', 'oAcmeAliceAAAAAAAAAAAAAAAAAA'))!.personId))?.items.some((i) => i.field === 'email')).toBe(false);
    const fresh = await pagePath();
    expect((await request(bot.app).get(`${fresh}/profile.json`)).status).toBe(200);
    // A forged token: the right shape, not ours.
    expect((await request(bot.app).get(`/me/${'A'.repeat(66)}`)).status).toBe(404);
    expect(lines.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    for (const token of [page, fresh].map((p) => p.slice('/me/'.length))) expect(log).not.toContain(token.slice(0, 20));
    await bot.close();
  });
});
