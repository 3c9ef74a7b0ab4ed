import pino from 'pino';
import type { Command } from '../../src/bot/command';
import { UserError } from '../../src/errors';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import { ACCOUNT, createTestBot } from '../builders/test-bot';

const log = pino({ level: 'silent' });
const FROM = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';
const base = { toUserName: ACCOUNT.originalId, fromUserName: FROM, createTime: 1732400000 };
const textPush = (content: string, from = FROM): Push => ({ ...base, fromUserName: from, kind: 'message', msgType: 'text', msgId: '1', content });
const imagePush = (from: string): Push => ({ ...base, fromUserName: from, kind: 'message', msgType: 'image', msgId: '2', picUrl: 'http://p.test/1.jpg', mediaId: 'm1' });
const locationPush = (from: string): Push => ({
  ...base, fromUserName: from, kind: 'message', msgType: 'location', msgId: '3', latitude: 23.13, longitude: 113.26, scale: 15, label: '广州',
});
const voicePush = (recognition?: string, from = FROM): Push => ({
  ...base, fromUserName: from, kind: 'message', msgType: 'voice', msgId: '4', mediaId: 'm2', format: 'amr', ...(recognition === undefined ? {} : { recognition }),
});
const followPush = (from: string): Push => ({ ...base, fromUserName: from, kind: 'event', event: 'subscribe', eventKey: '' });
/** A follower this file has not used before, so the bot knows nothing of their language. */
let followers = 0;
const newFollower = () => `oNewFollower${String(++followers).padStart(16, '0')}`;

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

  it('whoami says that without a console the profile cannot be seen, and shows the openID on its last line', async () => {
    const lines = (await contentOf(textPush('whoami'))).split('\n');
    expect(lines[0]).toBe('This account is not connected to its admin console, so I cannot see your profile.');
    expect(lines.at(-1)).toBe(`IDs: openID ${FROM}`);
  });

  it('unknown text gets a one-line hint in the language it was written in', async () => {
    expect(await contentOf(textPush('hello there'))).toBe('I did not understand that. Send "help" to see every command.');
    expect(await contentOf(textPush('你好'))).toBe('没有听懂。发送“帮助”查看全部命令。');
  });

  it('a follow from someone who never wrote gets a welcome in both languages, Chinese first', async () => {
    const content = await contentOf(followPush(newFollower()));
    expect(content).toMatch(/^欢迎关注联络助手！/);
    expect(content).toContain('\n\nWelcome to Lianluo!');
  });

  it('the welcome names only what the bot does today: whoami and help, each a working command', async () => {
    const content = await contentOf(followPush(newFollower()));
    const [zh, en] = content.split('\n\n');
    const quoted = (text: string, re: RegExp) => [...text.matchAll(re)].map((m) => m[1]!);
    expect(quoted(zh!, /“([^”]+)”/g)).toEqual(['我是谁', '帮助']);
    expect(quoted(en!, /"([^"]+)"/g)).toEqual(['whoami', 'help']);
    for (const command of ['我是谁', '帮助', 'whoami', 'help']) {
      expect(await contentOf(textPush(command))).not.toMatch(/没有听懂|did not understand/);
    }
    expect(content).not.toMatch(/活动|房间|event|room/i); // nothing about meeting people there yet
  });

  it('a follow from someone who wrote in English before (unfollowed, came back) is welcomed in English', async () => {
    const from = newFollower();
    await contentOf(textPush('hello', from));
    await bot.background.drain(); // the language is remembered after the reply
    expect(await contentOf(followPush(from))).toMatch(/^Welcome to Lianluo!/);
  });

  it('an unfollow gets no reply', async () => {
    expect(await handle({ ...base, kind: 'event', event: 'unsubscribe', eventKey: '' })).toBeNull();
  });

  it('a menu click runs the command named by its key', async () => {
    expect(await contentOf({ ...base, kind: 'event', event: 'click', eventKey: 'whoami' })).toContain(FROM);
  });

  it('a menu click answers in the language the person writes in (its key is English), Chinese when unknown', async () => {
    const click = (from: string): Push => ({ ...base, fromUserName: from, kind: 'event', event: 'click', eventKey: 'help' });
    const chinese = newFollower();
    await contentOf(textPush('你好', chinese));
    expect(await contentOf(click(chinese))).toMatch(/^联络助手可用命令/);
    const english = newFollower();
    await contentOf(textPush('hello', english));
    expect(await contentOf(click(english))).toMatch(/^Lianluo commands/);
    expect(await contentOf(click(newFollower()))).toMatch(/^联络助手可用命令/);
  });

  describe('pushes without words are answered in the language the person last wrote in', () => {
    const media = [['an image', imagePush], ['a location', locationPush], ['a voice without recognition', (from: string) => voicePush(undefined, from)]] as const;
    const EN = 'Got it. For now I only understand text commands: send "help" to see them all.';
    const ZH = '收到了。目前我只听得懂文字命令，发送“帮助”查看全部命令。';

    it.each(media)('%s after an English text: English', async (_kind, push) => {
      const from = newFollower();
      await contentOf(textPush('hello', from));
      await bot.background.drain();
      expect(await contentOf(push(from))).toBe(EN);
    });

    it.each(media)('%s after a Chinese text: Chinese', async (_kind, push) => {
      const from = newFollower();
      await contentOf(textPush('你好', from));
      await bot.background.drain();
      expect(await contentOf(push(from))).toBe(ZH);
    });

    it.each(media)('%s from someone who never wrote: both languages, Chinese first', async (_kind, push) => {
      expect(await contentOf(push(newFollower()))).toBe(`${ZH}\n\n${EN}`);
    });

    it('follows the latest text: English, then Chinese', async () => {
      const from = newFollower();
      await contentOf(textPush('hello', from));
      await bot.background.drain();
      await contentOf(textPush('你好', from));
      await bot.background.drain();
      expect(await contentOf(imagePush(from))).toBe(ZH);
    });

    it('answers in both languages when the cache cannot say', async () => {
      const from = newFollower();
      await contentOf(textPush('hello', from));
      await bot.background.drain();
      const get = jest.spyOn(bot.stores.cache, 'get').mockRejectedValueOnce(new Error('cache down'));
      expect(await contentOf(imagePush(from))).toBe(`${ZH}\n\n${EN}`);
      get.mockRestore();
    });
  });

  describe('a voice message with recognised words is a text command', () => {
    it('"帮助。" runs help, in Chinese', async () => {
      expect(await contentOf(voicePush('帮助。'))).toMatch(/^联络助手可用命令：/);
    });

    it('"Help." runs help, in English, and an image after it is answered in English', async () => {
      const from = newFollower();
      expect(await contentOf(voicePush('Help.', from))).toMatch(/^Lianluo commands:/);
      await bot.background.drain();
      expect(await contentOf(imagePush(from))).toMatch(/^Got it\./);
    });

    it('words that are no command get the hint to help, as a text would', async () => {
      expect(await contentOf(voicePush('今天天气不错。'))).toBe('没有听懂。发送“帮助”查看全部命令。');
    });
  });

  it('shows a UserError as it is', async () => {
    expect(await contentOf(textPush('refuse'))).toBe('You cannot do that.');
  });

  it('turns any other error into an apology that reveals nothing', async () => {
    const content = await contentOf(textPush('crash'));
    expect(content).toBe('Sorry, something went wrong. Please try again later.');
  });
});
