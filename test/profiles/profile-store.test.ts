import type { ConsoleProfile } from '../../src/identity/console-profile.model';
import { PROFILE_FIELDS } from '../../src/profiles/profile-fields';
import { profileItemsModel } from '../../src/profiles/profile-item.model';
import { ProfileStore } from '../../src/profiles/profile-store';
import type { Collection, DocumentStore } from '../../src/stores/document-store';
import { documentBackends } from '../builders/document-backends';

const PERSON = '6f1c2b9e-0d4a-4c3b-9a7e-5b2d8c1f0e3a';
const at = new Date('2026-11-24T08:00:00Z');
const hour = (n: number) => new Date(at.getTime() + n * 3_600_000);
const consoleProfile = (nickName: string, fetchedAt: Date): ConsoleProfile => ({
  accountId: 'acme', fakeId: '501', nickName, remarkName: '', userName: 'u501', signature: '你好',
  country: '中国', province: '广东', city: '广州', gender: 2, fetchedAt,
});
const chatSet = (field: string, value: string, when: Date) => ({ platform: 'wx', accountId: 'acme', field, value, at: when });

/** Counts the calls each collection method gets, to prove a profile is one read. */
function counting(store: DocumentStore): { store: DocumentStore; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    store: {
      ...store,
      collection<T>(model: Parameters<DocumentStore['collection']>[0]) {
        const real = store.collection(model) as Collection<T>;
        return new Proxy(real, {
          get: (target, name: keyof Collection<T>) => (...args: unknown[]) => {
            calls.push(String(name));
            return (target[name] as (...a: unknown[]) => unknown).apply(target, args);
          },
        }) as Collection<T>;
      },
      ping: () => store.ping(),
      close: () => store.close(),
    } as DocumentStore,
  };
}

for (const backend of documentBackends()) {
  describe(`ProfileStore (${backend.name} store)`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      ({ store } = await backend.open());
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates the profile on the first merge, and reads it back with Dates, sources and history', async () => {
      const profiles = new ProfileStore(store, { now: () => hour(9) });
      expect(await profiles.profileOf(PERSON)).toBeNull();
      const first = await profiles.mergePacket(PERSON, 'console', { platform: 'wx', profile: consoleProfile('小李', hour(1)) });
      expect(first).toEqual({ steps: ['nickname', 'gender', 'region', 'signature'].map((field) => ({ field, outcome: 'added' })), refused: [], written: true });
      await profiles.mergePacket(PERSON, 'chat', chatSet('昵称', '李雷', hour(2)));
      const profile = await profiles.profileOf(PERSON);
      expect(profile).toMatchObject({ personId: PERSON, version: 2, updatedAt: hour(9) });
      expect(profile!.items.find((item) => item.field === 'nickname')).toEqual({
        field: 'nickname', value: '李雷', source: { kind: 'chat', platform: 'wx', accountId: 'acme' }, sourceUpdatedAt: hour(2), storedAt: hour(9),
        history: [{ value: '小李', source: { kind: 'console', platform: 'wx', accountId: 'acme' }, sourceUpdatedAt: hour(1) }],
        consoleSeen: [{ platform: 'wx', value: '小李', seenAt: hour(1) }],
      });
    });

    it('writes nothing for a refetch that shows what the console showed before, and keeps the newer chat edit', async () => {
      const profiles = new ProfileStore(store, { now: () => hour(9) });
      await profiles.mergePacket(PERSON, 'console', { platform: 'wx', profile: consoleProfile('小李', hour(1)) });
      await profiles.mergePacket(PERSON, 'chat', chatSet('nickname', '李雷', hour(2)));
      const again = await profiles.mergePacket(PERSON, 'console', { platform: 'wx', profile: consoleProfile('小李', hour(3)) });
      expect(again.written).toBe(false);
      const profile = await profiles.profileOf(PERSON);
      expect(profile!.version).toBe(2);
      expect(profile!.items.find((item) => item.field === 'nickname')!.value).toBe('李雷');
    });

    it('reports refused items and writes only the valid ones', async () => {
      const profiles = new ProfileStore(store, { now: () => hour(9) });
      const report = await profiles.merge(PERSON, {
        items: [
          { field: 'email', value: 'not-an-email', source: { kind: 'chat' }, sourceUpdatedAt: hour(1) },
          { field: 'phone', value: '+8613800138000', source: { kind: 'chat' }, sourceUpdatedAt: hour(1) },
          { field: 'company', value: ' 联络 ', source: { kind: 'chat' }, sourceUpdatedAt: hour(1) },
        ],
        refused: [],
      });
      expect(report.refused.map((refusal) => refusal.field)).toEqual(['email', 'phone']);
      expect((await profiles.profileOf(PERSON))!.items.map((item) => [item.field, item.value])).toEqual([['company', '联络']]);
      expect(await profiles.mergePacket(PERSON, 'chat', chatSet('shoe', '42', hour(2)))).toMatchObject({ written: false, refused: [{ field: 'shoe' }] });
    });

    it('loses no update when many merges of one person run at once', async () => {
      const profiles = new ProfileStore(store, { now: () => hour(9) });
      const fields = PROFILE_FIELDS.filter((field) => !['phone', 'gender', 'email', 'website'].includes(field));
      // Every field set twice at once, by two writers that each also race the profile's creation.
      await Promise.all(fields.flatMap((field, i) => [
        profiles.mergePacket(PERSON, 'chat', chatSet(field, `${field} old`, hour(1))),
        new ProfileStore(store, { now: () => hour(9) }).mergePacket(PERSON, 'chat', chatSet(field, `${field} new`, hour(2 + i))),
      ]));
      const profile = (await profiles.profileOf(PERSON))!;
      expect(profile.items.map((item) => [item.field, item.value]).sort()).toEqual(fields.map((field) => [field, `${field} new`]).sort());
      expect(await store.collection(profileItemsModel).count({})).toBe(1);
    });

    it('reads a whole profile in one store call', async () => {
      const profiles = new ProfileStore(store, { now: () => hour(9) });
      await profiles.mergePacket(PERSON, 'console', { platform: 'wx', profile: consoleProfile('小李', hour(1)) });
      await profiles.mergePacket(PERSON, 'chat', chatSet('email', 'li@example.com', hour(2)));
      const watched = counting(store);
      const profile = await new ProfileStore(watched.store).profileOf(PERSON);
      expect(profile!.items).toHaveLength(5);
      expect(watched.calls).toEqual(['findOne']);
    });

    it('merges items and clears the fields a packet empties in one write; a console value is refused and kept', async () => {
      const profiles = new ProfileStore(store, { now: () => hour(9) });
      await profiles.mergePacket(PERSON, 'console', { platform: 'wx', profile: consoleProfile('小李', hour(1)) });
      await profiles.mergePacket(PERSON, 'chat', chatSet('email', 'li@example.com', hour(2)));
      const report = await profiles.mergePacket(PERSON, 'web', { form: { company: '联络', email: '', nickname: '', about: '' }, at: hour(3) });
      expect(report).toEqual({
        steps: [{ field: 'company', outcome: 'added' }, { field: 'email', outcome: 'cleared' }, { field: 'about', outcome: 'unchanged' }],
        refused: [{ field: 'nickname', reason: expect.objectContaining({ en: expect.stringContaining('comes from the platform profile') }) }],
        written: true,
      });
      const profile = await profiles.profileOf(PERSON);
      expect(profile!.version).toBe(3);
      expect(profile!.items.map((item) => item.field)).toEqual(['nickname', 'gender', 'region', 'signature', 'company']);
      // Only clears, none of them possible: nothing is written.
      expect(await profiles.mergePacket(PERSON, 'web', { form: { nickname: '', about: '' }, at: hour(4) })).toMatchObject({ written: false });
      expect((await profiles.profileOf(PERSON))!.version).toBe(3);
    });

    it('clears a field set from chat, leaves a console value alone, and says when the field was not set', async () => {
      const profiles = new ProfileStore(store, { now: () => hour(9) });
      expect(await profiles.clear(PERSON, 'email')).toEqual({ outcome: 'absent' });
      await profiles.mergePacket(PERSON, 'console', { platform: 'wx', profile: consoleProfile('小李', hour(1)) });
      await profiles.mergePacket(PERSON, 'chat', chatSet('email', 'li@example.com', hour(2)));
      const cleared = await profiles.clear(PERSON, 'email');
      expect(cleared).toMatchObject({ outcome: 'cleared', removed: { field: 'email', value: 'li@example.com' } });
      expect(await profiles.clear(PERSON, 'email')).toEqual({ outcome: 'absent' });
      expect(await profiles.clear(PERSON, 'nickname')).toMatchObject({ outcome: 'console', item: { value: '小李' } });
      const profile = await profiles.profileOf(PERSON);
      expect(profile!.items.map((item) => item.field)).toEqual(['nickname', 'gender', 'region', 'signature']);
      expect(profile!.version).toBe(3);
    });
  });
}
