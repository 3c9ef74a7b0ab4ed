import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SandboxControl } from '../../sandbox/control-client';
import { sha1Sorted, TIMESTAMP, NONCE, textPushXml } from '../builders/push-request';

jest.setTimeout(60_000);

const root = path.join(__dirname, '..', '..');
// TypeScript in the process itself (`node --import tsx`), as `npm start` runs one process. The
// tsx CLI would run the program in a child and relay signals to it, killing it (exit 143) when
// the child does not confirm the signal within 30 ms: on a loaded machine, the old flake.
const inProcessTs = ['--import', 'tsx'];

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Resolves with the first match of `pattern` in stdout, rejects if the process exits first. */
  printed: (pattern: RegExp) => Promise<string>;
  exited: Promise<number | null>;
}

/** Starts `src/main.ts` as `npm start` would, with only `env` (and PATH) set. */
function startMain(env: Record<string, string>): Started {
  const child = spawn(process.execPath, [...inProcessTs, path.join(root, 'src', 'main.ts')], { cwd: root, env: { PATH: process.env.PATH, ...env } });
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    waiters.forEach((w) => w());
  });
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const printed = (pattern: RegExp) => new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(out);
      if (match) resolve(match[1]!);
    };
    waiters.push(check);
    check();
    void exited.then((code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  return { child, output: () => out, printed, exited };
}

const signed = `signature=${sha1Sorted('demo', TIMESTAMP, NONCE)}&timestamp=${TIMESTAMP}&nonce=${NONCE}`;

describe('npm start with nothing configured: the demo', () => {
  it('starts two sandbox platforms and the bot with three accounts, prints both chat pages, and a seeded person can follow and learn who they are', async () => {
    const main = startMain({ PORT: '0', SANDBOX_PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lianluo-main-')) });
    try {
      const chat = await main.printed(/Chat page 聊天页面:\s+(http:\/\/\S+)/);
      const chat2 = await main.printed(/Chat page 2 聊天页面2:\s+(http:\/\/\S+)/);
      const webhook = await main.printed(/Webhook:\s+(http:\/\/\S+)/);
      expect(await main.printed(/Webhook 2:\s+(http:\/\/\S+ {2}\(token "demo2"\))/)).toMatch(/\/webhooks\/demo2 /);
      expect(await main.printed(/Webhook 3:\s+(http:\/\/\S+ {2}\(token "demo3", platform linkup\))/)).toMatch(/\/webhooks\/demo3 /);
      expect(await main.printed(/(李雷 follows demo and demo2 \(one platform, default\))/)).toBeTruthy();
      expect(await main.printed(/As 韩梅梅 in each chat page, send "bind 13800138000", read the code at (http:\/\/\S+\/sms)/)).toBe(`${chat}sms`);
      for (const url of [chat, chat2]) {
        const page = await fetch(url);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toContain('text/html');
      }
      expect(chat2).not.toBe(chat);

      const handshake = await fetch(`${webhook}?${signed}&echostr=hello123`);
      expect(await handshake.text()).toBe('hello123');
      const xml = textPushXml({ to: 'gh_000000000000', from: 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u', content: 'help', msgId: '42' });
      const reply = await fetch(`${webhook}?${signed}`, { method: 'POST', body: xml, headers: { 'content-type': 'text/xml' } });
      expect(await reply.text()).toContain('Lianluo commands:');

      const ready = await (await fetch(new URL('/readyz', webhook))).json() as { accounts: Array<{ id: string; console: string }> };
      expect(ready.accounts).toEqual(['demo', 'demo2', 'demo3'].map((id) => expect.objectContaining({ id, console: 'configured' })));

      // The sandboxes the demo started hold the seeded people: 李雷 follows demo and demo2, 韩梅梅 demo and, on linkup, demo3.
      const control = new SandboxControl(chat.replace(/\/$/, ''));
      const linkup = new SandboxControl(chat2.replace(/\/$/, ''));
      const people = await control.people();
      const [liLei, hanMeimei] = people;
      expect(people.map((p) => p.nickName)).toEqual(['李雷', '韩梅梅', 'Alice Chen', '王小明']);
      expect((await control.follows('demo')).map((f) => f.fakeId)).toEqual([liLei!.fakeId, hanMeimei!.fakeId]);
      expect((await control.follows('demo2')).map((f) => f.fakeId)).toEqual([liLei!.fakeId]);
      // Its chat page's SMS link opens the first sandbox's inbox (the page keeps the host name the visitor used).
      expect(await linkup.platformIdentity()).toEqual({ name: 'linkup', fakeIdSpace: 1, smsInboxUrl: `http://127.0.0.1:${new URL(chat).port}` });
      expect((await linkup.follows('demo3')).map((f) => f.nickName)).toEqual(['韩梅梅']);
      // Someone else follows and asks who they are.
      const xiaoming = people.find((p) => p.nickName === '王小明')!;
      const followed = await control.follow({ account: 'demo', fakeId: xiaoming.fakeId });
      expect(followed.push?.reply?.content).toContain('Lianluo');
      const whoami = await control.send({ account: 'demo', fakeId: xiaoming.fakeId, type: 'text', content: '我是谁' });
      const answer = whoami.reply?.content ?? '';
      // Within the budget the answer comes at once; else "one moment", then an active message.
      const sent = async () => (await control.sent('demo')).map((s) => s.content).join('\n');
      const deadline = Date.now() + 20_000;
      while (!`${answer}\n${await sent()}`.includes('昵称：王小明') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(`${answer}\n${await sent()}`).toContain('昵称：王小明');

      const metrics = await (await fetch(new URL('/metrics', webhook))).text();
      expect(metrics).toContain('lianluo_pushes_total{account="demo",type="text",outcome="handled"}');
      expect(metrics).toContain('lianluo_process_resident_memory_bytes');
    } finally {
      main.child.kill('SIGTERM');
    }
    expect(await main.exited).toBe(0);
    expect(main.output()).toContain('Stopped. 已停止。');
    // The console password is drawn per start and travels only between the two halves.
    expect(main.output()).not.toMatch(/password/i);
  });

  it('with SANDBOX=0 serves the demo account alone, without a console', async () => {
    const main = startMain({ PORT: '0', SANDBOX: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lianluo-main-')) });
    try {
      const webhook = await main.printed(/Webhook for demo: (http:\/\/\S+)/);
      const ready = await (await fetch(new URL('/readyz', webhook))).json() as { accounts: Array<{ console: string }> };
      expect(ready.accounts[0]!.console).toContain('not configured');
      expect(main.output()).not.toContain('Chat page');
    } finally {
      main.child.kill('SIGTERM');
    }
    expect(await main.exited).toBe(0);
  });
});

describe('npm start with ACCOUNTS_FILE', () => {
  const accountsFile = (): string => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'lianluo-accounts-')), 'accounts.json');
    writeFileSync(file, JSON.stringify([{ id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken' }]));
    return file;
  };

  it('runs the bot alone; SANDBOX=1 adds the sandbox beside it', async () => {
    const alone = startMain({ PORT: '0', ACCOUNTS_FILE: accountsFile(), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lianluo-main-')) });
    try {
      await alone.printed(/Webhook for acme: (http:\/\/\S+)/);
      expect(alone.output()).not.toContain('Sandbox platform');
    } finally {
      alone.child.kill('SIGTERM');
    }
    expect(await alone.exited).toBe(0);

    const withSandbox = startMain({ PORT: '0', SANDBOX: '1', SANDBOX_PORT: '0', ACCOUNTS_FILE: accountsFile(), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lianluo-main-')) });
    try {
      const sandbox = await withSandbox.printed(/Sandbox platform: (http:\/\/\S+)/);
      expect((await fetch(sandbox)).status).toBe(200);
    } finally {
      withSandbox.child.kill('SIGTERM');
    }
    expect(await withSandbox.exited).toBe(0);
  });

  it('refuses a bad configuration with the variable and the fix, before serving', async () => {
    const child = spawn(process.execPath, [...inProcessTs, path.join(root, 'src', 'main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, REPLY_BUDGET_MS: '9000' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(err).toContain('Configuration error: REPLY_BUDGET_MS is invalid');
    expect(err).toContain('How to fix: use a number of milliseconds from 100 to 4900');
  });
});
