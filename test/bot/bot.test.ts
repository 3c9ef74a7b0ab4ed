import pino from 'pino';
import type { Command } from '../../src/bot/command';
import { UserError } from '../../src/errors';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import { ACCOUNT, createTestBot } from '../builders/test-bot';

const log = pino({ level: 'silent' });
const FROM = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';
const base = { toUserName: ACCOUNT.originalId, fromUserName: FROM, createTime: 1732400000 };
const textPush = (content: string): Push => ({ ...base, kind: 'message', msgType: 'text', msgId: '1', content });

function failing(key: string, error: Error): Command {
  return {
    key,
    aliases: { zh: [], en: [key] },
    summary: { zh: key, en: key },
    usage: { zh: key, en: key },
    run: () => Promise.reject(error),
  };
}

const bot = createTestBot({
  extraCommands: [
    failing('refuse', new UserError({ zh: '不行', en: 'You cannot do that.' })),
    failing('crash', new Error('db exploded at /srv/secret/path')),
  ],
});
afterAll(() => bot.close());

const handle = (push: Push): Promise<Reply | null> => bot.bot.handle(push, 'acme', log);
const contentOf = async (push: Push): Promise<string> => {
  const reply = await handle(push);
  if (reply?.type !== 'text') throw new Error(`expected a text reply, got ${JSON.stringify(reply)}`);
  return reply.content;
};

describe('Bot.handle (no HTTP)', () => {
  it('help lists every command with its usage, in English', async () => {
    const content = await contentOf(textPush('help'));
    expect(content).toMatch(/^Lianluo commands:/);
    expect(content).toContain('whoami — what the bot knows about you');
    expect(content).toContain('help [command]');
  });

  it('帮助 lists them in Chinese', async () => {
    const content = await contentOf(textPush('帮助'));
    expect(content).toMatch(/^联络助手可用命令：/);
    expect(content).toContain('我是谁 — 查看我对你的了解');
  });

  it('help <command> explains one command with both aliases', async () => {
    expect(await contentOf(textPush('help 我是谁'))).toBe('whoami\nwhat the bot knows about you\n(我是谁 / whoami / who am i)');
  });

  it('whoami shows the openID, and that without a console the FakeID cannot be looked up', async () => {
    const content = await contentOf(textPush('whoami'));
    expect(content).toContain(`openID: ${FROM}`);
    expect(content).toContain('no console configured');
  });

  it('unknown text gets a one-line hint in the language it was written in', async () => {
    expect(await contentOf(textPush('hello there'))).toBe('I did not understand that. Send "help" to see every command.');
    expect(await contentOf(textPush('你好'))).toBe('没有听懂。发送“帮助”查看全部命令。');
  });

  it('a follow gets a welcome in both languages', async () => {
    const content = await contentOf({ ...base, kind: 'event', event: 'subscribe', eventKey: '' });
    expect(content).toContain('欢迎关注');
    expect(content).toContain('Welcome!');
  });

  it('an unfollow gets no reply', async () => {
    expect(await handle({ ...base, kind: 'event', event: 'unsubscribe', eventKey: '' })).toBeNull();
  });

  it('a menu click runs the command named by its key', async () => {
    expect(await contentOf({ ...base, kind: 'event', event: 'click', eventKey: 'whoami' })).toContain(FROM);
  });

  it('shows a UserError as it is', async () => {
    expect(await contentOf(textPush('refuse'))).toBe('You cannot do that.');
  });

  it('turns any other error into an apology that reveals nothing', async () => {
    const content = await contentOf(textPush('crash'));
    expect(content).toBe('Sorry, something went wrong. Please try again later.');
  });
});
