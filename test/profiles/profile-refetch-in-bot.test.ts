import pino from 'pino';
import type { ContactInfo } from '../../scrapers/console-types';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import type { Account } from '../../src/config/account';
import { FakeConsole, listed } from '../builders/fake-console';
import { createTestBot } from '../builders/test-bot';

const T = Math.floor(Date.now() / 1000);
const DAY = 24 * 60 * 60 * 1000;
const log = pino({ level: 'silent' });
const OPEN = 'oAcmeRRRRRRRRRRRRRRRRRRRRRRR';
const acme: Account = {
  id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain',
  console: { url: 'http://acme.console.test', username: 'acme', password: 'pw' }, platform: 'wx',
};
let msgId = 8_800_000;
const text = (content: string): Push => ({
  kind: 'message', msgType: 'text', toUserName: acme.originalId, fromUserName: OPEN, createTime: T, msgId: String(msgId++), content,
});
const contentOf = (reply: Reply | null) => (reply?.type === 'text' ? reply.content : '');

/** A console whose profile answers can be held back, counting the ones asked for. */
class HeldConsole extends FakeConsole {
  asked = 0;
  gate: Promise<void> = Promise.resolve();
  override async contactInfo(fakeId: string): Promise<ContactInfo> {
    this.asked += 1;
    await this.gate;
    return super.contactInfo(fakeId);
  }
}

/** A bot on a clock the test moves, its console knowing FakeID 501 (Alice) who wrote `probe`. */
function setup(profileRefreshDays?: number) {
  const clock = { now: new Date(Date.UTC(2026, 0, 10, 8, 0)) };
  const fake = new HeldConsole();
  fake.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
  fake.listed = [listed('501', T, 'whoami')];
  const bot = createTestBot({
    accounts: [acme],
    now: () => clock.now,
    profileRefreshDays,
    identity: { consoleFactory: () => fake, batchWindowMs: 10, walkDelaysMs: [20, 40], refetchEveryMs: 50 },
  });
  const later = (days: number) => {
    clock.now = new Date(clock.now.getTime() + days * DAY);
  };
  const nickname = async () => {
    const person = (await bot.persons.findByAccount('acme', OPEN))!;
    return (await bot.profiles.profileOf(person.personId))!.items.find((item) => item.field === 'nickname')!;
  };
  return { bot, fake, clock, later, nickname };
}

describe('stale console profiles are fetched again on the next push', () => {
  it('in the background: a same-value refetch keeps a newer chat edit, a changed console value replaces an older one', async () => {
    const { bot, fake, clock, later, nickname } = setup();
    await bot.bot.handle(text('whoami'), 'acme', log);
    await bot.background.drain();
    expect(fake.asked).toBe(1);
    expect((await nickname()).value).toBe('Alice');

    later(1);
    expect(contentOf(await bot.bot.handle(text('set nickname 爱丽丝'), 'acme', log))).toContain('爱丽丝');
    await bot.background.drain();
    expect(fake.asked).toBe(1); // a day old: fresh

    // Eight days after the fetch: the next push brings a refetch, which the reply does not wait for.
    later(7);
    let release = () => undefined as void;
    fake.gate = new Promise<void>((resolve) => (release = resolve));
    const reply = contentOf(await bot.bot.handle(text('help'), 'acme', log));
    expect(reply).toContain('whoami');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.asked).toBe(2);
    expect(bot.background.size).toBeGreaterThan(0);
    release();
    await bot.background.drain();
    expect((await bot.identity.known('acme', OPEN))!.profile!.fetchedAt).toEqual(clock.now);
    // The console still says Alice: seen before, so no change, and the newer chat edit stays.
    expect((await nickname()).value).toBe('爱丽丝');

    // Fresh again: the next push asks nothing.
    await bot.bot.handle(text('help'), 'acme', log);
    await bot.background.drain();
    expect(fake.asked).toBe(2);

    // The follower renames themselves on the platform; a week later the console's new value wins over the older edit.
    fake.followers_ = [{ fakeId: '501', nickName: 'Alicia', groupId: 0 }];
    later(8);
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the refetch interval of this test
    await bot.bot.handle(text('help'), 'acme', log);
    await bot.background.drain();
    expect(fake.asked).toBe(3);
    const renamed = await nickname();
    expect(renamed.value).toBe('Alicia');
    expect(renamed.source).toEqual({ kind: 'console', platform: 'wx', accountId: 'acme' });
    expect(renamed.history.map((past) => [past.value, past.source.kind])).toEqual([['爱丽丝', 'chat'], ['Alice', 'console']]);

    const { body } = await bot.metrics.render();
    expect(body).toContain('lianluo_profile_refetches_total{account="acme",outcome="refetched"} 2');
    await bot.close();
  });

  it('waits as long as PROFILE_REFRESH_DAYS says', async () => {
    const { bot, fake, later } = setup(30);
    await bot.bot.handle(text('whoami'), 'acme', log);
    await bot.background.drain();
    later(29);
    await bot.bot.handle(text('help'), 'acme', log);
    await bot.background.drain();
    expect(fake.asked).toBe(1);
    later(1);
    await bot.bot.handle(text('help'), 'acme', log);
    await bot.background.drain();
    expect(fake.asked).toBe(2);
    await bot.close();
  });
});
