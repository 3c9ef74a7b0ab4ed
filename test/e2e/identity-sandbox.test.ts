/**
 * End to end over real HTTP: the bot (compose + Express on loopback) against the sandbox
 * platform (sandbox/), which pushes signed XML to the bot and serves the console the bot
 * scrapes. Nothing is mocked between them.
 */
import request from 'supertest';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import { SandboxControl } from '../../sandbox/control-client';
import type { Account } from '../../src/config/account';
import { capturingLogger, eventually, startBotServer, type BotServer } from '../builders/bot-server';
import { embeddedStores } from '../builders/test-bot';

jest.setTimeout(90_000);

const ORIGINAL_ID = 'gh_3a7f9c21b04e';
const TOKEN = 'e2etoken';
const USERNAME = 'owner@acme';
const PASSWORD = 'console-pass-1';

let sandbox: RunningSandbox;
let control: SandboxControl;
let bot: BotServer;
let dataDir: string;
const logLines: string[] = [];
const people: Array<{ fakeId: string; openId?: string }> = [];

const account = (): Account => ({
  id: 'acme', originalId: ORIGINAL_ID, token: TOKEN, mode: 'plain',
  console: { url: sandbox.url, username: USERNAME, password: PASSWORD },
});

async function startBot(port = 0): Promise<BotServer> {
  const stores = embeddedStores(dataDir); // same files, fresh in-process cache: the hardest restart
  return startBotServer({
    accounts: [account()],
    stores,
    port,
    logger: capturingLogger(logLines),
    identity: { walkDelaysMs: [300, 600, 1200, 2400, 4800, 9600] },
  });
}

async function knownFakeId(openId: string): Promise<string | null> {
  return (await bot.lianluo.identity.known('acme', openId))?.fakeId ?? null;
}

/** True once the follower is tied and the profile is stored too. */
async function fullyKnown(openId: string): Promise<boolean> {
  return (await bot.lianluo.identity.known('acme', openId))?.profile !== undefined;
}

const logins = async () => (await control.requests('acme')).filter((r) => r.action === 'login').length;

async function newPerson(i: number): Promise<string> {
  const { fakeId } = await control.addPerson({
    nickName: `Person ${i}`, userName: `person${i}`, signature: `signature ${i}`, country: '中国', province: '广东', city: '深圳', gender: i % 2 === 0 ? 1 : 2,
  });
  return fakeId;
}

beforeAll(async () => {
  sandbox = await startSandbox({ knobs: { skew: { min: -1, max: 3 }, seed: 7, latencyMs: 5, captchaAfterLogins: 20, pushTimeoutMs: 5000 } });
  control = new SandboxControl(sandbox.url);
  dataDir = embeddedStores().dataDir;
  bot = await startBot();
  await control.addAccount({ id: 'acme', username: USERNAME, password: PASSWORD, token: TOKEN, webhookUrl: `${bot.url}/webhooks/acme`, originalId: ORIGINAL_ID });
});

afterAll(async () => {
  await bot?.close();
  await sandbox?.close();
});

describe('identity resolution against the sandbox platform', () => {
  it('twenty followers who follow and write with skew and collisions are each tied to the right person, none to a wrong one', async () => {
    for (let i = 0; i < 20; i += 1) people.push({ fakeId: await newPerson(i) });
    // Ten follow with a subscribe push (beacon walk); ten follow silently and only write.
    const follows = await Promise.all(people.map((p, i) => control.follow({ account: 'acme', fakeId: p.fakeId, push: i < 10 })));
    follows.forEach((f, i) => (people[i]!.openId = f.openId));
    await control.knobs({ keywords: ['价格'] }); // a keyword auto-reply hides such messages unless filterivrmsg=0
    const at = Math.floor(Date.now() / 1000);
    await Promise.all([
      // Five write the same text in the same second: the time match cannot tell them apart.
      ...people.slice(10, 15).map((p) => control.send({ account: 'acme', fakeId: p.fakeId, type: 'text', content: 'hi', at })),
      // Five write different texts in that same second, one of them twice.
      ...people.slice(15, 20).map((p, i) => control.send({ account: 'acme', fakeId: p.fakeId, type: 'text', content: i === 4 ? '请问价格是多少' : `hello number ${i}\nsecond line & more`, at })),
      control.send({ account: 'acme', fakeId: people[16]!.fakeId, type: 'text', content: 'and again', at }),
      // A subscriber writes too, with a location.
      control.send({ account: 'acme', fakeId: people[0]!.fakeId, type: 'location', location: { lat: 22.54, lng: 114.06, label: '深圳湾' }, at }),
    ]);
    const allKnown = await eventually(async () => (await Promise.all(people.map((p) => fullyKnown(p.openId!)))).every(Boolean), 45_000, 250);
    const truth = await control.follows('acme');
    const tied = await Promise.all(people.map((p) => knownFakeId(p.openId!)));
    const wrong = people.filter((p, i) => tied[i] !== null && tied[i] !== p.fakeId);
    expect(wrong).toEqual([]);
    expect(allKnown).toBe(true);
    expect(truth.map((t) => t.openId).sort()).toEqual(people.map((p) => p.openId).sort());
    expect(new Set(tied).size).toBe(20);
    const strategies = await Promise.all(people.map(async (p) => (await bot.lianluo.identity.known('acme', p.openId!))!.strategy));
    expect(strategies.slice(0, 10)).toEqual(Array(10).fill('beacon')); // subscribes: events never show in the message list
    expect(strategies.slice(10, 15)).toEqual(Array(5).fill('beacon')); // same text, same second: no guess, the beacon settles it
    expect(strategies.slice(15, 20)).toEqual(Array(5).fill('time-match'));
    const profile = (await bot.lianluo.identity.known('acme', people[3]!.openId!))!.profile;
    expect(profile).toMatchObject({ nickName: 'Person 3', signature: 'signature 3', city: '深圳', gender: 2 });

    // /metrics agrees with what the sandbox saw: every console request counted, every tie by its strategy.
    const metrics = async () => (await fetch(`${bot.url}/metrics`)).text();
    const consoleRequests = (text: string) => text.split('\n')
      .filter((line) => line.startsWith('lianluo_console_requests_total{account="acme"'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    const seen = async () => (await control.requests('acme')).length;
    expect(await eventually(async () => consoleRequests(await metrics()) === (await seen()), 5000)).toBe(true);
    const text = await metrics();
    expect(text).toContain('lianluo_identity_resolutions_total{account="acme",strategy="beacon",outcome="tied"} 15');
    expect(text).toContain('lianluo_identity_resolutions_total{account="acme",strategy="time-match",outcome="tied"} 5');
    expect(text).toContain('lianluo_console_requests_total{account="acme",endpoint="login",outcome="ok"} 1');
  });

  it('a restart keeps every identity without a console call', async () => {
    const port = bot.port;
    await bot.close();
    bot = await startBot(port);
    await control.clearRequests();
    const replies = await Promise.all(people.map((p) => control.send({ account: 'acme', fakeId: p.fakeId, type: 'text', content: 'whoami' })));
    replies.forEach((r, i) => expect(r.reply?.content).toContain(`FakeID ${people[i]!.fakeId} ·`));
    expect((await control.requests('acme')).map((r) => `${r.action} ${r.status}`)).toEqual([]);
  });

  it('an expired session is renewed with one login and the call retried once', async () => {
    const first = await newPerson(100);
    const { openId: firstOpenId } = await control.follow({ account: 'acme', fakeId: first, push: false });
    await control.send({ account: 'acme', fakeId: first, type: 'text', content: 'first after restart' });
    expect(await eventually(async () => (await knownFakeId(firstOpenId)) === first && (await fullyKnown(firstOpenId)), 15_000)).toBe(true);

    await control.expireSessions('acme');
    await control.clearRequests();
    const second = await newPerson(101);
    const { openId } = await control.follow({ account: 'acme', fakeId: second, push: false });
    await control.send({ account: 'acme', fakeId: second, type: 'text', content: 'after the session expired' });
    expect(await eventually(async () => (await knownFakeId(openId)) === second && (await fullyKnown(openId)), 15_000)).toBe(true);
    expect(await logins()).toBe(1);
  });

  it('active messages go out through the console, and wait in the outbox under the 48-hour rule', async () => {
    const person = people[5]!;
    const target = { accountId: 'acme', openId: person.openId!, pushKey: 'e2e-late-1' };
    await bot.lianluo.bot.deliverLate(target, { type: 'text', content: 'a late answer' });
    const sent = await control.sent('acme');
    expect(sent).toContainEqual(expect.objectContaining({ via: 'singlesend', fakeId: person.fakeId, content: 'a late answer' }));

    await control.advanceClock(49 * 3600);
    await bot.lianluo.bot.deliverLate({ ...target, pushKey: 'e2e-late-2' }, { type: 'text', content: 'too late to send' });
    expect(await bot.lianluo.outbox.takeTexts({ account: 'acme', openId: person.openId! })).toEqual(['too late to send']);
  });

  it('a wrong password stops automatic logins, and /readyz and the log say what to do', async () => {
    await control.patchAccount('acme', { password: 'changed-by-the-owner' });
    await control.expireSessions('acme');
    await control.clearRequests();
    const person = await newPerson(102);
    const { openId } = await control.follow({ account: 'acme', fakeId: person, push: false });
    const result = await control.send({ account: 'acme', fakeId: person, type: 'text', content: 'will not be identified' });
    expect(result.reply?.content).toContain('did not understand');
    expect(await eventually(async () => (await logins()) === 1, 10_000)).toBe(true);
    expect(await eventually(async () => logLines.some((l) => l.includes('wrong username or password')), 10_000)).toBe(true);

    const ready = await request(bot.url).get('/readyz');
    const acme = ready.body.accounts.find((a: { id: string }) => a.id === 'acme');
    expect(acme.console).toContain('needs its owner');
    expect(acme.console).toContain('Fix console.username/console.password in ACCOUNTS_FILE');

    const other = await newPerson(103);
    await control.follow({ account: 'acme', fakeId: other, push: false });
    const whoami = await control.send({ account: 'acme', fakeId: other, type: 'text', content: 'whoami' });
    expect(whoami.attempts).toBe(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await logins()).toBe(1);
    expect(await knownFakeId(openId)).toBeNull();
    expect(logLines.join('\n')).not.toContain(PASSWORD);
    expect(logLines.join('\n')).not.toContain('changed-by-the-owner');
  });
});
