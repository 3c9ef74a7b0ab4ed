/**
 * Profiles end to end over real HTTP: the bot against the sandbox platform, nothing mocked
 * between them. One person who follows two accounts of one platform; a nickname changed on the
 * platform that shows in `profile` once the bot fetches the console profile again; a card that
 * shows nothing until its owner shares, then the shared field in chat and in its vCard link; and two
 * sandboxes playing two platforms, configured through an accounts file's `platform` field, where
 * the same human is two persons.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import { SandboxControl } from '../../sandbox/control-client';
import type { Account } from '../../src/config/account';
import { loadAccountsFile } from '../../src/config/accounts-file';
import { eventually, startBotServer, type BotServer } from '../builders/bot-server';
import { embeddedStores } from '../builders/test-bot';

jest.setTimeout(90_000);

const ALICE = { nickName: 'Alice', userName: 'alice_w', signature: 'coffee first', country: '中国', province: '广东', city: '广州', gender: 2 as const };
const CODE = /^Your profile \(person code ([2-9A-HJ-NP-Z]{7})\)$/;
const IDENTITY = { walkDelaysMs: [100, 200, 400, 800, 1600, 3200], batchWindowMs: 50 };

/** The bot's accounts for `sandbox`, registered there with webhooks to `bot`. */
async function register(control: SandboxControl, bot: BotServer, accounts: readonly Account[]): Promise<void> {
  for (const account of accounts) {
    const { username, password } = account.console!;
    await control.addAccount({ id: account.id, originalId: account.originalId, username, password, token: account.token, webhookUrl: `${bot.url}/webhooks/${account.id}` });
  }
}

/** Follows `account` (a subscribe push), writes to it, and waits until the bot knows the follower and their console profile. */
async function followAndWrite(bot: BotServer, control: SandboxControl, account: string, fakeId: string): Promise<string> {
  const { openId } = await control.follow({ account, fakeId });
  await control.send({ account, fakeId, type: 'text', content: 'hello' });
  const known = await eventually(async () => (await bot.lianluo.identity.known(account, openId))?.profile !== undefined, 20_000);
  if (!known) throw new Error(`${fakeId} was not identified on ${account}`);
  await bot.lianluo.background.drain(); // the person and the console items are made after the reply
  return openId;
}

/** What the bot answers `profile` sent to `account`, as its lines. */
async function profileLines(control: SandboxControl, account: string, fakeId: string): Promise<string[]> {
  return ((await control.send({ account, fakeId, type: 'text', content: 'profile' })).reply?.content ?? '').split('\n');
}

describe('two accounts on one platform, one sandbox', () => {
  let sandbox: RunningSandbox;
  let control: SandboxControl;
  let bot: BotServer;
  const accounts = (): Account[] => ['acme', 'club'].map((id, i) => ({
    id, originalId: `gh_00000000000${i + 1}`, token: `${id}token`, mode: 'plain',
    console: { url: sandbox.url, username: `owner@${id}`, password: `${id}-console-pw` },
  }));

  beforeAll(async () => {
    sandbox = await startSandbox({ knobs: { latencyMs: 2 } });
    control = new SandboxControl(sandbox.url);
    bot = await startBotServer({ accounts: accounts(), stores: embeddedStores(), identity: IDENTITY });
    await register(control, bot, accounts());
  });
  afterAll(async () => {
    await bot?.close();
    await sandbox?.close();
  });

  let fakeId: string;
  const openIds: Record<string, string> = {};

  it('a person who follows both accounts and writes to each is one person: the same code, known through both', async () => {
    fakeId = (await control.addPerson(ALICE)).fakeId;
    for (const account of ['acme', 'club']) openIds[account] = await followAndWrite(bot, control, account, fakeId);
    const [acme, club] = [await profileLines(control, 'acme', fakeId), await profileLines(control, 'club', fakeId)];
    expect(acme[0]).toMatch(CODE);
    expect(club[0]).toBe(acme[0]);
    expect(acme[1]).toBe('Known through: acme, club (platform default)');
    expect(club[1]).toBe(acme[1]);
    expect(acme.join('\n')).toContain('nickname: Alice\n  from the console of account');
    const person = await bot.lianluo.persons.findByAccount('acme', openIds.acme!);
    expect(await bot.lianluo.persons.findByAccount('club', openIds.club!)).toEqual(person);
    expect((await bot.lianluo.persons.identitiesOf(person!.personId)).map((i) => ({ platform: i.platform, fakeId: i.fakeId }))).toEqual([{ platform: 'default', fakeId }]);
  });

  it('a nickname and region changed on the platform show in profile once the bot fetches the console profile again', async () => {
    const patched = await control.patchPerson(fakeId, { nickName: 'Alice Wang', province: '北京', city: '海淀' });
    expect(patched).toMatchObject({ fakeId, nickName: 'Alice Wang', city: '海淀' });
    // Nothing refetched yet: the bot still shows what the console said before.
    expect((await profileLines(control, 'acme', fakeId)).join('\n')).toContain('nickname: Alice\n');

    const known = await bot.lianluo.identity.known('acme', openIds.acme!);
    const refreshed = await bot.lianluo.identity.refreshProfile(known!);
    expect(refreshed?.profile).toMatchObject({ nickName: 'Alice Wang', province: '北京', city: '海淀' });
    await bot.lianluo.background.drain();

    const after = (await profileLines(control, 'club', fakeId)).join('\n');
    expect(after).toContain('nickname: Alice Wang\n  from the console of account acme (default)');
    expect(after).toContain('region: 中国 北京 海淀');
    expect(after).not.toContain('nickname: Alice\n');
  });

  it('permission denies, then allows after share: the chat card and its vCard link show only what the owner shares', async () => {
    const aliceCode = CODE.exec((await profileLines(control, 'acme', fakeId))[0]!)![1]!;
    const bob = (await control.addPerson({ ...ALICE, nickName: 'Bob', userName: 'bob_l', gender: 1 })).fakeId;
    await followAndWrite(bot, control, 'club', bob);
    const card = async (): Promise<string> =>
      (await control.send({ account: 'club', fakeId: bob, type: 'text', content: `card ${aliceCode.toLowerCase()}` })).reply?.content ?? '';

    expect(await control.send({ account: 'acme', fakeId, type: 'text', content: 'set email alice@example.com' })).toBeDefined();
    const denied = await card();
    expect(denied).toContain(`${aliceCode} shares nothing with you`);
    expect(denied).not.toContain('alice@example.com');
    expect(denied).not.toContain('/cards/');

    await control.send({ account: 'acme', fakeId, type: 'text', content: 'share email everyone' });
    const allowed = await card();
    expect(allowed).toContain('alice@example.com');
    expect(allowed).not.toContain('Alice Wang'); // the nickname is still for circles only
    const link = /http:\/\/127\.0\.0\.1:\d+\/cards\/[A-Za-z0-9_-]+\.vcf/.exec(allowed)?.[0];
    expect(link).toBeDefined();
    const vcard = await fetch(link!);
    expect(vcard.status).toBe(200);
    const text = await vcard.text();
    expect(text).toMatch(/^EMAIL[^:\r\n]*:alice@example\.com\r$/m);
    expect(text).not.toContain('Alice Wang');

    // Judged again at download time: taken back, the same link shows no email any more.
    await control.send({ account: 'acme', fakeId, type: 'text', content: 'share email nobody' });
    expect(await (await fetch(link!)).text()).not.toContain('alice@example.com');
  });
});

describe('two sandboxes as two platforms, accounts file with platform', () => {
  let first: RunningSandbox;
  let second: RunningSandbox;
  let bot: BotServer;

  beforeAll(async () => {
    first = await startSandbox();
    second = await startSandbox({ platform: 'lab', fakeIdSpace: 1 });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lianluo-platforms-')), 'accounts.json');
    writeFileSync(file, JSON.stringify([
      { id: 'acme', originalId: 'gh_0000000000a1', token: 'acmetoken', console: { url: first.url, username: 'owner@acme', password: 'acme-pw' } },
      { id: 'lab', originalId: 'gh_0000000000b1', token: 'labtoken', platform: 'lab', console: { url: second.url, username: 'owner@lab', password: 'lab-pw' } },
    ]));
    const accounts = loadAccountsFile(file, {});
    expect(accounts.map((a) => a.platform)).toEqual([undefined, 'lab']);
    bot = await startBotServer({ accounts, stores: embeddedStores(), identity: IDENTITY });
    await register(new SandboxControl(first.url), bot, accounts.slice(0, 1));
    await register(new SandboxControl(second.url), bot, accounts.slice(1));
  });
  afterAll(async () => {
    await bot?.close();
    await Promise.all([first?.close(), second?.close()]);
  });

  it('the same human on both platforms is two persons, each known through its own account', async () => {
    const [onFirst, onSecond] = [new SandboxControl(first.url), new SandboxControl(second.url)];
    expect(await onSecond.platformIdentity()).toEqual({ name: 'lab', fakeIdSpace: 1, smsInboxUrl: second.url });
    const [a, b] = [(await onFirst.addPerson(ALICE)).fakeId, (await onSecond.addPerson(ALICE)).fakeId];
    expect(b).not.toBe(a);
    const openA = await followAndWrite(bot, onFirst, 'acme', a);
    const openB = await followAndWrite(bot, onSecond, 'lab', b);

    const [here, there] = [await profileLines(onFirst, 'acme', a), await profileLines(onSecond, 'lab', b)];
    expect(here[0]).toMatch(CODE);
    expect(there[0]).toMatch(CODE);
    expect(there[0]).not.toBe(here[0]);
    expect(here[1]).toBe('Known through: acme (platform default)');
    expect(there[1]).toBe('Known through: lab (platform lab)');
    expect(there.join('\n')).toContain('nickname: Alice\n  from the console of account lab (lab)');

    const [personA, personB] = [await bot.lianluo.persons.findByAccount('acme', openA), await bot.lianluo.persons.findByAccount('lab', openB)];
    expect(personB!.personId).not.toBe(personA!.personId);
    expect((await bot.lianluo.persons.identitiesOf(personB!.personId)).map((i) => [i.platform, i.fakeId])).toEqual([['lab', b]]);
  });
});
