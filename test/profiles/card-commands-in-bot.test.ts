import ICAL from 'ical.js';
import pino from 'pino';
import request from 'supertest';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import type { Account } from '../../src/config/account';
import { personModel } from '../../src/profiles/person.model';
import { capturingLogger } from '../builders/bot-server';
import { FakeConsole, listed } from '../builders/fake-console';
import { createTestBot } from '../builders/test-bot';

// A fixed clock: pushes, the console's messages and the bot all at 2026-11-24 08:30 UTC.
const START = Date.UTC(2026, 10, 24, 8, 30);
const T = START / 1000;
const log = pino({ level: 'silent' });
const ALICE = 'oAcmeAliceAAAAAAAAAAAAAAAAAA';
const BOB = 'oAcmeBobBBBBBBBBBBBBBBBBBBBB';
const PUBLIC_URL = 'https://bot.example.com';
const acme: Account = {
  id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain',
  console: { url: 'http://acme.console.test', username: 'acme', password: 'pw' }, platform: 'wx',
};
let msgId = 7_700_000;
const contentOf = (reply: Reply | null) => (reply?.type === 'text' ? reply.content : '');
const CARD_LINK = /https:\/\/bot\.example\.com(\/cards\/[A-Za-z0-9_-]+\.vcf)$/m;

/**
 * A bot on a fixed clock whose console lists Alice (FakeID 501) writing `profile` and Bob (502)
 * writing `privacy`: each is tied by their first message, and their console profiles become
 * items before their next one. `say` sends as one of them; `download` fetches a link's path.
 */
async function twoPeople(logger = log) {
  const clock = { now: START };
  const bot = createTestBot({
    accounts: [acme],
    logger,
    now: () => new Date(clock.now),
    publicUrl: PUBLIC_URL,
    identity: {
      consoleFactory: () => {
        const fake = new FakeConsole();
        fake.followers_ = [{ fakeId: '502', nickName: 'Bob', groupId: 0 }, { fakeId: '501', nickName: 'Alice', groupId: 0 }];
        fake.listed = [listed('502', T, 'privacy'), listed('501', T, 'profile')];
        return fake;
      },
      batchWindowMs: 10,
      walkDelaysMs: [20, 40],
    },
  });
  const say = async (openId: string, content: string) => {
    const push: Push = { kind: 'message', msgType: 'text', toUserName: acme.originalId, fromUserName: openId, createTime: T, msgId: String(msgId++), content };
    const reply = contentOf(await bot.bot.handle(push, 'acme', logger));
    await bot.background.drain();
    return reply;
  };
  await say(ALICE, 'profile');
  await say(BOB, 'privacy');
  const codeOf = async (openId: string) => (await bot.persons.findByAccount('acme', openId))!.code;
  const download = (path: string) => request(bot.app).get(path);
  return { bot, clock, say, codeOf, download };
}

/** The path of the vCard link in a reply. */
function cardPath(reply: string): string {
  const path = CARD_LINK.exec(reply)?.[1];
  if (!path) throw new Error(`no card link in: ${reply}`);
  return path;
}

/** The one card of a vCard file, read by ical.js: each property name with its first value. */
function readCard(text: string): Record<string, unknown> {
  const card = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return Object.fromEntries(card.getAllProperties().map((property) => [property.name, property.getFirstValue()]));
}

describe('card, export and page inside the bot', () => {
  it('card shows your card as people in your circles see it, what contacts and anyone see besides, and a vCard link of it', async () => {
    const { bot, say, codeOf, download } = await twoPeople();
    const code = await codeOf(ALICE);
    const reply = await say(ALICE, 'card');
    const lines = reply.split('\n');
    expect(lines.slice(0, 4)).toEqual([
      `Your card as people in your circles see it (person code ${code})`,
      'nickname: Alice',
      'gender: female',
      'region: 中国 广东 广州',
    ]);
    expect(lines[4]).toBe('Your contacts see no more fields; anyone who asks sees 0 fields.');
    expect(lines[5]).toMatch(/^vCard \(valid 24 hours, until 2026-11-25 08:30 UTC\): https:\/\/bot\.example\.com\/cards\/[A-Za-z0-9_-]{87}\.vcf$/);
    expect(lines[6]).toBe('Who sees what: privacy; to change it: share <field> <audience>');

    await say(ALICE, 'set email alice@example.com');
    await say(ALICE, 'share email contacts');
    await say(ALICE, 'share gender everyone');
    const after = await say(ALICE, 'card');
    expect(after).toContain('Your contacts see 1 more field; anyone who asks sees 1 field.');
    expect(after).not.toContain('email:');

    // The link gives the card people in circles see, judged when downloaded.
    const vcard = readCard((await download(cardPath(reply))).text);
    expect(vcard).toMatchObject({ fn: 'Alice', nickname: 'Alice', 'x-lianluo-gender': 'female', 'x-lianluo-region': '中国 广东 广州', uid: `lianluo-${code}` });
    expect(vcard.email).toBeUndefined();
    expect(vcard['x-lianluo-signature']).toBeUndefined();
    await bot.close();
  });

  it('名片 answers in Chinese, and card <own code> is the same as card', async () => {
    const { bot, say, codeOf } = await twoPeople();
    const code = await codeOf(ALICE);
    const reply = await say(ALICE, '名片');
    expect(reply).toMatch(new RegExp(`^你的名片，圈友看到的样子（编号 ${code}）\n昵称：Alice\n`));
    expect(reply).toContain('你的联系人还能多看到 0 项；任何人都能看到 0 项。');
    expect(reply).toMatch(/\nvCard 名片文件（24 小时内有效，至 2026-11-25 08:30 UTC）：https:\/\/bot\.example\.com\/cards\/\S+\.vcf\n谁能看到什么：隐私/);
    expect((await say(ALICE, `card ${code.toLowerCase()}`)).split('\n')[0]).toBe(`Your card as people in your circles see it (person code ${code})`);
    await bot.close();
  });

  it("card <who>: nothing until the other shares, then only what they share, in the vCard too; a later share shows in the same link", async () => {
    const { bot, say, codeOf, download } = await twoPeople();
    const bob = await codeOf(BOB);
    expect(await say(ALICE, `card ${bob}`)).toBe(
      `${bob} shares nothing with you, so there is no card to show. Only they can change that, with "share"; you could ask them to send "share nickname everyone".`,
    );
    expect(await say(ALICE, `名片 ${bob}`)).toMatch(new RegExp(`^${bob} 没有向你公开任何资料`));

    await say(BOB, 'share nickname everyone');
    // Typed in lower case with full-width letters and a space: still Bob's code.
    const typed = Array.from(bob.toLowerCase(), (char) => (/[a-z]/.test(char) ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char)).join('');
    const reply = await say(ALICE, `card ${typed.slice(0, 3)} ${typed.slice(3)}`);
    expect(reply.split('\n').slice(0, 2)).toEqual([`Card of person ${bob}`, 'nickname: Bob']);
    expect(reply).toMatch(/\nvCard \(valid 24 hours, until 2026-11-25 08:30 UTC\): https:\/\/bot\.example\.com\/cards\/\S+\.vcf$/);
    const path = cardPath(reply);
    const before = readCard((await download(path)).text);
    expect(before).toMatchObject({ fn: 'Bob', nickname: 'Bob', uid: `lianluo-${bob}` });
    for (const hidden of ['x-lianluo-gender', 'x-lianluo-region', 'x-lianluo-signature', 'email']) expect(before[hidden]).toBeUndefined();

    await say(BOB, 'set email bob@example.com');
    await say(BOB, 'share all everyone');
    const after = readCard((await download(path)).text);
    expect(after).toMatchObject({ fn: 'Bob', email: 'bob@example.com', 'x-lianluo-gender': 'female', 'x-lianluo-region': '中国 广东 广州', 'x-lianluo-signature': 'sig 502' });

    await say(BOB, 'share all nobody');
    const hiddenAgain = readCard((await download(path)).text);
    expect(hiddenAgain.fn).toBe(bob);
    expect(hiddenAgain.nickname).toBeUndefined();
    await bot.close();
  });

  it.each([
    ['card 12', /^A number picks someone from your last contacts or circle member list, and you have no such list yet/],
    ['名片 3', /^编号 3 要从你最近的联系人或圈子成员名单里选，可你还没有这样的名单/],
    ['card 李雷', /^"李雷" is not a person code\. Contacts' names will work once you have contacts/],
    ['名片 韩梅梅', /^“韩梅梅”不是个人编号。/],
    ['card ZZZZZZZ', /^Nobody has the person code ZZZZZZZ\. Check it: 7 characters/],
    ['名片 zzzzzzz', /^没有人的个人编号是 ZZZZZZZ。请核对/],
    ['card 2345678', /^Nobody has the person code 2345678\./],
  ])('%s is refused in the language written, saying what to do instead', async (text, expected) => {
    const { bot, say } = await twoPeople();
    expect(await say(ALICE, text)).toMatch(expected);
    await bot.close();
  });

  it('card links expire after 24 hours (410), and a link to a person no longer known finds nothing (404)', async () => {
    const { bot, clock, say, codeOf, download } = await twoPeople();
    await say(BOB, 'share nickname everyone');
    const path = cardPath(await say(ALICE, `card ${await codeOf(BOB)}`));
    const own = cardPath(await say(BOB, 'card'));
    clock.now = START + 24 * 3_600_000 - 1_000;
    expect((await download(path)).status).toBe(200);
    clock.now = START + 24 * 3_600_000;
    const expired = await download(path);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('Send "card"');

    clock.now = START + 60_000;
    await bot.stores.documents.collection(personModel).deleteOne({ code: await codeOf(BOB) });
    expect((await download(path)).status).toBe(404);
    expect((await download(own)).status).toBe(404);
    await bot.close();
  });

  it('export gives a 24-hour link to everything held about the person: identities, fields with history, sharing, language', async () => {
    const { bot, clock, say, codeOf, download } = await twoPeople();
    // Each edit newer than the last (an edit at the console value's own time would not replace it).
    clock.now = START + 30_000;
    await say(ALICE, 'set nickname Ally');
    clock.now = START + 60_000;
    await say(ALICE, 'set nickname 爱丽丝');
    await say(ALICE, 'share email contacts');
    const reply = await say(ALICE, 'export');
    expect(reply).toMatch(/^Everything held about you: .* The link is valid 24 hours, until 2026-11-25 08:31 UTC; anyone who has it can open it, so do not forward it\.\nhttps:\/\/bot\.example\.com\/export\/[A-Za-z0-9_-]{66}\.json$/);
    expect(await say(ALICE, '导出')).toMatch(/^这里保存的关于你的全部资料.*链接24 小时内有效，至 2026-11-25 08:31 UTC；.*\nhttps:\/\/bot\.example\.com\/export\/\S+\.json$/s);
    const path = /https:\/\/bot\.example\.com(\/export\/\S+\.json)$/.exec(reply)![1]!;
    const response = await download(path);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toContain(`filename="lianluo-export-${await codeOf(ALICE)}.json"`);
    const data = JSON.parse(response.text);
    expect(data).toMatchObject({
      format: 'lianluo-export/1',
      exportedAt: '2026-11-24T08:31:00.000Z',
      person: { code: await codeOf(ALICE), created: '2026-11-24T08:30:00.000Z' },
      identities: [{
        platform: 'wx', fakeId: '501',
        accounts: [{ accountId: 'acme', openId: ALICE, tied: { strategy: 'time-match' }, console: { nickName: 'Alice', signature: 'sig 501', gender: 2 } }],
      }],
    });
    // The last thing Alice wrote was 导出.
    expect(data.identities[0].accounts[0].language).toBe('zh');
    expect(data.identities[0].accounts[0].tied.at).toBe('2026-11-24T08:30:00.000Z');
    const nickname = data.profile.fields.nickname;
    expect(nickname).toMatchObject({ value: '爱丽丝', source: { kind: 'chat', platform: 'wx', accountId: 'acme' }, sourceUpdatedAt: '2026-11-24T08:31:00.000Z' });
    expect(nickname.history.map((past: { value: string }) => past.value)).toEqual(['Ally', 'Alice']);
    expect(nickname.consoleSeen).toEqual([{ platform: 'wx', value: 'Alice', seenAt: expect.any(String) }]);
    expect(data.visibility.fields.email).toEqual({ audience: 'contacts', circles: [], chosen: true });
    expect(data.visibility.fields.nickname).toEqual({ audience: 'circles', circles: [], chosen: false });
    expect(response.text).not.toContain(BOB);
    // An export token is no card token.
    expect((await download(path.replace('/export/', '/cards/').replace('.json', '.vcf'))).status).toBe(404);
    await bot.close();
  });

  it('page gives a one-hour link to the own page, under PUBLIC_URL', async () => {
    const { bot, say, download } = await twoPeople();
    const reply = await say(ALICE, 'page');
    expect(reply).toMatch(/^Your own page: .* The link is valid 1 hour, until 2026-11-24 09:30 UTC and lets whoever holds it change your profile, so do not forward it; send "page" again for a new one\.\nhttps:\/\/bot\.example\.com\/me\/[A-Za-z0-9_-]{66}$/);
    expect(await say(ALICE, '主页')).toMatch(/^你的主页：.*链接1 小时内有效，至 2026-11-24 09:30 UTC，.*\nhttps:\/\/bot\.example\.com\/me\/\S+$/s);
    const token = /\/me\/(\S+)$/.exec(reply)![1]!;
    // A page token opens neither a card nor an export.
    expect((await download(`/cards/${token}.vcf`)).status).toBe(404);
    expect((await download(`/export/${token}.json`)).status).toBe(404);
    await bot.close();
  });

  it('no token reaches the log: not when a link is made, opened, refused or expired', async () => {
    const lines: string[] = [];
    const { bot, clock, say, codeOf, download } = await twoPeople(capturingLogger(lines, 'trace'));
    await say(BOB, 'share nickname everyone');
    const replies = [await say(ALICE, `card ${await codeOf(BOB)}`), await say(ALICE, 'card'), await say(ALICE, 'export'), await say(ALICE, 'page')];
    const tokens = replies.map((reply) => /\/(?:cards|export|me)\/([A-Za-z0-9_-]+)/.exec(reply)![1]!);
    await download(`/cards/${tokens[0]}.vcf`);
    await download(`/export/${tokens[2]}.json`);
    await download(`/cards/${tokens[0]!.slice(0, -2)}.vcf`);
    clock.now = START + 25 * 3_600_000;
    await download(`/cards/${tokens[1]}.vcf`);
    expect(lines.filter((line) => line.includes('"msg":"command"')).length).toBeGreaterThanOrEqual(4); // the bot did log: a line per command
    const logged = lines.join('\n');
    for (const token of tokens) expect(logged).not.toContain(token.slice(0, 20));
    await bot.close();
  });

  it('help lists card, export and page with their usage', async () => {
    const { bot, say } = await twoPeople();
    const help = await say(ALICE, 'help');
    expect(help).toContain("• card [person code] — your card as people in your circles see it, or another person's card");
    expect(help).toContain('• export — a link to everything held about you, as JSON');
    expect(help).toContain('• page — a link to your own page');
    expect(await say(ALICE, '帮助 名片')).toBe('名片 [个人编号]\n你的名片（圈友看到的样子），或别人的名片（只有对方让你看的资料），都附 vCard 链接\n(名片 / card)');
    await bot.close();
  });
});
