import pino from 'pino';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import type { Command } from '../../src/bot/command';
import type { Account } from '../../src/config/account';
import { consoleProfileModel } from '../../src/identity/console-profile.model';
import { identityModel } from '../../src/identity/identity.model';
import { outboxMessageModel } from '../../src/outbox/outbox-message.model';
import { personIdentityModel } from '../../src/profiles/person-identity.model';
import { personModel } from '../../src/profiles/person.model';
import { profileItemsModel } from '../../src/profiles/profile-item.model';
import { visibilityModel } from '../../src/profiles/visibility.model';
import { FakeConsole, listed } from '../builders/fake-console';
import { ACCOUNT, createTestBot } from '../builders/test-bot';

const T = Math.floor(Date.now() / 1000);
const log = pino({ level: 'silent' });
const OPEN_ACME = 'oAcmeFFFFFFFFFFFFFFFFFFFFFFF';
const OPEN_CLUB = 'oClubFFFFFFFFFFFFFFFFFFFFFFF';
const console_ = (id: string) => ({ url: `http://${id}.console.test`, username: id, password: 'pw' });
const acme: Account = { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain', console: console_('acme') };
const club: Account = { id: 'club', originalId: 'gh_0123456789ab', token: 'clubtoken', mode: 'plain', console: console_('club') };
const ACCOUNTS: Record<string, { account: Account; openId: string }> = { acme: { account: acme, openId: OPEN_ACME }, club: { account: club, openId: OPEN_CLUB } };

/** Answers with the sender's person code. */
const personProbe: Command = {
  key: 'code', aliases: { zh: ['编号'], en: ['code'] }, summary: { zh: '编号', en: 'code' }, usage: { zh: '编号', en: 'code' },
  needsIdentity: true,
  async run(ctx) {
    return `person ${(await ctx.person())?.code ?? 'unknown'}`;
  },
};

const contentOf = (reply: Reply | null) => (reply?.type === 'text' ? reply.content : '');

/** A bot over acme and club, whose consoles list every text FakeID 501 sends (so each is tied by time match). */
function setup(accounts: Account[] = [acme, club]) {
  const consoles = new Map<string, FakeConsole>();
  const bot = createTestBot({
    accounts,
    extraCommands: [personProbe],
    identity: {
      consoleFactory: (credentials) => {
        const fake = new FakeConsole();
        fake.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
        consoles.set(credentials.username, fake);
        return fake;
      },
      batchWindowMs: 10,
      walkDelaysMs: [20, 40],
    },
  });
  let msgId = 9_500_000;
  /** FakeID 501 sends `content` to `accountId` (the console lists it) and the bot answers. */
  const say = async (accountId: string, content: string, id = String(msgId++)): Promise<string> => {
    const { account, openId } = ACCOUNTS[accountId]!;
    consoles.get(accountId)?.listed.unshift(listed('501', T, content));
    const push: Push = { kind: 'message', msgType: 'text', toUserName: account.originalId, fromUserName: openId, createTime: T, msgId: id, content };
    const reply = contentOf(await bot.bot.handle(push, accountId, log));
    await bot.background.drain();
    return reply;
  };
  const count = async () => {
    const { documents } = bot.stores;
    return {
      persons: await documents.collection(personModel).count({}),
      identities: await documents.collection(personIdentityModel).count({}),
      profiles: await documents.collection(profileItemsModel).count({}),
      settings: await documents.collection(visibilityModel).count({}),
      ties: await documents.collection(identityModel).count({}),
      consoleProfiles: await documents.collection(consoleProfileModel).count({}),
    };
  };
  return { bot, say, count, consoles };
}

const codeOf = (reply: string) => /^person ([2-9A-HJ-NP-Z]{7})$/.exec(reply)?.[1];

describe('forget me, inside the bot', () => {
  it('shows what it deletes, deletes it all on confirmation, and the next message is a new person', async () => {
    const { bot, say, count, consoles } = setup();
    const code = codeOf(await say('acme', 'code'))!;
    expect(codeOf(await say('club', 'code'))).toBe(code);
    await say('acme', 'set email li@example.com');
    await say('acme', 'share email everyone');
    expect(await count()).toEqual({ persons: 1, identities: 1, profiles: 1, settings: 1, ties: 2, consoleProfiles: 2 });

    const asked = await say('acme', 'forget me');
    expect(asked.split('\n')).toEqual([
      '"forget me" deletes everything I keep about you:',
      `• your person code ${code}`,
      '• 1 identity: on platform default through accounts acme, club',
      '• 5 profile fields (nickname, gender, region, signature, email) with their history',
      '• sharing settings for 1 field (email)',
      '• the copies of your console profile, the language I answer you in, and messages waiting for you',
      'Links to your card and exports stop working too. This cannot be undone.',
      'To go ahead, send "forget me confirm" within 10 minutes. If you do not, nothing is deleted.',
    ]);
    // Asking deletes nothing.
    expect(await count()).toEqual({ persons: 1, identities: 1, profiles: 1, settings: 1, ties: 2, consoleProfiles: 2 });
    await bot.stores.documents.collection(outboxMessageModel).insertOne({
      id: 'waiting-1', account: 'club', openId: OPEN_CLUB, replyType: 'text', reply: { type: 'text', content: 'your card: …' }, createdAt: new Date(),
    });

    // As if found by the beacon walk, which moves followers it recognises into its own group.
    for (const fake of consoles.values()) fake.followers_[0]!.groupId = 100;
    const done = await say('acme', 'forget me confirm');
    expect(done.split('\n')[0]).toBe('Deleted everything I kept about you:');
    // Back among the ungrouped followers, the only ones the beacon walk reads: recognisable afresh.
    expect([...consoles.values()].map((fake) => fake.followers_[0]!.groupId)).toEqual([0, 0]);
    expect(done).toContain(`• your person code ${code}`);
    expect(done).toContain('• 5 profile fields (nickname, gender, region, signature, email) with their history');
    expect(done).toContain('Your next message starts afresh: I will treat you as someone new, with a new person code.');
    expect(await count()).toEqual({ persons: 0, identities: 0, profiles: 0, settings: 0, ties: 0, consoleProfiles: 0 });
    expect(await bot.stores.documents.collection(outboxMessageModel).count({})).toBe(0);
    for (const key of [
      `person:acme:${OPEN_ACME}`, `person:club:${OPEN_CLUB}`, `identity:acme:${OPEN_ACME}`, `identity:club:${OPEN_CLUB}`,
      `language:acme:${OPEN_ACME}`, `language:club:${OPEN_CLUB}`, `forget:acme:${OPEN_ACME}`, `outbox:pending:club:${OPEN_CLUB}`,
    ]) {
      expect([key, await bot.stores.cache.get(key)]).toEqual([key, null]);
    }

    // The next message is someone new: tied again, a new person with a new code and only what the console shows.
    const again = codeOf(await say('acme', 'code'))!;
    expect(again).not.toBe(code);
    expect(await count()).toMatchObject({ persons: 1, identities: 1, profiles: 1, settings: 0, ties: 1 });
    const fresh = (await bot.persons.findByAccount('acme', OPEN_ACME))!;
    const fields = (await bot.profiles.profileOf(fresh.personId))!.items.map((item) => item.field);
    expect(fields).toEqual(['nickname', 'gender', 'region', 'signature']);
    await bot.close();
  });

  it('a repeated confirmation (a platform retry, or sent twice) deletes nothing more, and neither does one with no request', async () => {
    const { bot, say, count } = setup([acme]);
    const code = codeOf(await say('acme', 'code'))!;
    expect(await say('acme', 'forget me confirm')).toBe(
      'No deletion is waiting for your confirmation (a request lasts 10 minutes, or it was already done), so nothing was deleted. To delete everything about you, send "forget me" first, read what it deletes, then send "forget me confirm" within 10 minutes.',
    );
    expect(codeOf(await say('acme', 'code'))).toBe(code);

    await say('acme', 'forget me');
    expect(await say('acme', 'forget me confirm', '9599999')).toContain('Deleted everything I kept about you');
    // The retry of that very push reaches the bot again (another process, say): no request waits any more.
    expect(await say('acme', 'forget me confirm', '9599999')).toContain('No deletion is waiting for your confirmation');
    // That retry was the follower's next message: they are someone new now, and stay so.
    const fresh = codeOf(await say('acme', 'code'))!;
    expect(fresh).not.toBe(code);
    expect(await say('acme', 'forget me confirm')).toContain('nothing was deleted');
    expect(codeOf(await say('acme', 'code'))).toBe(fresh);
    expect(await count()).toMatchObject({ persons: 1, ties: 1 });
    await bot.close();
  });

  it('answers in Chinese to 删除我 and 删除我 确认 (with or without the space)', async () => {
    const { bot, say, count } = setup([acme]);
    const code = codeOf(await say('acme', 'code'))!;
    const asked = await say('acme', '删除我');
    expect(asked.split('\n').slice(0, 3)).toEqual(['“删除我”会删除我保存的关于你的一切：', `• 你的编号 ${code}`, '• 1 个身份：default 平台（经由公众号 acme）']);
    expect(asked).toContain('• 4 项资料（昵称、性别、地区、签名），连同历史记录');
    expect(asked).toContain('• 公开设置：从未修改（用的是默认）');
    expect(asked.split('\n').at(-1)).toBe('确定要删除，请在 10 分钟内发送“删除我 确认”。不发送，就什么都不会删除。');
    const done = await say('acme', '删除我确认');
    expect(done.split('\n')[0]).toBe('已删除我保存的关于你的一切：');
    expect(done.split('\n').at(-1)).toBe('你的名片和导出链接已失效。你发的下一条消息会重新开始：我会把你当作新认识的人，给你一个新编号。');
    expect(await count()).toMatchObject({ persons: 0, profiles: 0, ties: 0 });
    expect(await say('acme', '删除我 确认')).toContain('没有等待确认的删除请求');
    await bot.close();
  });

  it('refuses what it cannot do: anything but confirm after it, a sender not recognised yet, an account without a console', async () => {
    const { bot, say } = setup([acme]);
    // The very first push: the sender is being identified in the background, and is not known yet.
    const first = await say('acme', 'forget me');
    expect(first).toContain('I have not recognised you yet, so there is no profile of yours to delete.');
    // Still being identified (nothing waits for it here), so the reply carries the beacon line after the refusal.
    expect((await say('acme', 'forget me please')).split('\n')[0]).toBe('Only "confirm" may follow "forget me": send "forget me" to see what it deletes, then "forget me confirm".');
    await bot.close();

    const plain = createTestBot({ accounts: [ACCOUNT] });
    const push: Push = { kind: 'message', msgType: 'text', toUserName: ACCOUNT.originalId, fromUserName: OPEN_ACME, createTime: T, msgId: '9600001', content: 'forget me' };
    expect(contentOf(await plain.bot.handle(push, 'acme', log))).toBe('This account is not connected to its admin console, so I cannot tell who you are and keep no profile of you.');
    await plain.close();
  });

  it('is listed in help, in both languages', async () => {
    const { bot, say } = setup([acme]);
    await say('acme', 'code');
    expect(await say('acme', 'help')).toContain('• forget me [confirm] — delete everything kept about you (only once you send "forget me confirm")');
    expect(await say('acme', '帮助 删除我')).toBe('删除我 [确认]\n删除我保存的关于你的一切（发送“删除我 确认”后才删除）\n(删除我 / forget me)');
    await bot.close();
  });
});
