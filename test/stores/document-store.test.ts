import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { DuplicateKeyError, type DocumentStore } from '../../src/stores/document-store';
import { MongoDocumentStore } from '../../src/stores/mongo-document-store';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import { describeDocumentStoreContract, gadgetModel, SEED, type Gadget } from './document-store-contract';

const tempDirs: string[] = [];

/** A fresh directory per test; `data/` below it does not exist yet, so the store must create it. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lianluo-nedb-'));
  tempDirs.push(dir);
  return path.join(dir, 'data');
}

afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const backends: Array<[string, () => Promise<DocumentStore>]> = [
  ['NedbDocumentStore', async () => new NedbDocumentStore(await dataDir())],
  ['NedbDocumentStore in memory', () => Promise.resolve(NedbDocumentStore.inMemory())],
];

const mongoUri = process.env.MONGODB_URI;
if (mongoUri) {
  // One database per run, dropped afterwards: runs sharing a server never meet.
  const dbName = `lianluo_test_${process.pid}_${Date.now()}`;
  backends.push(['MongoDocumentStore', () => MongoDocumentStore.connect(mongoUri, { dbName })]);
  afterAll(async () => {
    const connection = await mongoose.createConnection(mongoUri, { dbName }).asPromise();
    await connection.dropDatabase();
    await connection.close();
  });
}

for (const [name, make] of backends) describeDocumentStoreContract(name, make);

describe('NedbDocumentStore', () => {
  it('keeps documents, Dates and unique indexes across a close and a reopen of the same directory', async () => {
    const dir = await dataDir();
    const first = new NedbDocumentStore(dir);
    const gadgets = first.collection(gadgetModel);
    for (const doc of SEED) await gadgets.insertOne(doc);
    await gadgets.updateOne({ key: 'b' }, { $inc: { count: 10 } });
    await gadgets.deleteOne({ key: 'e' });
    await first.close();

    expect(await readdir(dir)).toEqual(['contract_gadgets.db']);
    // Closing compacted the file: one line per document (plus one per index), no superseded ones.
    const lines = (await readFile(path.join(dir, 'contract_gadgets.db'), 'utf8')).trim().split('\n');
    expect(lines.filter((line) => !line.includes('$$indexCreated'))).toHaveLength(4);

    const second = new NedbDocumentStore(dir);
    const reopened = second.collection(gadgetModel);
    const docs = await reopened.find({}, { sort: { key: 1 } });
    expect(docs.map((doc) => [doc.key, doc.count])).toEqual([['a', 1], ['b', 15], ['c', 3], ['d', 5]]);
    expect(docs[0]!.seenAt).toBeInstanceOf(Date);
    expect(docs[0]!.seenAt).toEqual(SEED[0]!.seenAt);
    await expect(reopened.insertOne({ key: 'a' })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(reopened.insertOne({ key: 'z', owner: 'bob', slot: 1 })).rejects.toBeInstanceOf(DuplicateKeyError);
    await second.close();
  });

  it('drops an index the schema no longer declares, as syncIndexes does on MongoDB', async () => {
    const dir = await dataDir();
    const first = new NedbDocumentStore(dir);
    await first.collection(gadgetModel).insertOne({ key: 'a', owner: 'ann', slot: 1 });
    await first.close();

    const relaxed = gadgetModel.schema.clone();
    relaxed.clearIndexes();
    relaxed.index({ key: 1 }, { unique: true });
    const second = new NedbDocumentStore(dir);
    const gadgets = second.collection<Gadget>({ name: gadgetModel.name, schema: relaxed });
    await gadgets.insertOne({ key: 'b', owner: 'ann', slot: 1 });
    await expect(gadgets.insertOne({ key: 'a' })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await gadgets.count({ owner: 'ann', slot: 1 })).toBe(2);
    await second.close();
  });

  it('refuses a schema whose values nedb would mangle, naming the path and the fix', async () => {
    const store = new NedbDocumentStore(await dataDir());
    const schema = new Schema({ name: String, items: [{ label: String }] });
    expect(() => store.collection({ name: 'with_subdocs', schema })).toThrow(/with_subdocs\.items\._id.*_id: false/);
    const fixed = new Schema({ name: String, items: [new Schema({ label: String }, { _id: false })] });
    expect(() => store.collection({ name: 'without_ids', schema: fixed })).not.toThrow();
    await store.close();
  });

  it('reports a corrupt file on first use and leaves it as it was', async () => {
    const dir = await dataDir();
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'contract_gadgets.db');
    const garbage = 'not json\n'.repeat(5);
    await writeFile(file, garbage);

    const store = new NedbDocumentStore(dir);
    await expect(store.collection(gadgetModel).count({})).rejects.toThrow(/cannot open .*contract_gadgets\.db/);
    await store.close();
    expect(await readFile(file, 'utf8')).toBe(garbage);
  });
});

describe('MongoDocumentStore when MongoDB is unreachable', () => {
  it('rejects connect with an error naming the server but not the password', async () => {
    const connecting = MongoDocumentStore.connect('mongodb://lianluo:secret@127.0.0.1:1/lianluo', { serverSelectionTimeoutMS: 300 });
    await expect(connecting).rejects.toThrow(/^MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/lianluo is unreachable: /);
    await expect(connecting).rejects.not.toThrow(/secret/);
  });
});
