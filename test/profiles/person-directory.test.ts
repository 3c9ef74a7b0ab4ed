import { PersonDirectory } from '../../src/profiles/person-directory';
import { personIdentityModel } from '../../src/profiles/person-identity.model';
import { personModel } from '../../src/profiles/person.model';
import { CacheUnavailableError, type Cache } from '../../src/stores/cache';
import type { DocumentStore } from '../../src/stores/document-store';
import { MemoryCache } from '../../src/stores/memory-cache';
import { documentBackends } from '../builders/document-backends';

const at = new Date('2026-11-24T08:00:00Z');
const now = () => at;
const OPEN_A = 'oAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const OPEN_B = 'oBBBBBBBBBBBBBBBBBBBBBBBBBBB';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Codes from a fixed list, in order. */
const codes = (...list: string[]) => () => list.shift() ?? 'ZZZZZZZ';

/** A cache that is down: every call rejects as Redis does when unreachable. */
const downCache = (): Cache => {
  const down = () => Promise.reject(new CacheUnavailableError('cache down'));
  return { get: down, set: down, setIfAbsent: down, delete: down, lock: down, ping: down, close: () => Promise.resolve() };
};

/** A document store that fails every call: what a cache hit must not touch. */
const untouchable = (): DocumentStore => ({
  collection: () => new Proxy({}, { get: () => () => Promise.reject(new Error('the document store was asked')) }) as never,
  ping: () => Promise.resolve(),
  close: () => Promise.resolve(),
});

for (const backend of documentBackends()) {
  describe(`PersonDirectory (${backend.name} store)`, () => {
    let store: DocumentStore;
    let share: (() => Promise<DocumentStore>) | null;
    const opened: Array<DocumentStore | Cache> = [];

    beforeEach(async () => {
      ({ store, share } = await backend.open());
      opened.push(store);
    });
    afterEach(async () => {
      for (const closing of opened.splice(0)) await closing.close();
    });
    const cache = (): MemoryCache => {
      const made = new MemoryCache();
      opened.push(made);
      return made;
    };

    it('creates a person on first sight: a GUID, a person code, the time, and the identity with its account', async () => {
      const persons = new PersonDirectory(store, cache(), { now, newCode: codes('K7P2QXM') });
      const person = await persons.personFor('default', '1001', 'acme', OPEN_A);
      expect(person).toEqual({ personId: expect.stringMatching(UUID), code: 'K7P2QXM', createdAt: at });
      expect(await persons.identitiesOf(person.personId)).toEqual([
        { platform: 'default', fakeId: '1001', personId: person.personId, accounts: [{ accountId: 'acme', openId: OPEN_A }], createdAt: at },
      ]);
      expect(await persons.findByCode('k7p2 qxm')).toEqual(person);
      expect(await persons.findByCode('K7P2QXN')).toBeNull();
      expect(await persons.findByCode('not a code')).toBeNull();
    });

    it('makes one person of a FakeID seen through two accounts of one platform, keeping each openID', async () => {
      const persons = new PersonDirectory(store, cache(), { now });
      const first = await persons.personFor('default', '1001', 'acme', OPEN_A);
      const second = await persons.personFor('default', '1001', 'club', OPEN_B);
      expect(second).toEqual(first);
      const [identity, ...more] = await persons.identitiesOf(first.personId);
      expect(more).toEqual([]);
      expect(identity!.accounts).toEqual([{ accountId: 'acme', openId: OPEN_A }, { accountId: 'club', openId: OPEN_B }]);
      expect(await store.collection(personModel).count({})).toBe(1);
      // Asked again through either account: still one person, the accounts listed once.
      await persons.personFor('default', '1001', 'club', OPEN_B);
      expect((await persons.identitiesOf(first.personId))[0]!.accounts).toHaveLength(2);
      // Found by either openID from the store alone (a fresh cache).
      const fresh = new PersonDirectory(store, cache());
      expect(await fresh.findByAccount('club', OPEN_B)).toEqual(first);
      expect(await fresh.findByAccount('acme', OPEN_A)).toEqual(first);
      expect(await fresh.findByAccount('acme', OPEN_B)).toBeNull();
    });

    it('makes two persons of one FakeID on two platforms', async () => {
      const persons = new PersonDirectory(store, cache(), { now });
      const here = await persons.personFor('default', '1001', 'acme', OPEN_A);
      const there = await persons.personFor('other', '1001', 'elsewhere', OPEN_A);
      expect(there.personId).not.toBe(here.personId);
      expect(there.code).not.toBe(here.code);
      expect(await store.collection(personModel).count({})).toBe(2);
    });

    it('gives one person to concurrent first messages, in one process and across processes', async () => {
      const second = share ? await share() : store;
      if (second !== store) opened.push(second);
      // Each "process" has its own cache, so neither can see the other's answer there.
      const one = new PersonDirectory(store, cache(), { now });
      const two = new PersonDirectory(second, cache(), { now });
      const found = await Promise.all([
        ...Array.from({ length: 5 }, () => one.personFor('default', '2002', 'acme', OPEN_A)),
        ...Array.from({ length: 5 }, () => two.personFor('default', '2002', 'club', OPEN_B)),
      ]);
      expect(new Set(found.map((person) => person.personId)).size).toBe(1);
      expect(new Set(found.map((person) => person.code)).size).toBe(1);
      expect(await store.collection(personModel).count({})).toBe(1);
      const identities = await store.collection(personIdentityModel).find({});
      expect(identities).toHaveLength(1);
      expect(identities[0]!.accounts).toHaveLength(2);
    });

    it('draws another code when the one drawn is taken, and gives up after five clashes', async () => {
      const persons = new PersonDirectory(store, cache(), { now, newCode: codes('AAAAAAA', 'AAAAAAA', 'BBBBBBB') });
      expect((await persons.personFor('default', '1', 'acme', 'o1')).code).toBe('AAAAAAA');
      expect((await persons.personFor('default', '2', 'acme', 'o2')).code).toBe('BBBBBBB');
      const stuck = new PersonDirectory(store, cache(), { now, newCode: () => 'AAAAAAA' });
      await expect(stuck.personFor('default', '3', 'acme', 'o3')).rejects.toThrow(/no free person code after 5 draws/);
    });

    it('creates the person of an identity stored without one (a crash between the two writes)', async () => {
      const personId = '0b7d3a52-3f1e-4c6a-9d2b-5e8f7a6c4d31';
      await store.collection(personIdentityModel).insertOne({ platform: 'default', fakeId: '3003', personId, accounts: [], createdAt: at });
      const persons = new PersonDirectory(store, cache(), { now, newCode: codes('C3C3C3C') });
      expect(await persons.personFor('default', '3003', 'acme', OPEN_A)).toEqual({ personId, code: 'C3C3C3C', createdAt: at });
      expect((await persons.identitiesOf(personId))[0]!.accounts).toEqual([{ accountId: 'acme', openId: OPEN_A }]);
    });

    it('answers a known person from one cache read, without the document store', async () => {
      const shared = cache();
      const person = await new PersonDirectory(store, shared, { now }).personFor('default', '1001', 'acme', OPEN_A);
      const get = jest.spyOn(shared, 'get');
      const set = jest.spyOn(shared, 'set');
      const cachedOnly = new PersonDirectory(untouchable(), shared);
      const found = await cachedOnly.personFor('default', '1001', 'acme', OPEN_A);
      expect(found).toEqual(person);
      expect(found.createdAt).toBeInstanceOf(Date);
      expect(await cachedOnly.findByAccount('acme', OPEN_A)).toEqual(person);
      expect(get).toHaveBeenCalledTimes(2);
      expect(set).not.toHaveBeenCalled();
    });

    it('does not take a cached person of another platform when an account moves to a new one', async () => {
      const shared = cache();
      const persons = new PersonDirectory(store, shared, { now });
      const before = await persons.personFor('default', '1001', 'acme', OPEN_A);
      const after = await persons.personFor('moved', '1001', 'acme', OPEN_A);
      expect(after.personId).not.toBe(before.personId);
      expect(await persons.personFor('moved', '1001', 'acme', OPEN_A)).toEqual(after);
    });

    it('works from the store alone while the cache is down', async () => {
      const persons = new PersonDirectory(store, downCache(), { now });
      const first = await persons.personFor('default', '1001', 'acme', OPEN_A);
      expect(await persons.personFor('default', '1001', 'club', OPEN_B)).toEqual(first);
      expect(await persons.findByAccount('club', OPEN_B)).toEqual(first);
    });
  });
}
