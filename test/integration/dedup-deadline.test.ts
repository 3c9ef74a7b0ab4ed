import { parseStringPromise } from 'xml2js';
import type { Command } from '../../src/bot/command';
import { ACCOUNT, createTestBot, embeddedStores } from '../builders/test-bot';
import { postPush, textPushXml } from '../builders/push-request';
import { OPEN_ID } from '../webhooks/push-fixtures';

/** A command that takes `ms` and counts its runs: the probe for "handled once". */
function slowCommand(ms: number): Command & { runs: number } {
  const command = {
    key: 'slow',
    aliases: { zh: ['慢'], en: ['slow'] },
    summary: { zh: '测试', en: 'test' },
    usage: { zh: '慢', en: 'slow' },
    runs: 0,
    async run() {
      command.runs += 1;
      await new Promise((resolve) => setTimeout(resolve, ms));
      return `slow answer #${command.runs}`;
    },
  };
  return command;
}

async function contentOf(body: string): Promise<string> {
  const parsed = (await parseStringPromise(body, { explicitArray: false })) as { xml: { Content: string } };
  return parsed.xml.Content;
}

const push = (content: string, msgId: string): string =>
  textPushXml({ to: ACCOUNT.originalId, from: OPEN_ID, content, msgId });

describe('de-duplication', () => {
  it('runs three concurrent copies of a push once and gives all three the same reply', async () => {
    const slow = slowCommand(200);
    const bot = createTestBot({ extraCommands: [slow] });
    const xml = push('slow', '9223372036854775001');
    const responses = await Promise.all([1, 2, 3].map(() => postPush(bot.app, 'acme', ACCOUNT.token, xml)));
    expect(slow.runs).toBe(1);
    const contents = await Promise.all(responses.map((r) => contentOf(r.text)));
    expect(contents).toEqual(['slow answer #1', 'slow answer #1', 'slow answer #1']);
    await bot.close();
  });

  it('answers a retry of a finished push with the same bytes, a second later too, without running it again', async () => {
    const slow = slowCommand(10);
    const bot = createTestBot({ extraCommands: [slow] });
    const xml = push('slow', '9223372036854775002');
    const first = await postPush(bot.app, 'acme', ACCOUNT.token, xml);
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past a CreateTime second
    const retry = await postPush(bot.app, 'acme', ACCOUNT.token, xml);
    expect(slow.runs).toBe(1);
    expect(await contentOf(first.text)).toBe('slow answer #1');
    expect(retry.text).toBe(first.text);
    await bot.close();
  });

  it('tells events apart by sender, time, event and key', async () => {
    const bot = createTestBot();
    const event = (from: string, key: string): string =>
      `<xml><ToUserName><![CDATA[${ACCOUNT.originalId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
      `<CreateTime>1732400000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>` +
      `<EventKey><![CDATA[${key}]]></EventKey></xml>`;
    const seen = bot.stores.cache;
    await postPush(bot.app, 'acme', ACCOUNT.token, event(OPEN_ID, 'help'));
    await postPush(bot.app, 'acme', ACCOUNT.token, event(OPEN_ID, 'whoami'));
    expect(await seen.get(`push:acme:e:${OPEN_ID}:1732400000:click:help`)).not.toBeNull();
    expect(await seen.get(`push:acme:e:${OPEN_ID}:1732400000:click:whoami`)).not.toBeNull();
    await bot.close();
  });
});

describe('the reply budget', () => {
  it('answers success past the budget and delivers the reply with the next passive reply', async () => {
    // The command takes 1.5 s against a 100 ms budget: the answer comes long before the work ends,
    // with room for a busy machine (a 400 ms command was not enough room under load).
    const slow = slowCommand(1500);
    const bot = createTestBot({ extraCommands: [slow], replyBudgetMs: 100 });
    const started = Date.now();
    const late = await postPush(bot.app, 'acme', ACCOUNT.token, push('slow', '9223372036854775003'));
    expect(late.text).toBe('success');
    expect(Date.now() - started).toBeLessThan(1200);
    await bot.gate.drain();
    expect(await bot.outbox.size({ account: 'acme', openId: OPEN_ID })).toBe(1);

    const next = await postPush(bot.app, 'acme', ACCOUNT.token, push('whoami', '9223372036854775004'));
    const content = await contentOf(next.text);
    expect(content.startsWith('slow answer #1\n\n')).toBe(true);
    expect(content).toContain(OPEN_ID);
    expect(await bot.outbox.size()).toBe(0);
    await bot.close();
  });

  it('keeps a late reply across a restart', async () => {
    const slow = slowCommand(300);
    const stores = embeddedStores();
    const before = createTestBot({ extraCommands: [slow], replyBudgetMs: 100, stores });
    expect((await postPush(before.app, 'acme', ACCOUNT.token, push('slow', '9223372036854775005'))).text).toBe('success');
    await before.close(); // graceful: finishes the late work, then closes the stores

    const after = createTestBot({ stores: embeddedStores(stores.dataDir) });
    const next = await postPush(after.app, 'acme', ACCOUNT.token, push('help', '9223372036854775006'));
    expect(await contentOf(next.text)).toMatch(/^slow answer #1\n\n/);
    await after.close();
  });

  it('hands a late reply to a retry that is waiting for it, and to no one else', async () => {
    const slow = slowCommand(300);
    const bot = createTestBot({ extraCommands: [slow], replyBudgetMs: 200 });
    const xml = push('slow', '9223372036854775007');
    const first = postPush(bot.app, 'acme', ACCOUNT.token, xml);
    await new Promise((resolve) => setTimeout(resolve, 150)); // the platform retries while the first still runs
    const retry = postPush(bot.app, 'acme', ACCOUNT.token, xml);
    expect((await first).text).toBe('success');
    expect(await contentOf((await retry).text)).toBe('slow answer #1');
    expect(slow.runs).toBe(1);
    await bot.gate.drain();
    expect(await bot.outbox.size()).toBe(0);
    await bot.close();
  });

  it('answers success to a retry that finds nothing in its own budget', async () => {
    const slow = slowCommand(600);
    const bot = createTestBot({ extraCommands: [slow], replyBudgetMs: 100 });
    const xml = push('slow', '9223372036854775008');
    const [first, retry] = await Promise.all([
      postPush(bot.app, 'acme', ACCOUNT.token, xml),
      postPush(bot.app, 'acme', ACCOUNT.token, xml),
    ]);
    expect([first.text, retry.text]).toEqual(['success', 'success']);
    await bot.gate.drain();
    expect(await bot.outbox.size()).toBe(1);
    await bot.close();
  });
});
