/**
 * The demo in-process (`startDemo`, as `npm start` runs it with nothing configured): two
 * platforms, each played by its own sandbox. On the first, two accounts and 李雷 following both,
 * so `profile` shows one person known through both accounts, whichever of them he asks. On the
 * second, one account; 韩梅梅 is on both platforms, two persons until she binds one phone.
 */
import { createServer } from 'node:net';
import pino from 'pino';
import { SandboxControl } from '../../sandbox/control-client';
import { demoBanner } from '../../src/demo/demo-banner';
import { startDemo, type RunningDemo } from '../../src/demo/start-demo';
import { openStores } from '../../src/stores/open-stores';
import { eventually } from '../builders/bot-server';
import { sha1Sorted, NONCE, TIMESTAMP } from '../builders/push-request';

jest.setTimeout(60_000);

let demo: RunningDemo;
let control: SandboxControl;
let linkup: SandboxControl;

const logger = pino({ level: 'silent' });
const stores = () => openStores({ dataDir: '' }, logger, { inMemoryDocuments: true });

beforeAll(async () => {
  demo = await startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores: await stores(), logger, sandboxPort: 0, identity: { walkDelaysMs: [100, 200, 400, 800, 1600] } });
  control = new SandboxControl(demo.sandboxUrl);
  linkup = new SandboxControl(demo.platforms[1]!.sandbox.url);
});

afterAll(async () => {
  await demo?.close();
});

/** Waits until the bot has identified the followers of `account` (the subscribes at start-up are walked in the background). */
async function identified(account: string, sandbox: SandboxControl): Promise<void> {
  const openIds = (await sandbox.follows(account)).map((f) => f.openId);
  expect(await eventually(async () => (await Promise.all(openIds.map((openId) => demo.lianluo.identity.known(account, openId)))).every((k) => k?.profile), 20_000)).toBe(true);
  await demo.lianluo.background.drain();
}

/** The person code and the "known through" line of a `资料` answer. */
async function profileOf(sandbox: SandboxControl, account: string, fakeId: string): Promise<{ code?: string; known: string; text: string }> {
  const text = (await sandbox.send({ account, fakeId, type: 'text', content: '资料' })).reply?.content ?? '';
  return { code: /^你的资料（编号 ([2-9A-HJ-NP-Z]{7})）/.exec(text)?.[1], known: text.split('\n')[1] ?? '', text };
}

describe('the demo', () => {
  it('registers three accounts on the bot, each with its own token and webhook, and each on its platform’s sandbox', async () => {
    expect(demo.accounts.map(({ id, token, platform }) => ({ id, token, platform }))).toEqual([
      { id: 'demo', token: 'demo', platform: 'default' }, { id: 'demo2', token: 'demo2', platform: 'default' }, { id: 'demo3', token: 'demo3', platform: 'linkup' },
    ]);
    expect(demo.accounts.map((a) => a.webhookUrl)).toEqual(['demo', 'demo2', 'demo3'].map((id) => `${demo.botUrl}/webhooks/${id}`));
    expect(demo.webhookUrl).toBe(demo.accounts[0]!.webhookUrl);
    for (const [sandbox, ids] of [[control, ['demo', 'demo2']], [linkup, ['demo3']]] as const) {
      const onSandbox = await sandbox.accounts();
      expect(onSandbox.map((a) => a.id)).toEqual(ids);
      for (const account of onSandbox) expect(account.menu.map((m) => m.key)).toEqual(['help', 'whoami', 'profile']);
    }
    for (const { id, token, webhookUrl } of demo.accounts) {
      // The platform's URL check (handshake) passes with each account's own token, and only with it.
      const signed = (with_: string) => `signature=${sha1Sorted(with_, TIMESTAMP, NONCE)}&timestamp=${TIMESTAMP}&nonce=${NONCE}&echostr=ok-${id}`;
      expect(await (await fetch(`${webhookUrl}?${signed(token)}`)).text()).toBe(`ok-${id}`);
      expect((await fetch(`${webhookUrl}?${signed(token === 'demo' ? 'demo2' : 'demo')}`)).status).toBe(401);
    }
    const ready = (await (await fetch(`${demo.botUrl}/readyz`)).json()) as { accounts: Array<{ id: string; console: string }> };
    expect(ready.accounts.map(({ id, console }) => ({ id, console }))).toEqual(['demo', 'demo2', 'demo3'].map((id) => ({ id, console: 'configured' })));
  });

  it('runs a second sandbox playing linkup, with FakeIDs of its own, its chat page linking to the first sandbox’s SMS inbox', async () => {
    expect(demo.platforms.map(({ name, chatUrl, accounts }) => ({ name, chatUrl, accounts }))).toEqual([
      { name: 'default', chatUrl: `${demo.sandboxUrl}/`, accounts: ['demo', 'demo2'] },
      { name: 'linkup', chatUrl: `${linkup.baseUrl}/`, accounts: ['demo3'] },
    ]);
    expect(linkup.baseUrl).not.toBe(demo.sandboxUrl);
    expect(await control.platformIdentity()).toEqual({ name: 'default', fakeIdSpace: 0, smsInboxUrl: demo.sandboxUrl });
    expect(await linkup.platformIdentity()).toEqual({ name: 'linkup', fakeIdSpace: 1, smsInboxUrl: demo.sandboxUrl });
    const page = await fetch(`${linkup.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="sms-link"');

    const ids = async (sandbox: SandboxControl) => [...(await sandbox.people()).map((p) => p.fakeId), ...(await sandbox.accounts()).map((a) => a.fakeId)];
    const [first, second] = [await ids(control), await ids(linkup)];
    expect(second).toHaveLength(2);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    // Space 1: the band above the first platform's.
    expect(second.every((id) => Number(id) >= 1e9 + 2 ** 31)).toBe(true);
  });

  it('seeds 李雷 following demo and demo2, and 韩梅梅 on both platforms with different profile fields, following demo and demo3', async () => {
    const people = await control.people();
    expect(people.map((p) => p.nickName)).toEqual(['李雷', '韩梅梅', 'Alice Chen', '王小明']);
    const [liLei, han] = people;
    const [hanOnLinkup, ...others] = await linkup.people();
    expect(others).toEqual([]);
    expect((await control.follows('demo')).map((f) => f.fakeId)).toEqual([liLei!.fakeId, han!.fakeId]);
    expect((await control.follows('demo2')).map((f) => f.fakeId)).toEqual([liLei!.fakeId]);
    expect((await linkup.follows('demo3')).map((f) => f.fakeId)).toEqual([hanOnLinkup!.fakeId]);
    expect(hanOnLinkup!.fakeId).not.toBe(han!.fakeId);
    // What each console shows of her: the region on one, the signature on the other.
    expect(han).toMatchObject({ nickName: '韩梅梅', signature: '', country: '中国', province: '北京', city: '海淀', gender: 2 });
    expect(hanOnLinkup).toMatchObject({ nickName: '韩梅梅', signature: '读书，跑步', country: '', province: '', city: '', gender: 2 });
  });

  it('profile, asked through either account, shows one person known through demo and demo2', async () => {
    const liLei = (await control.people()).find((p) => p.nickName === '李雷')!;
    await identified('demo', control);
    await identified('demo2', control);
    const answers = [await profileOf(control, 'demo', liLei.fakeId), await profileOf(control, 'demo2', liLei.fakeId)];
    expect(answers[0]!.code).toBeDefined();
    expect(answers[1]!.code).toBe(answers[0]!.code);
    for (const { known, text } of answers) {
      expect(known).toBe('认识你的公众号：demo、demo2（default 平台）');
      expect(text).toContain('昵称：李雷');
    }
  });

  it('韩梅梅 is two persons before she binds a phone: one on each platform, each with that console’s fields', async () => {
    const han = (await control.people()).find((p) => p.nickName === '韩梅梅')!;
    const hanOnLinkup = (await linkup.people())[0]!;
    await identified('demo', control);
    await identified('demo3', linkup);
    const onDefault = await profileOf(control, 'demo', han.fakeId);
    const onLinkup = await profileOf(linkup, 'demo3', hanOnLinkup.fakeId);
    expect(onDefault.code).toBeDefined();
    expect(onLinkup.code).toBeDefined();
    expect(onLinkup.code).not.toBe(onDefault.code);
    expect(onDefault.known).toBe('认识你的公众号：demo（default 平台）');
    expect(onLinkup.known).toBe('认识你的公众号：demo3（linkup 平台）');
    expect(onDefault.text).toContain('地区：中国 北京 海淀');
    expect(onDefault.text).not.toContain('签名：');
    expect(onLinkup.text).toContain('签名：读书，跑步');
    expect(onLinkup.text).not.toContain('地区：');
  });

  it('prints both chat pages, the SMS inbox and how to try the merge, in English and Chinese', () => {
    const port = (url: string) => new URL(url).port;
    const lines = demoBanner(demo, 'http://localhost:3000').split('\n');
    const sms = `http://localhost:${port(demo.sandboxUrl)}/sms`;
    expect(lines).toEqual(expect.arrayContaining([
      `  Chat page 聊天页面:    http://localhost:${port(demo.sandboxUrl)}/   ← open this, pick a person, follow, send "help"`,
      `  Chat page 2 聊天页面2: http://localhost:${port(linkup.baseUrl)}/   (platform linkup: account demo3)`,
      `  SMS inbox 短信收件箱:  ${sms}   (codes the bot sends, for both platforms)`,
      '  Webhook:               http://localhost:3000/webhooks/demo  (token "demo")',
      '  Webhook 3:             http://localhost:3000/webhooks/demo3  (token "demo3", platform linkup)',
      '  李雷 follows demo and demo2 (one platform, default): as 李雷, send "profile" to either;',
      '  韩梅梅 is on both platforms (demo on default, demo3 on linkup): two persons until she binds one phone.',
      `  As 韩梅梅 in each chat page, send "bind 13800138000", read the code at ${sms}, send "verify <code>";`,
      '  then "profile" in either chat shows one person, known through demo and demo3.',
      `  “绑定 13800138000”，在 ${sms} 看验证码，再发“验证 <验证码>”；之后在任一页面发“资料”，都是同一个人。`,
    ]));
  });
});

describe('the demo’s ports', () => {
  it('close() stops the bot and both sandboxes', async () => {
    const another = await startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores: await stores(), logger, sandboxPort: 0 });
    const urls = [another.botUrl, ...another.platforms.map((platform) => platform.sandbox.url)];
    for (const url of urls) expect((await fetch(`${url}/`)).status).toBeLessThan(500);
    await another.close();
    for (const url of urls) await expect(fetch(`${url}/`)).rejects.toThrow('fetch failed');
  });

  it('puts the second platform on SANDBOX_PORT + 1, and refuses a SANDBOX_PORT with no port after it, leaving nothing running', async () => {
    // 65535 is outside Linux's ephemeral range, so nothing else holds it here.
    await expect(startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores: await stores(), logger, sandboxPort: 65535 }))
      .rejects.toThrow("the sandbox of the demo's platform linkup (SANDBOX_PORT + 1) cannot listen on port 65536; set SANDBOX_PORT to a port whose next one is free too, or 0 for any free ports");
    // The first sandbox, started on 65535, was closed again.
    const probe = createServer();
    await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(65535, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('names the second platform’s port when it is taken', async () => {
    // Hold a port, then ask for the one before it: the first sandbox gets it or names it, the second cannot.
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const held = (blocker.address() as { port: number }).port;
    try {
      await expect(startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores: await stores(), logger, sandboxPort: held - 1 }))
        .rejects.toThrow(new RegExp(`port (${held - 1} \\(EADDRINUSE\\); set SANDBOX_PORT to a free port|${held} \\(EADDRINUSE\\); set SANDBOX_PORT to a port whose next one is free too)`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
