import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { Command } from '../../src/bot/command';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import { RedisCache } from '../../src/stores/redis-cache';
import { capturingLogger, eventually, startBotServer, type BotServer } from '../builders/bot-server';
import { currentQuery, textPushXml } from '../builders/push-request';
import { ACCOUNT } from '../builders/test-bot';

// Issue 10, item 3: with Redis down, pushes are still answered (de-duplicated in the process),
// what needs shared state says so in words, /readyz says degraded, and all is back with Redis.
// A redis-server of this test's own, on a free port, killed and restarted.
jest.setTimeout(30_000);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  for await (const chunk of redis.stdout!) if (String(chunk).includes('Ready to accept connections')) return redis;
  throw new Error('redis-server did not start (is it installed? apt-get install redis-server)');
}

describe('Redis killed under the bot, then back', () => {
  let port: number;
  let redis: ChildProcess;
  let bot: BotServer;
  let cache: RedisCache;
  const lines: string[] = [];
  const shared: Command = {
    key: 'shared',
    aliases: { zh: ['共享'], en: ['shared'] },
    summary: { zh: '共享', en: 'shared' },
    usage: { zh: '共享', en: 'shared' },
    run: async () => `shared value: ${await cache.get('outage-test')}`,
  };

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    cache = new RedisCache(`redis://127.0.0.1:${port}`, 'lianluo:outage-test:');
    const documents = NedbDocumentStore.inMemory();
    const stores = { cache, documents, backends: { cache: 'redis', documents: 'memory' }, close: async () => void (await Promise.all([cache.close(), documents.close()])) };
    bot = await startBotServer({ accounts: [ACCOUNT], stores, logger: capturingLogger(lines, 'warn'), extraCommands: [shared] });
  });
  afterAll(async () => {
    await bot.close();
    redis.kill('SIGKILL');
  });

  const send = async (content: string, msgId: string) => {
    const xml = textPushXml({ to: ACCOUNT.originalId, from: 'oRedisOutageTest000000000001', content, msgId });
    const started = Date.now();
    const res = await fetch(`${bot.url}/webhooks/acme?${new URLSearchParams(currentQuery(ACCOUNT.token))}`, { method: 'POST', body: xml });
    return { status: res.status, text: await res.text(), ms: Date.now() - started };
  };
  const readyz = async () => (await fetch(`${bot.url}/readyz`)).json() as Promise<{ ready: boolean; degraded: boolean; checks: { cache: { ok: boolean; detail: string } } }>;

  it('answers while Redis is down, says what cannot be done, reports degraded, and recovers', async () => {
    expect((await send('help', '5200000000000000001')).text).toContain('Lianluo commands');
    redis.kill('SIGKILL');
    await once(redis, 'exit');

    await send('help', '5200000000000000002'); // the first call learns the connection is gone
    const during = await send('help', '5200000000000000003');
    expect(during.status).toBe(200);
    expect(during.text).toContain('Lianluo commands');
    expect(during.ms).toBeLessThan(1000);
    const copy = await send('help', '5200000000000000003');
    expect(copy.text).toBe(during.text); // de-duplicated in the process, same bytes

    const needsRedis = await send('shared', '5200000000000000004');
    expect(needsRedis.status).toBe(200);
    expect(needsRedis.text).toContain('try again in a minute or two');

    const state = await readyz();
    expect(state).toMatchObject({ ready: true, degraded: true, checks: { cache: { ok: false } } });
    expect(state.checks.cache.detail).toContain('degraded');
    expect(lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50)).toEqual([]);

    redis = await startRedis(port);
    expect(await eventually(async () => (await readyz()).degraded === false, 10_000)).toBe(true);
    expect((await send('shared', '5200000000000000005')).text).toContain('shared value: null');
    expect(await cache.get('push:acme:m:5200000000000000005')).not.toBeNull(); // shared again
  });
});
