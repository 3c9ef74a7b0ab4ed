import request from 'supertest';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import pino from 'pino';
import { beaconFor } from '../../src/identity/beacon';
import type { Account } from '../../src/config/account';
import { FakeConsole, listed } from '../builders/fake-console';
import { ACCOUNT, createTestBot } from '../builders/test-bot';

const CONSOLE_ACCOUNT: Account = { ...ACCOUNT, console: { url: 'http://console.test', username: 'acme', password: 'pw' } };
const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';
const T = Math.floor(Date.now() / 1000);
const log = pino({ level: 'silent' });
let msgId = 7_000_000;
const text = (content: string, createTime = T): Push => ({
  kind: 'message', msgType: 'text', toUserName: ACCOUNT.originalId, fromUserName: OPEN_ID, createTime, msgId: String(msgId++), content,
});
const contentOf = (reply: Reply | null) => (reply?.type === 'text' ? reply.content : '');

function setup(replyBudgetMs = 4500) {
  const console = new FakeConsole();
  console.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
  const bot = createTestBot({
    accounts: [CONSOLE_ACCOUNT],
    replyBudgetMs,
    identity: { consoleFactory: () => console, batchWindowMs: 10, walkDelaysMs: [20, 40] },
  });
  return { console, bot };
}

describe('identity inside the bot', () => {
  it('a reply to a not-yet-known follower carries the beacon; once known, replies do not', async () => {
    const { bot, console } = setup();
    console.listed = [listed('501', T, 'hello')];
    // The console answers only after the reply, as a real one (hundreds of ms) does; an instant
    // one could settle the identity before the reply on a busy machine, and no beacon is needed then.
    let release!: () => void;
    console.hold = new Promise((r) => (release = r));
    const first = contentOf(await bot.bot.handle(text('hello'), 'acme', log));
    // Its own last line, labelled as a reference in the language of the text it answers.
    expect(first.split('\n').at(-1)).toBe(`ref ${beaconFor('acme', OPEN_ID)} (helps me recognise you; nothing to do)`);
    release();
    await bot.identity.resolve(text('hello'), 'acme', log);
    const later = contentOf(await bot.bot.handle(text('help', T + 20), 'acme', log));
    expect(later).not.toContain(beaconFor('acme', OPEN_ID));
    await bot.close();
  });

  it('whoami leads with the profile and where it came from, the ids and how they were learned on its last line', async () => {
    const { bot, console } = setup();
    console.listed = [listed('501', T, 'whoami')];
    const content = contentOf(await bot.bot.handle(text('whoami'), 'acme', log));
    expect(content.split('\n')).toEqual([
      'Nickname: Alice',
      'Region: 中国 广东 广州',
      'Signature: sig 501',
      'Gender: female',
      expect.stringMatching(/^From this account's follower profile, fetched \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/),
      `IDs: openID ${OPEN_ID} · FakeID 501 · matched by message time`,
    ]);
    expect(content).not.toContain(beaconFor('acme', OPEN_ID)); // settled while answering: no beacon needed
    await bot.close();
  });

  it('a command that needs identity answers "one moment" within the budget and sends the answer when it is known', async () => {
    const { bot, console } = setup(1600); // identity wait: 100 ms
    let release!: () => void;
    console.hold = new Promise((r) => (release = r));
    console.listed = [listed('501', T, '我是谁')];
    const started = Date.now();
    const reply = contentOf(await bot.bot.handle(text('我是谁'), 'acme', log));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(reply).toContain('正在确认你的身份');
    release();
    await bot.background.drain();
    expect(console.sent).toHaveLength(1);
    expect(console.sent[0]).toMatchObject({ fakeId: '501' });
    expect(console.sent[0]!.text).toMatch(/^昵称：Alice\n/);
    expect(console.sent[0]!.text).toContain('FakeID 501');
    await bot.close();
  });

  it('commands that do not need identity never wait for it', async () => {
    const { bot, console } = setup();
    console.hold = new Promise(() => undefined); // the console never answers
    const started = Date.now();
    expect(contentOf(await bot.bot.handle(text('help'), 'acme', log))).toMatch(/^Lianluo commands:/);
    expect(Date.now() - started).toBeLessThan(500);
    await bot.stores.close();
  });

  it('/readyz says which account needs its owner, and what to do', async () => {
    const { bot } = setup();
    const { CacheSessionVault } = await import('../../src/identity/cache-session-vault');
    await new CacheSessionVault(bot.stores.cache, 'acme', CONSOLE_ACCOUNT.console!).blockLogins({ failure: 'wrong-password', errCode: -3, since: 0 });
    const res = await request(bot.app).get('/readyz');
    const acme = res.body.accounts.find((a: { id: string }) => a.id === 'acme');
    expect(acme.console).toMatch(/^needs its owner: .*wrong username or password.*Fix console\.username\/console\.password/);
    expect(JSON.stringify(res.body)).not.toContain('pw"');
    await bot.close();
  });
});
