import pino from 'pino';
import type { Push } from '../../webhooks/push';
import type { Command } from '../../src/bot/command';
import type { Account } from '../../src/config/account';
import { FakeConsole, listed } from '../builders/fake-console';
import { createTestBot } from '../builders/test-bot';

const T = Math.floor(Date.now() / 1000);
const log = pino({ level: 'silent' });
const OPEN = 'oAcmeAAAAAAAAAAAAAAAAAAAAAAA';
const acme: Account = {
  id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain',
  console: { url: 'http://acme.console.test', username: 'acme', password: 'pw' }, platform: 'wx',
};
const probe: Command = {
  key: 'probe', aliases: { zh: ['探针'], en: ['probe'] }, summary: { zh: '探针', en: 'probe' }, usage: { zh: '探针', en: 'probe' },
  needsIdentity: true,
  async run() {
    return 'ok';
  },
};
const text = (content: string): Push => ({
  kind: 'message', msgType: 'text', toUserName: acme.originalId, fromUserName: OPEN, createTime: T, msgId: '7700001', content,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('console profiles become profile items inside the bot', () => {
  it('merges the profile fetched at the tie, keeps a newer chat edit over a same-value refetch, and takes a changed console value', async () => {
    let fake: FakeConsole | undefined;
    const bot = createTestBot({
      accounts: [acme],
      extraCommands: [probe],
      identity: {
        consoleFactory: () => {
          fake = new FakeConsole();
          fake.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
          fake.listed = [listed('501', T, 'probe')];
          return fake;
        },
        batchWindowMs: 10,
        walkDelaysMs: [20, 40],
      },
    });
    await bot.bot.handle(text('probe'), 'acme', log);
    await bot.background.drain();
    const person = (await bot.persons.findByAccount('acme', OPEN))!;
    const valuesOf = async () => Object.fromEntries(((await bot.profiles.profileOf(person.personId))?.items ?? []).map((item) => [item.field, item.value]));
    expect(await valuesOf()).toEqual({ nickname: 'Alice', gender: 'female', region: '中国 广东 广州', signature: 'sig 501' });
    expect((await bot.profiles.profileOf(person.personId))!.items[0]!.source).toEqual({ kind: 'console', platform: 'wx', accountId: 'acme' });

    await tick();
    await bot.profiles.mergePacket(person.personId, 'chat', { platform: 'wx', accountId: 'acme', field: '昵称', value: '爱丽丝', at: new Date() });
    await tick();
    const known = (await bot.identity.known('acme', OPEN))!;
    await bot.identity.refreshProfile(known, log);
    await bot.background.drain();
    expect((await valuesOf()).nickname).toBe('爱丽丝');

    fake!.followers_ = [{ fakeId: '501', nickName: 'Alicia', groupId: 0 }];
    await tick();
    await bot.identity.refreshProfile(known, log);
    await bot.background.drain();
    const nickname = (await bot.profiles.profileOf(person.personId))!.items.find((item) => item.field === 'nickname')!;
    expect(nickname.value).toBe('Alicia');
    expect(nickname.history.map((past) => [past.value, past.source.kind])).toEqual([['爱丽丝', 'chat'], ['Alice', 'console']]);
    await bot.close();
  });
});
