import type { Cache } from '../../src/stores/cache';

/** Real time, not fake timers: Redis expires keys on its own clock. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every {@link Cache} backend must share. `make` opens a fresh cache for each test
 * (empty as far as the keys used here go); the suite closes it afterwards.
 */
export function describeCacheContract(name: string, make: () => Promise<Cache>): void {
  describe(`Cache contract: ${name}`, () => {
    let cache: Cache;

    beforeEach(async () => {
      cache = await make();
    });

    afterEach(async () => {
      await cache.close();
    });

    it('reads back what it stores, and null for a key never set', async () => {
      expect(await cache.get('greeting')).toBeNull();
      await cache.set('greeting', '你好');
      expect(await cache.get('greeting')).toBe('你好');
      await cache.set('greeting', 'hello');
      expect(await cache.get('greeting')).toBe('hello');
    });

    it('keeps a value without a TTL and drops one with a TTL once it has passed', async () => {
      await cache.set('lasting', 'stays');
      await cache.set('brief', 'goes', 150);
      expect(await cache.get('brief')).toBe('goes');
      await sleep(300);
      expect(await cache.get('brief')).toBeNull();
      expect(await cache.get('lasting')).toBe('stays');
    });

    it('replaces the TTL when a key is set again', async () => {
      await cache.set('renewed', 'first', 100);
      await cache.set('renewed', 'second');
      await sleep(200);
      expect(await cache.get('renewed')).toBe('second');
    });

    it('rejects a TTL that is not a positive whole number of milliseconds', async () => {
      await expect(cache.set('bad-ttl', 'v', 0)).rejects.toThrow(RangeError);
      await expect(cache.setIfAbsent('bad-ttl', 'v', 1.5)).rejects.toThrow(RangeError);
      await expect(cache.lock('bad-ttl', -1)).rejects.toThrow(RangeError);
      expect(await cache.get('bad-ttl')).toBeNull();
    });

    it('lets exactly one of many concurrent setIfAbsent callers win', async () => {
      const callers = Array.from({ length: 12 }, (_, i) => `caller-${i}`);
      const won = await Promise.all(callers.map((caller) => cache.setIfAbsent('push:42', caller, 1000)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await cache.get('push:42')).toBe(callers[won.indexOf(true)]);
    });

    it('lets setIfAbsent succeed again once the key has expired, and never overwrites a live key', async () => {
      await cache.set('taken', 'owner');
      expect(await cache.setIfAbsent('taken', 'intruder', 1000)).toBe(false);
      expect(await cache.get('taken')).toBe('owner');

      expect(await cache.setIfAbsent('dedup', 'first', 150)).toBe(true);
      expect(await cache.setIfAbsent('dedup', 'second', 150)).toBe(false);
      await sleep(300);
      expect(await cache.setIfAbsent('dedup', 'third', 150)).toBe(true);
      expect(await cache.get('dedup')).toBe('third');
    });

    it('deletes a key and says whether it existed', async () => {
      await cache.set('doomed', 'x');
      expect(await cache.delete('doomed')).toBe(true);
      expect(await cache.get('doomed')).toBeNull();
      expect(await cache.delete('doomed')).toBe(false);
      await cache.set('expired', 'x', 50);
      await sleep(120);
      expect(await cache.delete('expired')).toBe(false);
    });

    it('gives a lock to one holder at a time, and to the next one after release', async () => {
      const holders = await Promise.all(Array.from({ length: 8 }, () => cache.lock('login:acct1', 1000)));
      const held = holders.filter((lock) => lock !== null);
      expect(held).toHaveLength(1);
      expect(await cache.lock('login:acct1', 1000)).toBeNull();
      expect(await cache.lock('login:acct2', 1000)).not.toBeNull();

      expect(await held[0]!.release()).toBe(true);
      const next = await cache.lock('login:acct1', 1000);
      expect(next).not.toBeNull();
      expect(await next!.release()).toBe(true);
    });

    it('frees a lock by itself when its TTL passes', async () => {
      const first = await cache.lock('refresh', 100);
      expect(first).not.toBeNull();
      await sleep(200);
      const second = await cache.lock('refresh', 1000);
      expect(second).not.toBeNull();
      await second!.release();
    });

    it('never lets a former holder release a lock that someone else now holds', async () => {
      const former = await cache.lock('job', 100);
      await sleep(200);
      const current = await cache.lock('job', 1000);
      expect(current).not.toBeNull();

      expect(await former!.release()).toBe(false);
      expect(await cache.lock('job', 1000)).toBeNull();
      expect(await current!.release()).toBe(true);
      expect(await current!.release()).toBe(false);
    });

    it('answers ping while open and rejects every call once closed', async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
      await cache.close();
      await expect(cache.ping()).rejects.toThrow(/closed/);
      await expect(cache.get('greeting')).rejects.toThrow(/closed/);
    });
  });
}
