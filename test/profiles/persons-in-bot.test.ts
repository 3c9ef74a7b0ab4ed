import pino from 'pino';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import type { Command } from '../../src/bot/command';
import type { Account } from '../../src/config/account';
import { identityModel } from '../../src/identity/identity.model';
import { personModel } from '../../src/profiles/person.model';
import { migrationMarkerModel } from '../../src/stores/migration-marker.model';
import { FakeConsole, listed } from '../builders/fake-console';
import { createTestBot, embeddedStores } from '../builders/test-bot';

const T = Math.floor(Date.now() / 1000);
const log = pino({ level: 'silent' });
const OPEN_ACME = 'oAcmeAAAAAAAAAAAAAAAAAAAAAAA';
const OPEN_CLUB = 'oClubBBBBBBBBBBBBBBBBBBBBBBB';
const console_ = (id: string) => ({ url: `http://${id}.console.test`, username: id, password: 'pw' });
const acme: Account = { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', mode: 'plain', console: console_('acme') };
const club: Account = { id: 'club', originalId: 'gh_0123456789ab', token: 'clubtoken', mode: 'plain', console: console_('club') };

/** Answers with the sender's person code: what a profile command will build on. */
const personProbe: Command = {
  key: 'code',
  aliases: { zh: ['编号'], en: ['code'] },
  summary: { zh: '编号', en: 'code' },
  usage: { zh: '编号', en: 'code' },
  needsIdentity: true,
  async run(ctx) {
    return `person ${(await ctx.person())?.code ?? 'unknown'}`;
  },
};

let msgId = 9_000_000;
const text = (account: Account, openId: string, content: string): Push => ({
  kind: 'message', msgType: 'text', toUserName: account.originalId, fromUserName: openId, createTime: T, msgId: String(msgId++), content,
});
const contentOf = (reply: Reply | null) => (reply?.type === 'text' ? reply.content : '');

/** A bot over `accounts`, each console listing the FakeID 501 writing `code` (the same person on each account). */
function setup(accounts: Account[], stores = embeddedStores()) {
  const consoles = new Map<string, FakeConsole>();
  const bot = createTestBot({
    accounts,
    stores,
    extraCommands: [personProbe],
    identity: {
      consoleFactory: (credentials) => {
        const fake = new FakeConsole();
        fake.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
        fake.listed = [listed('501', T, 'code')];
        consoles.set(credentials.username, fake);
        return fake;
      },
      batchWindowMs: 10,
      walkDelaysMs: [20, 40],
    },
  });
  return { bot, stores, consoles };
}

describe('persons inside the bot', () => {
  it('a follower of two accounts on one platform is one person from the first message', async () => {
    const { bot, stores } = setup([acme, club]);
    const here = contentOf(await bot.bot.handle(text(acme, OPEN_ACME, 'code'), 'acme', log));
    const there = contentOf(await bot.bot.handle(text(club, OPEN_CLUB, 'code'), 'club', log));
    expect(here).toMatch(/^person [2-9A-HJ-NP-Z]{7}$/);
    expect(there).toBe(here);
    await bot.background.drain();
    expect(await stores.documents.collection(personModel).count({})).toBe(1);
    expect(await bot.persons.findByAccount('club', OPEN_CLUB)).toEqual(await bot.persons.findByAccount('acme', OPEN_ACME));
    // `profile` names both accounts, whichever of them it is asked through.
    for (const [account, openId] of [[acme, OPEN_ACME], [club, OPEN_CLUB]] as const) {
      const profile = contentOf(await bot.bot.handle(text(account, openId, 'profile'), account.id, log));
      expect(profile.split('\n').slice(0, 2)).toEqual([`Your profile (person code ${here.slice('person '.length)})`, 'Known through: acme, club (platform default)']);
    }
    await bot.close();
  });

  it('the same FakeID on accounts of two platforms is two persons', async () => {
    const { bot, stores } = setup([acme, { ...club, platform: 'elsewhere' }]);
    const here = contentOf(await bot.bot.handle(text(acme, OPEN_ACME, 'code'), 'acme', log));
    const there = contentOf(await bot.bot.handle(text(club, OPEN_CLUB, 'code'), 'club', log));
    expect(there).toMatch(/^person [2-9A-HJ-NP-Z]{7}$/);
    expect(there).not.toBe(here);
    await bot.background.drain();
    expect(await stores.documents.collection(personModel).count({})).toBe(2);
    await bot.close();
  });

  it('a tie gets its person even when no command asks for it', async () => {
    const { bot } = setup([acme]);
    await bot.identity.resolve(text(acme, OPEN_ACME, 'code'), 'acme', log);
    await bot.background.drain();
    expect(await bot.persons.findByAccount('acme', OPEN_ACME)).toMatchObject({ code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{7}$/) });
    await bot.close();
  });

  it('ties stored before persons existed become persons at start-up, without a console call', async () => {
    const stores = embeddedStores();
    const at = new Date('2026-11-24T08:00:00Z');
    await stores.documents.collection(identityModel).insertOne({ accountId: 'acme', openId: OPEN_ACME, fakeId: '777', strategy: 'beacon', resolvedAt: at });
    await stores.documents.collection(identityModel).insertOne({ accountId: 'club', openId: OPEN_CLUB, fakeId: '777', strategy: 'time-match', resolvedAt: at });
    const { bot, consoles } = setup([acme, club], stores);
    await bot.background.drain();
    expect([...consoles.values()].flatMap((fake) => fake.calls)).toEqual([]);
    const person = await bot.persons.findByAccount('acme', OPEN_ACME);
    expect(person).not.toBeNull();
    expect(await bot.persons.findByAccount('club', OPEN_CLUB)).toEqual(person);
    expect(await stores.documents.collection(migrationMarkerModel).count({ name: 'identities-to-persons' })).toBe(1);
    await bot.close();
  });
});
