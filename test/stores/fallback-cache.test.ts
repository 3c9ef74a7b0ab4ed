import pino from 'pino';
import { CacheUnavailableError } from '../../src/stores/cache';
import { FallbackCache } from '../../src/stores/fallback-cache';
import { MemoryCache } from '../../src/stores/memory-cache';

/** A shared cache that can be switched off (unavailable) or broken (a real fault). */
function switchable() {
  const backing = new MemoryCache();
  const state = { down: false, broken: false };
  const guard = () => {
    if (state.broken) throw new Error('WRONGTYPE');
    if (state.down) throw new CacheUnavailableError('Redis at 127.0.0.1:6379 is unreachable');
  };
  const shared = {
    get: async (k: string) => (guard(), backing.get(k)),
    set: async (k: string, v: string, ttl?: number) => (guard(), backing.set(k, v, ttl)),
    setIfAbsent: async (k: string, v: string, ttl: number) => (guard(), backing.setIfAbsent(k, v, ttl)),
  };
  return { shared, backing, state };
}

describe('FallbackCache (push de-duplication while the shared cache is down)', () => {
  const log = pino({ level: 'silent' });

  it('uses the shared cache while it answers', async () => {
    const { shared, backing } = switchable();
    const cache = new FallbackCache(shared, log);
    expect(await cache.setIfAbsent('push:1', 'run', 60_000)).toBe(true);
    expect(await backing.get('push:1')).toBe('run');
    expect(cache.degraded).toBe(false);
  });

  it('falls back to the process while it is down, and keeps a push begun there in one place after', async () => {
    const { shared, backing, state } = switchable();
    const cache = new FallbackCache(shared, log);
    state.down = true;
    expect(await cache.setIfAbsent('push:2', 'run', 60_000)).toBe(true);
    expect(await cache.setIfAbsent('push:2', 'run', 60_000)).toBe(false); // a copy in this process
    expect(cache.degraded).toBe(true);
    state.down = false;
    await cache.set('push:2', 'done', 60_000);
    expect(await cache.get('push:2')).toBe('done');
    expect(await backing.get('push:2')).toBeNull(); // its state stayed in the process
    expect(await cache.setIfAbsent('push:3', 'run', 60_000)).toBe(true);
    expect(await backing.get('push:3')).toBe('run'); // new pushes are shared again
    expect(cache.degraded).toBe(false);
    // …and what the outage left here is handed back, so other processes see how push:2 ended.
    await cache.settled();
    expect(await backing.get('push:2')).toBe('done');
    await cache.set('push:2', 'late', 60_000);
    expect(await backing.get('push:2')).toBe('late'); // later writes go to the shared cache
  });

  it('reads null for what it cannot see while down', async () => {
    const { shared, backing, state } = switchable();
    await backing.set('push:4', 'done');
    const cache = new FallbackCache(shared, log);
    state.down = true;
    expect(await cache.get('push:4')).toBeNull();
  });

  it('throws any other error: a real fault is not an outage', async () => {
    const { shared, state } = switchable();
    const cache = new FallbackCache(shared, log);
    state.broken = true;
    await expect(cache.setIfAbsent('push:5', 'run', 60_000)).rejects.toThrow('WRONGTYPE');
  });
});
