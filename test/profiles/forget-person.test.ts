import { consoleProfileModel, type ConsoleProfile } from '../../src/identity/console-profile.model';
import { IdentityStore } from '../../src/identity/identity-store';
import { identityModel } from '../../src/identity/identity.model';
import { ForgetPerson, type FollowerRecords } from '../../src/profiles/forget-person';
import { ForgetRequests } from '../../src/profiles/forget-requests';
import { PersonDirectory } from '../../src/profiles/person-directory';
import { personIdentityModel } from '../../src/profiles/person-identity.model';
import { personModel } from '../../src/profiles/person.model';
import { profileItemsModel } from '../../src/profiles/profile-item.model';
import { ProfileStore } from '../../src/profiles/profile-store';
import { visibilityModel } from '../../src/profiles/visibility.model';
import { VisibilityStore } from '../../src/profiles/visibility-store';
import { CacheUnavailableError, type Cache } from '../../src/stores/cache';
import type { DocumentStore } from '../../src/stores/document-store';
import { MemoryCache } from '../../src/stores/memory-cache';
import { documentBackends } from '../builders/document-backends';

const at = new Date('2026-11-24T08:00:00Z');
const now = () => at;
const OPEN_A = 'oAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const OPEN_B = 'oBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const OPEN_C = 'oCCCCCCCCCCCCCCCCCCCCCCCCCCC';
const codes = (...list: string[]) => () => list.shift() ?? 'ZZZZZZZ';

const consoleProfile = (accountId: string, fakeId: string, nickName: string): ConsoleProfile => ({
  accountId, fakeId, nickName, remarkName: '', userName: `u${fakeId}`, signature: 'hi', country: '中国', province: '广东', city: '广州', gender: 2, fetchedAt: at,
});

/** A cache whose deletes fail as an unreachable Redis does once `down`, reads and writes working. */
class DeletesFail extends MemoryCache {
  down = false;
  override async delete(key: string): Promise<boolean> {
    if (this.down) throw new CacheUnavailableError('cache down');
    return super.delete(key);
  }
}

for (const backend of documentBackends()) {
  describe(`ForgetPerson (${backend.name} store)`, () => {
    let store: DocumentStore;
    let cache: MemoryCache;
    beforeEach(async () => {
      ({ store } = await backend.open());
      cache = new MemoryCache();
    });
    afterEach(async () => {
      await store.close();
      await cache.close();
    });

    /**
     * Alice (FakeID 501) follows acme and club on one platform, with console profiles, a chat
     * email and one shared field; Bob (777) follows acme and must come through untouched.
     */
    async function world(options: { followers?: (real: FollowerRecords) => FollowerRecords; cache?: Cache } = {}) {
      const usedCache = options.cache ?? cache;
      const persons = new PersonDirectory(store, usedCache, { now, newCode: codes('K7P2QXM', 'R8T3WYN') });
      const profiles = new ProfileStore(store, { now });
      const visibility = new VisibilityStore(store, now);
      const identities = new IdentityStore(store, usedCache);
      const real: FollowerRecords = { forgetFollower: (accountId, openId, fakeId) => identities.forget(accountId, openId, fakeId) };
      const forgetting = new ForgetPerson({ persons, profiles, visibility, followers: options.followers?.(real) ?? real });
      for (const [accountId, openId, fakeId, nick] of [['acme', OPEN_A, '501', 'Alice'], ['club', OPEN_B, '501', 'Alice'], ['acme', OPEN_C, '777', 'Bob']] as const) {
        await identities.tie({ accountId, openId, fakeId, strategy: 'time-match', resolvedAt: at });
        await identities.saveProfile(openId, consoleProfile(accountId, fakeId, nick));
        const person = await persons.personFor('default', fakeId, accountId, openId);
        await profiles.mergePacket(person.personId, 'console', { platform: 'default', profile: consoleProfile(accountId, fakeId, nick) });
      }
      const alice = (await persons.findByAccount('acme', OPEN_A))!;
      const bob = (await persons.findByAccount('acme', OPEN_C))!;
      await profiles.mergePacket(alice.personId, 'chat', { platform: 'default', accountId: 'acme', field: 'email', value: 'li@example.com', at });
      await visibility.share(alice.personId, 'email', 'everyone');
      const countOf = async (personId: string) => ({
        persons: await store.collection(personModel).count({ personId }),
        identities: await store.collection(personIdentityModel).count({ personId }),
        profiles: await store.collection(profileItemsModel).count({ personId }),
        settings: await store.collection(visibilityModel).count({ personId }),
      });
      return { persons, profiles, identities, forgetting, alice, bob, countOf };
    }

    it('plans exactly what it will delete: code, identities with every account, fields, shared fields', async () => {
      const { forgetting, alice } = await world();
      expect(await forgetting.plan(alice)).toEqual({
        personId: alice.personId,
        code: 'K7P2QXM',
        identities: [{ platform: 'default', fakeId: '501', accounts: [{ accountId: 'acme', openId: OPEN_A }, { accountId: 'club', openId: OPEN_B }] }],
        fields: ['nickname', 'gender', 'region', 'signature', 'email'],
        sharedFields: ['email'],
      });
    });

    it('deletes the person, identities, profile, settings, ties, console profiles and cached copies, and no one else', async () => {
      const { forgetting, persons, identities, alice, bob, countOf } = await world();
      const plan = await forgetting.plan(alice);
      expect(await forgetting.forget(plan)).toEqual(plan);
      expect(await countOf(alice.personId)).toEqual({ persons: 0, identities: 0, profiles: 0, settings: 0 });
      expect(await store.collection(identityModel).count({ fakeId: '501' })).toBe(0);
      expect(await store.collection(consoleProfileModel).count({ fakeId: '501' })).toBe(0);
      for (const k of [`person:acme:${OPEN_A}`, `person:club:${OPEN_B}`, `identity:acme:${OPEN_A}`, `identity:club:${OPEN_B}`]) expect(await cache.get(k)).toBeNull();
      expect(await persons.findByAccount('acme', OPEN_A)).toBeNull();
      expect(await identities.find('club', OPEN_B)).toBeNull();
      // Bob is untouched.
      expect(await countOf(bob.personId)).toEqual({ persons: 1, identities: 1, profiles: 1, settings: 0 });
      expect((await identities.find('acme', OPEN_C))?.profile?.nickName).toBe('Bob');
      // Twice is harmless: nothing left to find, nothing else deleted.
      expect(await forgetting.forget(plan)).toEqual(plan);
      expect(await countOf(bob.personId)).toEqual({ persons: 1, identities: 1, profiles: 1, settings: 0 });
    });

    it('after a failure midway, the person is still found as before, and the same plan again finishes the job', async () => {
      let failures = 1;
      const { forgetting, persons, alice, countOf } = await world({
        followers: (real) => ({
          async forgetFollower(accountId, openId, fakeId) {
            if (failures-- > 0) throw new Error('store went away');
            await real.forgetFollower(accountId, openId, fakeId);
          },
        }),
      });
      const plan = await forgetting.plan(alice);
      await expect(forgetting.forget(plan)).rejects.toThrow('store went away');
      expect(await persons.findByCode('K7P2QXM')).toEqual(alice);
      expect((await persons.identitiesOf(alice.personId)).length).toBe(1);
      const retried = await forgetting.forget(plan);
      // What the first attempt deleted is still reported: the retry deletes by the plan shown.
      expect(retried.fields).toEqual(['nickname', 'gender', 'region', 'signature', 'email']);
      expect(retried.sharedFields).toEqual(['email']);
      expect(await countOf(alice.personId)).toEqual({ persons: 0, identities: 0, profiles: 0, settings: 0 });
      expect(await store.collection(identityModel).count({ fakeId: '501' })).toBe(0);
    });

    it('deletes nothing when the cache cannot be reached: a cached copy left behind would bring the person back', async () => {
      const flaky = new DeletesFail();
      const { forgetting, alice, countOf } = await world({ cache: flaky });
      flaky.down = true;
      await expect(forgetting.forget(await forgetting.plan(alice))).rejects.toThrow(CacheUnavailableError);
      expect(await countOf(alice.personId)).toEqual({ persons: 1, identities: 1, profiles: 1, settings: 1 });
      expect(await store.collection(identityModel).count({ fakeId: '501' })).toBe(2);
      await flaky.close();
    });
  });
}

describe('ForgetRequests', () => {
  it('keeps a plan for its chat until the time is up or it is dropped', async () => {
    const cache = new MemoryCache();
    const requests = new ForgetRequests(cache, 60);
    const plan = { personId: 'p1', code: 'K7P2QXM', identities: [], fields: [], sharedFields: [] };
    await requests.hold('acme', OPEN_A, plan);
    expect(await requests.find('acme', OPEN_A)).toEqual(plan);
    expect(await requests.find('club', OPEN_A)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await requests.find('acme', OPEN_A)).toBeNull();
    await requests.hold('acme', OPEN_A, plan);
    await requests.drop('acme', OPEN_A);
    expect(await requests.find('acme', OPEN_A)).toBeNull();
    await cache.close();
  });
});
