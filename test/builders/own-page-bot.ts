import pino, { type Logger } from 'pino';
import type { Push } from '../../webhooks/push';
import type { Account } from '../../src/config/account';
import { FakeConsole, listed } from './fake-console';
import { createTestBot } from './test-bot';

/** The fixed start of the clock: 2026-11-24 08:30 UTC. */
export const OWN_PAGE_START = Date.UTC(2026, 10, 24, 8, 30);
export const ALICE_OPENID = 'oAcmeAliceAAAAAAAAAAAAAAAAAA';
const ACME: Account = {
  id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain',
  console: { url: 'http://acme.console.test', username: 'acme', password: 'pw' }, platform: 'wx',
};
let msgId = 8_800_000;

/**
 * A bot on a fixed clock (`clock.now`, moved by the test) whose console lists Alice (FakeID 501,
 * console nickname "Alice", region 中国 广东 广州, gender female) writing `profile`: her first
 * message ties her and her console profile becomes items. `say` sends as Alice and returns the
 * reply's text; `pagePath` asks for `主页` and returns the link's path (`/me/<token>`).
 */
export async function aliceWithOwnPage(logger: Logger = pino({ level: 'silent' })) {
  const clock = { now: OWN_PAGE_START };
  const T = OWN_PAGE_START / 1000;
  const bot = createTestBot({
    accounts: [ACME],
    logger,
    now: () => new Date(clock.now),
    publicUrl: 'https://bot.example.com',
    identity: {
      consoleFactory: () => {
        const fake = new FakeConsole();
        fake.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
        fake.listed = [listed('501', T, 'profile')];
        return fake;
      },
      batchWindowMs: 10,
      walkDelaysMs: [20, 40],
    },
  });
  const say = async (content: string): Promise<string> => {
    const push: Push = { kind: 'message', msgType: 'text', toUserName: ACME.originalId, fromUserName: ALICE_OPENID, createTime: Math.floor(clock.now / 1000), msgId: String(msgId++), content };
    const reply = await bot.bot.handle(push, 'acme', logger);
    await bot.background.drain();
    return reply?.type === 'text' ? reply.content : '';
  };
  await say('profile');
  const pagePath = async (): Promise<string> => {
    const reply = await say('主页');
    const path = /https:\/\/bot\.example\.com(\/me\/[A-Za-z0-9_-]+)$/m.exec(reply)?.[1];
    if (!path) throw new Error(`no page link in: ${reply}`);
    return path;
  };
  const person = await bot.persons.findByAccount('acme', ALICE_OPENID);
  if (!person) throw new Error('Alice was not tied to a person');
  return { bot, clock, say, pagePath, person };
}
