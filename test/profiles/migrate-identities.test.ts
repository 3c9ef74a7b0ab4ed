import { identityModel, type IdentityRecord } from '../../src/identity/identity.model';
import { IDENTITIES_TO_PERSONS, migrateIdentitiesToPersons } from '../../src/profiles/migrate-identities';
import { PersonDirectory } from '../../src/profiles/person-directory';
import { personIdentityModel } from '../../src/profiles/person-identity.model';
import { personModel } from '../../src/profiles/person.model';
import { CacheUnavailableError, type Cache } from '../../src/stores/cache';
import type { DocumentStore } from '../../src/stores/document-store';
import { MemoryCache } from '../../src/stores/memory-cache';
import { migrationMarkerModel } from '../../src/stores/migration-marker.model';
import { documentBackends } from '../builders/document-backends';

const at = new Date('2026-11-24T08:00:00Z');
const now = () => at;
const PLATFORMS: Record<string, string> = { acme: 'default', club: 'default', far: 'faraway' };
const platformOf = (accountId: string) => PLATFORMS[accountId] ?? 'default';

/** Ties as the identity issue stored them: one person on two accounts of one platform, the same FakeID elsewhere, two more. */
const TIES: Array<Pick<IdentityRecord, 'accountId' | 'openId' | 'fakeId'>> = [
  { accountId: 'acme', openId: 'oAcme1', fakeId: '1001' },
  { accountId: 'club', openId: 'oClub1', fakeId: '1001' },
  { accountId: 'far', openId: 'oFar1', fakeId: '1001' },
  { accountId: 'acme', openId: 'oAcme2', fakeId: '1002' },
  { accountId: 'gone', openId: 'oGone3', fakeId: '1003' },
];

const downCache = (): Cache => {
  const down = () => Promise.reject(new CacheUnavailableError('cache down'));
  return { get: down, set: down, setIfAbsent: down, delete: down, lock: down, ping: down, close: () => Promise.resolve() };
};

for (const backend of documentBackends()) {
  describe(`migrating identities to persons (${backend.name} store)`, () => {
    let store: DocumentStore;
    const caches: MemoryCache[] = [];
    const cache = () => {
      const made = new MemoryCache();
      caches.push(made);
      return made;
    };
    const migrate = (on: Cache, persons = new PersonDirectory(store, on, { now }), pageSize = 2) =>
      migrateIdentitiesToPersons({ documents: store, cache: on, persons, platformOf, now, pageSize });

    beforeEach(async () => {
      ({ store } = await backend.open());
      const identities = store.collection(identityModel);
      for (const tie of TIES) await identities.insertOne({ ...tie, strategy: 'beacon', resolvedAt: at });
    });
    afterEach(async () => {
      for (const made of caches.splice(0)) await made.close();
      await store.close();
    });

    /** Every person by the openIDs seen, e.g. `oAcme1 oClub1`, sorted. */
    const personsByOpenIds = async (): Promise<string[]> => {
      const identities = await store.collection(personIdentityModel).find({});
      const byPerson = new Map<string, string[]>();
      for (const identity of identities) byPerson.set(identity.personId, [...(byPerson.get(identity.personId) ?? []), ...identity.accounts.map((a) => a.openId)]);
      expect(await store.collection(personModel).count({})).toBe(byPerson.size);
      return [...byPerson.values()].map((openIds) => openIds.sort().join(' ')).sort();
    };
    const EXPECTED = ['oAcme1 oClub1', 'oAcme2', 'oFar1', 'oGone3'];

    it('gives every stored tie its person, one per FakeID and platform, and leaves a marker', async () => {
      expect(await migrate(cache())).toEqual({ ran: true, count: 5 });
      expect(await personsByOpenIds()).toEqual(EXPECTED);
      const far = await store.collection(personIdentityModel).findOne({ platform: 'faraway' });
      expect(far).toMatchObject({ fakeId: '1001', accounts: [{ accountId: 'far', openId: 'oFar1' }] });
      expect(await store.collection(migrationMarkerModel).find({})).toEqual([{ name: IDENTITIES_TO_PERSONS, doneAt: at, count: 5 }]);
    });

    it('runs once: a second start finds the marker and changes nothing', async () => {
      await migrate(cache());
      const before = await store.collection(personModel).find({}, { sort: { code: 1 } });
      // Even a tie stored since is left to the resolver: the marker says the migration is done.
      await store.collection(identityModel).insertOne({ accountId: 'acme', openId: 'oLate', fakeId: '1009', strategy: 'beacon', resolvedAt: at });
      expect(await migrate(cache())).toEqual({ ran: false, reason: 'done-before' });
      expect(await store.collection(personModel).find({}, { sort: { code: 1 } })).toEqual(before);
    });

    it('lets one of two processes starting together do the work, the lock holder', async () => {
      const shared = cache();
      const outcomes = await Promise.all([migrate(shared), migrate(shared)]);
      expect(outcomes).toEqual(expect.arrayContaining([{ ran: true, count: 5 }, { ran: false, reason: 'running-elsewhere' }]));
      expect(await personsByOpenIds()).toEqual(EXPECTED);
    });

    it('doubles nothing when two runs overlap without a lock (the cache down)', async () => {
      const outcomes = await Promise.all([migrate(downCache()), migrate(downCache())]);
      expect(outcomes).toEqual([{ ran: true, count: 5 }, { ran: true, count: 5 }]);
      expect(await personsByOpenIds()).toEqual(EXPECTED);
      expect(await store.collection(migrationMarkerModel).count({})).toBe(1);
    });

    it('finishes after a run cut short, without a second person for those done before', async () => {
      const persons = new PersonDirectory(store, cache(), { now });
      const real = persons.personFor.bind(persons);
      let calls = 0;
      jest.spyOn(persons, 'personFor').mockImplementation((...args) => {
        calls += 1;
        return calls === 4 ? Promise.reject(new Error('process died')) : real(...args);
      });
      await expect(migrate(cache(), persons)).rejects.toThrow('process died');
      expect(await store.collection(migrationMarkerModel).count({})).toBe(0);
      const halfway = await store.collection(personModel).find({});
      expect(halfway).toHaveLength(2);

      expect(await migrate(cache())).toEqual({ ran: true, count: 5 });
      expect(await personsByOpenIds()).toEqual(EXPECTED);
      const after = await store.collection(personModel).find({});
      for (const person of halfway) expect(after).toContainEqual(person);
    });
  });
}
