import { Redis } from 'ioredis';
import type { Cache } from '../../src/stores/cache';
import { MemoryCache } from '../../src/stores/memory-cache';
import { RedisCache } from '../../src/stores/redis-cache';
import { describeCacheContract, sleep } from './cache-contract';

const redisUrl = process.env.REDIS_URL;
/** One prefix per run and per test, so runs sharing a Redis never see each other's keys. */
const runPrefix = `lianluo-test:${process.pid}-${Date.now()}:`;
let testNumber = 0;

const backends: Array<[string, () => Promise<Cache>]> = [['MemoryCache', async () => new MemoryCache()]];
if (redisUrl) {
  backends.push(['RedisCache', async () => new RedisCache(redisUrl, `${runPrefix}${++testNumber}:`)]);

  afterAll(async () => {
    // Keys set without a TTL would outlive the run.
    const admin = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const keys = await admin.keys(`${runPrefix}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });
}

for (const [name, make] of backends) describeCacheContract(name, make);

describe('MemoryCache', () => {
  it('sweeps expired entries it is never asked about again, so memory stays bounded', async () => {
    const cache = new MemoryCache({ sweepIntervalMs: 20 });
    await cache.set('forgotten-1', 'x', 30);
    await cache.set('forgotten-2', 'x', 30);
    await cache.set('kept', 'x');
    expect(cache.size).toBe(3);
    await sleep(120);
    expect(cache.size).toBe(1);
    await cache.close();
  });

  it('holds at most maxEntries: the oldest expiring entries go first, entries without a TTL stay while that suffices', async () => {
    const cache = new MemoryCache({ maxEntries: 10 });
    await cache.set('session', 'kept');
    for (let i = 0; i < 30; i += 1) await cache.setIfAbsent(`push:${i}`, 'x', 60_000);
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(await cache.get('session')).toBe('kept');
    expect(await cache.get('push:29')).toBe('x');
    expect(await cache.get('push:0')).toBeNull();
    await cache.close();
  });

  it('holds at most maxEntries when most entries last (identities): the oldest of them go then', async () => {
    const cache = new MemoryCache({ maxEntries: 10 });
    const lock = await cache.lock('login', 60_000);
    for (let i = 0; i < 30; i += 1) await cache.set(`identity:${i}`, 'x');
    expect(await cache.lock('login', 60_000)).toBeNull(); // a held lock is never dropped
    await lock?.release();
    expect(cache.size).toBeLessThanOrEqual(10);
    expect(await cache.get('identity:29')).toBe('x');
    expect(await cache.get('identity:0')).toBeNull();
    await cache.close();
  });
});

if (redisUrl) {
  describe('RedisCache', () => {
    it('keeps its keys under its prefix and leaves a shared client open on close', async () => {
      const client = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
      const cache = new RedisCache(client, `${runPrefix}shared:`);
      await cache.set('k', 'v', 5000);
      expect(await client.get(`${runPrefix}shared:k`)).toBe('v');
      const lock = await cache.lock('job', 5000);
      expect(await client.exists(`${runPrefix}shared:lock:job`)).toBe(1);
      await lock!.release();
      await cache.close();
      expect(await client.ping()).toBe('PONG');
      await client.quit();
    });
  });
}
