import { IdentityStore } from '../../src/identity/identity-store';
import { MemoryCache } from '../../src/stores/memory-cache';
import { embeddedStores } from '../builders/test-bot';

const A = 'oAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const B = 'oBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const at = new Date('2026-11-24T08:00:00Z');

describe('IdentityStore', () => {
  it('ties an openID to a FakeID once, and refuses the FakeID to a second openID', async () => {
    const stores = embeddedStores();
    const store = new IdentityStore(stores.documents, stores.cache);
    expect(await store.tie({ accountId: 'acme', openId: A, fakeId: '123', strategy: 'time-match', resolvedAt: at })).toBe('tied');
    expect(await store.tie({ accountId: 'acme', openId: A, fakeId: '123', strategy: 'beacon', resolvedAt: at })).toBe('already-tied');
    expect(await store.tie({ accountId: 'acme', openId: B, fakeId: '123', strategy: 'beacon', resolvedAt: at })).toBe('fakeid-taken');
    expect(await store.tie({ accountId: 'other', openId: B, fakeId: '123', strategy: 'beacon', resolvedAt: at })).toBe('tied');
    expect(await store.tiedOpenIds('acme', ['123', '999'])).toEqual(new Map([['123', A]]));
    await stores.close();
  });

  it('stores no profile for a follower who is not tied to that FakeID (a fetch that outlived `forget me`)', async () => {
    const stores = embeddedStores();
    const store = new IdentityStore(stores.documents, stores.cache);
    const profile = {
      accountId: 'acme', fakeId: '123', nickName: 'Alice', remarkName: '', userName: 'alice_w', signature: 'hi',
      country: '中国', province: '广东', city: '广州', gender: 2, fetchedAt: at,
    };
    expect(await store.saveProfile(A, profile)).toBeNull();
    await store.tie({ accountId: 'acme', openId: A, fakeId: '123', strategy: 'beacon', resolvedAt: at });
    await store.forget('acme', A, '123');
    expect(await store.saveProfile(A, profile)).toBeNull();
    expect(await store.find('acme', A)).toBeNull();
    await store.tie({ accountId: 'acme', openId: A, fakeId: '123', strategy: 'beacon', resolvedAt: at });
    expect((await store.find('acme', A))?.profile).toBeUndefined(); // nothing was kept from the untied saves
    expect((await store.saveProfile(A, profile))?.profile).toMatchObject({ nickName: 'Alice' });
    await stores.close();
  });

  it('answers from the document store after the cache is gone (a restart with an in-process cache), and caches again', async () => {
    const stores = embeddedStores();
    const first = new IdentityStore(stores.documents, stores.cache);
    await first.tie({ accountId: 'acme', openId: A, fakeId: '123', strategy: 'beacon', resolvedAt: at });
    await first.saveProfile(A, {
      accountId: 'acme', fakeId: '123', nickName: 'Alice', remarkName: '', userName: 'alice_w', signature: 'hi',
      country: '中国', province: '广东', city: '广州', gender: 2, fetchedAt: at,
    });
    const freshCache = new MemoryCache();
    const second = new IdentityStore(stores.documents, freshCache);
    const found = await second.find('acme', A);
    expect(found).toMatchObject({ fakeId: '123', strategy: 'beacon', profile: { nickName: 'Alice', city: '广州', gender: 2 } });
    expect(found!.resolvedAt).toEqual(at);
    expect(found!.profile!.fetchedAt).toEqual(at);
    expect(await freshCache.get(`identity:acme:${A}`)).not.toBeNull();
    const fromCache = await second.find('acme', A);
    expect(fromCache!.resolvedAt).toEqual(at);
    expect(fromCache!.profile!.fetchedAt).toEqual(at);
    await stores.close();
  });

  it('knows nobody it was not told about', async () => {
    const stores = embeddedStores();
    expect(await new IdentityStore(stores.documents, stores.cache).find('acme', A)).toBeNull();
    await stores.close();
  });
});
