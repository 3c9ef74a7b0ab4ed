import pino from 'pino';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import type { Account } from '../../src/config/account';
import { CHAT_TEXT_MAX_BYTES, whenText } from '../../src/profiles/profile-text';
import { FakeConsole, listed } from '../builders/fake-console';
import { ACCOUNT, createTestBot } from '../builders/test-bot';

const T = Math.floor(Date.now() / 1000);
const log = pino({ level: 'silent' });
const OPEN = 'oAcmeAAAAAAAAAAAAAAAAAAAAAAA';
const acme: Account = {
  id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain',
  console: { url: 'http://acme.console.test', username: 'acme', password: 'pw' }, platform: 'wx',
};
let msgId = 8_800_000;
const push = (content: string, account = acme): Push => ({
  kind: 'message', msgType: 'text', toUserName: account.originalId, fromUserName: OPEN, createTime: T, msgId: String(msgId++), content,
});
const contentOf = (reply: Reply | null) => (reply?.type === 'text' ? reply.content : '');
const PERSON_CODE = /[2-9A-HJ-NP-Z]{7}/;

/**
 * A bot whose console lists the FakeID 501 (Alice) writing `first`: the first message ties the
 * sender, and the console profile becomes its items before the next message.
 */
async function identified(first: string) {
  const bot = createTestBot({
    accounts: [acme],
    identity: {
      consoleFactory: () => {
        const fake = new FakeConsole();
        fake.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
        fake.listed = [listed('501', T, first)];
        return fake;
      },
      batchWindowMs: 10,
      walkDelaysMs: [20, 40],
    },
  });
  const firstReply = contentOf(await bot.bot.handle(push(first), 'acme', log));
  await bot.background.drain();
  const say = async (text: string) => contentOf(await bot.bot.handle(push(text), 'acme', log));
  return { bot, firstReply, say };
}

describe('profile commands inside the bot', () => {
  it('profile shows the console fields with their source, the person code and the fields not set; set adds a chat field shown with its time', async () => {
    const { bot, firstReply, say } = await identified('profile');
    expect(firstReply).toMatch(new RegExp(`^Your profile \\(person code ${PERSON_CODE.source}\\)`));
    const before = await say('profile');
    expect(before.split('\n')[1]).toBe('Known through: acme (platform wx)');
    expect(before).toContain('nickname: Alice\n  from the console of account acme (wx)');
    expect(before).toContain('seen by: circles');
    expect(before).toMatch(/Not set: name, phone, email/);

    const set = await say('set email li@example.com');
    expect(set).toMatch(/^Your email is now: li@example\.com \(from chat \(account acme\), \d{4}-\d\d-\d\d \d\d:\d\d UTC\)\.$/);
    const after = await say('PROFILE');
    const stored = (await bot.profiles.profileOf((await bot.persons.findByAccount('acme', OPEN))!.personId))!.items.find((i) => i.field === 'email')!;
    expect(after).toContain(`email: li@example.com\n  from chat (account acme), ${whenText(stored.sourceUpdatedAt)}; seen by: nobody`);
    expect(after).not.toMatch(/Not set: .*email/);
    await bot.close();
  });

  it('资料 and 设置 answer in Chinese; full-width spaces and colons separate, the value keeps its spaces and punctuation as typed', async () => {
    const { bot, firstReply, say } = await identified('资料');
    expect(firstReply).toMatch(new RegExp(`^你的资料（编号 ${PERSON_CODE.source}）`));
    // The console profile is merged after the first reply (never inside it): it shows from the next one.
    expect(await say('资料')).toContain('昵称：Alice\n  来自wx 平台 acme 公众号的后台');
    const set = await say('设置\u3000昵称：爱丽丝，  你好');
    expect(set).toMatch(/^昵称现在是：爱丽丝， {2}你好（来自聊天（acme 公众号），\d{4}-\d\d-\d\d \d\d:\d\d UTC）。$/);
    const after = await say('资料');
    expect(after).toContain('昵称：爱丽丝，  你好\n  来自聊天（acme 公众号）');
    expect(after).toContain('可见：圈友');
    expect(await say('设置 简介:写代码')).toMatch(/^简介现在是：写代码/);
    await bot.close();
  });

  it('set refuses, in the language written, saying what to do instead', async () => {
    const { bot, say } = await identified('profile');
    expect(await say('set phone 13800138000')).toBe('Not set: a phone number is set only by `bind` and its SMS code (coming soon).');
    expect(await say('设置 手机 13800138000')).toBe('没有设置：手机号只能通过短信验证码绑定（“绑定”，即将推出）。');
    expect(await say('设置 邮箱 不是邮箱')).toBe('没有设置：邮箱格式不对，例如 li@example.com。请改好后再发“设置 邮箱 <值>”。');
    expect(await say(`set about ${'x'.repeat(501)}`)).toBe('Not set: the about is at most 500 characters. Fix it and send "set about <value>" again.');
    expect(await say('set shoesize 42')).toMatch(/^There is no field "shoesize"\. Fields: name, nickname, .*about\.$/);
    expect(await say('set email')).toBe('Say the email too, e.g. set email <value>');
    expect(await say('设置')).toMatch(/^请写上字段，例如：设置 邮箱 li@example\.com可用字段：姓名、昵称/);
    expect(await say('profile')).not.toContain('phone: ');
    await bot.close();
  });

  it('clear removes a field set in chat, refuses a console field (change it there or hide it), and says when a field was not set', async () => {
    const { bot, say } = await identified('profile');
    await say('set email li@example.com');
    expect(await say('clear email')).toBe('Cleared your email (it was: li@example.com).');
    expect(await say('profile')).toMatch(/Not set: .*email/);
    expect(await say('清除 邮箱')).toBe('邮箱本来就没有设置。发送“资料”查看你的资料。');
    expect(await say('clear nickname')).toBe(
      'Your nickname comes from the console of account acme (wx), so it cannot be cleared here: change it there, or hide it with "share nickname nobody".',
    );
    expect(await say('清除 昵称')).toMatch(/^昵称来自wx 平台 acme 公众号的后台，这里删不掉/);
    expect(await say('profile')).toContain('nickname: Alice');
    expect(await say('clear phone')).toBe('A phone number cannot be removed here (SMS binding and `unbind` are coming soon).');
    expect(await say('clear')).toMatch(/^Say which field, e\.g\. clear email Fields: /);
    await bot.close();
  });

  it('share answers with the new audience in words, and privacy then shows every setting', async () => {
    const { bot, say } = await identified('profile');
    expect(await say('share email contacts')).toBe('Now seen by:\nemail: contacts');
    expect(await say('公开 签名 所有人')).toBe('现在能看到的人：\n签名：所有人');
    expect(await say('share email circle：q7k2px')).toBe('Now seen by:\nemail: contacts + circle Q7K2PX');
    const privacy = await say('privacy');
    expect(privacy.split('\n')).toHaveLength(1 + 13 + 1);
    expect(privacy).toContain('email: contacts + circle Q7K2PX');
    expect(privacy).toContain('signature: everyone');
    expect(privacy).toContain('name: nobody');
    expect(privacy).toContain('status: contacts');
    expect(await say('隐私')).toContain('邮箱：联系人 + 圈 Q7K2PX');
    expect(await say('profile')).toContain('signature: sig 501\n  from the console of account acme (wx), ');
    expect(await say('profile')).toMatch(/signature: sig 501\n.*seen by: everyone/);
    expect(await say('公开 全部 仅自己')).toMatch(/^现在能看到的人：\n姓名：仅自己\n(.+：仅自己\n){11}状态：仅自己$/);
    expect(await say('share email friends')).toMatch(/^"friends" is not an audience\. Choose nobody, contacts/);
    expect(await say('share email')).toMatch(/^Say the field and the audience, e\.g\. share email contacts/);
    await bot.close();
  });

  it('a profile full of long values fits one chat reply, shortened at whole characters', async () => {
    const { bot, say } = await identified('profile');
    const long = '长'.repeat(40);
    for (const field of ['姓名', '公司', '职位', '地址', '网站', '简介']) {
      const value = field === '网站' ? `https://example.com/${'a'.repeat(150)}` : field === '地址' || field === '简介' ? '长'.repeat(200) : long;
      expect(await say(`设置 ${field} ${value}`)).toMatch(/现在是/);
    }
    expect(await say(`设置 签名 ${'👍🏽'.repeat(60)}`)).toMatch(/现在是/);
    const profile = await say('资料');
    expect(Buffer.byteLength(profile, 'utf8')).toBeLessThanOrEqual(CHAT_TEXT_MAX_BYTES);
    expect(profile).toContain('…');
    expect(profile).toMatch(/^你的资料（编号 /);
    expect(profile).toContain('简介：');
    expect(profile).not.toMatch(/\u{1F44D}(?!\u{1F3FD})|(?<!\u{1F44D})\u{1F3FD}/u);
    expect(profile).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|\ufffd/);
    await bot.close();
  });

  it('an account without a console says it cannot keep a profile', async () => {
    const bot = createTestBot();
    const reply = contentOf(await bot.bot.handle(push('profile', ACCOUNT), 'acme', log));
    expect(reply).toBe('This account is not connected to its admin console, so I cannot tell who you are or keep a profile for you.');
    await bot.close();
  });
});
