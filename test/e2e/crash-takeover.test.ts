import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { currentQuery, textPushXml } from '../builders/push-request';

// Issue 10, item 2: a push in flight when its process dies is answered on the platform's retry,
// and never run twice while the process running it lives. Real processes over a real Redis.
jest.setTimeout(40_000);

const root = path.join(__dirname, '..', '..');
const script = path.join(root, 'test', 'fixtures', 'processes', 'slow-bot.ts');
const redisUrl = process.env.REDIS_URL;
const prefix = `lianluo:test:crash:${process.pid}:${Date.now()}:`;

interface BotProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
}

async function startBot(): Promise<BotProcess> {
  // In-process TypeScript (not the tsx CLI, which would run the bot in a grandchild the kill misses).
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env.PATH, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, SLOW_MS: '1500' },
  });
  let out = '';
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for await (const chunk of child.stdout) {
    out += (chunk as Buffer).toString();
    const port = /listening (\d+)/.exec(out)?.[1];
    if (port) return { child, url: `http://127.0.0.1:${port}/webhooks/crash` };
  }
  throw new Error(`the bot did not start: ${out}`);
}

/** POSTs the push as the platform does; resolves the body, or the error's code when the socket died. */
async function send(bot: BotProcess, xml: string): Promise<string> {
  try {
    const res = await fetch(`${bot.url}?${new URLSearchParams(currentQuery('crash'))}`, { method: 'POST', body: xml });
    return await res.text();
  } catch (error) {
    return `failed: ${String((error as { cause?: { code?: string } }).cause?.code ?? error)}`;
  }
}

const push = (msgId: string) => textPushXml({ to: 'gh_000000000000', from: 'oCrashTestFollower0000000001', content: 'slow', msgId });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

(redisUrl ? describe : describe.skip)('a push in flight when its process dies (two bot processes, one Redis)', () => {
  const bots: BotProcess[] = [];
  afterAll(async () => {
    for (const { child } of bots) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('runs once while its process lives, and is answered by a retry after that process is killed', async () => {
    const [a, b] = await Promise.all([startBot(), startBot()]);
    bots.push(a!, b!);

    // Alive: a copy at the other process waits for the first one's answer, byte for byte.
    const first = send(a!, push('7000000000000000001'));
    await sleep(300);
    const copy = await send(b!, push('7000000000000000001'));
    expect(await first).toContain(`slow answer from pid ${a!.child.pid}`);
    expect(copy).toBe(await first);

    // Killed mid-work: the platform's request fails; its retry 5 s later reaches a restarted
    // process and the other one at once. One runs the push, both answer with its reply.
    const lost = send(a!, push('7000000000000000002'));
    await sleep(300);
    a!.child.kill('SIGKILL');
    await once(a!.child, 'exit');
    expect(await lost).toMatch(/^failed/);
    const restarted = await startBot();
    bots.push(restarted);
    await sleep(5000 - 300);
    const retries = await Promise.all([send(restarted, push('7000000000000000002')), send(b!, push('7000000000000000002'))]);
    expect(retries[0]).toMatch(/slow answer from pid \d+/);
    expect(retries[1]).toBe(retries[0]);
    expect(retries[0]).not.toContain(`pid ${a!.child.pid}`);
  });
});
