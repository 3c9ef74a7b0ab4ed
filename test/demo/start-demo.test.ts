/**
 * The demo in-process (`startDemo`, as `npm start` runs it with nothing configured): two accounts
 * on one platform, 李雷 following both from the start, so `profile` shows one person known
 * through both accounts, whichever of them he asks.
 */
import pino from 'pino';
import { SandboxControl } from '../../sandbox/control-client';
import { startDemo, type RunningDemo } from '../../src/demo/start-demo';
import { openStores } from '../../src/stores/open-stores';
import { eventually } from '../builders/bot-server';
import { sha1Sorted, NONCE, TIMESTAMP } from '../builders/push-request';

jest.setTimeout(60_000);

let demo: RunningDemo;
let control: SandboxControl;

beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  const stores = await openStores({ dataDir: '' }, logger, { inMemoryDocuments: true });
  demo = await startDemo({ config: { port: 0, replyBudgetMs: 4500 }, stores, logger, sandboxPort: 0, identity: { walkDelaysMs: [100, 200, 400, 800, 1600] } });
  control = new SandboxControl(demo.sandboxUrl);
});

afterAll(async () => {
  await demo?.close();
});

describe('the demo', () => {
  it('registers two accounts on the bot and the sandbox, each with its own token and webhook', async () => {
    expect(demo.accounts.map(({ id, token }) => ({ id, token }))).toEqual([{ id: 'demo', token: 'demo' }, { id: 'demo2', token: 'demo2' }]);
    expect(demo.accounts.map((a) => a.webhookUrl)).toEqual([`${demo.botUrl}/webhooks/demo`, `${demo.botUrl}/webhooks/demo2`]);
    expect(demo.webhookUrl).toBe(demo.accounts[0]!.webhookUrl);
    const onSandbox = await control.accounts();
    expect(onSandbox.map((a) => a.id)).toEqual(['demo', 'demo2']);
    expect(onSandbox.map((a) => a.menu.map((m) => m.key))).toEqual([['help', 'whoami', 'profile'], ['help', 'whoami', 'profile']]);
    for (const { id, token, webhookUrl } of demo.accounts) {
      // The platform's URL check (handshake) passes with each account's own token, and only with it.
      const signed = (with_: string) => `signature=${sha1Sorted(with_, TIMESTAMP, NONCE)}&timestamp=${TIMESTAMP}&nonce=${NONCE}&echostr=ok-${id}`;
      expect(await (await fetch(`${webhookUrl}?${signed(token)}`)).text()).toBe(`ok-${id}`);
      expect((await fetch(`${webhookUrl}?${signed(token === 'demo' ? 'demo2' : 'demo')}`)).status).toBe(401);
    }
  });

  it('seeds 李雷 following both accounts and nobody else following', async () => {
    const people = await control.people();
    const liLei = people.find((p) => p.nickName === '李雷')!;
    for (const id of ['demo', 'demo2']) expect((await control.follows(id)).map((f) => f.fakeId)).toEqual([liLei.fakeId]);
  });

  it('profile, asked through either account, shows one person known through demo and demo2', async () => {
    const liLei = (await control.people()).find((p) => p.nickName === '李雷')!;
    const openIds = await Promise.all(['demo', 'demo2'].map(async (id) => (await control.follows(id))[0]!.openId));
    // The subscribes at start-up are identified in the background, by the beacon walk.
    const identified = await eventually(async () => (await Promise.all(['demo', 'demo2'].map((id, i) => demo.lianluo.identity.known(id, openIds[i]!)))).every((k) => k?.profile), 20_000);
    expect(identified).toBe(true);
    await demo.lianluo.background.drain();

    const answers = [];
    for (const account of ['demo', 'demo2']) {
      answers.push((await control.send({ account, fakeId: liLei.fakeId, type: 'text', content: '资料' })).reply?.content ?? '');
    }
    const codes = answers.map((text) => /^你的资料（编号 ([2-9A-HJ-NP-Z]{7})）/.exec(text)?.[1]);
    expect(codes[0]).toBeDefined();
    expect(codes[1]).toBe(codes[0]);
    for (const text of answers) {
      expect(text.split('\n')[1]).toBe('认识你的公众号：demo、demo2（default 平台）');
      expect(text).toContain('昵称：李雷');
    }
  });
});
