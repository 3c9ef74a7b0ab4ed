import { ServerSecret } from '../../src/profiles/server-secret';
import { serverSecretModel } from '../../src/profiles/server-secret.model';
import type { DocumentStore } from '../../src/stores/document-store';
import { DuplicateKeyError } from '../../src/stores/document-store';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import { documentBackends } from '../builders/document-backends';

const CONFIGURED = 'a configured SECRET_KEY of at least 32 characters';
const at = new Date('2026-11-24T08:00:00Z');

for (const backend of documentBackends()) {
  describe(`ServerSecret (${backend.name} store)`, () => {
    const opened: DocumentStore[] = [];
    const open = async () => {
      const pair = await backend.open();
      opened.push(pair.store);
      return pair;
    };
    afterEach(async () => {
      for (const closing of opened.splice(0)) await closing.close();
    });

    it('uses SECRET_KEY when set, and stores nothing', async () => {
      const { store } = await open();
      expect((await new ServerSecret(store, CONFIGURED).get()).toString('utf8')).toBe(CONFIGURED);
      expect(await store.collection(serverSecretModel).count({})).toBe(0);
    });

    it('generates 32 bytes once, keeps them, and gives the same to a later instance (a restart or another process)', async () => {
      const { store, share } = await open();
      const first = await new ServerSecret(store, undefined, () => at).get();
      expect(first).toHaveLength(32);
      expect(await new ServerSecret(store).get()).toEqual(first);
      const stored = await store.collection(serverSecretModel).find({});
      expect(stored).toEqual([{ name: 'links', value: first.toString('base64'), createdAt: at }]);
      if (share) {
        const other = await share();
        opened.push(other);
        expect(await new ServerSecret(other).get()).toEqual(first);
      }
    });

    it('of several instances creating it at once, all end with the one that was stored', async () => {
      const { store, share } = await open();
      const stores = share ? [store, await share(), await share()] : [store, store, store];
      opened.push(...stores.filter((other) => other !== store));
      const secrets = await Promise.all(stores.map((each) => new ServerSecret(each).get()));
      const [stored] = await store.collection(serverSecretModel).find({});
      for (const secret of secrets) expect(secret.toString('base64')).toBe(stored?.value);
      expect(await store.collection(serverSecretModel).count({})).toBe(1);
    });
  });
}

describe('ServerSecret against a failing store', () => {
  it('takes the winner after losing the insert, and reads again after a failed read', async () => {
    const store = NedbDocumentStore.inMemory();
    const winner = Buffer.alloc(32, 7).toString('base64');
    const collection = store.collection(serverSecretModel);
    let finds = 0;
    const realFind = collection.findOne.bind(collection);
    jest.spyOn(collection, 'findOne').mockImplementation(async (filter) => {
      finds += 1;
      if (finds === 1) throw new Error('store down');
      return realFind(filter);
    });
    // Another process inserts between this one's read and its insert.
    jest.spyOn(collection, 'insertOne').mockImplementationOnce(async () => {
      await collection.updateOne({ name: 'links' }, { $set: { value: winner, createdAt: at } }, { upsert: true });
      throw new DuplicateKeyError('server_secrets');
    });
    const secret = new ServerSecret(store);
    await expect(secret.get()).rejects.toThrow('store down');
    expect((await secret.get()).toString('base64')).toBe(winner);
    expect((await secret.get()).toString('base64')).toBe(winner);
    expect(finds).toBe(3);
    await store.close();
  });
});
