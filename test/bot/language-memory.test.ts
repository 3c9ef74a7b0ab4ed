import { LanguageMemory } from '../../src/bot/language-memory';
import { MemoryCache } from '../../src/stores/memory-cache';

const DAY_MS = 24 * 60 * 60 * 1000;
const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';

/** A memory over a cache that counts its writes, on a clock the test moves. */
function setup(options: { maxEntries?: number } = {}) {
  const cache = new MemoryCache();
  const writes: Array<[string, string, number | undefined]> = [];
  const set = cache.set.bind(cache);
  cache.set = (key, value, ttlMs) => {
    writes.push([key, value, ttlMs]);
    return set(key, value, ttlMs);
  };
  let now = Date.UTC(2026, 11, 2, 6, 0);
  const memory = new LanguageMemory(cache, { ...options, now: () => new Date(now) });
  return { cache, writes, memory, advance: (ms: number) => (now += ms) };
}

describe('LanguageMemory', () => {
  afterEach(() => jest.restoreAllMocks());

  it('knows nothing of a follower who never wrote', async () => {
    const { memory } = setup();
    expect(await memory.recall('acme', OPEN_ID)).toBeNull();
  });

  it('remembers the language per account and openID, for 90 days', async () => {
    const { memory, writes } = setup();
    await memory.note('acme', OPEN_ID, 'en');
    expect(writes).toEqual([[`language:acme:${OPEN_ID}`, 'en', 90 * DAY_MS]]);
    expect(await memory.recall('acme', OPEN_ID)).toBe('en');
    expect(await memory.recall('other', OPEN_ID)).toBeNull();
    expect(await memory.recall('acme', 'oAnotherFollower000000000000')).toBeNull();
  });

  it('writes only when the language changes, or a day after its last write', async () => {
    const { memory, writes, advance } = setup();
    await memory.note('acme', OPEN_ID, 'en');
    await memory.note('acme', OPEN_ID, 'en');
    advance(DAY_MS - 1);
    await memory.note('acme', OPEN_ID, 'en');
    expect(writes).toHaveLength(1);
    await memory.note('acme', OPEN_ID, 'zh');
    expect(writes.map(([, value]) => value)).toEqual(['en', 'zh']);
    advance(DAY_MS); // keeps the entry alive for someone who writes one language every day
    await memory.note('acme', OPEN_ID, 'zh');
    expect(writes.map(([, value]) => value)).toEqual(['en', 'zh', 'zh']);
  });

  it('follows what another process wrote: recall reads the cache, and the next different text is written', async () => {
    const { memory, cache, writes } = setup();
    await memory.note('acme', OPEN_ID, 'en');
    await cache.set(`language:acme:${OPEN_ID}`, 'zh'); // the follower's last text reached another process
    writes.length = 0;
    expect(await memory.recall('acme', OPEN_ID)).toBe('zh');
    await memory.note('acme', OPEN_ID, 'en');
    expect(writes.map(([, value]) => value)).toEqual(['en']);
    expect(await memory.recall('acme', OPEN_ID)).toBe('en');
  });

  it('writes again when the cache lost the entry', async () => {
    const { memory, cache, writes } = setup();
    await memory.note('acme', OPEN_ID, 'en');
    await cache.delete(`language:acme:${OPEN_ID}`);
    expect(await memory.recall('acme', OPEN_ID)).toBeNull();
    await memory.note('acme', OPEN_ID, 'en');
    expect(writes).toHaveLength(2);
  });

  it('ignores a value it did not write', async () => {
    const { memory, cache } = setup();
    await cache.set(`language:acme:${OPEN_ID}`, 'fr');
    expect(await memory.recall('acme', OPEN_ID)).toBeNull();
  });

  it('after a failed write, remembers nothing, so the next text tries again', async () => {
    const { memory, cache, writes } = setup();
    const set = cache.set;
    cache.set = () => Promise.reject(new Error('redis down'));
    await expect(memory.note('acme', OPEN_ID, 'en')).rejects.toThrow('redis down');
    cache.set = set;
    await memory.note('acme', OPEN_ID, 'en');
    expect(writes).toHaveLength(1);
    expect(await memory.recall('acme', OPEN_ID)).toBe('en');
  });

  it('keeps at most maxEntries followers in the process, forgetting the least recently used', async () => {
    const { memory, writes } = setup({ maxEntries: 2 });
    await memory.note('acme', 'o1', 'en');
    await memory.note('acme', 'o2', 'en');
    await memory.note('acme', 'o1', 'en'); // o1 is now the most recently used
    await memory.note('acme', 'o3', 'en'); // o2 is forgotten
    expect(memory.size).toBe(2);
    writes.length = 0;
    await memory.note('acme', 'o1', 'en');
    await memory.note('acme', 'o2', 'en');
    expect(writes.map(([key]) => key)).toEqual(['language:acme:o2']);
  });
});
