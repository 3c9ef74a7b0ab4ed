import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Outbox } from '../../src/outbox/outbox';
import { MemoryCache } from '../../src/stores/memory-cache';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';

const alice = { account: 'acme', openId: 'oAlice0000000000000000000000' };
const bob = { account: 'acme', openId: 'oBob000000000000000000000000' };
const text = (content: string) => ({ type: 'text' as const, content });

describe('Outbox', () => {
  let dir: string;
  let store: NedbDocumentStore;
  let cache: MemoryCache;
  let clock: number;
  const now = (): Date => new Date(clock);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'lianluo-outbox-'));
    store = new NedbDocumentStore(dir);
    cache = new MemoryCache();
    clock = Date.UTC(2026, 10, 24, 12);
  });
  afterEach(async () => {
    await cache.close();
    await store.close();
  });

  it('hands out a follower’s texts oldest first, once', async () => {
    const outbox = new Outbox(store, cache, now);
    await outbox.add(alice, text('first'));
    clock += 1000;
    await outbox.add(alice, text('second'));
    await outbox.add(bob, text('for bob'));
    expect(await outbox.takeTexts(alice)).toEqual(['first', 'second']);
    expect(await outbox.takeTexts(alice)).toEqual([]);
    expect(await outbox.takeTexts(bob)).toEqual(['for bob']);
  });

  it('keeps media for a later reply and keeps saying so', async () => {
    const outbox = new Outbox(store, cache, now);
    await outbox.add(alice, { type: 'image', mediaId: 'm1' });
    await outbox.add(alice, text('hello'));
    expect(await outbox.takeTexts(alice)).toEqual(['hello']);
    expect(await outbox.size(alice)).toBe(1);
    expect(await cache.get(`outbox:pending:acme:${alice.openId}`)).toBe('1');
  });

  it('takes at most `limit` texts and leaves the rest marked', async () => {
    const outbox = new Outbox(store, cache, now);
    for (const n of [1, 2, 3]) await outbox.add(alice, text(`t${n}`));
    expect(await outbox.takeTexts(alice, 2)).toEqual(['t1', 't2']);
    expect(await outbox.takeTexts(alice, 2)).toEqual(['t3']);
  });

  it('finds waiting messages after the cache lost its markers (restart with an in-process cache)', async () => {
    await new Outbox(store, cache, now).add(alice, text('kept'));
    const freshCache = new MemoryCache();
    expect(await new Outbox(store, freshCache, now).takeTexts(alice)).toEqual(['kept']);
    await freshCache.close();
  });

  it('reclaims the late reply of one push exactly once', async () => {
    const outbox = new Outbox(store, cache, now);
    await outbox.add(alice, text('late'), 'push:acme:m:1');
    expect(await outbox.reclaim('push:acme:m:1')).toEqual(text('late'));
    expect(await outbox.reclaim('push:acme:m:1')).toBeNull();
    expect(await outbox.takeTexts(alice)).toEqual([]);
  });

  it('sees a message another process queued within a second, and spends no cache call meanwhile', async () => {
    const here = new Outbox(store, cache, now);
    const elsewhere = new Outbox(store, cache, now);
    expect(await here.takeTexts(alice)).toEqual([]); // learns "nothing waits" for a second
    await elsewhere.add(alice, text('from the other process'));
    const get = jest.spyOn(cache, 'get');
    expect(await here.takeTexts(alice)).toEqual([]);
    expect(get).not.toHaveBeenCalled();
    clock += 1000;
    expect(await here.takeTexts(alice)).toEqual(['from the other process']);
    get.mockRestore();
  });

  it('gives concurrent takers each message once', async () => {
    const outbox = new Outbox(store, cache, now);
    for (const n of [1, 2, 3, 4]) await outbox.add(alice, text(`t${n}`));
    const taken = (await Promise.all([1, 2, 3].map(() => outbox.takeTexts(alice)))).flat();
    expect(taken.sort()).toEqual(['t1', 't2', 't3', 't4']);
  });
});
